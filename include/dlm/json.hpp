#ifndef DLM_JSON_HPP
#define DLM_JSON_HPP

// Lossless conversion between the dlm types (dlm/model.hpp, dlm/enums.hpp) and nlohmann::json.
//
//     nlohmann::json j = nlohmann::json::parse(text);
//     dlm::inputs in = j.get<dlm::inputs>();   // throws dlm::error, e.g. "/scaling_factor: expected a number, found a string"
//     nlohmann::json back = in;                 // equal to j
//
// `from_json` throws `dlm::error` whose pointer is relative to the value being read; to read the
// dlm fields of a whole Item or Collection with pointers from the document root, use
// `dlm::read_model` (dlm/stac.hpp). `to_json` throws `dlm::error` only for a value JSON cannot hold
// (a NaN or infinite number) or an `extra` that is not an object. No nlohmann exception escapes.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "dlm/detail/model_reader.hpp"
#include "dlm/detail/pointer.hpp"
#include "dlm/detail/text.hpp"
#include "dlm/enums.hpp"
#include "dlm/error.hpp"
#include "dlm/model.hpp"
#include "dlm/version.hpp"

namespace dlm::detail {

// ---- reading ---------------------------------------------------------------------------------

inline void read(const reader& r, std::string& out) { out = r.string(); }
inline void read(const reader& r, double& out) { out = r.number(); }
inline void read(const reader& r, std::int64_t& out) { out = r.integer(); }
inline void read(const reader& r, bool& out) { out = r.boolean(); }
inline void read(const reader& r, number& out) {
    out = number(r.number(), r.value().is_number_integer() || r.value().is_number_unsigned());
}
inline void read(const reader& r, task& out);
inline void read(const reader& r, process_level& out);
inline void read(const reader& r, data_type& out);
inline void read(const reader& r, nodata_value& out);
inline void read(const reader& r, model_band& out);
inline void read(const reader& r, data& out);
inline void read(const reader& r, tensor& out);
inline void read(const reader& r, inputs& out);
inline void read(const reader& r, architecture& out);
inline void read(const reader& r, docker& out);
inline void read(const reader& r, runtime& out);
inline void read(const reader& r, class_name_mapping& out);
inline void read(const reader& r, outputs& out);
inline void read(const reader& r, model& out);

/// Reads an array whose every element is a T.
template <class T>
void read(const reader& r, std::vector<T>& out) {
    const std::size_t n = r.array_size();
    out.clear();
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        T element{};
        read(r.at(i), element);
        out.push_back(std::move(element));
    }
}

/// Reads one T (a bare object) or an array of them, remembering which.
template <class T, bool A>
void read(const reader& r, one_or_many<T, A>& out) {
    if (r.value().is_object()) {
        out.items.clear();
        out.items.emplace_back();
        read(r, out.items.front());
        out.as_array = false;
    } else if (r.value().is_array()) {
        read(r, out.items);
        out.as_array = true;
    } else {
        r.fail_expected("an object or an array");
    }
}

/// Reads the required member `key` of the object `object`.
template <class T>
void read_member(const reader& object, std::string_view key, T& out) {
    read(object.at(key), out);
}

/// Reads the optional member `key` of the object `object` (absent: nullopt; present: must be a T, not null).
template <class T>
void read_member(const reader& object, std::string_view key, std::optional<T>& out) {
    out.reset();
    if (auto member = object.find(key)) {
        T value{};
        read(*member, value);
        out = std::move(value);
    }
}

/// "a, b, c": every spelling of an enumeration, for "expected one of" messages.
template <class E, std::size_t N>
[[nodiscard]] std::string enum_spellings(const std::array<E, N>& table) {
    std::string out;
    for (const E value : table) {
        if (!out.empty()) out += ", ";
        out += to_string(value);
    }
    return out;
}

