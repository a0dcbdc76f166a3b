#ifndef DLM_DETAIL_VALIDATE_VALIDATOR_IMPL_HPP
#define DLM_DETAIL_VALIDATE_VALIDATOR_IMPL_HPP

// The definitions of dlm::validator's members: included by dlm/validator.hpp (header-only) or by dlm/src.hpp
// (compiled mode).

#include <dlm/detail/config.hpp>
#include <dlm/detail/validate/engine.hpp>
#include <dlm/validator.hpp>

#include <memory>
#include <utility>

namespace dlm {

DLM_DECL validator::validator(validator_options options)
    : engine_(std::make_shared<const detail::validation_engine>(std::move(options))) {}

DLM_DECL report validator::validate(const nlohmann::json& document) const { return engine_->validate(document); }

DLM_DECL report validator::validate_text(std::string_view text) const { return engine_->validate_text(text); }

}  // namespace dlm

#endif  // DLM_DETAIL_VALIDATE_VALIDATOR_IMPL_HPP
