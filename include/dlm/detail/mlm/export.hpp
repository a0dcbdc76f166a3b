#ifndef DLM_DETAIL_MLM_EXPORT_HPP
#define DLM_DETAIL_MLM_EXPORT_HPP

// The machinery of dlm::export_mlm: the field map from dlm v1.0.0-beta.3 to mlm v1.5.2 as a list of RFC 6902
// operations on the input, and the report of everything that could not be carried over exactly.

#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/detail/model/from_json.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/mlm_options.hpp>
#include <dlm/model.hpp>
#include <dlm/patch.hpp>
#include <dlm/rules.hpp>
#include <dlm/stac.hpp>
#include <dlm/version.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm::detail::mlm {

inline constexpr std::string_view extension_identifier = "https://stac-extensions.github.io/mlm/v1.5.2/schema.json";
inline constexpr std::string_view classification_identifier =
    "https://stac-extensions.github.io/classification/v1.1.0/schema.json";
inline constexpr std::string_view processing_identifier =
    "https://stac-extensions.github.io/processing/v1.1.0/schema.json";

/// mlm's Task Enum (v1.5.2).
inline constexpr std::array<std::string_view, 14> task_names = {
    "regression",           "classification",        "scene-classification",  "detection",
    "object-detection",     "segmentation",          "semantic-segmentation", "instance-segmentation",
    "panoptic-segmentation", "similarity-search",    "generative",            "image-captioning",
    "super-resolution",     "downscaling"};

/// mlm's predefined framework names (v1.5.2), in mlm's casing.
inline constexpr std::array<std::string_view, 15> framework_names = {
    "PyTorch", "TensorFlow", "scikit-learn", "Hugging Face", "Keras", "ONNX",  "rgee", "spatialRF",
    "JAX",     "Flax",       "MXNet",        "Caffe",        "PyMC",  "Weka", "Paddle"};

/// The raster data type names mlm's `data_type` accepts.
inline constexpr std::array<std::string_view, 16> raster_data_types = {
    "int8",    "int16",   "int32",  "int64",  "uint8",  "uint16",   "uint32",   "uint64",
    "float16", "float32", "float64", "cint16", "cint32", "cfloat32", "cfloat64", "other"};

template <std::size_t N>
[[nodiscard]] inline bool contains(const std::array<std::string_view, N>& table, std::string_view value) noexcept {
    for (std::string_view entry : table) {
        if (entry == value) return true;
    }
    return false;
}

/// The mlm task for a dlm task; nullopt for `object segmentation`, which mlm has no value for.
[[nodiscard]] inline std::optional<std::string_view> task_name(dlm::task value) noexcept {
    switch (value) {
        case dlm::task::regression: return std::string_view("regression");
        case dlm::task::classification: return std::string_view("classification");
        case dlm::task::object_detection: return std::string_view("object-detection");
        case dlm::task::segmentation: return std::string_view("segmentation");
        case dlm::task::semantic_segmentation: return std::string_view("semantic-segmentation");
        case dlm::task::instance_segmentation: return std::string_view("instance-segmentation");
        case dlm::task::panoptic_segmentation: return std::string_view("panoptic-segmentation");
        case dlm::task::object_segmentation: return std::nullopt;
    }
    return std::nullopt;
}

/// The raster name of a dlm data type (numpy names mapped as the mapping says; raster names unchanged).
[[nodiscard]] inline std::string_view raster_name(dlm::data_type value) noexcept {
    switch (value) {
        case dlm::data_type::byte: return "int8";
        case dlm::data_type::ubyte: return "uint8";
        case dlm::data_type::short_: return "int16";
        case dlm::data_type::ushort: return "uint16";
        case dlm::data_type::intc: return "int32";
        case dlm::data_type::uintc: return "uint32";
        case dlm::data_type::int_:
        case dlm::data_type::longlong: return "int64";
        case dlm::data_type::uint:
        case dlm::data_type::ulonglong: return "uint64";
        case dlm::data_type::half: return "float16";
        case dlm::data_type::double_:
        case dlm::data_type::float_: return "float64";
        case dlm::data_type::float96:
        case dlm::data_type::float128:
        case dlm::data_type::longfloat: return "other";
        default: return to_string(value);
    }
}

/// True when `name` matches mlm's name pattern `^[a-zA-Z][a-zA-Z0-9_.\-\s]+[a-zA-Z0-9]$`.
[[nodiscard]] inline bool is_mlm_name(std::string_view name) noexcept {
    const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    const auto alnum = [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); };
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
    if (name.size() < 3 || !alpha(name.front()) || !alnum(name.back())) return false;
    for (std::size_t i = 1; i + 1 < name.size(); ++i) {
        const char c = name[i];
        if (!alnum(c) && c != '_' && c != '.' && c != '-' && !space(c)) return false;
    }
    return true;
}

/// True when `version` is a full semantic version (MAJOR.MINOR.PATCH, optional -pre-release and +build).
[[nodiscard]] inline bool is_semver(std::string_view version) noexcept {
    std::size_t i = 0;
    for (int part = 0; part < 3; ++part) {
        const std::size_t start = i;
        while (i < version.size() && version[i] >= '0' && version[i] <= '9') ++i;
        if (i == start || (i - start > 1 && version[start] == '0')) return false;
        if (part < 2) {
            if (i >= version.size() || version[i] != '.') return false;
            ++i;
        }
    }
    const auto identifiers = [&](std::size_t from) {  // dot-separated, non-empty, [0-9A-Za-z-]
        std::size_t j = from;
        bool empty = true;
        for (; j < version.size() && version[j] != '+'; ++j) {
            const char c = version[j];
            if (c == '.') {
                if (empty) return std::string_view::npos;
                empty = true;
            } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-') {
                empty = false;
            } else {
                return std::string_view::npos;
            }
        }
        return empty ? std::string_view::npos : j;
    };
    if (i < version.size() && version[i] == '-') {
        i = identifiers(i + 1);
        if (i == std::string_view::npos) return false;
    }
    if (i < version.size() && version[i] == '+') {
        const std::size_t end = identifiers(i + 1);
        return end == version.size();
    }
    return i == version.size();
}

