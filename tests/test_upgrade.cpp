#include <dlm/upgrade.hpp>

#include <dlm/error.hpp>
#include <dlm/limits.hpp>
#include <dlm/version.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

namespace Catch {
template <>
struct StringMaker<dlm::change> {
    static std::string convert(const dlm::change& c) { return "{\"" + c.pointer + "\", \"" + c.description + "\"}"; }
};
}  // namespace Catch

namespace dlm_test_upgrade {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using nlohmann::json;

const std::string identifier(dlm::extension_identifier);

/// A beta.3 Item that needs no upgrade: the reference every legacy variant below is built from.
json current_item() {
    return json::parse(R"json({
      "type": "Feature",
      "stac_version": "1.0.0",
      "stac_extensions": [
        "https://schemas.stacspec.org/v1.0.0-beta.3/extensions/dl-model/json-schema/schema.json",
        "https://stac-extensions.github.io/eo/v1.1.0/schema.json"
      ],
      "id": "model",
      "geometry": null,
      "properties": {
        "datetime": "2021-01-01T00:00:00Z",
        "dlm:data": {"process_level": "ortho", "data_type": "uint16", "nodata": 0, "number_of_bands": 4,
                     "useful_bands": [{"index": 0}, {"index": 2, "name": "red"}]},
        "dlm:inputs": {"name": "x", "input_tensors": {"batch": 1, "dim": 3, "height": 64, "width": 64},
                       "scaling_factor": 0.0039, "normalization:mean": [0.1, 0.2, 0.3],
                       "normalization:std": [1, 1, 1], "selected_bands": [0, 1, 2]},
        "dlm:architecture": {"total_nb_parameters": 10, "estimated_total_size_mb": 1.5, "type": "unet",
                             "pretrained": "none"},
        "dlm:runtime": {"framework": "PyTorch", "version": "1.10", "model_handler": "h", "model_src_url": "u"},
        "dlm:outputs": {"task": "semantic segmentation", "number_of_classes": 3, "final_layer_size": [3, 64, 64],
                        "class_name_mapping": [{"index": 0, "class_name": "other"}, {"index": 1, "class_name": "road"},
                                               {"index": 2, "class_name": "water"}]}
      },
      "links": [],
      "assets": {}
    })json");
}

/// The same Item as `current_item()` with every legacy form the upgrade rewrites.
const char* const legacy_item_text = R"json({
  "type": "Feature",
  "stac_version": "1.0.0",
  "stac_extensions": ["dl-model", "https://stac-extensions.github.io/eo/v1.1.0/schema.json"],
  "id": "model",
  "geometry": null,
  "properties": {
    "datetime": "2021-01-01T00:00:00Z",
    "dlm:data": {"process_level": "ortho", "dtype": "uint16", "nodata_value": 0, "number_of_bands": 4,
                 "useful_bands": [{"index": 0, "name": null}, {"index": 2, "name": "red"}]},
    "dlm:inputs": {"name": "x", "input_tensors": {"batch": 1, "channels": 3, "height": 64, "width": 64},
                   "scaling_factor": 0.0039, "normalization:mean": [0.1, 0.2, 0.3],
                   "normalization:std": [1, 1, 1], "selected_band": [0, 1, 2], "pre_processing_function": null},
    "dlm:architecture": {"total_nb_parameters": 10, "estimated_total_size_mb": 1.5, "type": "unet",
                         "pretrained": "none", "summary": null},
    "dlm:runtime": {"framework": "PyTorch", "framework_version": 1.10, "model_handler": "h", "model_src_url": "u",
                    "docker": null},
    "dlm:outputs": {"task": "semantic segmentation", "number_of_classes": 3, "final_layer_size": [3, 64, 64],
                    "class_name_mapping": {"2": "water", "0": "other", "1": "road"}, "dont_care_index": null}
  },
  "links": [],
  "assets": {}
})json";

/// Where the dlm objects of `current_item()` live.
std::string dlm_pointer(const std::string& object) { return "/properties/dlm:" + object; }

json& dlm_object(json& item, const std::string& object) { return item["properties"]["dlm:" + object]; }

