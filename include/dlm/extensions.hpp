#ifndef DLM_EXTENSIONS_HPP
#define DLM_EXTENSIONS_HPP

// The `stac_extensions` identifiers of the extensions dlm requires beside itself ("must be imported": scientific,
// eo and version), for builders that declare them and for the rule that checks them.
//
//     item["stac_extensions"] = {dlm::extension_identifier, dlm::extensions::scientific, dlm::extensions::eo,
//                                dlm::extensions::version};

#include <cstddef>
#include <string_view>

namespace dlm::extensions {

/// scientific v1.0.0, its only release.
inline constexpr std::string_view scientific_v1_0_0 = "https://stac-extensions.github.io/scientific/v1.0.0/schema.json";
/// eo v1.0.0.
inline constexpr std::string_view eo_v1_0_0 = "https://stac-extensions.github.io/eo/v1.0.0/schema.json";
/// eo v1.1.0.
inline constexpr std::string_view eo_v1_1_0 = "https://stac-extensions.github.io/eo/v1.1.0/schema.json";
/// eo v2.0.0 (for STAC 1.1 documents, whose bands are in `bands`).
inline constexpr std::string_view eo_v2_0_0 = "https://stac-extensions.github.io/eo/v2.0.0/schema.json";
/// version v1.0.0.
inline constexpr std::string_view version_v1_0_0 = "https://stac-extensions.github.io/version/v1.0.0/schema.json";
/// version v1.1.0.
inline constexpr std::string_view version_v1_1_0 = "https://stac-extensions.github.io/version/v1.1.0/schema.json";
/// version v1.2.0.
inline constexpr std::string_view version_v1_2_0 = "https://stac-extensions.github.io/version/v1.2.0/schema.json";

/// The pre-1.0 in-core identifier of scientific; validated with scientific v1.0.0.
inline constexpr std::string_view scientific_in_core =
    "https://schemas.stacspec.org/v1.0.0-beta.2/extensions/scientific/json-schema/schema.json";
/// The pre-1.0 in-core identifier of eo; validated with eo v1.0.0.
inline constexpr std::string_view eo_in_core =
    "https://schemas.stacspec.org/v1.0.0-beta.2/extensions/eo/json-schema/schema.json";
/// The pre-1.0 in-core identifier of version; validated with version v1.0.0.
inline constexpr std::string_view version_in_core =
    "https://schemas.stacspec.org/v1.0.0-beta.2/extensions/version/json-schema/schema.json";

/// The identifiers a builder declares by default: the newest release of each companion that fits STAC 1.0
/// documents (eo v2.0.0 is for STAC 1.1's `bands`).
inline constexpr std::string_view scientific = scientific_v1_0_0;
inline constexpr std::string_view eo = eo_v1_1_0;
inline constexpr std::string_view version = version_v1_2_0;

}  // namespace dlm::extensions

namespace dlm::extensions::detail {
inline constexpr std::string_view scientific_identifiers[] = {scientific_v1_0_0, scientific_in_core};
inline constexpr std::string_view eo_identifiers[] = {eo_v1_0_0, eo_v1_1_0, eo_v2_0_0, eo_in_core};
inline constexpr std::string_view version_identifiers[] = {version_v1_0_0, version_v1_1_0, version_v1_2_0,
                                                           version_in_core};
}  // namespace dlm::extensions::detail

namespace dlm::extensions {

/// One companion extension and every identifier that counts as declaring it.
struct companion {
    /// Its short name ("scientific", "eo", "version").
    std::string_view name{};
    /// The released versions' identifiers, then the pre-1.0 in-core one.
    const std::string_view* identifiers;
    /// How many `identifiers` there are.
    std::size_t identifier_count{};
};

/// The three extensions a dlm document must declare, with the identifiers that count for each.
inline constexpr companion companions[] = {
    {"scientific", detail::scientific_identifiers, 2},
    {"eo", detail::eo_identifiers, 4},
    {"version", detail::version_identifiers, 4},
};

/// The identifier a declared extension is validated as: a pre-1.0 in-core companion identifier maps to the v1.0.0
/// release of that extension; every other identifier is itself.
[[nodiscard]] constexpr std::string_view validated_as(std::string_view identifier) noexcept {
    for (const companion& c : companions) {
        if (identifier == c.identifiers[c.identifier_count - 1]) return c.identifiers[0];
    }
    return identifier;
}

}  // namespace dlm::extensions

#endif  // DLM_EXTENSIONS_HPP
