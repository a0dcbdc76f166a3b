#include <dlm/mlm.hpp>

#include <dlm/error.hpp>
#include <dlm/patch.hpp>
#include <dlm/rules.hpp>
#include <dlm/stac.hpp>
#include <dlm/validator.hpp>
#include <dlm/version.hpp>

#include "fuzz/schema_agreement.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

namespace dlm_test_mlm {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const dlm::validator& shared_validator() {
    static const dlm::validator validator;
    return validator;
}

/// Every valid dlm document the project ships: tests/data/valid and the bundled examples.
std::vector<fs::path> valid_documents() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(dlm_test::data_dir / "valid")) out.push_back(entry.path());
    const fs::path examples = fs::path(DLM_SCHEMA_DIR).parent_path() / "examples" / "data";
    for (const auto& entry : fs::directory_iterator(examples)) {
        // The bundled examples include imagery that models read; only the model documents carry dlm.
        if (dlm::has_extension(dlm_test::read_json(entry.path()))) out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The Items of a document (the features of a FeatureCollection), with the pointer of each.
std::vector<std::pair<std::string, const json*>> items_of(const json& document) {
    std::vector<std::pair<std::string, const json*>> out;
    if (document.at("type") == "FeatureCollection") {
        for (std::size_t i = 0; i < document.at("features").size(); ++i) {
            out.emplace_back("/features/" + std::to_string(i), &document.at("features").at(i));
        }
    } else if (document.at("type") == "Feature") {
        out.emplace_back("", &document);
    }
    return out;
}

bool has_object_segmentation(const json& document) {
    for (const auto& [at, item] : items_of(document)) {
        if (item->at("properties").at("dlm:outputs").at("task") == "object segmentation") return true;
    }
    return false;
}

dlm::mlm_options model_options() {
    dlm::mlm_options options;
    options.model_href = "https://models.example.org/weights/model.pt";
    options.artifact_type = "torch.save";
    return options;
}

/// The pointers of the notes with `outcome`.
std::set<std::string> pointers_with(const dlm::mlm_export& out, dlm::mlm_outcome outcome) {
    std::set<std::string> found;
    for (const auto& n : out.notes) {
        if (n.outcome == outcome) found.insert(n.pointer);
    }
    return found;
}

const dlm::mlm_note* find_note(const dlm::mlm_export& out, const std::string& pointer) {
    for (const auto& n : out.notes) {
        if (n.pointer == pointer) return &n;
    }
    return nullptr;
}

std::string describe(const dlm::report& report) {
    std::string text;
    for (const auto& f : report.errors) text += f.rule + " " + f.pointer + ": " + f.message + "\n";
    return text;
}

/// The reference Item: a valid dlm Item using most fields.
json wetland_item() { return dlm_test::read_json(dlm_test::data_dir / "valid" / "item-unet-sentinel2-wetland-segmentation.json"); }

json export_properties(const json& item, const dlm::mlm_options& options = model_options()) {
    return dlm::export_mlm(item, options).document.at("properties");
}

}  // namespace

TEST_CASE("every valid dlm document exports to a document the shipped mlm schema accepts", "[mlm]") {
    const auto paths = valid_documents();
    REQUIRE(paths.size() >= 18);
    for (const fs::path& path : paths) {
        CAPTURE(path.filename().string());
        const json input = dlm_test::read_json(path);
        dlm::mlm_options options = model_options();
        if (has_object_segmentation(input)) options.task = "semantic-segmentation";
        const dlm::mlm_export out = dlm::export_mlm(input, options);
        CHECK(out.complete());
        const dlm::report report = shared_validator().validate(out.document);
        INFO(describe(report));
        CHECK(report.ok());
        // The output is an mlm document and no longer a dlm one.
        for (const auto& [at, item] : items_of(out.document)) {
            CHECK_FALSE(dlm::has_extension(*item));
            const auto& extensions = item->at("stac_extensions");
            CHECK(std::count(extensions.begin(), extensions.end(), json(dlm::mlm_extension_identifier)) == 1);
            for (const auto& [key, value] : item->at("properties").items()) CHECK(key.rfind("dlm:", 0) != 0);
            CHECK(item->at("assets").at("mlm:model").at("mlm:artifact_type") == "torch.save");
        }
        // Applying the patch to the input gives the document.
        json patched = input;
        dlm::apply_patch(patched, out.changes);
        CHECK(patched == out.document);
    }
}

