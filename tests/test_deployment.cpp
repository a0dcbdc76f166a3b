// The deployment view (dlm/deployment.hpp) on the bundled and test documents, and on documents changed one field
// at a time to leave something undefined or ambiguous.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/deployment.hpp>
#include <dlm/error.hpp>
#include <dlm/rules.hpp>

#include "test_data.hpp"

namespace dlm_test_deployment {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using dlm_test::data_dir;
using dlm_test::read_json;

const std::filesystem::path examples_dir = data_dir.parent_path().parent_path() / "examples" / "data";

nlohmann::json valid(const std::string& name) { return read_json(data_dir / "valid" / name); }
nlohmann::json wetland() { return read_json(examples_dir / "unet-sentinel2-wetland-item.json"); }

/// The findings of `rule` in `list`.
std::vector<dlm::finding> with_rule(const std::vector<dlm::finding>& list, const std::string& rule) {
    std::vector<dlm::finding> out;
    for (const auto& f : list) {
        if (f.rule == rule) out.push_back(f);
    }
    return out;
}

}  // namespace

TEST_CASE("deployment view of the bundled wetland Item", "[deployment]") {
    const dlm::deployment v = dlm::read_deployment(wetland());
    CHECK(v.type == "Feature");
    CHECK(v.id == "unet-s2-wetland-segmentation-v1.2.0");
    CHECK(v.input_name == "x");
    REQUIRE(v.tensors.size() == 1);
    CHECK(v.tensors[0].batch == 1);
    CHECK(v.tensors[0].channels == 4);
    CHECK(v.tensors[0].height == 256);
    CHECK(v.tensors[0].width == 256);
    CHECK(v.tensors[0].pointer == "/properties/dlm:inputs/input_tensors");

    const std::vector<std::int64_t> indices = {1, 2, 3, 7};
    const std::vector<std::string> names = {"B02", "B03", "B04", "B08"};
    const std::vector<std::string> common = {"blue", "green", "red", "nir"};
    const std::vector<double> means = {0.0542, 0.0812, 0.0753, 0.2634};
    const std::vector<double> stds = {0.0281, 0.0343, 0.0478, 0.0845};
    REQUIRE(v.channels.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& c = v.channels[i];
        INFO(i);
        CHECK(c.band_index == indices[i]);
        CHECK(c.pointer == "/properties/dlm:inputs/selected_bands/" + std::to_string(i));
        CHECK(c.name == names[i]);
        CHECK(c.common_name == common[i]);
        CHECK(c.source == dlm::band_source::useful_bands);
        CHECK(c.source_pointer == "/properties/dlm:data/useful_bands/" + std::to_string(i));
        REQUIRE(c.affine);
        // a = s / d and b = -m / d exactly, in double.
        CHECK(c.affine->a == 0.0001 / stds[i]);
        CHECK(c.affine->b == -means[i] / stds[i]);
        for (const double x : {0.0, 1.0, 1234.0, 65535.0}) {
            CHECK((*c.affine)(x) == Approx((x * 0.0001 - means[i]) / stds[i]).epsilon(1e-12));
        }
    }
    CHECK(v.number_of_bands == 12);
    CHECK(v.nodata == 0.0);
    CHECK(v.data_type == dlm::data_type::uint16);
    CHECK(v.source_data_type == dlm::data_type::uint16);
    CHECK(v.task == dlm::task::segmentation);
    REQUIRE(v.classes.size() == 4);
    CHECK(v.classes[1].name == "open water");
    CHECK(v.classes[3].name == "peatland");
    CHECK_FALSE(v.dont_care_index);
    CHECK(v.framework == "PyTorch");
    CHECK(v.framework_version == "1.10.2");
    CHECK(v.model_handler == "thelper.cli.inference_session");
    CHECK(v.pre_processing_function == "wetland_unet.transforms:clip_and_scale(Tensor<BxCxHxW>)");
    CHECK(v.post_processing_function == "wetland_unet.post:argmax(Tensor<Bx4xHxW>) -> Tensor<Bx1xHxW>");
    REQUIRE(v.docker.size() == 1);
    CHECK(v.docker[0].reference() == "registry.example.org/wetland/unet-s2:1.2.0");
    CHECK(v.docker[0].docker_file);
    CHECK(v.docker[0].gpu);
    CHECK(v.docker[0].working_dir == "/workspace");
    CHECK(v.docker[0].run == "python -m thelper infer --config /workspace/config.yml");
    CHECK(v.docker[0].pointer == "/properties/dlm:runtime/docker");
    CHECK(v.findings.errors.empty());
    CHECK(v.findings.warnings.empty());
}

