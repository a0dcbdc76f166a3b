#include <cstdint>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <dlm/detail/json/text.hpp>

namespace dlm_test_text {  // each test file has a namespace of its own: the runner is a unity build

using dlm::detail::decode_utf8;
using dlm::detail::describe_type;
using dlm::detail::is_valid_utf8;
using dlm::detail::quote;
using dlm::detail::sanitize;

namespace {

const std::string replacement = "\xEF\xBF\xBD";  // U+FFFD

}  // namespace

TEST_CASE("decode_utf8 accepts well-formed UTF-8 and measures ill-formed subparts", "[text]") {
    SECTION("well-formed characters of each length") {
        CHECK(decode_utf8("A", 0).code_point == U'A');
        const auto e_acute = decode_utf8("\xC3\xA9", 0);
        CHECK((e_acute.valid && e_acute.code_point == 0xE9 && e_acute.length == 2));
        const auto euro = decode_utf8("\xE2\x82\xAC", 0);
        CHECK((euro.valid && euro.code_point == 0x20AC && euro.length == 3));
        const auto emoji = decode_utf8("\xF0\x9F\x98\x80", 0);
        CHECK((emoji.valid && emoji.code_point == 0x1F600 && emoji.length == 4));
        const auto last = decode_utf8("\xF4\x8F\xBF\xBF", 0);
        CHECK((last.valid && last.code_point == 0x10FFFF));
    }
    SECTION("ill-formed sequences") {
        struct bad {
            std::string bytes;
            std::size_t length;
        };
        const auto [bytes, length] = GENERATE(values<bad>({
            {"\x80", 1},                  // lone continuation byte
            {"\xC0\xAF", 1},              // C0 can never start a sequence (overlong '/')
            {"\xC1\x81", 1},              // overlong 'A'
            {"\xE0\x80\x80", 1},          // overlong NUL: E0 needs A0..BF next
            {"\xED\xA0\x80", 1},          // encoded surrogate U+D800
            {"\xF4\x90\x80\x80", 1},      // above U+10FFFF
            {"\xF5\x80\x80\x80", 1},      // F5 is never valid
            {"\xFF", 1},
            {"\xE2\x82", 2},              // truncated at the end of input
            {"\xE2\x82" "A", 2},          // truncated by an ASCII byte
            {"\xF0\x9F\x98", 3},
        }));
        const auto decoded = decode_utf8(bytes, 0);
        CHECK_FALSE(decoded.valid);
        CHECK(decoded.code_point == 0xFFFD);
        CHECK(decoded.length == length);
        CHECK_FALSE(is_valid_utf8(bytes));
    }
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ASCII, é, 日本, \xF0\x9F\x98\x80"));
}

TEST_CASE("quote writes a JSON string literal", "[text]") {
    CHECK(quote("") == R"("")");
    CHECK(quote("dlm:inputs") == R"("dlm:inputs")");
    CHECK(quote(R"(say "hi" \ bye)") == R"("say \"hi\" \\ bye")");
    CHECK(quote("a\nb\tc\rd\be\ff") == R"("a\nb\tc\rd\be\ff")");
    CHECK(quote(std::string("nul\0here", 8)) == R"("nul\u0000here")");
    CHECK(quote("\x01\x1f\x7f") == R"("\u0001\u001f\u007f")");
    SECTION("non-ASCII text passes through; C1 controls and bidi overrides are escaped") {
        CHECK(quote("é 日本 \xF0\x9F\x98\x80") == "\"é 日本 \xF0\x9F\x98\x80\"");
        CHECK(quote("\xC2\x85") == R"("\u0085")");                     // NEL
        CHECK(quote("abc\xE2\x80\xAE" "cba") == R"("abc\u202ecba")");  // RIGHT-TO-LEFT OVERRIDE
        CHECK(quote("\xE2\x80\xA8") == R"("\u2028")");                // LINE SEPARATOR
    }
    SECTION("invalid UTF-8 becomes U+FFFD, one per maximal ill-formed subpart") {
        CHECK(quote("ab\xFF" "cd") == "\"ab" + replacement + "cd\"");
        CHECK(quote("\xE2\x82" "A") == "\"" + replacement + "A\"");
        CHECK(quote("\xED\xA0\x80") == "\"" + replacement + replacement + replacement + "\"");
        CHECK(quote("\xC0\xAF") == "\"" + replacement + replacement + "\"");
    }
}

TEST_CASE("quote and sanitize cut long input at a character boundary", "[text]") {
    CHECK(quote("abcdef", 6) == R"("abcdef")");
    CHECK(quote("abcdefg", 6) == R"("abcdef"...)");
    CHECK(sanitize("abcdefg", 6) == "abcdef...");
    CHECK(sanitize("abcdef", 6) == "abcdef");
    CHECK(quote("abc", 0) == R"(""...)");
    // "é" is two bytes: a limit of 3 keeps one, never half of the second.
    CHECK(quote("ééé", 3) == "\"é\"...");
    CHECK(quote("ééé", 4) == "\"éé\"...");
    // An escape is never split either: \u0001 takes six bytes.
    CHECK(quote("a\x01", 6) == R"("a"...)");
    CHECK(quote("a\x01", 7) == R"("a\u0001")");

    const std::string megabyte(1u << 20, 'x');
    CHECK(quote(megabyte).size() == 200 + 2 + 3);
    CHECK(sanitize(megabyte, 50).size() == 50 + 3);
}

TEST_CASE("quote and sanitize always give valid UTF-8 that nlohmann can dump", "[text]") {
    // Deterministic pseudo-random byte strings, biased towards bytes that start or continue UTF-8 sequences.
    std::uint32_t state = GENERATE(1u, 2u, 3u, 4u, 5u, 6u, 7u, 8u);
    const auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 24;
    };
    for (int round = 0; round < 200; ++round) {
        std::string bytes;
        const auto length = next() % 40;
        for (std::uint32_t i = 0; i < length; ++i) {
            const auto r = next();
            bytes += static_cast<char>(r % 3 == 0 ? 0x80 + r % 0x40 : r % 3 == 1 ? 0xC0 + r % 0x40 : r);
        }
        for (const std::size_t limit : {std::size_t{0}, std::size_t{7}, std::size_t{200}}) {
            const std::string quoted = quote(bytes, limit);
            const std::string sanitized = sanitize(bytes, limit);
            REQUIRE(is_valid_utf8(quoted));
            REQUIRE(is_valid_utf8(sanitized));
            CHECK(quoted.size() <= limit + 5);
            CHECK(sanitized.size() <= limit + 3);
            CHECK_NOTHROW(nlohmann::json(quoted).dump());
            CHECK_NOTHROW(nlohmann::json(sanitized).dump());
        }
        // Uncut (40 bytes need at most 240), quote is a JSON string literal that reads back as the input,
        // ill-formed parts replaced by U+FFFD.
        const std::string full = quote(bytes, 1000);
        std::string back;
        REQUIRE_NOTHROW(back = nlohmann::json::parse(full).get<std::string>());
        CHECK(is_valid_utf8(back));
        if (is_valid_utf8(bytes)) {
            CHECK(back == bytes);
        }
    }
}

TEST_CASE("describe_type names each JSON type with its article", "[text]") {
    using nlohmann::json;
    CHECK(describe_type(json("x")) == "a string");
    CHECK(describe_type(json(-3)) == "an integer");
    CHECK(describe_type(json(3u)) == "an integer");
    CHECK(describe_type(json(3.5)) == "a number");
    CHECK(describe_type(json::object()) == "an object");
    CHECK(describe_type(json::array()) == "an array");
    CHECK(describe_type(json(true)) == "a boolean");
    CHECK(describe_type(json(nullptr)) == "null");
    CHECK("found " + describe_type(json::array()) == "found an array");
}

}  // namespace dlm_test_text