/// Reads a string that must be one of the spellings of `table`; `what` names the enum in messages.
template <class E, std::size_t N>
void read_enum(const reader& r, const std::array<E, N>& table, std::string_view what, E& out) {
    if (!r.value().is_string()) r.fail_expected("a string");
    const auto& text = r.value().get_ref<const std::string&>();
    if (const auto value = parse_enum(table, text)) {
        out = *value;
        return;
    }
    r.fail("unknown " + std::string(what) + " " + quote(text) + "; expected one of: " + enum_spellings(table));
}

inline void read(const reader& r, task& out) { read_enum(r, all_tasks, "task", out); }
inline void read(const reader& r, process_level& out) { read_enum(r, all_process_levels, "process level", out); }
inline void read(const reader& r, data_type& out) { read_enum(r, all_data_types, "data type", out); }

inline void read(const reader& r, nodata_value& out) {
    const nlohmann::json& v = r.value();
    switch (v.type()) {
        case nlohmann::json::value_t::number_integer: out = v.get<std::int64_t>(); return;
        case nlohmann::json::value_t::number_unsigned: {
            const auto u = v.get<std::uint64_t>();
            if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
                out = static_cast<std::int64_t>(u);
            } else {
                out = u;
            }
            return;
        }
        case nlohmann::json::value_t::number_float: out = v.get<double>(); return;
        case nlohmann::json::value_t::string: out = v.get_ref<const std::string&>(); return;
        default: r.fail_expected("a number or a string");
    }
}

inline void read(const reader& r, model_band& out) {
    r.require_object();
    read_member(r, "index", out.index);
    read_member(r, "name", out.name);
    out.extra = r.extra({"index", "name"});
}

inline void read(const reader& r, data& out) {
    r.require_object();
    read_member(r, "process_level", out.process_level);
    read_member(r, "data_type", out.data_type);
    read_member(r, "nodata", out.nodata);
    read_member(r, "number_of_bands", out.number_of_bands);
    read_member(r, "useful_bands", out.useful_bands);
    out.extra = r.extra({"process_level", "data_type", "nodata", "number_of_bands", "useful_bands"});
}

inline void read(const reader& r, tensor& out) {
    r.require_object();
    read_member(r, "batch", out.batch);
    read_member(r, "dim", out.dim);
    read_member(r, "height", out.height);
    read_member(r, "width", out.width);
    out.extra = r.extra({"batch", "dim", "height", "width"});
}

inline void read(const reader& r, inputs& out) {
    r.require_object();
    read_member(r, "name", out.name);
    read_member(r, "input_tensors", out.input_tensors);
    read_member(r, "scaling_factor", out.scaling_factor);
    read_member(r, "normalization:mean", out.normalization_mean);
    read_member(r, "normalization:std", out.normalization_std);
    // Either spelling satisfies the requirement; with both, `selected_bands` is modelled and
    // `selected_band` stays in `extra`.
    std::string_view selection_key = "selected_bands";
    if (auto canonical = r.find("selected_bands")) {
        read(*canonical, out.selected_bands);
        out.selected_bands_spelling = selected_bands_key::selected_bands;
    } else if (auto seed_spelling = r.find("selected_band")) {
        read(*seed_spelling, out.selected_bands);
        out.selected_bands_spelling = selected_bands_key::selected_band;
        selection_key = "selected_band";
    } else {
        r.fail("missing required member \"selected_bands\" (or \"selected_band\")");
    }
    read_member(r, "pre_processing_function", out.pre_processing_function);
    out.extra = r.extra({"name", "input_tensors", "scaling_factor", "normalization:mean", "normalization:std",
                         selection_key, "pre_processing_function"});
}

inline void read(const reader& r, architecture& out) {
    r.require_object();
    read_member(r, "total_nb_parameters", out.total_nb_parameters);
    read_member(r, "estimated_total_size_mb", out.estimated_total_size_mb);
    read_member(r, "type", out.type);
    read_member(r, "summary", out.summary);
    read_member(r, "pretrained", out.pretrained);
    out.extra = r.extra({"total_nb_parameters", "estimated_total_size_mb", "type", "summary", "pretrained"});
}

