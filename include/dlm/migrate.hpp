#ifndef DLM_MIGRATE_HPP
#define DLM_MIGRATE_HPP

// Migration of a STAC document carrying dlm metadata, from any published STAC version since 0.6.0 (0.6.x, 0.7.0,
// 0.8.x, 0.9.0, 1.0.0-beta.1 to 1.0.0-rc.4) to STAC 1.0.0 or 1.1.0, followed by the dlm rewrites of `dlm::upgrade`.
// The result is the migrated document, the RFC 6902 patch that turns the original into it (each operation with its
// reason), and the values a person must supply: the migration never invents a value it cannot derive.
//
// The STAC steps, for Items, Collections, Catalogs and each Item of a FeatureCollection:
//   - `type` added where it is missing (Catalogs and Collections had none before 1.0.0-rc.1); a numeric `id` becomes
//     its text; `links` (and an Item's `assets`) added empty when missing;
//   - `stac_extensions`: short ids (`eo`, `proj`, `scientific`, `version`, `view`, `sat`, `label`, `datacube`, ...)
//     and the pre-1.0 in-core schema URLs -> the released identifiers (v1.0.0 of each; the dl-model ones ->
//     `dlm::extension_identifier`); withdrawn ids (`commons`, `checksum`, `collection-assets`, ...) removed;
//   - `assets` as an array -> an object keyed by asset name; a pre-1.0 Collection's `assets` without any `href`
//     (definitions of its Items' assets) -> `item_assets`; one keyword or label property as a string -> a list;
//   - fields that moved: `item:license`/`item:providers` (< 0.8.0), `dtr:*`, `eo:platform`, `eo:constellation`,
//     `eo:instrument` (-> `instruments`), `eo:epsg` (-> `proj:epsg`), `eo:` view angles (-> `view:`) (< 0.9.0),
//     `eo:gsd` -> `gsd` and asset band indices -> band objects (< 1.0.0-beta.1), `checksum:multihash` ->
//     `file:checksum` (< 1.0.0-rc.1); renamed label, pointcloud, sat and sar fields; GeoTIFF media types;
//     Collection extents (< 0.8.0) and `min`/`max` summaries (< 1.0.0-rc.1); the extensions a pre-0.8.0 document
//     uses declared;
//   - to 1.1.0: `eo:bands` and `raster:bands` -> the common `bands` (eo and raster v2.0.0), `proj:epsg` ->
//     `proj:code` (projection v2.0.0);
//   - `stac_version` set to the target.
// Then the dlm rewrites (see <dlm/upgrade.hpp>), and for a document that declares dlm the scientific, eo and version
// extensions it must declare. A document already at (or past) the target gets only the dlm steps and the repairs of
// forms found in published documents of versions that did not allow them: a numeric `id`, `assets` as an array, a
// missing `type`, a Collection extent of bare arrays, `links` as an object keyed by relation (before 0.6.0), and
// date-times written with a space for the `T`, in lower case, with an offset without its colon or away from UTC
// (rewritten as the same instant in UTC, the form STAC's schemas require).
//
// What is reported as needed (pointer, what, what is allowed) instead of invented: a missing `id`, `description`,
// `license`, `extent`, `geometry` or `datetime`; a link's `rel` or `href`, an asset's `href`; a date without a time,
// or a time without its offset from UTC; an item asset definition with one field; several keywords or label
// properties in one string; a provider role outside the allowed list; `version` when the version extension
// (v1.0.0/v1.1.0) is declared; an extension id with no released successor; assets that cannot be keyed; eo:bands in
// properties without an asset that has them (eo v1.x); the dlm objects and members the extension requires (their
// list, and what each allows, read from the shipped dlm schema), and `dlm:` fields it does not define; and the dlm
// consistency rules (e.g. a class index not below `number_of_classes`), where only a person knows which value is
// wrong.

#include <dlm/detail/migrate/dlm_forms.hpp>
#include <dlm/detail/migrate/recorder.hpp>
#include <dlm/detail/migrate/stac_version.hpp>
#include <dlm/detail/migrate/steps.hpp>
#include <dlm/detail/upgrade/text.hpp>
#include <dlm/edit.hpp>
#include <dlm/limits.hpp>
#include <dlm/patch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm {

/// The STAC version a migration produces.
using stac_target = detail::migrate::target_version;

/// "1.0.0" or "1.1.0".
[[nodiscard]] inline std::string_view to_string(stac_target target) noexcept { return detail::migrate::target_text(target); }

