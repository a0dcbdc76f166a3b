#ifndef DLM_TESTING_CATCH2_HPP
#define DLM_TESTING_CATCH2_HPP

// Catch2 matcher for STAC documents; not included by <dlm/dlm.hpp>.
//
//     REQUIRE_THAT(item, dlm::testing::is_valid());
//     REQUIRE_THAT(item, dlm::testing::is_valid(relaxed));   // relaxed: a std::shared_ptr<const dlm::validator>
//
// A failure lists every finding (severity, pointer, rule, message). Works with Catch2 v2 (<catch2/catch.hpp>) and v3:
// the version of the Catch2 header included before this one is used; with none included yet, v3 when it is installed.

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

}  // namespace dlm::testing

#endif  // DLM_TESTING_CATCH2_HPP