/// `current_item()` with one edit applied.
template <class Edit>
json item_with(Edit edit) {
    json item = current_item();
    edit(item);
    return item;
}

/// Runs `upgrade` on `legacy` and checks that it gives `expected` and exactly the one change `expected_change`;
/// then checks that the upgrade of the result is a no-op.
void check_single_rewrite(const json& legacy, const json& expected, const dlm::change& expected_change) {
    const dlm::upgrade_result result = dlm::upgrade(legacy);
    CHECK(result.document == expected);
    REQUIRE(result.changes.size() == 1);
    CHECK(result.changes.front() == expected_change);
    const dlm::upgrade_result again = dlm::upgrade(result.document);
    CHECK(again.document == result.document);
    CHECK(again.changes.empty());
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

constexpr std::string_view expected_suffix = ".expected.json";

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// Every tests/data/legacy/X.expected.json file name, sorted.
std::vector<std::string> legacy_expectations() {
    std::vector<std::string> names;
    const std::filesystem::path directory = std::filesystem::path(DLM_TEST_DATA_DIR) / "legacy";
    if (std::filesystem::is_directory(directory)) {
        for (const auto& entry : std::filesystem::directory_iterator(directory)) {
            const std::string name = entry.path().filename().string();
            if (entry.is_regular_file() && ends_with(name, expected_suffix)) {
                names.push_back(name);
            }
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("upgrade: a current document needs nothing", "[upgrade]") {
    const dlm::upgrade_result result = dlm::upgrade(current_item());
    CHECK(result.document == current_item());
    CHECK(result.changes.empty());
}

TEST_CASE("upgrade: dtype and nodata_value are renamed in dlm:data", "[upgrade]") {
    SECTION("dtype") {
        const json legacy = item_with([](json& item) {
            json& data = dlm_object(item, "data");
            data["dtype"] = data["data_type"];
            data.erase("data_type");
        });
        check_single_rewrite(legacy, current_item(), {dlm_pointer("data") + "/dtype", "renamed dtype to data_type"});
    }
    SECTION("nodata_value, keeping a string value") {
        const json legacy = item_with([](json& item) {
            json& data = dlm_object(item, "data");
            data.erase("nodata");
            data["nodata_value"] = "nan";
        });
        const json expected = item_with([](json& item) { dlm_object(item, "data")["nodata"] = "nan"; });
        check_single_rewrite(legacy, expected,
                             {dlm_pointer("data") + "/nodata_value", "renamed nodata_value to nodata"});
    }
    SECTION("a null nodata_value is renamed, then removed as a null optional field") {
        const json legacy = item_with([](json& item) {
            json& data = dlm_object(item, "data");
            data.erase("nodata");
            data["nodata_value"] = nullptr;
        });
        const dlm::upgrade_result result = dlm::upgrade(legacy);
        CHECK(result.document == item_with([](json& item) { dlm_object(item, "data").erase("nodata"); }));
        const std::string pointer = dlm_pointer("data") + "/nodata_value";
        CHECK(result.changes == std::vector<dlm::change>{{pointer, "renamed nodata_value to nodata"},
                                                         {pointer, "removed null nodata (an optional field)"}});
    }
}

TEST_CASE("upgrade: a legacy name next to its new name is left alone", "[upgrade]") {
    // The upgrade does not guess which of the two the author meant: both stay and nothing is reported.
    const auto with_both = [](const std::string& object, const std::string& legacy_name, const json& value) {
        return item_with([&](json& item) { dlm_object(item, object)[legacy_name] = value; });
    };
    const json legacy = GENERATE_COPY(
        with_both("data", "dtype", "uint8"), with_both("data", "nodata_value", -1),
        with_both("inputs", "selected_band", json{3}), with_both("runtime", "framework_version", 2.5),
        item_with([](json& item) { dlm_object(item, "inputs")["input_tensors"]["channels"] = 4; }));
    const dlm::upgrade_result result = dlm::upgrade(legacy);
    CHECK(result.document == legacy);
    CHECK(result.changes.empty());
}

TEST_CASE("upgrade: framework_version becomes version", "[upgrade]") {
    const json legacy = item_with([](json& item) {
        json& runtime = dlm_object(item, "runtime");
        runtime["framework_version"] = "1.10";
        runtime.erase("version");
    });
    check_single_rewrite(legacy, current_item(),
                         {dlm_pointer("runtime") + "/framework_version", "renamed framework_version to version"});
}

TEST_CASE("upgrade_text: a numeric runtime version becomes the string of its JSON text", "[upgrade]") {
    const auto item_text = [](const std::string& version_member) {
        return R"({"type": "Feature", "properties": {"dlm:runtime": {"framework": "PyTorch", )" + version_member +
               "}}}";
    };
    const auto [version_text, expected] = GENERATE(table<std::string, std::string>({
        {"1.10", "1.10"},
        {"2", "2"},
        {"1.5", "1.5"},
        {"1e1", "1e1"},  // the text is kept as written, not normalised to 10 or 10.0
        {"2.0", "2.0"},
        {"-3", "-3"},
        {"18446744073709551616", "18446744073709551616"},  // above uint64: parsed as a double, text kept
    }));
    CAPTURE(version_text);

    SECTION("as version") {
        const dlm::upgrade_result result = dlm::upgrade_text(item_text(R"("version": )" + version_text));
        CHECK(result.document["properties"]["dlm:runtime"]["version"] == expected);
        CHECK(result.changes == std::vector<dlm::change>{
                                    {"/properties/dlm:runtime/version",
                                     "converted the numeric version " + expected + " to the string \"" + expected +
                                         "\""}});
    }
    SECTION("as framework_version: renamed, then converted, both at the original pointer") {
        const dlm::upgrade_result result = dlm::upgrade_text(item_text(R"("framework_version": )" + version_text));
        CHECK(result.document["properties"]["dlm:runtime"] == json{{"framework", "PyTorch"}, {"version", expected}});
        const std::string pointer = "/properties/dlm:runtime/framework_version";
        CHECK(result.changes ==
              std::vector<dlm::change>{{pointer, "renamed framework_version to version"},
                                       {pointer, "converted the numeric version " + expected + " to the string \"" +
                                                     expected + "\""}});
    }
}

TEST_CASE("upgrade_text: the version text is found per Item of a FeatureCollection", "[upgrade]") {
    const dlm::upgrade_result result = dlm::upgrade_text(R"({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"dlm:runtime": {"version": 1.10}}},
        {"type": "Feature", "properties": {"dlm:runtime": {"version": 1.100}}}]})");
    CHECK(result.document["features"][0]["properties"]["dlm:runtime"]["version"] == "1.10");
    CHECK(result.document["features"][1]["properties"]["dlm:runtime"]["version"] == "1.100");
}

TEST_CASE("upgrade: a numeric version built in code becomes its shortest text, and says so", "[upgrade]") {
    const json legacy = item_with([](json& item) { dlm_object(item, "runtime")["version"] = 1.10; });
    const json expected = item_with([](json& item) { dlm_object(item, "runtime")["version"] = "1.1"; });
    check_single_rewrite(legacy, expected,
                         {dlm_pointer("runtime") + "/version",
                          "converted the numeric version to the string \"1.1\", the number's shortest text "
                          "(its original JSON text is not known)"});

    SECTION("an integer needs no caveat") {
        const json integer = item_with([](json& item) { dlm_object(item, "runtime")["version"] = 2; });
        check_single_rewrite(integer, item_with([](json& item) { dlm_object(item, "runtime")["version"] = "2"; }),
                             {dlm_pointer("runtime") + "/version", "converted the numeric version 2 to the string \"2\""});
    }
    SECTION("a non-finite version has no honest text and stays a number") {
        const json infinite = item_with(
            [](json& item) { dlm_object(item, "runtime")["version"] = std::numeric_limits<double>::infinity(); });
        const dlm::upgrade_result result = dlm::upgrade(infinite);
        CHECK(result.document["properties"]["dlm:runtime"]["version"].is_number_float());
        CHECK(result.changes.empty());
    }
}

TEST_CASE("upgrade: tensor channels becomes dim", "[upgrade]") {
    SECTION("one tensor object") {
        const json legacy = item_with([](json& item) {
            json& tensor = dlm_object(item, "inputs")["input_tensors"];
            tensor["channels"] = tensor["dim"];
            tensor.erase("dim");
        });
        check_single_rewrite(legacy, current_item(),
                             {dlm_pointer("inputs") + "/input_tensors/channels", "renamed channels to dim"});
    }
    SECTION("every tensor of an array, each at its own pointer") {
        const json legacy = item_with([](json& item) {
            dlm_object(item, "inputs")["input_tensors"] = json::parse(R"([{"channels": 3}, {"dim": 3}, {"channels": 1}])");
        });
        const dlm::upgrade_result result = dlm::upgrade(legacy);
        CHECK(result.document["properties"]["dlm:inputs"]["input_tensors"] ==
              json::parse(R"([{"dim": 3}, {"dim": 3}, {"dim": 1}])"));
        const std::string tensors = dlm_pointer("inputs") + "/input_tensors";
        CHECK(result.changes == std::vector<dlm::change>{{tensors + "/0/channels", "renamed channels to dim"},
                                                         {tensors + "/2/channels", "renamed channels to dim"}});
    }
}

TEST_CASE("upgrade: null optional fields are removed", "[upgrade]") {
    using edit = std::function<void(json&)>;
    const auto [where, field, insert] = GENERATE(table<std::string, std::string, edit>({
        {"/properties", "dlm:architecture", [](json& item) { item["properties"]["dlm:architecture"] = nullptr; }},
        {dlm_pointer("data"), "useful_bands", [](json& item) { dlm_object(item, "data")["useful_bands"] = nullptr; }},
        {dlm_pointer("data") + "/useful_bands/1", "name",
         [](json& item) { dlm_object(item, "data")["useful_bands"][1]["name"] = nullptr; }},
        {dlm_pointer("inputs"), "pre_processing_function",
         [](json& item) { dlm_object(item, "inputs")["pre_processing_function"] = nullptr; }},
        {dlm_pointer("inputs") + "/input_tensors", "height",
         [](json& item) { dlm_object(item, "inputs")["input_tensors"]["height"] = nullptr; }},
        {dlm_pointer("architecture"), "summary",
         [](json& item) { dlm_object(item, "architecture")["summary"] = nullptr; }},
        {dlm_pointer("runtime"), "requirement_file",
         [](json& item) { dlm_object(item, "runtime")["requirement_file"] = nullptr; }},
        {dlm_pointer("runtime") + "/docker/0", "tag",
         [](json& item) {
             dlm_object(item, "runtime")["docker"] = json::parse(R"([{"image_name": "i", "tag": null}])");
         }},
        {dlm_pointer("outputs"), "post_processing_function",
         [](json& item) { dlm_object(item, "outputs")["post_processing_function"] = nullptr; }},
    }));
    CAPTURE(where, field);
    const json legacy = item_with(insert);
    json expected = legacy;
    expected.at(json::json_pointer(where)).erase(field);
    check_single_rewrite(legacy, expected, {where + "/" + field, "removed null " + field + " (an optional field)"});
}

TEST_CASE("upgrade: a null required field stays for the validator to report", "[upgrade]") {
    const auto [object_name, field_name] = GENERATE(table<std::string, std::string>({
        {"data", "data_type"},
        {"inputs", "scaling_factor"},
        {"architecture", "type"},
        {"runtime", "version"},
        {"outputs", "number_of_classes"},  // required: the task is not regression
        {"outputs", "class_name_mapping"},
    }));
    const std::string object = object_name;  // a lambda cannot capture a structured binding in C++17
    const std::string field = field_name;
    CAPTURE(object, field);
    const json legacy = item_with([&](json& item) { dlm_object(item, object)[field] = nullptr; });
    const dlm::upgrade_result result = dlm::upgrade(legacy);
    CHECK(result.document == legacy);
    CHECK(result.changes.empty());
}

TEST_CASE("upgrade: number_of_classes and class_name_mapping are optional for regression only", "[upgrade]") {
    const json legacy = item_with([](json& item) {
        dlm_object(item, "outputs") = json::parse(
            R"({"task": "regression", "final_layer_size": [1], "number_of_classes": null, "class_name_mapping": null})");
    });
    const dlm::upgrade_result result = dlm::upgrade(legacy);
    CHECK(result.document["properties"]["dlm:outputs"] == json::parse(R"({"task": "regression", "final_layer_size": [1]})"));
    CHECK(result.changes ==
          std::vector<dlm::change>{
              {dlm_pointer("outputs") + "/number_of_classes", "removed null number_of_classes (an optional field)"},
              {dlm_pointer("outputs") + "/class_name_mapping", "removed null class_name_mapping (an optional field)"}});
}

TEST_CASE("upgrade: null members the rules do not define are kept", "[upgrade]") {
    const json legacy = item_with([](json& item) {
        dlm_object(item, "data")["item_examples"] = nullptr;
        item["properties"]["description"] = nullptr;
    });
    const dlm::upgrade_result result = dlm::upgrade(legacy);
    CHECK(result.document == legacy);
    CHECK(result.changes.empty());
}

TEST_CASE("upgrade: selected_band becomes selected_bands", "[upgrade]") {
    const json legacy = item_with([](json& item) {
        json& inputs = dlm_object(item, "inputs");
        inputs["selected_band"] = inputs["selected_bands"];
        inputs.erase("selected_bands");
    });
    check_single_rewrite(legacy, current_item(),
                         {dlm_pointer("inputs") + "/selected_band", "renamed selected_band to selected_bands"});
}

TEST_CASE("upgrade: class_name_mapping forms 2 and 3 become sorted index records", "[upgrade]") {
    const std::string pointer = dlm_pointer("outputs") + "/class_name_mapping";
    SECTION("form 2, keys out of order and with a leading zero") {
        const json legacy = item_with([](json& item) {
            dlm_object(item, "outputs")["class_name_mapping"] = json{{"2", "water"}, {"00", "other"}, {"1", "road"}};
        });
        check_single_rewrite(legacy, current_item(),
                             {pointer, "rewrote class_name_mapping from an object keyed by class index to a list of "
                                       "{index, class_name} records in ascending index order"});
    }
    SECTION("form 3, entries out of order; index 10 sorts after 2") {
        const json legacy = item_with([](json& item) {
            dlm_object(item, "outputs")["class_name_mapping"] =
                json::parse(R"([{"10": "cloud"}, {"2": "water"}, {"0": "other"}, {"1": "road"}])");
        });
        const dlm::upgrade_result result = dlm::upgrade(legacy);
        CHECK(result.document["properties"]["dlm:outputs"]["class_name_mapping"] ==
              json::parse(R"([{"index": 0, "class_name": "other"}, {"index": 1, "class_name": "road"},
                              {"index": 2, "class_name": "water"}, {"index": 10, "class_name": "cloud"}])"));
        CHECK(result.changes == std::vector<dlm::change>{
                                    {pointer, "rewrote class_name_mapping from a list of single-entry objects to a "
                                              "list of {index, class_name} records in ascending index order"}});
    }
    SECTION("an index named twice, or an entry that fits no form, is left for the validator") {
        const json mapping = GENERATE(json::parse(R"({"1": "road", "01": "street"})"),
                                      json::parse(R"([{"1": "road"}, {"01": "street"}])"),
                                      json::parse(R"([{"1": "road"}, {"2": "water", "3": "cloud"}])"),
                                      json::parse(R"([{"1": "road"}, {"index": 2, "class_name": "water"}])"),
                                      json::parse(R"({"1": "road", "x": "water"})"),
                                      json::parse(R"({"1": "road", "-2": "water"})"),
                                      json::parse(R"({"1": 7})"),
                                      json::parse(R"({"18446744073709551616": "too big"})"),
                                      json::parse(R"({})"), json::parse(R"([])"), json::parse(R"([{}])"),
                                      json::parse(R"(["road"])"), json(42));
        CAPTURE(mapping);
        const json legacy = item_with([&](json& item) { dlm_object(item, "outputs")["class_name_mapping"] = mapping; });
        const dlm::upgrade_result result = dlm::upgrade(legacy);
        CHECK(result.document == legacy);
        CHECK(result.changes.empty());
    }
    SECTION("form 1 is kept as written, even out of order") {
        const json legacy = item_with([](json& item) {
            dlm_object(item, "outputs")["class_name_mapping"] =
                json::parse(R"([{"index": 1, "class_name": "road"}, {"index": 0, "class_name": "other"}])");
        });
        CHECK(dlm::upgrade(legacy).changes.empty());
    }
}

TEST_CASE("upgrade: the dl-model short name becomes the identifier", "[upgrade]") {
    const std::string eo = "https://stac-extensions.github.io/eo/v1.1.0/schema.json";
    SECTION("replaced in place") {
        const json legacy = item_with([&](json& item) { item["stac_extensions"] = {eo, "dl-model"}; });
        const json expected = item_with([&](json& item) { item["stac_extensions"] = {eo, identifier}; });
        check_single_rewrite(legacy, expected, {"/stac_extensions/1", "replaced dl-model with " + identifier});
    }
    SECTION("removed when the identifier is already declared") {
        const json legacy = item_with([&](json& item) { item["stac_extensions"] = {"dl-model", identifier, eo}; });
        const json expected = item_with([&](json& item) { item["stac_extensions"] = {identifier, eo}; });
        check_single_rewrite(legacy, expected,
                             {"/stac_extensions/0", "removed dl-model: the dlm identifier is already declared"});
    }
    SECTION("listed twice: the first becomes the identifier, the second goes") {
        const json legacy = item_with([&](json& item) { item["stac_extensions"] = {"dl-model", eo, "dl-model"}; });
        const dlm::upgrade_result result = dlm::upgrade(legacy);
        CHECK(result.document["stac_extensions"] == json{identifier, eo});
        CHECK(result.changes ==
              std::vector<dlm::change>{{"/stac_extensions/0", "replaced dl-model with " + identifier},
                                       {"/stac_extensions/2", "removed dl-model: the dlm identifier is already declared"}});
    }
}

TEST_CASE("upgrade_text: every rewrite at once, then nothing more", "[upgrade]") {
    const dlm::upgrade_result result = dlm::upgrade_text(legacy_item_text);
    CHECK(result.document == current_item());
    CHECK(result.document.dump() == current_item().dump());  // also tells 1 from 1.0 and "1.10" from "1.1"
    const std::string data = dlm_pointer("data");
    const std::string inputs = dlm_pointer("inputs");
    const std::string runtime = dlm_pointer("runtime");
    CHECK(result.changes ==
          std::vector<dlm::change>{
              {"/stac_extensions/0", "replaced dl-model with " + identifier},
              {data + "/dtype", "renamed dtype to data_type"},
              {data + "/nodata_value", "renamed nodata_value to nodata"},
              {data + "/useful_bands/0/name", "removed null name (an optional field)"},
              {inputs + "/selected_band", "renamed selected_band to selected_bands"},
              {inputs + "/input_tensors/channels", "renamed channels to dim"},
              {inputs + "/pre_processing_function", "removed null pre_processing_function (an optional field)"},
              {dlm_pointer("architecture") + "/summary", "removed null summary (an optional field)"},
              {runtime + "/framework_version", "renamed framework_version to version"},
              {runtime + "/framework_version", "converted the numeric version 1.10 to the string \"1.10\""},
              {runtime + "/docker", "removed null docker (an optional field)"},
              {dlm_pointer("outputs") + "/class_name_mapping",
               "rewrote class_name_mapping from an object keyed by class index to a list of {index, class_name} "
               "records in ascending index order"},
              {dlm_pointer("outputs") + "/dont_care_index", "removed null dont_care_index (an optional field)"},
          });

    SECTION("idempotent, from the document and from its text") {
        const dlm::upgrade_result again = dlm::upgrade(result.document);
        CHECK(again.document == result.document);
        CHECK(again.changes.empty());
        const dlm::upgrade_result again_text = dlm::upgrade_text(result.document.dump());
        CHECK(again_text.document == result.document);
        CHECK(again_text.changes.empty());
    }
    SECTION("upgrade of the parsed text differs only in the version text") {
        const dlm::upgrade_result from_json = dlm::upgrade(json::parse(legacy_item_text));
        json expected = current_item();
        expected["properties"]["dlm:runtime"]["version"] = "1.1";
        CHECK(from_json.document == expected);
        CHECK(from_json.changes.size() == result.changes.size());
    }
}

TEST_CASE("upgrade: a Collection keeps its dlm fields at the top level", "[upgrade]") {
    const json legacy = json::parse(R"({"type": "Collection", "id": "c", "stac_extensions": ["dl-model"],
        "dlm:data": {"dtype": "uint8"}, "properties": {"dlm:data": {"dtype": "uint8"}}})");
    const dlm::upgrade_result result = dlm::upgrade(legacy);
    // `properties` means nothing special in a Collection: only the top-level fields are the extension's.
    CHECK(result.document == json::parse(R"({"type": "Collection", "id": "c", "stac_extensions": [")" + identifier +
                                         R"("], "dlm:data": {"data_type": "uint8"},
                                             "properties": {"dlm:data": {"dtype": "uint8"}}})"));
    CHECK(result.changes == std::vector<dlm::change>{{"/stac_extensions/0", "replaced dl-model with " + identifier},
                                                     {"/dlm:data/dtype", "renamed dtype to data_type"}});
}

