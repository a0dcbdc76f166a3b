#ifndef DLM_STAC_HPP
#define DLM_STAC_HPP

// Where the dlm fields live in a STAC document: an Item (`"type": "Feature"`) keeps them in
// `properties`, a Collection (`"type": "Collection"`) at its top level. These functions read, write
// and remove them there, and keep `stac_extensions` in step; they touch nothing else.
//
//     nlohmann::json item = nlohmann::json::parse(text);
//     dlm::model m = dlm::read_model(item);   // e.g. throws "/properties/dlm:inputs/scaling_factor: ..."
//     m.inputs.scaling_factor = 1.0 / 255;
//     dlm::write_model(item, m);

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include <dlm/detail/model/reader.hpp>
#include <dlm/detail/stac/document_type.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/edit.hpp>
#include <dlm/error.hpp>
#include <dlm/json.hpp>
#include <dlm/limits.hpp>
#include <dlm/parse.hpp>
#include <dlm/rules.hpp>
#include <dlm/model.hpp>
#include <dlm/version.hpp>

namespace dlm {

/// True iff `doc` is an object whose `stac_extensions` array contains `dlm::extension_identifier`
/// (the only declaration of the extension; the legacy short name `dl-model` does not count).
[[nodiscard]] inline bool has_extension(const nlohmann::json& doc) noexcept {
    if (!doc.is_object()) return false;
    const auto it = doc.find("stac_extensions");
    if (it == doc.end() || !it->is_array()) return false;
    for (const auto& entry : *it) {
        if (entry.is_string() && entry.get_ref<const std::string&>() == extension_identifier) return true;
    }
    return false;
}

namespace detail {

/// Where a document keeps its dlm fields: the pointer of that object ("/properties" or "").
/// Throws unless `doc` is an object whose `type` is "Feature" or "Collection".
[[nodiscard]] inline std::string dlm_fields_pointer(const nlohmann::json& doc) {
    const reader root(doc, "");
    if (!doc.is_object()) root.fail_expected("a STAC Item or Collection (an object)");
    const reader type = root.at("type");
    const std::string name = type.string();
    if (const stac_type kind = type_of(doc); kind == stac_type::item || kind == stac_type::collection) {
        return std::string(dlm_fields_location(kind));
    }
    type.fail("expected \"Feature\" (an Item) or \"Collection\": the dlm extension applies to Items and "
              "Collections only, found " +
              quote(name));
}

/// Erases every `dlm:`-prefixed member of `object` (which must be an object).
inline void erase_dlm_fields(nlohmann::json& object) {
    auto& members = object.get_ref<nlohmann::json::object_t&>();
    for (auto it = members.begin(); it != members.end();) {
        it = has_field_prefix(it->first) ? members.erase(it) : std::next(it);
    }
}

/// Throws dlm::error (pointer from the document root) at the first value in `fields` that JSON text cannot hold:
/// a string or member name that is not valid UTF-8 (nlohmann's dump would throw), a NaN or infinite number (it would
/// be written as null). `fields` was built from a model, so its depth is bounded only by the caller's `extra`.
inline void require_representable(const nlohmann::json& fields, const std::string& at) {
    limits unbounded;
    unbounded.max_depth = unbounded.max_bytes = unbounded.max_string_length = unbounded.max_key_length =
        unbounded.max_elements = std::numeric_limits<std::size_t>::max();
    const report found = check_limits(fields, unbounded);
    for (const finding& f : found.errors) {
        if (f.rule == rules::input_invalid_utf8) throw error(at + f.pointer, "cannot write " + f.message);
        if (f.rule == rules::input_number_out_of_range) {
            const auto* value = &fields;
            try {
                value = &fields.at(nlohmann::json::json_pointer(f.pointer));
            } catch (const nlohmann::json::exception&) {
            }
            if (value->is_number_float()) throw error(at + f.pointer, "cannot write " + f.message);
        }
    }
}

}  // namespace detail

/// Reads the `dlm:*` fields of a STAC Item (from `properties`) or Collection (from its top level).
/// Throws `dlm::error` with a pointer from the document root, e.g.
/// "/properties/dlm:outputs: missing required member \"task\"". Does not look at `stac_extensions`
/// (use `has_extension`) and does not validate values (use the validator).
[[nodiscard]] inline model read_model(const nlohmann::json& doc) {
    const std::string at = detail::dlm_fields_pointer(doc);
    const detail::reader root(doc, "");
    const detail::reader fields = at.empty() ? root : root.at("properties");
    fields.require_object();
    model out;
    detail::read(fields, out);
    return out;
}

/// Writes `m` into a STAC Item's `properties` (created if absent) or a Collection's top level,
/// replacing every `dlm:*` member there, and appends `dlm::extension_identifier` to `stac_extensions`
/// (created if absent) unless it is already listed. Touches nothing else. Throws `dlm::error` (and
/// leaves `doc` unchanged) when `doc` is not an Item or Collection, when `properties` or
/// `stac_extensions` has the wrong type, or when `m` holds a value JSON cannot represent.
inline void write_model(nlohmann::json& doc, const model& m) {
    const std::string at = detail::dlm_fields_pointer(doc);
    if (!at.empty()) {
        const auto properties = doc.find("properties");
        if (properties != doc.end() && !properties->is_object()) {
            detail::reader(*properties, "/properties").fail_expected("an object");
        }
    }
    const auto extensions = doc.find("stac_extensions");
    if (extensions != doc.end() && !extensions->is_array()) {
        detail::reader(*extensions, "/stac_extensions").fail_expected("an array");
    }
    nlohmann::json fields = detail::write(m, at);  // may throw; nothing has changed yet
    detail::require_representable(fields, at);

    nlohmann::json& target = at.empty() ? doc : doc["properties"];
    if (target.is_null()) target = nlohmann::json::object();
    detail::erase_dlm_fields(target);
    for (auto& [key, value] : fields.get_ref<nlohmann::json::object_t&>()) target[key] = std::move(value);

    if (!has_extension(doc)) doc["stac_extensions"].push_back(std::string(extension_identifier));
}

/// Writes `m` into the JSON `text` of a STAC Item or Collection as `write_model` would into the parsed document,
/// but as an edit of the text: only the members whose values change are rewritten (in the text's own layout), so
/// changing one field of `dlm:runtime` changes one line. Throws `dlm::error` (the text unchanged) when the text
/// cannot be read under `bounds`, repeats a key, or `write_model` would throw.
///
///     dlm::model m = dlm::read_model(dlm::parse(text).document.value());
///     m.runtime.version = "2.1";
///     const std::string edited = dlm::write_model_to_text(text, m);  // one changed line
[[nodiscard]] inline std::string write_model_to_text(std::string_view text, const model& m, const limits& bounds = {}) {
    const nlohmann::json before = detail::parse_for_upgrade(text, bounds);
    nlohmann::json after = before;
    write_model(after, m);
    return apply_patch_to_text(text, diff(before, after, "written from the dlm model", bounds), bounds);
}

/// Removes every `dlm:*` member from a STAC Item's `properties` or a Collection's top level, and every
/// `dlm::extension_identifier` entry from `stac_extensions`; touches nothing else (an empty
/// `stac_extensions` stays, and the legacy short name `dl-model` is left alone). Throws `dlm::error`
/// when `doc` is not an Item or Collection.
inline void remove_model(nlohmann::json& doc) {
    const std::string at = detail::dlm_fields_pointer(doc);
    if (at.empty()) {
        detail::erase_dlm_fields(doc);
    } else if (const auto properties = doc.find("properties");
               properties != doc.end() && properties->is_object()) {
        detail::erase_dlm_fields(*properties);
    }
    if (const auto extensions = doc.find("stac_extensions"); extensions != doc.end() && extensions->is_array()) {
        auto& entries = extensions->get_ref<nlohmann::json::array_t&>();
        for (auto it = entries.begin(); it != entries.end();) {
            const bool is_dlm = it->is_string() && it->get_ref<const std::string&>() == extension_identifier;
            it = is_dlm ? entries.erase(it) : std::next(it);
        }
    }
}

}  // namespace dlm

#endif  // DLM_STAC_HPP