TEST_CASE("without the model asset options the report names exactly the model asset as missing", "[mlm]") {
    for (const fs::path& path : valid_documents()) {
        CAPTURE(path.filename().string());
        const json input = dlm_test::read_json(path);
        const dlm::mlm_export out = dlm::export_mlm(input);
        std::set<std::string> expected;
        for (const auto& [at, item] : items_of(input)) {
            expected.insert(at + "/assets/mlm:model");
            // mlm has no value for dlm's "object segmentation": the caller chooses it (see the task row).
            if (item->at("properties").at("dlm:outputs").at("task") == "object segmentation") {
                expected.insert(at + "/properties/mlm:tasks");
            }
        }
        CHECK(pointers_with(out, dlm::mlm_outcome::missing) == expected);
        CHECK(out.complete() == expected.empty());
        if (!expected.empty()) {
            const dlm::report report = shared_validator().validate(out.document);
            CHECK_FALSE(report.ok());
        }
    }
}

TEST_CASE("value_scaling applied to a raw value gives dlm's normalised value, for every band", "[mlm]") {
    int bands_checked = 0;
    for (const fs::path& path : valid_documents()) {
        CAPTURE(path.filename().string());
        const json input = dlm_test::read_json(path);
        const dlm::mlm_export out = dlm::export_mlm(input, model_options());
        for (const auto& [at, item] : items_of(input)) {
            const json& inputs = item->at("properties").at("dlm:inputs");
            const double s = inputs.at("scaling_factor").get<double>();
            const json& mean = inputs.at("normalization:mean");
            const json& stdev = inputs.at("normalization:std");
            const json& exported = out.document.at(json::json_pointer(at + "/properties/mlm:input"));
            for (const json& mlm_input : exported) {
                const json& scaling = mlm_input.at("value_scaling");
                REQUIRE(scaling.size() == mean.size());
                for (std::size_t i = 0; i < scaling.size(); ++i) {
                    CHECK(scaling[i].at("type") == "z-score");
                    for (const double x : {0.0, 1.0, 137.0, 4095.0, 65535.0}) {
                        const double dlm_value = (x * s - mean[i].get<double>()) / stdev[i].get<double>();
                        const double mlm_value =
                            (x - scaling[i].at("mean").get<double>()) / scaling[i].at("stddev").get<double>();
                        CHECK(mlm_value == Approx(dlm_value).epsilon(1e-12).margin(1e-12));
                    }
                    ++bands_checked;
                }
            }
        }
    }
    CHECK(bands_checked > 50);  // 98 bands in the shipped documents
}

TEST_CASE("stac_extensions: the dlm identifier becomes mlm's, the companions stay", "[mlm]") {
    const json item = wetland_item();
    const json out = dlm::export_mlm(item, model_options()).document;
    const json& before = item.at("stac_extensions");
    const json& after = out.at("stac_extensions");
    CHECK(after[0] == std::string(dlm::mlm_extension_identifier));
    for (std::size_t i = 1; i < before.size(); ++i) CHECK(after[i] == before[i]);
    CHECK(after.back() == std::string(dlm::classification_extension_identifier));

    dlm::mlm_options keep = model_options();
    keep.keep_dlm = true;
    const json kept = dlm::export_mlm(item, keep).document;
    CHECK(dlm::has_extension(kept));
    CHECK(kept.at("properties").contains("dlm:inputs"));
    CHECK(kept.at("properties").contains("mlm:input"));
    CHECK(shared_validator().validate(kept).ok());
}

