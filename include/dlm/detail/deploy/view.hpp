#ifndef DLM_DETAIL_DEPLOY_VIEW_HPP
#define DLM_DETAIL_DEPLOY_VIEW_HPP

// Building the deployment view (dlm/deployment.hpp) from the typed model and the document around it.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/deployment.hpp>
#include <dlm/detail/deploy/bands.hpp>
#include <dlm/detail/deploy/values.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/model.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>
#include <dlm/stac.hpp>

namespace dlm::detail::deploy {

/// `base` extended by the member `key`.
[[nodiscard]] inline std::string at(std::string base, std::string_view key) {
    append(base, key);
    return base;
}

/// `base` extended by the element `index`.
[[nodiscard]] inline std::string at(std::string base, std::size_t index) {
    append(base, index);
    return base;
}

/// The pointer of element `i` of a one-or-many field written at `base`.
template <class T, bool A>
[[nodiscard]] std::string element_at(const std::string& base, const one_or_many<T, A>& list, std::size_t i) {
    return list.as_array || list.size() != 1 ? at(base, i) : base;
}

/// Names each channel from useful_bands, then eo:bands, then STAC 1.1 bands; reports unnamed bands and conflicts.
inline void name_channels(const nlohmann::json& document, const model& m, deployment& view) {
    const std::string data_pointer = at(view.fields_pointer, "dlm:data");
    // Band arrays name data bands by position only when they describe all `number_of_bands` of them.
    std::vector<band_array> usable;
    std::string skipped;  // for messages: the first few arrays not used
    std::size_t skipped_count = 0;
    for (const std::string_view key : {eo_bands_key, bands_key}) {
        for (auto& array : find_band_arrays(document, view.fields_pointer, key)) {
            if (static_cast<std::int64_t>(array.array->size()) == m.data.number_of_bands) {
                usable.push_back(std::move(array));
            } else if (++skipped_count <= 3) {
                skipped += (skipped.empty() ? "" : ", ") + sanitize(array.pointer, 200) + " (" +
                           std::to_string(array.array->size()) + " bands)";
            } else if (skipped_count == 4) {
                skipped += ", ...";
            }
        }
    }
    for (std::size_t i = 0; i < view.channels.size(); ++i) {
        channel& c = view.channels[i];
        if (m.data.useful_bands) {
            const auto& bands = *m.data.useful_bands;
            for (std::size_t j = 0; j < bands.size(); ++j) {
                if (bands[j].index != c.band_index || !bands[j].name) continue;
                c.name = bands[j].name;
                c.source = band_source::useful_bands;
                c.source_pointer = at(at(data_pointer, "useful_bands"), j);
                break;
            }
        }
        if (c.band_index >= 0) {
            const auto k = static_cast<std::size_t>(c.band_index);
            // Every name and common name the band has had so far: a later source conflicts only when it gives a
            // name that none of them is (useful_bands "red" and eo:bands {"B04", common "red"} agree).
            std::vector<std::string> known;
            if (c.name) known.push_back(*c.name);
            const auto is_known = [&](const std::optional<std::string>& text) {
                return text && std::find(known.begin(), known.end(), *text) != known.end();
            };
            for (const auto& array : usable) {
                if (k >= array.array->size()) continue;
                const nlohmann::json& band = (*array.array)[k];
                const std::string pointer = at(array.pointer, k);
                const auto name = band_name(band);
                const auto common = band_common_name(band);
                if (name && !c.name) {
                    c.name = name;
                    c.source = array.key == eo_bands_key ? band_source::eo_bands : band_source::bands;
                    c.source_pointer = pointer;
                } else if (name && !is_known(name) && !is_known(common)) {
                    view.findings.warning(rules::deploy_band_conflict, pointer,
                                          "band " + std::to_string(k) + " is named " + quote(*name) + " here and " +
                                              quote(*c.name) + " at " + sanitize(c.source_pointer, 200));
                }
                if (common && !c.common_name) {
                    c.common_name = common;
                } else if (common && *common != *c.common_name && !is_known(common)) {
                    view.findings.warning(rules::deploy_band_conflict, pointer,
                                          "band " + std::to_string(k) + " has the common name " + quote(*common) +
                                              " here and " + quote(*c.common_name) + " in an earlier band array");
                }
                if (name) known.push_back(*name);
                if (common) known.push_back(*common);
            }
        }
        if (!c.name && !c.common_name) {
            std::string message = "band " + std::to_string(c.band_index) +
                                  " has no name in useful_bands, eo:bands or bands";
            if (!skipped.empty()) {
                message += " (band arrays that do not list all " + std::to_string(m.data.number_of_bands) +
                           " bands are not used: " + skipped + ")";
            }
            view.findings.warning(rules::deploy_band_unnamed, c.pointer, message);
        }
    }
}

/// Folds scaling_factor, mean and std into one affine per channel; reports what is missing or unusable.
inline void fold_affines(const model& m, deployment& view, const std::string& inputs_pointer) {
    const double s = m.inputs.scaling_factor;
    const bool scale_ok = std::isfinite(s) && s > 0.0;
    if (!scale_ok) {
        view.findings.error(rules::deploy_normalization_undefined, at(inputs_pointer, "scaling_factor"),
                            "scaling_factor " + number_text(s) + " is not a finite number > 0: no channel can be scaled");
    }
    const auto& means = m.inputs.normalization_mean;
    const auto& stds = m.inputs.normalization_std;
    for (std::size_t i = 0; i < view.channels.size(); ++i) {
        channel& c = view.channels[i];
        c.scaling_factor = s;
        if (i < means.size()) c.mean = means[i].value;
        if (i < stds.size()) c.std = stds[i].value;
        bool ok = scale_ok;
        if (!c.mean) {
            view.findings.error(rules::deploy_normalization_undefined, at(inputs_pointer, "normalization:mean"),
                                "no mean for channel " + std::to_string(i) + " (the array has " +
                                    std::to_string(means.size()) + " entries for " +
                                    std::to_string(view.channels.size()) + " selected bands)");
            ok = false;
        } else if (!std::isfinite(*c.mean)) {
            ok = false;
        }
        if (!c.std) {
            view.findings.error(rules::deploy_normalization_undefined, at(inputs_pointer, "normalization:std"),
                                "no std for channel " + std::to_string(i) + " (the array has " +
                                    std::to_string(stds.size()) + " entries for " +
                                    std::to_string(view.channels.size()) + " selected bands)");
            ok = false;
        } else if (!(std::isfinite(*c.std) && *c.std > 0.0)) {
            view.findings.error(rules::deploy_normalization_undefined, at(at(inputs_pointer, "normalization:std"), i),
                                "std " + number_text(*c.std) + " is not a finite number > 0: channel " +
                                    std::to_string(i) + " cannot be normalized");
            ok = false;
        }
        if (!ok) continue;
        c.affine = dlm::affine::fold(s, *c.mean, *c.std);
        if (!c.affine) {
            view.findings.error(rules::deploy_normalization_undefined, at(at(inputs_pointer, "normalization:std"), i),
                                "scaling_factor / std or mean / std of channel " + std::to_string(i) +
                                    " is too large for a double");
        }
    }
}

/// The most classes the view lists.
inline constexpr std::int64_t max_classes = 1000000;

/// The dense class list, `dont_care_index` marked; reports unnamed, misplaced and duplicate classes.
inline void build_classes(const model& m, deployment& view, const std::string& outputs_pointer) {
    const auto& out = m.outputs;
    const std::string mapping_pointer = at(outputs_pointer, "class_name_mapping");
    std::int64_t count = 0;
    if (out.number_of_classes) {
        count = std::max<std::int64_t>(0, *out.number_of_classes);
    } else if (out.task != task::regression) {
        std::int64_t highest = -1;
        if (out.class_name_mapping) {
            for (const auto& e : out.class_name_mapping->entries) highest = std::max(highest, e.index);
        }
        count = highest + 1;
        view.findings.warning(rules::deploy_classes_count_unknown, outputs_pointer,
                              "number_of_classes is not given for the task " + quote(to_string(*out.task)) +
                                  "; the class list holds the " + std::to_string(count) +
                                  " indices class_name_mapping names");
    }
    if (count > max_classes) {  // a bound on memory: no real model has more classes
        view.findings.error(rules::deploy_classes_invalid, at(outputs_pointer, "number_of_classes"),
                            std::to_string(count) + " classes: only the first " + std::to_string(max_classes) +
                                " are listed");
        count = max_classes;
    }
    view.classes.assign(static_cast<std::size_t>(count), class_label{});
    if (out.class_name_mapping) {
        const auto& mapping = *out.class_name_mapping;
        for (std::size_t i = 0; i < mapping.entries.size(); ++i) {
            const auto& e = mapping.entries[i];
            const std::string pointer =
                mapping.form == class_name_mapping_form::object
                    ? at(mapping_pointer, e.key.empty() ? std::to_string(e.index) : e.key)
                    : at(mapping_pointer, i);
            if (e.index < 0 || e.index >= count) {
                view.findings.error(rules::deploy_classes_invalid, pointer,
                                    "class index " + std::to_string(e.index) + " is outside [0, " +
                                        std::to_string(count) + "): ignored");
                continue;
            }
            auto& label = view.classes[static_cast<std::size_t>(e.index)];
            if (label.name) {
                view.findings.error(rules::deploy_classes_invalid, pointer,
                                    "class index " + std::to_string(e.index) + " is named twice (" +
                                        quote(*label.name) + " and " + quote(e.class_name) + "); the first is kept");
                continue;
            }
            label.name = e.class_name;
        }
    }
    if (out.dont_care_index) {
        if (*out.dont_care_index >= 0 && *out.dont_care_index < count) {
            view.dont_care_index = static_cast<std::size_t>(*out.dont_care_index);
            view.classes[*view.dont_care_index].dont_care = true;
        } else {
            view.findings.error(rules::deploy_classes_invalid, at(outputs_pointer, "dont_care_index"),
                                "dont_care_index " + std::to_string(*out.dont_care_index) + " is outside [0, " +
                                    std::to_string(count) + "): no class is marked");
        }
    }
    std::string unnamed;
    std::size_t unnamed_count = 0;
    for (std::size_t i = 0; i < view.classes.size(); ++i) {
        if (view.classes[i].name || view.classes[i].dont_care) continue;
        if (++unnamed_count <= 20) unnamed += (unnamed.empty() ? "" : ", ") + std::to_string(i);
    }
    if (unnamed_count != 0) {
        if (unnamed_count > 20) unnamed += ", ...";
        view.findings.warning(rules::deploy_classes_unnamed,
                              out.class_name_mapping ? mapping_pointer : outputs_pointer,
                              std::to_string(unnamed_count) + (unnamed_count == 1 ? " class has" : " classes have") +
                                  " no name: " + unnamed);
    }
}

/// True when a docker image name carries its own tag or digest ("repo:1.0", "repo@sha256:..."); a ':' before the
/// last '/' is a registry port.
[[nodiscard]] inline bool has_own_tag(std::string_view image) {
    if (image.find('@') != std::string_view::npos) return true;
    const auto slash = image.rfind('/');
    const auto last = slash == std::string_view::npos ? image : image.substr(slash + 1);
    return last.find(':') != std::string_view::npos;
}

/// One docker option per Docker Object; reports what a service cannot pull or build unambiguously.
inline void build_docker(const model& m, deployment& view, const std::string& runtime_pointer) {
    if (!m.runtime.docker || m.runtime.docker->empty()) {
        view.findings.warning(rules::deploy_docker_none, runtime_pointer,
                              "no docker option: the service must provide its own runtime for " +
                                  quote(m.runtime.framework) + " " + quote(m.runtime.version));
        return;
    }
    const auto& list = *m.runtime.docker;
    const std::string base = at(runtime_pointer, "docker");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const docker& d = list[i];
        docker_option option;
        option.pointer = element_at(base, list, i);
        option.docker_file = d.docker_file;
        option.gpu = d.gpu;
        option.working_dir = d.working_dir;
        option.run = d.run;
        if (d.image_name) {
            const bool own = has_own_tag(*d.image_name);
            if (d.tag && own) {
                view.findings.error(rules::deploy_docker_tag_conflict, at(option.pointer, "tag"),
                                    "image_name " + quote(*d.image_name) + " has a tag of its own and tag is " +
                                        quote(*d.tag) + ": the image reference is ambiguous");
                option.image = *d.image_name;
            } else if (d.tag) {
                option.image = *d.image_name + ":" + *d.tag;
            } else {
                option.image = *d.image_name;
                if (!own) {
                    view.findings.warning(rules::deploy_docker_untagged, at(option.pointer, "image_name"),
                                          "image " + quote(*d.image_name) +
                                              " has no tag: docker would pull whatever `latest` is at the time");
                }
            }
        } else if (d.tag) {
            view.findings.warning(rules::deploy_docker_tag_conflict, at(option.pointer, "tag"),
                                  "tag " + quote(*d.tag) + " without image_name tags nothing");
        }
        if (!d.image_name && !d.docker_file) {
            view.findings.error(rules::deploy_docker_no_image, option.pointer,
                                "neither image_name nor docker_file: nothing to pull or build");
        }
        view.docker.push_back(std::move(option));
    }
}

