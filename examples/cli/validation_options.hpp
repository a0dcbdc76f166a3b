// The validator options the commands share (`--relax-companions`, `--schema URI=FILE`) and setting up the validator.
#ifndef DLM_CLI_VALIDATION_OPTIONS_HPP
#define DLM_CLI_VALIDATION_OPTIONS_HPP

#include "args.hpp"

#include <dlm/validator.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace dlm_cli {

/// Handles `--relax-companions` and `--schema URI=FILE` into `options`: returns false when `option` is neither.
/// Throws usage_error for a bad value or a schema file that cannot be read or is not JSON.
[[nodiscard]] bool take_validation_option(const std::string& option, argument_cursor& args,
                                          dlm::validator_options& options);

/// The validator `options` describe, or nullopt after saying on standard error why it cannot be built (e.g. a
/// `--schema` that is not a schema), as `dlm COMMAND: cannot set up the validator: REASON`.
[[nodiscard]] std::optional<dlm::validator> make_validator(std::string_view command, dlm::validator_options options);

}  // namespace dlm_cli

#endif  // DLM_CLI_VALIDATION_OPTIONS_HPP
