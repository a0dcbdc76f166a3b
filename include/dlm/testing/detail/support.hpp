#ifndef DLM_TESTING_DETAIL_SUPPORT_HPP
#define DLM_TESTING_DETAIL_SUPPORT_HPP

// Shared by dlm/testing/catch2.hpp and dlm/testing/gtest.hpp: the default validator, the verdicts of the two checks
// (a document is valid; a document fails with a given rule at a given pointer) and their messages.

#include <dlm/report.hpp>
#include <dlm/report_text.hpp>
#include <dlm/validator.hpp>

#include <nlohmann/json.hpp>

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

/// The outcome of one test assertion about a document: whether it holds, and what to print when it does not.
struct test_verdict {
    bool holds = false;
    std::string message;
};

/// "`expression` is a valid STAC document", or why not (every finding).
inline test_verdict check_test_valid(const nlohmann::json& document, const validator& checker,
                                     std::string_view expression) {
    const report found = checker.validate(document);
    test_verdict verdict;
    verdict.holds = found.ok();
    verdict.message = std::string(expression) + (verdict.holds ? " is a valid STAC document; " : " is not a valid STAC document; ") +
                      describe_test_report(found);
    return verdict;
}

/// "`expression` fails with `rule` at `pointer`": true when the report has an error with exactly that rule and
/// pointer; the message lists what was found instead.
inline test_verdict check_test_finding(const nlohmann::json& document, const validator& checker,
                                       std::string_view expression, std::string_view rule, std::string_view pointer) {
    const report found = checker.validate(document);
    test_verdict verdict;
    for (const finding& f : found.errors) verdict.holds = verdict.holds || (f.rule == rule && f.pointer == pointer);
    verdict.message = std::string(expression) + (verdict.holds ? " fails with " : " does not fail with ") +
                      std::string(rule) + " at " + (pointer.empty() ? std::string("(document)") : std::string(pointer)) +
                      "; " + describe_test_report(found);
    return verdict;
}

}  // namespace dlm::detail

#endif  // DLM_TESTING_DETAIL_SUPPORT_HPP