inline void build_tensors(const model& m, deployment& view, const std::string& inputs_pointer) {
    const std::string base = at(inputs_pointer, "input_tensors");
    const auto& list = m.inputs.input_tensors;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const tensor& t = list[i];
        tensor_shape shape{t.batch, t.dim, t.height, t.width, element_at(base, list, i)};
        std::string missing;
        const auto note = [&](const std::optional<std::int64_t>& v, const char* name) {
            if (!v) missing += (missing.empty() ? "" : ", ") + std::string(name);
        };
        note(t.batch, "batch");
        note(t.dim, "dim");
        note(t.height, "height");
        note(t.width, "width");
        if (!missing.empty()) {
            view.findings.warning(rules::deploy_tensor_dimension_unknown, shape.pointer,
                                  "the input tensor does not state " + missing + ": the service must choose");
        }
        if (t.dim && *t.dim != static_cast<std::int64_t>(view.channels.size())) {
            view.findings.error(rules::deploy_tensor_channels_mismatch, at(shape.pointer, "dim"),
                                "dim is " + std::to_string(*t.dim) + " but " + std::to_string(view.channels.size()) +
                                    " bands are selected");
        }
        view.tensors.push_back(std::move(shape));
    }
}

inline void build_data(const model& m, deployment& view, const std::string& data_pointer) {
    view.number_of_bands = m.data.number_of_bands;
    view.process_level = *m.data.process_level;
    view.data_type = *m.data.data_type;
    view.source_data_type = raster_type(*m.data.data_type);
    const std::string type_pointer = at(data_pointer, "data_type");
    if (!view.source_data_type) {
        view.findings.error(rules::deploy_data_type_unsupported, type_pointer,
                            "data_type " + quote(to_string(*m.data.data_type)) +
                                " names no fixed pixel layout a service can read");
    } else if (*m.data.data_type == data_type::int_ || *m.data.data_type == data_type::uint) {
        view.findings.warning(rules::deploy_data_type_platform_dependent, type_pointer,
                              "data_type " + quote(to_string(*m.data.data_type)) +
                                  " is as wide as a C long on the machine that wrote it; read as " +
                                  std::string(to_string(*view.source_data_type)) + " (prefer the raster name)");
    }
    if (!m.data.nodata) return;
    const std::string nodata_pointer = at(data_pointer, "nodata");
    view.nodata = nodata_number(*m.data.nodata, nodata_pointer, view.findings);
    if (view.nodata && view.source_data_type && range_of(*view.source_data_type) &&
        !representable(*view.nodata, *view.source_data_type)) {
        view.findings.error(rules::deploy_nodata_out_of_range, nodata_pointer,
                            "nodata " + number_text(*view.nodata) + " cannot occur in " +
                                std::string(to_string(*view.source_data_type)) + " data");
    }
}

}  // namespace dlm::detail::deploy

