#ifndef DLM_MODEL_HPP
#define DLM_MODEL_HPP

// The typed model of the dlm extension's five fields (dlm:data, dlm:inputs, dlm:architecture,
// dlm:runtime, dlm:outputs). `dlm/json.hpp` converts these types to and from nlohmann::json without
// losing a member or a form: members a struct does not model are kept in its `extra` object, and every
// field that the spec allows in several forms remembers the form it was read in and is written back in it.
//
// The types hold shapes, not verdicts: reading checks JSON types, required members and enum
// spellings; value constraints (">= 1", consistent lengths, ...) are the validator's job.
//
// Numbers: a member typed "integer" is a `std::int64_t`; one written with a zero fraction (`4.0`, an
// integer under draft-07) is read as 4 and written back as `4`, the one change a round trip makes.
// A member typed "number" is a `dlm::number`, a double that remembers whether it was written as an
// integer (`1`) or not (`1.0`). `nodata` keeps its exact JSON type.
//
// Required enumerations (`process_level`, `data_type`, `task`) are optional here: no value is a safe default, and a
// model built in code without one is written without it (the validator then reports the missing member) instead of
// passing for complete. Reading a document sets them (it fails without them). Every member has a default member
// initializer, so partial brace or designated initialisation compiles without -Wmissing-field-initializers warnings.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/enums.hpp>

namespace dlm {

/// A field the spec allows either as one object or as an array of objects (`dlm:inputs.input_tensors`,
/// `dlm:runtime.docker`); `as_array` records the form, so a document is written back as it was read.
/// `ArrayByDefault` is the form of a value built in code: the form the seed gives the field.
template <class T, bool ArrayByDefault>
struct one_or_many {
    /// The objects, in document order.
    std::vector<T> items{};
    /// Written as an array when true, or whenever `items.size() != 1`; as a bare object otherwise.
    bool as_array = ArrayByDefault;

    [[nodiscard]] std::size_t size() const noexcept { return items.size(); }
    [[nodiscard]] bool empty() const noexcept { return items.empty(); }
    [[nodiscard]] auto begin() noexcept { return items.begin(); }
    [[nodiscard]] auto end() noexcept { return items.end(); }
    [[nodiscard]] auto begin() const noexcept { return items.begin(); }
    [[nodiscard]] auto end() const noexcept { return items.end(); }
    [[nodiscard]] T& operator[](std::size_t i) { return items[i]; }
    [[nodiscard]] const T& operator[](std::size_t i) const { return items[i]; }
};

/// A spec field typed "number" (`scaling_factor`, `normalization:mean`/`std` entries,
/// `estimated_total_size_mb`): a double that converts to and from `double` implicitly and remembers
/// whether the document wrote it as an integer (`1`), so it is written back as `1`, not `1.0`.
struct number {
    /// The value.
    double value = 0.0;
    /// True when read from an integer literal; it is then written as one while `value` is integral.
    /// A number built from a double has `integer_form == false` and is written as a float (`1.0`).
    bool integer_form = false;

