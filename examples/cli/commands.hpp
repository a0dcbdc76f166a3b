// The `dlm` tool's commands. Each takes the arguments after its name and returns the exit status;
// each throws usage_error for bad usage (main prints it with a hint and exits with 2).
#ifndef DLM_CLI_COMMANDS_HPP
#define DLM_CLI_COMMANDS_HPP

#include "args.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace dlm_cli {

/// `dlm validate [options] PATH...`
[[nodiscard]] int run_validate(argument_cursor args);
/// `dlm upgrade [--to 1.0.0|1.1.0] [--in-place | -o OUT | --dry-run] [--allow-invalid] [--format F] PATH...`
[[nodiscard]] int run_upgrade(argument_cursor args);
/// `dlm info [options] PATH...`
[[nodiscard]] int run_info(argument_cursor args);
/// `dlm match [--format text|json] MODEL IMAGERY`
[[nodiscard]] int run_match(argument_cursor args);
/// `dlm find [criteria] PATH...`
[[nodiscard]] int run_find(argument_cursor args);
/// `dlm export-mlm [options] PATH...`
[[nodiscard]] int run_export_mlm(argument_cursor args);

/// The help texts printed by `dlm COMMAND --help`.
extern const std::string_view validate_help;
extern const std::string_view upgrade_help;
extern const std::string_view info_help;
extern const std::string_view match_help;
extern const std::string_view find_help;
extern const std::string_view export_mlm_help;

}  // namespace dlm_cli

#endif  // DLM_CLI_COMMANDS_HPP
