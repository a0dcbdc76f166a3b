#ifndef DLM_DEPLOYMENT_HPP
#define DLM_DEPLOYMENT_HPP

// The deployment view: what an inference service needs from a model's STAC record, computed once
// from a valid dlm Item or Collection. Where the record leaves something undefined or ambiguous the view
// leaves it empty (std::nullopt) and says so in `findings`, with the JSON pointer of the place; it never
// guesses.
//
//     const nlohmann::json item = nlohmann::json::parse(text);
//     const dlm::deployment view = dlm::read_deployment(item);   // throws dlm::error like read_model
//     for (const dlm::channel& c : view.channels)                 // in model order
//         std::cout << c.band_index << ' ' << c.name.value_or("?") << " y = x * " << c.affine->a << " + "
//                   << c.affine->b << '\n';                       // affine: nullopt only with an error finding
//     for (const dlm::finding& f : view.findings.warnings) std::cerr << f.pointer << ": " << f.message << '\n';
//     nlohmann::json j = view;                                    // the view as JSON (`dlm info --format json`)

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/affine.hpp>
#include <dlm/enums.hpp>
#include <dlm/model.hpp>
#include <dlm/report.hpp>

namespace dlm {

/// Where a selected band's name came from, in the order of preference.
enum class band_source {
    useful_bands,  ///< `dlm:data.useful_bands[].name`
    eo_bands,      ///< an `eo:bands` array (eo v1.x): the document's fields, Collection summaries, assets, item_assets
    bands,         ///< a STAC 1.1 `bands` array (`name`, `eo:common_name`), in the same places
    none,          ///< no source names the band
};

/// The spelling of a band source in the view's JSON: "useful_bands", "eo:bands", "bands" or "none".
[[nodiscard]] constexpr std::string_view to_string(band_source value) noexcept {
    switch (value) {
        case band_source::useful_bands: return "useful_bands";
        case band_source::eo_bands: return "eo:bands";
        case band_source::bands: return "bands";
        case band_source::none: return "none";
    }
    return {};
}

/// One channel of the model input, in model order (`selected_bands` order).
struct channel {
    /// The band's index in the data `dlm:data` describes (the `selected_bands` entry).
    std::int64_t band_index = 0;
    /// The JSON pointer of its `selected_bands` entry.
    std::string pointer{};
    /// The band's name, from `source`.
    std::optional<std::string> name{};
    /// The band's common name (`common_name` of eo:bands, `eo:common_name` of STAC 1.1 bands), when a band list names it.
    std::optional<std::string> common_name{};
    /// Where `name` came from (`none` when nothing names the band; `common_name` may still come from a band list).
    band_source source = band_source::none;
    /// The JSON pointer of the band object that gave `name` ("" when `source` is none).
    std::string source_pointer{};
    /// `scaling_factor`, `normalization:mean` and `normalization:std` of this channel, as written (nullopt when absent).
    std::optional<double> scaling_factor, mean, std;
    /// The folded affine; nullopt when mean or std is missing or not usable (reported).
    std::optional<dlm::affine> affine{};
};

/// One input tensor's shape; an unstated dimension is nullopt (reported as a warning).
struct tensor_shape {
    /// `batch`.
    std::optional<std::int64_t> batch{};
    /// `dim`: the number of channels.
    std::optional<std::int64_t> channels{};
    /// `height`.
    std::optional<std::int64_t> height{};
    /// `width`.
    std::optional<std::int64_t> width{};
    /// The JSON pointer of the Tensor Object.
    std::string pointer{};
};

/// One output class: its name (nullopt when `class_name_mapping` does not name it) and whether it is the
/// `dont_care_index`.
struct class_label {
    /// The class name.
    std::optional<std::string> name{};
    /// True for the `dont_care_index` class.
    bool dont_care = false;
};

/// One `dlm:runtime.docker` option, as something a service can pull or build.
struct docker_option {
    /// `image_name[:tag]`, or nullopt when there is no `image_name` (the image is built from `docker_file`).
    std::optional<std::string> image{};
    /// `docker_file`: where to build the image from.
    std::optional<std::string> docker_file{};
    /// `gpu`: the image needs a GPU.
    bool gpu = false;
    /// `working_dir`.
    std::string working_dir{};
    /// `run`: the command that runs the model.
    std::string run{};
    /// The JSON pointer of the Docker Object.
    std::string pointer{};