TEST_CASE("upgrade: an Item's top-level dlm fields are not moved or rewritten", "[upgrade]") {
    const json legacy = item_with([](json& item) { item["dlm:data"] = {{"dtype", "uint8"}}; });
    const dlm::upgrade_result result = dlm::upgrade(legacy);
    CHECK(result.document == legacy);
    CHECK(result.changes.empty());
}

TEST_CASE("upgrade: each Item of a FeatureCollection, with its index in the pointer", "[upgrade]") {
    json legacy_feature = json::parse(legacy_item_text);
    json collection = {{"type", "FeatureCollection"},
                       {"features", {current_item(), legacy_feature, "not a feature", {{"type", "Collection"}}}}};
    const dlm::upgrade_result result = dlm::upgrade(collection);
    json expected = collection;
    expected["features"][1] = current_item();
    expected["features"][1]["properties"]["dlm:runtime"]["version"] = "1.1";  // built in code: shortest text
    CHECK(result.document == expected);
    const dlm::upgrade_result single = dlm::upgrade(legacy_feature);
    REQUIRE(result.changes.size() == single.changes.size());
    for (std::size_t i = 0; i < single.changes.size(); ++i) {
        CHECK(result.changes[i].pointer == "/features/1" + single.changes[i].pointer);
        CHECK(result.changes[i].description == single.changes[i].description);
    }
}

