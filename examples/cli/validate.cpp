// `dlm validate`: reads the inputs in order on this thread, validates on `--jobs` workers, prints in input order.
#include "checking.hpp"
#include "commands.hpp"
#include "inputs.hpp"
#include "output.hpp"
#include "pipeline.hpp"

#include <dlm/parse.hpp>
#include <dlm/rules.hpp>
#include <dlm/stac.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <thread>
#include <unistd.h>
#include <utility>
#include <variant>

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
                document; otherwise it is read line by line. Empty input holds no document.

options:
  --format FORMAT        text (default) or json: one JSON object per document per line,
                         {"path", "valid", "errors": [{"rule", "pointer", "message"}], "warnings"}
  --links                also check the local files that the `child` and `item` links of catalogs
                         and collections point to, recursively, each file once (links with a URI
                         scheme such as https: are never fetched, only counted; links are not
                         followed from standard input). Only files inside the tree of the PATHs
                         (a FILE's directory, a DIRECTORY) are read, symbolic links resolved
  --root DIR             also allow links (and symbolic links in a DIRECTORY) to reach files
                         under DIR (repeatable)
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

exit status: 0 all valid, 1 a document is invalid, 2 bad usage or an input that cannot be read or
parsed (reported like any document; the other inputs are still checked).
)";

