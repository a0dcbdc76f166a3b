#ifndef DLM_TESTS_FUZZ_TARGET_HPP
#define DLM_TESTS_FUZZ_TARGET_HPP

// The fuzz targets share one libFuzzer binary, dlm_fuzz (one build of dlm and its dependencies' templates instead of
// one per target): every tests/fuzz/fuzz_NAME.cpp defines `int dlm_fuzz_NAME::one_input(data, size)` and registers
// it under NAME; main.cpp runs the one that the environment variable DLM_FUZZ_TARGET names.

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace dlm_fuzz {

using target_function = int (*)(const std::uint8_t* data, std::size_t size);

inline std::map<std::string, target_function>& targets() {
    static std::map<std::string, target_function> registered;
    return registered;
}

struct target_registration {
    target_registration(const char* name, target_function function) { targets().emplace(name, function); }
};

}  // namespace dlm_fuzz

#endif  // DLM_TESTS_FUZZ_TARGET_HPP
