// `dlm validate`: reads the inputs in order on this thread, validates on `--jobs` workers, prints in input order.
#include "commands.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "reading.hpp"
#include "validation_options.hpp"

#include <dlm/stac.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>
#include <utility>
#include <variant>

#include <unistd.h>

namespace dlm_cli {

const std::string_view validate_help = R"(usage: dlm validate [options] PATH...

Validates STAC Items, Collections and Catalogs against STAC core, their declared extensions and the
dlm v1.0.0-beta.3 rules.

PATH is one of:
  FILE          a JSON file: an Item, Collection or Catalog, or a FeatureCollection (ItemCollection)
                whose features are checked one by one (reported as FILE#/features/N). A file named
                *.ndjson or *.jsonl is read like standard input.
  DIRECTORY     every *.json file below it, recursively, in sorted order
  -             standard input: one JSON document, or NDJSON (one document per line, reported as
                -:LINE; blank lines are skipped). When the whole input is one JSON value it is one
                document; otherwise it is read line by line.

options:
  --format FORMAT        text (default) or json: one JSON object per document per line,
                         {"path", "type", "id", "valid", "errors": [{"rule", "pointer", "message",
                         "schema"}], "warnings"} (type and id null when not strings; "schema", the $id
                         of the schema that failed, only on schema findings), then a closing line
                         {"summary": {"documents", "valid", "invalid", "warnings", "remote_links",
                         "seconds"}}
  --links                also check the local files that the `child` and `item` links of catalogs
                         and collections point to, recursively, each file once (links with a URI
                         scheme such as https: are never fetched, only counted (listed with
                         --verbose); links are not
                         followed from standard input). Only files inside the tree of the PATHs
                         (a FILE's directory, a DIRECTORY) are read, symbolic links resolved; a
                         link that leads to no file is an error of the linking document, at the
                         link (input.link-broken, /links/N)
  --assets               check that the local asset hrefs of each file's documents lead to files
                         (model weights in a catalog's repository), inside the same trees as links;
                         never the network (input.asset-missing, input.outside-root)
  --root DIR             also allow links (and symbolic links in a DIRECTORY) to reach files
                         under DIR (repeatable)
  --verbose              list each link that is not followed on standard error (FILE#/links/N HREF)
  --jobs N               validate on N threads (default: the number of hardware threads); the
                         output is in input order whatever N is
  --relax-companions     report a missing scientific/eo/version extension as a warning
  --schema URI=FILE      register the JSON Schema in FILE for the extension URI (repeatable); the
                         value is split at its first '=' (FILE may contain '=', URI may not); a URI
                         whose schema ships with dlm cannot be replaced
  --quiet                text format: print only the invalid documents, and no summary
  --deprecation-note     print the note that dlm is deprecated in favour of mlm even with --quiet
                         or --format json (it is printed once per run, on standard error, when a
                         document declares dlm)
  -h, --help             show this help

The text format prints one line per document (with its findings indented below it) and a summary
line `N valid, M invalid, W warnings, in T s`; colour is used when standard output is a terminal
and NO_COLOR is not set.

exit status: 0 all valid, 1 a document is invalid, 2 bad usage, no document at all (empty input, a
directory without *.json files), or an input that cannot be read or parsed (reported like any
document; the other inputs are still checked).
)";

namespace {

using job_results = std::vector<document_result>;

struct validate_settings {
    read_settings reading;
    output_format format = output_format::text;
    unsigned jobs = 0;
    bool quiet = false;
    bool deprecation_note = false;
    dlm::validator_options validation;
};

validate_settings parse_validate_arguments(argument_cursor& args) {
    validate_settings s;
    while (!args.done()) {
        const std::string option = args.next_option();
        if (option.empty()) {
            s.reading.paths.push_back(args.next_positional());
        } else if (take_format_option(option, args, s.format)) {
        } else if (option == "--jobs" || option == "-j") {
            s.jobs = parse_positive(option, args.value(option), 1024);
        } else if (take_read_option(option, args, s.reading)) {
        } else if (option == "--quiet" || option == "-q") {
            args.expect_no_value(option);
            s.quiet = true;
        } else if (option == "--deprecation-note") {
            args.expect_no_value(option);
            s.deprecation_note = true;
        } else if (!take_validation_option(option, args, s.validation)) {
            throw usage_error("unknown option " + option);
        }
    }
    if (s.reading.paths.empty()) throw usage_error("no PATH given (use - for standard input)");
    s.validation.limits = s.reading.limits;
    if (s.jobs == 0) s.jobs = std::max(1u, std::thread::hardware_concurrency());
    return s;
}

/// The member `name` of `document` when it is a string.
std::optional<std::string> string_member(const nlohmann::json& document, const char* name) {
    if (!document.is_object()) return std::nullopt;
    const auto member = document.find(name);
    if (member == document.end() || !member->is_string()) return std::nullopt;
    return member->get<std::string>();
}

/// Validates one input on a worker: parses it if needed, and each of its documents once.
job_results check(read_input& input, const dlm::validator& validator, const dlm::limits& limits) {
    job_results out;
    try {
        std::vector<dlm::input_document> documents = documents_of(input, limits, &validator);
        // One entry without a document is an input that could not be read or parsed; in a FeatureCollection, it holds
        // what the parser found outside the features.
        const bool failed = documents.size() == 1 && !documents.front().document;
        for (dlm::input_document& d : documents) {
            document_result result;
            result.path = document_path(input, d);
            result.report = std::move(d.report);
            result.input_failed = failed;
            if (d.document) {
                result.uses_dlm = dlm::has_extension(*d.document);
                result.type = string_member(*d.document, "type");
                result.id = string_member(*d.document, "id");
            }
            out.push_back(std::move(result));
        }
    } catch (const std::exception& e) {
        dlm::report report;
        report.error("internal", "", std::string("validation stopped: ") + e.what());
        document_result result;
        result.path = input.path;
        result.report = std::move(report);
        result.input_failed = true;
        out.push_back(std::move(result));
    }
    return out;
}

/// Prints results as they come (on the pipeline's emitter thread) and keeps the counts.
class printer {
public:
    explicit printer(const validate_settings& s)
        : settings_(s), colour_(s.format == output_format::text && colour_wanted()),
          progress_wanted_(is_terminal(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

    void print(job_results& results) {
        for (const auto& result : results) {
            if (result.input_failed) input_failed_ = true;
            if (result.uses_dlm) uses_dlm_ = true;
            if (result.report.ok()) {
                ++valid_;
            } else {
                ++invalid_;
            }
            warnings_ += result.report.warnings.size();
            const std::string text = settings_.format == output_format::json
                                         ? render_json(result)
                                         : render_text(result, colour_, settings_.quiet);
            write(text);
        }
    }

    /// Called about every 200 ms: keeps the progress line on a terminal's standard error up to date.
    void tick() {
        if (!progress_wanted_ || elapsed() < 1.0) return;
        std::fprintf(stderr, "\r\033[K%zu documents checked, %zu invalid", valid_ + invalid_, invalid_);
        std::fflush(stderr);
        progress_shown_ = true;
    }

    /// Clears the progress line and prints the summary; returns the exit status.
    int finish(std::size_t remote_links) {
        clear_progress();
        if (valid_ + invalid_ == 0) {
            std::fputs(no_document_message("validate").c_str(), stderr);
            return exit_failure;
        }
        if (settings_.format == output_format::json) {
            write(render_json_summary(valid_, invalid_, warnings_, remote_links, elapsed()));
        } else if (!settings_.quiet) {
            write(render_summary(valid_, invalid_, warnings_, elapsed()));
        }
        std::fflush(stdout);
        const bool note_wanted =
            settings_.deprecation_note || (settings_.format == output_format::text && !settings_.quiet);
        if (uses_dlm_ && note_wanted) {
            std::fputs("note: the dlm extension is deprecated in favour of mlm, the Machine Learning Model extension "
                       "that supersedes it; `dlm export-mlm PATH...` converts dlm documents [",
                       stderr);
            std::fputs(dlm::rules::dlm_deprecated, stderr);
            std::fputs("]\n", stderr);
        }
        if (input_failed_) return exit_failure;
        return invalid_ != 0 ? exit_invalid : exit_ok;
    }

private:
    void write(const std::string& text) {
        if (text.empty()) return;
        clear_progress();
        std::fwrite(text.data(), 1, text.size(), stdout);
    }

    void clear_progress() {
        if (!progress_shown_) return;
        std::fflush(stdout);
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        progress_shown_ = false;
    }

    [[nodiscard]] double elapsed() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    }

    const validate_settings& settings_;
    const bool colour_;
    const bool progress_wanted_;
    const std::chrono::steady_clock::time_point start_;
    bool progress_shown_ = false;
    bool input_failed_ = false;
    bool uses_dlm_ = false;
    std::size_t valid_ = 0;
    std::size_t invalid_ = 0;
    std::size_t warnings_ = 0;
};

}  // namespace

int run_validate(argument_cursor args) {
    const validate_settings s = parse_validate_arguments(args);
    const std::optional<dlm::validator> validator = make_validator("validate", s.validation);
    if (!validator) return exit_failure;
    printer out(s);
    remote_links remote;
    {
        // At most 64 documents per thread in flight, and at most one input limit's worth of text.
        ordered_pipeline<read_input, job_results> pipeline(
            s.jobs, std::size_t{s.jobs} * 64,
            [&](read_input& input) { return check(input, *validator, s.reading.limits); },
            [&out](job_results& results) { out.print(results); }, [&out] { out.tick(); },
            std::chrono::milliseconds(200), s.reading.limits.max_bytes);
        remote = read_inputs(s.reading, [&pipeline](read_input input) {
            const std::size_t bytes = input.bytes;
            pipeline.submit(std::move(input), bytes);
        });
        pipeline.finish();
        std::cerr << remote_links_note("validate", remote);
    }
    return out.finish(remote.count);
}

}  // namespace dlm_cli
