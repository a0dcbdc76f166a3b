// Getting documents in: reading files whole, walking directories, splitting standard input into
// documents (one JSON value, or NDJSON), and finding the local `child`/`item` links of a catalog.
#ifndef DLM_CLI_INPUTS_HPP
#define DLM_CLI_INPUTS_HPP

#include <dlm/rules.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <istream>
#include <string>
#include <vector>

namespace dlm_cli {

/// The whole content of a file, or why it could not be read.
struct file_content {
    bool ok = false;
    std::string text;   ///< the bytes, when ok
    std::string error;  ///< e.g. "No such file or directory", when not ok
};

/// Reads a whole file (binary, no newline translation).
[[nodiscard]] file_content read_file(const std::filesystem::path& path);

/// One entry found while walking a directory: a `*.json` file, or a directory that could not be listed.
struct walk_entry {
    std::filesystem::path path;
    std::string error;  ///< empty for a file; the reason for an unreadable directory
};

/// Every regular `*.json` file under `directory`, recursively, in a deterministic order: the entries of each
/// directory sorted by name, a subdirectory's files where the subdirectory sorts. Symbolic links to directories
/// are not followed (no cycles); symbolic links to files are.
[[nodiscard]] std::vector<walk_entry> walk_directory(const std::filesystem::path& directory);

/// One document's text from a stream, with the 1-based line it starts on (0 when the stream is one document).
struct stream_document {
    std::string text;
    std::size_t line = 0;
};

/// strerror for `code`, thread-safely.
std::string errno_message(int code);

/// Splits a stream into documents as `dlm validate -` does: when the whole input is one JSON value it is one
/// document (line 0); otherwise each non-blank line is a document (NDJSON). Streams: only the lines in flight
/// are held, except while the first line is an incomplete value (the input is then buffered to try it whole).
/// `sink` receives each document in order.
void split_stream(std::istream& in, const std::function<void(stream_document)>& sink);

/// The local files that a Catalog's or Collection's `child` and `item` links point to, resolved against
/// `base_directory`, in link order. Links with a URI scheme (http:, https:, s3:...) are skipped; `file://` URIs
/// and percent-encoded relative references are decoded. Other documents yield nothing.
[[nodiscard]] std::vector<std::filesystem::path> local_links(const nlohmann::json& document,
                                                             const std::filesystem::path& base_directory);

/// A key that names the same file for every spelling of its path (canonical when the file exists).
[[nodiscard]] std::string identity_of(const std::filesystem::path& path);

}  // namespace dlm_cli

#endif  // DLM_CLI_INPUTS_HPP
