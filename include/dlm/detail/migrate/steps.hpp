#ifndef DLM_DETAIL_MIGRATE_STEPS_HPP
#define DLM_DETAIL_MIGRATE_STEPS_HPP

// The STAC migration steps, from STAC 0.6.0 to 1.0.0 and from 1.0.0 to 1.1.0, each an RFC 6902 operation with its
// reason. Written from the stac-spec CHANGELOG; the list of steps follows stac-migrate (migrate.js: Catalog,
// Collection, Item, Asset, Band and Fields migrations, `V.before(...)` version gates) and pystac
// (serialization/migrate.py and the extension hooks' `migrate`, e.g. EOExtensionHooks for the pre-1.0.0-beta.1
// band indices in assets). Where both tools guess (defaults for a missing `id`, `description`, `license`, `extent`,
// an empty string, "other"), this library does not: such a value is reported as needed, never invented.

#include <dlm/detail/json/text.hpp>
#include <dlm/detail/migrate/date_time.hpp>
#include <dlm/detail/migrate/dlm_required.hpp>
#include <dlm/detail/migrate/extensions.hpp>
#include <dlm/detail/migrate/recorder.hpp>
#include <dlm/detail/migrate/stac_version.hpp>
#include <dlm/detail/validate/dlm_rules.hpp>
#include <dlm/report.hpp>
#include <dlm/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm::detail::migrate {

/// Receives a value a person must supply: where, what is needed, and what is allowed.
using need_recorder = std::function<void(std::string pointer, std::string what, std::string allowed)>;

/// The kind of STAC object a JSON object is.
enum class stac_kind { item, collection, catalog, item_collection, unknown };

[[nodiscard]] inline const nlohmann::json* find_member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

[[nodiscard]] inline std::string_view string_member(const nlohmann::json& object, std::string_view key) {
    const nlohmann::json* value = find_member(object, key);
    return value && value->is_string() ? std::string_view(value->get_ref<const std::string&>()) : std::string_view();
}

/// The kind named by `type`, or guessed as stac-migrate guesses it when `type` is absent (Catalogs and Collections
/// had no `type` before 1.0.0-rc.1): `extent`, `license`, `summaries`, `providers`, `item_assets` or a `dlm:` field
/// make a Collection, `features` a FeatureCollection,
/// `geometry` or `properties` an Item, and `links`, `description` or `stac_version` a Catalog.
[[nodiscard]] inline stac_kind kind_of(const nlohmann::json& object) {
    if (!object.is_object()) return stac_kind::unknown;
    if (const nlohmann::json* type = find_member(object, "type")) {
        if (!type->is_string()) return stac_kind::unknown;
        const std::string& name = type->get_ref<const std::string&>();
        if (name == "Feature") return stac_kind::item;
        if (name == "Collection") return stac_kind::collection;
        if (name == "Catalog") return stac_kind::catalog;
        if (name == "FeatureCollection") return stac_kind::item_collection;
        return stac_kind::unknown;
    }
    if (object.contains("extent") || object.contains("license")) return stac_kind::collection;
    // Not in stac-migrate's guess: members only a Collection has, and dlm fields (their scope is Item and Collection).
    for (const auto& [key, value] : object.items()) {
        if (key == "summaries" || key == "providers" || key == "item_assets" || key.rfind("dlm:", 0) == 0) {
            return stac_kind::collection;
        }
    }
    if (object.contains("features")) return stac_kind::item_collection;
    if (object.contains("geometry") || object.contains("properties")) return stac_kind::item;
    if (object.contains("links") || object.contains("description") || object.contains("stac_version")) {
        return stac_kind::catalog;
    }
    return stac_kind::unknown;
}

[[nodiscard]] inline std::string_view type_name(stac_kind kind) {
    switch (kind) {
        case stac_kind::item: return "Feature";
        case stac_kind::collection: return "Collection";
        case stac_kind::catalog: return "Catalog";
        case stac_kind::item_collection: return "FeatureCollection";
        case stac_kind::unknown: break;
    }
    return "";
}

/// The STAC versions a document can be migrated to.
enum class target_version { v1_0_0, v1_1_0 };

[[nodiscard]] inline std::string_view target_text(target_version to) { return to == target_version::v1_0_0 ? "1.0.0" : "1.1.0"; }

/// The provider roles STAC 1.0.0 and 1.1.0 allow.
inline constexpr std::string_view provider_roles[] = {"licensor", "producer", "processor", "host"};

/// The date-time fields of STAC objects and their assets: core and common metadata, the timestamps extension, and
/// processing:datetime (the processing extension holds it to STAC's UTC pattern too).
inline constexpr std::string_view date_time_fields[] = {"datetime", "start_datetime", "end_datetime",
                                                        "created",  "updated",        "published",
                                                        "expires",  "unpublished",    "processing:datetime"};

/// Migrates the STAC objects of one document (an Item, Collection, Catalog, or each Item of a FeatureCollection).
class migrator {
public:
    migrator(recorder& changes, target_version to, need_recorder need)
        : r_(changes), to_(to), need_(std::move(need)) {}

    /// The STAC migration of the whole document (before the dlm rewrites). Returns the `stac_version` found at the
    /// top level (or in the first Item of a FeatureCollection without one), "" when there is none.
    std::string migrate_document() {
        const stac_kind kind = kind_of(r_.document());
        if (kind == stac_kind::item_collection) {
            std::string found(string_member(r_.document(), "stac_version"));
            const nlohmann::json* features = find_member(r_.document(), "features");
            if (features && features->is_array()) {
                for (std::size_t i = 0; i < features->size(); ++i) {
                    const std::string pointer = element_pointer("/features", i);
                    const std::string item_version = migrate_object(pointer, found);
                    if (found.empty()) found = item_version;
                }
            }
            if (const nlohmann::json* version = find_member(r_.document(), "stac_version");
                version && version->is_string() && version->get_ref<const std::string&>() != target_text(to_)) {
                const auto parsed = parse_semantic_version(version->get_ref<const std::string&>());
                if (parsed && compare(*parsed, *parse_semantic_version(target_text(to_))) < 0) {
                    r_.replace("/stac_version", std::string(target_text(to_)),
                               "the FeatureCollection's Items are now STAC " + std::string(target_text(to_)));
                }
            }
            return found;
        }
        if (kind == stac_kind::unknown) return std::string(string_member(r_.document(), "stac_version"));
        return migrate_object("", "");
    }

    /// After the dlm rewrites: the companion extensions a dlm document must declare, then every value a person must
    /// supply.
    void finish_document() {
        const stac_kind kind = kind_of(r_.document());
        if (kind == stac_kind::item_collection) {
            const nlohmann::json* features = find_member(r_.document(), "features");
            if (!features || !features->is_array()) return;
            for (std::size_t i = 0; i < features->size(); ++i) finish_object(element_pointer("/features", i));
        } else if (kind != stac_kind::unknown) {
            finish_object("");
        }
    }

private:
    // ---- reading ----------------------------------------------------------------------------------------------
    [[nodiscard]] nlohmann::json& at(const std::string& pointer) { return r_.at(pointer); }