namespace dlm {

inline deployment read_deployment(const nlohmann::json& document) {
    using namespace detail::deploy;
    const model m = read_model(document);  // throws dlm::error with a pointer; sets every required member
    deployment view;
    view.fields_pointer = detail::dlm_fields_pointer(document);
    view.type = view.fields_pointer.empty() ? "Collection" : "Feature";
    if (const auto id = string_member(document, "id")) view.id = *id;

    const std::string data_pointer = at(view.fields_pointer, "dlm:data");
    const std::string inputs_pointer = at(view.fields_pointer, "dlm:inputs");
    const std::string runtime_pointer = at(view.fields_pointer, "dlm:runtime");
    const std::string outputs_pointer = at(view.fields_pointer, "dlm:outputs");
    const std::string selected_pointer =
        at(inputs_pointer, m.inputs.selected_bands_spelling == selected_bands_key::selected_band ? "selected_band"
                                                                                                 : "selected_bands");

    build_data(m, view, data_pointer);
    view.input_name = m.inputs.name;
    for (const std::int64_t index : m.inputs.selected_bands) {
        channel c;
        c.band_index = index;
        c.pointer = at(selected_pointer, view.channels.size());
        view.channels.push_back(std::move(c));
    }
    build_tensors(m, view, inputs_pointer);
    name_channels(document, m, view);
    fold_affines(m, view, inputs_pointer);

    view.task = *m.outputs.task;
    view.final_layer_size = m.outputs.final_layer_size;
    build_classes(m, view, outputs_pointer);

    view.framework = m.runtime.framework;
    view.framework_version = m.runtime.version;
    view.model_handler = m.runtime.model_handler;
    view.model_src_url = m.runtime.model_src_url;
    view.model_commit_hash = m.runtime.model_commit_hash;
    view.pre_processing_function = m.inputs.pre_processing_function;
    view.post_processing_function = m.outputs.post_processing_function;
    build_docker(m, view, runtime_pointer);
    return view;
}

namespace detail::deploy {

template <class T>
[[nodiscard]] nlohmann::json optional_json(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json();
}

[[nodiscard]] inline nlohmann::json findings_json(const std::vector<finding>& list) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : list) out.push_back({{"rule", f.rule}, {"pointer", f.pointer}, {"message", f.message}});
    return out;
}

}  // namespace detail::deploy

