// Getting documents in: reading files whole, walking directories, splitting standard input into
// documents (one JSON value, or NDJSON), and finding the local `child`/`item` links of a catalog.
// Every reader here reads only regular files, and never more than its byte limit plus one byte.
#ifndef DLM_CLI_INPUTS_HPP
#define DLM_CLI_INPUTS_HPP

#include <dlm/limits.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

#include <sys/types.h>
#include <vector>

namespace dlm_cli {

/// The default byte limit of one input: `dlm::limits::max_bytes`.
inline constexpr std::size_t default_max_bytes = dlm::limits{}.max_bytes;

/// The whole content of a file, or why it could not be read.
struct file_content {
    bool ok = false;
    std::string text;      ///< the bytes, when ok
    std::string error;     ///< e.g. "No such file or directory", when not ok
    bool too_large = false;  ///< not ok because the file is longer than the limit (nothing past limit+1 was read)
    bool outside = false;    ///< not ok because the file lies outside the allowed roots (it was not read)
    std::string identity;  ///< the file's device and inode, when it could be opened (see `identity_of`)
};

/// Where a file may be read from: when `roots` is not empty, only files whose real path (symbolic links
/// resolved) lies under one of them. Each root must be an absolute path without symbolic links (`real_root`).
struct read_limits {
    std::size_t max_bytes = default_max_bytes;
    std::vector<std::filesystem::path> roots;
};

/// The real path of a directory that may serve as a root (symbolic links resolved), or `directory` unchanged
/// when it does not exist.
[[nodiscard]] std::filesystem::path real_root(const std::filesystem::path& directory);

/// True when the absolute, normal `path` is `root` or lies below it (compared by whole components).
[[nodiscard]] bool is_within(const std::filesystem::path& path, const std::filesystem::path& root);

/// A regular file opened for reading: never a FIFO, a device, a socket or a directory (those are refused
/// without reading, so a FIFO cannot hang the reader and /dev/zero cannot fill memory).
class input_file {
public:
    /// Opens `path`; when `limits.roots` is not empty, a file outside them is refused before it is opened.
    input_file(const std::filesystem::path& path, const read_limits& limits);
    input_file(const input_file&) = delete;
    input_file& operator=(const input_file&) = delete;
    ~input_file();

