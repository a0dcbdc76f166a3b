#ifndef DLM_DETAIL_MODEL_TO_JSON_HPP
#define DLM_DETAIL_MODEL_TO_JSON_HPP

// Writing the typed model to nlohmann::json: one `write` overload per type, in the form each value was read in.

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
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/model.hpp>
#include <dlm/version.hpp>

#include <dlm/detail/model/from_json.hpp>

namespace dlm::detail {

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
    if (!entry.key.empty() && parse_decimal_index(entry.key) == entry.index) return entry.key;
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
        if (!has_field_prefix(key)) {
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

#endif  // DLM_DETAIL_MODEL_TO_JSON_HPP
