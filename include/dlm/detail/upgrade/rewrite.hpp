#ifndef DLM_DETAIL_UPGRADE_REWRITE_HPP
#define DLM_DETAIL_UPGRADE_REWRITE_HPP

// The rewrites of `dlm::upgrade`, one function per dlm object. Each rewrite tells `record` where it
// happened in the ORIGINAL document (before any rewrite moved or removed a member) and the RFC 6902 operation
// that makes it on the document as the earlier operations left it, with a sentence saying why.

#include <dlm/detail/json/pointer.hpp>
#include <dlm/patch.hpp>
#include <dlm/version.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dlm::detail {

/// Receives one rewrite: its JSON pointer in the original document, and the operation that makes it (its
/// pointers relative to the document after the operations before it), whose reason says what was done.
using change_recorder = std::function<void(std::string original_pointer, patch_operation operation)>;

/// Returns the original JSON text of the number at a pointer of the original document, when the text is known.
using number_text_lookup = std::function<std::optional<std::string>(const std::string& pointer)>;

/// A decimal class index (`^[0-9]+$`, leading zeros allowed) as a number; nothing when `key` is not one
/// or does not fit 64 bits.
[[nodiscard]] inline std::optional<std::uint64_t> decimal_index(std::string_view key) {
    if (key.empty()) {
        return std::nullopt;
    }
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    std::uint64_t value = 0;
    for (const char c : key) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        const auto digit = static_cast<std::uint64_t>(c - '0');
        if (value > (max - digit) / 10) {
            return std::nullopt;
        }
        value = value * 10 + digit;
    }
    return value;
}

/// Adds the entries of a form-2 object (index key -> class name) to `by_index`; false when the object is
/// not form 2 or names an index already in `by_index`.
[[nodiscard]] inline bool collect_indexed_names(const nlohmann::json& entries,
                                                std::map<std::uint64_t, std::string>& by_index) {
    if (!entries.is_object() || entries.empty()) {
        return false;
    }
    for (const auto& [key, name] : entries.items()) {
        const std::optional<std::uint64_t> index = decimal_index(key);
        if (!index || !name.is_string() ||
            !by_index.emplace(*index, name.get_ref<const std::string&>()).second) {
            return false;
        }
    }
    return true;
}

/// Applies the upgrade rewrites to one document, reporting each through a recorder.
class upgrader {
public:
    upgrader(change_recorder record, number_text_lookup number_text)
        : record_(std::move(record)), number_text_(std::move(number_text)) {}

    /// Upgrades an Item, a Collection, or each Item of a FeatureCollection; anything else is left alone.
    void upgrade_document(nlohmann::json& document) {
        const std::string_view type = type_of(document);
        if (type == "Feature") {
            upgrade_item(document, "");
        } else if (type == "Collection") {
            upgrade_extensions(document, "");
            upgrade_dlm_fields(document, "");
        } else if (type == "FeatureCollection") {
            const auto features = document.find("features");
            if (features == document.end() || !features->is_array()) {
                return;
            }
            for (std::size_t i = 0; i < features->size(); ++i) {
                nlohmann::json& feature = (*features)[i];
                if (type_of(feature) == "Feature") {
                    std::string pointer = "/features";
                    append(pointer, i);
                    upgrade_item(feature, pointer);
                }
            }
        }
    }

private:
    [[nodiscard]] static std::string_view type_of(const nlohmann::json& document) {
        if (!document.is_object()) {
            return {};
        }
        const auto type = document.find("type");
        return type != document.end() && type->is_string() ? std::string_view(type->get_ref<const std::string&>())
                                                            : std::string_view();
    }

    [[nodiscard]] static std::string member(const std::string& pointer, std::string_view key) {
        std::string result = pointer;
        append(result, key);
        return result;
    }

    [[nodiscard]] static std::string element(const std::string& pointer, std::size_t index) {
        std::string result = pointer;
        append(result, index);
        return result;
    }

    /// Calls `upgrade_one(value, pointer)` on `value`, or on each element when it is an array.
    template <class Upgrade>
    static void for_one_or_each(nlohmann::json& value, const std::string& pointer, Upgrade upgrade_one) {
        if (value.is_array()) {
            for (std::size_t i = 0; i < value.size(); ++i) {
                upgrade_one(value[i], element(pointer, i));
            }
        } else {
            upgrade_one(value, pointer);
        }
    }

    void upgrade_item(nlohmann::json& item, const std::string& pointer) {
        upgrade_extensions(item, pointer);
        const auto properties = item.find("properties");
        if (properties != item.end()) {
            upgrade_dlm_fields(*properties, member(pointer, "properties"));
        }
    }

