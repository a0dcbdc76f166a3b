// dlm/summaries.hpp: the summaries a Collection of models gets from its Items, on three real model Items.
#include <catch2/catch.hpp>

#include <dlm/error.hpp>
#include <dlm/report_text.hpp>
#include <dlm/summaries.hpp>
#include <dlm/validator.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "test_data.hpp"

namespace dlm_test_summaries {  // each test file has a namespace of its own: the runner is a unity build

using dlm_test::data_dir;
using dlm_test::read_json;
using nlohmann::json;

std::vector<json> three_models() {
    return {read_json(data_dir / "valid/item-resnet50-eurosat-classification.json"),
            read_json(data_dir / "valid/item-canopy-height-regression.json"),
            read_json(data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json")};
}

TEST_CASE("summaries of model Items: distinct values in the order met, ranges, bands by name", "[summaries]") {
    const json summaries = dlm::summarize_models(three_models());
    CHECK(summaries["dlm:outputs.task"] == json{"classification", "regression", "segmentation"});
    CHECK(summaries["dlm:runtime.framework"] == json{"PyTorch", "TensorFlow"});
    CHECK(summaries["dlm:data.data_type"] == json{"uint16", "float32"});
    CHECK(summaries["dlm:data.process_level"] == json{"L1", "L2"});
    CHECK(summaries["dlm:architecture.type"] == json{"ResNet-50", "UNet"});
    // The regression model gives no number of classes and no architecture: the ranges are over the others.
    CHECK(summaries["dlm:outputs.number_of_classes"] == json{{"minimum", 4}, {"maximum", 10}});
    CHECK(summaries["dlm:architecture.total_nb_parameters"] == json{{"minimum", 7763041}, {"maximum", 23528522}});
    // 13 Sentinel-2 bands in the first Item; the others add none (B10 is only in the first), each band kept whole.
    const json& bands = summaries["eo:bands"];
    REQUIRE(bands.size() == 13);
    CHECK(bands[0] == three_models()[0]["properties"]["eo:bands"][0]);
    CHECK(bands[10]["name"] == "B10");
}

TEST_CASE("summaries go into a Collection of models that stays valid", "[summaries]") {
    json collection = read_json(data_dir / "valid/collection-biomass-regression-stac11.json");
    collection["summaries"] = dlm::summarize_models(three_models());
    const dlm::validator validator;
    const dlm::report report = validator.validate(collection);
    INFO(dlm::to_text(report));
    CHECK(report.ok());
}

TEST_CASE("summaries: nothing to summarise is an empty object; an unreadable model says which and where",
          "[summaries]") {
    CHECK(dlm::summarize_models({}) == json::object());
    std::vector<json> items = three_models();
    items[1]["properties"]["dlm:outputs"]["task"] = 7;
    CHECK_THROWS_WITH(dlm::summarize_models(items), Catch::StartsWith("/1/properties/dlm:outputs/task"));
}

}  // namespace dlm_test_summaries
