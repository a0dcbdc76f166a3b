// `dlm export-mlm`: exports dlm documents to the Machine Learning Model extension (mlm v1.5.2), with a report of what
// could not be carried over; validates each export and writes it atomically, by default only when it is valid.
#include "validation_options.hpp"
#include "commands.hpp"
#include "destination.hpp"
#include "files.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include <dlm/error.hpp>
#include <dlm/edit.hpp>
#include <dlm/mlm.hpp>
#include <dlm/parse.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

namespace dlm_cli {

const std::string_view export_mlm_help = R"(usage: dlm export-mlm [-o OUT | --in-place | --dry-run] [--force] [--model-href HREF --artifact-type T]
                      [--name N] [--keep-dlm] [--allow-invalid] [--format text|json] [options] PATH...

Exports STAC Items and Collections that use the deprecated dlm extension to the Machine Learning
Model extension (mlm v1.5.2), which supersedes it. The report lists, for each document, every dlm
field mlm has no place for (kept, moved or dropped), every value mlm requires that dlm cannot give
(supplied by an option, or missing) and every value the export assumed. Each export is validated
(mlm, classification and the other declared extensions are checked offline).

PATH is a FILE, a DIRECTORY (every *.json file below it) or - (standard input: one JSON document,
or NDJSON, one document per line). A FeatureCollection is exported Item by Item.

options:
  -o, --output OUT         write the export to OUT (one document only), atomically; `-o -` is
                           standard output
  -i, --in-place           replace each FILE with its export, atomically (as `dlm upgrade` does)
  -f, --force              replace a read-only file (with --in-place or -o)
  -n, --dry-run            print the report and validate, but write nothing
  --model-href HREF        href of the model asset (the weights; mlm requires it, dlm never names it)
  --artifact-type T        mlm:artifact_type of the model asset (e.g. torch.save, torch.jit.script, onnx)
  --name N                 mlm:name (default: the title, else the id, when it fits mlm's name pattern)
  --task T                 the mlm task for dlm's "object segmentation", which mlm has no value for
  --output-data-type T     data type of the model's output (default float32, reported as assumed)
  --stac-version V         stac_version of the output (default: the input's)
  --keep-dlm               keep the dlm fields and identifier beside the mlm ones
  --allow-invalid          write an export that does not validate anyway (what is missing is listed)
  --format FORMAT          text (default) or json: one JSON object per document per line
                           {"path", "output", "written", "valid", "complete", "notes", "errors",
                            "warnings", "changes"}
  --relax-companions       report a missing scientific/eo/version extension as a warning
  --schema URI=FILE        register the JSON Schema in FILE for the extension URI (repeatable)
  -h, --help               show this help

Without -o or --in-place the exports are printed on standard output (indented by 2 spaces for one
document, one per line otherwise) and the reports go to standard error. Members are written in
sorted order.

exit status: 0 every document exported and valid, 1 an export is invalid (not written unless
--allow-invalid), 2 bad usage, or a PATH that cannot be read, parsed, exported or written.
)";

namespace {

namespace fs = std::filesystem;

struct export_settings {
    std::vector<std::string> paths;
    destination_options where;
    bool allow_invalid = false;
    output_format format = output_format::text;
    dlm::mlm_options options;
    dlm::validator_options validation;
};

export_settings parse_export_arguments(argument_cursor& args) {
    export_settings s;
    destination_parser where;
    const auto text_value = [&args](const std::string& option) {
        std::string value = args.value(option);
        if (value.empty()) throw usage_error(option + " needs a value");
        return value;
    };
    while (!args.done()) {
        const std::string option = args.next_option();
        if (option.empty()) {
            s.paths.push_back(args.next_positional());
        } else if (where.take(option, args)) {
        } else if (option == "--allow-invalid") {
            args.expect_no_value(option);
            s.allow_invalid = true;
        } else if (option == "--keep-dlm") {
            args.expect_no_value(option);
            s.options.keep_dlm = true;
        } else if (option == "--model-href") {
            s.options.model_href = text_value(option);
        } else if (option == "--artifact-type") {
            s.options.artifact_type = text_value(option);
        } else if (option == "--name") {
            s.options.name = text_value(option);
        } else if (option == "--task") {
            s.options.task = text_value(option);
        } else if (option == "--output-data-type") {
            s.options.output_data_type = text_value(option);
        } else if (option == "--stac-version") {
            s.options.stac_version = text_value(option);
        } else if (take_format_option(option, args, s.format)) {
        } else if (!take_validation_option(option, args, s.validation)) {
            throw usage_error("unknown option " + option);
        }
    }
    if (s.paths.empty()) throw usage_error("no PATH given (use - for standard input)");
    s.where = where.settle(s.paths);
    if (s.options.model_href.has_value() != s.options.artifact_type.has_value()) {
        throw usage_error("--model-href and --artifact-type go together (mlm's model asset needs both)");
    }
    return s;
}

/// One document read from a PATH: its label, the file it came from (for --in-place), and its text or why not.
struct export_input {
    std::string label;
    std::string file;  ///< empty for standard input and NDJSON lines
    std::string text;
    std::string error;  ///< non-empty when the input could not be read
};

std::vector<export_input> read_inputs(const std::vector<std::string>& paths) {
    std::vector<export_input> out;
    const auto read_stream_into = [&out](std::istream& in, const std::string& label) {
        split_stream(in, [&](stream_document document) {
            out.push_back({document.line == 0 ? label : label + ":" + std::to_string(document.line), "",
                           std::move(document.text), ""});
        });
        if (in.bad()) out.push_back({label, "", "", "read error"});
    };
    const auto read_one = [&out](const fs::path& path) {
        file_content content = read_file(path);
        if (!content.ok) {
            out.push_back({path.string(), path.string(), "", content.error});
        } else {
            out.push_back({path.string(), path.string(), std::move(content.text), ""});
        }
    };
    for (const std::string& path : paths) {
        if (path == "-") {
            read_stream_into(std::cin, "-");
            continue;
        }
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            for (const walk_entry& entry : walk_directory(path)) {
                if (entry.error.empty()) {
                    read_one(entry.path);
                } else {
                    out.push_back({entry.path.string(), "", "", entry.error});
                }
            }
        } else {
            read_one(path);
        }
    }
    return out;
}

std::string render_notes(const std::vector<dlm::mlm_note>& notes) {
    std::string out;
    for (const dlm::mlm_note& n : notes) {
        out += "  ";
        out += dlm::to_string(n.outcome);
        out.append(std::size_t{9} - std::min<std::size_t>(8, dlm::to_string(n.outcome).size()), ' ');
        out += display_pointer(n.pointer);
        out += ": " + n.message + " [" + n.rule + "]\n";
    }
    return out;
}

/// Exports, validates, writes and reports one document; returns its exit status.
class exporter_command {
public:
    exporter_command(const export_settings& s, const dlm::validator& validator, bool pretty)
        : settings_(s), validator_(validator), pretty_(pretty) {}

    int run(const export_input& input) {
        std::ostream& report_out = settings_.where.to == destination::standard_output ? std::cerr : std::cout;
        if (!input.error.empty()) return fail(report_out, input, "cannot read " + input.label + ": " + input.error);
        dlm::parse_result parsed = dlm::parse(input.text, settings_.validation.limits);
        if (!parsed.ok()) {
            const dlm::finding& f = parsed.findings.errors.front();
            return fail(report_out, input, "not JSON: " + std::string(display_pointer(f.pointer)) + ": " + f.message);
        }
        std::optional<dlm::mlm_export> exported;
        try {
            exported = dlm::export_mlm(*parsed.document, settings_.options);
        } catch (const dlm::error& e) {
            return fail(report_out, input, "cannot export: " + std::string(e.what()));
        }
        const dlm::report report = validator_.validate(exported->document);
        const bool valid = report.ok();
        const bool write = settings_.where.to != destination::nowhere && (valid || settings_.allow_invalid);
        std::string written_to;
        int status = valid ? exit_ok : exit_invalid;
        if (write) {
            // The export's patch applied to the input's own text: member order, layout and number literals stay.
            std::string text;
            try {
                text = dlm::apply_patch_to_text(input.text, exported->changes, settings_.validation.limits);
                if (text.empty() || text.back() != '\n') text += '\n';
            } catch (const dlm::error&) {  // e.g. a text the editor refuses (duplicate keys): write it afresh
                text = exported->document.dump(pretty_ ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
            }
            if (settings_.where.to == destination::standard_output) {
                std::cout << text << std::flush;
                written_to = "-";
            } else {
                const std::string target = settings_.where.to == destination::in_place ? input.file : settings_.where.output;
                if (target.empty()) return fail(report_out, input, "--in-place needs a file (not an NDJSON line)");
                if (const std::string problem = write_atomically(target, text, settings_.where.writing); !problem.empty()) {
                    return fail(report_out, input, target + " not written: " + problem);
                }
                written_to = target;
            }
        }
        if (settings_.format == output_format::json) {
            // Members in the documented order (nlohmann::json would sort them).
            const std::pair<const char*, nlohmann::json> members[] = {
                {"path", input.label},
                {"output", written_to.empty() ? nlohmann::json() : nlohmann::json(written_to)},
                {"written", !written_to.empty()},
                {"valid", valid},
                {"complete", exported->complete()},
                {"notes", dlm::notes_to_json(exported->notes)},
                {"errors", findings_json(report.errors)},
                {"warnings", findings_json(report.warnings)},
                {"changes", dlm::patch_to_json(exported->changes)}};
            std::string line = "{";
            for (const auto& [key, value] : members) {
                if (line.size() > 1) line += ',';
                line += nlohmann::json(key).dump() + ":" + value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            }
            report_out << line << "}\n";
        } else {
            std::string text = input.label + ": " +
                               (valid ? "exported to mlm v1.5.2" : "the export is not a valid mlm document") +
                               (written_to.empty() ? (settings_.where.to == destination::nowhere ? " (dry run, nothing written)"
                                                                                                 : " (not written)")
                                                   : written_to == "-" ? "" : " (written to " + written_to + ")") +
                               "\n";
            text += render_notes(exported->notes);
            if (!report.errors.empty() || !report.warnings.empty()) text += render_findings(report, false);
            if (!valid && !written_to.empty()) text += "  written anyway (--allow-invalid)\n";
            report_out << text;
        }
        return status;
    }

private:
    int fail(std::ostream& report_out, const export_input& input, const std::string& message) const {
        if (settings_.format == output_format::json) {
            report_out << nlohmann::json({{"path", input.label}, {"output", nullptr}, {"written", false}, {"valid", false},
                                          {"complete", false}, {"error", message}})
                              .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                       << '\n';
        } else {
            report_out << "dlm export-mlm: " << input.label << ": " << message << '\n';
        }
        return exit_failure;
    }

    const export_settings& settings_;
    const dlm::validator& validator_;
    const bool pretty_;
};

}  // namespace

int run_export_mlm(argument_cursor args) {
    const export_settings s = parse_export_arguments(args);
    const std::optional<dlm::validator> validator = make_validator("export-mlm", s.validation);
    if (!validator) return exit_failure;
    const std::vector<export_input> inputs = read_inputs(s.paths);
    if (s.where.to == destination::output_file && inputs.size() != 1) {
        throw usage_error("-o takes exactly one document (found " + std::to_string(inputs.size()) + ")");
    }
    const bool pretty = s.where.to != destination::standard_output || inputs.size() == 1;
    exporter_command command(s, *validator, pretty);
    int status = exit_ok;
    for (const export_input& input : inputs) status = std::max(status, command.run(input));
    return status;
}

}  // namespace dlm_cli
