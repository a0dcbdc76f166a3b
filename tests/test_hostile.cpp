// Hostile input, one test per failure path measured in the dependency probe (shared/notes/dependency-probe.md),
// each on a document generated here, plus the replay of every input the fuzzers crashed on (tests/fuzz/crashes/).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <dlm/detail/schema/explain.hpp>
#include <dlm/error.hpp>
#include <dlm/parse.hpp>
#include <dlm/validator.hpp>

#include "fuzz/fuzz_one.hpp"

namespace dlm_test_hostile {  // each test file has a namespace of its own: the runner is a unity build

using nlohmann::json;

namespace {

const std::string eo_uri = "https://stac-extensions.github.io/eo/v1.0.0/schema.json";
const std::string user_uri = "https://example.com/hostile/v1.0.0/schema.json";

/// A valid STAC 1.0.0 Item without extensions.
json minimal_item() {
    return json{{"type", "Feature"},
                {"stac_version", "1.0.0"},
                {"id", "hostile"},
                {"geometry", nullptr},
                {"properties", {{"datetime", "2021-01-01T00:00:00Z"}}},
                {"links", json::array()},
                {"assets", json::object()}};
}

/// The one validator with the shipped schemas (construction compiles them all).
const dlm::validator& shipped() { return dlm_fuzz::shared_validator(); }

/// The finding of `rule` in `r`'s errors, or nullptr.
const dlm::finding* find_error(const dlm::report& r, const std::string& rule) {
    for (const auto& f : r.errors) {
        if (f.rule == rule) return &f;
    }
    return nullptr;
}

std::string describe(const dlm::report& r) {
    std::ostringstream out;
    for (const auto& f : r.errors) out << "error " << f.rule << " at '" << f.pointer.substr(0, 80) << "': " << f.message.substr(0, 200) << '\n';
    for (const auto& f : r.warnings) out << "warning " << f.rule << " at '" << f.pointer.substr(0, 80) << "': " << f.message.substr(0, 200) << '\n';
    return out.str();
}

/// `count` times "/0": the pointer of the innermost array of nested arrays.
std::string zeros(std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += "/0";
    return out;
}

/// `depth` nested arrays (or objects under key "a"), built iteratively.
json nested(std::size_t depth, bool objects) {
    json value = nullptr;
    for (std::size_t i = 0; i < depth; ++i) {
        json outer = objects ? json::object() : json::array();
        if (objects) outer["a"] = std::move(value);
        else outer.push_back(std::move(value));
        value = std::move(outer);
    }
    return value;
}

/// Asserts that every finding of `r` is short and survives json::dump.
void require_reportable(const dlm::report& r) {
    for (const auto* list : {&r.errors, &r.warnings}) {
        for (const auto& f : *list) {
            CHECK(f.message.size() <= 1024);
            CHECK_NOTHROW(json(f.message).dump());
            CHECK_NOTHROW(json(f.pointer).dump());
        }
    }
}

}  // namespace

TEST_CASE("100,000-deep arrays and objects stop at max_depth, from text and from code", "[hostile]") {
    const std::size_t depth = 100000;
    const std::size_t limit = dlm::limits{}.max_depth;
    SECTION("arrays through validate_text") {
        const dlm::report r = shipped().validate_text(std::string(depth, '[') + std::string(depth, ']'));
        INFO(describe(r));
        const dlm::finding* f = find_error(r, "input.too-deep");
        REQUIRE(f != nullptr);
        CHECK(f->pointer == zeros(limit));
        require_reportable(r);
    }
    SECTION("objects through validate_text") {
        std::string text;
        for (std::size_t i = 0; i < depth; ++i) text += "{\"a\":";
        text += "0" + std::string(depth, '}');
        const dlm::report r = shipped().validate_text(text);
        INFO(describe(r));
        const dlm::finding* f = find_error(r, "input.too-deep");
        REQUIRE(f != nullptr);
        std::string pointer;
        for (std::size_t i = 0; i < limit; ++i) pointer += "/a";
        CHECK(f->pointer == pointer);
    }
    SECTION("arrays and objects built in code through validate") {
        for (const bool objects : {false, true}) {
            const json document = nested(depth, objects);
            const dlm::report r = shipped().validate(document);
            INFO(describe(r));
            REQUIRE(find_error(r, "input.too-deep") != nullptr);
            require_reportable(r);
        }
    }
}

TEST_CASE("30,000 and 200,000-character strings in pattern- and format-checked fields do not reach std::regex", "[hostile]") {
    for (const std::size_t length : {std::size_t{30000}, std::size_t{200000}}) {
        CAPTURE(length);
        SECTION("properties.datetime (format date-time)") {
            json item = minimal_item();
            item["properties"]["datetime"] = std::string(length, '9') + "-01-01T00:00:00Z";
            const dlm::report r = shipped().validate(item);
            INFO(describe(r));
            REQUIRE_FALSE(r.ok());
            bool at_datetime = false;
            for (const auto& f : r.errors) at_datetime = at_datetime || f.pointer == "/properties/datetime";
            CHECK(at_datetime);
            require_reportable(r);
        }
        SECTION("an eo band name") {
            json item = minimal_item();
            item["stac_extensions"] = {eo_uri};
            item["properties"]["eo:bands"] = {{{"name", std::string(length, 'b')}, {"common_name", std::string(length, 'c')}}};
            const dlm::report r = shipped().validate(item);
            INFO(describe(r));
            REQUIRE_FALSE(r.ok());
            require_reportable(r);
        }
        SECTION("stac_version") {
            json item = minimal_item();
            item["stac_version"] = std::string(length, '1');
            const dlm::report r = shipped().validate(item);
            INFO(describe(r));
            const dlm::finding* f = find_error(r, "stac.version.unsupported");
            REQUIRE(f != nullptr);
            CHECK(f->pointer == "/stac_version");
            require_reportable(r);
        }
    }
}

TEST_CASE("a 20,000-character object key is input.string-too-long at its object", "[hostile]") {
    json item = minimal_item();
    item["properties"][std::string(20000, 'k')] = 1;
    const dlm::report r = shipped().validate_text(item.dump());
    INFO(describe(r));
    const dlm::finding* f = find_error(r, "input.string-too-long");
    REQUIRE(f != nullptr);
    CHECK(f->pointer == "/properties");
    require_reportable(r);
}

TEST_CASE("datetime null with start and end is valid; an object under a format field is a finding", "[hostile]") {
    json item = minimal_item();
    item["properties"] = {{"datetime", nullptr},
                          {"start_datetime", "2020-01-01T00:00:00Z"},
                          {"end_datetime", "2021-01-01T00:00:00Z"}};
    const dlm::report valid = shipped().validate(item);
    INFO(describe(valid));
    CHECK(valid.ok());

    item["properties"]["datetime"] = {{"a", 1}};
    dlm::report invalid;
    REQUIRE_NOTHROW(invalid = shipped().validate(item));
    INFO(describe(invalid));
    REQUIRE_FALSE(invalid.ok());
    CHECK(find_error(invalid, "schema.error") == nullptr);
    bool at_datetime = false;
    for (const auto& f : invalid.errors) at_datetime = at_datetime || f.pointer == "/properties/datetime";
    CHECK(at_datetime);
}

TEST_CASE("numbers valijson gets wrong are reported before any schema", "[hostile]") {
    SECTION("18446744073709551615 in eo:cloud_cover is input.number-out-of-range, not passed") {
        json item = minimal_item();
        item["stac_extensions"] = {eo_uri};
        std::string with_number = item.dump();  // json cannot hold 2^64-1 as text, so splice it in
        const std::string anchor = "\"datetime\":";
        with_number.insert(with_number.find(anchor), "\"eo:cloud_cover\":18446744073709551615,");
        const dlm::report r = shipped().validate_text(with_number);
        INFO(describe(r));
        const dlm::finding* f = find_error(r, "input.number-out-of-range");
        REQUIRE(f != nullptr);
        CHECK(f->pointer == "/properties/eo:cloud_cover");
    }
    SECTION("NaN and infinity in a document built in code") {
        for (const double value : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                                   -std::numeric_limits<double>::infinity()}) {
            json item = minimal_item();
            item["stac_extensions"] = {eo_uri};
            item["properties"]["eo:cloud_cover"] = value;
            const dlm::report r = shipped().validate(item);
            INFO(describe(r));
            const dlm::finding* f = find_error(r, "input.number-out-of-range");
            REQUIRE(f != nullptr);
            CHECK(f->pointer == "/properties/eo:cloud_cover");
        }
    }
    SECTION("1.0 is an integer; 1.5 is not") {
        const dlm::validator validator(dlm::validator_options{}.add_schema(
            user_uri, {{"properties", {{"properties", {{"properties", {{"count", {{"type", "integer"}}}}}}}}}}));
        json item = minimal_item();
        item["stac_extensions"] = {user_uri};
        item["properties"]["count"] = 1.0;
        const dlm::report accepted = validator.validate_text(item.dump());
        INFO(describe(accepted));
        CHECK(accepted.ok());
        item["properties"]["count"] = 1.5;
        const dlm::report rejected = validator.validate(item);
        INFO(describe(rejected));
        REQUIRE_FALSE(rejected.ok());
        CHECK(rejected.errors.front().pointer == "/properties/count");
    }
    SECTION("1e400 is input.number-out-of-range") {
        const dlm::parse_result r = dlm::parse(R"({"a": [1e400]})");
        REQUIRE(r.findings.errors.size() == 1);
        CHECK(r.findings.errors[0].rule == "input.number-out-of-range");
        CHECK(r.findings.errors[0].pointer == "/a/0");
        CHECK_FALSE(r.document.has_value());
    }
}

