// dlm/builder.hpp: Item and Collection skeletons that become valid once a model and the companion fields are written.

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include <dlm/builder.hpp>
#include <dlm/companions.hpp>
#include <dlm/report_text.hpp>
#include <dlm/stac.hpp>
#include <dlm/validator.hpp>

#include "test_data.hpp"

namespace dlm_test_builder {  // each test file has a namespace of its own: the runner is a unity build

using dlm_test::data_dir;
using dlm_test::read_json;

const dlm::validator& shared() {
    static const dlm::validator validator;
    return validator;
}

/// Copies the model and the companion fields of `source` into `target`, through the typed API only.
void copy_model(const nlohmann::json& source, nlohmann::json& target) {
    dlm::write_model(target, dlm::read_model(source));
    dlm::write_version(target, dlm::read_version(source));
    dlm::write_scientific(target, dlm::read_scientific(source));
    dlm::write_eo_bands(target, dlm::read_eo_bands(source));
}

TEST_CASE("an Item skeleton with a model and its companion fields written is valid", "[builder]") {
    const nlohmann::json source = read_json(data_dir / "valid/item-resnet50-eurosat-classification.json");
    nlohmann::json item = dlm::item_builder("built", "2023-06-01T00:00:00Z")
                              .geometry({{"type", "Polygon"},
                                         {"coordinates", {{{-74.0, 45.0}, {-73.0, 45.0}, {-73.0, 46.5}, {-74.0, 45.0}}}}})
                              .link("license", "https://example.com/license", "text/html")
                              .asset("model", "https://example.com/model.pt", {"model"}, "application/octet-stream")
                              .property("title", "A built Item")
                              .build();
    CHECK(item["bbox"] == nlohmann::json{-74.0, 45.0, -73.0, 46.5});
    CHECK(item["stac_extensions"][0] == dlm::extension_identifier);
    copy_model(source, item);
    if (source["assets"].is_object()) {  // eo v1.1 wants band definitions on an asset when properties have them
        for (const auto& [key, asset] : source["assets"].items()) {
            if (asset.contains("eo:bands")) item["assets"][key] = asset;
        }
    }
    const dlm::report report = shared().validate(item);
    INFO(dlm::to_text(report));
    CHECK(report.ok());
    CHECK(report.warnings.empty());
}

TEST_CASE("a model built in code without its required enumerations is not written as if it were complete",
          "[builder]") {
    // Partial brace initialisation, as a builder writes it: every member has a default member initializer, so this
    // compiles under -Wextra -Werror (-Wmissing-field-initializers) like the rest of the tests.
    dlm::model m;
    m.runtime = dlm::runtime{"PyTorch", "2.1"};
    m.architecture = dlm::architecture{1000, 4.0};
    m.inputs.input_tensors.items.push_back(dlm::tensor{1, 3});
    nlohmann::json item = dlm::item_builder("unfinished", "2023-06-01T00:00:00Z").build();
    dlm::write_model(item, m);
    const nlohmann::json& properties = item["properties"];
    CHECK_FALSE(properties["dlm:data"].contains("process_level"));
    CHECK_FALSE(properties["dlm:data"].contains("data_type"));
    CHECK_FALSE(properties["dlm:outputs"].contains("task"));
    const dlm::report report = shared().validate(item);
    INFO(dlm::to_text(report));
    const auto missing = [&report](const std::string& pointer, const std::string& member) {
        return std::any_of(report.errors.begin(), report.errors.end(), [&](const dlm::finding& f) {
            return f.pointer == pointer && f.message.find(member) != std::string::npos;
        });
    };
    CHECK(missing("/properties/dlm:data", "process_level"));
    CHECK(missing("/properties/dlm:data", "data_type"));
    CHECK(missing("/properties/dlm:outputs", "task"));
    // Once given, they are written; read back, they are set.
    m.data.process_level = dlm::process_level::l2;
    m.data.data_type = dlm::data_type::uint16;
    m.outputs.task = dlm::task::segmentation;
    dlm::write_model(item, m);
    const dlm::model read = dlm::read_model(item);
    CHECK(read.data.process_level == dlm::process_level::l2);
    CHECK(read.data.data_type == dlm::data_type::uint16);
    CHECK(read.outputs.task == dlm::task::segmentation);
}

TEST_CASE("a Collection skeleton with a model and its companion fields written is valid", "[builder]") {
    const nlohmann::json source = read_json(data_dir / "valid/collection-deeplabv3-landsat-land-cover.json");
    nlohmann::json collection = dlm::collection_builder("built", "A built Collection", "MIT")
                                    .bbox(-80.0, 40.0, -60.0, 50.0)
                                    .interval("2020-01-01T00:00:00Z", std::nullopt)
                                    .field("title", "Built")
                                    .build();
    CHECK(collection["extent"]["spatial"]["bbox"].dump() == "[[-80.0,40.0,-60.0,50.0]]");
    CHECK(collection["extent"]["temporal"]["interval"].dump() == R"([["2020-01-01T00:00:00Z",null]])");
    copy_model(source, collection);
    const dlm::report report = shared().validate(collection);
    INFO(dlm::to_text(report));
    CHECK(report.ok());
}

TEST_CASE("the bbox follows every position of the geometry, in 2D or 3D", "[builder]") {
    const nlohmann::json collection = {
        {"type", "GeometryCollection"},
        {"geometries",
         {{{"type", "Point"}, {"coordinates", {10.0, -5.0, 100.0}}},
          {{"type", "MultiLineString"}, {"coordinates", {{{-3.0, 2.0, 0.0}, {4.0, 8.0, 50.0}}}}}}}};
    CHECK(dlm::detail::bbox_of(collection) == nlohmann::json{-3.0, -5.0, 0.0, 10.0, 8.0, 100.0});
    CHECK(dlm::detail::bbox_of({{"type", "Point"}, {"coordinates", {1, 2}}}) == nlohmann::json{1.0, 2.0, 1.0, 2.0});
    CHECK_THROWS_AS(dlm::detail::bbox_of({{"type", "Point"}, {"coordinates", {1}}}), dlm::error);
    CHECK_THROWS_AS(dlm::detail::bbox_of({{"type", "Point"}, {"coordinates", nlohmann::json::array()}}), dlm::error);
    CHECK_THROWS_AS(dlm::item_builder("x", "2023-01-01T00:00:00Z").geometry("not a geometry").build(), dlm::error);
    const nlohmann::json no_geometry = dlm::item_builder("x", "2023-01-01T00:00:00Z").build();
    CHECK(no_geometry["geometry"].is_null());
    CHECK_FALSE(no_geometry.contains("bbox"));
}

}  // namespace dlm_test_builder