TEST_CASE("deployment view: every valid test document has a view", "[deployment]") {
    for (const auto& entry : std::filesystem::directory_iterator(data_dir / "valid")) {
        const auto document = read_json(entry.path());
        if (document.value("type", "") == "FeatureCollection") continue;
        INFO(entry.path().filename().string());
        const dlm::deployment v = dlm::read_deployment(document);
        CHECK(v.findings.errors.empty());
        CHECK_FALSE(v.channels.empty());
        for (const auto& c : v.channels) CHECK(c.affine);
        const nlohmann::json j = v;
        CHECK(j["channels"].size() == v.channels.size());
        CHECK_NOTHROW(j.dump());
    }
}

TEST_CASE("deployment view: band names from eo:bands, STAC 1.1 bands, summaries and assets", "[deployment]") {
    SECTION("eo:bands in properties, and nodata \"nan\"") {
        const dlm::deployment v = dlm::read_deployment(valid("item-canopy-height-regression.json"));
        REQUIRE(v.channels.size() == 10);
        CHECK(v.channels[0].source == dlm::band_source::eo_bands);
        CHECK(v.channels[0].source_pointer == "/properties/eo:bands/0");
        CHECK(v.channels[0].name == "B02");
        CHECK(v.channels[0].common_name == "blue");
        REQUIRE(v.nodata);
        CHECK(std::isnan(*v.nodata));
        CHECK(v.source_data_type == dlm::data_type::float32);
        CHECK(v.task == dlm::task::regression);
        CHECK(v.classes.empty());
        const nlohmann::json j = v;
        CHECK(j["nodata"] == "nan");
        CHECK(with_rule(v.findings.warnings, dlm::rules::deploy_docker_none).size() == 1);
    }
    SECTION("STAC 1.1 bands (eo v2 eo:common_name)") {
        const dlm::deployment v = dlm::read_deployment(valid("item-efficientnet-bigearthnet-multilabel-stac11.json"));
        REQUIRE(v.channels.size() == 12);
        CHECK(v.channels[1].source == dlm::band_source::bands);
        CHECK(v.channels[1].source_pointer == "/properties/bands/1");
        CHECK(v.channels[1].name == "B02");
        CHECK(v.channels[1].common_name == "blue");
    }
    SECTION("eo:bands in a Collection's summaries") {
        auto document = valid("collection-deeplabv3-landsat-land-cover.json");
        document["dlm:data"].erase("useful_bands");
        const dlm::deployment v = dlm::read_deployment(document);
        CHECK(v.type == "Collection");
        REQUIRE_FALSE(v.channels.empty());
        CHECK(v.channels[0].band_index == 1);
        CHECK(v.channels[0].source == dlm::band_source::eo_bands);
        CHECK(v.channels[0].source_pointer == "/summaries/eo:bands/1");
        CHECK(v.channels[0].name == "SR_B2");
        CHECK(v.channels[0].pointer == "/dlm:inputs/selected_bands/0");
        // dont_care_index 0 is marked, and an unnamed don't-care class is not reported.
        REQUIRE(v.dont_care_index == 0u);
        CHECK(v.classes[0].dont_care);
        CHECK_FALSE(v.classes[1].dont_care);
        CHECK(with_rule(v.findings.warnings, dlm::rules::deploy_classes_unnamed).empty());
    }
    SECTION("eo:bands of an asset") {
        auto document = valid("item-faster-rcnn-spot-ship-detection.json");
        document["properties"].erase("eo:bands");
        document["properties"]["dlm:data"].erase("useful_bands");
        const dlm::deployment v = dlm::read_deployment(document);
        REQUIRE(v.channels.size() == 3);
        CHECK(v.channels[0].band_index == 2);
        CHECK(v.channels[0].source_pointer == "/assets/sample-input/eo:bands/2");
        CHECK(v.channels[0].name == "B2");
        CHECK(v.findings.warnings.empty());
    }
    SECTION("the selected_band spelling is where the pointers go") {
        const dlm::deployment v = dlm::read_deployment(valid("item-linknet-roads-pleiades-selected-band-spelling.json"));
        REQUIRE_FALSE(v.channels.empty());
        CHECK(v.channels[0].pointer == "/properties/dlm:inputs/selected_band/0");
    }
}

