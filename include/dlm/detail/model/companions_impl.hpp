#ifndef DLM_DETAIL_MODEL_COMPANIONS_IMPL_HPP
#define DLM_DETAIL_MODEL_COMPANIONS_IMPL_HPP

// The definitions behind dlm/companions.hpp: reading and writing the companion fields where the dlm fields are.

#include <dlm/companions.hpp>
#include <dlm/detail/model/from_json.hpp>
#include <dlm/detail/model/reader.hpp>
#include <dlm/detail/model/to_json.hpp>
#include <dlm/detail/stac/document_type.hpp>
#include <dlm/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dlm::detail {

inline void read(const reader& r, publication& out) {
    r.require_object();
    read_member(r, "doi", out.doi);
    read_member(r, "citation", out.citation);
    out.extra = r.extra({"doi", "citation"});
}

inline nlohmann::json write(const publication& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "doi", value.doi);
    write_member(out, at, "citation", value.citation);
    return out;
}

inline void read(const reader& r, eo_band& out) {
    r.require_object();
    read_member(r, "name", out.name);
    read_member(r, "common_name", out.common_name);
    read_member(r, "description", out.description);
    read_member(r, "center_wavelength", out.center_wavelength);
    read_member(r, "full_width_half_max", out.full_width_half_max);
    read_member(r, "solar_illumination", out.solar_illumination);
    out.extra = r.extra({"name", "common_name", "description", "center_wavelength", "full_width_half_max",
                         "solar_illumination"});
}

inline nlohmann::json write(const eo_band& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "name", value.name);
    write_member(out, at, "common_name", value.common_name);
    write_member(out, at, "description", value.description);
    write_member(out, at, "center_wavelength", value.center_wavelength);
    write_member(out, at, "full_width_half_max", value.full_width_half_max);
    write_member(out, at, "solar_illumination", value.solar_illumination);
    return out;
}

// The lists, written here rather than by to_json.hpp's generic vector writer, whose unqualified call cannot see
// overloads declared after it for types outside dlm::detail.
inline nlohmann::json write(const std::vector<publication>& values, const std::string& at) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < values.size(); ++i) out.push_back(write(values[i], join(at, i)));
    return out;
}

inline nlohmann::json write(const std::vector<eo_band>& values, const std::string& at) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < values.size(); ++i) out.push_back(write(values[i], join(at, i)));
    return out;
}

/// The object that holds an Item's or Collection's fields, and its pointer; throws for any other document.
[[nodiscard]] inline reader companion_fields_reader(const nlohmann::json& doc) {
    const reader root(doc, "");
    const stac_type type = type_of(doc);
    if (type == stac_type::collection) return root;
    if (type != stac_type::item) {
        root.fail("expected a STAC Item (\"type\": \"Feature\") or Collection, whose fields these are");
    }
    const reader properties = root.at("properties");
    properties.require_object();
    return properties;
}

/// Where `write_companion` writes: an Item's `properties` (created when absent) or a Collection's top level; throws
/// (before anything changes) for any other document or a `properties` that is not an object.
[[nodiscard]] inline nlohmann::json& companion_fields_target(nlohmann::json& doc) {
    const stac_type type = type_of(doc);
    if (type == stac_type::collection) return doc;
    if (type != stac_type::item) {
        reader(doc, "").fail("expected a STAC Item (\"type\": \"Feature\") or Collection, whose fields these are");
    }
    nlohmann::json& properties = doc["properties"];
    if (properties.is_null()) properties = nlohmann::json::object();
    if (!properties.is_object()) reader(properties, "/properties").fail_expected("an object");
    return properties;
}

/// Writes `value` into `written[key]` when present (the conversions run before the document changes).
template <class T>
void prepare_member(nlohmann::json& written, std::string_view key, const std::optional<T>& value, const std::string& at) {
    if (value) written[std::string(key)] = write(*value, join(at, key));
}

/// Replaces the members named `owned` in `target` by those of `written` (absent there: removed).
inline void commit_members(nlohmann::json& target, nlohmann::json& written, std::initializer_list<std::string_view> owned) {
    for (const std::string_view key : owned) target.erase(std::string(key));
    for (auto& [key, value] : written.get_ref<nlohmann::json::object_t&>()) target[key] = std::move(value);
}

}  // namespace dlm::detail

namespace dlm {

inline scientific_fields read_scientific(const nlohmann::json& doc) {
    const detail::reader fields = detail::companion_fields_reader(doc);
    scientific_fields out;
    detail::read_member(fields, "sci:doi", out.doi);
    detail::read_member(fields, "sci:citation", out.citation);
    detail::read_member(fields, "sci:publications", out.publications);
    return out;
}

inline void write_scientific(nlohmann::json& doc, const scientific_fields& fields) {
    const std::string at(detail::dlm_fields_location(detail::type_of(doc)));
    nlohmann::json written = nlohmann::json::object();
    detail::prepare_member(written, "sci:doi", fields.doi, at);
    detail::prepare_member(written, "sci:citation", fields.citation, at);
    detail::prepare_member(written, "sci:publications", fields.publications, at);
    detail::commit_members(detail::companion_fields_target(doc), written, {"sci:doi", "sci:citation", "sci:publications"});
}

inline version_fields read_version(const nlohmann::json& doc) {
    const detail::reader fields = detail::companion_fields_reader(doc);
    version_fields out;
    detail::read_member(fields, "version", out.version);
    detail::read_member(fields, "deprecated", out.deprecated);
    detail::read_member(fields, "experimental", out.experimental);
    return out;
}

inline void write_version(nlohmann::json& doc, const version_fields& fields) {
    const std::string at(detail::dlm_fields_location(detail::type_of(doc)));
    nlohmann::json written = nlohmann::json::object();
    detail::prepare_member(written, "version", fields.version, at);
    detail::prepare_member(written, "deprecated", fields.deprecated, at);
    detail::prepare_member(written, "experimental", fields.experimental, at);
    detail::commit_members(detail::companion_fields_target(doc), written, {"version", "deprecated", "experimental"});
}

inline std::optional<std::vector<eo_band>> read_eo_bands(const nlohmann::json& doc) {
    const detail::reader fields = detail::companion_fields_reader(doc);
    std::optional<std::vector<eo_band>> out;
    detail::read_member(fields, "eo:bands", out);
    return out;
}

inline void write_eo_bands(nlohmann::json& doc, const std::optional<std::vector<eo_band>>& bands) {
    const std::string at(detail::dlm_fields_location(detail::type_of(doc)));
    nlohmann::json written = nlohmann::json::object();
    detail::prepare_member(written, "eo:bands", bands, at);
    detail::commit_members(detail::companion_fields_target(doc), written, {"eo:bands"});
}

}  // namespace dlm

#endif  // DLM_DETAIL_MODEL_COMPANIONS_IMPL_HPP
