#ifndef DLM_DETAIL_DEPLOY_MATCH_HPP
#define DLM_DETAIL_DEPLOY_MATCH_HPP

// Matching a model's channels to an imagery document's bands (dlm/match.hpp).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/deployment.hpp>
#include <dlm/detail/deploy/bands.hpp>
#include <dlm/detail/deploy/values.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/enums.hpp>
#include <dlm/match.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>

namespace dlm::detail::deploy {

/// A finite number member `key` of `object`, or nullopt.
[[nodiscard]] inline std::optional<double> number_member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return std::nullopt;
    const auto& members = object.get_ref<const nlohmann::json::object_t&>();
    const auto it = members.find(key);
    if (it == members.end() || !it->second.is_number()) return std::nullopt;
    return it->second.get<double>();
}

/// An imagery band and facts about its asset used to break ties.
struct candidate {
    imagery_band band;
    bool data_role = false;
};

/// True when `asset` lists the role "data".
[[nodiscard]] inline bool has_data_role(const nlohmann::json& asset) {
    const auto* roles = array_member(asset, "roles");
    if (!roles) return false;
    return std::any_of(roles->begin(), roles->end(), [](const nlohmann::json& r) { return r.is_string() && r == "data"; });
}

/// Reads a band's (or asset's) data type, nodata, scale and offset into `band`, the band object's members winning
/// over what `band` already holds from its asset.
inline void read_raster(const nlohmann::json& object, const std::string& pointer, imagery_band& band,
                        report& findings) {
    if (const auto type = string_member(object, "data_type")) {
        const auto parsed = parse_data_type(*type);
        if (parsed && raster_type(*parsed) && !is_complex(*raster_type(*parsed))) {
            band.data_type = raster_type(*parsed);
        } else {
            band.data_type.reset();
            findings.warning(rules::match_data_type_unsupported, at(pointer, "data_type"),
                             "data_type " + quote(*type) + " is not a real raster type a model input can be read from");
        }
    }
    if (object.is_object()) {
        if (const auto it = object.find("nodata"); it != object.end()) {
            if (const auto value = nodata_of(*it)) {
                report local;
                band.nodata = nodata_number(*value, at(pointer, "nodata"), local);
                findings.warnings.insert(findings.warnings.end(), local.errors.begin(), local.errors.end());
            }
        }
    }
    for (const char* key : {"scale", "raster:scale"}) {
        if (const auto v = number_member(object, key)) band.scale = v;
    }
    for (const char* key : {"offset", "raster:offset"}) {
        if (const auto v = number_member(object, key)) band.offset = v;
    }
}

/// Every band of every asset of the imagery (a Collection's `item_assets`, else its `assets`; an Item's `assets`).
[[nodiscard]] inline std::vector<candidate> imagery_bands(const nlohmann::json& imagery, report& findings) {
    std::vector<candidate> out;
    const bool collection = string_member(imagery, "type") == std::optional<std::string>("Collection");
    std::vector<asset_ref> assets;
    if (collection) assets = assets_of(imagery, "item_assets");
    if (assets.empty()) assets = assets_of(imagery, "assets");
    for (const auto& asset : assets) {
        const nlohmann::json* names = array_member(*asset.object, eo_bands_key);
        std::string names_pointer = at(asset.pointer, eo_bands_key);
        const nlohmann::json* stac11 = array_member(*asset.object, bands_key);
        const nlohmann::json* raster = array_member(*asset.object, "raster:bands");
        if (!names && stac11) {
            names = stac11;
            names_pointer = at(asset.pointer, bands_key);
        }
        std::size_t count = 0;
        for (const auto* array : {names, stac11, raster}) {
            if (array) count = std::max(count, array->size());
        }
        imagery_band defaults;
        defaults.asset = asset.key;
        read_raster(*asset.object, asset.pointer, defaults, findings);
        const bool data_role = has_data_role(*asset.object);
        for (std::size_t i = 0; i < count; ++i) {
            candidate c{defaults, data_role};
            c.band.band = i;
            c.band.pointer = asset.pointer;
            if (names && i < names->size()) {
                c.band.name = band_name((*names)[i]);
                c.band.common_name = band_common_name((*names)[i]);
                c.band.pointer = at(names_pointer, i);
            }
            if (stac11 && i < stac11->size()) read_raster((*stac11)[i], at(at(asset.pointer, bands_key), i), c.band, findings);
            if (raster && i < raster->size()) {
                read_raster((*raster)[i], at(at(asset.pointer, "raster:bands"), i), c.band, findings);
                if (!names) c.band.pointer = at(at(asset.pointer, "raster:bands"), i);
            }
            out.push_back(std::move(c));
        }
    }
    return out;
}