TEST_CASE("mlm:name: the option, else the title, else the id; reported when none fits", "[mlm]") {
    json item = wetland_item();
    dlm::mlm_options options = model_options();
    options.name = "Wetland UNet v1.2";
    CHECK(export_properties(item, options).at("mlm:name") == "Wetland UNet v1.2");
    item["properties"]["title"] = "Wetland UNet";
    CHECK(export_properties(item).at("mlm:name") == "Wetland UNet");
    item["properties"]["title"] = "UNet (4 bands)";
    const dlm::mlm_export from_id = dlm::export_mlm(item, model_options());
    CHECK(from_id.document.at("properties").at("mlm:name") == "unet-s2-wetland-segmentation-v1.2.0");
    REQUIRE(find_note(from_id, "/properties/mlm:name"));
    CHECK(find_note(from_id, "/properties/mlm:name")->outcome == dlm::mlm_outcome::assumed);
    item["id"] = "42";
    const dlm::mlm_export none = dlm::export_mlm(item, model_options());
    CHECK_FALSE(none.document.at("properties").contains("mlm:name"));
    CHECK(pointers_with(none, dlm::mlm_outcome::missing) == std::set<std::string>{"/properties/mlm:name"});
    options.name = "9 lives";
    CHECK_THROWS_AS(dlm::export_mlm(item, options), dlm::error);
}

TEST_CASE("architecture: type, parameters, size in bytes, pretraining; summary reported", "[mlm]") {
    json item = wetland_item();
    const dlm::mlm_export out = dlm::export_mlm(item, model_options());
    const json& p = out.document.at("properties");
    CHECK(p.at("mlm:architecture") == "UNet");
    CHECK(p.at("mlm:total_parameters") == 7763041);
    CHECK(p.at("mlm:memory_size") == 29600000);  // 29.6 MB, 1 MB = 10^6 bytes
    CHECK(find_note(out, "/properties/mlm:memory_size")->outcome == dlm::mlm_outcome::assumed);
    CHECK(p.at("mlm:pretrained") == false);  // "none"
    CHECK(p.at("mlm:pretrained_source").is_null());
    CHECK(find_note(out, "/properties/dlm:architecture/summary")->outcome == dlm::mlm_outcome::dropped);

    item["properties"]["dlm:architecture"]["pretrained"] = "ImageNet";
    const json pretrained = export_properties(item);
    CHECK(pretrained.at("mlm:pretrained") == true);
    CHECK(pretrained.at("mlm:pretrained_source") == "ImageNet");
    item["properties"]["dlm:architecture"]["pretrained"] = "";
    CHECK(export_properties(item).at("mlm:pretrained") == false);

    item["properties"].erase("dlm:architecture");
    const dlm::mlm_export unknown = dlm::export_mlm(item, model_options());
    CHECK(unknown.document.at("properties").at("mlm:architecture") == "unknown");
    CHECK(find_note(unknown, "/properties/mlm:architecture")->outcome == dlm::mlm_outcome::assumed);
    CHECK(shared_validator().validate(unknown.document).ok());
}

TEST_CASE("tasks: mlm's spelling in mlm:tasks and the output's tasks; object segmentation is the caller's choice", "[mlm]") {
    const std::vector<std::pair<std::string, std::string>> table = {
        {"regression", "regression"},
        {"classification", "classification"},
        {"object detection", "object-detection"},
        {"segmentation", "segmentation"},
        {"semantic segmentation", "semantic-segmentation"},
        {"instance segmentation", "instance-segmentation"},
        {"panoptic segmentation", "panoptic-segmentation"},
    };
    for (const auto& [dlm_task, mlm_task] : table) {
        CAPTURE(dlm_task);
        json item = wetland_item();
        item["properties"]["dlm:outputs"]["task"] = dlm_task;
        const json p = export_properties(item);
        CHECK(p.at("mlm:tasks") == json::array({mlm_task}));
        CHECK(p.at("mlm:output").at(0).at("tasks") == json::array({mlm_task}));
    }
    json item = wetland_item();
    item["properties"]["dlm:outputs"]["task"] = "object segmentation";
    const dlm::mlm_export missing = dlm::export_mlm(item, model_options());
    CHECK(pointers_with(missing, dlm::mlm_outcome::missing) == std::set<std::string>{"/properties/mlm:tasks"});
    CHECK_FALSE(shared_validator().validate(missing.document).ok());
    dlm::mlm_options options = model_options();
    options.task = "instance-segmentation";
    const dlm::mlm_export chosen = dlm::export_mlm(item, options);
    CHECK(chosen.complete());
    CHECK(chosen.document.at("properties").at("mlm:tasks") == json::array({"instance-segmentation"}));
    CHECK(find_note(chosen, "/properties/mlm:tasks")->outcome == dlm::mlm_outcome::supplied);
    options.task = "object segmentation";
    CHECK_THROWS_AS(dlm::export_mlm(item, options), dlm::error);
}

