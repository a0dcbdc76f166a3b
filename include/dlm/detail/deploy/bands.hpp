#ifndef DLM_DETAIL_DEPLOY_BANDS_HPP
#define DLM_DETAIL_DEPLOY_BANDS_HPP

// Band arrays in a STAC document: eo v1.x `eo:bands` and STAC 1.1 `bands` (eo v2 `eo:common_name`), found in an
// Item's properties, a Collection's top level and summaries, and every asset and item_assets entry.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/detail/json/pointer.hpp>

namespace dlm::detail::deploy {

/// The member holding eo v1.x band objects.
inline constexpr std::string_view eo_bands_key = "eo:bands";
/// The member holding STAC 1.1 band objects.
inline constexpr std::string_view bands_key = "bands";

/// One band array and where it is.
struct band_array {
    std::string_view key;  ///< eo_bands_key or bands_key
    std::string pointer;
    const nlohmann::json* array = nullptr;
};

/// The member of `object` named `key` when it is an array, else nullptr.
[[nodiscard]] inline const nlohmann::json* array_member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto& members = object.get_ref<const nlohmann::json::object_t&>();
    const auto it = members.find(key);
    return it != members.end() && it->second.is_array() ? &it->second : nullptr;
}

/// The string member `key` of `object`, or nullopt.
[[nodiscard]] inline std::optional<std::string> string_member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return std::nullopt;
    const auto& members = object.get_ref<const nlohmann::json::object_t&>();
    const auto it = members.find(key);
    if (it == members.end() || !it->second.is_string()) return std::nullopt;
    return it->second.get<std::string>();
}

/// The asset-like objects of a document, each with its pointer: `assets` entries, then `item_assets` entries,
/// in key order.
struct asset_ref {
    std::string key;
    std::string pointer;
    const nlohmann::json* object = nullptr;
};

[[nodiscard]] inline std::vector<asset_ref> assets_of(const nlohmann::json& document, std::string_view member) {
    std::vector<asset_ref> out;
    if (!document.is_object()) return out;
    const auto it = document.find(member);
    if (it == document.end() || !it->is_object()) return out;
    for (const auto& [key, asset] : it->get_ref<const nlohmann::json::object_t&>()) {
        if (!asset.is_object()) continue;
        std::string pointer = "/" + std::string(member);
        append(pointer, key);
        out.push_back({key, std::move(pointer), &asset});
    }
    return out;
}

/// Every band array `key` in `document`, in this order: the object holding the dlm fields (`fields_pointer`),
/// a Collection's `summaries`, its `assets`, its `item_assets`.
[[nodiscard]] inline std::vector<band_array> find_band_arrays(const nlohmann::json& document,
                                                              const std::string& fields_pointer,
                                                              std::string_view key) {
    std::vector<band_array> out;
    const auto add = [&](const nlohmann::json& holder, std::string pointer) {
        if (const auto* array = array_member(holder, key)) {
            append(pointer, key);
            out.push_back({key, std::move(pointer), array});
        }
    };
    if (!document.is_object()) return out;
    const nlohmann::json* fields = &document;
    if (!fields_pointer.empty()) {
        const auto it = document.find("properties");
        fields = it != document.end() ? &*it : nullptr;
    }
    if (fields) add(*fields, fields_pointer);
    if (const auto it = document.find("summaries"); it != document.end()) add(*it, "/summaries");
    for (const char* member : {"assets", "item_assets"}) {
        for (const auto& asset : assets_of(document, member)) add(*asset.object, asset.pointer);
    }
    return out;
}

/// The name of a band object.
[[nodiscard]] inline std::optional<std::string> band_name(const nlohmann::json& band) {
    return string_member(band, "name");
}

/// The common name of a band object: `common_name` (eo v1.x) or `eo:common_name` (eo v2, STAC 1.1 bands).
[[nodiscard]] inline std::optional<std::string> band_common_name(const nlohmann::json& band) {
    if (auto name = string_member(band, "common_name")) return name;
    return string_member(band, "eo:common_name");
}

}  // namespace dlm::detail::deploy

#endif  // DLM_DETAIL_DEPLOY_BANDS_HPP
