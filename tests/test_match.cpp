// Model / imagery match (dlm/match.hpp): the bundled wetland model against the bundled Sentinel-2 Item and the
// imagery and label Items under tests/data/imagery.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/deployment.hpp>
#include <dlm/match.hpp>
#include <dlm/rules.hpp>

#include "test_data.hpp"

namespace dlm_test_match {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using dlm_test::data_dir;
using dlm_test::read_json;

const std::filesystem::path examples_dir = data_dir.parent_path().parent_path() / "examples" / "data";

const dlm::deployment& wetland() {
    static const dlm::deployment view = dlm::read_deployment(read_json(examples_dir / "unet-sentinel2-wetland-item.json"));
    return view;
}

dlm::match_result match_file(const std::filesystem::path& path, const dlm::deployment& model = wetland()) {
    return dlm::match(model, read_json(path));
}

std::vector<dlm::finding> with_rule(const std::vector<dlm::finding>& list, const std::string& rule) {
    std::vector<dlm::finding> out;
    for (const auto& f : list) {
        if (f.rule == rule) out.push_back(f);
    }
    return out;
}

/// The wetland model against the one-COG-per-band Sentinel-2 layout (the bundled Item, or a Collection's item_assets).
void check_per_band_assets(const dlm::match_result& r) {
    INFO(nlohmann::json(r).dump());
    CHECK(r.feeds());
    const std::vector<std::string> assets = {"B02", "B03", "B04", "B08"};
    REQUIRE(r.channels.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& c = r.channels[i];
        REQUIRE(c.source);
        CHECK(c.channel == i);
        CHECK(c.source->asset == assets[i]);  // not the uint8 "visual" asset, which names B02-B04 too
        CHECK(c.source->band == 0);
        CHECK(c.method == dlm::match_method::name);
        CHECK(c.source->data_type == dlm::data_type::uint16);
        CHECK_FALSE(c.convert);
        CHECK(c.source->nodata == 0.0);
        CHECK_FALSE(c.remap_nodata);
        CHECK(c.scaled_source);
        CHECK(c.source->scale == 0.0001);
    }
    // The source's scale is reported: the model does not say whether it wants raw or scaled reflectance.
    CHECK(with_rule(r.findings.warnings, dlm::rules::match_scale_offset).size() == 4);
    // Extra bands: 8 more reflectance bands, 3 visual, 1 scene classification.
    CHECK(r.extra.size() == 12);
    CHECK_FALSE(r.label);
}

}  // namespace

TEST_CASE("match: the wetland model against the bundled Sentinel-2 Item", "[match]") {
    check_per_band_assets(match_file(examples_dir / "sentinel2-l2a-imagery-item.json"));
}

TEST_CASE("match: a Collection's item_assets", "[match]") {
    check_per_band_assets(match_file(data_dir / "imagery" / "collection-item-assets.json"));
}

TEST_CASE("match: one unnamed multi-band asset, by position, with conversion and nodata remapping", "[match]") {
    const auto r = match_file(data_dir / "imagery" / "stack-unnamed-int16.json");
    CHECK(r.feeds());
    REQUIRE(r.channels.size() == 4);
    const std::vector<std::size_t> bands = {1, 2, 3, 7};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& c = r.channels[i];
        REQUIRE(c.source);
        CHECK(c.source->asset == "stack");
        CHECK(c.source->band == bands[i]);
        CHECK(c.method == dlm::match_method::index);
        CHECK(c.convert);  // int16 -> uint16
        CHECK(c.remap_nodata);  // -9999 -> 0
        CHECK(c.source->nodata == -9999.0);
        CHECK_FALSE(c.scaled_source);
    }
    const auto by_index = with_rule(r.findings.warnings, dlm::rules::match_band_by_index);
    REQUIRE(by_index.size() == 4);
    CHECK(by_index[0].pointer == "/assets/stack/raster:bands/1");
    CHECK(r.extra.size() == 8);
}

TEST_CASE("match: STAC 1.1 bands matched by common name, float32 with NaN nodata", "[match]") {
    const auto r = match_file(data_dir / "imagery" / "stac11-float32-common-names.json");
    CHECK(r.feeds());
    REQUIRE(r.channels.size() == 4);
    const std::vector<std::string> names = {"blue", "green", "red", "nir"};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& c = r.channels[i];
        REQUIRE(c.source);
        CHECK(c.source->asset == "reflectance");
        CHECK(c.source->band == i);
        CHECK(c.source->common_name == names[i]);
        CHECK(c.method == dlm::match_method::common_name);
        CHECK(c.source->pointer == "/assets/reflectance/bands/" + std::to_string(i));
        CHECK(c.source->data_type == dlm::data_type::float32);  // from the asset
        CHECK(c.convert);
        REQUIRE(c.source->nodata);
        CHECK(std::isnan(*c.source->nodata));
        CHECK(c.remap_nodata);  // NaN -> 0
    }
    CHECK(r.extra.empty());
}