TEST_CASE("inputs: one mlm input per tensor (object or array form), shape with -1, bands by name", "[mlm]") {
    json item = wetland_item();
    const json input = export_properties(item).at("mlm:input");
    REQUIRE(input.size() == 1);
    CHECK(input[0].at("name") == "x");
    CHECK(input[0].at("bands") == json::array({"B02", "B03", "B04", "B08"}));
    CHECK(input[0].at("input").at("shape") == json::array({1, 4, 256, 256}));
    CHECK(input[0].at("input").at("dim_order") == json::array({"batch", "bands", "height", "width"}));
    CHECK(input[0].at("input").at("data_type") == "float32");
    CHECK(input[0].at("pre_processing_function") ==
          json({{"format", "python"}, {"expression", "wetland_unet.transforms:clip_and_scale(Tensor<BxCxHxW>)"}}));

    // Array form with two tensors, one without batch and height: two inputs, -1 for what dlm does not give.
    item["properties"]["dlm:inputs"]["input_tensors"] =
        json::array({{{"batch", 2}, {"dim", 4}, {"height", 64}, {"width", 64}}, {{"dim", 4}, {"width", 32}}});
    const dlm::mlm_export two = dlm::export_mlm(item, model_options());
    const json& inputs = two.document.at("properties").at("mlm:input");
    REQUIRE(inputs.size() == 2);
    CHECK(inputs[0].at("name") == "x_0");
    CHECK(inputs[1].at("name") == "x_1");
    CHECK(inputs[1].at("input").at("shape") == json::array({-1, 4, -1, 32}));
    CHECK(shared_validator().validate(two.document).ok());

    // The array form with one tensor is one input too.
    item["properties"]["dlm:inputs"]["input_tensors"] = json::array({{{"batch", 1}, {"dim", 4}}});
    CHECK(export_properties(item).at("mlm:input").at(0).at("input").at("shape") == json::array({1, 4, -1, -1}));

    // Without band definitions mlm accepts, no band names: "channel" and an empty list, reported.
    json no_eo = wetland_item();
    no_eo["properties"].erase("eo:bands");
    const dlm::mlm_export unnamed = dlm::export_mlm(no_eo, model_options());
    const json& first = unnamed.document.at("properties").at("mlm:input").at(0);
    CHECK(first.at("bands") == json::array());
    CHECK(first.at("input").at("dim_order") == json::array({"batch", "channel", "height", "width"}));
    CHECK(find_note(unnamed, "/properties/dlm:inputs/selected_bands")->outcome == dlm::mlm_outcome::dropped);
}

TEST_CASE("input data type: float32 when scaled, else dlm's data type in raster names", "[mlm]") {
    json item = wetland_item();
    auto& inputs = item["properties"]["dlm:inputs"];
    inputs["scaling_factor"] = 1;
    inputs["normalization:mean"] = json::array({0, 0, 0, 0});
    inputs["normalization:std"] = json::array({1, 1, 1, 1});
    const std::vector<std::pair<std::string, std::string>> table = {
        {"uint16", "uint16"}, {"byte", "int8"},      {"ubyte", "uint8"},   {"short", "int16"},
        {"ushort", "uint16"}, {"intc", "int32"},     {"uintc", "uint32"},  {"int_", "int64"},
        {"longlong", "int64"}, {"uint", "uint64"},  {"ulonglong", "uint64"}, {"half", "float16"},
        {"double", "float64"}, {"float_", "float64"}, {"float96", "other"}, {"float128", "other"},
        {"longfloat", "other"},
    };
    for (const auto& [dlm_type, raster_type] : table) {
        CAPTURE(dlm_type);
        item["properties"]["dlm:data"]["data_type"] = dlm_type;
        const dlm::mlm_export out = dlm::export_mlm(item, model_options());
        const json& first = out.document.at("properties").at("mlm:input").at(0);
        CHECK(first.at("input").at("data_type") == raster_type);
        CHECK_FALSE(first.contains("value_scaling"));
    }
}