    /// True when the file is open; otherwise `failure()` says why.
    [[nodiscard]] bool is_open() const noexcept { return fd_ >= 0; }
    /// Why the file could not be opened (error, outside), when it is not open.
    [[nodiscard]] const file_content& failure() const noexcept { return failure_; }
    /// The file's device and inode: the same for every spelling of its path.
    [[nodiscard]] const std::string& identity() const noexcept { return identity_; }
    /// Reads the whole file, at most `max_bytes`; past that, `too_large` (only `max_bytes + 1` bytes are read).
    [[nodiscard]] file_content read_all(std::size_t max_bytes);
    /// A stream over the rest of the file (for NDJSON); valid while this object lives.
    [[nodiscard]] std::istream& stream();

private:
    int fd_ = -1;
    file_content failure_;
    std::string identity_;
    std::unique_ptr<std::streambuf> buffer_;
    std::unique_ptr<std::istream> stream_;
};

/// Reads a whole regular file (binary, no newline translation), at most `limits.max_bytes`, from inside
/// `limits.roots` when there are any.
[[nodiscard]] file_content read_file(const std::filesystem::path& path, const read_limits& limits = {});

/// A stream buffer that reads a file descriptor it does not own (standard input: `fd_streambuf(0)`).
/// A read error ends the stream and is kept in `error()` (0 when none).
class fd_streambuf : public std::streambuf {
public:
    explicit fd_streambuf(int fd) : fd_(fd) {}
    [[nodiscard]] int error() const noexcept { return error_; }

protected:
    int_type underflow() override;

private:
    int fd_;
    int error_ = 0;
    char buffer_[1 << 16];
};

/// One entry found while walking a directory: a `*.json` file to read, or a problem (an unreadable
/// directory, a dangling or looping `*.json` symbolic link, a `*.json` link that leads outside the roots).
struct walk_entry {
    std::filesystem::path path;
    std::string error;  ///< empty for a file to read; otherwise the reason it is not read
    bool outside = false;  ///< the error is a symbolic link that leads outside the roots
};

/// Walks `directory` recursively and calls `visit` for each `*.json` entry as it is found, in a deterministic order:
/// the entries of each directory sorted by name, a subdirectory's files where the subdirectory sorts (only one
/// directory's names are held at a time per level). Symbolic links to directories are not followed (no cycles);
/// symbolic links to files are, when their target lies under one of `roots` (any target when `roots` is empty).
/// `*.json` entries that are not regular files (FIFOs, devices) are passed on: reading them fails clearly.
void walk_directory(const std::filesystem::path& directory, const std::vector<std::filesystem::path>& roots,
                    const std::function<void(walk_entry)>& visit);

/// Every entry of `walk_directory`, collected (no roots).
[[nodiscard]] std::vector<walk_entry> walk_directory(const std::filesystem::path& directory);

/// One document's text from a stream, with the 1-based line it starts on (0 when the stream is one document).
struct stream_document {
    std::string text;
    std::size_t line = 0;
    /// The document is longer than the byte limit: `text` is empty and `size` counts its bytes (the rest of
    /// the line, or of the input, was skipped without being held).
    bool too_large = false;
    std::size_t size = 0;
};

/// A syntax message without the piece of input it quotes ("; last read: ..."): the line and column locate the
/// fault, and a file that is not JSON (a key, a password file reached through a link) never reaches a log.
[[nodiscard]] std::string without_quoted_input(std::string message);

/// `without_quoted_input` on every `input.syntax` finding of `report`.
void drop_quoted_input(dlm::report& report);

/// strerror for `code`, thread-safely.
std::string errno_message(int code);

/// Splits a stream into documents as `dlm validate -` does: when the whole input is one JSON value it is one
/// document (line 0); otherwise each non-blank line is a document (NDJSON). Streams: only the line in flight
/// is held, except while the first line is an incomplete value (the input is then buffered, up to `max_bytes`,
/// to try it whole; past that, the whole input is one document that is too large). A line longer than
/// `max_bytes` is a `too_large` document and is never held. `sink` receives each document in order.
void split_stream(std::istream& in, const std::function<void(stream_document)>& sink,
                  std::size_t max_bytes = default_max_bytes);

/// A local file that a document refers to, and the JSON pointer of the reference (`/links/3`, `/assets/model/href`).
struct local_reference {
    /// Resolved against the document's directory and made lexically normal.
    std::filesystem::path path;
    std::string pointer;
};

/// A link that is not followed: its pointer (`/links/3`) and its href.
struct remote_reference {
    std::string pointer;
    std::string href;
};

/// The `child` and `item` links of a Catalog or Collection.
struct catalog_links {
    /// The local files linked to, in link order.
    std::vector<local_reference> local;
    /// Links with a URI scheme other than `file:` (http:, https:, s3:...): never fetched, counted or listed.
    std::vector<remote_reference> remote;
};

/// The links of `document` (a Catalog or Collection; other documents have none): `file://` URIs and
/// percent-encoded relative references are decoded, then resolved against `base_directory`.
[[nodiscard]] catalog_links links_of(const nlohmann::json& document, const std::filesystem::path& base_directory);

/// The local files the asset hrefs of `document` refer to (an Item's or a Collection's `assets`, and those of each
/// feature of a FeatureCollection), resolved like links; hrefs with another URI scheme are left out.
[[nodiscard]] std::vector<local_reference> local_assets(const nlohmann::json& document,
                                                        const std::filesystem::path& base_directory);

/// A key that names the same file for every spelling of its path: its device and inode when it exists,
/// otherwise its absolute, lexically normal path. One `stat`, no canonicalisation.
[[nodiscard]] std::string identity_of(const std::filesystem::path& path);

/// What a file that is not a regular file is, for messages: "a directory", "a FIFO", "a character device"...
[[nodiscard]] std::string file_kind(mode_t mode);

}  // namespace dlm_cli

#endif  // DLM_CLI_INPUTS_HPP
