#ifndef DLM_DETAIL_VALIDATE_DLM_RULES_HPP
#define DLM_DETAIL_VALIDATE_DLM_RULES_HPP

// The rules of ../shared/dlm-rules.md that JSON Schema cannot say: where dlm fields may stand, which companion
// extensions a dlm document declares, and the consistency checks between fields. They read the raw document (which
// may be invalid), so every access checks the type first and a check that needs an absent field is skipped.

#include <dlm/detail/json/numbers.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/enums.hpp>
#include <dlm/extensions.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>
#include <dlm/version.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dlm::detail {

/// True for a `data_type` spelled with a numpy-only name; the raster names are preferred.
inline bool is_numpy_only_data_type(std::string_view name) {
    const std::optional<data_type> type = parse_data_type(name);
    return type && is_numpy_name(*type);
}

/// One of the five fields, or the tolerated legacy `dlm:archive`.
inline bool is_known_dlm_field(std::string_view key) {
    for (const std::string_view field : field_names) {
        if (field == key) return true;
    }
    return key == legacy_archive_field;
}

/// The value of a count the schema requires to be >= 1; nothing when absent or invalid, because a check against a
/// value the schema already rejects would only repeat that finding.
inline std::optional<std::int64_t> valid_count(const nlohmann::json* value);

/// A JSON number with no fractional part, as a 64-bit integer (saturated); nothing for anything else.
inline std::optional<std::int64_t> integral(const nlohmann::json& value) {
    if (value.is_number_unsigned()) {
        const auto u = value.get<std::uint64_t>();
        return u > static_cast<std::uint64_t>(INT64_MAX) ? INT64_MAX : static_cast<std::int64_t>(u);
    }
    if (value.is_number_integer()) return value.get<std::int64_t>();
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (!is_integral(d)) return std::nullopt;
        if (d >= 9.2e18) return INT64_MAX;
        if (d <= -9.2e18) return INT64_MIN;
        return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
}

inline std::optional<std::int64_t> valid_count(const nlohmann::json* value) {
    if (value == nullptr) return std::nullopt;
    const std::optional<std::int64_t> count = integral(*value);
    if (count && *count >= 1) return count;
    return std::nullopt;
}