TEST_CASE("outputs: shape, dim_order, data type, post-processing", "[mlm]") {
    json item = wetland_item();
    const dlm::mlm_export out = dlm::export_mlm(item, model_options());
    const json& output = out.document.at("properties").at("mlm:output").at(0);
    CHECK(output.at("result").at("shape") == json::array({1, 4, 256, 256}));
    CHECK(output.at("result").at("dim_order") == json::array({"batch", "class", "height", "width"}));
    CHECK(output.at("result").at("data_type") == "float32");
    CHECK(find_note(out, "/properties/mlm:output/0/result/data_type")->outcome == dlm::mlm_outcome::assumed);
    CHECK(output.at("post_processing_function").at("format") == "python");

    dlm::mlm_options options = model_options();
    options.output_data_type = "uint8";
    const dlm::mlm_export typed = dlm::export_mlm(item, options);
    CHECK(typed.document.at("properties").at("mlm:output").at(0).at("result").at("data_type") == "uint8");
    CHECK(find_note(typed, "/properties/mlm:output/0/result/data_type")->outcome == dlm::mlm_outcome::supplied);
    options.output_data_type = "ubyte";
    CHECK_THROWS_AS(dlm::export_mlm(item, options), dlm::error);
}

TEST_CASE("class_name_mapping in each form becomes the same classification:classes; dont_care_index is nodata", "[mlm]") {
    const json records = json::array({{{"index", 1}, {"class_name", "water"}}, {{"index", 0}, {"class_name", "land"}}});
    const json object = {{"1", "water"}, {"0", "land"}};
    const json legacy = json::array({{{"1", "water"}}, {{"0", "land"}}});
    const json expected = json::array({{{"value", 0}, {"name", "land"}}, {{"value", 1}, {"name", "water"}}});
    for (const json& mapping : {records, object, legacy}) {
        CAPTURE(mapping.dump());
        json item = wetland_item();
        item["properties"]["dlm:outputs"]["number_of_classes"] = 2;
        item["properties"]["dlm:outputs"]["final_layer_size"] = json::array({1, 2, 256, 256});
        item["properties"]["dlm:outputs"]["class_name_mapping"] = mapping;
        const dlm::mlm_export out = dlm::export_mlm(item, model_options());
        CHECK(out.document.at("properties").at("mlm:output").at(0).at("classification:classes") == expected);
        CHECK(shared_validator().validate(out.document).ok());
    }
    json item = wetland_item();
    item["properties"]["dlm:outputs"]["dont_care_index"] = 0;
    const json classes = export_properties(item).at("mlm:output").at(0).at("classification:classes");
    CHECK(classes.at(0) == json({{"value", 0}, {"name", "other"}, {"nodata", true}}));
    CHECK_FALSE(classes.at(1).contains("nodata"));
}

