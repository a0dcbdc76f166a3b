// Writing files safely: the one place the `dlm` tool writes a file.
#ifndef DLM_CLI_FILES_HPP
#define DLM_CLI_FILES_HPP

#include <filesystem>
#include <string>

namespace dlm_cli {

/// How `write_atomically` may treat an existing target.
struct write_options {
    /// Replace a file that has no write permission (`--force`); refused otherwise.
    bool replace_read_only = false;
};

/// Writes `text` to `requested` ("-": standard output) through a temporary file in the same directory, then a
/// rename, so that the target is either untouched or complete. A symbolic link is followed (its target is
/// replaced). Only a regular file is replaced, or a new one created: a device, FIFO, socket or directory is
/// refused, and so is a file with more than one hard link (replacing it would split the links) and a read-only
/// file unless `options.replace_read_only`. The new file keeps the old one's mode, and its owner and group when
/// the process may set them. The temporary file is `.NAME.dlm-tmp` (a long NAME is shortened and hashed to fit
/// NAME_MAX); it is locked while in use, and one left by a killed run is removed by the next write of NAME.
/// Returns an error message, or "" when written.
[[nodiscard]] std::string write_atomically(const std::filesystem::path& requested, const std::string& text,
                                           const write_options& options = {});

/// The temporary file name `write_atomically` uses for `target` (same directory).
[[nodiscard]] std::filesystem::path temporary_name_for(const std::filesystem::path& target);

}  // namespace dlm_cli

#endif  // DLM_CLI_FILES_HPP
