// dlm/json.hpp (and the types of dlm/model.hpp): reading, writing back in the form read, kept extra
// members, and the pointer and wording of every kind of error.

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <variant>

#include <nlohmann/json.hpp>

#include <dlm/error.hpp>
#include <dlm/json.hpp>
#include <dlm/model.hpp>

namespace dlm_test_json {  // each test file has a namespace of its own: the runner is a unity build

using nlohmann::json;

namespace {

// Reads `text` as a T and requires a dlm::error at `pointer` whose reason is `reason`.
template <class T>
void require_error(const char* text, const std::string& pointer, const std::string& reason) {
    const json j = json::parse(text);
    CAPTURE(text);
    try {
        static_cast<void>(j.get<T>());
        FAIL("no dlm::error was thrown");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == pointer);
        CHECK(e.reason() == reason);
    }
}

// Reads `text` as a T and writes it back; the result must be the same JSON, number types included
// (dump() tells 1 from 1.0).
template <class T>
T require_round_trip(const char* text) {
    const json j = json::parse(text);
    CAPTURE(text);
    const T value = j.get<T>();
    const json back = value;
    CHECK(back.dump() == j.dump());
    return value;
}

constexpr const char* inputs_text = R"({
    "name": "x",
    "input_tensors": {"batch": 1, "dim": 3, "height": 64, "width": 64},
    "scaling_factor": 0.004,
    "normalization:mean": [0.5, 0.25, 0.125],
    "normalization:std": [0.5, 0.5, 0.5],
    "selected_bands": [0, 1, 2]
})";

}  // namespace

TEST_CASE("model_band: index and name, extra members kept", "[json]") {
    const auto band = require_round_trip<dlm::model_band>(R"({"index": 3, "name": "nir", "gsd": 10})");
    CHECK(band.index == 3);
    CHECK(band.name == "nir");
    CHECK(band.extra == json{{"gsd", 10}});
    const auto unnamed = require_round_trip<dlm::model_band>(R"({"index": 0})");
    CHECK_FALSE(unnamed.name.has_value());
    CHECK(unnamed.extra == json::object());

    require_error<dlm::model_band>(R"({"name": "red"})", "", "missing required member \"index\"");
    require_error<dlm::model_band>(R"({"index": "1"})", "/index", "expected an integer, found a string");
    require_error<dlm::model_band>(R"({"index": 1, "name": null})", "/name", "expected a string, found null");
    require_error<dlm::model_band>(R"([1])", "", "expected an object, found an array");
}

