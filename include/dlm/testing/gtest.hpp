#ifndef DLM_TESTING_GTEST_HPP
#define DLM_TESTING_GTEST_HPP

// GoogleTest assertions for STAC documents; not included by <dlm/dlm.hpp>.
//
//     EXPECT_TRUE(dlm::testing::is_valid(item));
//     EXPECT_TRUE(dlm::testing::is_valid(item, *relaxed));   // relaxed: a dlm::validator built once
//     EXPECT_DLM_VALID(item);                                 // or EXPECT_PRED_FORMAT1(dlm::testing::assert_valid, item)
//
// A failure lists every finding (severity, pointer, rule, message).

#include <dlm/testing/detail/support.hpp>
#include <dlm/report.hpp>
#include <dlm/validator.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string_view>

namespace dlm::testing {

/// Success when `document` has no error for `checker` (its warnings are in the message), failure listing every
/// finding otherwise.
[[nodiscard]] inline ::testing::AssertionResult is_valid(const nlohmann::json& document, const validator& checker) {
    const report found = checker.validate(document);
    ::testing::AssertionResult result = found.ok() ? ::testing::AssertionSuccess() : ::testing::AssertionFailure();
    return result << "dlm validator: " << detail::describe_test_report(found);
}

/// is_valid() with the default validator, shared by every call.
[[nodiscard]] inline ::testing::AssertionResult is_valid(const nlohmann::json& document) {
    return is_valid(document, *detail::default_test_validator());
}

/// Predicate-formatter for EXPECT_PRED_FORMAT1 / ASSERT_PRED_FORMAT1: names the expression in the failure.
[[nodiscard]] inline ::testing::AssertionResult assert_valid(const char* expression, const nlohmann::json& document) {
    ::testing::AssertionResult result = is_valid(document);
    if (result) return result;
    return ::testing::AssertionFailure() << expression << " is not a valid STAC document; " << result.message();
}

/// Success when `checker` rejects `document` with an error of `rule` at `pointer` (other findings allowed); the
/// message lists every finding either way.
[[nodiscard]] inline ::testing::AssertionResult fails_with(const nlohmann::json& document, std::string_view rule,
                                                           std::string_view pointer, const validator& checker) {
    const detail::test_verdict verdict = detail::check_test_finding(document, checker, "the document", rule, pointer);
    return (verdict.holds ? ::testing::AssertionSuccess() : ::testing::AssertionFailure()) << verdict.message;
}

/// fails_with() with the default validator.
[[nodiscard]] inline ::testing::AssertionResult fails_with(const nlohmann::json& document, std::string_view rule,
                                                           std::string_view pointer) {
    return fails_with(document, rule, pointer, *detail::default_test_validator());
}

/// Predicate-formatter for EXPECT_PRED_FORMAT2: `document` is valid for `checker`.
[[nodiscard]] inline ::testing::AssertionResult assert_valid_with(const char* checker_expression,
                                                                  const char* expression, const validator& checker,
                                                                  const nlohmann::json& document) {
    static_cast<void>(checker_expression);
    const detail::test_verdict verdict = detail::check_test_valid(document, checker, expression);
    return (verdict.holds ? ::testing::AssertionSuccess() : ::testing::AssertionFailure()) << verdict.message;
}

/// Predicate-formatter for EXPECT_PRED_FORMAT3: the default validator rejects `document` with `rule` at `pointer`.
[[nodiscard]] inline ::testing::AssertionResult assert_fails_with(const char* expression, const char*, const char*,
                                                                  const nlohmann::json& document, std::string_view rule,
                                                                  std::string_view pointer) {
    const detail::test_verdict verdict =
        detail::check_test_finding(document, *detail::default_test_validator(), expression, rule, pointer);
    return (verdict.holds ? ::testing::AssertionSuccess() : ::testing::AssertionFailure()) << verdict.message;
}

}  // namespace dlm::testing

/// Non-fatal: `document` is valid for `validator` (a dlm::validator, e.g. one with relaxed companions).
#define EXPECT_DLM_VALID_WITH(validator, document) EXPECT_PRED_FORMAT2(::dlm::testing::assert_valid_with, validator, document)
/// Fatal: `document` is valid for `validator`.
#define ASSERT_DLM_VALID_WITH(validator, document) ASSERT_PRED_FORMAT2(::dlm::testing::assert_valid_with, validator, document)
/// Non-fatal: the default validator rejects `document` with an error of `rule` at `pointer` (other findings allowed).
#define EXPECT_DLM_FAILS_WITH(document, rule, pointer) \
    EXPECT_PRED_FORMAT3(::dlm::testing::assert_fails_with, document, rule, pointer)
/// Fatal: the default validator rejects `document` with an error of `rule` at `pointer`.
#define ASSERT_DLM_FAILS_WITH(document, rule, pointer) \
    ASSERT_PRED_FORMAT3(::dlm::testing::assert_fails_with, document, rule, pointer)

/// Non-fatal: `document` (a nlohmann::json) is valid for the default validator.
#define EXPECT_DLM_VALID(document) EXPECT_PRED_FORMAT1(::dlm::testing::assert_valid, document)
/// Fatal: `document` (a nlohmann::json) is valid for the default validator.
#define ASSERT_DLM_VALID(document) ASSERT_PRED_FORMAT1(::dlm::testing::assert_valid, document)

#endif  // DLM_TESTING_GTEST_HPP