    [[nodiscard]] const nlohmann::json* find(const std::string& pointer) {
        const nlohmann::json::json_pointer target(pointer);
        return r_.document().contains(target) ? &r_.document().at(target) : nullptr;
    }

    [[nodiscard]] bool is_object_at(const std::string& pointer) {
        const nlohmann::json* value = find(pointer);
        return value && value->is_object();
    }

    [[nodiscard]] bool before(std::string_view bound) const { return migrate::before(from_, bound); }

    /// Where an object's fields live: `properties` of an Item, the object itself otherwise.
    [[nodiscard]] std::string fields_pointer(const std::string& base, stac_kind kind) const {
        return kind == stac_kind::item ? member_pointer(base, "properties") : base;
    }

    // ---- small operations -------------------------------------------------------------------------------------
    /// Renames `from` to `to` in the object at `pointer` when `to` is absent; true when it did.
    bool rename(const std::string& pointer, std::string_view from, std::string_view to, const std::string& reason) {
        const nlohmann::json* object = find(pointer);
        if (!object || !object->is_object() || !object->contains(from) || object->contains(to)) return false;
        r_.move(member_pointer(pointer, from), member_pointer(pointer, to), reason);
        return true;
    }

    /// Adds `identifier` to the `stac_extensions` of the object at `base` unless it is there.
    void declare(const std::string& base, const std::string& identifier, const std::string& reason) {
        const std::string list = member_pointer(base, "stac_extensions");
        const nlohmann::json* entries = find(list);
        if (!entries) {
            r_.add(list, nlohmann::json::array({identifier}), reason);
            return;
        }
        if (!entries->is_array()) return;
        for (const nlohmann::json& entry : *entries) {
            if (entry.is_string() && entry.get_ref<const std::string&>() == identifier) return;
        }
        r_.add(member_pointer(list, "-"), identifier, reason);
    }

    /// The index of the `stac_extensions` entry of `base` for the extension `name` (any release), if any.
    [[nodiscard]] std::optional<std::size_t> declared_index(const std::string& base, std::string_view name) {
        const nlohmann::json* entries = find(member_pointer(base, "stac_extensions"));
        if (!entries || !entries->is_array()) return std::nullopt;
        const std::string prefix = "https://stac-extensions.github.io/" + std::string(name) + "/v";
        for (std::size_t i = 0; i < entries->size(); ++i) {
            const nlohmann::json& entry = (*entries)[i];
            if (entry.is_string() && entry.get_ref<const std::string&>().rfind(prefix, 0) == 0) return i;
        }
        return std::nullopt;
    }

    // ---- one STAC object --------------------------------------------------------------------------------------
    /// Migrates the Item, Collection or Catalog at `base`; `fallback_version` applies when it has no stac_version.
    std::string migrate_object(const std::string& base, const std::string& fallback_version) {
        const nlohmann::json& object = at(base);
        const stac_kind kind = kind_of(object);
        if (kind == stac_kind::unknown || kind == stac_kind::item_collection) return "";
        const nlohmann::json* version = find_member(object, "stac_version");
        std::string found;
        if (version && version->is_string()) {
            found = version->get_ref<const std::string&>();
        } else if (!version) {
            found = fallback_version;
        } else {
            need_(member_pointer(base, "stac_version"), "the STAC version the document was written for",
                  "a version string such as \"0.9.0\" or \"1.0.0-rc.1\"");
            return "";
        }
        // No stac_version at all: the oldest version this migration knows (stac-migrate assumes the same).
        const std::optional<semantic_version> parsed = parse_semantic_version(found.empty() ? "0.6.0" : found);
        if (!parsed) {
            need_(member_pointer(base, "stac_version"), "a STAC version this migration knows (found " + quote(found) + ")",
                  "0.6.0 to 1.1.0");
            return found;
        }
        from_ = *parsed;
        const semantic_version target = *parse_semantic_version(target_text(to_));
        repair(base, kind);  // forms published under versions that did not allow them
        if (compare(from_, target) < 0) {  // at or past the target, no STAC step applies
            if (before("1.0.0")) to_1_0_0(base, kind);
            if (to_ == target_version::v1_1_0) to_1_1_0(base, kind);

            const std::string version_pointer = member_pointer(base, "stac_version");
            const std::string reason = "migrated from STAC " +
                                       (found.empty() ? std::string("0.6.0 (no stac_version; the oldest supported)") : found) +
                                       " to " + std::string(target_text(to_));
            if (find(version_pointer)) {
                r_.replace(version_pointer, std::string(target_text(to_)), reason);
            } else {
                r_.add(version_pointer, std::string(target_text(to_)), reason);
            }
        }
        date_times(base, kind);  // after the steps: pre-0.9 dtr: fields have their core names by now
        return found;
    }

    void to_1_0_0(const std::string& base, stac_kind kind) {
        const bool asset_definitions = declares_short_id(base, {"asset", "assets"});
        rewrite_extensions(base);
        if (kind == stac_kind::collection && asset_definitions && before("1.0.0-beta.1")) {
            rename(base, "assets", "item_assets",
                   "the asset definition extension became item-assets and its `assets` became `item_assets` (1.0.0-beta.1)");
        } else if (kind == stac_kind::collection && are_asset_definitions(member_pointer(base, "assets")) &&
                   rename(base, "assets", "item_assets",
                          "assets without `href` describe the assets of the Collection's Items: STAC 1.0.0 holds them "
                          "in `item_assets` (pystac's pre-1.0 migration moves them there too)")) {
            declare(base, extension_uri("item-assets", "v1.0.0"), "item_assets is a field of the item-assets extension");
        }
        if (!find(member_pointer(base, "links"))) {
            r_.add(member_pointer(base, "links"), nlohmann::json::array(), "STAC requires `links`; the object has none");
        }
        if (kind == stac_kind::item && !find(member_pointer(base, "assets"))) {
            r_.add(member_pointer(base, "assets"), nlohmann::json::object(), "STAC requires an Item's `assets`; it has none");
        }
        if (kind == stac_kind::collection) {
            collection_summaries(base);
            // One keyword written as a string (0.6 Collections): a list of one. Several in one string are for a person
            // to split.
            const std::string keywords = member_pointer(base, "keywords");
            if (const nlohmann::json* value = find(keywords); value && value->is_string()) {
                if (value->get_ref<const std::string&>().find(',') == std::string::npos) {
                    wrap_in_array(keywords, "`keywords` is a list of strings");
                } else {
                    need_(keywords, "the keywords of " + quote(value->get<std::string>()) + " as a list", "an array of strings");
                }
            }
        }
        const std::string fields = fields_pointer(base, kind);
        moved_fields(base, fields);
        for_each_asset(base, [this, &base, &fields](const std::string& asset) { asset_fields(base, fields, asset); });
        declare_used_extensions(base, kind);
    }

