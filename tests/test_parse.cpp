#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <dlm/detail/json/text.hpp>
#include <dlm/parse.hpp>

namespace dlm_test_parse {  // each test file has a namespace of its own: the runner is a unity build

using nlohmann::json;
using namespace std::string_literals;

namespace {

// A STAC Item with the dlm extension, shaped like the seed's example.
const std::string stac_item = R"({
  "type": "Feature",
  "stac_version": "1.0.0",
  "stac_extensions": [
    "https://schemas.stacspec.org/v1.0.0-beta.3/extensions/dl-model/json-schema/schema.json",
    "https://stac-extensions.github.io/eo/v1.0.0/schema.json"
  ],
  "id": "resnet-18_sentinel-2_all_moco_classification",
  "geometry": {"type": "Polygon", "coordinates": [[[-7.88, 37.13], [-7.88, 39.26], [-4.92, 39.26], [-7.88, 37.13]]]},
  "bbox": [-7.88, 37.13, -4.92, 39.26],
  "properties": {
    "datetime": "2021-01-01T00:00:00Z",
    "dlm:inputs": {"name": "Sentinel-2", "scaling_factor": 0.0001, "selected_bands": [0, 1, 2],
                   "normalization:mean": [0.1, 0.2, 0.3], "normalization:std": [0.1, 0.2, 0.3],
                   "input_tensors": {"batch": 1, "dim": 3, "height": 64, "width": 64}},
    "dlm:outputs": {"task": "classification", "number_of_classes": 2, "final_layer_size": [1, 2],
                    "class_name_mapping": [{"index": 0, "class_name": "water"}, {"index": 1, "class_name": "land \u00e9"}]}
  },
  "links": [],
  "assets": {"model": {"href": "https://example.com/model.pt", "roles": ["model"]}}
})";

/// `count` nested arrays: "[[[...]]]".
std::string nested_arrays(std::size_t count) { return std::string(count, '[') + std::string(count, ']'); }

/// `count` nested objects: {"a":{"a":...{}}}.
std::string nested_objects(std::size_t count) {
    std::string text;
    for (std::size_t i = 1; i < count; ++i) {
        text += R"({"a":)";
    }
    return text + "{}" + std::string(count - 1, '}');
}

std::string repeat(std::string_view piece, std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        text += piece;
    }
    return text;
}

/// The only error of `result`, which must have exactly one (a copy: `result` is often a temporary).
dlm::finding only_error(const dlm::parse_result& result) {
    REQUIRE(result.findings.errors.size() == 1);
    return result.findings.errors.front();
}

void require_dumpable(const dlm::report& report) {
    for (const auto& finding : report.errors) {
        CAPTURE(finding.rule, finding.pointer);
        CHECK(dlm::detail::is_valid_utf8(finding.message));
        CHECK_NOTHROW(json({{"rule", finding.rule}, {"pointer", finding.pointer}, {"message", finding.message}}).dump());
    }
}

}  // namespace

TEST_CASE("parse reads a STAC Item exactly as json::parse does", "[parse]") {
    const auto result = dlm::parse(stac_item);
    REQUIRE(result.ok());
    CHECK(result.findings.warnings.empty());
    CHECK(*result.document == json::parse(stac_item));
    CHECK(result.document->at("/properties/dlm:outputs/class_name_mapping/1/class_name"_json_pointer) == "land é");

    for (const std::string_view scalar : {"null", "true", "false", "0", "-7", "3.25", "\"x\"", "[]", "{}", " [ ] "}) {
        CAPTURE(scalar);
        const auto read = dlm::parse(scalar);
        REQUIRE(read.ok());
        CHECK(*read.document == json::parse(scalar));
    }
}