/// Keeps the best of several candidates: the model's data type first, then assets with the role "data".
inline void narrow(std::vector<const candidate*>& found, const std::optional<data_type>& model_type) {
    const auto keep_if = [&](auto predicate) {
        std::vector<const candidate*> kept;
        for (const auto* c : found) {
            if (predicate(*c)) kept.push_back(c);
        }
        if (!kept.empty()) found = std::move(kept);
    };
    if (found.size() > 1 && model_type) keep_if([&](const candidate& c) { return c.band.data_type == model_type; });
    if (found.size() > 1) keep_if([](const candidate& c) { return c.data_role; });
}

[[nodiscard]] inline std::string describe(const imagery_band& band) {
    std::string out = "asset " + quote(band.asset) + " band " + std::to_string(band.band);
    if (band.name) out += " (" + quote(*band.name) + ")";
    return out;
}

/// The label:tasks values a model task aligns with.
[[nodiscard]] inline std::vector<std::string_view> label_tasks_for(task t) {
    switch (t) {
        case task::regression: return {"regression"};
        case task::classification: return {"classification"};
        case task::object_detection: return {"detection"};
        case task::instance_segmentation: return {"segmentation", "detection"};
        default: return {"segmentation"};
    }
}

/// True when the document uses the label extension.
[[nodiscard]] inline bool is_label_item(const nlohmann::json& document) {
    if (!document.is_object()) return false;
    if (const auto* extensions = array_member(document, "stac_extensions")) {
        for (const auto& e : *extensions) {
            if (e.is_string() && e.get_ref<const std::string&>().find("/label/") != std::string::npos) return true;
        }
    }
    const auto properties = document.find("properties");
    return properties != document.end() && properties->is_object() &&
           (properties->contains("label:type") || properties->contains("label:tasks"));
}

inline label_relation relate_label(const deployment& model, const nlohmann::json& document, report& findings) {
    label_relation out;
    static const nlohmann::json empty = nlohmann::json::object();
    const auto properties_it = document.find("properties");
    const nlohmann::json& properties =
        properties_it != document.end() && properties_it->is_object() ? *properties_it : empty;
    out.type = string_member(properties, "label:type");
    const std::string task_text(to_string(model.task));
    if (const auto* tasks = array_member(properties, "label:tasks")) {
        for (const auto& t : *tasks) {
            if (t.is_string()) out.tasks.push_back(t.get<std::string>());
        }
        bool aligned = false;
        for (const auto& t : out.tasks) {
            for (const auto wanted : label_tasks_for(model.task)) aligned = aligned || lower_ascii(t) == wanted;
        }
        out.task_aligned = aligned;
        std::string listed;
        for (std::size_t i = 0; i < out.tasks.size() && i < 8; ++i) listed += (i ? ", " : "") + quote(out.tasks[i], 60);
        if (out.tasks.size() > 8) listed += ", ...";
        if (out.tasks.empty()) listed = "(none)";
        if (!aligned) {
            findings.error(rules::match_label_task, "/properties/label:tasks",
                           "the model's task " + quote(task_text) + " does not align with label:tasks " + listed);
        }
    } else {
        findings.warning(rules::match_label_task, "/properties",
                         "the label Item has no label:tasks: the model's task " + quote(task_text) +
                             " cannot be compared");
    }
    if (out.type == std::optional<std::string>("raster") && model.nodata) {
        if (const auto* classes = array_member(properties, "label:classes")) {
            bool found = false;
            for (const auto& group : *classes) {
                const auto* values = array_member(group, "classes");
                if (!values) continue;
                for (const auto& v : *values) {
                    if (v.is_number() && same_nodata(v.get<double>(), *model.nodata)) found = true;
                    if (v.is_string() && v.get<std::string>() == number_text(*model.nodata)) found = true;
                }
            }
            out.nodata_is_class = found;
            if (!found) {
                findings.warning(rules::match_label_nodata, "/properties/label:classes",
                                 "the model's nodata " + number_text(*model.nodata) +
                                     " is not a class value of this raster label: it is not its background class");
            }
        }
    }
    return out;
}