    /// What to run: the image reference, "build from <docker_file>", or "" when neither is given (reported).
    [[nodiscard]] std::string reference() const {
        if (image) return *image;
        if (docker_file) return "build from " + *docker_file;
        return {};
    }
};

/// Everything an inference service needs from a dlm Item or Collection (see `read_deployment`).
struct deployment {
    /// `"Feature"` or `"Collection"`.
    std::string type{};
    /// The document's `id` (empty when absent).
    std::string id{};
    /// Where the dlm fields are: "/properties" (Item) or "" (Collection).
    std::string fields_pointer{};

    /// `dlm:inputs.name`: the Python name of the input variable.
    std::string input_name{};
    /// One shape per `dlm:inputs.input_tensors` entry.
    std::vector<tensor_shape> tensors{};
    /// The selected bands in model order, each with its name and affine.
    std::vector<dlm::channel> channels{};
    /// `dlm:data.number_of_bands`.
    std::int64_t number_of_bands = 0;
    /// `dlm:data.nodata` as a number (NaN for "nan", infinities for "inf"/"-inf", the number a decimal string
    /// spells); nullopt when absent or unrecognized (reported). Compare it with pixels in the source data type.
    std::optional<double> nodata{};
    /// `dlm:data.data_type` as written (possibly a numpy name).
    dlm::data_type data_type = dlm::data_type::uint8;
    /// The raster data type the source pixels have (numpy names resolved: "ushort" is uint16); nullopt for
    /// a type with no fixed pixel layout (other, longfloat, float96, float128; reported).
    std::optional<dlm::data_type> source_data_type{};
    /// `dlm:data.process_level`.
    dlm::process_level process_level = dlm::process_level::raw;

    /// `dlm:outputs.task`.
    dlm::task task = dlm::task::classification;
    /// The classes by index, `number_of_classes` of them (empty for regression).
    std::vector<class_label> classes{};
    /// `dlm:outputs.dont_care_index`, when given and in range.
    std::optional<std::size_t> dont_care_index{};
    /// `dlm:outputs.final_layer_size`.
    std::vector<std::int64_t> final_layer_size{};

    /// `dlm:runtime.framework`.
    std::string framework{};
    /// `dlm:runtime.version`: the framework version.
    std::string framework_version{};
    /// `dlm:runtime.model_handler`.
    std::string model_handler{};
    /// `dlm:runtime.model_src_url`.
    std::string model_src_url{};
    /// `dlm:runtime.model_commit_hash`.
    std::optional<std::string> model_commit_hash{};
    /// `dlm:inputs.pre_processing_function`.
    std::optional<std::string> pre_processing_function{};
    /// `dlm:outputs.post_processing_function`.
    std::optional<std::string> post_processing_function{};
    /// The docker options, in document order.
    std::vector<docker_option> docker{};

    /// What the document leaves undefined or ambiguous: errors (the service cannot be built as described,
    /// e.g. a channel without an affine) and warnings (a gap or ambiguity the service must settle itself).
    dlm::report findings{};
};

/**
 * The deployment view of a dlm Item or Collection: input tensor shapes, the selected bands in model order
 * with their names and one affine each, the numeric nodata, the source data type, the task and dense class
 * list, the runtime and the docker options, and findings for what the document leaves undefined.
 *
 * Reads the document with `dlm::read_model`, so it throws `dlm::error` (with a pointer) exactly when that does;
 * it does not validate (run the validator first): values the validator rejects are reported, never trusted.
 * Band names come, per band, from `dlm:data.useful_bands`, else from an `eo:bands` array, else from a STAC 1.1
 * `bands` array; a band array names data bands by position only when it has `number_of_bands` entries.
 *
 * **Example**: `for (const auto& c : dlm::read_deployment(item).channels) use(c.band_index, *c.affine);`
 */
[[nodiscard]] inline deployment read_deployment(const nlohmann::json& document);

/// The view as JSON (`nlohmann::json j = view;`): every member under its own name, nullopt as null, NaN and
/// infinite nodata as the strings "nan", "inf", "-inf", findings as {errors, warnings} of {rule, pointer, message}.
inline void to_json(nlohmann::json& j, const deployment& view);

}  // namespace dlm

#include <dlm/detail/deploy/view.hpp>

#endif  // DLM_DEPLOYMENT_HPP
