// dlm::validator::load: one call from text to the document, its report and its model; and the hints that point a
// legacy document to `dlm upgrade`.

#include <catch2/catch.hpp>

#include <string>

#include <dlm/dlm.hpp>

#include "test_data.hpp"

namespace dlm_test_load {  // each test file has a namespace of its own: the runner is a unity build

using dlm_test::data_dir;
using dlm_test::read_json;
using dlm_test::read_text;

const dlm::validator& shared() {
    static const dlm::validator validator;
    return validator;
}

bool has(const std::vector<dlm::finding>& findings, const std::string& rule, const std::string& pointer) {
    for (const auto& f : findings) {
        if (f.rule == rule && f.pointer == pointer) return true;
    }
    return false;
}

TEST_CASE("load gives back the document, a clean report and the model of a valid Item", "[load]") {
    const std::string text = read_text(data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json");
    const dlm::loaded_document loaded = shared().load(text);
    INFO(dlm::to_text(loaded.report));
    CHECK(loaded.ok());
    REQUIRE(loaded.document);
    CHECK(*loaded.document == nlohmann::json::parse(text));
    REQUIRE(loaded.model);
    CHECK(nlohmann::json(*loaded.model) == nlohmann::json(dlm::read_model(*loaded.document)));
    CHECK(dlm::to_string(loaded.model->outputs.task) == "segmentation");
    CHECK(loaded.report.errors == shared().validate_text(text).errors);
}

TEST_CASE("load reads the model of a valid Collection, and none of a document without dlm", "[load]") {
    const dlm::loaded_document collection =
        shared().load(read_text(data_dir / "valid/collection-deeplabv3-landsat-land-cover.json"));
    CHECK(collection.ok());
    CHECK(collection.model);

    nlohmann::json catalog = {{"type", "Catalog"}, {"stac_version", "1.0.0"}, {"id", "c"}, {"description", "d"},
                              {"links", nlohmann::json::array()}};
    const dlm::loaded_document loaded = shared().load(catalog.dump());
    CHECK(loaded.ok());
    CHECK(loaded.document);
    CHECK_FALSE(loaded.model);
}

TEST_CASE("load keeps an invalid document with its report, and reads no model", "[load]") {
    nlohmann::json item = read_json(data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json");
    item["properties"]["dlm:inputs"]["scaling_factor"] = "0.0001";
    const dlm::loaded_document loaded = shared().load(item.dump(2));
    CHECK_FALSE(loaded.ok());
    CHECK(has(loaded.report.errors, dlm::rules::schema, "/properties/dlm:inputs/scaling_factor"));
    CHECK(loaded.document == item);
    CHECK_FALSE(loaded.model);

    const dlm::loaded_document broken = shared().load("{\"type\": \"Feature\",");
    CHECK_FALSE(broken.document);
    CHECK_FALSE(broken.model);
    REQUIRE(broken.report.errors.size() == 1);
    CHECK(broken.report.errors[0].rule == dlm::rules::input_syntax);
}

TEST_CASE("a beta.2 document's report and read errors point to dlm upgrade", "[load][legacy]") {
    const std::string text = read_text(data_dir / "legacy/legacy-beta2-dtype-nodata-value-short-name.json");
    const dlm::loaded_document loaded = shared().load(text);
    CHECK_FALSE(loaded.ok());
    REQUIRE(has(loaded.report.warnings, dlm::rules::dlm_legacy_upgradable, ""));
    for (const auto& f : loaded.report.warnings) {
        if (f.rule != dlm::rules::dlm_legacy_upgradable) continue;
        CHECK(f.message.find("`dlm upgrade` rewrites ") == 0);
        CHECK(f.message.find("dtype") != std::string::npos);
    }

    try {
        static_cast<void>(dlm::read_model(*loaded.document));
        FAIL("read_model accepted a beta.2 document");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == "/properties/dlm:data");
        CHECK(e.reason() ==
              "missing required member \"data_type\"; found the beta.2 name \"dtype\", which `dlm upgrade` renames");
    }

    const nlohmann::json numeric = read_json(data_dir / "legacy/legacy-numeric-runtime-version.json");
    try {
        static_cast<void>(dlm::read_model(numeric));
        FAIL("read_model accepted a numeric runtime version");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == "/properties/dlm:runtime/version");
        CHECK(e.reason().find("a numeric version is a beta.2 form") != std::string::npos);
    }
}

TEST_CASE("a valid document and an invalid one without legacy forms get no upgrade hint", "[load][legacy]") {
    nlohmann::json item = read_json(data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json");
    CHECK(shared().validate(item).warnings.empty());
    item["properties"]["dlm:outputs"].erase("task");
    const dlm::report report = shared().validate(item);
    CHECK_FALSE(report.ok());
    CHECK_FALSE(has(report.warnings, dlm::rules::dlm_legacy_upgradable, ""));
}

}  // namespace dlm_test_load
