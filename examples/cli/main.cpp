// `dlm`: validate, upgrade and summarize STAC documents that use the Deep Learning Model extension.
#include "args.hpp"
#include "commands.hpp"
#include "output.hpp"

#include <dlm/version.hpp>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

namespace {

constexpr std::string_view main_help = R"(usage: dlm COMMAND [options] ARGS...

Checks and maintains STAC Items and Collections that use the Deep Learning Model (dlm) extension
v1.0.0-beta.3, offline.

commands:
  validate PATH...    validate files, directories (recursively) or standard input (-)
  upgrade PATH...     migrate to STAC 1.0.0/1.1.0 with the dlm rewrites, validated, written atomically
  info PATH...        print each model's deployment view (text or JSON lines)
  match MODEL IMAGERY which imagery bands feed the model, and what their pixels need
  find PATH...        list the models that match a task, bands, data type, framework, GPU need
  export-mlm PATH...  export to mlm (the extension that supersedes dlm), with a report of what changed

options:
  -h, --help          show this help (dlm COMMAND --help: the command's help)
  --version           print the version

exit status: 0 success / valid, 1 invalid, 2 bad usage or unreadable input.
)";

/// True when `--help`/`-h` appears among the options (before `--`).
bool wants_help(const std::vector<std::string>& args) {
    for (const auto& arg : args) {
        if (arg == "--") return false;
        if (arg == "--help" || arg == "-h") return true;
    }
    return false;
}

/// One command: its name, its help text and what runs it.
struct command_entry {
    std::string_view name;
    std::string_view help;
    int (*run)(dlm_cli::argument_cursor);
};

/// Every command (a function-local table: the help texts are defined in other translation units).
const std::vector<command_entry>& commands() {
    using namespace dlm_cli;
    static const std::vector<command_entry> table = {
        {"validate", validate_help, &run_validate},
        {"upgrade", upgrade_help, &run_upgrade},
        {"info", info_help, &run_info},
        {"match", match_help, &run_match},
        {"find", find_help, &run_find},
        {"export-mlm", export_mlm_help, &run_export_mlm},
    };
    return table;
}

/// True when `name` is one of the commands.
bool is_command(std::string_view name) {
    for (const auto& c : commands()) {
        if (c.name == name) return true;
    }
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    using namespace dlm_cli;
    const std::vector<std::string> all(argv + 1, argv + argc);
    if (all.empty()) {
        std::cerr << main_help;
        return exit_failure;
    }
    const std::string& command = all.front();
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << main_help;
        return flush_standard_output("help") ? exit_ok : exit_failure;
    }
    if (command == "--version") {
        std::cout << "dlm " << dlm::library_version << '\n';
        return flush_standard_output("--version") ? exit_ok : exit_failure;
    }
    std::vector<std::string> rest(all.begin() + 1, all.end());
    try {
        for (const auto& c : commands()) {
            if (c.name != command) continue;
            if (wants_help(rest)) {
                std::cout << c.help;
                return exit_ok;
            }
            const int status = c.run(argument_cursor(std::move(rest)));
            // What could not be written to standard output is lost: an error, whatever the command found.
            return flush_standard_output(c.name) ? status : exit_failure;
        }
        throw usage_error(command.rfind('-', 0) == 0 ? "unknown option " + command : "unknown command '" + command + "'");
    } catch (const usage_error& e) {
        std::cerr << "dlm: " << e.what() << "\n"
                  << "Try 'dlm " << (is_command(command) ? command + " " : std::string())
                  << "--help' for more information.\n";
        return exit_failure;
    } catch (const std::exception& e) {
        std::cerr << "dlm: " << e.what() << '\n';
        return exit_failure;
    }
}