TEST_CASE("integers: a zero fraction is an integer, written back without it", "[json]") {
    const auto band = json::parse(R"({"index": 4.0})").get<dlm::model_band>();
    CHECK(band.index == 4);
    CHECK(json(band).dump() == R"({"index":4})");
    CHECK(json::parse(R"({"index": -0.0})").get<dlm::model_band>().index == 0);

    require_error<dlm::model_band>(R"({"index": 4.5})", "/index",
                                   "expected an integer, found a number with a fractional part (4.5)");
    require_error<dlm::model_band>(R"({"index": 1e19})", "/index",
                                   "expected an integer that fits in 64 bits, found 1e+19");
    require_error<dlm::model_band>(R"({"index": 9223372036854775808})", "/index",
                                   "expected an integer below 2^63, found 9223372036854775808");
    require_error<dlm::model_band>(R"({"index": true})", "/index", "expected an integer, found a boolean");
    CHECK(json::parse(R"({"index": 9223372036854775807})").get<dlm::model_band>().index ==
          std::numeric_limits<std::int64_t>::max());
    CHECK(json::parse(R"({"index": -9223372036854775808})").get<dlm::model_band>().index ==
          std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("number: a double that keeps the integer or float form it was read in", "[json]") {
    CHECK(json::parse("1").get<dlm::number>().integer_form);
    CHECK(json(json::parse("1").get<dlm::number>()).dump() == "1");
    CHECK(json(json::parse("-3").get<dlm::number>()).dump() == "-3");
    CHECK(json(json::parse("1.0").get<dlm::number>()).dump() == "1.0");
    CHECK(json(json::parse("0.25").get<dlm::number>()).dump() == "0.25");
    CHECK(json(json::parse("1e2").get<dlm::number>()).dump() == "100.0");
    // Built from a double: a float; read as an integer but no longer integral: a float.
    CHECK(json(dlm::number(2.0)).dump() == "2.0");
    dlm::number n = json::parse("2").get<dlm::number>();
    n.value = 2.5;
    CHECK(json(n).dump() == "2.5");
    // Reads like a double.
    const double twice = 2 * dlm::number(0.25);
    CHECK(twice == 0.5);
    CHECK_THROWS_WITH(json("1").get<dlm::number>(), "(document): expected a number, found a string");

    auto in = require_round_trip<dlm::inputs>(R"({"name": "x", "input_tensors": {}, "scaling_factor": 1,
        "normalization:mean": [0, 0.5, 100], "normalization:std": [1, 1.0, 2], "selected_bands": [0, 1, 2]})");
    CHECK(in.scaling_factor == 1.0);
    CHECK(in.normalization_std[1] == 1.0);
    CHECK_FALSE(in.normalization_std[1].integer_form);
    in.scaling_factor = 1;  // assigned in code: a float from now on
    CHECK(json(in).at("scaling_factor").dump() == "1.0");
}

TEST_CASE("data: nodata keeps its exact JSON type", "[json]") {
    const char* base = R"({"process_level": "L1", "data_type": "int16", "number_of_bands": 2, "nodata": )";
    SECTION("integer") {
        const auto d = require_round_trip<dlm::data>((std::string(base) + "-9999}").c_str());
        REQUIRE(std::holds_alternative<std::int64_t>(*d.nodata));
        CHECK(std::get<std::int64_t>(*d.nodata) == -9999);
    }
    SECTION("non-negative integer") {
        const auto d = require_round_trip<dlm::data>((std::string(base) + "0}").c_str());
        CHECK(std::get<std::int64_t>(*d.nodata) == 0);
    }
    SECTION("integer above INT64_MAX") {
        const auto d = require_round_trip<dlm::data>((std::string(base) + "18446744073709551615}").c_str());
        CHECK(std::get<std::uint64_t>(*d.nodata) == std::numeric_limits<std::uint64_t>::max());
    }
    SECTION("fraction") {
        const auto d = require_round_trip<dlm::data>((std::string(base) + "0.5}").c_str());
        CHECK(std::get<double>(*d.nodata) == 0.5);
    }
    SECTION("float with zero fraction stays a float") {
        const auto d = require_round_trip<dlm::data>((std::string(base) + "255.0}").c_str());
        CHECK(std::get<double>(*d.nodata) == 255.0);
    }
    SECTION("string") {
        const auto d = require_round_trip<dlm::data>((std::string(base) + "\"nan\"}").c_str());
        CHECK(std::get<std::string>(*d.nodata) == "nan");
    }
    SECTION("null and other types are errors") {
        require_error<dlm::data>((std::string(base) + "null}").c_str(), "/nodata",
                                 "expected a number or a string, found null");
        require_error<dlm::data>((std::string(base) + "[0]}").c_str(), "/nodata",
                                 "expected a number or a string, found an array");
    }
}

TEST_CASE("data: enums, required members, useful_bands and extras", "[json]") {
    const auto d = require_round_trip<dlm::data>(R"({
        "process_level": "ortho", "data_type": "ulonglong", "number_of_bands": 13,
        "useful_bands": [{"index": 3, "name": "red"}, {"index": 7}],
        "item_examples": [{"url": "https://example.com/a.tif"}], "test_file": "t.tif"})");
    CHECK(d.process_level == dlm::process_level::ortho);
    CHECK(d.data_type == dlm::data_type::ulonglong);
    CHECK(d.number_of_bands == 13);
    REQUIRE(d.useful_bands.has_value());
    REQUIRE(d.useful_bands->size() == 2);
    CHECK((*d.useful_bands)[1].index == 7);
    CHECK(d.extra.size() == 2);
    CHECK(d.extra.at("test_file") == "t.tif");
    CHECK_FALSE(d.nodata.has_value());

    require_error<dlm::data>(R"({"data_type": "uint8", "number_of_bands": 1})", "",
                             "missing required member \"process_level\"");
    require_error<dlm::data>(R"({"process_level": "l2", "data_type": "uint8", "number_of_bands": 1})",
                             "/process_level",
                             "unknown process level \"l2\"; expected one of: raw, ortho, L0, L1, L2, L3, L4");
    require_error<dlm::data>(R"({"process_level": "L2", "data_type": "int", "number_of_bands": 1})", "/data_type",
                             "unknown data type \"int\"; expected one of: int8, int16, int32, int64, uint8, uint16, "
                             "uint32, uint64, float16, float32, float64, cint16, cint32, cfloat32, cfloat64, other, "
                             "byte, short, intc, int_, longlong, ubyte, ushort, uintc, uint, ulonglong, half, "
                             "double, float_, longfloat, float96, float128");
    require_error<dlm::data>(
        R"({"process_level": "L2", "data_type": "uint8", "number_of_bands": 2, "useful_bands": [{"index": 0}, {"name": "x"}]})",
        "/useful_bands/1", "missing required member \"index\"");
}

