// `dlm upgrade`: migrates documents to STAC 1.0.0 or 1.1.0 with the dlm rewrites, validates the result, and
// writes it atomically only when valid (or, with --allow-invalid, the best result anyway).
#include "validation_options.hpp"
#include "commands.hpp"
#include "destination.hpp"
#include "files.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include <dlm/edit.hpp>
#include <dlm/error.hpp>
#include <dlm/migrate.hpp>
#include <dlm/patch.hpp>
#include <dlm/rules.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace dlm_cli {

const std::string_view upgrade_help = R"(usage: dlm upgrade [--to 1.0.0|1.1.0] [--in-place | -o OUT | --dry-run] [--allow-invalid]
                   [--format text|json|json-patch] [options] PATH...

Migrates STAC documents that carry dlm metadata, from any STAC version since 0.6.0, to STAC 1.0.0
(or 1.1.0 with --to 1.1.0), then rewrites the legacy forms of the dlm fields (beta2 names such as
dtype and framework_version, a numeric runtime version, tensor channels, null optional fields,
selected_band, the object and list-of-maps class_name_mapping forms, the `dl-model` short name)
into v1.0.0-beta.3 form. Values that cannot be derived (a provider role outside the allowed list,
the `version` the version extension requires, a class count that disagrees with the classes) are
never invented: they are listed as "needs a value" with their pointer and what is allowed.

The input may hold // and /* */ comments and trailing commas: they are removed, and each removal is
reported as a change. Everything the upgrade does not change is written back byte for byte (member
order, indentation, number literals, string escapes).

PATH is a FILE, a DIRECTORY (every *.json file below it, recursively, in sorted order; needs
--in-place or --dry-run) or - (standard input, one document, written to standard output or -o).

options:
  --to VERSION           the STAC version to migrate to: 1.0.0 (default) or 1.1.0
  -i, --in-place         replace each FILE (atomically: a temporary file .FILE.dlm-tmp in the same
                         directory, then a rename; a file that needs no change is left untouched).
                         Only a regular file is replaced; its mode, owner and group are kept; a
                         file with several hard links or a read-only file is refused
  -o, --output OUT       write the upgraded document to OUT (one PATH only), atomically; `-o -`
                         is standard output
  -f, --force            replace a read-only file (with --in-place or -o)
  -n, --dry-run          print the changes and validate, but write nothing
  --allow-invalid        write the best result even when it is still invalid (exit status 1), and
                         list what is still wrong and which values a person must supply
  --format FORMAT        text (default): `PATH: POINTER: reason` per change; json: one JSON object
                         per document per line {"path", "from", "to", "changes": [{"op", "pointer",
                         "reason"}], "needs": [{"pointer", "what", "allowed"}], "errors",
                         "warnings", "valid", "written"} (a removed comment or trailing comma is a
                         change with "op": "remove-text", "line" and "column"); json-patch: the
                         RFC 6902 patch of each document (with a "reason" per operation), one JSON
                         array per line, which applies to the text without its comments
  --relax-companions     report a missing scientific/eo/version extension as a warning
  --schema URI=FILE      register the JSON Schema in FILE for the extension URI (repeatable); the
                         value is split at its first '=' (FILE may contain '=', URI may not); a URI
                         whose schema ships with dlm cannot be replaced
  -h, --help             show this help

Without --in-place or -o the upgraded document is printed on standard output and the report goes
to standard error. When the upgraded document is invalid its findings are printed on standard
error and nothing is written (unless --allow-invalid): the original file is never modified.

exit status: 0 every document upgraded (or already current) and valid, 1 an upgraded document is
invalid (written or not), 2 bad usage or a PATH that cannot be read, parsed or written.
)";