TEST_CASE("syntax errors name line and column and stop the parse", "[parse]") {
    SECTION("empty and blank input") {
        for (const std::string_view text : {"", "   ", "\n"}) {
            const auto result = dlm::parse(text);
            CHECK_FALSE(result.document);
            const auto& error = only_error(result);
            CHECK(error.rule == "input.syntax");
            CHECK(error.pointer.empty());
            CHECK(error.message.rfind("invalid JSON at line ", 0) == 0);
            CHECK(error.message.find("unexpected end of input") != std::string::npos);
        }
        CHECK(only_error(dlm::parse("")).message.rfind("invalid JSON at line 1, column 1: ", 0) == 0);
    }
    SECTION("line and column of a multi-line input, and the pointer of the member being read") {
        const std::string text = "{\n"
                                 "  \"type\": \"Feature\",\n"
                                 "  \"properties\": {\n"
                                 "    \"datetime\": nul,\n"
                                 "    \"title\": \"x\"\n"
                                 "  }\n"
                                 "}\n";
        const auto result = dlm::parse(text);
        CHECK_FALSE(result.document);
        const auto& error = only_error(result);
        CHECK(error.rule == "input.syntax");
        CHECK(error.pointer == "/properties/datetime");
        CHECK(error.message == "invalid JSON at line 4, column 20: syntax error while parsing value - invalid literal; "
                               "last read: \"\\\"datetime\\\": nul,\"");
    }
    SECTION("columns count characters, not bytes") {
        const auto& error = only_error(dlm::parse("{\"name\": \"h\xC3\xA9llo\" x}"));
        CHECK(error.message.rfind("invalid JSON at line 1, column 18: ", 0) == 0);
        CHECK(error.pointer.empty());
    }
    SECTION("a newline inside a string is reported on the line it ends") {
        const auto& error = only_error(dlm::parse("[\"a\nb\"]"));
        CHECK(error.message.rfind("invalid JSON at line 1, column 4: ", 0) == 0);
        CHECK(error.pointer == "/0");
    }
    SECTION("pointers inside arrays name the element being read") {
        CHECK(only_error(dlm::parse(R"({"a":[1,2,}})")).pointer == "/a/2");
        CHECK(only_error(dlm::parse(R"({"a":[1,{"b~":[true,x]}]})")).pointer == "/a/1/b~0/1");
        CHECK(only_error(dlm::parse(R"({"a":1 "b":2})")).pointer.empty());
    }
    SECTION("trailing garbage, several roots, comments, trailing commas") {
        for (const std::string_view text : {"{} x", "{}{}", "[1] 2", "[1,]", "{\"a\":1,}", "// c\n{}", "[1] /* c */",
                                            "NaN", "Infinity", "'a'", "{a:1}"}) {
            CAPTURE(text);
            const auto result = dlm::parse(text);
            CHECK_FALSE(result.document);
            CHECK(only_error(result).rule == "input.syntax");
        }
        CHECK(only_error(dlm::parse("{} x")).message ==
              "invalid JSON at line 1, column 4: syntax error while parsing value - invalid literal; last read: \"{} x\"; "
              "expected end of input");
    }
}

TEST_CASE("a NUL byte ends nothing: a document followed by NUL and more is a syntax error", "[parse]") {
    for (const std::string& text : {"{}\0garbage"s, "{\"a\": 1}\n\0"s, "[1, 2]\0[3]"s, "\0"s, "{} \0 {}"s}) {
        CAPTURE(text);
        const auto result = dlm::parse(text);
        CHECK_FALSE(result.document);
        CHECK(only_error(result).rule == "input.syntax");
    }
    CHECK(only_error(dlm::parse("{\"a\": 1}\n  \0xyz"s)).message ==
          "invalid JSON at line 2, column 3: a NUL byte after the document (JSON text cannot hold one)");
    // Inside a string or before the document ends, the parser's own error stands.
    CHECK(only_error(dlm::parse("{\"a\0\": 1}"s)).rule == "input.syntax");
    CHECK_FALSE(dlm::parse("[1,\0 2]"s).document);
}