    /// `dl-model` in `stac_extensions` -> the identifier, or removed when the identifier is already declared.
    void upgrade_extensions(nlohmann::json& document, const std::string& pointer) {
        const auto found = document.find("stac_extensions");
        if (found == document.end() || !found->is_array()) {
            return;
        }
        const auto is = [](const nlohmann::json& entry, std::string_view name) {
            return entry.is_string() && entry.get_ref<const std::string&>() == name;
        };
        bool has_short_name = false;
        bool has_identifier = false;
        for (const nlohmann::json& entry : *found) {
            has_short_name = has_short_name || is(entry, legacy_extension_short_name);
            has_identifier = has_identifier || is(entry, extension_identifier);
        }
        if (!has_short_name) {
            return;
        }
        const std::string list_pointer = member(pointer, "stac_extensions");
        nlohmann::json rewritten = nlohmann::json::array();
        for (std::size_t i = 0; i < found->size(); ++i) {
            nlohmann::json& entry = (*found)[i];
            const std::string now = element(list_pointer, rewritten.size());  // earlier removals shift the index
            if (!is(entry, legacy_extension_short_name)) {
                rewritten.push_back(std::move(entry));
            } else if (has_identifier) {
                record_(element(list_pointer, i), {patch_op::remove, now, "", nullptr,
                                                   "removed dl-model: the dlm identifier is already declared"});
            } else {
                rewritten.push_back(std::string(extension_identifier));
                has_identifier = true;
                record_(element(list_pointer, i), {patch_op::replace, now, "", std::string(extension_identifier),
                                                   "replaced dl-model with " + std::string(extension_identifier)});
            }
        }
        *found = std::move(rewritten);
    }

    /// The five dlm objects of an Item's `properties` or of a Collection.
    void upgrade_dlm_fields(nlohmann::json& fields, const std::string& pointer) {
        if (!fields.is_object()) {
            return;
        }
        upgrade_member(fields, "dlm:data", pointer, &upgrader::upgrade_data);
        upgrade_member(fields, "dlm:inputs", pointer, &upgrader::upgrade_inputs);
        remove_null(fields, "dlm:architecture", "dlm:architecture", pointer);
        upgrade_member(fields, "dlm:architecture", pointer, &upgrader::upgrade_architecture);
        upgrade_member(fields, "dlm:runtime", pointer, &upgrader::upgrade_runtime);
        upgrade_member(fields, "dlm:outputs", pointer, &upgrader::upgrade_outputs);
    }

    void upgrade_member(nlohmann::json& parent, std::string_view key, const std::string& pointer,
                        void (upgrader::*upgrade_one)(nlohmann::json&, const std::string&)) {
        const auto found = parent.find(key);
        if (found != parent.end() && found->is_object()) {
            (this->*upgrade_one)(*found, member(pointer, key));
        }
    }

    /// Renames `from` to `to` when `to` is absent (both present: the author's intent is unclear, nothing
    /// changes). Returns the key that now holds the value in the ORIGINAL document: `from` or `to`.
    std::string_view rename(nlohmann::json& object, std::string_view from, std::string_view to,
                            const std::string& pointer) {
        const auto legacy = object.find(from);
        if (legacy == object.end() || object.contains(to)) {
            return to;
        }
        nlohmann::json value = std::move(*legacy);
        object.erase(legacy);
        object[std::string(to)] = std::move(value);
        record_(member(pointer, from), {patch_op::move, member(pointer, to), member(pointer, from), nullptr,
                                        "renamed " + std::string(from) + " to " + std::string(to)});
        return from;
    }

    /// Removes the optional member `key` when it is null; `original_key` is where it was in the original document.
    void remove_null(nlohmann::json& object, std::string_view key, std::string_view original_key,
                     const std::string& pointer) {
        const auto found = object.find(key);
        if (found != object.end() && found->is_null()) {
            object.erase(found);
            record_(member(pointer, original_key), {patch_op::remove, member(pointer, key), "", nullptr,
                                                    "removed null " + std::string(key) + " (an optional field)"});
        }
    }

    void remove_nulls(nlohmann::json& object, std::initializer_list<std::string_view> keys,
                      const std::string& pointer) {
        for (const std::string_view key : keys) {
            remove_null(object, key, key, pointer);
        }
    }

    void upgrade_data(nlohmann::json& data, const std::string& pointer) {
        rename(data, "dtype", "data_type", pointer);
        const std::string_view nodata_origin = rename(data, "nodata_value", "nodata", pointer);
        remove_null(data, "nodata", nodata_origin, pointer);
        remove_null(data, "useful_bands", "useful_bands", pointer);
        const auto bands = data.find("useful_bands");
        if (bands != data.end() && bands->is_array()) {
            const std::string bands_pointer = member(pointer, "useful_bands");
            for (std::size_t i = 0; i < bands->size(); ++i) {
                if ((*bands)[i].is_object()) {
                    remove_nulls((*bands)[i], {"name"}, element(bands_pointer, i));
                }
            }
        }
    }