TEST_CASE("match: a missing band blocks", "[match]") {
    const auto r = match_file(data_dir / "imagery" / "missing-b08.json");
    CHECK_FALSE(r.feeds());
    REQUIRE(r.channels.size() == 4);
    CHECK(r.channels[2].source);
    CHECK_FALSE(r.channels[3].source);
    const auto missing = with_rule(r.findings.errors, dlm::rules::match_band_missing);
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].pointer == "/properties/dlm:inputs/selected_bands/3");
    CHECK(missing[0].message.find("\"B08\"") != std::string::npos);
}

TEST_CASE("match: two equally good bands block", "[match]") {
    const auto r = match_file(data_dir / "imagery" / "ambiguous-b02.json");
    CHECK_FALSE(r.feeds());
    CHECK_FALSE(r.channels[0].source);
    CHECK(r.channels[1].source);
    const auto ambiguous = with_rule(r.findings.errors, dlm::rules::match_band_ambiguous);
    REQUIRE(ambiguous.size() == 1);
    CHECK(ambiguous[0].message.find("\"B02\"") != std::string::npos);
    CHECK(ambiguous[0].message.find("\"B02-resampled\"") != std::string::npos);
}

TEST_CASE("match: a document without band information blocks", "[match]") {
    auto document = read_json(examples_dir / "sentinel2-l2a-imagery-item.json");
    document["assets"] = {{"thumbnail", {{"href", "t.jpg"}, {"roles", {"thumbnail"}}}}};
    const auto r = dlm::match(wetland(), document);
    CHECK_FALSE(r.feeds());
    CHECK(with_rule(r.findings.errors, dlm::rules::match_imagery_no_bands).size() == 1);
    CHECK(with_rule(r.findings.errors, dlm::rules::match_band_missing).size() == 4);
    CHECK_NOTHROW(dlm::match(wetland(), nlohmann::json(42)));
}

TEST_CASE("match: label Items", "[match]") {
    SECTION("a raster segmentation label: the task aligns, nodata 0 is a class") {
        const auto r = match_file(data_dir / "imagery" / "label-raster-segmentation.json");
        CHECK(r.feeds());
        REQUIRE(r.label);
        CHECK(r.label->tasks == std::vector<std::string>{"segmentation"});
        CHECK(r.label->task_aligned == true);
        CHECK(r.label->type == "raster");
        CHECK(r.label->nodata_is_class == true);
        CHECK(r.channels.empty());
    }
    SECTION("a vector classification label against a segmentation model") {
        const auto r = match_file(data_dir / "imagery" / "label-vector-classification.json");
        CHECK_FALSE(r.feeds());
        REQUIRE(r.label);
        CHECK(r.label->task_aligned == false);
        CHECK_FALSE(r.label->nodata_is_class);
        const auto e = with_rule(r.findings.errors, dlm::rules::match_label_task);
        REQUIRE(e.size() == 1);
        CHECK(e[0].pointer == "/properties/label:tasks");
    }
    SECTION("the same label against a classification model") {
        const auto eurosat = dlm::read_deployment(read_json(data_dir / "valid" / "item-resnet50-eurosat-classification.json"));
        const auto r = match_file(data_dir / "imagery" / "label-vector-classification.json", eurosat);
        CHECK(r.feeds());
        CHECK(r.label->task_aligned == true);
    }
    SECTION("a raster label whose classes do not hold the model's nodata") {
        auto document = read_json(data_dir / "imagery" / "label-raster-segmentation.json");
        document["properties"]["label:classes"][0]["classes"] = {1, 2, 3, 4};
        const auto r = dlm::match(wetland(), document);
        CHECK(r.feeds());
        CHECK(r.label->nodata_is_class == false);
        CHECK(with_rule(r.findings.warnings, dlm::rules::match_label_nodata).size() == 1);
    }
}

TEST_CASE("match result as JSON", "[match]") {
    const nlohmann::json j = match_file(data_dir / "imagery" / "stac11-float32-common-names.json");
    CHECK(j["feeds"] == true);
    CHECK(j["channels"][0]["source"]["asset"] == "reflectance");
    CHECK(j["channels"][0]["source"]["nodata"] == "nan");
    CHECK(j["channels"][0]["method"] == "common_name");
    CHECK(j["channels"][0]["convert"] == true);
    CHECK(j["label"].is_null());
}

}  // namespace dlm_test_match
