// Writing files safely: the one place the `dlm` tool writes a file.
#ifndef DLM_CLI_FILES_HPP
#define DLM_CLI_FILES_HPP

#include <filesystem>
#include <string>

namespace dlm_cli {

/// Writes `text` to `requested` through a temporary file in the same directory and a rename, so that the target
/// is either untouched or complete. Keeps an existing target's permissions. Returns an error message, or "".
[[nodiscard]] std::string write_atomically(const std::filesystem::path& requested, const std::string& text);

}  // namespace dlm_cli

#endif  // DLM_CLI_FILES_HPP
