// dlm::parse_lenient and upgrade_text's lenient reading: comments and trailing commas removed and reported.
#include <dlm/edit.hpp>

#include <dlm/error.hpp>
#include <dlm/parse.hpp>
#include <dlm/rules.hpp>
#include <dlm/upgrade.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace dlm_test_lenient {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using nlohmann::json;

/// The rule of the first error of `r`, or "".
std::string first_rule(const dlm::report& r) { return r.errors.empty() ? std::string() : r.errors.front().rule; }

}  // namespace

TEST_CASE("parse_lenient: comments are removed with the blanks or lines that only held them", "[lenient]") {
    const std::string text =
        "{\n"
        "  // the model\n"
        "  \"a\": 1, // one\n"
        "  /* a block\n"
        "     over lines */\n"
        "  \"b\": /* inline */ 2,\n"
        "  \"c\": [1, 2,], /* end */\n"
        "}\n";
    const dlm::lenient_result read = dlm::parse_lenient(text);
    CHECK(read.text ==
          "{\n"
          "  \"a\": 1,\n"
          "  \"b\": 2,\n"
          "  \"c\": [1, 2]\n"
          "}\n");
    REQUIRE(read.parsed.ok());
    CHECK(*read.parsed.document == json::parse(R"({"a": 1, "b": 2, "c": [1, 2]})"));
    REQUIRE(read.removals.size() == 7);
    CHECK(read.removals[0].line == 2);
    CHECK(read.removals[0].column == 3);
    CHECK(read.removals[0].reason.find("// comment") != std::string::npos);
    CHECK(read.removals[1].line == 3);
    CHECK(read.removals[1].column == 11);
    CHECK(read.removals[2].line == 4);
    CHECK(read.removals[2].reason.find("/* */ comment") != std::string::npos);
    CHECK(read.removals[3].line == 6);
    CHECK(read.removals[3].column == 8);
    CHECK(read.removals[4].line == 7);
    CHECK(read.removals[4].column == 13);
    CHECK(read.removals[4].reason.find("trailing comma") != std::string::npos);
    CHECK(read.removals[5].line == 7);
    CHECK(read.removals[5].column == 15);
    CHECK(read.removals[6].line == 7);
    CHECK(text.substr(read.removals[6].begin, read.removals[6].end - read.removals[6].begin) == " /* end */");
    for (const dlm::text_removal& removal : read.removals) CHECK(removal.begin < removal.end);
}

TEST_CASE("parse_lenient: comment markers inside strings are text, not comments", "[lenient]") {
    const std::string text = R"({"href": "https://example.com/a//b", "note": "/* not a comment */", "q": "\"//", "e": "x,]"})";
    const dlm::lenient_result read = dlm::parse_lenient(text);
    CHECK(read.removals.empty());
    CHECK(read.text == text);
    CHECK(read.parsed.ok());
}

TEST_CASE("parse_lenient: CRLF text keeps its line breaks", "[lenient]") {
    const dlm::lenient_result read = dlm::parse_lenient("{\r\n  // c\r\n  \"a\": 1, // d\r\n}\r\n");
    CHECK(read.text == "{\r\n  \"a\": 1\r\n}\r\n");
    CHECK(read.parsed.ok());
}

TEST_CASE("parse_lenient: only comments and trailing commas are forgiven", "[lenient]") {
    // each stays an input.syntax error
    for (const std::string& text : {std::string("[,]"), std::string("{\"a\":,}"), std::string("{,}"),
                                    std::string("[1,,]"), std::string("{\"a\": 1} x"), std::string("{\"a\": 1}{}"),
                                    std::string("{\"a\": 1 /* open"), std::string("{\"a\": \"open"), std::string("/"),
                                    std::string("// only a comment"), std::string("{'a': 1}"), std::string("")}) {
        CAPTURE(text);
        const dlm::lenient_result read = dlm::parse_lenient(text);
        CHECK_FALSE(read.parsed.document.has_value());
        CHECK(first_rule(read.parsed.findings) == dlm::rules::input_syntax);
    }
    // a comment after the document is not content
    const dlm::lenient_result after = dlm::parse_lenient("{\"a\": 1}\n// end\n");
    CHECK(after.parsed.ok());
    CHECK(after.text == "{\"a\": 1}\n");
}

TEST_CASE("parse_lenient: dlm::parse and the validator stay strict", "[lenient]") {
    const std::string text = "{\"a\": 1, // c\n}";
    CHECK(first_rule(dlm::parse(text).findings) == dlm::rules::input_syntax);
    CHECK(dlm::parse_lenient(text).parsed.ok());
    CHECK_THROWS_AS(dlm::upgrade_text(text), dlm::error);
}

TEST_CASE("parse_lenient: hostile input is linear and never crashes", "[lenient][hostile]") {
    std::string many;
    for (int i = 0; i < 100000; ++i) many += "/**/";
    const dlm::lenient_result comments = dlm::parse_lenient("[" + many + "1" + many + "]");
    CHECK(comments.parsed.ok());
    CHECK(comments.removals.size() == 200000);
    CHECK(comments.text == "[1]");

    const dlm::lenient_result deep = dlm::parse_lenient(std::string(100000, '[') + std::string(100000, ']'));
    CHECK(first_rule(deep.parsed.findings) == dlm::rules::input_too_deep);

    dlm::limits small;
    small.max_bytes = 8;
    CHECK(first_rule(dlm::parse_lenient("[1, 2, 3, 4] // long", small).parsed.findings) == dlm::rules::input_too_large);

    std::string commas = "[";
    for (int i = 0; i < 50000; ++i) commas += "[1,],";
    commas += "1]";
    const dlm::lenient_result trailing = dlm::parse_lenient(commas);
    CHECK(trailing.parsed.ok());
    CHECK(trailing.removals.size() == 50000);
}

TEST_CASE("upgrade_text with reading::lenient: removals are reported first, then the upgrade", "[lenient][upgrade]") {
    const std::string text =
        "{\n"
        "  \"type\": \"Feature\", // an Item\n"
        "  \"properties\": {\n"
        "    \"dlm:data\": {\"dtype\": \"uint8\",},\n"
        "  },\n"
        "}\n";
    const dlm::upgrade_result upgraded = dlm::upgrade_text(text, {}, dlm::reading::lenient);
    CHECK(upgraded.text ==
          "{\n"
          "  \"type\": \"Feature\",\n"
          "  \"properties\": {\n"
          "    \"dlm:data\": {\"data_type\": \"uint8\"}\n"
          "  }\n"
          "}\n");
    REQUIRE(upgraded.removals.size() == 4);
    REQUIRE(upgraded.changes.size() == 5);
    CHECK(upgraded.changes[0].pointer.empty());
    CHECK(upgraded.changes[0].description.rfind("line 2, column 22: removed a // comment", 0) == 0);
    CHECK(upgraded.changes[4].pointer == "/properties/dlm:data/dtype");
    REQUIRE(upgraded.patch.size() == 1);
    CHECK(upgraded.patch[0].op == dlm::patch_op::move);
}

}  // namespace dlm_test_lenient