/// mlm's spelling of a framework name when it is one of mlm's names up to case, spaces and hyphens; else `name`.
[[nodiscard]] inline std::string framework_name(const std::string& name) {
    const auto fold = [](std::string_view text) {
        std::string out;
        for (char c : text) {
            if (c == ' ' || c == '-' || c == '_') continue;
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
        return out;
    };
    const std::string key = fold(name);
    for (std::string_view known : framework_names) {
        if (fold(known) == key) return std::string(known);
    }
    return name;
}

/// The source-code href pinned at `commit` where the host's URL form allows it (GitHub, GitLab, Bitbucket
/// repository roots), or nullopt.
[[nodiscard]] inline std::optional<std::string> pinned_source(std::string url, const std::string& commit) {
    struct host {
        std::string_view prefix;
        std::string_view tree;
    };
    static constexpr host hosts[] = {{"https://github.com/", "/tree/"},
                                     {"https://gitlab.com/", "/-/tree/"},
                                     {"https://bitbucket.org/", "/src/"}};
    while (!url.empty() && url.back() == '/') url.pop_back();
    if (url.size() > 4 && url.compare(url.size() - 4, 4, ".git") == 0) url.resize(url.size() - 4);
    for (const host& h : hosts) {
        if (url.compare(0, h.prefix.size(), h.prefix) != 0) continue;
        const std::string_view path = std::string_view(url).substr(h.prefix.size());
        const std::size_t slash = path.find('/');
        // Only a repository root (owner/name, nothing after) can be pinned by appending the tree path.
        if (slash == std::string_view::npos || slash == 0 || slash + 1 == path.size() ||
            path.find_first_of("/?#", slash + 1) != std::string_view::npos) {
            return std::nullopt;
        }
        return url + std::string(h.tree) + commit;
    }
    return std::nullopt;
}

/// Builds the export's operations and notes for one Item or Collection at `base` in the input.
class exporter {
public:
    exporter(const nlohmann::json& document, std::string base, const mlm_options& options, patch& changes,
             std::vector<mlm_note>& notes)
        : doc_(document), base_(std::move(base)), options_(options), changes_(changes), notes_(notes) {}

    void run() {
        std::string where;
        try {
            where = dlm_fields_pointer(doc_);
            model_ = read_model(doc_);  // sets every required member: the optional enumerations below are set
        } catch (const error& e) {
            throw error(base_ + e.pointer(), e.reason());
        }
        is_item_ = !where.empty();
        fields_ = base_ + where;
        const nlohmann::json& fields = is_item_ ? doc_.at("properties") : doc_;
        model_fields_json_ = &fields;
        if (is_item_) {
            export_item(fields);
        } else {
            export_collection();
        }
        export_stac_extensions();
        if (options_.stac_version) export_stac_version();
        if (!options_.keep_dlm) remove_dlm_fields(fields);
    }

private:
    // ---- helpers -------------------------------------------------------------------------------------------------
    void note(const char* rule, mlm_outcome outcome, std::string pointer, std::string message) {
        notes_.push_back({rule, outcome, std::move(pointer), std::move(message)});
    }

    /// `add` of `value` at `key` in the object at `parent` (the pointer of that object in the input), or `replace`
    /// when the member is already there.
    void put(const nlohmann::json& parent, const std::string& parent_pointer, const std::string& key,
             nlohmann::json value, std::string reason) {
        std::string path = parent_pointer;
        append(path, key);
        const bool exists = parent.is_object() && parent.contains(key);
        changes_.push_back({exists ? patch_op::replace : patch_op::add, path, "", std::move(value), std::move(reason)});
    }

    void put_field(const std::string& key, nlohmann::json value, std::string reason) {
        put(*model_fields_json_, fields_, key, std::move(value), std::move(reason));
    }

    std::string dlm_pointer(std::string_view field, std::initializer_list<std::string_view> members = {}) const {
        std::string p = fields_;
        append(p, field);
        for (std::string_view m : members) append(p, m);
        return p;
    }

    /// Reports each member of `extra` (members the dlm types do not model) at `object_pointer`.
    void report_extra(const nlohmann::json& extra, const std::string& object_pointer) {
        if (!extra.is_object()) return;
        for (const auto& [key, value] : extra.items()) {
            std::string p = object_pointer;
            append(p, key);
            unmapped(p, "a member the dlm extension does not define; mlm has no field for it");
        }
    }

    /// Reports a dlm value with no mlm home: kept with `keep_dlm`, dropped otherwise.
    void unmapped(std::string pointer, const std::string& why) {
        if (options_.keep_dlm) {
            note(rules::mlm_unmapped, mlm_outcome::kept, std::move(pointer), why + "; kept in its dlm field");
        } else {
            note(rules::mlm_unmapped, mlm_outcome::dropped, std::move(pointer), why + "; dropped with the dlm fields");
        }
    }

    /// Reports a dlm value carried over to a place that is not an mlm field of its own.
    void moved(std::string pointer, const std::string& to) {
        note(rules::mlm_unmapped, mlm_outcome::moved, std::move(pointer),
             "carried over to " + to + (options_.keep_dlm ? " (the dlm field is kept too)" : ""));
    }

    [[nodiscard]] const nlohmann::json* member(const nlohmann::json& object, std::string_view key) const {
        if (!object.is_object()) return nullptr;
        const auto it = object.find(std::string(key));
        return it == object.end() ? nullptr : &*it;
    }

    // ---- shared by Items and Collections -------------------------------------------------------------------------
    [[nodiscard]] std::string architecture_name() {
        if (model_.architecture) return model_.architecture->type;
        note(rules::mlm_assumed, mlm_outcome::assumed, fields_ + "/mlm:architecture",
             "\"unknown\": the document has no dlm:architecture, and mlm's text names \"unknown\" for a model whose "
             "architecture is not known");
        return "unknown";
    }

    /// The mlm task, or nullopt when it is missing (reported).
    [[nodiscard]] std::optional<std::string> mlm_task(const std::string& at) {
        if (const auto mapped = task_name(*model_.outputs.task)) {
            if (options_.task && *options_.task != *mapped) {
                note(rules::mlm_assumed, mlm_outcome::assumed, at,
                     "the task option " + quote(*options_.task) + " is not used: dlm's " +
                         quote(to_string(*model_.outputs.task)) + " maps to " + quote(*mapped));
            }
            return std::string(*mapped);
        }
        if (options_.task) {
            note(rules::mlm_required, mlm_outcome::supplied, at,
                 "dlm's task " + quote(to_string(*model_.outputs.task)) + " has no mlm value; the task option gives " +
                     quote(*options_.task));
            return *options_.task;
        }
        note(rules::mlm_required, mlm_outcome::missing, at,
             "dlm's task " + quote(to_string(*model_.outputs.task)) +
                 " has no mlm value: choose one of mlm's tasks (e.g. \"semantic-segmentation\", "
                 "\"instance-segmentation\") with the task option");
        return std::nullopt;
    }

    // ---- Collections ----------------------------------------------------------------------------------------------
    void export_collection() {
        nlohmann::json summaries = nlohmann::json::object();
        const nlohmann::json* existing = member(doc_, "summaries");
        const std::string summaries_at = base_ + "/summaries";
        const std::string arch = architecture_name();
        std::vector<std::pair<std::string, nlohmann::json>> entries;
        entries.emplace_back("mlm:architecture", nlohmann::json::array({arch}));
        if (const auto t = mlm_task(summaries_at + "/mlm:tasks")) entries.emplace_back("mlm:tasks", nlohmann::json::array({*t}));
        entries.emplace_back("mlm:framework", nlohmann::json::array({framework_name(model_.runtime.framework)}));
        if (existing == nullptr || !existing->is_object()) {
            nlohmann::json all = nlohmann::json::object();
            for (auto& [k, v] : entries) all[k] = std::move(v);
            changes_.push_back({existing ? patch_op::replace : patch_op::add, summaries_at, "", std::move(all),
                                "mlm's Collection fields are summaries of its Items' mlm:architecture, mlm:tasks and "
                                "mlm:framework"});
        } else {
            for (auto& [k, v] : entries) {
                put(*existing, summaries_at, k, std::move(v), "summary of the Items' " + k + " (from the dlm fields)");
            }
        }
        // Everything else describes one model's inputs, outputs and runtime: mlm keeps those in Items.
        for (std::string_view field : field_names) {
            if (member(*model_fields_json_, field) == nullptr) continue;
            unmapped(dlm_pointer(field), "mlm keeps a model's inputs, outputs, architecture details and runtime in "
                                         "its Items, not in a Collection (only summaries of mlm:architecture, "
                                         "mlm:tasks and mlm:framework are written)");
        }
        report_model_extra();
        if (options_.model_href || options_.artifact_type) add_model_asset(false);
    }

    // ---- Items ----------------------------------------------------------------------------------------------------
    void export_item(const nlohmann::json& properties) {
        export_name(properties);
        put_field("mlm:architecture", architecture_name(),
                  model_.architecture ? "dlm:architecture.type" : "dlm has no architecture for this model");
        std::optional<std::string> t = mlm_task(fields_ + "/mlm:tasks");
        if (t) {
            put_field("mlm:tasks", nlohmann::json::array({*t}), "dlm:outputs.task in mlm's spelling");
        }
        export_architecture();
        export_runtime();
        export_inputs(properties);
        export_outputs(t);
        export_process_level(properties);
        report_model_extra();
        add_model_asset(true);
    }

    void export_name(const nlohmann::json& properties) {
        const std::string at = fields_ + "/mlm:name";
        if (options_.name) {
            put_field("mlm:name", *options_.name, "the name option");
            note(rules::mlm_required, mlm_outcome::supplied, at, "the name option gives " + quote(*options_.name));
            return;
        }
        const nlohmann::json* title = member(properties, "title");
        if (title && title->is_string() && is_mlm_name(title->get_ref<const std::string&>())) {
            put_field("mlm:name", *title, "the Item's title");
            return;
        }
        const nlohmann::json* id = member(doc_, "id");
        if (id && id->is_string() && is_mlm_name(id->get_ref<const std::string&>())) {
            put_field("mlm:name", *id, "the Item's id (the title does not fit mlm's name pattern)");
            note(rules::mlm_assumed, mlm_outcome::assumed, at,
                 "the id " + quote(id->get_ref<const std::string&>()) +
                     (title ? " (the title does not match mlm's name pattern ^[a-zA-Z][a-zA-Z0-9_.\\-\\s]+[a-zA-Z0-9]$)"
                            : " (the Item has no title)"));
            return;
        }
        note(rules::mlm_required, mlm_outcome::missing, at,
             "neither the title nor the id matches mlm's name pattern ^[a-zA-Z][a-zA-Z0-9_.\\-\\s]+[a-zA-Z0-9]$: "
             "give a name with the name option");
    }

    void export_architecture() {
        if (!model_.architecture) return;
        const architecture& a = *model_.architecture;
        put_field("mlm:total_parameters", a.total_nb_parameters, "dlm:architecture.total_nb_parameters");
        const double bytes = std::round(a.estimated_total_size_mb.value * 1e6);
        if (std::isfinite(bytes) && bytes >= 0 && bytes < 9.2e18) {
            put_field("mlm:memory_size", static_cast<std::int64_t>(bytes),
                      "dlm:architecture.estimated_total_size_mb in bytes (1 MB = 10^6 bytes)");
            note(rules::mlm_assumed, mlm_outcome::assumed, fields_ + "/mlm:memory_size",
                 "MB read as 10^6 bytes (dlm does not say which megabyte): " +
                     nlohmann::json(a.estimated_total_size_mb.value).dump() + " MB = " +
                     std::to_string(static_cast<std::int64_t>(bytes)) + " bytes");
        } else {
            unmapped(dlm_pointer("dlm:architecture", {"estimated_total_size_mb"}),
                     "not a size mlm:memory_size can hold in bytes");
        }
        std::string pretrained = a.pretrained;
        std::string folded;
        for (char c : pretrained) {
            if (c != ' ') folded.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
        if (folded.empty() || folded == "none") {
            put_field("mlm:pretrained", false, "dlm:architecture.pretrained is " + quote(pretrained));
            put_field("mlm:pretrained_source", nullptr, "trained from scratch: mlm asks for an explicit null");
        } else {
            put_field("mlm:pretrained", true, "dlm:architecture.pretrained names a source");
            put_field("mlm:pretrained_source", pretrained, "dlm:architecture.pretrained");
        }
        if (a.summary) unmapped(dlm_pointer("dlm:architecture", {"summary"}), "mlm has no field for a layer summary");
        report_extra(a.extra, dlm_pointer("dlm:architecture"));
    }

    void export_runtime() {
        const runtime& r = model_.runtime;
        const std::string framework = framework_name(r.framework);
        put_field("mlm:framework", framework, "dlm:runtime.framework in mlm's spelling");
        if (is_semver(r.version)) {
            put_field("mlm:framework_version", r.version, "dlm:runtime.version");
        } else {
            unmapped(dlm_pointer("dlm:runtime", {"version"}),
                     quote(r.version) + " is not a full semantic version (MAJOR.MINOR.PATCH), which "
                                        "mlm:framework_version requires");
        }
        export_source_code();
        export_containers();
        report_extra(r.extra, dlm_pointer("dlm:runtime"));
    }

    void export_source_code() {
        const runtime& r = model_.runtime;
        nlohmann::json asset = {{"href", r.model_src_url},
                                {"title", "Source code of the model"},
                                {"roles", nlohmann::json::array({"mlm:source_code", "code"})},
                                {"mlm:entrypoint", r.model_handler}};
        if (r.model_commit_hash) {
            if (auto pinned = pinned_source(r.model_src_url, *r.model_commit_hash)) {
                asset["href"] = *pinned;
                moved(dlm_pointer("dlm:runtime", {"model_commit_hash"}), base_ + "/assets/mlm:source_code/href");
            } else {
                unmapped(dlm_pointer("dlm:runtime", {"model_commit_hash"}),
                         "the commit " + quote(*r.model_commit_hash) + " cannot be written into the href " +
                             quote(r.model_src_url) + " (not a GitHub, GitLab or Bitbucket repository root)");
            }
        }
        if (r.requirement_file) {
            asset["requirement_file"] = *r.requirement_file;
            note(rules::mlm_unmapped, mlm_outcome::moved, dlm_pointer("dlm:runtime", {"requirement_file"}),
                 "mlm has no field for it: kept as the non-mlm member " + base_ +
                     "/assets/mlm:source_code/requirement_file");
        }
        add_asset("mlm:source_code", std::move(asset), "dlm:runtime.model_src_url and model_handler as mlm's source code asset");
    }

    void export_containers() {
        const runtime& r = model_.runtime;
        if (!r.docker || r.docker->empty()) return;
        const std::size_t count = r.docker->size();
        // One accelerator for the Item when every container agrees (a plain bool pair: GCC's maybe-uninitialized
        // misfires on std::optional<bool> here).
        const bool first_gpu = (*r.docker)[0].gpu;
        bool same_gpu = true;
        for (const docker& d : *r.docker) same_gpu = same_gpu && d.gpu == first_gpu;
        std::string first_key;
        for (std::size_t i = 0; i < count; ++i) {
            const docker& d = (*r.docker)[i];
            std::string at = dlm_pointer("dlm:runtime", {"docker"});
            if (r.docker->as_array || count != 1) append(at, i);
            const std::string key = count == 1 ? "mlm:container" : "mlm:container-" + std::to_string(i + 1);
            const std::string accelerator = d.gpu ? "cuda" : "amd64";
            if (!d.image_name) {
                unmapped(at, "a Docker Object without image_name cannot be an mlm container asset (its href is "
                             "image:tag)");
                continue;
            }
            nlohmann::json asset = {{"href", *d.image_name + (d.tag ? ":" + *d.tag : std::string())},
                                    {"type", "application/vnd.oci.image.index.v1+json"},
                                    {"title", "Container image of the model's runtime"},
                                    {"roles", nlohmann::json::array({"runtime"})}};
            if (!same_gpu) {
                asset["mlm:accelerator"] = accelerator;
                asset["mlm:accelerator_constrained"] = d.gpu;
            }
            add_asset(key, std::move(asset), "dlm:runtime.docker as mlm's container asset");
            if (first_key.empty()) first_key = key;
            if (d.docker_file) unmapped(at + "/docker_file", "mlm has no field for the Dockerfile");
            unmapped(at + "/working_dir", "mlm has no field for the container's working directory");
            unmapped(at + "/run", "mlm has no field for the container's command");
            report_extra(d.extra, at);
        }
        if (same_gpu && !first_key.empty()) {
            put_field("mlm:accelerator", first_gpu ? "cuda" : "amd64", "dlm:runtime.docker gpu");
            put_field("mlm:accelerator_constrained", first_gpu, "dlm:runtime.docker gpu");
        }
        if (first_key.empty()) return;
        note(rules::mlm_assumed, mlm_outcome::assumed,
             same_gpu ? fields_ + "/mlm:accelerator" : base_ + "/assets/" + first_key + "/mlm:accelerator",
             "gpu true is read as \"cuda\" and gpu false as \"amd64\", with mlm:accelerator_constrained equal to gpu "
             "(a GPU image needs CUDA; dlm names no other accelerator)");
    }

    /// The band names of the selected bands, when every one has a name and the document defines bands in a way
    /// mlm accepts; else nullopt (reported).
    [[nodiscard]] std::optional<std::vector<std::string>> band_names(const nlohmann::json& properties) {
        const nlohmann::json* eo_bands = member(properties, "eo:bands");
        const nlohmann::json* stac_bands = member(properties, "bands");
        std::vector<std::string> names;
        for (std::int64_t index : model_.inputs.selected_bands) {
            std::optional<std::string> name;
            if (model_.data.useful_bands) {
                for (const model_band& b : *model_.data.useful_bands) {
                    if (b.index == index && b.name) {
                        name = *b.name;
                        break;
                    }
                }
            }
            for (const nlohmann::json* list : {eo_bands, stac_bands}) {
                if (name || list == nullptr || !list->is_array() || index < 0 ||
                    static_cast<std::uint64_t>(index) >= list->size()) {
                    continue;
                }
                const nlohmann::json* n = member((*list)[static_cast<std::size_t>(index)], "name");
                if (n && n->is_string() && !n->get_ref<const std::string&>().empty()) name = n->get<std::string>();
            }
            if (!name) {
                note(rules::mlm_assumed, mlm_outcome::assumed, fields_ + "/mlm:input/0/bands",
                     "[] (no band names): selected band " + std::to_string(index) +
                         " has no name in useful_bands, eo:bands or bands");
                return std::nullopt;
            }
            names.push_back(*name);
        }
        if (!has_band_definitions(properties, eo_bands, stac_bands)) {
            note(rules::mlm_assumed, mlm_outcome::assumed, fields_ + "/mlm:input/0/bands",
                 "[] (no band names): mlm needs band definitions for named input bands (eo:bands with the eo "
                 "v1 extension, or STAC 1.1 bands, in the Item's properties), and this Item has none");
            return std::nullopt;
        }
        return names;
    }

    [[nodiscard]] bool has_band_definitions(const nlohmann::json&, const nlohmann::json* eo_bands,
                                            const nlohmann::json* stac_bands) const {
        const auto non_empty = [](const nlohmann::json* list) { return list && list->is_array() && !list->empty(); };
        if (non_empty(eo_bands)) {
            if (const nlohmann::json* extensions = member(doc_, "stac_extensions"); extensions && extensions->is_array()) {
                for (const auto& e : *extensions) {
                    if (e.is_string() && e.get_ref<const std::string&>().rfind("https://stac-extensions.github.io/eo/v1.", 0) == 0) {
                        return true;
                    }
                }
            }
        }
        if (non_empty(stac_bands)) {
            const nlohmann::json* version = member(doc_, "stac_version");
            const std::string v = options_.stac_version ? *options_.stac_version
                                  : (version && version->is_string()) ? version->get<std::string>()
                                                                      : std::string();
            return v.size() >= 4 && v.compare(0, 2, "1.") == 0 && v[2] >= '1' && v[2] <= '9';
        }
        return false;
    }

    void export_inputs(const nlohmann::json& properties) {
        const inputs& in = model_.inputs;
        const std::string inputs_at = dlm_pointer("dlm:inputs");
        bool scaled = in.scaling_factor.value != 1.0;
        for (const number& m : in.normalization_mean) scaled = scaled || m.value != 0.0;
        for (const number& d : in.normalization_std) scaled = scaled || d.value != 1.0;
        std::string data_type;
        if (scaled) {
            data_type = "float32";
            note(rules::mlm_assumed, mlm_outcome::assumed, fields_ + "/mlm:input/0/input/data_type",
                 "\"float32\": the model is fed the scaled and normalised values, not the raw " +
                     quote(to_string(*model_.data.data_type)) + " data");
        } else {
            data_type = std::string(raster_name(*model_.data.data_type));
        }
        const std::optional<std::vector<std::string>> names = band_names(properties);
        nlohmann::json value_scaling = nlohmann::json::array();
        if (scaled) {
            const double s = in.scaling_factor.value;
            for (std::size_t i = 0; i < in.normalization_mean.size() && i < in.normalization_std.size(); ++i) {
                value_scaling.push_back({{"type", "z-score"},
                                         {"mean", in.normalization_mean[i].value / s},
                                         {"stddev", in.normalization_std[i].value / s}});
            }
        }
        nlohmann::json list = nlohmann::json::array();
        const std::size_t count = in.input_tensors.size();
        for (std::size_t i = 0; i < count; ++i) {
            const tensor& t = in.input_tensors[i];
            std::string tensor_at = inputs_at + "/input_tensors";
            if (in.input_tensors.as_array || count != 1) append(tensor_at, i);
            nlohmann::json input = nlohmann::json::object();
            input["name"] = count == 1 ? in.name : in.name + "_" + std::to_string(i);
            input["bands"] = names ? nlohmann::json(*names) : nlohmann::json::array();
            const auto dim = [](const std::optional<std::int64_t>& v) { return v ? *v : std::int64_t{-1}; };
            input["input"] = {{"shape", {dim(t.batch), dim(t.dim), dim(t.height), dim(t.width)}},
                              {"dim_order", {"batch", names ? "bands" : "channel", "height", "width"}},
                              {"data_type", data_type}};
            if (!value_scaling.empty()) input["value_scaling"] = value_scaling;
            if (in.pre_processing_function) {
                input["pre_processing_function"] = {{"format", "python"}, {"expression", *in.pre_processing_function}};
            }
            list.push_back(std::move(input));
            report_extra(t.extra, tensor_at);
        }
        if (count > 1) {
            note(rules::mlm_assumed, mlm_outcome::assumed, fields_ + "/mlm:input",
                 "one mlm input per input tensor, named " + quote(in.name + "_0") + ", " + quote(in.name + "_1") +
                     "...: dlm names the input variable once");
        }
        put_field("mlm:input", std::move(list), "dlm:inputs: one mlm input per input tensor");
        if (!scaled) {
            unmapped(inputs_at + "/scaling_factor", "1 with mean 0 and std 1 is no scaling: no value_scaling");
        }
        const std::string selected = in.selected_bands_spelling == selected_bands_key::selected_band ? "selected_band"
                                                                                                     : "selected_bands";
        if (!names) {
            unmapped(inputs_at + "/" + selected, "band indices have no mlm field (mlm names bands)");
            if (model_.data.useful_bands) unmapped(dlm_pointer("dlm:data", {"useful_bands"}), "band names are not emitted");
        }
        report_extra(in.extra, inputs_at);

        const std::string data_at = dlm_pointer("dlm:data");
        if (scaled) {
            unmapped(data_at + "/data_type", "the raw data type has no mlm field once the input is scaled (mlm's "
                                             "raster:bands or bands of an input asset would hold it, and dlm names "
                                             "no input asset)");
        }
        if (model_.data.nodata) {
            unmapped(data_at + "/nodata", "mlm has no input nodata field (raster:bands or bands of an input asset "
                                          "would hold it, and dlm names no input asset)");
        }
        unmapped(data_at + "/number_of_bands", "mlm has no field for the number of bands of the source data");
        report_extra(model_.data.extra, data_at);
    }

    [[nodiscard]] nlohmann::json result_dim_order(std::size_t rank) {
        const dlm::task t = *model_.outputs.task;
        const bool detection = t == dlm::task::object_detection;
        const bool instances = t == dlm::task::instance_segmentation;
        const std::string per = t == dlm::task::regression ? "channel" : instances ? "instance" : "class";
        nlohmann::json order = nlohmann::json::array();
        switch (rank) {
            case 1: order = nlohmann::json::array({per}); break;
            case 2: order = nlohmann::json::array({"batch", per}); break;
            case 3: order = detection ? nlohmann::json::array({"batch", "detection", "attribute"})
                                      : nlohmann::json::array({per, "height", "width"});
                break;
            case 4: order = nlohmann::json::array({"batch", per, "height", "width"}); break;
            case 5: order = nlohmann::json::array({"batch", "time", per, "height", "width"}); break;
            default: {
                static constexpr std::string_view letters = "abcdefghijklmnopqrstuvwxyz";
                order.push_back("batch");
                for (std::size_t i = 1; i < rank; ++i) {
                    std::string name = "axis-";
                    for (std::size_t n = i; n > 0; n /= 26) name.push_back(letters[n % 26]);
                    order.push_back(name);
                }
            }
        }
        note(rules::mlm_assumed, mlm_outcome::assumed, fields_ + "/mlm:output/0/result/dim_order",
             order.dump() + ": dlm does not name the dimensions of final_layer_size; chosen from the task and the rank");
        return order;
    }

    void export_outputs(const std::optional<std::string>& task_value) {
        const outputs& out = model_.outputs;
        const std::string outputs_at = dlm_pointer("dlm:outputs");
        const std::string to = fields_ + "/mlm:output/0";
        nlohmann::json output = nlohmann::json::object();
        output["name"] = task_value ? *task_value : std::string(to_string(*out.task));
        note(rules::mlm_assumed, mlm_outcome::assumed, to + "/name",
             quote(output["name"].get<std::string>()) + ": dlm does not name its output; named after the task");
        output["tasks"] = task_value ? nlohmann::json::array({*task_value}) : nlohmann::json::array();
        std::string data_type = "float32";
        if (options_.output_data_type) {
            data_type = *options_.output_data_type;
            note(rules::mlm_required, mlm_outcome::supplied, to + "/result/data_type",
                 "the output data type option gives " + quote(data_type));
        } else {
            note(rules::mlm_assumed, mlm_outcome::assumed, to + "/result/data_type",
                 "\"float32\": dlm does not give the output's data type (set it with the output data type option)");
        }
        nlohmann::json shape = nlohmann::json::array();
        for (std::int64_t size : out.final_layer_size) shape.push_back(size);
        output["result"] = {{"shape", shape}, {"dim_order", result_dim_order(out.final_layer_size.size())},
                            {"data_type", data_type}};
        if (out.post_processing_function) {
            output["post_processing_function"] = {{"format", "python"}, {"expression", *out.post_processing_function}};
        }
        nlohmann::json classes = nlohmann::json::array();
        if (out.class_name_mapping) {
            std::vector<class_name_entry> entries = out.class_name_mapping->entries;
            std::stable_sort(entries.begin(), entries.end(),
                             [](const class_name_entry& a, const class_name_entry& b) { return a.index < b.index; });
            bool dont_care_named = false;
            for (const class_name_entry& e : entries) {
                nlohmann::json c = {{"value", e.index}, {"name", e.class_name}};
                if (out.dont_care_index && *out.dont_care_index == e.index) {
                    c["nodata"] = true;
                    dont_care_named = true;
                }
                classes.push_back(std::move(c));
                report_extra(e.extra, outputs_at + "/class_name_mapping");
            }
            if (out.dont_care_index && !dont_care_named) {
                const std::int64_t index = *out.dont_care_index;
                auto at = std::find_if(classes.begin(), classes.end(),
                                       [&](const nlohmann::json& c) { return c["value"].get<std::int64_t>() > index; });
                classes.insert(at, nlohmann::json{{"value", index}, {"name", "dont-care"}, {"nodata", true}});
                note(rules::mlm_assumed, mlm_outcome::assumed, to + "/classification:classes",
                     "the dont_care_index " + std::to_string(index) +
                         " has no name in class_name_mapping: its class is named \"dont-care\" (the classification "
                         "extension requires a name)");
            }
        }
        if (!classes.empty()) output["classification:classes"] = std::move(classes);
        if (out.number_of_classes && !out.class_name_mapping) {
            unmapped(outputs_at + "/number_of_classes", "classes without names have no Class Object");
        }
        report_extra(out.extra, outputs_at);
        has_classes_ = output.contains("classification:classes");
        put_field("mlm:output", nlohmann::json::array({std::move(output)}), "dlm:outputs as mlm's one output");
    }

    void export_process_level(const nlohmann::json& properties) {
        const std::string level(to_string(*model_.data.process_level));
        const std::string from = dlm_pointer("dlm:data", {"process_level"});
        if (const nlohmann::json* existing = member(properties, "processing:level")) {
            if (*existing == level) {
                moved(from, fields_ + "/processing:level (already there)");
            } else {
                unmapped(from, "processing:level is already " + existing->dump() + ", left as it is");
            }
            return;
        }
        put_field("processing:level", level, "dlm:data.process_level (the processing extension)");
        moved(from, fields_ + "/processing:level");
        needs_processing_ = true;
    }

    /// Other `dlm:` fields beside the five (e.g. the legacy `dlm:archive`).
    void report_model_extra() {
        if (!model_.extra.is_object()) return;
        for (const auto& [key, value] : model_.extra.items()) {
            unmapped(dlm_pointer(key), "not a field of the dlm extension; mlm has no field for it");
        }
    }

    void add_asset(const std::string& key, nlohmann::json asset, std::string reason) {
        const nlohmann::json* assets = member(doc_, "assets");
        if (assets == nullptr || !assets->is_object()) {
            if (pending_assets_.is_null()) pending_assets_ = nlohmann::json::object();
            pending_assets_[key] = std::move(asset);
            pending_reason_ = std::move(reason);
            return;
        }
        if (assets->contains(key)) {
            note(rules::mlm_assumed, mlm_outcome::assumed, base_ + "/assets/" + key,
                 "the existing asset " + quote(key) + " is replaced by the one the export writes");
        }
        put(*assets, base_ + "/assets", key, std::move(asset), std::move(reason));
    }

    void add_model_asset(bool required) {
        const std::string at = base_ + "/assets/mlm:model";
        if (options_.model_href && options_.artifact_type) {
            add_asset("mlm:model",
                      {{"href", *options_.model_href},
                       {"title", "Model weights"},
                       {"roles", nlohmann::json::array({"mlm:model"})},
                       {"mlm:artifact_type", *options_.artifact_type}},
                      "mlm's model asset (href and artifact type from the options)");
            note(rules::mlm_required, mlm_outcome::supplied, at,
                 "the model asset: href " + quote(*options_.model_href) + " and mlm:artifact_type " +
                     quote(*options_.artifact_type) + " from the options");
            return;
        }
        if (!required && !options_.model_href && !options_.artifact_type) return;
        std::string which = !options_.model_href && !options_.artifact_type ? "its href and mlm:artifact_type"
                            : !options_.model_href                           ? "its href (the artifact type was given)"
                                                                            : "its mlm:artifact_type (the href was given)";
        note(rules::mlm_required, mlm_outcome::missing, at,
             "mlm requires a model asset (roles [\"mlm:model\"]) and dlm never names the weights: give " + which +
                 " with the model href and artifact type options");
    }

    // ---- the document's own members --------------------------------------------------------------------------------
    void export_stac_extensions() {
        if (!pending_assets_.is_null()) {
            changes_.push_back({patch_op::add, base_ + "/assets", "", pending_assets_, pending_reason_});
        }
        const nlohmann::json* extensions = member(doc_, "stac_extensions");
        const std::string at = base_ + "/stac_extensions";
        std::vector<std::string> additions;
        bool has_mlm = false;
        bool has_processing = false;
        bool has_classification = false;
        std::vector<std::size_t> dlm_indices;
        if (extensions && extensions->is_array()) {
            for (std::size_t i = 0; i < extensions->size(); ++i) {
                const nlohmann::json& e = (*extensions)[i];
                if (!e.is_string()) continue;
                const std::string& uri = e.get_ref<const std::string&>();
                if (uri == extension_identifier) has_mlm = true;
                if (uri.rfind("https://stac-extensions.github.io/processing/", 0) == 0) has_processing = true;
                if (uri == classification_identifier) has_classification = true;
                if (uri == dlm::extension_identifier) dlm_indices.push_back(i);
            }
        }
        bool mlm_placed = has_mlm;
        if (!dlm_indices.empty() && !options_.keep_dlm) {
            // The first dlm entry becomes mlm's (unless mlm is already declared); later ones go, last first, so
            // that each index still names the entry it was computed for.
            const std::size_t keep_from = has_mlm ? 0 : 1;
            if (!has_mlm) {
                std::string p = at;
                append(p, dlm_indices.front());
                changes_.push_back({patch_op::replace, p, "", std::string(extension_identifier),
                                    "dlm is deprecated in favour of mlm v1.5.2"});
            }
            for (std::size_t k = dlm_indices.size(); k > keep_from; --k) {
                std::string p = at;
                append(p, dlm_indices[k - 1]);
                changes_.push_back({patch_op::remove, p, "", nullptr,
                                    has_mlm && k == 1 ? "dlm is superseded by mlm, already declared"
                                                      : "a repeated dlm identifier"});
            }
            mlm_placed = true;
        }
        if (!mlm_placed) additions.emplace_back(extension_identifier);
        if (has_classes_ && !has_classification) additions.emplace_back(classification_identifier);
        if (needs_processing_ && !has_processing) additions.emplace_back(processing_identifier);
        if (additions.empty()) return;
        if (extensions == nullptr || !extensions->is_array()) {
            changes_.push_back({extensions ? patch_op::replace : patch_op::add, at, "", additions,
                                "the extensions the mlm fields use"});
            return;
        }
        for (const std::string& uri : additions) {
            changes_.push_back({patch_op::add, at + "/-", "", uri,
                                uri == extension_identifier         ? "the mlm fields"
                                : uri == classification_identifier ? "mlm's output classes use the classification extension"
                                                                   : "processing:level from dlm:data.process_level"});
        }
    }

    void export_stac_version() {
        const nlohmann::json* version = member(doc_, "stac_version");
        if (version && *version == *options_.stac_version) return;
        changes_.push_back({version ? patch_op::replace : patch_op::add, base_ + "/stac_version", "",
                            *options_.stac_version, "the target STAC version option"});
        note(rules::mlm_assumed, mlm_outcome::assumed, base_ + "/stac_version",
             "set to " + quote(*options_.stac_version) +
                 "; nothing else is migrated between STAC versions (the validator checks the result)");
    }

    void remove_dlm_fields(const nlohmann::json& fields) {
        for (const auto& [key, value] : fields.items()) {
            if (!has_field_prefix(key)) continue;
            std::string p = fields_;
            append(p, key);
            changes_.push_back({patch_op::remove, p, "", nullptr, "superseded by the mlm fields (see the report)"});
        }
    }

    const nlohmann::json& doc_;
    std::string base_;
    const mlm_options& options_;
    patch& changes_;
    std::vector<mlm_note>& notes_;
    model model_;
    const nlohmann::json* model_fields_json_ = nullptr;
    std::string fields_;
    bool is_item_ = false;
    bool has_classes_ = false;
    bool needs_processing_ = false;
    nlohmann::json pending_assets_;
    std::string pending_reason_;
};

/// Throws dlm::error when an option is not a value mlm accepts.
inline void check_options(const mlm_options& options) {
    if (options.name && !is_mlm_name(*options.name)) {
        throw error("/properties/mlm:name", "the name option " + quote(*options.name) +
                                                " does not match mlm's pattern ^[a-zA-Z][a-zA-Z0-9_.\\-\\s]+[a-zA-Z0-9]$");
    }
    if (options.output_data_type && !contains(raster_data_types, *options.output_data_type)) {
        throw error("/properties/mlm:output/0/result/data_type",
                    "the output data type option " + quote(*options.output_data_type) +
                        " is not a raster data type (int8 ... uint64, float16, float32, float64, cint16 ... cfloat64, "
                        "other)");
    }
    if (options.task && !contains(task_names, *options.task)) {
        throw error("/properties/mlm:tasks", "the task option " + quote(*options.task) + " is not one of mlm's tasks");
    }
    if (options.model_href && options.model_href->empty()) throw error("/assets/mlm:model/href", "the model href is empty");
    if (options.artifact_type && options.artifact_type->empty()) {
        throw error("/assets/mlm:model/mlm:artifact_type", "the artifact type is empty");
    }
}

/// The export's operations on `document` (an Item, a Collection, or a FeatureCollection of Items), and its notes.
[[nodiscard]] inline patch export_changes(const nlohmann::json& document, const mlm_options& options,
                                          std::vector<mlm_note>& notes) {
    check_options(options);
    patch changes;
    if (document.is_object() && document.value("type", nlohmann::json()) == "FeatureCollection") {
        const auto features = document.find("features");
        if (features == document.end() || !features->is_array()) {
            throw error("/features", "a FeatureCollection needs a \"features\" array");
        }
        for (std::size_t i = 0; i < features->size(); ++i) {
            exporter((*features)[i], "/features/" + std::to_string(i), options, changes, notes).run();
        }
        return changes;
    }
    exporter(document, "", options, changes, notes).run();
    return changes;
}

}  // namespace dlm::detail::mlm

#endif  // DLM_DETAIL_MLM_EXPORT_HPP