TEST_CASE("tensor: all dimensions optional; unknown members such as beta2 channels kept", "[json]") {
    const auto t = require_round_trip<dlm::tensor>(R"({"batch": 8, "channels": 3, "height": 128})");
    CHECK(t.batch == 8);
    CHECK_FALSE(t.dim.has_value());
    CHECK(t.height == 128);
    CHECK_FALSE(t.width.has_value());
    CHECK(t.extra == json{{"channels", 3}});
    CHECK(json(dlm::tensor{}).dump() == "{}");
    require_error<dlm::tensor>(R"({"dim": "3"})", "/dim", "expected an integer, found a string");
}

TEST_CASE("inputs: input_tensors keeps its form", "[json]") {
    SECTION("one object") {
        const auto in = require_round_trip<dlm::inputs>(inputs_text);
        CHECK_FALSE(in.input_tensors.as_array);
        REQUIRE(in.input_tensors.size() == 1);
        CHECK(in.input_tensors[0].dim == 3);
        CHECK(in.scaling_factor == 0.004);
        CHECK(in.normalization_mean == std::vector<dlm::number>{0.5, 0.25, 0.125});
        CHECK(in.selected_bands == std::vector<std::int64_t>{0, 1, 2});
        CHECK(in.selected_bands_spelling == dlm::selected_bands_key::selected_bands);
    }
    SECTION("an array of one stays an array") {
        json j = json::parse(inputs_text);
        j["input_tensors"] = json::array({{{"dim", 3}}});
        const auto in = j.get<dlm::inputs>();
        CHECK(in.input_tensors.as_array);
        CHECK(json(in) == j);
    }
    SECTION("an array of several") {
        json j = json::parse(inputs_text);
        j["input_tensors"] = json::array({{{"dim", 3}}, {{"dim", 1}, {"height", 16}}});
        const auto in = j.get<dlm::inputs>();
        REQUIRE(in.input_tensors.size() == 2);
        CHECK(in.input_tensors[1].height == 16);
        CHECK(json(in) == j);
    }
    SECTION("built in code: one tensor is written as an object, several as an array") {
        dlm::inputs in = json::parse(inputs_text).get<dlm::inputs>();
        in.input_tensors = dlm::input_tensor_list{};
        in.input_tensors.items.emplace_back();
        CHECK(json(in).at("input_tensors").is_object());
        in.input_tensors.items.emplace_back();
        CHECK(json(in).at("input_tensors") == json::array({json::object(), json::object()}));
    }
    SECTION("neither") {
        json j = json::parse(inputs_text);
        j["input_tensors"] = 3;
        CHECK_THROWS_WITH(j.get<dlm::inputs>(), "/input_tensors: expected an object or an array, found an integer");
        j["input_tensors"] = json::array({{{"dim", 3}}, "x"});
        CHECK_THROWS_WITH(j.get<dlm::inputs>(), "/input_tensors/1: expected an object, found a string");
    }
}

