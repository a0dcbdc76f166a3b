#ifndef DLM_MATCH_HPP
#define DLM_MATCH_HPP

// Model / imagery match: which asset and band of an imagery Item (or of a Collection's item_assets) feeds each
// model channel, and what the pixels need on the way (type conversion, nodata remapping, the source's
// scale/offset). Against a label Item (label extension) it reports instead whether the model's task aligns with
// `label:tasks` and whether its nodata is one of the raster label's classes (its background).
//
//     const dlm::deployment view = dlm::read_deployment(model_item);
//     const dlm::match_result plan = dlm::match(view, imagery_item);
//     if (!plan.feeds()) { for (const auto& f : plan.findings.errors) std::cerr << f.message << '\n'; return; }
//     for (const dlm::channel_match& c : plan.channels)   // in model order
//         read_band(c.asset, c.band);                      // then convert / remap / scale as c says

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/deployment.hpp>
#include <dlm/enums.hpp>
#include <dlm/report.hpp>

namespace dlm {

/// How a model channel found its imagery band, from the most to the least certain.
enum class match_method {
    name,         ///< the imagery band's `name` equals the channel's name
    common_name,  ///< the imagery band's common name equals the channel's common name (or its name)
    index,  ///< position: the band index in the imagery's one asset holding all `number_of_bands` bands, when
            ///< the channel or that band is unnamed
};

/// The spelling of a match method in JSON: "name", "common_name" or "index".
[[nodiscard]] constexpr std::string_view to_string(match_method value) noexcept {
    switch (value) {
        case match_method::name: return "name";
        case match_method::common_name: return "common_name";
        case match_method::index: return "index";
    }
    return {};
}

/// One band of the imagery: its asset, position, names and raster description.
struct imagery_band {
    /// The asset key (in `assets`, or `item_assets` for a Collection).
    std::string asset{};
    /// The band's position in the asset (its index in `eo:bands`, `raster:bands` or `bands`).
    std::size_t band = 0;
    /// `name`.
    std::optional<std::string> name{};
    /// `common_name` / `eo:common_name`.
    std::optional<std::string> common_name{};
    /// `data_type` (raster:bands, bands or the asset), as a raster type; nullopt when not stated or not readable.
    std::optional<dlm::data_type> data_type{};
    /// `nodata` as a number (NaN for "nan").
    std::optional<double> nodata{};
    /// `scale` / `raster:scale`.
    std::optional<double> scale{};
    /// `offset` / `raster:offset`.
    std::optional<double> offset{};
    /// The JSON pointer of the band object (of the asset when no band array describes it).
    std::string pointer{};
};

/// Which imagery band feeds one model channel, and what its pixels need.
struct channel_match {
    /// The channel's position in the model input.
    std::size_t channel = 0;
    /// The channel's band index in the model's data (`selected_bands` entry).
    std::int64_t band_index = 0;
    /// The feeding band; nullopt when none was found (a blocking finding says why).
    std::optional<imagery_band> source{};
    /// How it was found (meaningful when `source` is set).
    match_method method = match_method::name;
    /// The source's data type differs from the model's `data_type`: convert.
    bool convert = false;
    /// The source's nodata differs from the model's: remap source nodata pixels to the model's nodata.
    bool remap_nodata = false;
    /// The source declares a scale or offset other than 1 / 0 (reported: the model does not say whether it wants
    /// raw or scaled values).
    bool scaled_source = false;
};

/// What a label Item (label extension) says about the model.
struct label_relation {
    /// `label:tasks`.
    std::vector<std::string> tasks{};
    /// The model's task is one of `tasks` (nullopt when the Item has no `label:tasks`).
    std::optional<bool> task_aligned{};
    /// `label:type` ("raster" or "vector"), when given.
    std::optional<std::string> type{};
    /// For a raster label with `label:classes` and a model nodata: whether that nodata is one of the class values
    /// (so it may be the background class).
    std::optional<bool> nodata_is_class{};
};

/// The outcome of `match`.
struct match_result {
    /// One entry per model channel, in model order (empty against a label Item).
    std::vector<channel_match> channels{};
    /// Imagery bands no channel uses (ignored).
    std::vector<imagery_band> extra{};
    /// Set when the second document is a label Item.
    std::optional<label_relation> label{};
    /// Errors block (a missing or ambiguous band, no band information, a task that does not align); warnings do
    /// not. A missing band's finding points into the model document (its `selected_bands` entry); the others point
    /// into the imagery or label document.
    dlm::report findings{};

    /// True when the imagery can feed the model (no blocking finding).
    [[nodiscard]] bool feeds() const noexcept { return findings.ok(); }
};

/**
 * Matches a model (its deployment view) against an imagery Item, or a Collection's `item_assets`: for each model
 * channel, the asset and band that feed it, by name, then common name, then position; then type conversion, nodata
 * remapping and source scale/offset per channel, and the imagery bands left over. When `imagery` is a label Item,
 * reports the task / `label:tasks` alignment and whether the model's nodata is a raster label class instead.
 *
 * Several equally good candidates are narrowed to those whose data type is the model's, then to assets with the
 * role "data"; if more than one remains the channel is ambiguous (blocking), never chosen at random.
 * Never throws for the shape of `imagery`: what cannot be read is reported.
 *
 * **Example**: `dlm::match(dlm::read_deployment(model), imagery).channels[0].source->asset`
 */
[[nodiscard]] inline match_result match(const deployment& model, const nlohmann::json& imagery);

/// The result as JSON (`nlohmann::json j = result;`), as `dlm match --format json` prints it.
inline void to_json(nlohmann::json& j, const match_result& result);

}  // namespace dlm

#include <dlm/detail/deploy/match.hpp>

#endif  // DLM_MATCH_HPP