    /// Forms found in published documents of versions that did not allow them: a numeric `id` and an `assets` array
    /// (published dlm examples of every version), a missing `type` (required since 1.0.0-rc.1; 1.0.0 documents
    /// without it were published too), a Collection extent of bare arrays (the pre-0.8.0 form, in documents labelled
    /// 0.8.0 and 1.0.0-beta.1), and `links` as an object (the pre-0.6.0 form). Date-times follow the version steps
    /// (`date_times`).
    void repair(const std::string& base, stac_kind kind) {
        if (!find(member_pointer(base, "type"))) {
            r_.add(member_pointer(base, "type"), std::string(type_name(kind)),
                   "STAC 1.0.0-rc.1 made `type` required; this object is a " + std::string(type_name(kind)));
        }
        if (const nlohmann::json* id = find(member_pointer(base, "id")); id && id->is_number_integer()) {
            r_.replace(member_pointer(base, "id"), id->dump(), "a STAC id is a string: the number's JSON text");
        }
        if (kind != stac_kind::catalog) assets_array_to_object(member_pointer(base, "assets"));
        if (kind == stac_kind::collection) collection_extent(base);
        links_object_to_array(member_pointer(base, "links"));
    }

    /// Before 0.6.0 `links` was an object keyed by relation (pystac's 0.6-era migration turns it into the list of
    /// its values). A link without `rel` takes its key, which named the relation.
    void links_object_to_array(const std::string& pointer) {
        const nlohmann::json* links = find(pointer);
        if (!links || !links->is_object()) return;
        nlohmann::json list = nlohmann::json::array();
        for (const auto& [relation, link] : links->items()) {
            if (!link.is_object()) return;  // not a map of links: the validator says what is wrong
            list.push_back(link);
            if (!link.contains("rel")) list.back()["rel"] = relation;
        }
        r_.replace(pointer, std::move(list),
                   "`links` is a list of Link objects since STAC 0.6.0: the object's links, keyed by relation, become its "
                   "elements");
    }

    /// True when `pointer` holds assets none of which has an `href`: definitions of the assets Items have.
    [[nodiscard]] bool are_asset_definitions(const std::string& pointer) {
        const nlohmann::json* assets = find(pointer);
        if (!assets || !assets->is_object() || assets->empty()) return false;
        return std::all_of(assets->begin(), assets->end(),
                           [](const nlohmann::json& asset) { return asset.is_object() && !asset.contains("href"); });
    }

    /// Every STAC version formats its date-times by RFC 3339's date-time production, in UTC. One that names its
    /// instant in another form (`stac_date_time`) is rewritten; one that lacks a part (a date alone, a time without its
    /// offset) is a needed value: which time, or which time zone, is not in the document.
    void date_times(const std::string& base, stac_kind kind) {
        const auto check = [this](const std::string& pointer) {
            const nlohmann::json* value = find(pointer);
            if (!value || !value->is_string()) return;
            const std::string& text = value->get_ref<const std::string&>();
            if (std::optional<date_time_rewrite> fixed = stac_date_time(text)) {
                r_.replace(pointer, std::move(fixed->text), std::move(fixed->reason));
            } else if (!is_stac_date_time(text)) {
                const bool date_only = is_date(text);
                const bool no_offset = !date_only && is_date_time(text + "Z");
                need_(pointer,
                      "an RFC 3339 date-time in UTC in place of " + quote(text) +
                          (date_only ? " (a date without a time)" : no_offset ? " (a time without its offset from UTC)" : ""),
                      "a date-time such as \"2020-01-31T12:00:00Z\" (STAC date-times are in UTC)");
            }
        };
        const auto fields_of = [&check](const std::string& holder) {
            for (const std::string_view field : date_time_fields) check(member_pointer(holder, field));
        };
        fields_of(fields_pointer(base, kind));
        for_each_asset(base, fields_of);
        if (kind != stac_kind::collection) return;
        const std::string intervals = member_pointer(member_pointer(member_pointer(base, "extent"), "temporal"), "interval");
        const nlohmann::json* all = find(intervals);
        if (!all || !all->is_array()) return;
        for (std::size_t i = 0; i < all->size(); ++i) {
            const nlohmann::json& interval = (*all)[i];
            if (!interval.is_array()) continue;
            for (std::size_t j = 0; j < interval.size(); ++j) check(element_pointer(element_pointer(intervals, i), j));
        }
    }

    [[nodiscard]] bool declares_short_id(const std::string& base, std::initializer_list<std::string_view> ids) {
        const nlohmann::json* entries = find(member_pointer(base, "stac_extensions"));
        if (!entries || !entries->is_array()) return false;
        for (const nlohmann::json& entry : *entries) {
            for (const std::string_view id : ids) {
                if (entry == id) return true;
            }
        }
        return false;
    }

    /// `stac_extensions`: short ids and pre-1.0 schema URLs to released identifiers; withdrawn ids removed; an
    /// identifier listed twice (after rewriting) kept once.
    void rewrite_extensions(const std::string& base) {
        const std::string list = member_pointer(base, "stac_extensions");
        const nlohmann::json* entries = find(list);
        if (!entries || !entries->is_array()) return;
        std::vector<extension_rewrite> plan(entries->size());
        std::set<std::string> kept;
        for (std::size_t i = 0; i < entries->size(); ++i) {
            if (!(*entries)[i].is_string()) continue;
            const std::string& entry = (*entries)[i].get_ref<const std::string&>();
            plan[i] = rewrite_extension(entry);
            const std::string& result = plan[i].what == extension_rewrite::action::replace ? plan[i].identifier : entry;
            if (plan[i].what != extension_rewrite::action::remove && !kept.insert(result).second) {
                plan[i] = {extension_rewrite::action::remove, "",
                           quote(entry) + " names an extension already declared (" + result + ")"};
            }
        }
        for (std::size_t i = plan.size(); i-- > 0;) {  // from the end, so that the indices stay right
            if (plan[i].what == extension_rewrite::action::replace) {
                r_.replace(element_pointer(list, i), plan[i].identifier, plan[i].reason);
            } else if (plan[i].what == extension_rewrite::action::remove) {
                r_.remove(element_pointer(list, i), plan[i].reason);
            }
        }
    }

