#ifndef DLM_TESTING_DETAIL_SUPPORT_HPP
#define DLM_TESTING_DETAIL_SUPPORT_HPP

// Shared by dlm/testing/catch2.hpp and dlm/testing/gtest.hpp: the default validator and the text of a report.

#include <dlm/report.hpp>
#include <dlm/validator.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dlm::detail {

/// The validator with default options, built on first use and shared by every test assertion of the program.
inline const std::shared_ptr<const validator>& default_test_validator() {
    static const std::shared_ptr<const validator> shared = std::make_shared<const validator>();
    return shared;
}

inline void append_test_findings(std::string& out, std::string_view severity, const std::vector<finding>& findings) {
    for (const finding& f : findings) {
        out += "\n  ";
        out += severity;
        out.append(8 - severity.size(), ' ');
        out += f.pointer.empty() ? std::string_view("(document)") : std::string_view(f.pointer);
        out += "  ";
        out += f.rule;
        out += "  ";
        out += f.message;
    }
}

/// "N errors, M warnings" followed by one line per finding (severity, pointer, rule, message), like `dlm validate`.
inline std::string describe_test_report(const report& r) {
    const auto count = [](std::size_t n, std::string_view noun) {
        return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
    };
    std::string out = count(r.errors.size(), "error") + ", " + count(r.warnings.size(), "warning");
    append_test_findings(out, "error", r.errors);
    append_test_findings(out, "warning", r.warnings);
    return out;
}

}  // namespace dlm::detail

#endif  // DLM_TESTING_DETAIL_SUPPORT_HPP