/// The target named `text` ("1.0.0" or "1.1.0"), or nothing.
[[nodiscard]] inline std::optional<stac_target> parse_stac_target(std::string_view text) noexcept {
    if (text == "1.0.0") return stac_target::v1_0_0;
    if (text == "1.1.0") return stac_target::v1_1_0;
    return std::nullopt;
}

/// A value the migration could not derive and a person must supply.
struct needed_value {
    /// RFC 6901 pointer, in the migrated document, of the value to supply (or to correct).
    std::string pointer{};
    /// What is needed, for a person.
    std::string what{};
    /// What is allowed there.
    std::string allowed{};
};

/// The migrated document, how it was obtained, and what is still missing.
struct migration_result {
    /// The document after every step.
    nlohmann::json document{};
    /// The operations that turn the original document into `document`, in order, each with its reason.
    patch changes{};
    /// The values a person must supply before the document can be valid (empty when the migration was mechanical).
    std::vector<needed_value> needs{};
    /// The `stac_version` found (the first Item's for a FeatureCollection without one), "" when there was none.
    std::string found_version{};
    /// `migrate_text` only: the migrated text, identical to the input outside the changed members (and the lenient
    /// removals); empty for `migrate`.
    std::string text{};
    /// `migrate_text` with `reading::lenient` only: the comments and trailing commas removed before the migration
    /// (`changes` applies to the text without them).
    std::vector<text_removal> removals{};
};

namespace detail::migrate {

[[nodiscard]] inline migration_result run_migration(nlohmann::json document, stac_target to, number_text_lookup number_text) {
    migration_result result;
    recorder changes(document, result.changes);
    migrator steps(changes, to, [&result](std::string pointer, std::string what, std::string allowed) {
        result.needs.push_back({std::move(pointer), std::move(what), std::move(allowed)});
    });
    result.found_version = steps.migrate_document();
    apply_dlm_forms(changes, std::move(number_text));
    steps.finish_document();
    result.document = std::move(document);
    return result;
}

}  // namespace detail::migrate

/// Migrates a document built in code (see the top of this header) to STAC `to`; never throws anything but
/// `std::bad_alloc`. A numeric runtime version becomes its shortest text, since the original is gone.
///
///     dlm::migration_result m = dlm::migrate(std::move(item), dlm::stac_target::v1_1_0);
///     for (const dlm::patch_operation& op : m.changes) std::clog << op.path << ": " << op.reason << '\n';
///     for (const dlm::needed_value& n : m.needs) std::clog << n.pointer << " needs " << n.what << '\n';
[[nodiscard]] inline migration_result migrate(nlohmann::json document, stac_target to = stac_target::v1_0_0) {
    return detail::migrate::run_migration(std::move(document), to, nullptr);
}

/// Parses `json_text` under `bounds` (as `dlm::upgrade_text` does: dlm::error when it cannot be read or repeats a
/// key; with `reading::lenient`, comments and trailing commas are removed first and listed in `removals`), migrates
/// it like `migrate`, keeping a numeric runtime version's original text (`1.10` -> "1.10"), and writes the result
/// into the text with `dlm::apply_patch_to_text`, so that everything the migration did not change stays as it was.
///
///     const dlm::migration_result m = dlm::migrate_text(text, dlm::stac_target::v1_0_0, {}, dlm::reading::lenient);
///     if (m.needs.empty()) write(m.text);   // else: ask a person for each m.needs entry
[[nodiscard]] inline migration_result migrate_text(std::string_view json_text, stac_target to = stac_target::v1_0_0,
                                                   const limits& bounds = {}, reading mode = reading::strict) {
    lenient_result lenient;
    if (mode == reading::lenient) {
        lenient = parse_lenient(json_text, bounds);
        json_text = lenient.text;
    }
    nlohmann::json document = detail::parse_for_upgrade(json_text, bounds);
    std::optional<std::map<std::string, std::string>> texts;
    migration_result result = detail::migrate::run_migration(
        std::move(document), to, [json_text, &texts](const std::string& pointer) -> std::optional<std::string> {
            if (!texts) texts = detail::runtime_version_texts(json_text);
            const auto found = texts->find(pointer);
            return found != texts->end() ? std::optional<std::string>(found->second) : std::nullopt;
        });
    result.text = apply_patch_to_text(json_text, result.changes, bounds);
    result.removals = std::move(lenient.removals);
    return result;
}

}  // namespace dlm

#endif  // DLM_MIGRATE_HPP