inline void read(const reader& r, docker& out) {
    r.require_object();
    read_member(r, "docker_file", out.docker_file);
    read_member(r, "image_name", out.image_name);
    read_member(r, "tag", out.tag);
    read_member(r, "working_dir", out.working_dir);
    read_member(r, "run", out.run);
    read_member(r, "gpu", out.gpu);
    out.extra = r.extra({"docker_file", "image_name", "tag", "working_dir", "run", "gpu"});
}

inline void read(const reader& r, runtime& out) {
    r.require_object();
    read_member(r, "framework", out.framework);
    read_member(r, "version", out.version);
    read_member(r, "model_handler", out.model_handler);
    read_member(r, "model_src_url", out.model_src_url);
    read_member(r, "model_commit_hash", out.model_commit_hash);
    read_member(r, "requirement_file", out.requirement_file);
    read_member(r, "docker", out.docker);
    out.extra = r.extra({"framework", "version", "model_handler", "model_src_url", "model_commit_hash",
                         "requirement_file", "docker"});
}

/// The index a `class_name_mapping` object key denotes ("1" and "01" both denote 1), or nullopt when the
/// key is not a decimal number below 2^63.
[[nodiscard]] inline std::optional<std::int64_t> parse_index_key(std::string_view key) noexcept {
    if (key.empty()) return std::nullopt;
    std::int64_t value = 0;
    for (const char c : key) {
        if (c < '0' || c > '9') return std::nullopt;
        const int digit = c - '0';
        if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

/// Reads one `"<index>": "<class name>"` member of a class_name_mapping object (`object` is the object).
inline class_name_entry read_keyed_entry(const reader& object, const std::string& key, const nlohmann::json& value) {
    const auto index = parse_index_key(key);
    if (!index) object.fail("expected decimal class indices as keys, found the key " + quote(key));
    class_name_entry entry;
    entry.index = *index;
    if (key != std::to_string(*index)) entry.key = key;
    std::string child = object.pointer();
    append(child, key);
    entry.class_name = reader(value, std::move(child)).string();
    return entry;
}

inline void read(const reader& r, class_name_mapping& out) {
    out.entries.clear();
    if (r.value().is_object()) {
        out.form = class_name_mapping_form::object;
        for (const auto& [key, value] : r.value().get_ref<const nlohmann::json::object_t&>()) {
            out.entries.push_back(read_keyed_entry(r, key, value));
        }
        return;
    }
    if (!r.value().is_array()) r.fail_expected("an array or an object");
    const std::size_t n = r.value().size();
    out.form = class_name_mapping_form::records;
    // The first element decides: a record has "index" or "class_name"; otherwise it is the legacy form.
    if (n > 0) {
        const nlohmann::json& first = r.value().front();
        if (!first.is_object()) r.at(std::size_t{0}).fail_expected("an object");
        if (!first.contains("index") && !first.contains("class_name")) {
            out.form = class_name_mapping_form::legacy_list;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        const reader element = r.at(i);
        element.require_object();
        if (out.form == class_name_mapping_form::records) {
            class_name_entry entry;
            read_member(element, "index", entry.index);
            read_member(element, "class_name", entry.class_name);
            entry.extra = element.extra({"index", "class_name"});
            out.entries.push_back(std::move(entry));
        } else {
            if (element.value().size() != 1) {
                element.fail("expected a single-entry object {\"<index>\": \"<class name>\"} like the first "
                             "element, found an object with " +
                             std::to_string(element.value().size()) + " members");
            }
            const auto& only = *element.value().get_ref<const nlohmann::json::object_t&>().begin();
            out.entries.push_back(read_keyed_entry(element, only.first, only.second));
        }
    }
}

inline void read(const reader& r, outputs& out) {
    r.require_object();
    read_member(r, "task", out.task);
    read_member(r, "number_of_classes", out.number_of_classes);
    read_member(r, "final_layer_size", out.final_layer_size);
    read_member(r, "class_name_mapping", out.class_name_mapping);
    read_member(r, "dont_care_index", out.dont_care_index);
    read_member(r, "post_processing_function", out.post_processing_function);
    out.extra = r.extra({"task", "number_of_classes", "final_layer_size", "class_name_mapping", "dont_care_index",
                         "post_processing_function"});
}

/// True for a member name with the `dlm:` prefix.
[[nodiscard]] inline bool is_dlm_field(std::string_view name) noexcept {
    return name.substr(0, field_prefix.size()) == field_prefix;
}

/// The five fields `model` models.
inline constexpr std::string_view model_fields[] = {"dlm:data", "dlm:inputs", "dlm:architecture", "dlm:runtime",
                                                    "dlm:outputs"};

/// Reads the `dlm:` members of `r` (an Item's `properties` or a Collection); other members are ignored.
inline void read(const reader& r, model& out) {
    r.require_object();
    read_member(r, "dlm:data", out.data);
    read_member(r, "dlm:inputs", out.inputs);
    read_member(r, "dlm:architecture", out.architecture);
    read_member(r, "dlm:runtime", out.runtime);
    read_member(r, "dlm:outputs", out.outputs);
    out.extra = nlohmann::json::object();
    for (const auto& [key, value] : r.value().get_ref<const nlohmann::json::object_t&>()) {
        bool modelled = false;
        for (const std::string_view field : model_fields) modelled = modelled || key == field;
        if (is_dlm_field(key) && !modelled) out.extra.get_ref<nlohmann::json::object_t&>().emplace(key, value);
    }
}

/// Reads a whole value of type T with pointers relative to it; the body of every public `from_json`.
template <class T>
void read_root(const nlohmann::json& j, T& out) {
    read(reader(j, ""), out);
}

// ---- writing ---------------------------------------------------------------------------------
// `at` is the pointer of the value written, used only in the messages of the errors writing can raise.

inline nlohmann::json write(const std::string& value, const std::string&) { return value; }
inline nlohmann::json write(std::int64_t value, const std::string&) { return value; }
inline nlohmann::json write(bool value, const std::string&) { return value; }
inline nlohmann::json write(double value, const std::string& at) {
    if (!std::isfinite(value)) {
        throw error(at, std::string("cannot write ") + (std::isnan(value) ? "NaN" : "an infinite number") +
                            ": JSON has no such number");
    }
    return value;
}
/// A number in its form: an integer when it was read as one and is still integral (and fits), else a float.
inline nlohmann::json write(number value, const std::string& at) {
    if (value.integer_form && std::trunc(value.value) == value.value && value.value >= -9223372036854775808.0 &&
        value.value < 9223372036854775808.0) {
        return static_cast<std::int64_t>(value.value);
    }
    return write(value.value, at);
}
inline nlohmann::json write(task value, const std::string& at);
inline nlohmann::json write(process_level value, const std::string& at);
inline nlohmann::json write(data_type value, const std::string& at);
inline nlohmann::json write(const nodata_value& value, const std::string& at);
inline nlohmann::json write(const model_band& value, const std::string& at);
inline nlohmann::json write(const data& value, const std::string& at);
inline nlohmann::json write(const tensor& value, const std::string& at);
inline nlohmann::json write(const inputs& value, const std::string& at);
inline nlohmann::json write(const architecture& value, const std::string& at);
inline nlohmann::json write(const docker& value, const std::string& at);
inline nlohmann::json write(const runtime& value, const std::string& at);
inline nlohmann::json write(const class_name_mapping& value, const std::string& at);
inline nlohmann::json write(const outputs& value, const std::string& at);
inline nlohmann::json write(const model& value, const std::string& at);

/// Writes each element of `values` into a JSON array.
template <class T>
nlohmann::json write(const std::vector<T>& values, const std::string& at) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < values.size(); ++i) {
        std::string child = at;
        append(child, i);
        out.push_back(write(values[i], child));
    }
    return out;
}

/// Writes a one-or-many field in its form: a bare object only when it holds exactly one and was not an array.
template <class T, bool A>
nlohmann::json write(const one_or_many<T, A>& value, const std::string& at) {
    if (!value.as_array && value.items.size() == 1) return write(value.items.front(), at);
    return write(value.items, at);
}

/// Sets `object[key]` to `value` written.
template <class T>
void write_member(nlohmann::json& object, const std::string& at, std::string_view key, const T& value) {
    std::string child = at;
    append(child, key);
    object[std::string(key)] = write(value, child);
}

/// Sets `object[key]` when the optional member is present.
template <class T>
void write_member(nlohmann::json& object, const std::string& at, std::string_view key,
                  const std::optional<T>& value) {
    if (value) write_member(object, at, key, *value);
}

/// The object a struct is written into: a copy of its `extra` members (null counts as none).
[[nodiscard]] inline nlohmann::json start_object(const nlohmann::json& extra, const std::string& at) {
    if (extra.is_null()) return nlohmann::json::object();
    if (!extra.is_object()) {
        throw error(at, "cannot write `extra`: expected an object, found " + describe_type(extra));
    }
    return extra;
}

inline nlohmann::json write(task value, const std::string& at) {
    const std::string_view text = to_string(value);
    if (text.empty()) throw error(at, "cannot write a task outside the enumeration");
    return std::string(text);
}
inline nlohmann::json write(process_level value, const std::string& at) {
    const std::string_view text = to_string(value);
    if (text.empty()) throw error(at, "cannot write a process level outside the enumeration");
    return std::string(text);
}
inline nlohmann::json write(data_type value, const std::string& at) {
    const std::string_view text = to_string(value);
    if (text.empty()) throw error(at, "cannot write a data type outside the enumeration");
    return std::string(text);
}

inline nlohmann::json write(const nodata_value& value, const std::string& at) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return *i;
    if (const auto* u = std::get_if<std::uint64_t>(&value)) return *u;
    if (const auto* d = std::get_if<double>(&value)) return write(*d, at);
    return std::get<std::string>(value);  // never throws: the other three alternatives were handled
}

