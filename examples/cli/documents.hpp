// Reading documents one by one from the PATHs a command is given, the way `dlm validate` does: files, directories
// (every *.json below them, sorted), `-` (one document or NDJSON), *.ndjson / *.jsonl files, the features of a
// FeatureCollection, and with `links` the local `child`/`item` links of catalogs and collections, each file once.
// For the commands that read a few documents in order (`info`, `find`); `validate` has its own parallel reader.
#ifndef DLM_CLI_DOCUMENTS_HPP
#define DLM_CLI_DOCUMENTS_HPP

#include <dlm/limits.hpp>
#include <dlm/report.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace dlm_cli {

/// One document, or why it could not be read.
struct input_document {
    /// `FILE`, `FILE#/features/N`, `FILE:LINE`, `-` or `-:LINE`.
    std::string path;
    /// The document; nullopt when it could not be read or parsed (`findings` says why).
    std::optional<nlohmann::json> document;
    /// Why it could not be read or parsed, or the parser's findings about a document it still returned.
    dlm::report findings;
};

/// Reads every document of `paths` in order and hands each to `sink`.
void for_each_document(const std::vector<std::string>& paths, bool links, const dlm::limits& limits,
                       const std::function<void(input_document&)>& sink);

}  // namespace dlm_cli

#endif  // DLM_CLI_DOCUMENTS_HPP