namespace {

namespace fs = std::filesystem;

/// A document parsed on the reading thread (needed to follow links).
struct parsed_document {
    nlohmann::json document;
    dlm::report findings;  ///< the parser's non-fatal findings
};

/// One unit of work: where it came from, and what was read (a failure, text to parse, or a parsed document).
struct validate_job {
    std::string path;
    std::variant<dlm::report, std::string, parsed_document> content;
};

using job_results = std::vector<document_result>;

struct validate_settings {
    std::vector<std::string> paths;
    output_format format = output_format::text;
    unsigned jobs = 0;
    bool links = false;
    bool quiet = false;
    bool deprecation_note = false;
    std::vector<std::string> roots;  ///< --root
    validation_settings validation;
};

validate_settings parse_validate_arguments(argument_cursor& args) {
    validate_settings s;
    while (!args.done()) {
        const std::string option = args.next_option();
        if (option.empty()) {
            s.paths.push_back(args.next_positional());
        } else if (option == "--format") {
            const std::string value = args.value(option);
            if (value == "text") {
                s.format = output_format::text;
            } else if (value == "json") {
                s.format = output_format::json;
            } else {
                throw usage_error("--format must be text or json, not '" + value + "'");
            }
        } else if (option == "--jobs" || option == "-j") {
            s.jobs = parse_positive(option, args.value(option), 1024);
        } else if (option == "--links") {
            args.expect_no_value(option);
            s.links = true;
        } else if (option == "--root") {
            s.roots.push_back(args.value(option));
            if (s.roots.back().empty()) throw usage_error("--root needs a directory");
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
    if (s.paths.empty()) throw usage_error("no PATH given (use - for standard input)");
    if (s.jobs == 0) s.jobs = std::max(1u, std::thread::hardware_concurrency());
    return s;
}

bool is_feature_collection(const nlohmann::json& document) {
    if (!document.is_object()) return false;
    const auto type = document.find("type");
    const auto features = document.find("features");
    return type != document.end() && *type == "FeatureCollection" && features != document.end() &&
           features->is_array();
}

/// Appends the findings of `from` that `into` does not have yet (the parser and the validator may both
/// report a limit).
void merge_new(dlm::report& into, dlm::report from) {
    const auto add = [](std::vector<dlm::finding>& to, std::vector<dlm::finding>& more) {
        const std::size_t before = to.size();
        for (auto& f : more) {
            if (std::find(to.begin(), to.begin() + static_cast<std::ptrdiff_t>(before), f) ==
                to.begin() + static_cast<std::ptrdiff_t>(before))
                to.push_back(std::move(f));
        }
    };
    add(into.errors, from.errors);
    add(into.warnings, from.warnings);
}

/// Moves the findings of `from` whose pointer lies under `prefix` into `into`, relative to `prefix`.
void move_findings_under(std::vector<dlm::finding>& from, std::vector<dlm::finding>& into, const std::string& prefix) {
    for (auto it = from.begin(); it != from.end();) {
        const std::string& p = it->pointer;
        if (p.compare(0, prefix.size(), prefix) == 0 && (p.size() == prefix.size() || p[prefix.size()] == '/')) {
            it->pointer.erase(0, prefix.size());
            into.push_back(std::move(*it));
            it = from.erase(it);
        } else {
            ++it;
        }
    }
}

class checker {
public:
    checker(const document_validator& validator, const dlm::limits& limits) : validator_(validator), limits_(limits) {}

    /// Runs on a worker: parses if needed, splits FeatureCollections, validates.
    job_results operator()(validate_job& job) const {
        job_results out;
        try {
            if (auto* failure = std::get_if<dlm::report>(&job.content)) {
                out.push_back({std::move(job.path), std::move(*failure), true});
                return out;
            }
            parsed_document parsed;
            if (auto* text = std::get_if<std::string>(&job.content)) {
                dlm::parse_result result = dlm::parse(*text, limits_);
                if (!result.document) {
                    drop_quoted_input(result.findings);
                    out.push_back({std::move(job.path), std::move(result.findings), true});
                    return out;
                }
                parsed = {std::move(*result.document), std::move(result.findings)};
            } else {
                parsed = std::move(std::get<parsed_document>(job.content));
            }
            check_document(job.path, parsed, out);
        } catch (const std::exception& e) {
            dlm::report report;
            report.error("internal", "", std::string("validation stopped: ") + e.what());
            out.push_back({std::move(job.path), std::move(report), true});
        }
        return out;
    }

private:
    /// Validates a parsed document, or each feature of a FeatureCollection. A (sub)document under which the parser
    /// reported an error (duplicate key, over-long string, huge integer) is not trusted to the schemas: its parse
    /// findings are its report.
    void check_document(const std::string& path, parsed_document& parsed, job_results& out) const {
        if (!is_feature_collection(parsed.document)) {
            dlm::report report = std::move(parsed.findings);
            if (report.ok()) merge_new(report, validator_.validate(parsed.document));
            out.push_back({path, std::move(report), false, dlm::has_extension(parsed.document)});
            return;
        }
        auto& features = parsed.document["features"];
        for (std::size_t i = 0; i < features.size(); ++i) {
            dlm::report report;
            const std::string prefix = "/features/" + std::to_string(i);
            move_findings_under(parsed.findings.errors, report.errors, prefix);
            move_findings_under(parsed.findings.warnings, report.warnings, prefix);
            if (report.ok()) merge_new(report, validator_.validate(features[i]));
            out.push_back({path + "#" + prefix, std::move(report), false, dlm::has_extension(features[i])});
        }
        // What the parser found outside every feature belongs to the file itself.
        if (!parsed.findings.errors.empty() || !parsed.findings.warnings.empty())
            out.push_back({path, std::move(parsed.findings), false});
    }

    const document_validator& validator_;
    const dlm::limits& limits_;
};

dlm::report unreadable(const std::string& what, const std::string& reason) {
    dlm::report report;
    report.error(dlm::rules::input_unreadable, "", "cannot read " + what + ": " + reason);
    return report;
}

/// The report for a file that could not be read: too large, outside the roots, or unreadable.
dlm::report read_failure(const std::string& label, const file_content& failure) {
    dlm::report report;
    if (failure.too_large) {
        report.error(dlm::rules::input_too_large, "", failure.error);
    } else if (failure.outside) {
        report.error(dlm::rules::input_outside_root, "", failure.error);
    } else {
        report = unreadable(label, failure.error);
    }
    return report;
}

/// Reads the inputs in order and submits them; the only thread that touches the file system and stdin.
/// Reads only regular files, each at most `limits.max_bytes`; with --links, and in directories, only files under
/// the roots (the named PATHs' trees and --root).
class reader {
public:
    reader(const validate_settings& s, ordered_pipeline<validate_job, job_results>& pipeline)
        : settings_(s), pipeline_(pipeline) {
        confined_.max_bytes = s.validation.limits.max_bytes;
        named_.max_bytes = s.validation.limits.max_bytes;
        for (const auto& root : s.roots) confined_.roots.push_back(real_root(root));
        for (const auto& path : s.paths) {
            if (path == "-") continue;
            std::error_code ec;
            const fs::path p(path);
            confined_.roots.push_back(real_root(fs::is_directory(p, ec) ? p : p.parent_path().empty() ? "." : p.parent_path()));
        }
    }

    void read_path(const std::string& path) {
        if (path == "-") {
            fd_streambuf input(STDIN_FILENO);
            std::istream in(&input);
            read_stream(in, "-");
            if (input.error() != 0) submit("-", unreadable("standard input", errno_message(input.error())));
            return;
        }
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            walk_directory(path, confined_.roots, [this](walk_entry entry) {
                if (entry.error.empty()) {
                    read_file_path(entry.path, true);
                } else {
                    dlm::report report;
                    report.error(entry.outside ? dlm::rules::input_outside_root : dlm::rules::input_unreadable, "",
                                 entry.error);
                    submit(entry.path.string(), std::move(report));
                }
            });
        } else {
            read_file_path(path, false);
        }
    }

    /// Links with a URI scheme that were not followed.
    [[nodiscard]] std::size_t remote_links() const noexcept { return remote_links_; }

private:
    void submit(std::string path, std::variant<dlm::report, std::string, parsed_document> content,
                std::size_t bytes = 0) {
        pipeline_.submit(validate_job{std::move(path), std::move(content)}, bytes);
    }

    void read_stream(std::istream& in, const std::string& label) {
        const std::size_t max_bytes = settings_.validation.limits.max_bytes;
        split_stream(
            in,
            [&](stream_document document) {
                std::string where = document.line == 0 ? label : label + ":" + std::to_string(document.line);
                if (document.too_large) {
                    dlm::report report;
                    report.error(dlm::rules::input_too_large, "", dlm::detail::too_large_message(document.size, max_bytes));
                    submit(std::move(where), std::move(report));
                    return;
                }
                const std::size_t bytes = document.text.size();
                submit(std::move(where), std::move(document.text), bytes);
            },
            max_bytes);
    }

    void read_file_path(const fs::path& start, bool confined) {
        if (!settings_.links) {
            read_one(start, confined);
            return;
        }
        std::vector<fs::path> pending{start};  // depth first, links in document order
        bool first = true;
        while (!pending.empty()) {
            const fs::path path = std::move(pending.back());
            pending.pop_back();
            auto links = read_one(path, confined || !first);
            first = false;
            pending.insert(pending.end(), links.rbegin(), links.rend());
        }
    }

    /// Reads and submits one file, once (with --links); returns the local links to follow (with --links only).
    std::vector<fs::path> read_one(const fs::path& path, bool confined) {
        const std::string label = path.string();
        input_file file(path, confined ? confined_ : named_);
        if (!file.is_open()) {
            // A file that cannot be read is reported once, however many links lead to it.
            if (!settings_.links || visited_.insert(identity_of(path)).second)
                submit(label, read_failure(label, file.failure()));
            return {};
        }
        if (settings_.links && !visited_.insert(file.identity()).second) return {};
        const auto extension = path.extension();
        if (extension == ".ndjson" || extension == ".jsonl") {
            read_stream(file.stream(), label);
            if (const auto* buffer = dynamic_cast<const fd_streambuf*>(file.stream().rdbuf()); buffer && buffer->error())
                submit(label, unreadable(label, errno_message(buffer->error())));
            return {};
        }
        file_content content = file.read_all(settings_.validation.limits.max_bytes);
        if (!content.ok) {
            submit(label, read_failure(label, content));
            return {};
        }
        const std::size_t bytes = content.text.size();
        if (!settings_.links) {
            submit(label, std::move(content.text), bytes);
            return {};
        }
        dlm::parse_result result = dlm::parse(content.text, settings_.validation.limits);
        content.text.clear();
        content.text.shrink_to_fit();
        if (!result.document) {
            drop_quoted_input(result.findings);
            submit(label, std::move(result.findings));
            return {};
        }
        catalog_links links = links_of(*result.document, path.parent_path());
        remote_links_ += links.remote;
        submit(label, parsed_document{std::move(*result.document), std::move(result.findings)}, bytes);
        return std::move(links.local);
    }

    const validate_settings& settings_;
    ordered_pipeline<validate_job, job_results>& pipeline_;
    read_limits confined_;  ///< for linked files and directory entries
    read_limits named_;     ///< for the PATHs themselves
    std::set<std::string> visited_;
    std::size_t remote_links_ = 0;
};

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
    int finish() {
        clear_progress();
        if (settings_.format == output_format::text && !settings_.quiet)
            write(render_summary(valid_, invalid_, warnings_, elapsed()));
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
    std::optional<document_validator> validator;
    try {
        validator.emplace(s.validation);
    } catch (const std::exception& e) {
        std::cerr << "dlm validate: cannot set up the validator: " << e.what() << '\n';
        return exit_failure;
    }
    printer out(s);
    const checker check(*validator, s.validation.limits);
    {
        // At most 64 documents per thread in flight, and at most one input limit's worth of text.
        ordered_pipeline<validate_job, job_results> pipeline(
            s.jobs, std::size_t{s.jobs} * 64, [&check](validate_job& job) { return check(job); },
            [&out](job_results& results) { out.print(results); }, [&out] { out.tick(); },
            std::chrono::milliseconds(200), s.validation.limits.max_bytes);
        reader in(s, pipeline);
        for (const auto& path : s.paths) in.read_path(path);
        pipeline.finish();
        if (in.remote_links() != 0)
            std::cerr << "dlm validate: " << in.remote_links()
                      << (in.remote_links() == 1 ? " link" : " links") << " with a URI scheme (https:, s3:...) not followed\n";
    }
    return out.finish();
}

}  // namespace dlm_cli