namespace {

namespace fs = std::filesystem;

enum class report_format { text, json, json_patch };

struct upgrade_settings {
    std::vector<std::string> paths;
    destination_options where;
    bool allow_invalid = false;
    report_format format = report_format::text;
    dlm::stac_target target = dlm::stac_target::v1_0_0;
    dlm::validator_options validation;
};

upgrade_settings parse_upgrade_arguments(argument_cursor& args) {
    upgrade_settings s;
    destination_parser where;
    while (!args.done()) {
        const std::string option = args.next_option();
        if (option.empty()) {
            s.paths.push_back(args.next_positional());
        } else if (where.take(option, args)) {
        } else if (option == "--allow-invalid") {
            args.expect_no_value(option);
            s.allow_invalid = true;
        } else if (option == "--to") {
            const std::string value = args.value(option);
            const auto target = dlm::parse_stac_target(value);
            if (!target) throw usage_error("--to must be 1.0.0 or 1.1.0, not '" + value + "'");
            s.target = *target;
        } else if (option == "--format") {
            const std::string value = args.value(option);
            if (value == "text") {
                s.format = report_format::text;
            } else if (value == "json") {
                s.format = report_format::json;
            } else if (value == "json-patch") {
                s.format = report_format::json_patch;
            } else {
                throw usage_error("--format must be text, json or json-patch, not '" + value + "'");
            }
        } else if (!take_validation_option(option, args, s.validation)) {
            throw usage_error("unknown option " + option);
        }
    }
    if (s.paths.empty()) throw usage_error("no PATH given (use - for standard input)");
    s.where = where.settle(s.paths);
    // An upgraded document keeps its own layout, so documents cannot share standard output.
    const bool standard_input = std::find(s.paths.begin(), s.paths.end(), "-") != s.paths.end();
    if (standard_input && s.paths.size() != 1) throw usage_error("- (standard input) cannot be combined with other PATHs");
    if (s.where.to == destination::standard_output || s.where.to == destination::output_file) {
        for (const std::string& path : s.paths) {
            std::error_code error;
            if (path != "-" && fs::is_directory(path, error)) {
                throw usage_error("a DIRECTORY needs --in-place or --dry-run (" + path + ")");
            }
        }
    }
    return s;
}

/// One document: read, migrated, validated, perhaps written.
struct outcome {
    std::string path;
    std::optional<dlm::migration_result> migration;
    dlm::report report;
    bool written = false;
    int status = exit_ok;
};

/// Reads a document for upgrade (leniently: comments and trailing commas are removed and reported) and migrates
/// it. Throws dlm::error when the text is not a document.
dlm::migration_result migrate_input(const std::string& text, dlm::stac_target target) {
    return dlm::migrate_text(text, target, {}, dlm::reading::lenient);
}

/// The text written for a migrated document: the original text with only the changed members rewritten.
const std::string& output_text(const dlm::migration_result& migration) { return migration.text; }

/// True when the migration changes the text: an operation, or a comment or trailing comma removed.
bool changes_anything(const dlm::migration_result& migration) {
    return !migration.changes.empty() || !migration.removals.empty();
}

/// Where a change is shown: where the value was (a move's source), else the operation's path.
const std::string& shown_pointer(const dlm::patch_operation& op) {
    return op.op == dlm::patch_op::move || op.op == dlm::patch_op::copy ? op.from : op.path;
}

std::string render_json_line(const outcome& o, dlm::stac_target target) {
    nlohmann::ordered_json line;  // members in the documented order
    line["path"] = o.path;
    line["from"] = nullptr;
    line["to"] = std::string(dlm::to_string(target));
    nlohmann::ordered_json changes = nlohmann::ordered_json::array();
    nlohmann::ordered_json needs = nlohmann::ordered_json::array();
    if (o.migration) {
        line["from"] = o.migration->found_version;
        for (const dlm::text_removal& removal : o.migration->removals) {
            changes.push_back({{"op", "remove-text"}, {"pointer", ""}, {"reason", removal.reason},
                               {"line", removal.line}, {"column", removal.column}});
        }
        for (const dlm::patch_operation& op : o.migration->changes) {
            changes.push_back({{"op", std::string(dlm::to_string(op.op))}, {"pointer", op.path}, {"reason", op.reason}});
            if (op.op == dlm::patch_op::move || op.op == dlm::patch_op::copy) changes.back()["from"] = op.from;
        }
        for (const dlm::needed_value& n : o.migration->needs) {
            needs.push_back({{"pointer", n.pointer}, {"what", n.what}, {"allowed", n.allowed}});
        }
    }
    line["changes"] = std::move(changes);
    line["needs"] = std::move(needs);
    line["errors"] = findings_json(o.report.errors);
    line["warnings"] = findings_json(o.report.warnings);
    line["valid"] = o.migration && o.report.ok();
    line["written"] = o.written;
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

class upgrader {
public:
    upgrader(const upgrade_settings& settings, const dlm::validator& validator)
        : s_(settings), validator_(validator) {}

    /// Upgrades every PATH; returns the exit status.
    int run() {
        int status = exit_ok;
        for (const std::string& path : s_.paths) {
            std::error_code error;
            if (path == "-") {
                std::ostringstream text;
                text << std::cin.rdbuf();
                status = std::max(status, upgrade_text("-", text.str(), std::nullopt));
            } else if (fs::is_directory(path, error)) {
                for (const walk_entry& entry : walk_directory(path)) {
                    status = std::max(status, entry.error.empty() ? upgrade_file(entry.path.string())
                                                                  : failed(entry.path.string(), entry.error));
                }
            } else {
                status = std::max(status, upgrade_file(path));
            }
        }
        return status;
    }

private:
    /// The report goes to standard error when standard output carries the upgraded document itself.
    [[nodiscard]] std::ostream& report_stream() const {
        return s_.where.to == destination::standard_output ? std::cerr : std::cout;
    }

    int failed(const std::string& path, const std::string& why) {
        std::cerr << "dlm upgrade: " << printable(path) << ": " << printable(why) << '\n';
        if (s_.format == report_format::json) {
            outcome o{path, std::nullopt, {}, false, exit_failure};
            o.report.error(dlm::rules::input_unreadable, "", why);
            report_stream() << render_json_line(o, s_.target);
        }
        return exit_failure;
    }

    int upgrade_file(const std::string& path) {
        const file_content content = read_file(path);
        if (!content.ok) return failed(path, "cannot be read: " + content.error);
        return upgrade_text(path, content.text, path);
    }

    int upgrade_text(const std::string& path, const std::string& text, const std::optional<std::string>& file) {
        outcome o{path, std::nullopt, {}, false, exit_ok};
        try {
            o.migration = migrate_input(text, s_.target);
        } catch (const dlm::error& e) {
            return failed(path, "not JSON: " + without_quoted_input(e.reason()));
        }
        o.report = validator_.validate(o.migration->document);
        const bool valid = o.report.ok();
        if (!valid) o.status = exit_invalid;
        if (valid || s_.allow_invalid) o.status = std::max(o.status, write(o, file));
        print(o);
        return o.status;
    }

    /// Writes the result where the settings say; returns exit_failure when it cannot.
    int write(outcome& o, const std::optional<std::string>& file) {
        const dlm::migration_result& m = *o.migration;
        switch (s_.where.to) {
        case destination::nowhere:
            return exit_ok;
        case destination::standard_output:
            std::cout << output_text(m) << std::flush;
            o.written = true;
            return exit_ok;
        case destination::in_place:
            if (!changes_anything(m) || !file) return exit_ok;  // nothing to change: the file is left as it is
            return write_file(o, *file, output_text(m));
        case destination::output_file:
            return write_file(o, s_.where.output, output_text(m));
        }
        return exit_ok;
    }

    int write_file(outcome& o, const std::string& target, const std::string& text) {
        if (const std::string problem = write_atomically(target, text, s_.where.writing); !problem.empty()) {
            std::cerr << "dlm upgrade: " << printable(target) << " not written: " << printable(problem) << '\n';
            o.report.error(dlm::rules::input_unreadable, "", "not written: " + problem);
            return exit_failure;
        }
        o.written = true;
        return exit_ok;
    }

    void print(const outcome& o) {
        const dlm::migration_result& m = *o.migration;
        if (s_.format == report_format::json) {
            report_stream() << render_json_line(o, s_.target) << std::flush;
        } else if (s_.format == report_format::json_patch) {
            report_stream() << dlm::patch_to_json(m.changes).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                            << '\n' << std::flush;
        } else {
            std::ostream& out = report_stream();
            for (const dlm::text_removal& removal : m.removals) {
                out << printable(o.path) << ": line " << removal.line << ", column " << removal.column << ": "
                    << printable(removal.reason) << '\n';
            }
            for (const dlm::patch_operation& op : m.changes) {
                out << printable(o.path) << ": " << printable(display_pointer(shown_pointer(op))) << ": "
                    << printable(op.reason) << '\n';
            }
            for (const dlm::needed_value& n : m.needs) {
                out << printable(o.path) << ": " << printable(display_pointer(n.pointer))
                    << ": needs a value: " << printable(n.what) << " (allowed: " << printable(n.allowed) << ")\n";
            }
            out << std::flush;
        }
        if (!o.report.ok()) {
            std::cerr << "dlm upgrade: " << printable(o.path) << ": the upgraded document is invalid (" << o.report.errors.size()
                      << (o.report.errors.size() == 1 ? " error" : " errors") << ")"
                      << (o.written ? "; written anyway (--allow-invalid), still to fix:\n" : "; nothing written\n")
                      << render_findings(o.report, false);
        } else if (!o.report.warnings.empty()) {
            std::cerr << printable(o.path) << ": warnings:\n" << render_findings(o.report, false);
        }
    }

    const upgrade_settings& s_;
    const dlm::validator& validator_;
};

}  // namespace

int run_upgrade(argument_cursor args) {
    const upgrade_settings s = parse_upgrade_arguments(args);
    const std::optional<dlm::validator> validator = make_validator("upgrade", s.validation);
    if (!validator) return exit_failure;
    return upgrader(s, *validator).run();
}

}  // namespace dlm_cli