inline nlohmann::json write(const model_band& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "index", value.index);
    write_member(out, at, "name", value.name);
    return out;
}

inline nlohmann::json write(const data& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "process_level", value.process_level);
    write_member(out, at, "data_type", value.data_type);
    write_member(out, at, "nodata", value.nodata);
    write_member(out, at, "number_of_bands", value.number_of_bands);
    write_member(out, at, "useful_bands", value.useful_bands);
    return out;
}

inline nlohmann::json write(const tensor& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "batch", value.batch);
    write_member(out, at, "dim", value.dim);
    write_member(out, at, "height", value.height);
    write_member(out, at, "width", value.width);
    return out;
}

inline nlohmann::json write(const inputs& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "name", value.name);
    write_member(out, at, "input_tensors", value.input_tensors);
    write_member(out, at, "scaling_factor", value.scaling_factor);
    write_member(out, at, "normalization:mean", value.normalization_mean);
    write_member(out, at, "normalization:std", value.normalization_std);
    write_member(out, at,
                 value.selected_bands_spelling == selected_bands_key::selected_band ? "selected_band"
                                                                                    : "selected_bands",
                 value.selected_bands);
    write_member(out, at, "pre_processing_function", value.pre_processing_function);
    return out;
}

inline nlohmann::json write(const architecture& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "total_nb_parameters", value.total_nb_parameters);
    write_member(out, at, "estimated_total_size_mb", value.estimated_total_size_mb);
    write_member(out, at, "type", value.type);
    write_member(out, at, "summary", value.summary);
    write_member(out, at, "pretrained", value.pretrained);
    return out;
}