TEST_CASE("deployment view: unnamed and conflicting bands are reported, never guessed", "[deployment]") {
    SECTION("a band array that does not list every band is not used") {
        auto document = wetland();
        document["properties"].erase("eo:bands");
        document["properties"]["dlm:data"].erase("useful_bands");
        const dlm::deployment v = dlm::read_deployment(document);
        // The sample-input asset lists the 4 selected bands, not the 12 of the data: positions would be wrong.
        for (const auto& c : v.channels) {
            CHECK_FALSE(c.name);
            CHECK(c.source == dlm::band_source::none);
        }
        const auto unnamed = with_rule(v.findings.warnings, dlm::rules::deploy_band_unnamed);
        REQUIRE(unnamed.size() == 4);
        CHECK(unnamed[3].pointer == "/properties/dlm:inputs/selected_bands/3");
        CHECK(unnamed[3].message.find("/assets/sample-input/eo:bands (4 bands)") != std::string::npos);
    }
    SECTION("a useful_bands name that is the band's common name agrees with every band array") {
        auto document = wetland();
        document["properties"]["dlm:data"]["useful_bands"][0]["name"] = "blue";
        document["properties"]["eo:bands"][1].erase("common_name");  // known as "blue" only through useful_bands
        document["assets"]["sample-input"]["eo:bands"] = document["properties"]["eo:bands"];
        document["properties"]["eo:bands"][1]["common_name"] = "blue";
        const dlm::deployment v = dlm::read_deployment(document);
        CHECK(v.channels[0].name == "blue");
        CHECK(v.channels[0].common_name == "blue");
        CHECK(v.findings.warnings.empty());
    }
    SECTION("useful_bands and eo:bands disagree") {
        auto document = wetland();
        document["properties"]["eo:bands"][1]["name"] = "B2";
        document["properties"]["eo:bands"][1]["common_name"] = "ultrablue";
        const dlm::deployment v = dlm::read_deployment(document);
        CHECK(v.channels[0].name == "B02");  // useful_bands wins
        const auto conflicts = with_rule(v.findings.warnings, dlm::rules::deploy_band_conflict);
        REQUIRE(conflicts.size() == 1);
        CHECK(conflicts[0].pointer == "/properties/eo:bands/1");
    }
}

TEST_CASE("deployment view: nodata as a number", "[deployment]") {
    const auto with_nodata = [](const nlohmann::json& nodata, const char* type = "uint16") {
        auto document = wetland();
        document["properties"]["dlm:data"]["nodata"] = nodata;
        document["properties"]["dlm:data"]["data_type"] = type;
        return dlm::read_deployment(document);
    };
    const std::string pointer = "/properties/dlm:data/nodata";
    SECTION("NaN and infinities in float data") {
        for (const char* text : {"nan", "NaN", "NAN"}) {
            const auto v = with_nodata(text, "float32");
            REQUIRE(v.nodata);
            CHECK(std::isnan(*v.nodata));
            CHECK(v.findings.ok());
            CHECK(v.findings.warnings.empty());
        }
        CHECK(with_nodata("-inf", "float32").nodata == -std::numeric_limits<double>::infinity());
        CHECK(with_nodata("inf", "float64").nodata == std::numeric_limits<double>::infinity());
        CHECK(with_nodata(-3.4028234663852886e38, "float32").findings.ok());
    }
    SECTION("a number written as a string") {
        const auto v = with_nodata("65535");
        CHECK(v.nodata == 65535.0);
        const auto w = with_rule(v.findings.warnings, dlm::rules::deploy_nodata_string_number);
        REQUIRE(w.size() == 1);
        CHECK(w[0].pointer == pointer);
    }
    SECTION("a string that names no number") {
        const auto v = with_nodata("none");
        CHECK_FALSE(v.nodata);
        const auto e = with_rule(v.findings.errors, dlm::rules::deploy_nodata_unrecognized);
        REQUIRE(e.size() == 1);
        CHECK(e[0].pointer == pointer);
        CHECK(e[0].message.find("\"none\"") != std::string::npos);
    }
    SECTION("a value the data type cannot hold") {
        for (const auto& [nodata, type] : std::vector<std::pair<nlohmann::json, const char*>>{
                 {-1, "uint16"}, {65536, "uint16"}, {"nan", "uint16"}, {0.5, "int32"}, {300, "uint8"}, {128, "int8"},
                 {70000, "float16"}}) {
            INFO(nodata.dump() << " " << type);
            const auto e = with_rule(with_nodata(nodata, type).findings.errors, dlm::rules::deploy_nodata_out_of_range);
            REQUIRE(e.size() == 1);
            CHECK(e[0].pointer == pointer);
        }
        CHECK(with_nodata(-128, "int8").findings.ok());
        CHECK(with_nodata(255, "ubyte").findings.ok());
    }
}

