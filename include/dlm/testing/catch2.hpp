#ifndef DLM_TESTING_CATCH2_HPP
#define DLM_TESTING_CATCH2_HPP

// Catch2 assertions and matchers for STAC documents; not included by <dlm/dlm.hpp>.
//
//     CHECK_DLM_VALID(item);                                        // or REQUIRE_DLM_VALID
//     CHECK_DLM_VALID_WITH(relaxed, item);                          // relaxed: a dlm::validator
//     CHECK_DLM_FAILS_WITH(item, dlm::rules::schema, "/properties/dlm:inputs/scaling_factor");
//     REQUIRE_THAT(item, dlm::testing::is_valid());                 // the matcher form
//
// A failure lists every finding (severity, pointer, rule, message). The assertion macros print the findings only;
// the matcher form also prints the document first (Catch2 prints every matched value), which for an Item is long.
// Works with Catch2 v2 (<catch2/catch.hpp>) and v3: the version of the Catch2 header included before this one is
// used; with none included yet, v3 when it is installed.

#include <dlm/testing/detail/support.hpp>
#include <dlm/report.hpp>
#include <dlm/validator.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>

#if defined(CATCH_VERSION_MAJOR)
#if CATCH_VERSION_MAJOR >= 3
#define DLM_DETAIL_CATCH2_V3 1
#endif
#elif __has_include(<catch2/matchers/catch_matchers.hpp>)
#define DLM_DETAIL_CATCH2_V3 1
#endif

#ifdef DLM_DETAIL_CATCH2_V3
#include <catch2/matchers/catch_matchers.hpp>
#else
#include <catch2/catch.hpp>
#endif

namespace dlm::detail {
#ifdef DLM_DETAIL_CATCH2_V3
using catch_json_matcher_base = Catch::Matchers::MatcherBase<nlohmann::json>;
#else
using catch_json_matcher_base = Catch::MatcherBase<nlohmann::json>;
#endif
}  // namespace dlm::detail

namespace dlm::testing {

/// Catch2 matcher: the document passes dlm::validator (no error; warnings are listed but allowed).
class valid_document_matcher final : public detail::catch_json_matcher_base {
public:
    /// Matches with `shared_validator`, which must not be null.
    explicit valid_document_matcher(std::shared_ptr<const validator> shared_validator)
        : validator_(std::move(shared_validator)) {}

    /// Validates `document` and keeps the report for describe().
    bool match(const nlohmann::json& document) const override {
        last_ = validator_->validate(document);
        return last_->ok();
    }

    /// "is a valid STAC document", followed, once matched, by every finding of the last report.
    std::string describe() const override {
        std::string text = "is a valid STAC document";
        if (last_) text += " (dlm validator: " + detail::describe_test_report(*last_) + "\n)";
        return text;
    }

    /// The report of the last match(), if any.
    [[nodiscard]] const std::optional<report>& last_report() const noexcept { return last_; }

private:
    std::shared_ptr<const validator> validator_;
    mutable std::optional<report> last_;
};

/// Matches a document that the default validator (shared by every call) finds valid.
[[nodiscard]] inline valid_document_matcher is_valid() { return valid_document_matcher(detail::default_test_validator()); }

/// Matches a document that `shared_validator` (e.g. one built once with relax_companions) finds valid.
[[nodiscard]] inline valid_document_matcher is_valid(std::shared_ptr<const validator> shared_validator) {
    if (!shared_validator) throw error("", "dlm::testing::is_valid: the validator is null");
    return valid_document_matcher(std::move(shared_validator));
}

/// Matches a document that a validator built with `options` finds valid. Builds (compiles) a validator on every
/// call: in a loop, build one shared validator and pass it instead.
[[nodiscard]] inline valid_document_matcher is_valid(validator_options options) {
    return valid_document_matcher(std::make_shared<const validator>(std::move(options)));
}

/// Catch2 matcher: the document fails the validator with an error of `rule` at `pointer` (other findings allowed).
class failing_document_matcher final : public detail::catch_json_matcher_base {
public:
    failing_document_matcher(std::shared_ptr<const validator> shared_validator, std::string rule, std::string pointer)
        : validator_(std::move(shared_validator)), rule_(std::move(rule)), pointer_(std::move(pointer)) {}

