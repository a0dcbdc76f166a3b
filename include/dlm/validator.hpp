#ifndef DLM_VALIDATOR_HPP
#define DLM_VALIDATOR_HPP

#include <dlm/detail/config.hpp>
#include <dlm/model.hpp>
#include <dlm/parse.hpp>
#include <dlm/report.hpp>
#include <dlm/validator_options.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace dlm {

namespace detail {
class validation_engine;
}

/// A document read from text by `validator::load`: the document, its report and, when valid, its dlm model.
struct loaded_document {
    /// The parsed document; absent when the text is not JSON or breaks a limit of `dlm::limits`.
    std::optional<nlohmann::json> document{};
    /// Every finding: reading, STAC core and extensions, the dlm rules, and a `dlm.legacy.upgradable` hint.
    dlm::report report{};
    /// The dlm fields as typed structs; present when the document is valid and declares the dlm extension.
    std::optional<dlm::model> model{};

    /// True when the report has no error.
    [[nodiscard]] bool ok() const noexcept { return report.ok(); }
};

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
    explicit validator(validator_options options = {});

    /// Validates one document: an Item ("Feature"), a Collection, a Catalog, or a FeatureCollection whose features
    /// are Items (their findings' pointers start with /features/N).
    [[nodiscard]] report validate(const nlohmann::json& document) const;

    /// Parses `text` with dlm::parse under the configured limits, then validates the document.
    [[nodiscard]] report validate_text(std::string_view text) const;

    /// Reads a document from `text` in one call: parses it (once) under the configured limits, validates it, and, when
    /// it is valid and declares the dlm extension, reads its model. What a service that configures itself from an
    /// Item calls:
    ///
    ///     const dlm::loaded_document loaded = validator.load(text);
    ///     if (!loaded.model) { std::cerr << dlm::to_text(loaded.report); return 1; }
    ///     serve(*loaded.model, *loaded.document);
    [[nodiscard]] loaded_document load(std::string_view text) const;

    /// Validates each document of a parsed input on its own (see dlm::split_features): a FeatureCollection gives one
    /// entry per feature, each with its own report, relative to the feature. The parser's findings go to the document
    /// they lie under; a document the parser could not read entirely (a syntax error, a limit that stops the parse, an
    /// over-long string, bytes that are not UTF-8) is not validated. What a tool that reads files calls, so that the
    /// input is parsed once and its limits are walked once:
    ///
    ///     for (const dlm::input_document& d : validator.validate_each(dlm::parse(text)))
    ///         std::cout << file << d.pointer << (d.ok() ? ": valid\n" : ": invalid\n");
    [[nodiscard]] std::vector<input_document> validate_each(parse_result parsed) const;

    /// Parses `text` under the configured limits, then validates each document it holds (see the overload above).
    [[nodiscard]] std::vector<input_document> validate_each(std::string_view text) const;

private:
    std::shared_ptr<const detail::validation_engine> engine_;
};

}  // namespace dlm

#if !defined(DLM_SEPARATE_COMPILATION)
#include <dlm/detail/validate/validator_impl.hpp>
#endif

#endif  // DLM_VALIDATOR_HPP