TEST_CASE("runtime: framework, version, source code asset, entrypoint, containers and accelerator", "[mlm]") {
    json item = wetland_item();
    const dlm::mlm_export out = dlm::export_mlm(item, model_options());
    const json& p = out.document.at("properties");
    CHECK(p.at("mlm:framework") == "PyTorch");
    CHECK(p.at("mlm:framework_version") == "1.10.2");
    const json& code = out.document.at("assets").at("mlm:source_code");
    CHECK(code.at("href") == "https://github.com/example-org/wetland-unet/tree/4f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39");
    CHECK(code.at("roles") == json::array({"mlm:source_code", "code"}));
    CHECK(code.at("mlm:entrypoint") == "thelper.cli.inference_session");
    CHECK(code.at("requirement_file") == "requirements.txt");
    CHECK(find_note(out, "/properties/dlm:runtime/requirement_file")->outcome == dlm::mlm_outcome::moved);
    const json& container = out.document.at("assets").at("mlm:container");
    CHECK(container.at("href") == "registry.example.org/wetland/unet-s2:1.2.0");
    CHECK(container.at("type") == "application/vnd.oci.image.index.v1+json");
    CHECK(container.at("roles") == json::array({"runtime"}));
    CHECK(p.at("mlm:accelerator") == "cuda");
    CHECK(p.at("mlm:accelerator_constrained") == true);
    for (const char* member : {"working_dir", "run", "docker_file"}) {
        CHECK(find_note(out, std::string("/properties/dlm:runtime/docker/") + member)->outcome == dlm::mlm_outcome::dropped);
    }

    // Framework casing, a version that is not full semver, a source URL the commit cannot be pinned in.
    auto& runtime = item["properties"]["dlm:runtime"];
    runtime["framework"] = "pytorch";
    runtime["version"] = "1.5";
    runtime["model_src_url"] = "https://code.example.org/wetland";
    // The array form: two containers, one GPU and one CPU.
    runtime["docker"] = json::array(
        {{{"image_name", "r/unet"}, {"tag", "cpu"}, {"working_dir", "/w"}, {"run", "run"}, {"gpu", false}},
         {{"image_name", "r/unet"}, {"tag", "gpu"}, {"working_dir", "/w"}, {"run", "run"}, {"gpu", true}}});
    const dlm::mlm_export other = dlm::export_mlm(item, model_options());
    const json& q = other.document.at("properties");
    CHECK(q.at("mlm:framework") == "PyTorch");
    CHECK_FALSE(q.contains("mlm:framework_version"));
    CHECK(find_note(other, "/properties/dlm:runtime/version")->outcome == dlm::mlm_outcome::dropped);
    CHECK(other.document.at("assets").at("mlm:source_code").at("href") == "https://code.example.org/wetland");
    CHECK(find_note(other, "/properties/dlm:runtime/model_commit_hash")->outcome == dlm::mlm_outcome::dropped);
    CHECK_FALSE(q.contains("mlm:accelerator"));
    CHECK(other.document.at("assets").at("mlm:container-1").at("mlm:accelerator") == "amd64");
    CHECK(other.document.at("assets").at("mlm:container-2").at("mlm:accelerator") == "cuda");
    CHECK(other.document.at("assets").at("mlm:container-2").at("href") == "r/unet:gpu");
    CHECK(shared_validator().validate(other.document).ok());
}

TEST_CASE("model asset, processing level and the data fields mlm has no place for", "[mlm]") {
    const json item = wetland_item();
    const dlm::mlm_export out = dlm::export_mlm(item, model_options());
    CHECK(out.document.at("assets").at("mlm:model") ==
          json({{"href", "https://models.example.org/weights/model.pt"},
                {"title", "Model weights"},
                {"roles", {"mlm:model"}},
                {"mlm:artifact_type", "torch.save"}}));
    CHECK(find_note(out, "/assets/mlm:model")->outcome == dlm::mlm_outcome::supplied);
    CHECK(out.document.at("properties").at("processing:level") == "L2");
    for (const char* field : {"nodata", "number_of_bands", "data_type"}) {
        CHECK(find_note(out, std::string("/properties/dlm:data/") + field)->outcome == dlm::mlm_outcome::dropped);
    }
    CHECK(find_note(out, "/properties/dlm:data/item_examples")->outcome == dlm::mlm_outcome::dropped);

    dlm::mlm_options href_only;
    href_only.model_href = "https://models.example.org/weights/model.pt";
    const dlm::mlm_export half = dlm::export_mlm(item, href_only);
    CHECK(pointers_with(half, dlm::mlm_outcome::missing) == std::set<std::string>{"/assets/mlm:model"});
    CHECK_FALSE(half.document.at("assets").contains("mlm:model"));
}

TEST_CASE("nothing but the dlm fields, the extensions and the added assets changes", "[mlm]") {
    const json item = wetland_item();
    const dlm::mlm_export out = dlm::export_mlm(item, model_options());
    for (const auto& [key, value] : item.items()) {
        if (key == "stac_extensions" || key == "properties" || key == "assets") continue;
        CHECK(out.document.at(key) == value);
    }
    for (const auto& [key, value] : item.at("properties").items()) {
        if (key.rfind("dlm:", 0) == 0) continue;
        CHECK(out.document.at("properties").at(key) == value);
    }
    for (const auto& [key, value] : item.at("assets").items()) CHECK(out.document.at("assets").at(key) == value);
    for (const dlm::patch_operation& op : out.changes) {
        CHECK_FALSE(op.reason.empty());
        const bool allowed = op.path.rfind("/properties/", 0) == 0 || op.path.rfind("/assets/", 0) == 0 ||
                             op.path.rfind("/stac_extensions/", 0) == 0;
        CHECK(allowed);
    }
}

