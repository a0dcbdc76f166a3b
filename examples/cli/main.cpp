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
  upgrade FILE...     rewrite legacy dlm forms into v1.0.0-beta.3, validated, written atomically
  info FILE           print a model's deployment summary

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
        struct entry {
            std::string_view name;
            std::string_view help;
            int (*run)(argument_cursor);
        };
        static const entry commands[] = {
            {"validate", validate_help, &run_validate},
            {"upgrade", upgrade_help, &run_upgrade},
            {"info", info_help, &run_info},
        };
        for (const auto& c : commands) {
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
                  << "Try 'dlm " << (command == "validate" || command == "upgrade" || command == "info" ? command + " " : "")
                  << "--help' for more information.\n";
        return exit_failure;
    } catch (const std::exception& e) {
        std::cerr << "dlm: " << e.what() << '\n';
        return exit_failure;
    }
}
