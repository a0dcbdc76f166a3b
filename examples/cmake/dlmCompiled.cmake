# dlm::dlm_compiled: dlm in compiled mode. Every translation unit that links it is compiled with
# DLM_SEPARATE_COMPILATION, so the public headers only declare the heavy parts (the validator with its bundled
# schemas, the upgrade step); their definitions are compiled once, from <dlm/src.hpp>, into a static library built in
# the consumer's own build (so the installed package stays header-only and architecture-independent).
# Included by dlm's CMakeLists.txt (add_subdirectory) and by the installed dlmConfig.cmake (find_package).
if(NOT TARGET dlm::dlm_compiled)
  set(_dlm_compiled_source "${CMAKE_CURRENT_BINARY_DIR}/dlm_compiled/dlm_src.cpp")
  file(CONFIGURE OUTPUT "${_dlm_compiled_source}" CONTENT "#include <dlm/src.hpp>\n")
  add_library(dlm_compiled STATIC EXCLUDE_FROM_ALL "${_dlm_compiled_source}")
  target_link_libraries(dlm_compiled PUBLIC dlm::dlm)
  target_compile_definitions(dlm_compiled PUBLIC DLM_SEPARATE_COMPILATION)
  set_target_properties(dlm_compiled PROPERTIES POSITION_INDEPENDENT_CODE ON)
  add_library(dlm::dlm_compiled ALIAS dlm_compiled)
endif()
