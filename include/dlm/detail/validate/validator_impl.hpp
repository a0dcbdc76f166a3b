#ifndef DLM_DETAIL_VALIDATE_VALIDATOR_IMPL_HPP
#define DLM_DETAIL_VALIDATE_VALIDATOR_IMPL_HPP

// The definitions of dlm::validator's members: included by dlm/validator.hpp (header-only) or by dlm/src.hpp
// (compiled mode).

#include <dlm/detail/config.hpp>
#include <dlm/detail/validate/engine.hpp>
#include <dlm/detail/stac/document_type.hpp>
#include <dlm/rules.hpp>
#include <dlm/stac.hpp>
#include <dlm/validator.hpp>

#include <memory>
#include <utility>

namespace dlm {

DLM_DECL validator::validator(validator_options options)
    : engine_(std::make_shared<const detail::validation_engine>(std::move(options))) {}

DLM_DECL report validator::validate(const nlohmann::json& document) const { return engine_->validate(document); }

DLM_DECL report validator::validate_text(std::string_view text) const { return engine_->validate_text(text); }

DLM_DECL loaded_document validator::load(std::string_view text) const {
    parse_result parsed = engine_->parse_and_validate(text);
    loaded_document out;
    out.report = std::move(parsed.findings);
    out.document = std::move(parsed.document);
    if (!out.document || !out.report.ok() || !has_extension(*out.document)) return out;
    const detail::stac_type type = detail::type_of(*out.document);
    if (type != detail::stac_type::item && type != detail::stac_type::collection) return out;
    try {
        out.model = read_model(*out.document);
    } catch (const error& e) {  // the validator accepted what the model cannot hold: say so rather than drop it
        out.report.error(rules::schema_error, e.pointer(), "the document is valid but its model cannot be read: " + e.reason());
    }
    return out;
}

DLM_DECL std::vector<input_document> validator::validate_each(parse_result parsed) const {
    std::vector<input_document> documents = split_features(std::move(parsed));
    for (input_document& d : documents) {
        if (d.document) engine_->validate_parsed(*d.document, d.report);
    }
    return documents;
}

DLM_DECL std::vector<input_document> validator::validate_each(std::string_view text) const {
    return validate_each(engine_->parse(text));
}

}  // namespace dlm

#endif  // DLM_DETAIL_VALIDATE_VALIDATOR_IMPL_HPP