inline nlohmann::json write(const docker& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "docker_file", value.docker_file);
    write_member(out, at, "image_name", value.image_name);
    write_member(out, at, "tag", value.tag);
    write_member(out, at, "working_dir", value.working_dir);
    write_member(out, at, "run", value.run);
    write_member(out, at, "gpu", value.gpu);
    return out;
}

inline nlohmann::json write(const runtime& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "framework", value.framework);
    write_member(out, at, "version", value.version);
    write_member(out, at, "model_handler", value.model_handler);
    write_member(out, at, "model_src_url", value.model_src_url);
    write_member(out, at, "model_commit_hash", value.model_commit_hash);
    write_member(out, at, "requirement_file", value.requirement_file);
    write_member(out, at, "docker", value.docker);
    return out;
}

/// The key an entry is written under in the object forms: its original text while that still denotes
/// its index, else the plain decimal index.
[[nodiscard]] inline std::string entry_key(const class_name_entry& entry) {
    if (!entry.key.empty() && parse_index_key(entry.key) == entry.index) return entry.key;
    return std::to_string(entry.index);
}

inline nlohmann::json write(const class_name_mapping& value, const std::string& at) {
    switch (value.form) {
        case class_name_mapping_form::object: {
            nlohmann::json out = nlohmann::json::object();
            for (const auto& entry : value.entries) out[entry_key(entry)] = entry.class_name;
            return out;
        }
        case class_name_mapping_form::legacy_list: {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& entry : value.entries) {
                nlohmann::json single = nlohmann::json::object();
                single[entry_key(entry)] = entry.class_name;
                out.push_back(std::move(single));
            }
            return out;
        }
        case class_name_mapping_form::records: break;
    }
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < value.entries.size(); ++i) {
        std::string child = at;
        append(child, i);
        const auto& entry = value.entries[i];
        nlohmann::json record = start_object(entry.extra, child);
        write_member(record, child, "index", entry.index);
        write_member(record, child, "class_name", entry.class_name);
        out.push_back(std::move(record));
    }
    return out;
}

