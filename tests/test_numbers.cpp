// dlm/detail/json/numbers.hpp: the library's one definition of an integer and of a decimal index.

#include <catch2/catch.hpp>

#include <cstdint>
#include <limits>
#include <optional>

#include <dlm/detail/json/numbers.hpp>

namespace dlm_test_numbers {  // each test file has a namespace of its own: the runner is a unity build

using dlm::detail::is_decimal_digits;
using dlm::detail::is_integral;
using dlm::detail::parse_decimal_index;

TEST_CASE("an integer is a finite number with no fractional part (draft-07)", "[numbers]") {
    CHECK(is_integral(0.0));
    CHECK(is_integral(-0.0));
    CHECK(is_integral(4.0));
    CHECK(is_integral(-1e15));
    CHECK(is_integral(1e300));  // integral, if not representable as int64: callers check the range
    CHECK_FALSE(is_integral(4.5));
    CHECK_FALSE(is_integral(-0.1));
    CHECK_FALSE(is_integral(std::numeric_limits<double>::infinity()));
    CHECK_FALSE(is_integral(std::numeric_limits<double>::quiet_NaN()));
}

TEST_CASE("a decimal index is ASCII digits, leading zeros allowed, up to INT64_MAX", "[numbers]") {
    CHECK(parse_decimal_index("0") == std::optional<std::int64_t>(0));
    CHECK(parse_decimal_index("1") == std::optional<std::int64_t>(1));
    CHECK(parse_decimal_index("01") == std::optional<std::int64_t>(1));  // "01" and "1" name the same index
    CHECK(parse_decimal_index("0000000000000000000000042") == std::optional<std::int64_t>(42));
    CHECK(parse_decimal_index("9223372036854775807") == std::optional<std::int64_t>(INT64_MAX));
    CHECK_FALSE(parse_decimal_index("9223372036854775808"));  // one above INT64_MAX
    CHECK_FALSE(parse_decimal_index("18446744073709551616"));
    CHECK_FALSE(parse_decimal_index(""));
    CHECK_FALSE(parse_decimal_index("-1"));
    CHECK_FALSE(parse_decimal_index("+1"));
    CHECK_FALSE(parse_decimal_index("1a"));
    CHECK_FALSE(parse_decimal_index(" 1"));
    CHECK_FALSE(parse_decimal_index("1.0"));
    CHECK_FALSE(parse_decimal_index("\xd9\xa1"));  // ARABIC-INDIC DIGIT ONE is not a decimal index
    CHECK(is_decimal_digits("9223372036854775808"));  // digits, even when too large to be an index
    CHECK_FALSE(is_decimal_digits(""));
}

}  // namespace dlm_test_numbers
