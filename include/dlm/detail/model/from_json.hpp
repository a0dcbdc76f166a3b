#ifndef DLM_DETAIL_MODEL_FROM_JSON_HPP
#define DLM_DETAIL_MODEL_FROM_JSON_HPP

// Reading the typed model from nlohmann::json: one `read` overload per type, throwing dlm::error with a pointer.

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

#include <dlm/detail/model/reader.hpp>
#include <dlm/detail/json/numbers.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/model.hpp>
#include <dlm/version.hpp>


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

/// Reads the required member `key` into a member that stays unset until given (a required enumeration).
template <class T>
void read_required(const reader& object, std::string_view key, std::optional<T>& out) {
    T value{};
    read(object.at(key), value);
    out = value;
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
    read_required(r, "process_level", out.process_level);
    read_required(r, "data_type", out.data_type);
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
    if (const auto version = r.find("version"); version && version->value().is_number()) {
        version->fail("expected a string, found a number; a numeric version is a beta.2 form, which `dlm upgrade` "
                      "turns into a string of its JSON text");
    }
    read_member(r, "version", out.version);
    read_member(r, "model_handler", out.model_handler);
    read_member(r, "model_src_url", out.model_src_url);
    read_member(r, "model_commit_hash", out.model_commit_hash);
    read_member(r, "requirement_file", out.requirement_file);
    read_member(r, "docker", out.docker);
    out.extra = r.extra({"framework", "version", "model_handler", "model_src_url", "model_commit_hash",
                         "requirement_file", "docker"});
}

/// Reads one `"<index>": "<class name>"` member of a class_name_mapping object (`object` is the object).
inline class_name_entry read_keyed_entry(const reader& object, const std::string& key, const nlohmann::json& value) {
    const auto index = parse_decimal_index(key);
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
    read_required(r, "task", out.task);
    read_member(r, "number_of_classes", out.number_of_classes);
    read_member(r, "final_layer_size", out.final_layer_size);
    read_member(r, "class_name_mapping", out.class_name_mapping);
    read_member(r, "dont_care_index", out.dont_care_index);
    read_member(r, "post_processing_function", out.post_processing_function);
    out.extra = r.extra({"task", "number_of_classes", "final_layer_size", "class_name_mapping", "dont_care_index",
                         "post_processing_function"});
}

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
        for (const std::string_view field : field_names) modelled = modelled || key == field;
        if (has_field_prefix(key) && !modelled) out.extra.get_ref<nlohmann::json::object_t&>().emplace(key, value);
    }
}

/// Reads a whole value of type T with pointers relative to it; the body of every public `from_json`.
template <class T>
void read_root(const nlohmann::json& j, T& out) {
    read(reader(j, ""), out);
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_MODEL_FROM_JSON_HPP