inline void to_json(nlohmann::json& j, const deployment& view) {
    using namespace detail::deploy;
    nlohmann::json tensors = nlohmann::json::array();
    for (const auto& t : view.tensors) {
        tensors.push_back({{"batch", optional_json(t.batch)},
                           {"channels", optional_json(t.channels)},
                           {"height", optional_json(t.height)},
                           {"width", optional_json(t.width)},
                           {"pointer", t.pointer}});
    }
    nlohmann::json channels = nlohmann::json::array();
    for (const auto& c : view.channels) {
        nlohmann::json affine_json;
        if (c.affine) affine_json = {{"a", number_json(c.affine->a)}, {"b", number_json(c.affine->b)}};
        channels.push_back({{"band_index", c.band_index},
                            {"pointer", c.pointer},
                            {"name", optional_json(c.name)},
                            {"common_name", optional_json(c.common_name)},
                            {"source", std::string(to_string(c.source))},
                            {"source_pointer", c.source_pointer},
                            {"scaling_factor", c.scaling_factor ? number_json(*c.scaling_factor) : nlohmann::json()},
                            {"mean", c.mean ? number_json(*c.mean) : nlohmann::json()},
                            {"std", c.std ? number_json(*c.std) : nlohmann::json()},
                            {"affine", std::move(affine_json)}});
    }
    nlohmann::json classes = nlohmann::json::array();
    for (std::size_t i = 0; i < view.classes.size(); ++i) {
        classes.push_back({{"index", i}, {"name", optional_json(view.classes[i].name)},
                           {"dont_care", view.classes[i].dont_care}});
    }
    nlohmann::json docker = nlohmann::json::array();
    for (const auto& d : view.docker) {
        docker.push_back({{"reference", d.reference()},
                          {"image", optional_json(d.image)},
                          {"docker_file", optional_json(d.docker_file)},
                          {"gpu", d.gpu},
                          {"working_dir", d.working_dir},
                          {"run", d.run},
                          {"pointer", d.pointer}});
    }
    j = nlohmann::json::object();
    j["type"] = view.type;
    j["id"] = view.id;
    j["input_name"] = view.input_name;
    j["tensors"] = std::move(tensors);
    j["channels"] = std::move(channels);
    j["number_of_bands"] = view.number_of_bands;
    j["nodata"] = view.nodata ? number_json(*view.nodata) : nlohmann::json();
    j["data_type"] = std::string(to_string(view.data_type));
    j["source_data_type"] =
        view.source_data_type ? nlohmann::json(std::string(to_string(*view.source_data_type))) : nlohmann::json();
    j["process_level"] = std::string(to_string(view.process_level));
    j["task"] = std::string(to_string(view.task));
    j["classes"] = std::move(classes);
    j["dont_care_index"] = optional_json(view.dont_care_index);
    j["final_layer_size"] = view.final_layer_size;
    j["framework"] = view.framework;
    j["framework_version"] = view.framework_version;
    j["model_handler"] = view.model_handler;
    j["model_src_url"] = view.model_src_url;
    j["model_commit_hash"] = optional_json(view.model_commit_hash);
    j["pre_processing_function"] = optional_json(view.pre_processing_function);
    j["post_processing_function"] = optional_json(view.post_processing_function);
    j["docker"] = std::move(docker);
    j["findings"] = {{"errors", findings_json(view.findings.errors)},
                     {"warnings", findings_json(view.findings.warnings)}};
}

}  // namespace dlm

#endif  // DLM_DETAIL_DEPLOY_VIEW_HPP
