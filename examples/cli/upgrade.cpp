// `dlm upgrade`: rewrites legacy dlm input, validates the result, and writes it atomically only when valid.
#include "checking.hpp"
#include "commands.hpp"
#include "files.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include <dlm/error.hpp>
#include <dlm/upgrade.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dlm_cli {

const std::string_view upgrade_help = R"(usage: dlm upgrade [--in-place | -o OUT] [--dry-run] [options] FILE...

Rewrites the legacy forms of the dlm fields (beta2 names such as dtype and framework_version, a
numeric runtime version, tensor channels, null optional fields, selected_band, the object and
list-of-maps class_name_mapping forms, the `dl-model` short name) into v1.0.0-beta.3 form. Each
change is printed as `FILE: POINTER: description`. The result is validated and written only when
it is valid, as JSON indented by 2 spaces.

options:
  -i, --in-place         replace each FILE (atomically: a temporary file .FILE.dlm-tmp in the same
                         directory, then a rename; a file that needs no change is left untouched).
                         Only a regular file is replaced; its mode, owner and group are kept; a
                         file with several hard links or a read-only file is refused
  -o, --output OUT       write the upgraded document to OUT (one FILE only), atomically; `-o -`
                         is standard output
  -f, --force            replace a read-only file (with --in-place or -o)
  -n, --dry-run          print the changes and validate, but write nothing
  --relax-companions     report a missing scientific/eo/version extension as a warning
  --schema URI=FILE      register the JSON Schema in FILE for the extension URI (repeatable)
  -h, --help             show this help

Without --in-place or -o the upgraded document is printed on standard output and the changes go
to standard error. When the upgraded document is invalid its findings are printed on standard
error and nothing is written: the original file is never modified.

exit status: 0 every file upgraded (or already current) and valid, 1 an upgraded document is
invalid, 2 bad usage or a FILE that cannot be read, parsed or written.
)";

namespace {

namespace fs = std::filesystem;

enum class destination { standard_output, in_place, output_file };

struct upgrade_settings {
    std::vector<std::string> files;
    destination to = destination::standard_output;
    std::string output;
    bool dry_run = false;
    write_options writing;
    validation_settings validation;
};

upgrade_settings parse_upgrade_arguments(argument_cursor& args) {
    upgrade_settings s;
    bool in_place = false;
    bool has_output = false;
    while (!args.done()) {
        const std::string option = args.next_option();
        if (option.empty()) {
            s.files.push_back(args.next_positional());
        } else if (option == "--in-place" || option == "-i") {
            args.expect_no_value(option);
            in_place = true;
        } else if (option == "--output" || option == "-o") {
            s.output = args.value(option);
            if (s.output.empty()) throw usage_error(option + " needs a file name");
            has_output = true;
        } else if (option == "--force" || option == "-f") {
            args.expect_no_value(option);
            s.writing.replace_read_only = true;
        } else if (option == "--dry-run" || option == "-n") {
            args.expect_no_value(option);
            s.dry_run = true;
        } else if (!take_validation_option(option, args, s.validation)) {
            throw usage_error("unknown option " + option);
        }
    }
    if (s.files.empty()) throw usage_error("no FILE given");
    if (in_place && has_output) throw usage_error("--in-place and -o cannot be used together");
    if (has_output && s.files.size() != 1) throw usage_error("-o takes exactly one FILE");
    s.to = in_place                          ? destination::in_place
           : has_output && s.output != "-" ? destination::output_file
                                             : destination::standard_output;
    return s;
}

/// Upgrades one file; returns its exit status.
int upgrade_one(const std::string& file, const upgrade_settings& s, const document_validator& validator) {
    const file_content content = read_file(file);
    if (!content.ok) {
        std::cerr << "dlm upgrade: cannot read " << printable(file) << ": " << content.error << '\n';
        return exit_failure;
    }
    std::optional<dlm::upgrade_result> upgraded;
    try {
        upgraded = dlm::upgrade_text(content.text);
    } catch (const dlm::error& e) {
        std::cerr << "dlm upgrade: " << printable(file) << " is not JSON: " << printable(without_quoted_input(e.reason()))
                  << '\n';
        return exit_failure;
    }
    // The changes are results, except when standard output carries the document itself.
    std::ostream& changes_out = (s.to == destination::standard_output && !s.dry_run) ? std::cerr : std::cout;
    for (const auto& change : upgraded->changes)
        changes_out << printable(file) << ": " << printable(display_pointer(change.pointer)) << ": "
                    << printable(change.description) << '\n';

    const dlm::report report = validator.validate(upgraded->document);
    if (!report.ok()) {
        std::cerr << "dlm upgrade: " << printable(file) << ": the upgraded document is invalid (" << report.errors.size()
                  << (report.errors.size() == 1 ? " error" : " errors") << "); nothing written\n"
                  << render_findings(report, false);
        return exit_invalid;
    }
    if (!report.warnings.empty()) std::cerr << printable(file) << ": warnings:\n" << render_findings(report, false);
    if (s.dry_run) return exit_ok;

    const std::string text =
        upgraded->document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    switch (s.to) {
    case destination::standard_output:
        std::cout << text << std::flush;
        return exit_ok;
    case destination::in_place:
        if (upgraded->changes.empty()) {
            std::cerr << printable(file) << ": nothing to upgrade; left as it is\n";
            return exit_ok;
        }
        if (const std::string problem = write_atomically(file, text, s.writing); !problem.empty()) {
            std::cerr << "dlm upgrade: " << printable(file) << " not written: " << printable(problem) << '\n';
            return exit_failure;
        }
        return exit_ok;
    case destination::output_file:
        if (const std::string problem = write_atomically(s.output, text, s.writing); !problem.empty()) {
            std::cerr << "dlm upgrade: " << printable(s.output) << " not written: " << printable(problem) << '\n';
            return exit_failure;
        }
        return exit_ok;
    }
    return exit_ok;
}

}  // namespace

int run_upgrade(argument_cursor args) {
    const upgrade_settings s = parse_upgrade_arguments(args);
    std::optional<document_validator> validator;
    try {
        validator.emplace(s.validation);
    } catch (const std::exception& e) {
        std::cerr << "dlm upgrade: cannot set up the validator: " << e.what() << '\n';
        return exit_failure;
    }
    int status = exit_ok;
    for (const auto& file : s.files) status = std::max(status, upgrade_one(file, s, *validator));
    return status;
}

}  // namespace dlm_cli
