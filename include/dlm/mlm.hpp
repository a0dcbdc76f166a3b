#ifndef DLM_MLM_HPP
#define DLM_MLM_HPP

// Export to the Machine Learning Model extension (mlm v1.5.2), which supersedes dlm: one call turns a dlm Item or
// Collection into an mlm document and says what could not be carried over. The field map is the product requirement
// in the README's "Export to mlm" section. The export never invents a value mlm requires and dlm cannot give (the
// model asset, a task mlm has no name for): an option supplies it, or the report lists it as missing.
//
// The edits are a `dlm::patch` on the input: other extensions, assets, links and vendor fields are left as they are.

#include <dlm/detail/mlm/export.hpp>
#include <dlm/mlm_options.hpp>
#include <dlm/patch.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace dlm {

/// The `stac_extensions` identifier of the mlm extension the export writes.
inline constexpr std::string_view mlm_extension_identifier = detail::mlm::extension_identifier;

/// The `stac_extensions` identifier of the classification extension that mlm's output classes use.
inline constexpr std::string_view classification_extension_identifier = detail::mlm::classification_identifier;

/// The exported document, the edits that made it, and the report.
struct mlm_export {
    /// The mlm document: the input with `changes` applied.
    nlohmann::json document{};
    /// The edits, each with its reason, as paths into the input (apply them to its text to keep its formatting).
    dlm::patch changes{};
    /// Every dlm field without an mlm home, every value mlm requires that dlm cannot give, every assumed value.
    std::vector<mlm_note> notes{};

    /// True when no required value is missing.
    [[nodiscard]] bool complete() const noexcept {
        for (const mlm_note& note : notes) {
            if (note.outcome == mlm_outcome::missing) return false;
        }
        return true;
    }
};

/// Exports a dlm Item or Collection (or each Item of a FeatureCollection) to mlm v1.5.2. Throws `dlm::error` when
/// the document's dlm fields cannot be read (see `read_model`) or an option is not a value mlm accepts.
///
///     dlm::mlm_options options;
///     options.model_href = "https://example.org/unet.pt";
///     options.artifact_type = "torch.save";
///     const dlm::mlm_export out = dlm::export_mlm(item, options);
///     for (const dlm::mlm_note& n : out.notes) std::clog << n.pointer << ": " << n.message << '\n';
///     if (out.complete()) std::cout << out.document.dump(2) << '\n';
[[nodiscard]] inline mlm_export export_mlm(const nlohmann::json& document, const mlm_options& options = {}) {
    mlm_export result;
    result.changes = detail::mlm::export_changes(document, options, result.notes);
    result.document = document;
    apply_patch(result.document, result.changes);
    return result;
}

/// The report as JSON: an array of {"rule", "outcome", "pointer", "message"}.
[[nodiscard]] inline nlohmann::json notes_to_json(const std::vector<mlm_note>& notes) {
    nlohmann::json out = nlohmann::json::array();
    for (const mlm_note& n : notes) {
        out.push_back({{"rule", n.rule}, {"outcome", std::string(to_string(n.outcome))}, {"pointer", n.pointer},
                       {"message", n.message}});
    }
    return out;
}

}  // namespace dlm

#endif  // DLM_MLM_HPP
