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
    CHECK(dlm::to_string(loaded.model->outputs.task.value()) == "segmentation");
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

// validate_each: what a tool that reads files calls (the input parsed once, its limits walked once, each feature on
// its own report).

std::string feature_collection_text(const nlohmann::json& first, const nlohmann::json& second) {
    return R"({"type": "FeatureCollection", "features": [)" + first.dump() + ", " + second.dump() + "]}";
}

TEST_CASE("validate_each gives each feature of a FeatureCollection its own report, relative to it", "[load][each]") {
    const nlohmann::json valid = read_json(data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json");
    nlohmann::json invalid = valid;
    invalid["properties"]["dlm:outputs"].erase("task");
    const std::vector<dlm::input_document> each = shared().validate_each(feature_collection_text(valid, invalid));
    REQUIRE(each.size() == 2);
    CHECK(each[0].pointer == "/features/0");
    CHECK(each[0].ok());
    REQUIRE(each[0].document);
    CHECK(*each[0].document == valid);
    CHECK(each[1].pointer == "/features/1");
    CHECK_FALSE(each[1].ok());
    // The same findings as validating the feature alone: pointers relative to the feature.
    CHECK(each[1].report.errors == shared().validate(invalid).errors);
}

TEST_CASE("validate_each puts the parser's findings with the feature they lie under", "[load][each]") {
    const std::string item = read_text(data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json");
    // A duplicate key inside the second feature, and one at the top level of the collection.
    const std::string duplicated = item.substr(0, item.rfind('}')) + R"(, "id": "again"})";
    const std::string text =
        R"({"type": "FeatureCollection", "type": "FeatureCollection", "features": [)" + item + ", " + duplicated + "]}";
    const std::vector<dlm::input_document> each = shared().validate_each(text);
    REQUIRE(each.size() == 3);
    CHECK(each[0].ok());
    CHECK(has(each[1].report.errors, dlm::rules::input_duplicate_key, "/id"));
    CHECK(each[2].pointer.empty());
    CHECK_FALSE(each[2].document);
    REQUIRE(each[2].report.errors.size() == 1);
    CHECK(has(each[2].report.errors, dlm::rules::input_duplicate_key, "/type"));
}

TEST_CASE("validate_each reports a limit once, and does not validate what the parser could not read", "[load][each]") {
    dlm::validator_options options;
    options.limits.max_string_length = 16;
    const dlm::validator strict(options);
    const std::string item = read_text(data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json");
    const std::vector<dlm::input_document> each = strict.validate_each(item);
    REQUIRE(each.size() == 1);
    CHECK(each[0].pointer.empty());
    std::size_t too_long = 0;
    for (const auto& f : each[0].report.errors) too_long += f.rule == dlm::rules::input_string_too_long ? 1 : 0;
    CHECK(too_long == each[0].report.errors.size());
    CHECK(too_long == strict.validate_text(item).errors.size());

    const std::vector<dlm::input_document> broken = shared().validate_each(R"({"type": "Feature",)");
    REQUIRE(broken.size() == 1);
    CHECK_FALSE(broken[0].document);
    CHECK(has(broken[0].report.errors, dlm::rules::input_syntax, ""));
}

TEST_CASE("validate_each of a single document is validate_text, with the document", "[load][each]") {
    for (const char* name : {"valid/collection-deeplabv3-landsat-land-cover.json", "valid/feature-collection.json"}) {
        const std::string text = read_text(data_dir / name);
        const std::vector<dlm::input_document> each = shared().validate_each(text);
        INFO(name);
        REQUIRE_FALSE(each.empty());
        std::vector<dlm::finding> errors;
        for (const auto& d : each) {
            REQUIRE(d.document);
            for (auto f : d.report.errors) {
                f.pointer = d.pointer + f.pointer;
                errors.push_back(f);
            }
        }
        CHECK(errors == shared().validate_text(text).errors);
    }
    const nlohmann::json empty = {{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    const std::vector<dlm::input_document> none = shared().validate_each(empty.dump());
    REQUIRE(none.size() == 1);
    CHECK(none[0].ok());
    CHECK(none[0].document == empty);
}

}  // namespace dlm_test_load
