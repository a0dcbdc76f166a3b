#ifndef DLM_DETAIL_MIGRATE_EXTENSIONS_HPP
#define DLM_DETAIL_MIGRATE_EXTENSIONS_HPP

// The `stac_extensions` entries of pre-1.0 documents (short ids such as `eo`, and the schema URLs of the extensions
// that lived inside the stac-spec repository until 1.0.0-rc.1) and the released identifiers that replace them.
// Sources: the stac-spec CHANGELOG (1.0.0-rc.1: "stac_extensions must contain URIs", extensions moved to the
// stac-extensions organisation; 1.0.0-beta.1: the `assets` extension renamed `item-assets`; 0.9.0: `commons`,
// `datetime-range` removed; 1.0.0-rc.1: `collection-assets` became core), stac-migrate's table of short names
// (migrate.js, SCHEMAS and `migrateExtensionShortnames`) and pystac's `OldExtensionShortIDs` and
// `_get_removed_extension_migrations` (serialization/migrate.py). The dlm short name `dl-model` is not here: the dlm
// rewrites (dlm::upgrade) own it.

#include <dlm/version.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace dlm::detail::migrate {

/// The identifier of release `version` (e.g. "v1.0.0") of the stac-extensions extension `name`.
[[nodiscard]] inline std::string extension_uri(std::string_view name, std::string_view version) {
    return "https://stac-extensions.github.io/" + std::string(name) + "/" + std::string(version) + "/schema.json";
}

/// What becomes of one `stac_extensions` entry.
struct extension_rewrite {
    enum class action { keep, replace, remove } what = action::keep;
    std::string identifier;  ///< the new entry (replace)
    std::string reason;      ///< why (replace, remove)
};

/// The stac-extensions repository name of a pre-1.0 extension id (`proj` -> `projection`), or nothing for an id
/// that has no released successor of its own.
[[nodiscard]] inline std::optional<std::string_view> released_name(std::string_view id) {
    struct entry {
        std::string_view id, name;
    };
    static constexpr entry table[] = {
        {"eo", "eo"},
        {"scientific", "scientific"},
        {"sci", "scientific"},
        {"version", "version"},
        {"proj", "projection"},
        {"projection", "projection"},
        {"sat", "sat"},
        {"view", "view"},
        {"label", "label"},
        {"datacube", "datacube"},
        {"cube", "datacube"},
        {"processing", "processing"},
        {"sar", "sar"},
        {"pointcloud", "pointcloud"},
        {"pc", "pointcloud"},
        {"file", "file"},
        {"item-assets", "item-assets"},
        {"asset", "item-assets"},
        {"assets", "item-assets"},
        {"timestamps", "timestamps"},
        {"raster", "raster"},
        {"card4l", "card4l"},
    };
    for (const entry& e : table) {
        if (e.id == id) return e.name;
    }
    return std::nullopt;
}

/// Why a pre-1.0 id that has no successor is dropped, or nothing when the id is not one of those.
[[nodiscard]] inline std::optional<std::string_view> removal_reason(std::string_view id) {
    struct entry {
        std::string_view id, reason;
    };
    static constexpr entry table[] = {
        {"commons", "the commons extension was removed in STAC 0.9.0 (Items carry their own properties)"},
        {"datetime-range", "the datetime-range extension became start_datetime/end_datetime in STAC 0.9.0"},
        {"dtr", "the datetime-range extension became start_datetime/end_datetime in STAC 0.9.0"},
        {"collection-assets", "Collection assets are part of STAC core since 1.0.0-rc.1"},
        {"checksum", "the checksum extension was replaced by the file extension's file:checksum"},
        {"single-file-stac", "the single-file-stac extension was withdrawn before STAC 1.0.0"},
        {"tiled-assets", "the tiled-assets extension was never released"},
        {"provider", "providers are a STAC core field (since 0.8.0); there is no provider extension"},
        {"providers", "providers are a STAC core field (since 0.8.0); there is no providers extension"},
    };
    for (const entry& e : table) {
        if (e.id == id) return e.reason;
    }
    return std::nullopt;
}

/// The extension name in a pre-1.0 in-core schema URL (`https://schemas.stacspec.org/v1.0.0-beta.2/extensions/eo/
/// json-schema/schema.json`, or the same path in the stac-spec repository on raw.githubusercontent.com).
[[nodiscard]] inline std::optional<std::string> in_core_extension_name(std::string_view uri) {
    static constexpr std::string_view hosts[] = {"https://schemas.stacspec.org/", "http://schemas.stacspec.org/",
                                                 "https://raw.githubusercontent.com/radiantearth/stac-spec/"};
    static constexpr std::string_view marker = "/extensions/";
    static constexpr std::string_view suffix = "/json-schema/schema.json";
    bool known_host = false;
    for (const std::string_view host : hosts) known_host = known_host || uri.rfind(host, 0) == 0;
    if (!known_host || uri.size() <= suffix.size() || uri.substr(uri.size() - suffix.size()) != suffix) {
        return std::nullopt;
    }
    const std::string_view head = uri.substr(0, uri.size() - suffix.size());
    const auto at = head.rfind(marker);
    if (at == std::string_view::npos) return std::nullopt;
    const std::string_view name = head.substr(at + marker.size());
    if (name.empty() || name.find('/') != std::string_view::npos) return std::nullopt;
    return std::string(name);
}

/// What to do with one entry of a pre-1.0 document's `stac_extensions` (released identifiers of the STAC 1.0.0 era:
/// the v1.0.0 release of each extension).
[[nodiscard]] inline extension_rewrite rewrite_extension(std::string_view entry) {
    using action = extension_rewrite::action;
    if (entry == extension_identifier || entry == legacy_extension_short_name) return {};
    std::string id(entry);
    std::string_view form = "the short id";
    if (const auto name = in_core_extension_name(entry)) {
        if (*name == legacy_extension_short_name) {
            return {action::replace, std::string(extension_identifier),
                    "the dl-model schema URL of an earlier release; the extension's identifier is " +
                        std::string(extension_identifier)};
        }
        id = *name;
        form = "the pre-1.0 schema URL of";
    } else if (entry.find(':') != std::string_view::npos) {
        return {};  // an IRI: released, or someone's own extension
    }
    if (const auto name = released_name(id)) {
        return {action::replace, extension_uri(*name, "v1.0.0"),
                std::string(form) + " " + id + " -> the released identifier (STAC 1.0.0 lists extensions by URI)"};
    }
    if (const auto reason = removal_reason(id)) return {action::remove, "", std::string(*reason)};
    return {};  // unknown: kept, and listed as needing an identifier
}

}  // namespace dlm::detail::migrate

#endif  // DLM_DETAIL_MIGRATE_EXTENSIONS_HPP