TEST_CASE("deployment view: data types", "[deployment]") {
    CHECK(dlm::read_deployment(valid("item-vgg16-cloud-cover-landsat-numpy-data-type.json")).source_data_type ==
          dlm::data_type::uint16);  // "ushort"
    auto document = wetland();
    document["properties"]["dlm:data"]["data_type"] = "int_";
    auto v = dlm::read_deployment(document);
    CHECK(v.source_data_type == dlm::data_type::int64);
    CHECK(with_rule(v.findings.warnings, dlm::rules::deploy_data_type_platform_dependent).size() == 1);
    for (const char* type : {"other", "float128", "longfloat"}) {
        document["properties"]["dlm:data"]["data_type"] = type;
        v = dlm::read_deployment(document);
        CHECK_FALSE(v.source_data_type);
        const auto e = with_rule(v.findings.errors, dlm::rules::deploy_data_type_unsupported);
        REQUIRE(e.size() == 1);
        CHECK(e[0].pointer == "/properties/dlm:data/data_type");
    }
}

TEST_CASE("deployment view: normalization and tensors left undefined", "[deployment]") {
    SECTION("a mean too few, a std of zero") {
        auto document = wetland();
        auto& inputs = document["properties"]["dlm:inputs"];
        inputs["normalization:mean"].erase(3);
        inputs["normalization:std"][1] = 0;
        const auto v = dlm::read_deployment(document);
        CHECK(v.channels[0].affine);
        CHECK_FALSE(v.channels[1].affine);
        CHECK(v.channels[2].affine);
        CHECK_FALSE(v.channels[3].affine);
        const auto e = with_rule(v.findings.errors, dlm::rules::deploy_normalization_undefined);
        REQUIRE(e.size() == 2);
        CHECK(e[0].pointer == "/properties/dlm:inputs/normalization:std/1");
        CHECK(e[1].pointer == "/properties/dlm:inputs/normalization:mean");
    }
    SECTION("unknown dimensions and a channel count that disagrees") {
        auto document = wetland();
        auto& tensor = document["properties"]["dlm:inputs"]["input_tensors"];
        tensor.erase("height");
        tensor.erase("batch");
        tensor["dim"] = 3;
        const auto v = dlm::read_deployment(document);
        CHECK_FALSE(v.tensors[0].height);
        CHECK_FALSE(v.tensors[0].batch);
        CHECK(v.tensors[0].width == 256);
        const auto w = with_rule(v.findings.warnings, dlm::rules::deploy_tensor_dimension_unknown);
        REQUIRE(w.size() == 1);
        CHECK(w[0].pointer == "/properties/dlm:inputs/input_tensors");
        CHECK(w[0].message.find("batch, height") != std::string::npos);
        const auto e = with_rule(v.findings.errors, dlm::rules::deploy_tensor_channels_mismatch);
        REQUIRE(e.size() == 1);
        CHECK(e[0].pointer == "/properties/dlm:inputs/input_tensors/dim");
    }
    SECTION("two input tensors") {
        const auto v = dlm::read_deployment(valid("item-siamese-change-detection-two-tensors.json"));
        REQUIRE(v.tensors.size() == 2);
        CHECK(v.tensors[1].pointer == "/properties/dlm:inputs/input_tensors/1");
    }
}

TEST_CASE("deployment view: classes", "[deployment]") {
    SECTION("number_of_classes absent, a class unnamed, a class named twice") {
        auto document = wetland();
        auto& outputs = document["properties"]["dlm:outputs"];
        outputs.erase("number_of_classes");
        outputs["class_name_mapping"].erase(2);                               // "marsh"
        outputs["class_name_mapping"].push_back({{"index", 1}, {"class_name", "lake"}});  // a second name for 1
        const auto v = dlm::read_deployment(document);
        REQUIRE(v.classes.size() == 4);  // the indices the mapping names
        CHECK(v.classes[1].name == "open water");
        CHECK_FALSE(v.classes[2].name);
        CHECK(with_rule(v.findings.warnings, dlm::rules::deploy_classes_count_unknown).size() == 1);
        const auto unnamed = with_rule(v.findings.warnings, dlm::rules::deploy_classes_unnamed);
        REQUIRE(unnamed.size() == 1);
        CHECK(unnamed[0].pointer == "/properties/dlm:outputs/class_name_mapping");
        CHECK(unnamed[0].message.find(": 2") != std::string::npos);
        const auto twice = with_rule(v.findings.errors, dlm::rules::deploy_classes_invalid);
        REQUIRE(twice.size() == 1);
        CHECK(twice[0].pointer == "/properties/dlm:outputs/class_name_mapping/3");
    }
    SECTION("the object form points at its keys") {
        auto document = wetland();
        document["properties"]["dlm:outputs"]["class_name_mapping"] = {{"0", "other"}, {"07", "far"}};
        const auto v = dlm::read_deployment(document);
        const auto invalid = with_rule(v.findings.errors, dlm::rules::deploy_classes_invalid);
        REQUIRE(invalid.size() == 1);
        CHECK(invalid[0].pointer == "/properties/dlm:outputs/class_name_mapping/07");
    }
}