TEST_CASE("hostile bytes never reach a finding message", "[parse]") {
    SECTION("invalid UTF-8 gives a syntax finding whose message is valid UTF-8") {
        for (const std::string text : {"\"ab\xFF\"", "{\"k\xC0\xAF\":1}", "[\"\xED\xA0\x80\"]", "\xFF", "[\"\xF4\x90\x80\x80\"]"}) {
            const auto result = dlm::parse(text);
            CHECK_FALSE(result.document);
            CHECK(only_error(result).rule == "input.syntax");
            require_dumpable(result.findings);
        }
        CHECK(only_error(dlm::parse("\"ab\xFF\"")).message ==
              "invalid JSON at line 1, column 4: syntax error while parsing value - invalid string: ill-formed UTF-8 "
              "byte; last read: \"\\\"ab\xEF\xBF\xBD\"");
    }
    SECTION("a 1 MB invalid number token is cut in the message") {
        const std::string text = "[-" + std::string(1u << 20, '1') + "e]";
        const auto result = dlm::parse(text);
        CHECK_FALSE(result.document);
        const auto& error = only_error(result);
        CHECK(error.rule == "input.syntax");
        CHECK(error.pointer == "/0");
        CHECK(error.message.size() < 300);
        CHECK(error.message.find("\"-111111") != std::string::npos);
        CHECK(error.message.find("...") != std::string::npos);
    }
    SECTION("a 1 MB number that overflows a double") {
        const auto result = dlm::parse("{\"n\":" + std::string(1u << 20, '9') + "}");
        CHECK_FALSE(result.document);
        const auto& error = only_error(result);
        CHECK(error.rule == "input.number-out-of-range");
        CHECK(error.pointer == "/n");
        CHECK(error.message.size() < 200);
        require_dumpable(result.findings);
    }
    SECTION("control characters in the echoed token are escaped") {
        const auto& error = only_error(dlm::parse(std::string("[tr\x01]")));
        CHECK(error.message.find('\x01') == std::string::npos);
    }
}

TEST_CASE("byte order marks", "[parse]") {
    const auto with_bom = dlm::parse("\xEF\xBB\xBF{\"a\":1}");
    REQUIRE(with_bom.ok());
    CHECK(*with_bom.document == json{{"a", 1}});
    // A column after a UTF-8 BOM does not count the BOM.
    CHECK(only_error(dlm::parse("\xEF\xBB\xBF[1,")).message.rfind("invalid JSON at line 1, column 4: ", 0) == 0);
    // UTF-16 is not JSON text here.
    CHECK(only_error(dlm::parse("\xFE\xFF\0[\0]"s)).rule == "input.syntax");
}

TEST_CASE("numbers outside what the library compares exactly", "[parse]") {
    SECTION("1e400 and friends overflow a double: reported at the number, no document") {
        for (const std::string_view number : {"1e400", "-1e400", "1.5E+309"}) {
            const auto result = dlm::parse(R"({"x":[0,)" + std::string(number) + "]}");
            CHECK_FALSE(result.document);
            const auto& error = only_error(result);
            CHECK(error.rule == "input.number-out-of-range");
            CHECK(error.pointer == "/x/1");
            CHECK(error.message == "the number " + std::string(number) + " is too large to represent (beyond about 1.8e308)");
        }
        CHECK(only_error(dlm::parse("1e400")).pointer.empty());
    }
    SECTION("an unsigned integer above INT64_MAX is an error; the value is kept") {
        const auto result = dlm::parse(R"({"a":{"big":18446744073709551615,"fits":9223372036854775807,"low":-9223372036854775808}})");
        REQUIRE(result.document);
        CHECK_FALSE(result.ok());
        const auto& error = only_error(result);
        CHECK(error.rule == "input.number-out-of-range");
        CHECK(error.pointer == "/a/big");
        CHECK(error.message == "the integer 18446744073709551615 is larger than 9223372036854775807, the largest integer "
                               "the validator compares exactly");
        CHECK(result.document->at("/a/big"_json_pointer).get<std::uint64_t>() == 18446744073709551615u);
        CHECK(only_error(dlm::parse("[9223372036854775808]")).pointer == "/0");
    }
    SECTION("what nlohmann does with the rest, unchanged") {
        const auto tiny = dlm::parse("1e-400");
        REQUIRE(tiny.ok());
        CHECK(tiny.document->get<double>() == 0.0);
        // -0 becomes the integer 0 (nlohmann loses the sign); -0.0 stays a negative zero double.
        const auto minus_zero = dlm::parse("[-0, -0.0]");
        REQUIRE(minus_zero.ok());
        CHECK(minus_zero.document->at(0).is_number_integer());
        CHECK(minus_zero.document->at(0) == 0);
        CHECK(std::signbit(minus_zero.document->at(1).get<double>()));
        // 2^64 does not fit any integer type: nlohmann reads it as a double (no finding).
        const auto two_to_64 = dlm::parse("18446744073709551616");
        REQUIRE(two_to_64.ok());
        CHECK(two_to_64.document->is_number_float());
    }
}