[[nodiscard]] inline nlohmann::json band_json(const imagery_band& b) {
    const auto opt = [](const std::optional<double>& v) { return v ? number_json(*v) : nlohmann::json(); };
    return {{"asset", b.asset},
            {"band", b.band},
            {"name", b.name ? nlohmann::json(*b.name) : nlohmann::json()},
            {"common_name", b.common_name ? nlohmann::json(*b.common_name) : nlohmann::json()},
            {"data_type", b.data_type ? nlohmann::json(std::string(to_string(*b.data_type))) : nlohmann::json()},
            {"nodata", opt(b.nodata)},
            {"scale", opt(b.scale)},
            {"offset", opt(b.offset)},
            {"pointer", b.pointer}};
}

}  // namespace dlm::detail::deploy

namespace dlm {

inline match_result match(const deployment& model, const nlohmann::json& imagery) {
    using namespace detail::deploy;
    match_result result;
    if (is_label_item(imagery)) {
        result.label = relate_label(model, imagery, result.findings);
        return result;
    }
    const std::vector<candidate> bands = imagery_bands(imagery, result.findings);
    if (bands.empty()) {
        result.findings.error(rules::match_imagery_no_bands, "",
                              "no asset describes bands (eo:bands, bands or raster:bands): nothing can feed the model");
    }
    // Matching by position needs the one asset that holds as many bands as the model's data (`number_of_bands`).
    std::optional<std::string> whole_asset;
    std::size_t whole_assets = 0;
    for (std::size_t i = 0; i < bands.size(); ++i) {
        const bool last_of_asset = i + 1 == bands.size() || bands[i + 1].band.asset != bands[i].band.asset;
        if (last_of_asset && static_cast<std::int64_t>(bands[i].band.band) + 1 == model.number_of_bands) {
            ++whole_assets;
            whole_asset = bands[i].band.asset;
        }
    }
    std::vector<bool> used(bands.size(), false);
    for (std::size_t i = 0; i < model.channels.size(); ++i) {
        const channel& ch = model.channels[i];
        channel_match m;
        m.channel = i;
        m.band_index = ch.band_index;
        const std::string label = "channel " + std::to_string(i) + " (band " + std::to_string(ch.band_index) +
                                  (ch.name ? ", " + detail::quote(*ch.name) : std::string()) + ")";
        const auto pick = [&](auto predicate) {
            std::vector<const candidate*> found;
            for (const auto& c : bands) {
                if (predicate(c.band)) found.push_back(&c);
            }
            narrow(found, model.source_data_type);
            return found;
        };
        std::vector<const candidate*> found;
        if (ch.name) {
            found = pick([&](const imagery_band& b) { return b.name == ch.name; });
            m.method = match_method::name;
        }
        if (found.empty() && (ch.common_name || ch.name)) {
            found = pick([&](const imagery_band& b) {
                return b.common_name && (b.common_name == ch.common_name || b.common_name == ch.name);
            });
            m.method = match_method::common_name;
        }
        if (found.empty() && whole_assets == 1 && ch.band_index >= 0) {
            found = pick([&](const imagery_band& b) {
                return b.asset == *whole_asset && b.band == static_cast<std::size_t>(ch.band_index) &&
                       (!(ch.name || ch.common_name) || !(b.name || b.common_name));
            });
            m.method = match_method::index;
        }
        if (found.empty()) {
            result.findings.error(rules::match_band_missing, ch.pointer,
                                  label + ": no imagery band has its name or common name" +
                                      (whole_assets == 1 ? std::string()
                                                         : ", and no single asset holds all " +
                                                               std::to_string(model.number_of_bands) +
                                                               " bands of the model's data to index by position"));
        } else if (found.size() > 1) {
            std::string list;
            for (std::size_t k = 0; k < found.size() && k < 4; ++k) {
                list += (list.empty() ? "" : ", ") + describe(found[k]->band);
            }
            if (found.size() > 4) list += " and " + std::to_string(found.size() - 4) + " more";
            result.findings.error(rules::match_band_ambiguous, found.front()->band.pointer,
                                  label + " could be fed by " + list + ": choose one");
        } else {
            const candidate& c = *found.front();
            used[static_cast<std::size_t>(&c - bands.data())] = true;
            m.source = c.band;
            const imagery_band& b = c.band;
            if (m.method == match_method::index) {
                result.findings.warning(rules::match_band_by_index, b.pointer,
                                        label + " is fed by " + describe(b) + " by position only");
            }
            if (!b.data_type) {
                result.findings.warning(rules::match_data_type_unknown, b.pointer,
                                        describe(b) + " states no data_type: the model expects " +
                                            std::string(to_string(model.data_type)));
            } else if (model.source_data_type && *b.data_type != *model.source_data_type) {
                m.convert = true;
            }
            if (b.nodata && model.nodata && !same_nodata(*b.nodata, *model.nodata)) m.remap_nodata = true;
            if ((b.scale && *b.scale != 1.0) || (b.offset && *b.offset != 0.0)) {
                m.scaled_source = true;
                result.findings.warning(rules::match_scale_offset, b.pointer,
                                        describe(b) + " declares scale " + number_text(b.scale.value_or(1.0)) +
                                            " and offset " + number_text(b.offset.value_or(0.0)) +
                                            "; the model does not say whether it expects raw or scaled values");
            }
        }
        result.channels.push_back(std::move(m));
    }
    for (std::size_t i = 0; i < bands.size(); ++i) {
        if (!used[i]) result.extra.push_back(bands[i].band);
    }
    return result;
}

inline void to_json(nlohmann::json& j, const match_result& result) {
    using namespace detail::deploy;
    nlohmann::json channels = nlohmann::json::array();
    for (const auto& c : result.channels) {
        channels.push_back({{"channel", c.channel},
                            {"band_index", c.band_index},
                            {"source", c.source ? band_json(*c.source) : nlohmann::json()},
                            {"method", c.source ? nlohmann::json(std::string(to_string(c.method))) : nlohmann::json()},
                            {"convert", c.convert},
                            {"remap_nodata", c.remap_nodata},
                            {"scaled_source", c.scaled_source}});
    }
    nlohmann::json extra = nlohmann::json::array();
    for (const auto& b : result.extra) extra.push_back(band_json(b));
    nlohmann::json label;
    if (result.label) {
        const auto& l = *result.label;
        label = {{"tasks", l.tasks},
                 {"task_aligned", l.task_aligned ? nlohmann::json(*l.task_aligned) : nlohmann::json()},
                 {"type", l.type ? nlohmann::json(*l.type) : nlohmann::json()},
                 {"nodata_is_class", l.nodata_is_class ? nlohmann::json(*l.nodata_is_class) : nlohmann::json()}};
    }
    j = {{"feeds", result.feeds()},
         {"channels", std::move(channels)},
         {"extra", std::move(extra)},
         {"label", std::move(label)},
         {"findings",
          {{"errors", findings_json(result.findings.errors)}, {"warnings", findings_json(result.findings.warnings)}}}};
}

}  // namespace dlm

#endif  // DLM_DETAIL_DEPLOY_MATCH_HPP
