#ifndef DLM_TESTING_DETAIL_SUPPORT_HPP
#define DLM_TESTING_DETAIL_SUPPORT_HPP

// Shared by dlm/testing/catch2.hpp and dlm/testing/gtest.hpp: the default validator and the text of a report.

#include <dlm/report.hpp>
#include <dlm/report_text.hpp>
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

/// "N errors, M warnings" followed by one line per finding (severity, pointer, rule, message), like `dlm validate`.
inline std::string describe_test_report(const report& r) {
    std::string lines = to_text(r);
    if (!lines.empty()) lines.pop_back();  // the matcher's caller ends the line
    return summary_text(r) + (lines.empty() ? "" : "\n" + lines);
}

}  // namespace dlm::detail

#endif  // DLM_TESTING_DETAIL_SUPPORT_HPP