inline const nlohmann::json* member(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return nullptr;
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

/// Placement and declaration: unknown, misplaced and undeclared dlm fields, and a Catalog that declares dlm.
/// `fields_pointer` is where the dlm fields belong ("/properties" for an Item, "" otherwise).
inline void check_placement(const nlohmann::json& document, bool is_item, bool is_catalog, bool declared,
                            const std::string& prefix, report& out) {
    std::vector<std::string> present;  // pointers of every dlm: member, where it stands
    const nlohmann::json* properties = is_item ? member(document, "properties") : nullptr;
    if (properties != nullptr && properties->is_object()) {
        for (const auto& [key, value] : properties->items()) {
            if (!has_field_prefix(key)) continue;
            const std::string where = join(prefix + "/properties", key);
            present.push_back(where);
            if (declared && !is_known_dlm_field(key)) {
                out.error(rules::dlm_field_unknown, where, "unknown field " + quote(key) +
                                                          "; the extension defines dlm:data, dlm:inputs, "
                                                          "dlm:architecture, dlm:runtime and dlm:outputs");
            }
        }
    }
    for (const auto& [key, value] : document.items()) {
        if (!has_field_prefix(key)) continue;
        const std::string where = join(prefix, key);
        present.push_back(where);
        if (!declared) continue;
        if (is_item) {
            out.error(rules::dlm_field_misplaced, where, quote(key) + " stands at the Item's top level; dlm fields belong in \"properties\"");
        } else if (!is_catalog && !is_known_dlm_field(key)) {
            out.error(rules::dlm_field_unknown, where, "unknown field " + quote(key) +
                                                      "; the extension defines dlm:data, dlm:inputs, "
                                                      "dlm:architecture, dlm:runtime and dlm:outputs");
        }
    }
    if (!declared && !present.empty()) {
        std::string message = "dlm fields are present but \"stac_extensions\" does not declare " + quote(extension_identifier);
        if (const auto* extensions = member(document, "stac_extensions"); extensions && extensions->is_array()) {
            for (const auto& entry : *extensions) {
                if (entry == legacy_extension_short_name) {
                    message += " (the short name \"dl-model\" does not declare it; `dlm upgrade` rewrites it)";
                    break;
                }
            }
        }
        std::sort(present.begin(), present.end());
        out.error(rules::dlm_extension_undeclared, present.front(), message);
    }
}

/// Companion rule: a dlm document declares the scientific, eo and version extensions.
inline void check_companions(const nlohmann::json& document, bool relax, const std::string& prefix, report& out) {
    const nlohmann::json* declared = member(document, "stac_extensions");
    for (const dlm::extensions::companion& c : dlm::extensions::companions) {
        bool found = false;
        if (declared != nullptr && declared->is_array()) {
            for (const auto& entry : *declared) {
                if (!entry.is_string()) continue;
                for (std::size_t i = 0; i < c.identifier_count; ++i) {
                    found = found || entry.get_ref<const std::string&>() == c.identifiers[i];
                }
            }
        }
        if (found) continue;
        std::string message = "a dlm document must also declare the " + std::string(c.name) + " extension (";
        for (std::size_t i = 0; i < c.identifier_count; ++i) {
            if (i > 0) message += i + 1 == c.identifier_count ? " or " : ", ";
            message += c.identifiers[i];
        }
        message += ")";
        if (relax) {
            out.warning(rules::dlm_companion_missing, prefix + "/stac_extensions", message);
        } else {
            out.error(rules::dlm_companion_missing, prefix + "/stac_extensions", message);
        }
    }
}

/// One class of a class_name_mapping, with the pointer that names its index.
struct class_entry {
    std::int64_t index;
    std::string pointer;
};

/// The index a class_name_mapping key names, saturated at INT64_MAX (a larger index is still an index, and not below
/// any count); nothing for a key that is not decimal.
inline std::optional<std::int64_t> class_key_index(std::string_view key) {
    if (!is_decimal_digits(key)) return std::nullopt;
    return parse_decimal_index(key).value_or(INT64_MAX);
}

/// The consistency checks of dlm-rules.md over the object holding the dlm fields, at `base`.
inline void check_consistency(const nlohmann::json& fields, const std::string& base, report& out) {
    const std::string data_pointer = join(base, "dlm:data");
    const std::string inputs_pointer = join(base, "dlm:inputs");
    const std::string outputs_pointer = join(base, "dlm:outputs");
    const nlohmann::json* data = member(fields, "dlm:data");
    const nlohmann::json* inputs = member(fields, "dlm:inputs");
    const nlohmann::json* outputs = member(fields, "dlm:outputs");

    const std::optional<std::int64_t> bands = data ? valid_count(member(*data, "number_of_bands")) : std::nullopt;
    if (data != nullptr) {
        if (const auto* type = member(*data, "data_type"); type && type->is_string() &&
                                                           is_numpy_only_data_type(type->get_ref<const std::string&>())) {
            out.warning(rules::dlm_data_type_numpy_name, join(data_pointer, "data_type"),
                        "data_type " + quote(type->get_ref<const std::string&>()) +
                            " is a numpy name; prefer the raster data type name (e.g. uint8, float32)");
        }
        if (const auto* useful = member(*data, "useful_bands"); useful && useful->is_array()) {
            const std::string useful_pointer = join(data_pointer, "useful_bands");
            for (std::size_t i = 0; i < useful->size(); ++i) {
                const auto* index = member((*useful)[i], "index");
                const auto value = index ? integral(*index) : std::nullopt;
                if (value && bands && *value >= 0 && *value >= *bands) {
                    out.error(rules::dlm_consistency_band_index, join(join(useful_pointer, i), "index"),
                              "band index " + std::to_string(*value) + " is not below number_of_bands (" +
                                  std::to_string(*bands) + ")");
                }
            }
            if (bands && static_cast<std::int64_t>(useful->size()) > *bands) {
                out.warning(rules::dlm_consistency_useful_bands_count, useful_pointer,
                            "useful_bands lists " + std::to_string(useful->size()) + " bands but number_of_bands is " +
                                std::to_string(*bands));
            }
        }
    }

    if (inputs != nullptr && inputs->is_object()) {
        const nlohmann::json* selected = member(*inputs, "selected_bands");
        std::string selected_name = "selected_bands";
        if (const auto* legacy = member(*inputs, "selected_band")) {
            out.warning(rules::dlm_legacy_selected_band, join(inputs_pointer, "selected_band"),
                        "\"selected_band\" is the seed table's spelling; write \"selected_bands\"");
            if (selected == nullptr) {
                selected = legacy;
                selected_name = "selected_band";
            }
        }
        const std::string selected_pointer = join(inputs_pointer, selected_name);
        if (selected != nullptr && selected->is_array() && bands) {
            for (std::size_t i = 0; i < selected->size(); ++i) {
                const auto value = integral((*selected)[i]);
                if (value && *value >= 0 && *value >= *bands) {
                    out.error(rules::dlm_consistency_band_index, join(selected_pointer, i),
                              "band index " + std::to_string(*value) + " is not below number_of_bands (" +
                                  std::to_string(*bands) + ")");
                }
            }
        }
        // mean, std and the band selection have one length, which is also every tensor's dim.
        const nlohmann::json* mean = member(*inputs, "normalization:mean");
        const nlohmann::json* std_dev = member(*inputs, "normalization:std");
        std::optional<std::size_t> length;
        std::string length_source;
        if (selected != nullptr && selected->is_array()) {
            length = selected->size();
            length_source = selected_name;
        } else if (mean != nullptr && mean->is_array()) {
            length = mean->size();
            length_source = "normalization:mean";
        }
        const std::pair<const char*, const nlohmann::json*> normalization[] = {{"normalization:mean", mean},
                                                                               {"normalization:std", std_dev}};
        for (const auto& [name, array] : normalization) {
            if (array == nullptr || !array->is_array() || !length || name == length_source) continue;
            if (array->size() != *length) {
                out.error(rules::dlm_consistency_normalization_length, join(inputs_pointer, name),
                          std::string(name) + " has " + std::to_string(array->size()) + " values but " + length_source +
                              " has " + std::to_string(*length));
            }
        }
        if (length) {
            const std::string tensors_pointer = join(inputs_pointer, "input_tensors");
            const auto check_dim = [&](const nlohmann::json& tensor, const std::string& pointer) {
                const auto* dim = member(tensor, "dim");
                const auto value = dim ? integral(*dim) : std::nullopt;
                if (value && *value != static_cast<std::int64_t>(*length)) {
                    out.error(rules::dlm_consistency_normalization_length, join(pointer, "dim"),
                              "dim is " + std::to_string(*value) + " but " + length_source + " has " +
                                  std::to_string(*length) + " values");
                }
            };
            if (const auto* tensors = member(*inputs, "input_tensors")) {
                if (tensors->is_object()) check_dim(*tensors, tensors_pointer);
                if (tensors->is_array()) {
                    for (std::size_t i = 0; i < tensors->size(); ++i) check_dim((*tensors)[i], join(tensors_pointer, i));
                }
            }
        }
    }

    if (outputs != nullptr && outputs->is_object()) {
        const std::optional<std::int64_t> classes = valid_count(member(*outputs, "number_of_classes"));
        std::optional<std::int64_t> dont_care;
        if (const auto* d = member(*outputs, "dont_care_index")) {
            dont_care = integral(*d);
            if (dont_care && classes && *dont_care >= 0 && *dont_care >= *classes) {
                out.error(rules::dlm_consistency_dont_care_index, join(outputs_pointer, "dont_care_index"),
                          "dont_care_index " + std::to_string(*dont_care) + " is not below number_of_classes (" +
                              std::to_string(*classes) + ")");
            }
        }
        const auto* mapping = member(*outputs, "class_name_mapping");
        if (mapping == nullptr) return;
        const std::string mapping_pointer = join(outputs_pointer, "class_name_mapping");
        std::vector<class_entry> entries;
        if (mapping->is_object()) {
            for (const auto& [key, value] : mapping->items()) {
                if (const auto index = class_key_index(key)) entries.push_back({*index, join(mapping_pointer, key)});
            }
        } else if (mapping->is_array()) {
            bool legacy = false;
            for (std::size_t i = 0; i < mapping->size(); ++i) {
                const auto& record = (*mapping)[i];
                if (!record.is_object()) continue;
                if (record.contains("index") || record.contains("class_name")) {
                    const auto* index_value = member(record, "index");
                    if (const auto index = index_value ? integral(*index_value) : std::nullopt) {
                        entries.push_back({*index, join(join(mapping_pointer, i), "index")});
                    }
                } else if (record.size() == 1) {
                    legacy = true;
                    const std::string& key = record.begin().key();
                    if (const auto index = class_key_index(key)) entries.push_back({*index, join(join(mapping_pointer, i), key)});
                }
            }
            if (legacy) {
                out.warning(rules::dlm_legacy_class_name_mapping, mapping_pointer,
                            "class_name_mapping uses the legacy list of single-entry objects; write a list of "
                            "{\"index\", \"class_name\"} records");
            }
        }
        std::set<std::int64_t> seen;
        for (const auto& entry : entries) {
            if (entry.index < 0) continue;
            if (!seen.insert(entry.index).second) {
                out.error(rules::dlm_consistency_duplicate_class_index, entry.pointer,
                          "class index " + std::to_string(entry.index) + " is mapped twice");
            }
            if (classes && entry.index >= *classes) {
                out.error(rules::dlm_consistency_class_index, entry.pointer,
                          "class index " + std::to_string(entry.index) + " is not below number_of_classes (" +
                              std::to_string(*classes) + ")");
            }
        }
        if (classes && *classes > 0) {
            std::vector<std::int64_t> missing;
            std::int64_t missing_count = 0;
            for (std::int64_t i = 0; i < *classes && static_cast<std::size_t>(i) <= seen.size() + 5; ++i) {
                if (seen.count(i) || (dont_care && *dont_care == i)) continue;
                if (missing.size() < 5) missing.push_back(i);
            }
            const std::int64_t covered = static_cast<std::int64_t>(std::count_if(
                seen.begin(), seen.end(), [&](std::int64_t i) { return i < *classes && !(dont_care && *dont_care == i); }));
            const std::int64_t expected = *classes - (dont_care && *dont_care >= 0 && *dont_care < *classes ? 1 : 0);
            missing_count = expected - covered;
            if (missing_count > 0) {
                std::string list;
                for (std::size_t i = 0; i < missing.size(); ++i) list += (i > 0 ? ", " : "") + std::to_string(missing[i]);
                if (missing_count > static_cast<std::int64_t>(missing.size())) list += ", ...";
                out.warning(rules::dlm_consistency_class_coverage, mapping_pointer,
                            "class_name_mapping does not name " + std::to_string(missing_count) + " of the " +
                                std::to_string(*classes) + " classes (missing: " + list + ")");
            }
        }
    }
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_VALIDATE_DLM_RULES_HPP