TEST_CASE("upgrade: a document without dlm fields is unchanged", "[upgrade]") {
    const json plain = json::parse(R"({"type": "Feature", "stac_version": "1.0.0", "id": "a", "geometry": null,
        "stac_extensions": ["https://stac-extensions.github.io/eo/v1.1.0/schema.json"],
        "properties": {"datetime": null, "title": null, "version": 1.5}, "links": [], "assets": {}})");
    const dlm::upgrade_result result = dlm::upgrade(plain);
    CHECK(result.document == plain);
    CHECK(result.changes.empty());
}

TEST_CASE("upgrade: input of the wrong shape is returned unchanged", "[upgrade]") {
    const json odd = GENERATE(
        json(nullptr), json(42), json("dl-model"), json::array({"dl-model"}), json::object(),
        json::parse(R"({"type": "Catalog", "stac_extensions": ["dl-model"], "dlm:data": {"dtype": "uint8"}})"),
        json::parse(R"({"stac_extensions": ["dl-model"], "properties": {"dlm:data": {"dtype": "uint8"}}})"),
        json::parse(R"({"type": 7, "stac_extensions": ["dl-model"]})"),
        json::parse(R"({"type": "Feature", "stac_extensions": "dl-model", "properties": []})"),
        json::parse(R"({"type": "Feature", "properties": {"dlm:data": "dtype", "dlm:inputs": [{"selected_band": [0]}],
            "dlm:runtime": 1.5, "dlm:outputs": null}})"),
        json::parse(R"({"type": "Feature", "properties": {"dlm:inputs": {"input_tensors": [1, null, [{"channels": 3}]]},
            "dlm:runtime": {"docker": [null, "x"]}, "dlm:data": {"useful_bands": [null, 3]}}})"),
        json::parse(R"({"type": "FeatureCollection", "features": {"0": {"type": "Feature"}}})"),
        json::parse(R"({"type": "FeatureCollection", "features": [null, 1, []]})"));
    CAPTURE(odd);
    const dlm::upgrade_result result = dlm::upgrade(odd);
    CHECK(result.document == odd);
    CHECK(result.changes.empty());
}