    /// `assets` as an array (found in published pre-1.0 documents): to the object STAC defines. An element that is
    /// a map of asset keys to assets contributes its members; an element that is an asset (it has `href`) is keyed
    /// by its file name. A clash, or an element that is neither, leaves the array as it is and asks for keys.
    void assets_array_to_object(const std::string& pointer) {
        const nlohmann::json* assets = find(pointer);
        if (!assets || !assets->is_array()) return;
        nlohmann::json object = nlohmann::json::object();
        for (std::size_t i = 0; i < assets->size(); ++i) {
            const nlohmann::json& element = (*assets)[i];
            if (element.is_object() && element.contains("href")) {
                const std::string key = file_name_of(element["href"]);
                if (key.empty() || object.contains(key)) return ask_for_asset_keys(pointer);
                object[key] = element;
            } else if (element.is_object() && !element.empty()) {
                for (const auto& [key, asset] : element.items()) {
                    if (!asset.is_object() || object.contains(key)) return ask_for_asset_keys(pointer);
                    object[key] = asset;
                }
            } else {
                return ask_for_asset_keys(pointer);
            }
        }
        r_.replace(pointer, std::move(object),
                   "`assets` is an object keyed by asset name in every STAC version; the array's entries keep their keys "
                   "(an entry without one is keyed by its file name)");
    }

    void ask_for_asset_keys(const std::string& pointer) {
        need_(pointer, "`assets` as an object keyed by asset name (the array's entries cannot be keyed mechanically)",
              "an object whose members are Asset objects");
    }

    [[nodiscard]] static std::string file_name_of(const nlohmann::json& href) {
        if (!href.is_string()) return "";
        std::string_view text = href.get_ref<const std::string&>();
        text = text.substr(0, text.find_first_of("?#"));
        while (!text.empty() && text.back() == '/') text.remove_suffix(1);
        const auto slash = text.rfind('/');
        return std::string(slash == std::string_view::npos ? text : text.substr(slash + 1));
    }

    template <class Visit>
    void for_each_asset(const std::string& base, Visit visit) {
        for (const std::string_view holder : {"assets", "item_assets"}) {
            const std::string pointer = member_pointer(base, holder);
            const nlohmann::json* assets = find(pointer);
            if (!assets || !assets->is_object()) continue;
            std::vector<std::string> keys;
            for (const auto& [key, asset] : assets->items()) {
                if (asset.is_object()) keys.push_back(key);
            }
            for (const std::string& key : keys) visit(member_pointer(pointer, key));
        }
    }

    /// Fields that moved from extensions to core or to other extensions, or were renamed (in an Item's
    /// `properties`, a Collection's or Catalog's top level).
    void moved_fields(const std::string& base, const std::string& fields) {
        if (!is_object_at(fields)) return;
        if (before("0.8.0")) {
            rename(fields, "item:license", "license", "the single-item extension's item:license became core `license` (STAC 0.8.0)");
            rename(fields, "item:providers", "providers", "the single-item extension's item:providers became core `providers` (STAC 0.8.0)");
            rename(fields, "pc:schema", "pc:schemas", "renamed in the pointcloud extension (0.8.0)");
        }
        if (before("1.0.0")) {
            // The label extension's singular names were renamed in 0.8.0, yet documents up to 1.0.0-beta.2 still
            // use them (pystac's own label examples do): like pystac's label migration ("a common mistake"), they
            // are renamed for any pre-1.0 version. Tasks and methods are lists; a single name becomes a list of one.
            rename(fields, "label:property", "label:properties", "renamed in the label extension (0.8.0)");
            rename(fields, "label:task", "label:tasks", "renamed in the label extension (0.8.0)");
            rename(fields, "label:method", "label:methods", "renamed in the label extension (0.8.0)");
            rename(fields, "label:overview", "label:overviews", "renamed in the label extension (0.8.0)");
            for (const char* list : {"label:tasks", "label:methods", "label:overviews"}) {
                if (const nlohmann::json* value = find(member_pointer(fields, list)); value && !value->is_null()) {
                    wrap_in_array(member_pointer(fields, list), std::string(list) + " is a list");
                }
            }
            // One property name becomes a list of one; a string that lists several ("[building, condition]") is
            // for a person to split.
            const std::string label_properties = member_pointer(fields, "label:properties");
            if (const nlohmann::json* value = find(label_properties); value && value->is_string()) {
                if (value->get_ref<const std::string&>().find_first_of("[],") == std::string::npos) {
                    wrap_in_array(label_properties, "label:properties is a list of property names (or null)");
                } else {
                    need_(label_properties, "the property names of " + quote(value->get<std::string>()) + " as a list",
                          "an array of strings, or null for raster labels");
                }
            }
            // A source link's `label:assets` names the assets of the source imagery: a list.
            if (const nlohmann::json* links = find(member_pointer(base, "links")); links && links->is_array()) {
                for (std::size_t i = 0; i < links->size(); ++i) {
                    const std::string assets = member_pointer(element_pointer(member_pointer(base, "links"), i), "label:assets");
                    if (const nlohmann::json* value = find(assets); value && value->is_string()) {
                        wrap_in_array(assets, "label:assets is a list");
                    }
                }
            }
        }
        if (before("0.9.0")) {
            rename(fields, "dtr:start_datetime", "start_datetime", "the datetime-range extension became core (STAC 0.9.0)");
            rename(fields, "dtr:end_datetime", "end_datetime", "the datetime-range extension became core (STAC 0.9.0)");
            for (const std::string_view prefix : {"eo", "sar"}) {
                const std::string from = std::string(prefix) + ":";
                rename(fields, from + "platform", "platform", from + "platform became the common metadata `platform` (STAC 0.9.0)");
                rename(fields, from + "constellation", "constellation",
                       from + "constellation became the common metadata `constellation` (STAC 0.9.0)");
                if (rename(fields, from + "instrument", "instruments",
                           from + "instrument became the common metadata `instruments` (STAC 0.9.0)")) {
                    wrap_in_array(member_pointer(fields, "instruments"), "`instruments` is a list");
                }
            }
            if (rename(fields, "eo:epsg", "proj:epsg", "eo:epsg moved to the projection extension as proj:epsg (STAC 0.9.0)")) {
                declare(base, extension_uri("projection", "v1.0.0"), "proj:epsg is a field of the projection extension");
            }
            for (const std::string_view angle : {"off_nadir", "azimuth", "incidence_angle", "sun_azimuth", "sun_elevation"}) {
                if (rename(fields, "eo:" + std::string(angle), "view:" + std::string(angle),
                           "eo:" + std::string(angle) + " moved to the view extension (STAC 0.9.0)")) {
                    declare(base, extension_uri("view", "v1.0.0"), "view:" + std::string(angle) + " is a field of the view extension");
                }
            }
            for (const std::string_view angle : {"off_nadir", "azimuth", "sun_azimuth", "sun_elevation"}) {
                rename(fields, "sat:" + std::string(angle) + "_angle", "sat:" + std::string(angle),
                       "renamed in the sat extension (0.9.0)");
            }
            rename(fields, "sar:type", "sar:product_type", "renamed in the sar extension (0.9.0)");
            rename(fields, "sar:polarization", "sar:polarizations", "renamed in the sar extension (0.9.0)");
        }
        if (before("1.0.0-beta.1")) {
            rename(fields, "eo:gsd", "gsd", "eo:gsd became the common metadata `gsd` (STAC 1.0.0-beta.1)");
        }
        if (before("1.0.0-rc.1") && rename(fields, "checksum:multihash", "file:checksum",
                                           "checksum:multihash became the file extension's file:checksum (1.0.0-rc.1)")) {
            declare(base, extension_uri("file", "v1.0.0"), "file:checksum is a field of the file extension");
        }
    }