TEST_CASE("inputs: selected_band / selected_bands spelling", "[json]") {
    json j = json::parse(inputs_text);
    SECTION("the seed table's spelling is read and written back") {
        j.erase("selected_bands");
        j["selected_band"] = {4, 2};
        const auto in = require_round_trip<dlm::inputs>(j.dump().c_str());
        CHECK(in.selected_bands == std::vector<std::int64_t>{4, 2});
        CHECK(in.selected_bands_spelling == dlm::selected_bands_key::selected_band);
        CHECK(in.extra.empty());
    }
    SECTION("with both, selected_bands is modelled and selected_band kept in extra") {
        j["selected_band"] = {9};
        const auto in = require_round_trip<dlm::inputs>(j.dump().c_str());
        CHECK(in.selected_bands == std::vector<std::int64_t>{0, 1, 2});
        CHECK(in.selected_bands_spelling == dlm::selected_bands_key::selected_bands);
        CHECK(in.extra == json{{"selected_band", {9}}});
    }
    SECTION("built in code: the canonical spelling") {
        dlm::inputs in;
        in.selected_bands = {1};
        const json written = in;
        CHECK(written.contains("selected_bands"));
        CHECK_FALSE(written.contains("selected_band"));
    }
    SECTION("neither") {
        j.erase("selected_bands");
        CHECK_THROWS_WITH(j.get<dlm::inputs>(), "(document): missing required member \"selected_bands\" (or "
                                                "\"selected_band\")");
    }
    SECTION("the seed spelling is type-checked too") {
        j.erase("selected_bands");
        j["selected_band"] = {0, -1.5};
        CHECK_THROWS_WITH(j.get<dlm::inputs>(),
                          "/selected_band/1: expected an integer, found a number with a fractional part (-1.5)");
    }
}

TEST_CASE("inputs: errors point at the offending member", "[json]") {
    json j = json::parse(inputs_text);
    SECTION("scaling_factor") {
        j["scaling_factor"] = "0.1";
        CHECK_THROWS_WITH(j.get<dlm::inputs>(), "/scaling_factor: expected a number, found a string");
    }
    SECTION("normalization element") {
        j["normalization:mean"][1] = nullptr;
        CHECK_THROWS_WITH(j.get<dlm::inputs>(), "/normalization:mean/1: expected a number, found null");
    }
    SECTION("normalization:std is not an array") {
        j["normalization:std"] = 0.5;
        CHECK_THROWS_WITH(j.get<dlm::inputs>(), "/normalization:std: expected an array, found a number");
    }
    SECTION("missing name") {
        j.erase("name");
        CHECK_THROWS_WITH(j.get<dlm::inputs>(), "(document): missing required member \"name\"");
    }
}

TEST_CASE("architecture: required members and number forms", "[json]") {
    const auto a = json::parse(R"({"total_nb_parameters": 1000, "estimated_total_size_mb": 3.5, "type": "ResNet-18",
                                   "pretrained": "ImageNet", "summary": "...", "input_size": [3, 224, 224]})")
                       .get<dlm::architecture>();
    CHECK(a.total_nb_parameters == 1000);
    CHECK(a.estimated_total_size_mb == 3.5);
    CHECK(a.summary == "...");
    CHECK(a.extra.contains("input_size"));
    // A "number" written as an integer is written back as one.
    const auto whole = require_round_trip<dlm::architecture>(
        R"({"total_nb_parameters": 1, "estimated_total_size_mb": 12, "type": "t", "pretrained": "p"})");
    CHECK(whole.estimated_total_size_mb.integer_form);
    require_error<dlm::architecture>(R"({"total_nb_parameters": 1, "estimated_total_size_mb": 1, "type": "t"})", "",
                                     "missing required member \"pretrained\"");
}