TEST_CASE("upgrade_text: text that is not JSON throws dlm::error and nothing else", "[upgrade]") {
    const std::string text = GENERATE(as<std::string>{}, "", "   ", "{", "{\"type\": \"Feature\",}", "[1, 2", "nul",
                                      "{\"a\": 1}{}", "{\"a\": 1e400}", "\xff\xfe", "{\"a\": \"\xc3\x28\"}",
                                      std::string("{\"type\": \"Feature\"\0}", 20),
                                      std::string("{\"type\": \"Feature\"}\0garbage", 27), "{\"a\": " + std::string(5000, '9') + "e9999}");
    CAPTURE(text);
    try {
        (void)dlm::upgrade_text(text);
        FAIL("no exception");
    } catch (const dlm::error& e) {
        INFO(e.what());
        CHECK_FALSE(e.reason().empty());
        CHECK(std::string(e.what()).size() < 400);  // quotes at most a short piece of the input
    }
}

TEST_CASE("upgrade_text: a repeated key throws, since the upgraded document would lose a value", "[upgrade]") {
    try {
        (void)dlm::upgrade_text(R"({"type": "Feature", "properties": {"dlm:runtime": {"version": 1.10, "version": 2.5}}})");
        FAIL("no exception");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == "/properties/dlm:runtime/version");
    }
}