    /// Asset fields: the pre-1.0.0-beta.1 band indices resolved against `properties.eo:bands` (pystac's EO hook),
    /// checksum:multihash, and the media types stac-migrate rewrites.
    void asset_fields(const std::string& base, const std::string& fields, const std::string& asset) {
        if (before("1.0.0-beta.1")) {
            const std::string bands_pointer = member_pointer(asset, "eo:bands");
            const nlohmann::json* indices = find(bands_pointer);
            const nlohmann::json* bands = find(member_pointer(fields, "eo:bands"));
            bool resolved = false;
            if (indices && indices->is_array() && bands && bands->is_array()) {
                nlohmann::json inlined = nlohmann::json::array();
                for (const nlohmann::json& index : *indices) {
                    if (!index.is_number_unsigned() || index.get<std::size_t>() >= bands->size()) {
                        inlined = nullptr;
                        break;
                    }
                    inlined.push_back((*bands)[index.get<std::size_t>()]);
                }
                if (inlined.is_array() && !indices->empty()) {
                    r_.replace(bands_pointer, std::move(inlined),
                               "STAC 1.0.0-beta.1 puts the band objects in the asset instead of indices into properties' eo:bands");
                    resolved = true;
                }
            }
            if (!resolved && indices && indices->is_array() &&
                std::any_of(indices->begin(), indices->end(), [](const nlohmann::json& i) { return !i.is_object(); })) {
                need_(bands_pointer, "the band objects these indices referred to (properties' eo:bands does not define them)",
                      "an array of eo band objects");
            }
        }
        if (before("1.0.0-rc.1") && rename(asset, "checksum:multihash", "file:checksum",
                                           "checksum:multihash became the file extension's file:checksum (1.0.0-rc.1)")) {
            declare(base, extension_uri("file", "v1.0.0"), "file:checksum is a field of the file extension");
        }
        const std::string type_pointer = member_pointer(asset, "type");
        if (const nlohmann::json* type = find(type_pointer); type && type->is_string()) {
            const std::string& media = type->get_ref<const std::string&>();
            if (media == "image/vnd.stac.geotiff") {
                r_.replace(type_pointer, "image/tiff; application=geotiff", "the registered GeoTIFF media type replaced the STAC-specific one");
            } else if (media == "image/vnd.stac.geotiff; cloud-optimized=true") {
                r_.replace(type_pointer, "image/tiff; application=geotiff; profile=cloud-optimized",
                           "the registered COG media type replaced the STAC-specific one");
            }
        }
    }

    void wrap_in_array(const std::string& pointer, const std::string& reason) {
        const nlohmann::json* value = find(pointer);
        if (value && !value->is_array()) r_.replace(pointer, nlohmann::json::array({*value}), reason);
    }

    /// Pre-0.8.0 Collection extents were bare arrays: `spatial` one bbox, `temporal` one interval.
    void collection_extent(const std::string& base) {
        const std::string extent = member_pointer(base, "extent");
        if (!is_object_at(extent)) return;
        const std::string spatial = member_pointer(extent, "spatial");
        if (const nlohmann::json* value = find(spatial); value && value->is_array()) {
            r_.replace(spatial, nlohmann::json{{"bbox", nlohmann::json::array({*value})}},
                       "STAC 0.8.0 wraps the spatial extent as {\"bbox\": [bbox]}");
        }
        const std::string temporal = member_pointer(extent, "temporal");
        if (const nlohmann::json* value = find(temporal); value && value->is_array()) {
            r_.replace(temporal, nlohmann::json{{"interval", nlohmann::json::array({*value})}},
                       "STAC 0.8.0 wraps the temporal extent as {\"interval\": [interval]}");
        }
    }

    /// Before 1.0.0-rc.1 a range summary was {min, max}; it is {minimum, maximum} now.
    void collection_summaries(const std::string& base) {
        if (!before("1.0.0-rc.1")) return;
        const std::string summaries = member_pointer(base, "summaries");
        const nlohmann::json* all = find(summaries);
        if (!all || !all->is_object()) return;
        std::vector<std::string> keys;
        for (const auto& [key, summary] : all->items()) {
            if (summary.is_object() && (summary.contains("min") || summary.contains("max"))) keys.push_back(key);
        }
        for (const std::string& key : keys) {
            const std::string summary = member_pointer(summaries, key);
            rename(summary, "min", "minimum", "range summaries use minimum/maximum since STAC 1.0.0-rc.1");
            rename(summary, "max", "maximum", "range summaries use minimum/maximum since STAC 1.0.0-rc.1");
        }
    }

    /// Declares the extensions whose prefixed fields a pre-0.8.0 document uses (it could not declare them: STAC 0.8.0
    /// introduced `stac_extensions`), and the dlm extension for `dlm:` fields of a pre-1.0 document that omits it.
    void declare_used_extensions(const std::string& base, stac_kind kind) {
        const nlohmann::json* fields = find(fields_pointer(base, kind));
        if (!fields || !fields->is_object()) return;
        std::set<std::string> prefixes;
        for (const auto& [key, value] : fields->items()) {
            const auto colon = key.find(':');
            if (colon != std::string::npos) prefixes.insert(key.substr(0, colon));
        }
        if (before("0.8.0")) {
            for (const std::string& prefix : prefixes) {
                if (const auto name = released_name(prefix); name && prefix != "file") {
                    declare(base, extension_uri(*name, "v1.0.0"),
                            "the document uses " + prefix + ": fields (STAC 0.8.0 and later declare the extension)");
                }
            }
        }
        if (before("0.9.0") && kind == stac_kind::collection && (fields->contains("version") || fields->contains("deprecated"))) {
            declare(base, extension_uri("version", "v1.0.0"),
                    "STAC 0.9.0 moved the Collection's `version` to the version extension");
        }
        if (prefixes.count("dlm") && kind != stac_kind::catalog && !declares_dlm(base)) {
            declare(base, std::string(extension_identifier), "the document has dlm: fields");
        }
    }

    [[nodiscard]] bool declares_dlm(const std::string& base) {
        const nlohmann::json* entries = find(member_pointer(base, "stac_extensions"));
        if (!entries || !entries->is_array()) return false;
        for (const nlohmann::json& entry : *entries) {
            if (entry == extension_identifier || entry == legacy_extension_short_name) return true;
        }
        return false;
    }