    void upgrade_inputs(nlohmann::json& inputs, const std::string& pointer) {
        rename(inputs, "selected_band", "selected_bands", pointer);
        const auto tensors = inputs.find("input_tensors");
        if (tensors != inputs.end()) {
            for_one_or_each(*tensors, member(pointer, "input_tensors"),
                            [this](nlohmann::json& tensor, const std::string& tensor_pointer) {
                                if (!tensor.is_object()) {
                                    return;
                                }
                                const std::string_view dim_origin = rename(tensor, "channels", "dim", tensor_pointer);
                                remove_nulls(tensor, {"batch", "height", "width"}, tensor_pointer);
                                remove_null(tensor, "dim", dim_origin, tensor_pointer);
                            });
        }
        remove_nulls(inputs, {"pre_processing_function"}, pointer);
    }

    void upgrade_architecture(nlohmann::json& architecture, const std::string& pointer) {
        remove_nulls(architecture, {"summary"}, pointer);
    }

    void upgrade_runtime(nlohmann::json& runtime, const std::string& pointer) {
        const std::string_view version_origin = rename(runtime, "framework_version", "version", pointer);
        stringify_version(runtime, pointer, member(pointer, version_origin));
        remove_nulls(runtime, {"model_commit_hash", "requirement_file", "docker"}, pointer);
        const auto docker = runtime.find("docker");
        if (docker != runtime.end()) {
            for_one_or_each(*docker, member(pointer, "docker"),
                            [this](nlohmann::json& entry, const std::string& entry_pointer) {
                                if (entry.is_object()) {
                                    remove_nulls(entry, {"docker_file", "image_name", "tag"}, entry_pointer);
                                }
                            });
        }
    }

    /// A numeric runtime `version` -> a string of its original JSON text (its shortest text when unknown).
    void stringify_version(nlohmann::json& runtime, const std::string& pointer, const std::string& original_pointer) {
        const auto version = runtime.find("version");
        if (version == runtime.end() || !version->is_number()) {
            return;
        }
        const auto record = [&](const std::string& text, std::string reason) {
            record_(original_pointer, {patch_op::replace, member(pointer, "version"), "", text, std::move(reason)});
        };
        if (!version->is_number_float()) {  // an integer's text is its decimal value
            std::string text = version->dump();
            record(text, "converted the numeric version " + text + " to the string \"" + text + "\"");
            *version = std::move(text);
            return;
        }
        if (!std::isfinite(version->get<double>())) {
            return;  // only possible in code: no honest text exists, the validator reports the number
        }
        std::optional<std::string> text = number_text_ ? number_text_(original_pointer) : std::nullopt;
        if (text && nlohmann::json::parse(*text, nullptr, false) != *version) {
            text.reset();  // the text belongs to another value (e.g. a duplicate key): do not trust it
        }
        if (text) {
            record(*text, "converted the numeric version " + *text + " to the string \"" + *text + "\"");
            *version = std::move(*text);
        } else {
            std::string shortest = version->dump();
            record(shortest, "converted the numeric version to the string \"" + shortest +
                                 "\", the number's shortest text (its original JSON text is not known)");
            *version = std::move(shortest);
        }
    }

    void upgrade_outputs(nlohmann::json& outputs, const std::string& pointer) {
        upgrade_class_name_mapping(outputs, pointer);
        remove_nulls(outputs, {"dont_care_index", "post_processing_function"}, pointer);
        const auto task = outputs.find("task");
        if (task != outputs.end() && task->is_string() && task->get_ref<const std::string&>() == "regression") {
            remove_nulls(outputs, {"number_of_classes", "class_name_mapping"}, pointer);
        }
    }

    /// class_name_mapping forms 2 and 3 -> form 1, records in ascending index order; left alone when an
    /// index is named twice or an entry does not fit the form (the validator reports it).
    void upgrade_class_name_mapping(nlohmann::json& outputs, const std::string& pointer) {
        const auto mapping = outputs.find("class_name_mapping");
        if (mapping == outputs.end()) {
            return;
        }
        std::map<std::uint64_t, std::string> by_index;
        std::string_view old_form;
        if (mapping->is_object()) {
            if (!collect_indexed_names(*mapping, by_index)) {
                return;
            }
            old_form = "an object keyed by class index";
        } else if (mapping->is_array() && !mapping->empty()) {
            for (const nlohmann::json& entry : *mapping) {
                if (entry.size() != 1 || !collect_indexed_names(entry, by_index)) {
                    return;
                }
            }
            old_form = "a list of single-entry objects";
        } else {
            return;
        }
        nlohmann::json records = nlohmann::json::array();
        for (auto& [index, class_name] : by_index) {
            records.push_back(nlohmann::json::object({{"index", index}, {"class_name", std::move(class_name)}}));
        }
        *mapping = records;
        record_(member(pointer, "class_name_mapping"),
                {patch_op::replace, member(pointer, "class_name_mapping"), "", std::move(records),
                 "rewrote class_name_mapping from " + std::string(old_form) +
                     " to a list of {index, class_name} records in ascending index order"});
    }

    change_recorder record_;
    number_text_lookup number_text_;
};

}  // namespace dlm::detail

#endif  // DLM_DETAIL_UPGRADE_REWRITE_HPP
