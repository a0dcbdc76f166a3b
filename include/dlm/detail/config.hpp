#ifndef DLM_DETAIL_CONFIG_HPP
#define DLM_DETAIL_CONFIG_HPP

// Header-only (the default) or compiled mode.
//
// Header-only: every definition is in the headers, `inline`. Compiled mode: define DLM_SEPARATE_COMPILATION in every
// translation unit (CMake: link `dlm::dlm_compiled` instead of `dlm::dlm`); the public headers then only declare
// the heavy parts (the validator, the upgrade step and the bundled schemas), and exactly one translation unit
// includes <dlm/src.hpp>, which defines them (the `dlm::dlm_compiled` library is that translation unit).

#if defined(DLM_SEPARATE_COMPILATION)
#define DLM_DECL
#else
#define DLM_DECL inline
#endif

#endif  // DLM_DETAIL_CONFIG_HPP
