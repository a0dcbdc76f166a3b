#ifndef DLM_DETAIL_STAC_SKELETON_HPP
#define DLM_DETAIL_STAC_SKELETON_HPP

// The parts dlm/builder.hpp assembles: links, assets, the declared extensions, and a geometry's bounding box.

#include <dlm/error.hpp>
#include <dlm/extensions.hpp>
#include <dlm/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace dlm::detail {

[[nodiscard]] inline nlohmann::json make_link(std::string rel, std::string href, std::string media_type) {
    nlohmann::json link = {{"rel", std::move(rel)}, {"href", std::move(href)}};
    if (!media_type.empty()) link["type"] = std::move(media_type);
    return link;
}

[[nodiscard]] inline nlohmann::json make_asset(std::string href, std::vector<std::string> roles, std::string media_type) {
    nlohmann::json asset = {{"href", std::move(href)}};
    if (!media_type.empty()) asset["type"] = std::move(media_type);
    if (!roles.empty()) asset["roles"] = std::move(roles);
    return asset;
}

/// The dlm identifier, the companions' default identifiers, then `more` (each listed once, in that order).
[[nodiscard]] inline nlohmann::json declared_extensions(const std::vector<std::string>& more) {
    nlohmann::json out = {extension_identifier, extensions::scientific, extensions::eo, extensions::version};
    for (const std::string& identifier : more) {
        if (std::find(out.begin(), out.end(), identifier) == out.end()) out.push_back(identifier);
    }
    return out;
}

/// The 2D or 3D bounding box of a GeoJSON geometry's positions (a GeometryCollection's members included); throws
/// dlm::error when a position is not 2 or 3 numbers or the geometry has none. Walks with an explicit stack.
[[nodiscard]] inline nlohmann::json bbox_of(const nlohmann::json& geometry) {
    std::vector<double> low(3, std::numeric_limits<double>::infinity());
    std::vector<double> high(3, -std::numeric_limits<double>::infinity());
    std::size_t dimensions = 0;
    bool any = false;
    std::vector<const nlohmann::json*> pending;
    if (!geometry.is_object()) throw error("/geometry", "expected a GeoJSON geometry object");
    pending.push_back(&geometry);
    while (!pending.empty()) {
        const nlohmann::json& node = *pending.back();
        pending.pop_back();
        if (node.is_object()) {
            if (const auto members = node.find("geometries"); members != node.end() && members->is_array()) {
                for (const auto& member : *members) pending.push_back(&member);
            }
            if (const auto coordinates = node.find("coordinates"); coordinates != node.end()) pending.push_back(&*coordinates);
            continue;
        }
        if (!node.is_array()) throw error("/geometry", "expected GeoJSON coordinates (arrays of numbers)");
        if (!node.empty() && node.front().is_number()) {  // a position
            if (node.size() < 2 || node.size() > 3 || !std::all_of(node.begin(), node.end(), [](const auto& v) { return v.is_number(); })) {
                throw error("/geometry", "expected a position of 2 or 3 numbers, found " + node.dump());
            }
            dimensions = dimensions == 0 ? node.size() : std::min(dimensions, node.size());
            for (std::size_t i = 0; i < node.size(); ++i) {
                low[i] = std::min(low[i], node[i].get<double>());
                high[i] = std::max(high[i], node[i].get<double>());
            }
            any = true;
            continue;
        }
        for (const auto& child : node) pending.push_back(&child);
    }
    if (!any) throw error("/geometry", "the geometry has no coordinates to bound");
    if (dimensions == 3) return {low[0], low[1], low[2], high[0], high[1], high[2]};
    return {low[0], low[1], high[0], high[1]};
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_STAC_SKELETON_HPP