TEST_CASE("runtime: docker keeps its form; a docker_list built in code is an array", "[json]") {
    const char* text = R"({"framework": "PyTorch", "version": "1.10", "model_handler": "h", "model_src_url": "u",
        "docker": {"image_name": "img", "tag": "1", "working_dir": "/w", "run": "go", "gpu": true, "ports": [80]}})";
    const auto r = require_round_trip<dlm::runtime>(text);
    REQUIRE(r.docker.has_value());
    CHECK_FALSE(r.docker->as_array);
    CHECK((*r.docker)[0].gpu);
    CHECK((*r.docker)[0].image_name == "img");
    CHECK_FALSE((*r.docker)[0].docker_file.has_value());
    CHECK((*r.docker)[0].extra == json{{"ports", {80}}});
    CHECK(r.version == "1.10");

    dlm::runtime built = r;
    built.docker = dlm::docker_list{{(*r.docker)[0]}};
    CHECK(json(built).at("docker").is_array());

    json j = json::parse(text);
    j["docker"] = json::array({j["docker"], j["docker"]});
    const auto two = require_round_trip<dlm::runtime>(j.dump().c_str());
    CHECK(two.docker->as_array);
    CHECK(two.docker->size() == 2);

    j["docker"][1].erase("gpu");
    CHECK_THROWS_WITH(j.get<dlm::runtime>(), "/docker/1: missing required member \"gpu\"");
    j["version"] = 1.5;
    CHECK_THROWS_WITH(j.get<dlm::runtime>(), "/version: expected a string, found a number");
}

TEST_CASE("class_name_mapping: the three forms are each written back in their form", "[json]") {
    SECTION("list of records") {
        const auto m = require_round_trip<dlm::class_name_mapping>(
            R"([{"index": 1, "class_name": "water"}, {"index": 0, "class_name": "land", "color": "green"}])");
        CHECK(m.form == dlm::class_name_mapping_form::records);
        REQUIRE(m.entries.size() == 2);
        CHECK(m.entries[0].index == 1);
        CHECK(m.entries[1].extra == json{{"color", "green"}});
        REQUIRE(m.find(0) != nullptr);
        CHECK(*m.find(0) == "land");
        CHECK(m.find(2) == nullptr);
    }
    SECTION("object keyed by decimal index, leading zeros kept") {
        const auto m =
            require_round_trip<dlm::class_name_mapping>(R"({"0": "land", "01": "water", "10": "cloud"})");
        CHECK(m.form == dlm::class_name_mapping_form::object);
        REQUIRE(m.entries.size() == 3);
        CHECK(*m.find(1) == "water");
        CHECK(*m.find(10) == "cloud");
    }
    SECTION("legacy list of single-entry objects") {
        const auto m = require_round_trip<dlm::class_name_mapping>(R"([{"0": "land"}, {"1": "water"}])");
        CHECK(m.form == dlm::class_name_mapping_form::legacy_list);
        CHECK(*m.find(1) == "water");
    }
    SECTION("a changed index is written in decimal, not under its old key") {
        auto m = json::parse(R"({"01": "water"})").get<dlm::class_name_mapping>();
        CHECK(json(m) == json::parse(R"({"01": "water"})"));
        m.entries[0].index = 2;
        CHECK(json(m) == json::parse(R"({"2": "water"})"));
        m.form = dlm::class_name_mapping_form::records;
        CHECK(json(m) == json::parse(R"([{"index": 2, "class_name": "water"}])"));
    }
    SECTION("built in code: records") {
        dlm::class_name_mapping m;
        m.entries.push_back({0, "sea", {}, json::object()});
        CHECK(json(m) == json::parse(R"([{"index": 0, "class_name": "sea"}])"));
    }
    SECTION("empty forms stay empty") {
        CHECK(require_round_trip<dlm::class_name_mapping>("[]").entries.empty());
        CHECK(require_round_trip<dlm::class_name_mapping>("{}").form == dlm::class_name_mapping_form::object);
    }
}