TEST_CASE("deployment view: every docker form", "[deployment]") {
    const auto with_docker = [](const nlohmann::json& docker) {
        auto document = wetland();
        document["properties"]["dlm:runtime"]["docker"] = docker;
        return dlm::read_deployment(document);
    };
    const nlohmann::json base = {{"working_dir", "/w"}, {"run", "serve"}, {"gpu", false}};
    SECTION("image and tag; docker_file only (an array)") {
        auto image = base;
        image["image_name"] = "ghcr.io/org/model";
        image["tag"] = "2.0";
        auto build = base;
        build["docker_file"] = "https://example.org/Dockerfile";
        build["gpu"] = true;
        const auto v = with_docker({image, build});
        REQUIRE(v.docker.size() == 2);
        CHECK(v.docker[0].reference() == "ghcr.io/org/model:2.0");
        CHECK_FALSE(v.docker[0].gpu);
        CHECK(v.docker[0].pointer == "/properties/dlm:runtime/docker/0");
        CHECK_FALSE(v.docker[1].image);
        CHECK(v.docker[1].reference() == "build from https://example.org/Dockerfile");
        CHECK(v.docker[1].gpu);
        CHECK(v.findings.ok());
        CHECK(v.findings.warnings.empty());
    }
    SECTION("an image without a tag; a registry port is not a tag") {
        auto image = base;
        image["image_name"] = "registry.example.org:5000/org/model";
        const auto v = with_docker(image);
        CHECK(v.docker[0].reference() == "registry.example.org:5000/org/model");
        const auto w = with_rule(v.findings.warnings, dlm::rules::deploy_docker_untagged);
        REQUIRE(w.size() == 1);
        CHECK(w[0].pointer == "/properties/dlm:runtime/docker/image_name");
    }
    SECTION("an image with a digest needs no tag") {
        auto image = base;
        image["image_name"] = "org/model@sha256:0123456789abcdef";
        CHECK(with_docker(image).findings.warnings.empty());
    }
    SECTION("a tag twice") {
        auto image = base;
        image["image_name"] = "org/model:1.0";
        image["tag"] = "2.0";
        const auto e = with_rule(with_docker(image).findings.errors, dlm::rules::deploy_docker_tag_conflict);
        REQUIRE(e.size() == 1);
        CHECK(e[0].pointer == "/properties/dlm:runtime/docker/tag");
    }
    SECTION("neither image nor docker_file") {
        const auto v = with_docker(nlohmann::json::array({base}));
        CHECK(v.docker[0].reference().empty());
        const auto e = with_rule(v.findings.errors, dlm::rules::deploy_docker_no_image);
        REQUIRE(e.size() == 1);
        CHECK(e[0].pointer == "/properties/dlm:runtime/docker/0");
    }
}

TEST_CASE("deployment view as JSON", "[deployment]") {
    const nlohmann::json j = dlm::read_deployment(wetland());
    CHECK(j["type"] == "Feature");
    CHECK(j["channels"][3]["name"] == "B08");
    CHECK(j["channels"][3]["source"] == "useful_bands");
    CHECK(j["channels"][3]["affine"]["a"] == 0.0001 / 0.0845);
    CHECK(j["tensors"][0]["channels"] == 4);
    CHECK(j["nodata"] == 0.0);
    CHECK(j["source_data_type"] == "uint16");
    CHECK(j["task"] == "segmentation");
    CHECK(j["docker"][0]["reference"] == "registry.example.org/wetland/unet-s2:1.2.0");
    CHECK(j["findings"]["errors"].empty());
    CHECK(j["dont_care_index"].is_null());
}

TEST_CASE("deployment view throws like read_model", "[deployment]") {
    auto document = wetland();
    document["properties"]["dlm:inputs"]["scaling_factor"] = "0.0001";
    try {
        (void)dlm::read_deployment(document);
        FAIL("no exception");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == "/properties/dlm:inputs/scaling_factor");
    }
    CHECK_THROWS_AS(dlm::read_deployment(nlohmann::json::array()), dlm::error);
}

}  // namespace dlm_test_deployment
