// The libFuzzer entry points of dlm_fuzz: DLM_FUZZ_TARGET=NAME chooses the target (tests/fuzz/fuzz_NAME.cpp).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "fuzz_target.hpp"

namespace {
dlm_fuzz::target_function chosen = nullptr;
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    const char* name = std::getenv("DLM_FUZZ_TARGET");
    const auto& targets = dlm_fuzz::targets();
    const auto found = name != nullptr ? targets.find(name) : targets.end();
    if (found == targets.end()) {
        std::fprintf(stderr, "dlm_fuzz: set DLM_FUZZ_TARGET to one of:");
        for (const auto& target : targets) std::fprintf(stderr, " %s", target.first.c_str());
        std::fprintf(stderr, "\n");
        std::exit(2);
    }
    chosen = found->second;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) { return chosen(data, size); }