TEST_CASE("duplicate keys are input.duplicate-key at the member", "[hostile]") {
    const dlm::report r = shipped().validate_text(R"({"type": "Feature", "properties": {"a": 1, "a": 2}})");
    INFO(describe(r));
    const dlm::finding* f = find_error(r, "input.duplicate-key");
    REQUIRE(f != nullptr);
    CHECK(f->pointer == "/properties/a");
}

// No timer here (speed belongs to the benchmark): valijson's quadratic check would need about 11 minutes for
// 300,000 items, past the 300 s timeout every test has (tests/CMakeLists.txt), so the regression fails the suite.
TEST_CASE("300,000 equal items under uniqueItems finish with few findings", "[hostile]") {
    const dlm::validator validator(dlm::validator_options{}.add_schema(
        user_uri, {{"properties", {{"properties", {{"properties", {{"tags", {{"uniqueItems", true}}}}}}}}}}));
    json item = minimal_item();
    item["stac_extensions"] = {user_uri};
    item["properties"]["tags"] = json::array();
    for (int i = 0; i < 300000; ++i) item["properties"]["tags"].push_back("same");
    const dlm::report r = validator.validate(item);
    INFO(describe(r));
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.size() <= 10);
    CHECK(r.errors.front().pointer.rfind("/properties/tags", 0) == 0);
}

