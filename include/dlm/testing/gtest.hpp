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

}  // namespace dlm::testing

/// Non-fatal: `document` (a nlohmann::json) is valid for the default validator.
#define EXPECT_DLM_VALID(document) EXPECT_PRED_FORMAT1(::dlm::testing::assert_valid, document)
/// Fatal: `document` (a nlohmann::json) is valid for the default validator.
#define ASSERT_DLM_VALID(document) ASSERT_PRED_FORMAT1(::dlm::testing::assert_valid, document)

#endif  // DLM_TESTING_GTEST_HPP
