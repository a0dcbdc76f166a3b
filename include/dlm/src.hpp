#ifndef DLM_SRC_HPP
#define DLM_SRC_HPP

// Compiled mode: the definitions of everything the public headers only declare when DLM_SEPARATE_COMPILATION is
// defined. Include this header in exactly one translation unit of the program (the CMake target
// `dlm::dlm_compiled` does it for you); every translation unit, this one included, defines DLM_SEPARATE_COMPILATION.

#if !defined(DLM_SEPARATE_COMPILATION)
#error "<dlm/src.hpp> is for compiled mode: define DLM_SEPARATE_COMPILATION in every translation unit"
#endif

#include <dlm/detail/validate/validator_impl.hpp>

#endif  // DLM_SRC_HPP