TEST_CASE("class_name_mapping: errors", "[json]") {
    require_error<dlm::class_name_mapping>(R"({"one": "water"})", "",
                                           "expected decimal class indices as keys, found the key \"one\"");
    require_error<dlm::class_name_mapping>(R"({"-1": "water"})", "",
                                           "expected decimal class indices as keys, found the key \"-1\"");
    require_error<dlm::class_name_mapping>(R"({"99999999999999999999": "x"})", "",
                                           "expected decimal class indices as keys, found the key "
                                           "\"99999999999999999999\"");
    require_error<dlm::class_name_mapping>(R"({"1": 2})", "/1", "expected a string, found an integer");
    require_error<dlm::class_name_mapping>(R"([{"0": "a"}, {"1": "b", "2": "c"}])", "/1",
                                           "expected a single-entry object {\"<index>\": \"<class name>\"} like the "
                                           "first element, found an object with 2 members");
    require_error<dlm::class_name_mapping>(R"([{"0": "a"}, {"x": "b"}])", "/1",
                                           "expected decimal class indices as keys, found the key \"x\"");
    require_error<dlm::class_name_mapping>(R"([{"index": 0, "class_name": "a"}, {"1": "b"}])", "/1",
                                           "missing required member \"index\"");
    require_error<dlm::class_name_mapping>(R"([{"index": 0}])", "/0", "missing required member \"class_name\"");
    require_error<dlm::class_name_mapping>(R"(["a"])", "/0", "expected an object, found a string");
    require_error<dlm::class_name_mapping>(R"("a")", "", "expected an array or an object, found a string");
}

TEST_CASE("outputs: task spelling, optional members", "[json]") {
    const auto o = require_round_trip<dlm::outputs>(R"({"task": "object detection", "number_of_classes": 2,
        "final_layer_size": [1, 2], "class_name_mapping": [{"index": 0, "class_name": "car"}],
        "dont_care_index": 1, "post_processing_function": "nms", "score_threshold": 0.5})");
    CHECK(o.task == dlm::task::object_detection);
    CHECK(o.number_of_classes == 2);
    CHECK(o.dont_care_index == 1);
    CHECK(o.extra == json{{"score_threshold", 0.5}});
    const auto r = require_round_trip<dlm::outputs>(R"({"task": "regression", "final_layer_size": [1]})");
    CHECK_FALSE(r.number_of_classes.has_value());
    CHECK_FALSE(r.class_name_mapping.has_value());

    require_error<dlm::outputs>(R"({"task": "foo", "final_layer_size": [1]})", "/task",
                                "unknown task \"foo\"; expected one of: regression, classification, object detection, "
                                "segmentation, semantic segmentation, instance segmentation, panoptic segmentation, "
                                "object segmentation");
    require_error<dlm::outputs>(R"({"final_layer_size": [1]})", "", "missing required member \"task\"");
    require_error<dlm::outputs>(R"({"task": 1, "final_layer_size": [1]})", "/task", "expected a string, found an integer");
    require_error<dlm::outputs>(R"({"task": "classification", "final_layer_size": [1], "class_name_mapping": {"x": "y"}})",
                                "/class_name_mapping", "expected decimal class indices as keys, found the key \"x\"");
}

TEST_CASE("model: the dlm members of an object; other dlm: members kept, the rest ignored", "[json]") {
    json properties = json::parse(R"({
        "datetime": "2021-01-01T00:00:00Z",
        "dlm:data": {"process_level": "raw", "data_type": "uint8", "number_of_bands": 1},
        "dlm:runtime": {"framework": "f", "version": "v", "model_handler": "h", "model_src_url": "u"},
        "dlm:outputs": {"task": "regression", "final_layer_size": [1]},
        "dlm:archive": [{"href": "weights.pt"}]})");
    properties["dlm:inputs"] = json::parse(inputs_text);
    const auto m = properties.get<dlm::model>();
    CHECK_FALSE(m.architecture.has_value());
    CHECK(m.extra == json{{"dlm:archive", json::parse(R"([{"href": "weights.pt"}])")}});
    json expected = properties;
    expected.erase("datetime");
    CHECK(json(m) == expected);

    properties.erase("dlm:runtime");
    CHECK_THROWS_WITH(properties.get<dlm::model>(), "(document): missing required member \"dlm:runtime\"");
    properties["dlm:runtime"] = json::array();
    CHECK_THROWS_WITH(properties.get<dlm::model>(), "/dlm:runtime: expected an object, found an array");
}

