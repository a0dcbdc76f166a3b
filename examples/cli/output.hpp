// Writing results: the text and JSON-lines forms of one document's report, colour, and the summary line.
#ifndef DLM_CLI_OUTPUT_HPP
#define DLM_CLI_OUTPUT_HPP

#include "args.hpp"

#include <dlm/report.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dlm_cli {

/// The outcome for one document: where it came from and what was found.
struct document_result {
    /// `FILE`, `FILE#/features/N`, `FILE:LINE`, `-` or `-:LINE`.
    std::string path;
    dlm::report report;
    /// The input could not be read or parsed (exit status 2 rather than 1).
    bool input_failed = false;
    /// The document declares the (deprecated) dlm extension.
    bool uses_dlm = false;
    /// The document's `type` and `id`, when they are strings.
    std::optional<std::string> type, id;
};

/// True when `stream` (1 or 2) is a terminal.
[[nodiscard]] bool is_terminal(int stream) noexcept;

/// True when standard output should be coloured: it is a terminal and NO_COLOR is not set.
[[nodiscard]] bool colour_wanted() noexcept;

/// Renders a document for `--format text`: a heading line, then one indented line per finding.
/// With `quiet`, a valid document renders as nothing.
[[nodiscard]] std::string render_text(const document_result& result, bool colour, bool quiet);

/// Renders a document for `--format json`: one JSON object (path, type, id, valid, errors, warnings) and a newline.
[[nodiscard]] std::string render_json(const document_result& result);

/// Renders the findings of a report as indented text lines (used by `upgrade` and `info` too).
[[nodiscard]] std::string render_findings(const dlm::report& report, bool colour);

/// `N valid, M invalid, W warnings, in T s` and a newline.
/// The closing line of `--format json`: {"summary": {documents, valid, invalid, warnings, remote_links, seconds}}.
[[nodiscard]] std::string render_json_summary(std::size_t valid, std::size_t invalid, std::size_t warnings,
                                              std::size_t remote_links, double seconds);

[[nodiscard]] std::string render_summary(std::size_t valid, std::size_t invalid, std::size_t warnings,
                                         double seconds);

/// `text` safe to print on a terminal: control characters (ESC, CR, LF, ...), bidirectional formatting
/// characters and invalid UTF-8 escaped as in messages (`\u001b`, `\n`, U+FFFD); everything else as it is.
[[nodiscard]] std::string printable(std::string_view text);

/// Flushes standard output (stdio and iostreams); on a write error (a full disk, /dev/full) prints
/// `dlm COMMAND: cannot write to standard output: REASON` on standard error and returns false.
[[nodiscard]] bool flush_standard_output(std::string_view command);

/// A JSON pointer as shown to a person: "(document)" for the whole document.
[[nodiscard]] std::string_view display_pointer(std::string_view pointer) noexcept;

/// The findings as the JSON lines print them: [{"rule", "pointer", "message"}].
[[nodiscard]] nlohmann::ordered_json findings_json(const std::vector<dlm::finding>& findings);

}  // namespace dlm_cli

#endif  // DLM_CLI_OUTPUT_HPP
