#ifndef DLM_REPORT_TEXT_HPP
#define DLM_REPORT_TEXT_HPP

// A report as text for a person: the one rendering shared by the `dlm` tool and the test-framework helpers.
//
//     std::cerr << dlm::summary_text(report) << '\n' << dlm::to_text(report);
//     // 1 error, 0 warnings
//     //   error   /properties/dlm:inputs/scaling_factor  schema  expected a number, found a string

#include <dlm/detail/json/quote.hpp>
#include <dlm/report.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dlm {

/// Decorations around the severity word of each line (e.g. ANSI colours); empty by default.
struct report_style {
    /// Written before "error".
    std::string_view error_start{};
    /// Written before "warning".
    std::string_view warning_start{};
    /// Written after the severity word when a start was written.
    std::string_view end{};
};

namespace detail {
/// "1 error", "2 errors": `n` and `noun`, plural unless `n` is 1.
[[nodiscard]] inline std::string count_text(std::size_t n, std::string_view noun) {
    return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

inline void append_finding_lines(std::string& out, std::string_view severity, std::string_view start,
                                 std::string_view end, const std::vector<finding>& findings) {
    for (const finding& f : findings) {
        out += "  ";
        out += start;
        out += severity;
        if (!start.empty()) out += end;
        out.append(8 - severity.size(), ' ');
        // Pointers hold member names from the document: escaped, so that no control character reaches a terminal.
        out += f.pointer.empty() ? std::string("(document)") : printable(f.pointer);
        out += "  ";
        out += f.rule;
        out += "  ";
        out += printable(f.message);
        out += '\n';
    }
}
}  // namespace detail

/// One line per finding, errors first: two spaces, the severity padded to 8 columns, the pointer ("(document)" for the
/// root), the rule and the message, separated by two spaces. Control characters are escaped. Empty for no finding.
[[nodiscard]] inline std::string to_text(const report& r, const report_style& style = {}) {
    std::string out;
    detail::append_finding_lines(out, "error", style.error_start, style.end, r.errors);
    detail::append_finding_lines(out, "warning", style.warning_start, style.end, r.warnings);
    return out;
}

/// "N errors, M warnings", each noun singular when its count is 1.
[[nodiscard]] inline std::string summary_text(const report& r) {
    return detail::count_text(r.errors.size(), "error") + ", " + detail::count_text(r.warnings.size(), "warning");
}

}  // namespace dlm

#endif  // DLM_REPORT_TEXT_HPP
