#ifndef DLM_VALIDATOR_HPP
#define DLM_VALIDATOR_HPP

#include <dlm/detail/validate/engine.hpp>
#include <dlm/report.hpp>
#include <dlm/validator_options.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <string_view>
#include <utility>

namespace dlm {

/// Validates STAC Items, Collections and Catalogs (and FeatureCollections of Items) against STAC core, every
/// declared extension and the rules of the dlm extension, offline.
///
/// Build one validator and share it: construction compiles every schema (see the README for its cost);
/// `validate` is const and safe to call from any number of threads at once. The compiled schemas are read-only
/// during validation; valijson's per-call state (its regex cache) lives in a thread_local valijson::Validator.
/// A schema returned by the resolver is compiled once, by the first thread that needs it and without holding a lock
/// other validations need (see validator_options::resolver for what a resolver may do). The same document always gets
/// the same report. Validation needs about 1 MB of stack.
///
///     const dlm::validator validator;
///     const dlm::report report = validator.validate(item);
///     for (const dlm::finding& f : report.errors) std::cerr << f.pointer << ": " << f.message << " [" << f.rule << "]\n";
class validator {
public:
    /// Compiles the shipped schemas and `options.schemas`; throws dlm::error when a registered schema is unusable
    /// (not an object, past `options.schema_limits`, an invalid keyword value such as `multipleOf: 0` or an empty
    /// `enum`, a pattern that is refused, a `$ref` that resolves nowhere, a `$ref` cycle) or has a shipped URI.
    explicit validator(validator_options options = {})
        : engine_(std::make_shared<const detail::validation_engine>(std::move(options))) {}

    /// Validates one document: an Item ("Feature"), a Collection, a Catalog, or a FeatureCollection whose features
    /// are Items (their findings' pointers start with /features/N).
    [[nodiscard]] report validate(const nlohmann::json& document) const { return engine_->validate(document); }

    /// Parses `text` with dlm::parse under the configured limits, then validates the document.
    [[nodiscard]] report validate_text(std::string_view text) const { return engine_->validate_text(text); }

private:
    std::shared_ptr<const detail::validation_engine> engine_;
};

}  // namespace dlm

#endif  // DLM_VALIDATOR_HPP
