// dlm/stac.hpp: where the dlm fields live in Items and Collections, the stac_extensions glue, and the
// lossless round trip over every example document in tests/data.

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <limits>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/error.hpp>
#include <dlm/stac.hpp>
#include <dlm/version.hpp>

namespace dlm_test_stac {  // each test file has a namespace of its own: the runner is a unity build

using nlohmann::json;

namespace {

const std::string identifier(dlm::extension_identifier);

json load(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    REQUIRE(file);
    return json::parse(file);
}

json fixture(const std::string& name) { return load(std::string(DLM_TEST_DATA_DIR) + "/model/" + name); }

// Every *.json directly under tests/data/<dir>, sorted; empty when the directory does not exist.
std::vector<std::string> documents_in(const std::string& dir) {
    std::vector<std::string> paths;
    const std::filesystem::path root = std::filesystem::path(DLM_TEST_DATA_DIR) / dir;
    if (!std::filesystem::is_directory(root)) return paths;
    for (const auto& entry : std::filesystem::directory_iterator(root)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") paths.push_back(entry.path().string());
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

// The object holding the dlm fields of an Item or Collection.
json& dlm_location(json& doc) { return doc.at("type") == "Feature" ? doc.at("properties") : doc; }

// `doc` with its dlm: members erased (stac_extensions untouched).
json without_dlm_fields(json doc) {
    json& where = dlm_location(doc);
    for (auto it = where.begin(); it != where.end();) {
        it = it.key().rfind("dlm:", 0) == 0 ? where.erase(it) : std::next(it);
    }
    return doc;
}

std::size_t count_identifier(const json& doc) {
    const auto& list = doc.at("stac_extensions");
    return static_cast<std::size_t>(std::count(list.begin(), list.end(), json(identifier)));
}

void require_read_error(const json& doc, const std::string& pointer, const std::string& reason) {
    try {
        static_cast<void>(dlm::read_model(doc));
        FAIL("no dlm::error was thrown");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == pointer);
        CHECK(e.reason() == reason);
    }
}

// JSON equality that, unlike nlohmann's `==`, tells `1` from `1.0`. The one difference allowed is the
// documented one: an integer field written with a zero fraction (`4.0`) comes back as an integer.
bool same_json(const json& original, const json& rebuilt) {
    if (original.is_number_float() && rebuilt.is_number_integer()) {
        return original == rebuilt;
    }
    const auto kind = [](const json& v) {
        return v.is_number_integer() ? json::value_t::number_integer : v.type();  // signed and unsigned alike
    };
    if (kind(original) != kind(rebuilt)) return false;
    if (original.is_object()) {
        if (original.size() != rebuilt.size()) return false;
        for (auto a = original.begin(), b = rebuilt.begin(); a != original.end(); ++a, ++b) {
            if (a.key() != b.key() || !same_json(*a, *b)) return false;
        }
        return true;
    }
    if (original.is_array()) {
        if (original.size() != rebuilt.size()) return false;
        for (std::size_t i = 0; i < original.size(); ++i) {
            if (!same_json(original[i], rebuilt[i])) return false;
        }
        return true;
    }
    return original == rebuilt;
}

// The round trip every document must pass: read the model, write it into a copy whose dlm fields were
// erased, and get the original back.
void require_round_trip(const json& original) {
    const dlm::model m = dlm::read_model(original);
    json rebuilt = without_dlm_fields(original);
    dlm::write_model(rebuilt, m);
    CHECK(rebuilt == original);
    CHECK(same_json(original, rebuilt));
    // remove_model + write_model: the same, except that the identifier now comes last.
    json again = original;
    dlm::remove_model(again);
    CHECK(again == [&] {
        json expected = without_dlm_fields(original);
        auto& list = expected.at("stac_extensions");
        list.erase(std::remove(list.begin(), list.end(), json(identifier)), list.end());
        return expected;
    }());
    dlm::write_model(again, m);
    CHECK(count_identifier(again) == 1);
    CHECK(again.at("stac_extensions").back() == identifier);
    again.erase("stac_extensions");
    json original_rest = original;
    original_rest.erase("stac_extensions");
    CHECK(again == original_rest);
}

// The STAC objects of a document: the document itself, or each feature of a GeoJSON FeatureCollection.
std::vector<json> stac_objects(const json& doc) {
    if (doc.value("type", "") == "FeatureCollection") return doc.at("features").get<std::vector<json>>();
    return {doc};
}

}  // namespace

TEST_CASE("same_json: the strict comparison the round trip uses", "[stac]") {
    CHECK(same_json(json::parse(R"({"a": [1, 1.5, "x"]})"), json::parse(R"({"a": [1, 1.5, "x"]})")));
    CHECK_FALSE(same_json(json::parse("1"), json::parse("1.0")));
    CHECK_FALSE(same_json(json::parse("[0]"), json::parse("[0.0]")));
    CHECK(same_json(json::parse("4.0"), json::parse("4")));  // the documented integer-field case
    CHECK_FALSE(same_json(json::parse(R"({"a": 1})"), json::parse(R"({"b": 1})")));
    CHECK(same_json(json::parse("3"), json(std::int64_t{3})));  // unsigned vs signed storage
}

TEST_CASE("has_extension: only the identifier in a stac_extensions array counts", "[stac]") {
    CHECK(dlm::has_extension(fixture("item_full.json")));
    CHECK(dlm::has_extension(json{{"stac_extensions", {"a", identifier}}}));
    CHECK_FALSE(dlm::has_extension(json{{"stac_extensions", {"dl-model"}}}));
    CHECK_FALSE(dlm::has_extension(json{{"stac_extensions", json::array()}}));
    CHECK_FALSE(dlm::has_extension(json{{"stac_extensions", identifier}}));  // not an array
    CHECK_FALSE(dlm::has_extension(json{{"stac_extensions", {{{"href", identifier}}}}}));
    CHECK_FALSE(dlm::has_extension(json::object()));
    CHECK_FALSE(dlm::has_extension(json::array({identifier})));
    CHECK_FALSE(dlm::has_extension(json(identifier)));
}

TEST_CASE("read_model: an Item's fields come from properties", "[stac]") {
    const auto m = dlm::read_model(fixture("item_full.json"));
    CHECK(m.data.process_level == dlm::process_level::l2);
    CHECK(m.data.number_of_bands == 4);
    CHECK(m.inputs.input_tensors[0].height == 256);
    REQUIRE(m.architecture.has_value());
    CHECK(m.architecture->type == "UNet");
    CHECK(m.runtime.docker->as_array);
    CHECK(m.outputs.task == dlm::task::semantic_segmentation);
    CHECK(*m.outputs.class_name_mapping->find(3) == "urban");
    CHECK(m.extra.empty());
}

TEST_CASE("read_model: a Collection's fields are top-level", "[stac]") {
    const auto m = dlm::read_model(fixture("collection_regression.json"));
    CHECK(m.data.data_type == dlm::data_type::float32);
    CHECK(std::get<std::string>(*m.data.nodata) == "nan");
    CHECK(m.inputs.input_tensors.as_array);
    CHECK(m.runtime.docker->size() == 2);
    CHECK(m.outputs.task == dlm::task::regression);
    CHECK_FALSE(m.architecture.has_value());
}

TEST_CASE("read_model: errors carry the pointer from the document root", "[stac]") {
    SECTION("Item") {
        json item = fixture("item_full.json");
        item["properties"]["dlm:inputs"]["scaling_factor"] = "0.0001";
        require_read_error(item, "/properties/dlm:inputs/scaling_factor", "expected a number, found a string");
        item = fixture("item_full.json");
        item["properties"]["dlm:outputs"].erase("task");
        require_read_error(item, "/properties/dlm:outputs", "missing required member \"task\"");
        item = fixture("item_full.json");
        item["properties"]["dlm:runtime"]["docker"][0]["gpu"] = "yes";
        require_read_error(item, "/properties/dlm:runtime/docker/0/gpu", "expected a boolean, found a string");
        item = fixture("item_full.json");
        item["properties"].erase("dlm:data");
        require_read_error(item, "/properties", "missing required member \"dlm:data\"");
    }
    SECTION("Collection") {
        json collection = fixture("collection_regression.json");
        collection["dlm:outputs"]["task"] = "depth estimation";
        try {
            static_cast<void>(dlm::read_model(collection));
            FAIL("no dlm::error");
        } catch (const dlm::error& e) {
            CHECK(e.pointer() == "/dlm:outputs/task");
            CHECK(std::string(e.what()).rfind("/dlm:outputs/task: unknown task \"depth estimation\"; expected one of: "
                                              "regression,",
                                              0) == 0);
        }
        collection = fixture("collection_regression.json");
        collection["dlm:data"]["useful_bands"][1]["index"] = -0.5;
        require_read_error(collection, "/dlm:data/useful_bands/1/index",
                           "expected an integer, found a number with a fractional part (-0.5)");
    }
    SECTION("keys that need escaping in a pointer") {
        json item = fixture("item_alternate_forms.json");
        item["properties"]["dlm:outputs"]["class_name_mapping"] = {{"1/2", "x"}};
        require_read_error(item, "/properties/dlm:outputs/class_name_mapping",
                           "expected decimal class indices as keys, found the key \"1/2\"");
        item["properties"]["dlm:outputs"]["class_name_mapping"] = {{"7", 7}};
        require_read_error(item, "/properties/dlm:outputs/class_name_mapping/7", "expected a string, found an integer");
    }
    SECTION("not an Item or Collection") {
        require_read_error(json::array(), "", "expected a STAC Item or Collection (an object), found an array");
        require_read_error(json{{"id", "x"}}, "", "missing required member \"type\"");
        require_read_error(json{{"type", 1}}, "/type", "expected a string, found an integer");
        require_read_error(json{{"type", "Catalog"}, {"stac_extensions", {identifier}}}, "/type",
                           "expected \"Feature\" (an Item) or \"Collection\": the dlm extension applies to Items and "
                           "Collections only, found \"Catalog\"");
        require_read_error(json{{"type", "Feature"}}, "", "missing required member \"properties\"");
        require_read_error(json{{"type", "Feature"}, {"properties", nullptr}}, "/properties",
                           "expected an object, found null");
    }
}

TEST_CASE("write_model: adds the identifier once and touches nothing else", "[stac]") {
    const json original = fixture("item_full.json");
    const dlm::model m = dlm::read_model(original);
    json item = without_dlm_fields(original);
    item["stac_extensions"].erase(3);  // the identifier
    const json before = item;
    dlm::write_model(item, m);
    CHECK(count_identifier(item) == 1);
    dlm::write_model(item, m);
    CHECK(count_identifier(item) == 1);
    CHECK(item == original);  // the identifier was last in the fixture, too

    json after = without_dlm_fields(item);
    after["stac_extensions"].erase(3);
    CHECK(after == before);
}

TEST_CASE("write_model: creates what is missing and replaces old dlm fields", "[stac]") {
    const dlm::model m = dlm::read_model(fixture("collection_regression.json"));
    SECTION("no stac_extensions, no properties") {
        json item = {{"type", "Feature"}, {"id", "x"}};
        dlm::write_model(item, m);
        CHECK(item.at("stac_extensions") == json::array({identifier}));
        CHECK(item.at("properties").at("dlm:outputs").at("task") == "regression");
        CHECK(item.size() == 4);
        CHECK(dlm::read_model(item).inputs.normalization_mean == m.inputs.normalization_mean);
    }
    SECTION("old dlm fields the model does not have are removed, other members kept") {
        json item = fixture("item_full.json");
        dlm::write_model(item, m);  // m has no architecture
        const json& properties = item.at("properties");
        CHECK_FALSE(properties.contains("dlm:architecture"));
        CHECK(properties.at("dlm:data").at("data_type") == "float32");
        CHECK(properties.at("eo:bands").size() == 4);
        CHECK(count_identifier(item) == 1);
    }
    SECTION("Collection: top level, and summaries are left alone") {
        json collection = fixture("collection_regression.json");
        const json summaries = collection.at("summaries");
        dlm::model changed = m;
        changed.inputs.scaling_factor = 0.5;
        dlm::write_model(collection, changed);
        CHECK(collection.at("dlm:inputs").at("scaling_factor") == 0.5);
        CHECK(collection.at("summaries") == summaries);
        CHECK_FALSE(collection.contains("properties"));
    }
    SECTION("errors leave the document unchanged") {
        json item = {{"type", "Feature"}, {"properties", json::object()}, {"stac_extensions", "oops"}};
        const json before = item;
        CHECK_THROWS_WITH(dlm::write_model(item, m), "/stac_extensions: expected an array, found a string");
        CHECK(item == before);
        item = {{"type", "Feature"}, {"properties", json::array()}};
        CHECK_THROWS_WITH(dlm::write_model(item, m), "/properties: expected an object, found an array");
        dlm::model bad = m;
        bad.inputs.normalization_mean[1] = std::numeric_limits<double>::quiet_NaN();
        item = fixture("item_full.json");
        const json full = item;
        CHECK_THROWS_WITH(dlm::write_model(item, bad),
                          "/properties/dlm:inputs/normalization:mean/1: cannot write NaN: JSON has no such number");
        CHECK(item == full);
        json catalog = {{"type", "Catalog"}};
        CHECK_THROWS_AS(dlm::write_model(catalog, m), dlm::error);
        CHECK(catalog == json{{"type", "Catalog"}});
    }
}

TEST_CASE("remove_model: removes the dlm fields and the identifier, nothing else", "[stac]") {
    json item = fixture("item_alternate_forms.json");
    item["stac_extensions"].push_back("dl-model");
    item["stac_extensions"].push_back(identifier);  // listed twice: both go
    item["dlm:stray"] = 1;                          // outside properties: not the dlm location of an Item
    dlm::remove_model(item);
    CHECK_FALSE(dlm::has_extension(item));
    CHECK(item.at("stac_extensions") ==
          json::array({"https://stac-extensions.github.io/eo/v1.0.0/schema.json",
                       "https://stac-extensions.github.io/scientific/v1.0.0/schema.json",
                       "https://stac-extensions.github.io/version/v1.1.0/schema.json", "dl-model"}));
    for (const auto& [key, value] : item.at("properties").items()) {
        static_cast<void>(value);
        CHECK(key.rfind("dlm:", 0) != 0);  // dlm:archive is gone too
    }
    CHECK(item.at("properties").at("version") == "0.3.1");
    CHECK(item.at("dlm:stray") == 1);

    json collection = fixture("collection_regression.json");
    dlm::remove_model(collection);
    CHECK_FALSE(collection.contains("dlm:data"));
    CHECK(collection.at("summaries").contains("dlm:outputs"));
    CHECK(collection.at("stac_extensions").size() == 3);

    json bare = {{"type", "Collection"}, {"id", "c"}};
    dlm::remove_model(bare);
    CHECK(bare == json{{"type", "Collection"}, {"id", "c"}});
}

TEST_CASE("round trip: the unit-test fixtures", "[stac][roundtrip]") {
    const std::string path = GENERATE(from_range(documents_in("model")));
    CAPTURE(path);
    require_round_trip(load(path));
}

TEST_CASE("round trip: every valid document", "[stac][roundtrip]") {
    const auto paths = documents_in("valid");
    if (paths.empty()) {
        WARN("tests/data/valid has no documents yet");
        return;
    }
    const std::string path = GENERATE_COPY(from_range(paths));
    CAPTURE(path);
    for (const json& doc : stac_objects(load(path))) {
        CAPTURE(doc.value("id", ""));
        CHECK(dlm::has_extension(doc));
        require_round_trip(doc);
    }
}

TEST_CASE("round trip: legacy documents read losslessly or fail with a dlm::error at a real place", "[stac][roundtrip]") {
    const auto paths = documents_in("legacy");
    if (paths.empty()) {
        WARN("tests/data/legacy has no documents yet");
        return;
    }
    const std::string path = GENERATE_COPY(from_range(paths));
    CAPTURE(path);
    for (const json& doc : stac_objects(load(path))) {
        CAPTURE(doc.value("id", ""));
        try {
            static_cast<void>(dlm::read_model(doc));
        } catch (const dlm::error& e) {
            CAPTURE(e.what());
            // The pointer names a value of the document (the object, for a missing member).
            CHECK(doc.contains(json::json_pointer(e.pointer())));
            continue;
        }
        require_round_trip(doc);
    }
}

}  // namespace dlm_test_stac