    bool match(const nlohmann::json& document) const override {
        last_ = detail::check_test_finding(document, *validator_, "the document", rule_, pointer_);
        return last_->holds;
    }

    std::string describe() const override {
        std::string text = "fails with " + rule_ + " at " + (pointer_.empty() ? std::string("(document)") : pointer_);
        if (last_) text += " (dlm validator: " + last_->message.substr(last_->message.find("; ") + 2) + "\n)";
        return text;
    }

private:
    std::shared_ptr<const validator> validator_;
    std::string rule_;
    std::string pointer_;
    mutable std::optional<detail::test_verdict> last_;
};

/// Matches a document that the default validator rejects with an error of `rule` at `pointer`.
[[nodiscard]] inline failing_document_matcher fails_with(std::string rule, std::string pointer) {
    return failing_document_matcher(detail::default_test_validator(), std::move(rule), std::move(pointer));
}

/// Matches a document that `shared_validator` rejects with an error of `rule` at `pointer`.
[[nodiscard]] inline failing_document_matcher fails_with(std::shared_ptr<const validator> shared_validator,
                                                         std::string rule, std::string pointer) {
    if (!shared_validator) throw error("", "dlm::testing::fails_with: the validator is null");
    return failing_document_matcher(std::move(shared_validator), std::move(rule), std::move(pointer));
}

}  // namespace dlm::testing

// The assertion macros: on failure, the expression, then every finding; never the document itself.
#define DLM_DETAIL_CATCH_VERDICT(fail, verdict_expression)                     \
    do {                                                                      \
        const ::dlm::detail::test_verdict dlm_detail_verdict_ = verdict_expression; \
        if (dlm_detail_verdict_.holds) {                                      \
            SUCCEED(dlm_detail_verdict_.message);                             \
        } else {                                                              \
            fail(dlm_detail_verdict_.message);                                \
        }                                                                     \
    } while (false)

/// Non-fatal: `document` (a nlohmann::json) is valid for the default validator.
#define CHECK_DLM_VALID(document) \
    DLM_DETAIL_CATCH_VERDICT(FAIL_CHECK, ::dlm::detail::check_test_valid(document, *::dlm::detail::default_test_validator(), #document))
/// Fatal: `document` is valid for the default validator.
#define REQUIRE_DLM_VALID(document) \
    DLM_DETAIL_CATCH_VERDICT(FAIL, ::dlm::detail::check_test_valid(document, *::dlm::detail::default_test_validator(), #document))
/// Non-fatal: `document` is valid for `validator` (a dlm::validator, e.g. one with relaxed companions).
#define CHECK_DLM_VALID_WITH(validator, document) \
    DLM_DETAIL_CATCH_VERDICT(FAIL_CHECK, ::dlm::detail::check_test_valid(document, validator, #document))
/// Fatal: `document` is valid for `validator`.
#define REQUIRE_DLM_VALID_WITH(validator, document) \
    DLM_DETAIL_CATCH_VERDICT(FAIL, ::dlm::detail::check_test_valid(document, validator, #document))
/// Non-fatal: the default validator rejects `document` with an error of `rule` at `pointer` (other findings allowed).
#define CHECK_DLM_FAILS_WITH(document, rule, pointer)                                                           \
    DLM_DETAIL_CATCH_VERDICT(FAIL_CHECK, ::dlm::detail::check_test_finding(                                      \
                                             document, *::dlm::detail::default_test_validator(), #document, rule, pointer))
/// Fatal: the default validator rejects `document` with an error of `rule` at `pointer`.
#define REQUIRE_DLM_FAILS_WITH(document, rule, pointer)                                                         \
    DLM_DETAIL_CATCH_VERDICT(FAIL, ::dlm::detail::check_test_finding(                                            \
                                       document, *::dlm::detail::default_test_validator(), #document, rule, pointer))

#endif  // DLM_TESTING_CATCH2_HPP