TEST_CASE("a Collection gets summaries of architecture, tasks and framework", "[mlm]") {
    const json collection =
        dlm_test::read_json(dlm_test::data_dir / "valid" / "collection-deeplabv3-landsat-land-cover.json");
    const dlm::mlm_export out = dlm::export_mlm(collection);
    CHECK(out.complete());
    const json& summaries = out.document.at("summaries");
    CHECK(summaries.at("mlm:architecture") == json::array({collection.at("dlm:architecture").at("type")}));
    CHECK(summaries.at("mlm:tasks") == json::array({"semantic-segmentation"}));
    CHECK(summaries.at("mlm:framework") == json::array({"PyTorch"}));
    CHECK(summaries.at("platform") == collection.at("summaries").at("platform"));
    CHECK_FALSE(out.document.contains("mlm:input"));
    CHECK(find_note(out, "/dlm:inputs")->outcome == dlm::mlm_outcome::dropped);
    for (const auto& [key, value] : out.document.items()) CHECK(key.rfind("dlm:", 0) != 0);
    CHECK(shared_validator().validate(out.document).ok());
}

TEST_CASE("target STAC version and bad input", "[mlm]") {
    json item = wetland_item();
    dlm::mlm_options options = model_options();
    options.stac_version = "1.1.0";
    const dlm::mlm_export out = dlm::export_mlm(item, options);
    CHECK(out.document.at("stac_version") == "1.1.0");
    CHECK(find_note(out, "/stac_version")->outcome == dlm::mlm_outcome::assumed);

    item["properties"]["dlm:inputs"].erase("name");
    try {
        (void)dlm::export_mlm(item);
        FAIL("expected dlm::error");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == "/properties/dlm:inputs");
    }
    CHECK_THROWS_AS(dlm::export_mlm(json::array()), dlm::error);
}

TEST_CASE("the shipped mlm schema rejects what mlm forbids", "[mlm]") {
    const json good = dlm::export_mlm(wetland_item(), model_options()).document;
    REQUIRE(shared_validator().validate(good).ok());
    const auto& roots = dlm_fuzz::shipped_roots();
    const auto rejects = [&roots](const json& doc) {
        // The validator's own yes/no pass and valijson agree on the mlm and classification schemas, and the
        // rejection is explained as a schema finding.
        for (const char* uri : {dlm::mlm_extension_identifier.data(), dlm::classification_extension_identifier.data()}) {
            const dlm_fuzz::verdicts v = dlm_fuzz::judge(*roots.at(uri), doc);
            CHECK(v.check == v.valijson);
        }
        const dlm::report report = shared_validator().validate(doc);
        for (const auto& f : report.errors) CHECK(f.rule == dlm::rules::schema);
        return !report.ok();
    };
    CHECK_FALSE(rejects(good));
    json bad = good;
    bad["properties"]["mlm:tasks"] = json::array({"object segmentation"});
    CHECK(rejects(bad));
    bad = good;
    bad["properties"]["mlm:unknown"] = 1;
    CHECK(rejects(bad));
    bad = good;
    bad["assets"]["mlm:model"].erase("mlm:artifact_type");
    CHECK(rejects(bad));
    bad = good;
    bad["assets"]["readme"]["mlm:artifact_type"] = "torch.save";
    CHECK(rejects(bad));
    bad = good;
    bad["assets"].erase("mlm:model");
    CHECK(rejects(bad));
    bad = good;
    bad["assets"]["mlm:model"]["mlm:name"] = "x-y-z";
    CHECK(rejects(bad));
    bad = good;
    bad["properties"]["mlm:framework_version"] = "1.5";
    CHECK(rejects(bad));
    bad = good;
    bad["properties"].erase("eo:bands");  // named input bands need band definitions
    CHECK(rejects(bad));
    bad = good;
    bad["properties"]["mlm:output"][0]["classification:classes"][0].erase("name");
    CHECK(rejects(bad));
    bad = good;
    bad["properties"]["mlm:input"][0]["value_scaling"][0].erase("stddev");
    CHECK(rejects(bad));
    bad = good;
    bad["properties"]["mlm:input"][0]["input"]["shape"][0] = -2;
    CHECK(rejects(bad));
}

}  // namespace dlm_test_mlm