    // ---- 1.0.0 -> 1.1.0 ---------------------------------------------------------------------------------------
    /// STAC 1.1.0 (CHANGELOG: "bands" in common metadata replaces eo:bands and raster:bands; stac-migrate's
    /// Band.migrateAll and the eo/raster band renames; proj:epsg -> proj:code in projection v2.0.0).
    void to_1_1_0(const std::string& base, stac_kind kind) {
        bool eo = false;
        bool raster = false;
        const auto merge_in = [&](const std::string& holder) {
            const auto [had_eo, had_raster] = merge_bands(holder);
            eo = eo || had_eo;
            raster = raster || had_raster;
        };
        merge_in(fields_pointer(base, kind));
        for_each_asset(base, merge_in);
        if (eo) upgrade_extension(base, "eo", "v2.0.0", "eo v2.0.0 describes bands in the common `bands` of STAC 1.1.0");
        if (raster) upgrade_extension(base, "raster", "v2.0.0", "raster v2.0.0 describes bands in the common `bands` of STAC 1.1.0");

        bool projection = false;
        const auto proj_code = [&](const std::string& holder) {
            const std::string epsg = member_pointer(holder, "proj:epsg");
            const nlohmann::json* value = find(epsg);
            if (!value || find(member_pointer(holder, "proj:code"))) return;
            nlohmann::json code = value->is_number_integer() ? nlohmann::json("EPSG:" + value->dump()) : *value;
            if (!code.is_string() && !code.is_null()) return;
            r_.add(member_pointer(holder, "proj:code"), std::move(code), "projection v2.0.0 replaced proj:epsg by proj:code (\"EPSG:n\")");
            r_.remove(epsg, "replaced by proj:code");
            projection = true;
        };
        proj_code(fields_pointer(base, kind));
        for_each_asset(base, proj_code);
        if (projection) upgrade_extension(base, "projection", "v2.0.0", "proj:code is a field of projection v2.0.0");

        // file v2.0.0 dropped the fields that STAC 1.1.0 made common metadata (data_type, unit, nodata) or that the
        // raster extension holds (bits_per_sample): they move there, as stac-migrate moves them (its file fields).
        bool file_moved = false;
        bool bits_moved = false;
        std::vector<std::pair<std::string, std::size_t>> several_nodata;
        const auto file_fields = [&](const std::string& holder) {
            const std::string why = " (file v2.0.0 left it to ";
            file_moved = rename(holder, "file:data_type", "data_type", "the common data_type of STAC 1.1.0" + why + "core)") || file_moved;
            file_moved = rename(holder, "file:unit", "unit", "the common unit of STAC 1.1.0" + why + "core)") || file_moved;
            if (rename(holder, "file:bits_per_sample", "raster:bits_per_sample", "raster's bits_per_sample" + why + "raster)")) {
                file_moved = bits_moved = true;
            }
            const std::string nodata = member_pointer(holder, "file:nodata");
            const nlohmann::json* values = find(nodata);
            if (!values || !values->is_array() || find(member_pointer(holder, "nodata"))) return;
            if (values->empty()) {
                r_.remove(nodata, "an empty file:nodata says nothing; file v2.0.0 has no nodata field");
                file_moved = true;
            } else if (values->size() == 1) {
                r_.add(member_pointer(holder, "nodata"), values->front(), "the common nodata of STAC 1.1.0" + why + "core)");
                r_.remove(nodata, "replaced by nodata");
                file_moved = true;
            } else {
                several_nodata.emplace_back(nodata, values->size());
            }
        };
        file_fields(fields_pointer(base, kind));
        for_each_asset(base, file_fields);
        if (file_moved && declared_index(base, "file")) {
            upgrade_extension(base, "file", "v2.1.0", "file v2.1.0: its data fields moved to core and raster");
            // Under file v2.1.0 a file:nodata list is no longer allowed, and STAC 1.1.0's nodata holds one value.
            for (const auto& [pointer, count] : several_nodata) {
                need_(pointer, "the one nodata value of the data (file:nodata lists " + std::to_string(count) + ")",
                      "nodata: a number, \"nan\", \"inf\" or \"-inf\", in place of file:nodata");
            }
        }
        if (bits_moved) upgrade_extension(base, "raster", "v2.0.0", "raster:bits_per_sample is a field of raster v2.0.0");
    }

    /// Replaces eo:bands and raster:bands of the object at `holder` by `bands` (band by band, raster fields first,
    /// eo fields over them, with the eo:/raster: prefixes the v2.0.0 extensions give their band fields).
    std::pair<bool, bool> merge_bands(const std::string& holder) {
        const nlohmann::json* eo = find(member_pointer(holder, "eo:bands"));
        const nlohmann::json* raster = find(member_pointer(holder, "raster:bands"));
        const bool has_eo = eo && eo->is_array();
        const bool has_raster = raster && raster->is_array();
        if ((!has_eo && !has_raster) || find(member_pointer(holder, "bands"))) return {false, false};
        // Only band objects merge: anything else (pre-0.9 band indices left unresolved, reported as needed) would
        // become an empty band, which STAC 1.1 refuses.
        const auto all_objects = [](const nlohmann::json* list) {
            return std::all_of(list->begin(), list->end(), [](const nlohmann::json& band) { return band.is_object(); });
        };
        if ((has_eo && !all_objects(eo)) || (has_raster && !all_objects(raster))) return {false, false};
        static constexpr std::string_view eo_fields[] = {"common_name", "center_wavelength", "full_width_half_max",
                                                         "solar_illumination"};
        static constexpr std::string_view raster_fields[] = {"sampling", "bits_per_sample", "spatial_resolution",
                                                             "scale", "offset", "histogram"};
        const auto prefixed = [](const nlohmann::json& band, std::string_view prefix, const auto& fields, nlohmann::json& out) {
            if (!band.is_object()) return;
            for (const auto& [key, value] : band.items()) {
                bool renamed = false;
                for (const std::string_view field : fields) renamed = renamed || key == field;
                out[renamed ? std::string(prefix) + key : key] = value;
            }
        };
        const std::size_t count = std::max(has_eo ? eo->size() : 0, has_raster ? raster->size() : 0);
        nlohmann::json bands = nlohmann::json::array();
        for (std::size_t i = 0; i < count; ++i) {
            nlohmann::json band = nlohmann::json::object();
            if (has_raster && i < raster->size()) prefixed((*raster)[i], "raster:", raster_fields, band);
            if (has_eo && i < eo->size()) prefixed((*eo)[i], "eo:", eo_fields, band);
            bands.push_back(std::move(band));
        }
        r_.add(member_pointer(holder, "bands"), std::move(bands),
               "STAC 1.1.0 describes bands in the common `bands` (eo:bands and raster:bands merged band by band)");
        if (has_eo) r_.remove(member_pointer(holder, "eo:bands"), "merged into `bands`");
        if (has_raster) r_.remove(member_pointer(holder, "raster:bands"), "merged into `bands`");
        return {has_eo, has_raster};
    }