    constexpr number() noexcept = default;
    /// A number built in code, written as a float.
    constexpr number(double v) noexcept : value(v) {}  // NOLINT(google-explicit-constructor): a double is a number
    /// A number with an explicit form.
    constexpr number(double v, bool written_as_integer) noexcept : value(v), integer_form(written_as_integer) {}
    /// The value, so a `number` reads like the double it is.
    constexpr operator double() const noexcept { return value; }  // NOLINT(google-explicit-constructor)
};

/// `dlm:data.nodata`: a number or a string, kept with its exact JSON type (an integer stays an integer,
/// `0.5` stays `0.5`); reading uses `std::uint64_t` only for integers above INT64_MAX.
using nodata_value = std::variant<std::int64_t, std::uint64_t, double, std::string>;

/// Model Band Object, an element of `dlm:data.useful_bands`.
struct model_band {
    /// `index` (required): index of the spectral band.
    std::int64_t index = 0;
    /// `name`: short name of the band.
    std::optional<std::string> name{};
    /// Members this type does not model, written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// Data Object, `dlm:data`: the EO data the model is compatible with.
struct data {
    /// `process_level` (required; unset until given).
    std::optional<dlm::process_level> process_level{};
    /// `data_type` (required; unset until given).
    std::optional<dlm::data_type> data_type{};
    /// `nodata`: a number or a string.
    std::optional<nodata_value> nodata{};
    /// `number_of_bands` (required): number of bands used by the model.
    std::int64_t number_of_bands = 0;
    /// `useful_bands`: the bands, by index, in the order the model uses them.
    std::optional<std::vector<model_band>> useful_bands{};
    /// Members this type does not model (e.g. `item_examples`), written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// Tensor Object, `dlm:inputs.input_tensors`: the input tensor's shape; every dimension is optional.
struct tensor {
    /// `batch`: batch size.
    std::optional<std::int64_t> batch{};
    /// `dim`: number of channels.
    std::optional<std::int64_t> dim{};
    /// `height`.
    std::optional<std::int64_t> height{};
    /// `width`.
    std::optional<std::int64_t> width{};
    /// Members this type does not model (e.g. the beta2 `channels`), written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// `dlm:inputs.input_tensors`: the seed types it as one Tensor Object, so one built in code is written
/// as a bare object when it holds exactly one tensor.
using input_tensor_list = one_or_many<tensor, false>;

/// Which key held `dlm:inputs`' band selection: the canonical `selected_bands`, or `selected_band` as the
/// seed's table spells it. When a document has both, `selected_bands` is read and `selected_band` stays
/// in `inputs::extra`.
enum class selected_bands_key {
    selected_bands,  ///< "selected_bands" (canonical; the default for objects built in code)
    selected_band,   ///< "selected_band" (the seed table's spelling)
};

/// Inputs Object, `dlm:inputs`: how EO data becomes the model's input.
struct inputs {
    /// `name` (required): Python name of the input variable.
    std::string name{};
    /// `input_tensors` (required): one Tensor Object (the seed's form, the default) or an array of them.
    input_tensor_list input_tensors{};
    /// `scaling_factor` (required): factor that brings the data into [0, 1].
    number scaling_factor = 1.0;
    /// `normalization:mean` (required): mean vector removed from the data.
    std::vector<number> normalization_mean{};
    /// `normalization:std` (required): standard deviations that normalize the data.
    std::vector<number> normalization_std{};
    /// `selected_bands` / `selected_band` (required): band indices selected from `dlm:data`.
    std::vector<std::int64_t> selected_bands{};
    /// The key `selected_bands` was read from, and is written to.
    selected_bands_key selected_bands_spelling = selected_bands_key::selected_bands;
    /// `pre_processing_function`: Python pre-processing function.
    std::optional<std::string> pre_processing_function{};
    /// Members this type does not model, written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// Architecture Object, `dlm:architecture`.
struct architecture {
    /// `total_nb_parameters` (required).
    std::int64_t total_nb_parameters = 0;
    /// `estimated_total_size_mb` (required): memory size in MB.
    number estimated_total_size_mb = 0.0;
    /// `type` (required): type of network, e.g. "ResNet-18".
    std::string type{};
    /// `summary`: summary of the layers.
    std::optional<std::string> summary{};
    /// `pretrained` (required): source of the pretraining, e.g. "ImageNet".
    std::string pretrained{};
    /// Members this type does not model, written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// Docker Object, an element of `dlm:runtime.docker`. The rule "at least one of `docker_file` and
/// `image_name`" is checked by the validator, not here.
struct docker {
    /// `docker_file`: URL of the Dockerfile.
    std::optional<std::string> docker_file{};
    /// `image_name`: name of the docker image.
    std::optional<std::string> image_name{};
    /// `tag`: tag of the image.
    std::optional<std::string> tag{};
    /// `working_dir` (required): working directory in the instance.
    std::string working_dir{};
    /// `run` (required): the command that runs the model.
    std::string run{};
    /// `gpu` (required): true if the image needs a GPU.
    bool gpu = false;
    /// Members this type does not model, written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// `dlm:runtime.docker`: the seed types it `[Docker Object]`, so one built in code is written as an array.
using docker_list = one_or_many<docker, true>;

/// Runtime Object, `dlm:runtime`: the environment that runs the model.
struct runtime {
    /// `framework` (required), e.g. "PyTorch".
    std::string framework{};
    /// `version` (required): framework version.
    std::string version{};
    /// `model_handler` (required): inference execution function.
    std::string model_handler{};
    /// `model_src_url` (required): URL of the source code.
    std::string model_src_url{};
    /// `model_commit_hash`.
    std::optional<std::string> model_commit_hash{};
    /// `requirement_file`.
    std::optional<std::string> requirement_file{};
    /// `docker`: one Docker Object or an array of them (the seed's `[Docker Object]`, the default).
    std::optional<docker_list> docker{};
    /// Members this type does not model, written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// The three forms `dlm:outputs.class_name_mapping` may take (dlm-rules.md).
enum class class_name_mapping_form {
    records,      ///< `[{"index": 0, "class_name": "water"}, ...]`: the seed's form, canonical, the default
    object,       ///< `{"0": "water", "1": "forest"}`
    legacy_list,  ///< `[{"0": "water"}, {"1": "forest"}]`
};

/// One index-to-name pair of `dlm:outputs.class_name_mapping`.
struct class_name_entry {
    /// `index` (required): output index.
    std::int64_t index = 0;
    /// `class_name` (required): short class name.
    std::string class_name{};
    /// Object forms only: the key as written when it is not the plain decimal of `index` (e.g. "01");
    /// used on writing only while it still denotes `index`. Empty otherwise.
    std::string key{};
    /// Records form only: members of the record this type does not model, written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// `dlm:outputs.class_name_mapping`: output index to class name, in document order, in any of its forms.
struct class_name_mapping {
    /// The pairs, in document order (duplicates are kept; the validator reports them).
    std::vector<class_name_entry> entries{};
    /// The form it was read in and is written in.
    class_name_mapping_form form = class_name_mapping_form::records;