TEST_CASE("duplicate keys are errors at the member; the last value wins", "[parse]") {
    const auto result = dlm::parse(R"({"a":1,"list":[{"x/y":1,"z":2,"x/y":{"deep":true}}],"a":[2]})");
    REQUIRE(result.document);
    CHECK_FALSE(result.ok());
    CHECK(*result.document == json::parse(R"({"a":[2],"list":[{"x/y":{"deep":true},"z":2}]})"));
    REQUIRE(result.findings.errors.size() == 2);
    CHECK(result.findings.errors[0] ==
          dlm::finding{"input.duplicate-key", "/list/0/x~1y",
                       "the key \"x/y\" appears more than once in this object; the last value is kept"});
    CHECK(result.findings.errors[1].pointer == "/a");

    const auto thrice = dlm::parse(R"({"k":1,"k":2,"k":3})");
    CHECK(thrice.findings.errors.size() == 2);
    CHECK(thrice.document->at("k") == 3);
    // The same key in different objects is not a duplicate.
    CHECK(dlm::parse(R"([{"k":1},{"k":1,"j":{"k":2}}])").ok());
}

TEST_CASE("nesting deeper than max_depth stops the parse at the first level too deep", "[parse]") {
    SECTION("default limit: 64 levels are fine, 65 are not") {
        CHECK(dlm::parse(nested_arrays(64)).ok());
        CHECK(dlm::parse(nested_objects(64)).ok());
        const auto result = dlm::parse(nested_arrays(65));
        CHECK_FALSE(result.document);
        const auto& error = only_error(result);
        CHECK(error.rule == "input.too-deep");
        CHECK(error.pointer == repeat("/0", 64));
        CHECK(error.message == "arrays and objects are nested more than 64 levels deep");
    }
    SECTION("100,000 unclosed arrays: no crash, the pointer of level 65") {
        const auto result = dlm::parse(std::string(100'000, '['));
        CHECK_FALSE(result.document);
        const auto& error = only_error(result);
        CHECK(error.rule == "input.too-deep");
        CHECK(error.pointer == repeat("/0", 64));
    }
    SECTION("a million nested objects") {
        const auto result = dlm::parse(nested_objects(1'000'000));
        CHECK(only_error(result).pointer == repeat("/a", 64));
    }
    SECTION("a small limit, mixed containers") {
        dlm::limits small;
        small.max_depth = 3;
        CHECK(dlm::parse(R"({"a":[{"b":1}]})", small).ok());
        const auto result = dlm::parse(R"({"a":[{"b":[]}]})", small);
        CHECK(only_error(result).pointer == "/a/0/b");
        CHECK(only_error(dlm::parse(R"([1,2,[3,[4,[5]]]])", small)).pointer == "/2/1/1");
    }
}

TEST_CASE("input larger than max_bytes is refused before parsing", "[parse]") {
    dlm::limits small;
    small.max_bytes = 10;
    CHECK(dlm::parse("[1,2,3,45]", small).ok());  // exactly 10 bytes
    const auto result = dlm::parse("[1,2,3,456]", small);
    CHECK_FALSE(result.document);
    const auto& error = only_error(result);
    CHECK(error.rule == "input.too-large");
    CHECK(error.pointer.empty());
    CHECK(error.message == "the input is 11 bytes long, more than the limit of 10 bytes");
    // Checked before the syntax: even garbage only gets the size finding.
    CHECK(only_error(dlm::parse("not json at all", small)).rule == "input.too-large");
}

TEST_CASE("strings and keys longer than their limits are reported; parsing continues", "[parse]") {
    dlm::limits small;
    small.max_string_length = 5;
    small.max_key_length = 3;
    CHECK(dlm::parse(R"({"abc":"12345"})", small).ok());

    const auto result = dlm::parse(R"({"abc":"123456","list":["é\u00e9\u00e9"],"long/key":{"ab":"\n\n\n"}})", small);
    REQUIRE(result.document);  // not fatal
    CHECK(result.document->at("abc") == "123456");
    REQUIRE(result.findings.errors.size() == 4);
    const auto& errors = result.findings.errors;
    CHECK(errors[0] == dlm::finding{"input.string-too-long", "/abc",
                                    "a string of 6 bytes is longer than the limit of 5 bytes: \"123456\""});
    CHECK(errors[1].pointer.empty());  // the key "list" (4 bytes): reported at its object, the root
    CHECK(errors[1].message == "an object key of 4 bytes is longer than the limit of 3 bytes: \"list\"");
    CHECK(errors[2] == dlm::finding{"input.string-too-long", "/list/0",
                                    "a string of 6 bytes is longer than the limit of 5 bytes: \"ééé\""});
    CHECK(errors[3].pointer.empty());  // the key "long/key", also in the root object
    CHECK(errors[3].message.find("\"long/key\"") != std::string::npos);
    // "\n\n\n" is 3 bytes once decoded: within the limit.

    SECTION("the quoted value is cut") {
        const auto big = dlm::parse("[\"" + std::string(10'000, 'x') + "\"]", small);
        CHECK(only_error(big).message.size() < 150);
        CHECK(only_error(big).message.find("...") != std::string::npos);
    }
    SECTION("a long key under the default limit") {
        const auto big = dlm::parse("{\"" + std::string(513, 'k') + "\":1}");
        CHECK(only_error(big).rule == "input.string-too-long");
        CHECK(dlm::parse("{\"" + std::string(512, 'k') + "\":1}").ok());
    }
}

TEST_CASE("more values than max_elements stops the parse", "[parse]") {
    dlm::limits small;
    small.max_elements = 4;  // [1,2,3] holds four values: the array and three numbers
    CHECK(dlm::parse("[1,2,3]", small).ok());
    const auto result = dlm::parse("[1,2,3,4]", small);
    CHECK_FALSE(result.document);
    CHECK(only_error(result) == dlm::finding{"input.too-many-elements", "/3", "the document has more than 4 values"});
    CHECK(only_error(dlm::parse(R"({"a":{},"b":[[1]]})", small)).pointer == "/b/0/0");
    // Keys are not values.
    CHECK(dlm::parse(R"({"a":1,"b":2,"c":3})", small).ok());
}

TEST_CASE("non-fatal findings are capped at max_findings", "[parse]") {
    dlm::limits small;
    small.max_findings = 2;
    const auto result = dlm::parse(R"({"k":1,"k":2,"k":3,"k":4,"k":5,"j":18446744073709551615})", small);
    REQUIRE(result.document);
    CHECK(result.findings.errors.size() == 2);
    REQUIRE(result.findings.warnings.size() == 1);
    CHECK(result.findings.warnings[0] ==
          dlm::finding{"input.findings-truncated", "", "3 more input findings were not listed (limit: 2)"});

    // A fatal finding is listed even past the cap.
    small.max_depth = 1;
    const auto fatal = dlm::parse(R"({"k":1,"k":2,"k":3,"k":4,"x":[]})", small);
    CHECK_FALSE(fatal.document);
    CHECK(fatal.findings.errors.size() == 3);
    CHECK(fatal.findings.errors.back().rule == "input.too-deep");
}

TEST_CASE("check_limits applies the limits to a document built in code", "[parse]") {
    SECTION("a parsed STAC Item is within the limits") {
        const auto findings = dlm::check_limits(json::parse(stac_item));
        CHECK(findings.ok());
        CHECK(findings.warnings.empty());
    }
    SECTION("100,000 levels built iteratively: too deep at level 65, no recursion") {
        json root = json::array();
        json* innermost = &root;
        for (int level = 1; level < 100'000; ++level) {
            innermost->push_back(json::array());
            innermost = &innermost->back();
        }
        const auto findings = dlm::check_limits(root);
        REQUIRE(findings.errors.size() == 1);
        CHECK(findings.errors[0] == dlm::finding{"input.too-deep", repeat("/0", 64),
                                                 "arrays and objects are nested more than 64 levels deep"});
        // Destroying root is iterative in nlohmann 3.11: no overflow here either.
    }
    SECTION("exactly max_depth levels pass") {
        json root = json::object();
        json* innermost = &root;
        for (int level = 1; level < 64; ++level) {
            innermost = &(*innermost)["a"];
            *innermost = json::object();
        }
        CHECK(dlm::check_limits(root).ok());
        (*innermost)["a"] = json::array();
        CHECK(dlm::check_limits(root).errors.at(0).pointer == repeat("/a", 64));
    }
    SECTION("NaN, infinities and unsigned integers above INT64_MAX") {
        json document = {{"stats", {{"mean", std::nan("")}, {"max", std::numeric_limits<double>::infinity()}}},
                         {"ids", {1u, std::numeric_limits<std::uint64_t>::max(), -std::numeric_limits<double>::infinity()}},
                         {"fine", {9223372036854775807u, -1.5, 0.0}}};
        const auto findings = dlm::check_limits(document);
        REQUIRE(findings.errors.size() == 4);
        for (const auto& error : findings.errors) {
            CHECK(error.rule == "input.number-out-of-range");
        }
        // Members are visited in key order: "fine", "ids", "stats".
        CHECK(findings.errors[0].pointer == "/ids/1");
        CHECK(findings.errors[0].message.find("18446744073709551615") != std::string::npos);
        CHECK(findings.errors[1] == dlm::finding{"input.number-out-of-range", "/ids/2",
                                                 "an infinite number is not a JSON value (it would be written as null)"});
        CHECK(findings.errors[2].pointer == "/stats/max");
        CHECK(findings.errors[3] == dlm::finding{"input.number-out-of-range", "/stats/mean",
                                                 "NaN is not a JSON value (it would be written as null)"});
        CHECK(dlm::check_limits(json(std::nan(""))).errors.at(0).pointer.empty());
    }
    SECTION("string, key and element limits") {
        dlm::limits small;
        small.max_string_length = 4;
        small.max_key_length = 2;
        small.max_elements = 6;
        json document = {{"ab", "1234"}, {"abc", {{"x", "12345"}}}};
        const auto findings = dlm::check_limits(document, small);
        REQUIRE(findings.errors.size() == 2);
        CHECK(findings.errors[0].pointer.empty());
        CHECK(findings.errors[0].message == "an object key of 3 bytes is longer than the limit of 2 bytes: \"abc\"");
        CHECK(findings.errors[1].pointer == "/abc/x");

        const auto too_many = dlm::check_limits(json{{"a", {1, 2, 3}}, {"b", {4, 5}}}, small);
        CHECK(too_many.errors.at(0) == dlm::finding{"input.too-many-elements", "/b/0", "the document has more than 6 values"});
    }
    SECTION("parse and check_limits agree on the same document") {
        dlm::limits small;
        small.max_string_length = 3;
        small.max_key_length = 3;
        const std::string text = R"({"long":["abcd",{"ok":"abc","x~y":18446744073709551615}],"z":"zzzz"})";
        const auto parsed = dlm::parse(text, small);
        REQUIRE(parsed.document);
        CHECK(dlm::check_limits(*parsed.document, small).errors == parsed.findings.errors);
    }
}

TEST_CASE("every finding message can be dumped", "[parse]") {
    dlm::limits small;
    small.max_string_length = 2;
    small.max_key_length = 2;
    const auto result = dlm::parse("{\"\xE2\x80\xAE\\u0001\\u0000key\":\"\\u0000\\u001f\\u202e\",\"a\":18446744073709551615,\"a\":1}", small);
    CHECK(result.findings.errors.size() == 4);
    require_dumpable(result.findings);
    for (const auto& error : result.findings.errors) {
        CHECK(error.message.find('\0') == std::string::npos);
        CHECK(error.message.find("\xE2\x80\xAE") == std::string::npos);
    }
}

}  // namespace dlm_test_parse