    void upgrade_extension(const std::string& base, std::string_view name, std::string_view version, const std::string& reason) {
        const std::string identifier = extension_uri(name, version);
        if (const auto index = declared_index(base, name)) {
            const std::string pointer = element_pointer(member_pointer(base, "stac_extensions"), *index);
            if (at(pointer) != identifier) r_.replace(pointer, identifier, reason);
        } else {
            declare(base, identifier, reason);
        }
    }

    // ---- after the dlm rewrites -------------------------------------------------------------------------------
    void finish_object(const std::string& base) {
        const stac_kind kind = kind_of(at(base));
        if (kind == stac_kind::unknown || kind == stac_kind::item_collection) return;
        if (kind != stac_kind::catalog && declares_dlm(base)) declare_companions(base);
        ask_for_required(base, kind);
    }

    /// The dlm rules require the scientific, eo and version extensions beside dlm (any released version).
    void declare_companions(const std::string& base) {
        for (const std::string_view name : {"scientific", "eo", "version"}) {
            if (!declared_index(base, name) && !declares_in_core_companion(base, name)) {
                declare(base, extension_uri(name, "v1.0.0"),
                        "the dlm extension requires the " + std::string(name) + " extension to be declared");
            }
        }
    }

    [[nodiscard]] bool declares_in_core_companion(const std::string& base, std::string_view name) {
        const nlohmann::json* entries = find(member_pointer(base, "stac_extensions"));
        if (!entries || !entries->is_array()) return false;
        const std::string in_core = "https://schemas.stacspec.org/v1.0.0-beta.2/extensions/" + std::string(name) +
                                    "/json-schema/schema.json";
        for (const nlohmann::json& entry : *entries) {
            if (entry == in_core) return true;
        }
        return false;
    }

    static bool has_link(const nlohmann::json& object, std::string_view rel) {
        const nlohmann::json* links = find_member(object, "links");
        if (!links || !links->is_array()) return false;
        return std::any_of(links->begin(), links->end(), [rel](const nlohmann::json& link) {
            const nlohmann::json* found = find_member(link, "rel");
            return found && found->is_string() && found->get_ref<const std::string&>() == rel;
        });
    }

    /// Reports what a valid document needs and the migration cannot derive.
    void ask_for_required(const std::string& base, stac_kind kind) {
        const nlohmann::json& object = at(base);
        const auto require = [&](std::string_view key, const std::string& what, const std::string& allowed) {
            if (!object.contains(key)) need_(member_pointer(base, key), what, allowed);
        };
        require("id", "the object's identifier", "a string");
        if (kind == stac_kind::item) {
            require("geometry", "the Item's footprint", "a GeoJSON geometry, or null");
            const nlohmann::json* geometry = find_member(object, "geometry");
            if (geometry && !geometry->is_null()) require("bbox", "the bounding box of the geometry", "an array of 4 or 6 numbers");
            const nlohmann::json* properties = find_member(object, "properties");
            if (!properties) {
                need_(member_pointer(base, "properties"), "the Item's properties", "an object with `datetime`");
            } else if (properties->is_object() && !properties->contains("datetime")) {
                need_(member_pointer(member_pointer(base, "properties"), "datetime"), "the Item's date and time",
                      "an RFC 3339 date-time, or null with start_datetime and end_datetime");
            }
            // STAC 1.0.0 requires `collection` when a `collection` link exists, and refuses it without one: the id
            // is in the linked file, and the link's href is where the Collection lives; a migration knows neither.
            if (!object.contains("collection") && has_link(object, "collection")) {
                need_(member_pointer(base, "collection"), "the id of the Collection the `collection` link leads to",
                      "a string");
            }
            if (object.contains("collection") && !has_link(object, "collection")) {
                need_(member_pointer(base, "collection"), "a `collection` link to the Collection " +
                          quote(object.at("collection").is_string() ? object.at("collection").get<std::string>() : object.at("collection").dump()),
                      "a link {\"rel\": \"collection\", \"href\": ...} in `links`, or no `collection` member");
            }
        } else {
            require("description", "a description of the " + std::string(type_name(kind)), "a string (CommonMark)");
        }
        if (kind == stac_kind::collection) {
            require("license", "the Collection's license", "an SPDX license identifier, \"various\" or \"proprietary\"");
            require("extent", "the Collection's spatial and temporal extent",
                    "{\"spatial\": {\"bbox\": [[...]]}, \"temporal\": {\"interval\": [[start, end]]}}");
        }
        ask_for_link_members(base);
        ask_for_asset_hrefs(base);
        if (to_ == target_version::v1_1_0) ask_for_absolute_self(base);
        if (kind == stac_kind::collection) ask_for_item_asset_fields(base);
        ask_for_provider_roles(member_pointer(fields_pointer(base, kind), "providers"));
        ask_for_extension_identifiers(base);
        const std::string fields = fields_pointer(base, kind);
        if (kind != stac_kind::catalog) ask_for_version(base, fields);
        if (kind == stac_kind::item) ask_for_asset_bands(base, fields);
        if (kind != stac_kind::catalog && declares_dlm(base) && is_object_at(fields)) {
            ask_for_dlm_members(fields);
            ask_for_consistency(fields);
        }
    }

    /// The dlm objects and members the extension requires that the document lacks, and `dlm:` fields it does not
    /// define (earlier drafts had others, e.g. `dlm:engine`, with no successor): where their content belongs is for a
    /// person to say. Nothing is invented.
    void ask_for_dlm_members(const std::string& fields) {
        const nlohmann::json& object = at(fields);
        for (const auto& [key, value] : object.items()) {
            if (has_field_prefix(key) && !is_known_dlm_field(key)) {
                need_(member_pointer(fields, key),
                      "what becomes of " + quote(key) + ", which dlm v1.0.0-beta.3 does not define: its content moved "
                      "into a field the extension defines, or the member removed",
                      "dlm:data, dlm:inputs, dlm:architecture, dlm:runtime and dlm:outputs");
            }
        }
        for (const dlm_object_requirements& required : dlm_requirements()) {
            const nlohmann::json* value = find_member(object, required.field);
            if (!value) {
                if (required.required) {
                    need_(member_pointer(fields, required.field), "the " + required.field + " object, which dlm requires",
                          "an object (see the dlm extension)");
                }
                continue;
            }
            if (!value->is_object()) continue;  // the validator says what it should be
            for (const required_member& member : required.members) {
                if (!value->contains(member.name)) {
                    need_(member_pointer(member_pointer(fields, required.field), member.name),
                          required.field + "'s " + member.name + ", which dlm requires", member.allowed);
                }
            }
        }
    }

