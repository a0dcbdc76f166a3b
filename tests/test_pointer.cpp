#include <string>

#include <catch2/catch.hpp>

#include <dlm/detail/json/pointer.hpp>

namespace dlm_test_pointer {  // each test file has a namespace of its own: the runner is a unity build

using dlm::detail::append;
using dlm::detail::escape_token;

TEST_CASE("escape_token escapes ~ before / as RFC 6901 requires", "[pointer]") {
    CHECK(escape_token("") == "");
    CHECK(escape_token("dlm:inputs") == "dlm:inputs");
    CHECK(escape_token("a/b") == "a~1b");
    CHECK(escape_token("m~n") == "m~0n");
    // "~1" in a key is a literal tilde followed by 1, so it must become "~01", not "~1" (which would mean "/").
    CHECK(escape_token("~1") == "~01");
    CHECK(escape_token("/~/") == "~1~0~1");
    CHECK(escape_token("é/日本") == "é~1日本");
}

TEST_CASE("append builds a pointer one token at a time", "[pointer]") {
    std::string pointer;
    append(pointer, std::string_view("properties"));
    append(pointer, "dlm:inputs");
    append(pointer, std::size_t{0});
    append(pointer, "a/b~c");
    append(pointer, "");
    CHECK(pointer == "/properties/dlm:inputs/0/a~1b~0c/");

    std::string index_only;
    append(index_only, std::size_t{42});
    append(index_only, 7u);
    CHECK(index_only == "/42/7");
}

}  // namespace dlm_test_pointer

namespace dlm_test_pointer {

TEST_CASE("join extends a pointer by an escaped member or an index and leaves its argument alone", "[pointer]") {
    const std::string base = "/properties";
    CHECK(dlm::detail::join(base, "dlm:inputs") == "/properties/dlm:inputs");
    CHECK(dlm::detail::join(base, "a/b~c") == "/properties/a~1b~0c");
    CHECK(dlm::detail::join(base, std::size_t{3}) == "/properties/3");
    CHECK(dlm::detail::join("", "") == "/");
    CHECK(base == "/properties");
}

}  // namespace dlm_test_pointer
