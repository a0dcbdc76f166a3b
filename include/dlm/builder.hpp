#ifndef DLM_BUILDER_HPP
#define DLM_BUILDER_HPP

// Skeletons of STAC Items and Collections that carry a model: the STAC core fields, the dlm identifier and its
// companions declared. A catalog builder writes the model and the companion fields into the result:
//
//     nlohmann::json item = dlm::item_builder("unet-wetland", "2023-06-01T00:00:00Z")
//                               .geometry({{"type", "Point"}, {"coordinates", {-73.5, 45.5}}})   // bbox derived
//                               .asset("model", "https://example.com/unet.pt", {"model"})
//                               .build();
//     dlm::write_model(item, model);
//     dlm::write_version(item, {"1.0.0"});
//     dlm::write_scientific(item, {std::nullopt, "Doe, J. (2023). ...", std::nullopt});
//     dlm::write_eo_bands(item, bands);

#include <dlm/detail/stac/skeleton.hpp>
#include <dlm/error.hpp>
#include <dlm/extensions.hpp>
#include <dlm/version.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dlm {

/// Builds a STAC Item skeleton (`type`, `stac_version`, `id`, `geometry`, `bbox`, `properties.datetime`, `links`,
/// `assets`) that declares the dlm extension and its companions (scientific, eo, version).
class item_builder {
public:
    /// An Item named `id` whose `datetime` (RFC 3339, e.g. "2023-06-01T00:00:00Z") is `datetime`.
    item_builder(std::string id, std::string datetime) : id_(std::move(id)), datetime_(std::move(datetime)) {}

    /// The STAC version written ("1.0.0" by default, or "1.1.0").
    item_builder& stac_version(std::string version) { return set(stac_version_, std::move(version)); }
    /// The GeoJSON geometry (null by default, then no `bbox`); the `bbox` is derived from its coordinates.
    item_builder& geometry(nlohmann::json geometry) { return set(geometry_, std::move(geometry)); }
    /// Adds a link.
    item_builder& link(std::string rel, std::string href, std::string media_type = {}) {
        links_.push_back(detail::make_link(std::move(rel), std::move(href), std::move(media_type)));
        return *this;
    }
    /// Adds an asset under `key`.
    item_builder& asset(std::string key, std::string href, std::vector<std::string> roles = {}, std::string media_type = {}) {
        assets_[std::move(key)] = detail::make_asset(std::move(href), std::move(roles), std::move(media_type));
        return *this;
    }
    /// Sets a member of `properties` (e.g. "title", "license").
    item_builder& property(std::string key, nlohmann::json value) {
        properties_[std::move(key)] = std::move(value);
        return *this;
    }
    /// Declares one more extension.
    item_builder& extension(std::string identifier) {
        extensions_.push_back(std::move(identifier));
        return *this;
    }

    /// The Item. Throws dlm::error when the geometry's coordinates are not GeoJSON positions.
    [[nodiscard]] nlohmann::json build() const {
        nlohmann::json item = {{"type", "Feature"}, {"stac_version", stac_version_},
                               {"stac_extensions", detail::declared_extensions(extensions_)}, {"id", id_},
                               {"geometry", geometry_}};
        if (!geometry_.is_null()) item["bbox"] = detail::bbox_of(geometry_);
        nlohmann::json properties = properties_;
        properties["datetime"] = datetime_;
        item["properties"] = std::move(properties);
        item["links"] = links_;
        item["assets"] = assets_;
        return item;
    }

private:
    template <class T>
    item_builder& set(T& field, T value) {
        field = std::move(value);
        return *this;
    }

    std::string id_;
    std::string datetime_;
    std::string stac_version_ = "1.0.0";
    nlohmann::json geometry_ = nullptr;
    nlohmann::json properties_ = nlohmann::json::object();
    nlohmann::json links_ = nlohmann::json::array();
    nlohmann::json assets_ = nlohmann::json::object();
    std::vector<std::string> extensions_;
};

/// Builds a STAC Collection skeleton (`type`, `stac_version`, `id`, `description`, `license`, `extent`, `links`)
/// that declares the dlm extension and its companions.
class collection_builder {
public:
    /// A Collection named `id`, described by `description`, under `license` (an SPDX identifier, or "other").
    collection_builder(std::string id, std::string description, std::string license)
        : id_(std::move(id)), description_(std::move(description)), license_(std::move(license)) {}

    /// The STAC version written ("1.0.0" by default, or "1.1.0").
    collection_builder& stac_version(std::string version) { return set(stac_version_, std::move(version)); }
    /// The spatial extent (west, south, east, north); the whole world by default.
    collection_builder& bbox(double west, double south, double east, double north) {
        bbox_ = {west, south, east, north};
        return *this;
    }
    /// The temporal extent: RFC 3339 start and end, nullopt for an open end; fully open by default.
    collection_builder& interval(std::optional<std::string> start, std::optional<std::string> end) {
        // An array, explicitly: a braced list of a string and a value would be read as an object member.
        interval_ = nlohmann::json::array({start ? nlohmann::json(*start) : nlohmann::json(nullptr),
                                           end ? nlohmann::json(*end) : nlohmann::json(nullptr)});
        return *this;
    }
    /// Adds a link.
    collection_builder& link(std::string rel, std::string href, std::string media_type = {}) {
        links_.push_back(detail::make_link(std::move(rel), std::move(href), std::move(media_type)));
        return *this;
    }
    /// Adds an asset under `key`.
    collection_builder& asset(std::string key, std::string href, std::vector<std::string> roles = {},
                              std::string media_type = {}) {
        assets_[std::move(key)] = detail::make_asset(std::move(href), std::move(roles), std::move(media_type));
        return *this;
    }
    /// Sets a top-level member (e.g. "title", "keywords", "summaries").
    collection_builder& field(std::string key, nlohmann::json value) {
        fields_[std::move(key)] = std::move(value);
        return *this;
    }
    /// Declares one more extension.
    collection_builder& extension(std::string identifier) {
        extensions_.push_back(std::move(identifier));
        return *this;
    }

    /// The Collection.
    [[nodiscard]] nlohmann::json build() const {
        nlohmann::json collection = fields_;
        collection["type"] = "Collection";
        collection["stac_version"] = stac_version_;
        collection["stac_extensions"] = detail::declared_extensions(extensions_);
        collection["id"] = id_;
        collection["description"] = description_;
        collection["license"] = license_;
        collection["extent"] = {{"spatial", {{"bbox", nlohmann::json::array({bbox_})}}},
                                {"temporal", {{"interval", nlohmann::json::array({interval_})}}}};
        collection["links"] = links_;
        if (!assets_.empty()) collection["assets"] = assets_;
        return collection;
    }

private:
    template <class T>
    collection_builder& set(T& field, T value) {
        field = std::move(value);
        return *this;
    }

    std::string id_;
    std::string description_;
    std::string license_;
    std::string stac_version_ = "1.0.0";
    nlohmann::json bbox_ = {-180.0, -90.0, 180.0, 90.0};
    nlohmann::json interval_ = nlohmann::json::array({nullptr, nullptr});
    nlohmann::json fields_ = nlohmann::json::object();
    nlohmann::json links_ = nlohmann::json::array();
    nlohmann::json assets_ = nlohmann::json::object();
    std::vector<std::string> extensions_;
};

}  // namespace dlm

#endif  // DLM_BUILDER_HPP