TEST_CASE("writing: values JSON cannot hold are errors, not silent nulls", "[json]") {
    auto in = json::parse(inputs_text).get<dlm::inputs>();
    SECTION("NaN") {
        in.scaling_factor = std::nan("");
        CHECK_THROWS_WITH(json(in), "/scaling_factor: cannot write NaN: JSON has no such number");
    }
    SECTION("infinity in an array") {
        in.normalization_std[2] = std::numeric_limits<double>::infinity();
        CHECK_THROWS_WITH(json(in), "/normalization:std/2: cannot write an infinite number: JSON has no such number");
    }
    SECTION("nodata") {
        dlm::data d;
        d.nodata = -std::numeric_limits<double>::infinity();
        CHECK_THROWS_AS(json(d), dlm::error);
    }
    SECTION("extra that is not an object") {
        in.extra = json::array({1});
        CHECK_THROWS_WITH(json(in), "(document): cannot write `extra`: expected an object, found an array");
        in.extra = nullptr;  // null counts as no extra members
        CHECK(json(in) == json::parse(inputs_text));
    }
    SECTION("an enum value outside the enumeration") {
        dlm::outputs o;
        o.task = static_cast<dlm::task>(42);
        CHECK_THROWS_WITH(json(o), "/task: cannot write a task outside the enumeration");
    }
    SECTION("model::extra may hold dlm: members only") {
        dlm::model m;
        m.extra = json{{"datetime", "x"}};
        CHECK_THROWS_WITH(json(m),
                          "(document): cannot write model::extra: it may hold only \"dlm:\" members, found \"datetime\"");
    }
}

TEST_CASE("messages quote document text safely: truncated, valid UTF-8", "[json]") {
    const std::string long_name(5000, 'x');
    try {
        static_cast<void>(json(long_name).get<dlm::task>());
        FAIL("no dlm::error");
    } catch (const dlm::error& e) {
        CHECK(e.reason().size() < 500);
        CHECK(e.reason().find("xxx\"...;") != std::string::npos);
    }
    const json bad_utf8 = std::string("seg\xff\xfe");  // only possible for a json built in code
    try {
        static_cast<void>(bad_utf8.get<dlm::task>());
        FAIL("no dlm::error");
    } catch (const dlm::error& e) {
        CHECK_NOTHROW(json(e.what()).dump());
        CHECK(e.reason().rfind("unknown task \"seg\xEF\xBF\xBD\xEF\xBF\xBD\"", 0) == 0);
    }
}

TEST_CASE("reading any wrong shape throws dlm::error, never a nlohmann exception", "[json]") {
    const json value = GENERATE(json(nullptr), json(true), json(-1), json(1.5), json("s"), json::array(),
                                json::array({json::object()}), json::object(), json{{"index", json::object()}},
                                json{{"task", json::array()}}, json{{"dlm:data", 1}});
    CAPTURE(value.dump());
    const auto only_dlm_errors = [&](auto tag) {
        using T = decltype(tag);
        try {
            static_cast<void>(value.get<T>());
        } catch (const dlm::error&) {
        }
    };
    CHECK_NOTHROW(only_dlm_errors(dlm::model_band{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::data{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::tensor{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::inputs{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::architecture{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::docker{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::runtime{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::class_name_mapping{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::outputs{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::model{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::task{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::process_level{}));
    CHECK_NOTHROW(only_dlm_errors(dlm::data_type{}));
}

}  // namespace dlm_test_json