TEST_CASE("upgrade_text: parses under the given limits", "[upgrade]") {
    const std::string text = R"({"type": "Feature", "properties": {"dlm:data": {"dtype": "uint8"}}})";
    CHECK(dlm::upgrade_text(text).changes.size() == 1);
    dlm::limits shallow;
    shallow.max_depth = 2;
    CHECK_THROWS_AS(dlm::upgrade_text(text, shallow), dlm::error);
}

TEST_CASE("upgrade_text: JSON that is not a STAC object comes back unchanged", "[upgrade]") {
    const std::string text = GENERATE(as<std::string>{}, "null", "3", "\"dl-model\"", "[\"dl-model\"]", "{}");
    const dlm::upgrade_result result = dlm::upgrade_text(text);
    CHECK(result.document == json::parse(text));
    CHECK(result.changes.empty());
}

TEST_CASE("upgrade_text: deep nesting neither crashes nor leaks an exception", "[upgrade]") {
    const std::size_t depth = 100000;
    const std::string text = std::string(depth, '[') + std::string(depth, ']');
    try {
        const dlm::upgrade_result result = dlm::upgrade_text(text);
        CHECK(result.changes.empty());
    } catch (const dlm::error&) {
        SUCCEED("refused by the parser's limits");
    }
}

TEST_CASE("upgrade_text: tests/data/legacy/X.json upgrades to X.expected.json", "[upgrade][data]") {
    const std::vector<std::string> expectations = legacy_expectations();
    REQUIRE_FALSE(expectations.empty());
    const std::string expected_name = GENERATE_COPY(from_range(expectations));
    const std::filesystem::path directory = std::filesystem::path(DLM_TEST_DATA_DIR) / "legacy";
    const std::string input_name = expected_name.substr(0, expected_name.size() - expected_suffix.size()) + ".json";
    CAPTURE(input_name);
    REQUIRE(std::filesystem::is_regular_file(directory / input_name));

    const dlm::upgrade_result result = dlm::upgrade_text(read_file(directory / input_name));
    const json expected = json::parse(read_file(directory / expected_name));
    CHECK(result.document.dump(2) == expected.dump(2));  // exact: 1 and 1.0 differ, so do "1.1" and "1.10"
    CHECK(std::none_of(result.changes.begin(), result.changes.end(),
                       [](const dlm::change& c) { return c.description.empty(); }));

    const dlm::upgrade_result again = dlm::upgrade_text(result.document.dump());
    CHECK(again.changes.empty());
}

}  // namespace dlm_test_upgrade
