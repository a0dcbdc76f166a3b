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


#include <dlm/detail/model/from_json.hpp>
#include <dlm/detail/model/to_json.hpp>
#include <dlm/enums.hpp>
#include <dlm/model.hpp>

#include <nlohmann/json.hpp>


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
