// Invariants every dlm report must keep whatever the input, shared by the fuzz targets and tests/test_hostile.cpp.
// Each check aborts on failure, so libFuzzer reports the input and the Catch2 replay test dies loudly.
#ifndef DLM_FUZZ_CHECKS_HPP
#define DLM_FUZZ_CHECKS_HPP

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/report.hpp>

namespace dlm_fuzz {

/// Longest message a finding may carry: quoted input is truncated, so anything longer echoes the input.
inline constexpr std::size_t max_message_bytes = 4096;

/// Aborts with `what` when `condition` is false.
inline void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "dlm fuzz invariant violated: %s\n", what);
        std::abort();
    }
}

/// Every finding has a rule, a pointer that is "" or starts with '/', a short message, and all three are valid
/// UTF-8 (nlohmann's dump() throws type_error.316 otherwise, which is how a CLI's JSON output would fail).
inline void check_findings(const std::vector<dlm::finding>& findings) {
    for (const dlm::finding& f : findings) {
        require(!f.rule.empty(), "a finding has an empty rule");
        require(f.pointer.empty() || f.pointer.front() == '/', "a finding's pointer is not a JSON pointer");
        require(f.message.size() <= max_message_bytes, "a finding's message is longer than max_message_bytes");
        try {
            static_cast<void>(nlohmann::json({{"rule", f.rule}, {"pointer", f.pointer}, {"message", f.message}}).dump());
        } catch (const std::exception&) {
            require(false, "a finding is not valid UTF-8 (json::dump threw)");
        }
    }
}

/// `check_findings` over the errors and the warnings of `r`.
inline void check_report(const dlm::report& r) {
    check_findings(r.errors);
    check_findings(r.warnings);
}

}  // namespace dlm_fuzz

#endif  // DLM_FUZZ_CHECKS_HPP