inline nlohmann::json write(const outputs& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    write_member(out, at, "task", value.task);
    write_member(out, at, "number_of_classes", value.number_of_classes);
    write_member(out, at, "final_layer_size", value.final_layer_size);
    write_member(out, at, "class_name_mapping", value.class_name_mapping);
    write_member(out, at, "dont_care_index", value.dont_care_index);
    write_member(out, at, "post_processing_function", value.post_processing_function);
    return out;
}

/// Writes the model's `dlm:` members into a new object (what goes into an Item's `properties` or a
/// Collection); `model::extra` may only hold `dlm:` members.
inline nlohmann::json write(const model& value, const std::string& at) {
    nlohmann::json out = start_object(value.extra, at);
    for (const auto& [key, member] : out.items()) {
        static_cast<void>(member);
        if (!is_dlm_field(key)) {
            throw error(at, "cannot write model::extra: it may hold only \"dlm:\" members, found " + quote(key));
        }
    }
    write_member(out, at, "dlm:data", value.data);
    write_member(out, at, "dlm:inputs", value.inputs);
    write_member(out, at, "dlm:architecture", value.architecture);
    write_member(out, at, "dlm:runtime", value.runtime);
    write_member(out, at, "dlm:outputs", value.outputs);
    return out;
}

}  // namespace dlm::detail

