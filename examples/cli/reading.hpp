// Reading the PATHs a command is given, the same way for every command: files, directories (every *.json below them,
// sorted), `-` (one document or NDJSON), *.ndjson / *.jsonl files, and with `--links` the local `child`/`item` links
// of catalogs and collections, each file once. Only regular files are read, each at most the byte limit; linked files
// and files reached in a directory only inside the roots (the named PATHs' trees and `--root`).
#ifndef DLM_CLI_READING_HPP
#define DLM_CLI_READING_HPP

#include "args.hpp"

#include <dlm/limits.hpp>
#include <dlm/parse.hpp>
#include <dlm/report.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <variant>
#include <vector>

namespace dlm {
class validator;
}

namespace dlm_cli {

/// What to read and how: the PATHs and the options every reading command takes (`--links`, `--root DIR`).
struct read_settings {
    std::vector<std::string> paths;
    bool links = false;
    /// --assets: the local asset hrefs of each file's documents must lead to files (inside the roots).
    bool assets = false;
    std::vector<std::string> roots;  ///< --root
    /// --verbose: list each link that is not followed (a remote href), not only count them.
    bool verbose = false;
    dlm::limits limits{};
};

/// Handles `--links`, `--assets`, `--root DIR` and `--verbose` into `settings`: returns false when `option` is none
/// of them.
[[nodiscard]] bool take_read_option(const std::string& option, argument_cursor& args, read_settings& settings);

/// One input as read: why it could not be read, its text (still to parse), or, when its links or assets were looked
/// at, the parsed input (with an `input.link-broken` or `input.asset-missing` finding for each reference to no file).
struct read_input {
    /// `FILE`, `FILE:LINE` (NDJSON), `-` or `-:LINE`.
    std::string path;
    std::variant<dlm::report, std::string, dlm::parse_result> content;
    /// The size of the text read, for the callers that bound the bytes in flight.
    std::size_t bytes = 0;
};

/// The links with a URI scheme (https:, s3:...) that were not followed: how many, and with `--verbose` each of them
/// ("FILE#/links/N HREF").
struct remote_links {
    std::size_t count = 0;
    std::vector<std::string> listed;
};

/// Reads every input of `settings.paths` in order and hands each to `sink`, on the calling thread. Returns the links
/// that were not followed.
remote_links read_inputs(const read_settings& settings, const std::function<void(read_input)>& sink);

/// The documents of one input: parsed under `limits` when it is still text, split into the features of a
/// FeatureCollection, and validated each when `validator` is given (dlm::validator::validate_each). An input that
/// could not be read or parsed is one entry without a document; its syntax message does not quote the input (a file
/// that is not JSON, reached through a link, must not reach a log).
[[nodiscard]] std::vector<dlm::input_document> documents_of(read_input& input, const dlm::limits& limits,
                                                            const dlm::validator* validator);

/// Where a document is, for messages: the input's path, then `#POINTER` for a feature.
[[nodiscard]] std::string document_path(const read_input& input, const dlm::input_document& document);

/// Reads every document of `settings.paths` in order, on the calling thread (read_inputs, then documents_of), and
/// hands each to `sink` with its `document_path`. Returns the links that were not followed.
remote_links for_each_document(const read_settings& settings, const dlm::validator* validator,
                               const std::function<void(const std::string& path, dlm::input_document&)>& sink);

/// The line for standard error when the PATHs held no document at all (empty input, an empty directory): the commands
/// exit with status 2 rather than report success on nothing.
[[nodiscard]] std::string no_document_message(std::string_view command);

/// Lines for standard error about the links that were not followed (one more per link listed), or "" when there
/// were none.
[[nodiscard]] std::string remote_links_note(std::string_view command, const remote_links& links);

}  // namespace dlm_cli

#endif  // DLM_CLI_READING_HPP
