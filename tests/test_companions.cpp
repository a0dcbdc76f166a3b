// dlm/companions.hpp: typed access to the scientific, version and eo fields, lossless like the dlm fields.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/companions.hpp>
#include <dlm/error.hpp>

#include "test_data.hpp"

namespace dlm_test_companions {  // each test file has a namespace of its own: the runner is a unity build

using dlm_test::data_dir;
using dlm_test::json_files;
using dlm_test::read_json;

/// `doc` without the fields the companion functions own, wherever the dlm fields are.
nlohmann::json without_companion_fields(nlohmann::json doc) {
    nlohmann::json& fields = doc["type"] == "Feature" ? doc["properties"] : doc;
    for (const char* key : {"sci:doi", "sci:citation", "sci:publications", "version", "deprecated", "experimental",
                            "eo:bands"}) {
        fields.erase(key);
    }
    return doc;
}

TEST_CASE("reading and writing back the companion fields of every valid document changes nothing", "[companions]") {
    const std::string file = GENERATE(from_range(json_files(data_dir / "valid")));
    const nlohmann::json original = read_json(file);
    if (original["type"] == "FeatureCollection") return;
    INFO(file);
    const dlm::scientific_fields sci = dlm::read_scientific(original);
    const dlm::version_fields version = dlm::read_version(original);
    const auto bands = dlm::read_eo_bands(original);
    CHECK(version.version);  // every corpus document declares the version extension and has its field

    nlohmann::json rebuilt = without_companion_fields(original);
    dlm::write_scientific(rebuilt, sci);
    dlm::write_version(rebuilt, version);
    dlm::write_eo_bands(rebuilt, bands);
    CHECK(rebuilt == original);
    CHECK(rebuilt.dump() == original.dump());  // number forms too (1 stays 1, 0.665 stays 0.665)
}

TEST_CASE("the typed companion fields hold what the document says, extra members kept", "[companions]") {
    const nlohmann::json item = read_json(data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json");
    const dlm::scientific_fields sci = dlm::read_scientific(item);
    CHECK(sci.doi == item["properties"]["sci:doi"].get<std::string>());
    REQUIRE(sci.publications);
    CHECK(sci.publications->size() == item["properties"]["sci:publications"].size());
    const auto bands = dlm::read_eo_bands(item);
    REQUIRE(bands);
    REQUIRE(bands->size() == item["properties"]["eo:bands"].size());
    const nlohmann::json& first = item["properties"]["eo:bands"][0];
    CHECK((*bands)[0].name == first["name"].get<std::string>());
    if (first.contains("center_wavelength")) {
        REQUIRE((*bands)[0].center_wavelength);
        CHECK((*bands)[0].center_wavelength->value == first["center_wavelength"].get<double>());
    }

    nlohmann::json custom = item;
    custom["properties"]["eo:bands"][0]["x-vendor"] = {{"gain", 2}};
    custom["properties"]["eo:bands"][0]["center_wavelength"] = 1;
    nlohmann::json rebuilt = without_companion_fields(custom);
    dlm::write_eo_bands(rebuilt, dlm::read_eo_bands(custom));
    CHECK(rebuilt["properties"]["eo:bands"][0]["x-vendor"] == nlohmann::json{{"gain", 2}});
    CHECK(rebuilt["properties"]["eo:bands"][0]["center_wavelength"].dump() == "1");
}

TEST_CASE("writing replaces only the fields a struct owns: present set, absent removed", "[companions]") {
    nlohmann::json collection = read_json(data_dir / "valid/collection-deeplabv3-landsat-land-cover.json");
    const nlohmann::json before = collection;
    dlm::version_fields version = dlm::read_version(collection);
    REQUIRE(version.deprecated);
    version.version = "2.0.0";
    version.deprecated.reset();
    version.experimental = true;
    dlm::write_version(collection, version);
    CHECK(collection["version"] == "2.0.0");
    CHECK_FALSE(collection.contains("deprecated"));
    CHECK(collection["experimental"] == true);
    nlohmann::json rest = collection;
    nlohmann::json rest_before = before;
    for (auto* d : {&rest, &rest_before}) d->erase("version"), d->erase("deprecated"), d->erase("experimental");
    CHECK(rest == rest_before);

    nlohmann::json item = {{"type", "Feature"}};
    dlm::write_scientific(item, {std::string("10.1000/xyz"), std::nullopt, std::nullopt});
    CHECK(item == nlohmann::json{{"type", "Feature"}, {"properties", {{"sci:doi", "10.1000/xyz"}}}});
}

TEST_CASE("a wrong companion field is an error with its pointer; a Catalog has no such fields", "[companions]") {
    nlohmann::json item = read_json(data_dir / "valid/item-resnet50-eurosat-classification.json");
    item["properties"]["sci:doi"] = 10;
    try {
        static_cast<void>(dlm::read_scientific(item));
        FAIL("read_scientific accepted a numeric sci:doi");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == "/properties/sci:doi");
        CHECK(e.reason() == "expected a string, found an integer");
    }
    item["properties"]["eo:bands"][1]["common_name"] = nullptr;
    CHECK_THROWS_AS(dlm::read_eo_bands(item), dlm::error);

    const nlohmann::json catalog = {{"type", "Catalog"}, {"id", "c"}};
    CHECK_THROWS_AS(dlm::read_version(catalog), dlm::error);
    nlohmann::json target = catalog;
    CHECK_THROWS_AS(dlm::write_version(target, {}), dlm::error);
    CHECK(target == catalog);
}

}  // namespace dlm_test_companions