namespace dlm {

// ADL hooks for nlohmann::json (`j.get<dlm::inputs>()`, `nlohmann::json j = inputs;`). Each `from_json`
// reads the JSON form of the named spec object and throws `dlm::error` with a pointer relative to `j`;
// each `to_json` writes it back in the form it was read in.

/// A "number" field, remembering whether it was written as an integer.
inline void from_json(const nlohmann::json& j, number& out) { detail::read_root(j, out); }
/// A "number" field, in the form it was read in.
inline void to_json(nlohmann::json& j, number value) { j = detail::write(value, ""); }
/// `dlm:outputs.task` from its spelling (e.g. "object detection").
inline void from_json(const nlohmann::json& j, task& out) { detail::read_root(j, out); }
/// `dlm:outputs.task` to its spelling.
inline void to_json(nlohmann::json& j, task value) { j = detail::write(value, ""); }
/// `dlm:data.process_level` from its spelling (e.g. "L2").
inline void from_json(const nlohmann::json& j, process_level& out) { detail::read_root(j, out); }
/// `dlm:data.process_level` to its spelling.
inline void to_json(nlohmann::json& j, process_level value) { j = detail::write(value, ""); }
/// `dlm:data.data_type` from its spelling (raster or numpy name).
inline void from_json(const nlohmann::json& j, data_type& out) { detail::read_root(j, out); }
/// `dlm:data.data_type` to its spelling.
inline void to_json(nlohmann::json& j, data_type value) { j = detail::write(value, ""); }

/// Model Band Object (`dlm:data.useful_bands[]`).
inline void from_json(const nlohmann::json& j, model_band& out) { detail::read_root(j, out); }
/// Model Band Object.
inline void to_json(nlohmann::json& j, const model_band& value) { j = detail::write(value, ""); }
/// Data Object (`dlm:data`).
inline void from_json(const nlohmann::json& j, data& out) { detail::read_root(j, out); }
/// Data Object.
inline void to_json(nlohmann::json& j, const data& value) { j = detail::write(value, ""); }
/// Tensor Object (`dlm:inputs.input_tensors`).
inline void from_json(const nlohmann::json& j, tensor& out) { detail::read_root(j, out); }
/// Tensor Object.
inline void to_json(nlohmann::json& j, const tensor& value) { j = detail::write(value, ""); }
/// Inputs Object (`dlm:inputs`); accepts `selected_band` for `selected_bands`.
inline void from_json(const nlohmann::json& j, inputs& out) { detail::read_root(j, out); }
/// Inputs Object, with the band-selection key it was read with.
inline void to_json(nlohmann::json& j, const inputs& value) { j = detail::write(value, ""); }
/// Architecture Object (`dlm:architecture`).
inline void from_json(const nlohmann::json& j, architecture& out) { detail::read_root(j, out); }
/// Architecture Object.
inline void to_json(nlohmann::json& j, const architecture& value) { j = detail::write(value, ""); }
/// Docker Object (`dlm:runtime.docker`).
inline void from_json(const nlohmann::json& j, docker& out) { detail::read_root(j, out); }
/// Docker Object.
inline void to_json(nlohmann::json& j, const docker& value) { j = detail::write(value, ""); }
/// Runtime Object (`dlm:runtime`); `docker` as one object or an array.
inline void from_json(const nlohmann::json& j, runtime& out) { detail::read_root(j, out); }
/// Runtime Object, `docker` in the form it was read in.
inline void to_json(nlohmann::json& j, const runtime& value) { j = detail::write(value, ""); }
/// `dlm:outputs.class_name_mapping` in any of its three forms.
inline void from_json(const nlohmann::json& j, class_name_mapping& out) { detail::read_root(j, out); }
/// `dlm:outputs.class_name_mapping` in its form.
inline void to_json(nlohmann::json& j, const class_name_mapping& value) { j = detail::write(value, ""); }
/// Outputs Object (`dlm:outputs`).
inline void from_json(const nlohmann::json& j, outputs& out) { detail::read_root(j, out); }
/// Outputs Object.
inline void to_json(nlohmann::json& j, const outputs& value) { j = detail::write(value, ""); }
/// The `dlm:` members of an object (an Item's `properties` or a Collection); other members are ignored.
inline void from_json(const nlohmann::json& j, model& out) { detail::read_root(j, out); }
/// The `dlm:` members only, as one object.
inline void to_json(nlohmann::json& j, const model& value) { j = detail::write(value, ""); }

}  // namespace dlm

#endif  // DLM_JSON_HPP