    /// The name of class `index` (the first entry with that index), or nullptr.
    [[nodiscard]] const std::string* find(std::int64_t index) const noexcept {
        for (const auto& entry : entries) {
            if (entry.index == index) return &entry.class_name;
        }
        return nullptr;
    }
};

/// Outputs Object, `dlm:outputs`: what the model produces and how to interpret it.
struct outputs {
    /// `task` (required; unset until given).
    std::optional<dlm::task> task{};
    /// `number_of_classes` (required unless the task is regression; the validator checks that).
    std::optional<std::int64_t> number_of_classes{};
    /// `final_layer_size` (required): sizes of the output tensor.
    std::vector<std::int64_t> final_layer_size{};
    /// `class_name_mapping` (required unless the task is regression; the validator checks that).
    std::optional<dlm::class_name_mapping> class_name_mapping{};
    /// `dont_care_index`: index ignored by the model.
    std::optional<std::int64_t> dont_care_index{};
    /// `post_processing_function`.
    std::optional<std::string> post_processing_function{};
    /// Members this type does not model, written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

/// Everything the dlm extension says about one Item or Collection: its `dlm:*` fields.
struct model {
    /// `dlm:data` (required).
    dlm::data data{};
    /// `dlm:inputs` (required).
    dlm::inputs inputs{};
    /// `dlm:architecture` (optional).
    std::optional<dlm::architecture> architecture{};
    /// `dlm:runtime` (required).
    dlm::runtime runtime{};
    /// `dlm:outputs` (required).
    dlm::outputs outputs{};
    /// Other `dlm:`-prefixed members found beside them (e.g. the legacy `dlm:archive`), keyed by their
    /// full name and written back unchanged.
    nlohmann::json extra = nlohmann::json::object();
};

}  // namespace dlm

#endif  // DLM_MODEL_HPP