    /// Every link needs `rel` and `href`: published links without them exist (a link typed "documentation" with no
    /// relation), and only their author knows what they were.
    void ask_for_link_members(const std::string& base) {
        const std::string list = member_pointer(base, "links");
        const nlohmann::json* links = find(list);
        if (!links || !links->is_array()) return;
        for (std::size_t i = 0; i < links->size(); ++i) {
            const nlohmann::json& link = (*links)[i];
            if (!link.is_object()) continue;
            if (!link.contains("rel")) {
                need_(member_pointer(element_pointer(list, i), "rel"), "the relation of this link to the document",
                      "a relation type, e.g. \"self\", \"root\", \"parent\", \"child\", \"item\", \"license\", \"about\"");
            }
            if (!link.contains("href")) {
                need_(member_pointer(element_pointer(list, i), "href"), "where this link leads", "a URI or relative path");
            }
        }
    }

    /// Every asset of an Item or Collection needs its `href` (a Collection's definitions without any moved to
    /// `item_assets` before 1.0.0): where the file is, only the document's author knows.
    void ask_for_asset_hrefs(const std::string& base) {
        const std::string pointer = member_pointer(base, "assets");
        const nlohmann::json* assets = find(pointer);
        if (!assets || !assets->is_object()) return;
        for (const auto& [key, asset] : assets->items()) {
            if (asset.is_object() && !asset.contains("href")) {
                need_(member_pointer(member_pointer(pointer, key), "href"), "where the asset " + quote(key) + " is",
                      "a URI or relative path");
            }
        }
    }

    /// STAC 1.1.0 requires the `self` link to be absolute; where the document lives is not in it.
    void ask_for_absolute_self(const std::string& base) {
        const nlohmann::json* links = find(member_pointer(base, "links"));
        if (!links || !links->is_array()) return;
        for (std::size_t i = 0; i < links->size(); ++i) {
            const nlohmann::json& link = (*links)[i];
            if (string_member(link, "rel") != "self") continue;
            const std::string_view href = string_member(link, "href");
            if (href.find(':') == std::string_view::npos) {
                need_(member_pointer(element_pointer(member_pointer(base, "links"), i), "href"),
                      "the absolute URL of this document in place of " + quote(std::string(href)),
                      "an absolute IRI (STAC 1.1.0 requires the self link to be absolute)");
            }
        }
    }

    /// The item-assets extension (v1.0.0) and STAC 1.1.0 want two fields or more in each item asset definition.
    void ask_for_item_asset_fields(const std::string& base) {
        const std::string pointer = member_pointer(base, "item_assets");
        const nlohmann::json* definitions = find(pointer);
        if (!definitions || !definitions->is_object()) return;
        for (const auto& [key, definition] : definitions->items()) {
            if (definition.is_object() && definition.size() < 2) {
                need_(member_pointer(pointer, key), "a second field describing the assets " + quote(key) + " of the Items",
                      "title, description, type, roles or another asset field (at least two in each definition)");
            }
        }
    }

    void ask_for_provider_roles(const std::string& providers_pointer) {
        const nlohmann::json* providers = find(providers_pointer);
        if (!providers || !providers->is_array()) return;
        for (std::size_t i = 0; i < providers->size(); ++i) {
            const nlohmann::json* roles = find_member((*providers)[i], "roles");
            if (!roles || !roles->is_array()) continue;
            for (std::size_t j = 0; j < roles->size(); ++j) {
                const nlohmann::json& role = (*roles)[j];
                bool allowed = false;
                for (const std::string_view name : provider_roles) allowed = allowed || role == name;
                if (!allowed) {
                    need_(element_pointer(member_pointer(element_pointer(providers_pointer, i), "roles"), j),
                          "a provider role in place of " + quote(role.is_string() ? role.get<std::string>() : role.dump()),
                          "licensor, producer, processor, host");
                }
            }
        }
    }

    void ask_for_extension_identifiers(const std::string& base) {
        const std::string list = member_pointer(base, "stac_extensions");
        const nlohmann::json* entries = find(list);
        if (!entries || !entries->is_array()) return;
        for (std::size_t i = 0; i < entries->size(); ++i) {
            const nlohmann::json& entry = (*entries)[i];
            if (entry.is_string() && entry.get_ref<const std::string&>().find(':') == std::string::npos) {
                need_(element_pointer(list, i),
                      "the identifier of the extension " + quote(entry.get<std::string>()) + " (no released extension has this id)",
                      "the URI of the extension's JSON Schema");
            }
        }
    }

    /// Releases v1.0.0 and v1.1.0 of the version extension require `version`.
    void ask_for_version(const std::string& base, const std::string& fields) {
        const auto index = declared_index(base, "version");
        if (!index) return;
        const nlohmann::json& identifier = at(element_pointer(member_pointer(base, "stac_extensions"), *index));
        if (identifier != extension_uri("version", "v1.0.0") && identifier != extension_uri("version", "v1.1.0")) return;
        const nlohmann::json* object = find(fields);
        if (object && object->is_object() && !object->contains("version")) {
            need_(member_pointer(fields, "version"), "the version of this document's data (required by the version extension)",
                  "a string, e.g. \"1.0.0\"");
        }
    }

    /// eo v1.x accepts eo:bands in an Item's properties only when an asset carries eo:bands too, and STAC 1.1.0 the
    /// same of `bands`: which assets the bands describe is for a person to say.
    void ask_for_asset_bands(const std::string& base, const std::string& fields) {
        std::string field;
        if (string_member(at(base), "stac_version") == "1.1.0") {
            field = "bands";
        } else if (const auto index = declared_index(base, "eo")) {
            const nlohmann::json& identifier = at(element_pointer(member_pointer(base, "stac_extensions"), *index));
            if (identifier == extension_uri("eo", "v1.0.0") || identifier == extension_uri("eo", "v1.1.0")) field = "eo:bands";
        }
        if (field.empty() || !find(member_pointer(fields, field))) return;
        const nlohmann::json* assets = find(member_pointer(base, "assets"));
        if (assets && assets->is_object()) {
            for (const auto& [key, asset] : assets->items()) {
                if (asset.is_object() && asset.contains(field)) return;
            }
        }
        need_(member_pointer(fields, field),
              "the asset(s) whose data these bands describe (" + field + " is allowed in properties only when an asset "
              "has " + field + " too), or " + field + " removed from properties",
              field + " on one or more assets");
    }

    /// The dlm consistency rules that no rewrite can satisfy: a person chooses which value is right.
    void ask_for_consistency(const std::string& fields) {
        report found;
        check_consistency(at(fields), fields, found);
        for (const finding& f : found.errors) need_(f.pointer, f.message, "values that agree (a person decides which one is wrong)");
    }

    recorder& r_;
    target_version to_;
    need_recorder need_;
    semantic_version from_;
};

}  // namespace dlm::detail::migrate

#endif  // DLM_DETAIL_MIGRATE_STEPS_HPP