TEST_CASE("a user schema with a $ref cycle is rejected at construction", "[hostile]") {
    const json cycles[] = {
        {{"$ref", "#"}},
        {{"definitions", {{"a", {{"$ref", "#/definitions/b"}}}, {"b", {{"$ref", "#/definitions/a"}}}}}, {"$ref", "#/definitions/a"}},
        {{"allOf", {{{"$ref", "#"}}}}},
    };
    for (const json& schema : cycles) {
        CAPTURE(schema.dump());
        CHECK_THROWS_AS(dlm::validator(dlm::validator_options{}.add_schema(user_uri, schema)), dlm::error);
    }
}

TEST_CASE("messages quoting a 1 MB key, a 1 MB number or invalid UTF-8 stay short and dump", "[hostile]") {
    const std::string megabyte(std::size_t{1} << 20, '7');
    const std::string texts[] = {
        "{\"" + std::string(std::size_t{1} << 20, 'k') + "\": 1}",
        "{\"a\": " + megabyte + "}",
        "{\"a\": 0." + megabyte + "e99999}",
        "{\"a\": \"\xff\xfe\xc0\x80" + std::string(1000, '\xff') + "\"}",
        "{\"" + std::string(1000, '\xc3') + "\": 1}",
    };
    for (const std::string& text : texts) {
        const dlm::report r = shipped().validate_text(text);
        INFO(describe(r));
        REQUIRE_FALSE(r.ok());
        require_reportable(r);
    }
}

TEST_CASE("every input a fuzzer crashed on now passes the fuzz target's checks", "[hostile][fuzz]") {
    const std::filesystem::path crashes = std::filesystem::path(DLM_TEST_DATA_DIR).parent_path() / "fuzz" / "crashes";
    REQUIRE(std::filesystem::is_directory(crashes));
    for (const auto& entry : std::filesystem::directory_iterator(crashes)) {
        if (!entry.is_regular_file()) continue;
        CAPTURE(entry.path().string());
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        dlm_fuzz::validate_one(text);  // aborts on a broken invariant
        SUCCEED();
    }
}

TEST_CASE("100,000 failing items give a bounded list of findings", "[hostile]") {
    json item = minimal_item();
    item["bbox"] = json::array();
    for (int i = 0; i < 100000; ++i) item["bbox"].push_back("x");
    const dlm::report r = shipped().validate(item);
    REQUIRE_FALSE(r.ok());
    CHECK(r.errors.size() <= 2 * (dlm::detail::max_schema_findings + 1));
    CHECK(std::any_of(r.errors.begin(), r.errors.end(), [](const dlm::finding& f) {
        return f.message.find("more schema findings are not listed") != std::string::npos;
    }));
}

}  // namespace dlm_test_hostile
