#ifndef DLM_MLM_OPTIONS_HPP
#define DLM_MLM_OPTIONS_HPP

// The options and the report entries of the export to mlm (dlm/mlm.hpp).

#include <optional>
#include <string>
#include <string_view>

namespace dlm {

/// What a caller knows and dlm does not.
struct mlm_options {
    /// `href` of the model asset (`assets/mlm:model`, roles `["mlm:model"]`): the weights, which dlm never names.
    std::optional<std::string> model_href{};
    /// `mlm:artifact_type` of the model asset (e.g. "torch.save", "onnx"); needed with `model_href`.
    std::optional<std::string> artifact_type{};
    /// `mlm:name`; by default the title, else the id, whichever matches mlm's name pattern. Must match it.
    std::optional<std::string> name{};
    /// `result.data_type` of the output (a raster data type name); by default "float32", reported as assumed.
    std::optional<std::string> output_data_type{};
    /// The mlm task for a dlm task mlm has no value for (`object segmentation`), e.g. "semantic-segmentation".
    std::optional<std::string> task{};
    /// Keep the `dlm:` fields and the dlm identifier beside the `mlm:` ones (by default both are removed).
    bool keep_dlm = false;
    /// `stac_version` of the output; by default the input's.
    std::optional<std::string> stac_version{};
};

/// What happened to a dlm field, or to a value mlm requires.
enum class mlm_outcome {
    kept,      ///< the dlm field stays (with `keep_dlm`), or a value is left as it was
    moved,     ///< the value now lives elsewhere (its new place is in the message)
    dropped,   ///< the value has no mlm home and is not in the output
    supplied,  ///< an option gave a value mlm requires
    missing,   ///< mlm requires a value that neither dlm nor an option gave: the output is not a valid mlm document
    assumed,   ///< a value the export chose (the message says which and why)
};

/// The word for an outcome ("kept", "moved", ...).
[[nodiscard]] constexpr std::string_view to_string(mlm_outcome outcome) noexcept {
    switch (outcome) {
        case mlm_outcome::kept: return "kept";
        case mlm_outcome::moved: return "moved";
        case mlm_outcome::dropped: return "dropped";
        case mlm_outcome::supplied: return "supplied";
        case mlm_outcome::missing: return "missing";
        case mlm_outcome::assumed: return "assumed";
    }
    return "kept";
}

/// One entry of the export's report.
struct mlm_note {
    /// `rules::mlm_unmapped` (a dlm field with no mlm home), `rules::mlm_required` (a value mlm requires that dlm
    /// cannot give) or `rules::mlm_assumed` (a value the export chose).
    std::string rule{};
    /// What happened.
    mlm_outcome outcome = mlm_outcome::dropped;
    /// RFC 6901 pointer: of the dlm field in the input (`mlm.unmapped`), or of the value in the output.
    std::string pointer{};
    /// For a person: what the value was, where it went, or why it is missing.
    std::string message{};
};

}  // namespace dlm

#endif  // DLM_MLM_OPTIONS_HPP
