# dlm_add_validation_test(NAME <name> PATHS <file-or-directory>... [RELAX_COMPANIONS] [LINKS])
#
# Registers a CTest test that runs `dlm validate [--relax-companions] [--links] -- <paths>...`: it passes when every
# document is valid (warnings allowed) and fails, printing each finding, otherwise. Relative paths are taken from
# the calling CMakeLists.txt's directory; a directory means every *.json file below it.
#
# Available after find_package(dlm) (installed next to dlmConfig.cmake; the `dlm` tool is the imported target
# dlm::dlm_cli) and after add_subdirectory() of the dlm source tree with DLM_BUILD_EXAMPLES=ON (the tool is built).
include_guard(GLOBAL)

function(dlm_add_validation_test)
  cmake_parse_arguments(PARSE_ARGV 0 _dlm "RELAX_COMPANIONS;LINKS" "NAME" "PATHS")
  if(_dlm_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "dlm_add_validation_test: unknown arguments: ${_dlm_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT _dlm_NAME)
    message(FATAL_ERROR "dlm_add_validation_test: NAME is required")
  endif()
  if(NOT _dlm_PATHS)
    message(FATAL_ERROR "dlm_add_validation_test(${_dlm_NAME}): PATHS needs at least one file or directory")
  endif()
  if(NOT TARGET dlm::dlm_cli)
    message(FATAL_ERROR "dlm_add_validation_test(${_dlm_NAME}): the `dlm` tool (target dlm::dlm_cli) is not available; "
                        "install dlm with DLM_BUILD_EXAMPLES=ON, or set DLM_BUILD_EXAMPLES=ON before add_subdirectory")
  endif()

  set(_dlm_command validate)
  if(_dlm_RELAX_COMPANIONS)
    list(APPEND _dlm_command --relax-companions)
  endif()
  if(_dlm_LINKS)
    list(APPEND _dlm_command --links)
  endif()
  list(APPEND _dlm_command --)
  foreach(_dlm_path IN LISTS _dlm_PATHS)
    cmake_path(ABSOLUTE_PATH _dlm_path BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}" NORMALIZE)
    list(APPEND _dlm_command "${_dlm_path}")
  endforeach()

  add_test(NAME ${_dlm_NAME} COMMAND "$<TARGET_FILE:dlm::dlm_cli>" ${_dlm_command})
  set_property(TEST ${_dlm_NAME} APPEND PROPERTY LABELS dlm-validation)
endfunction()
