#ifndef DLM_DETAIL_JSON_NUMBERS_HPP
#define DLM_DETAIL_JSON_NUMBERS_HPP

// What the library calls an integer (draft-07: a number with no fractional part, so 4.0 is one) and decimal indices
// written as text (class_name_mapping keys, where "01" and "1" name the same class; JSON Pointer array tokens): the
// one definition of each, so that every part of the library agrees.

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace dlm::detail {

/// True for a finite number with no fractional part: draft-07's "integer".
[[nodiscard]] inline bool is_integral(double number) noexcept { return std::isfinite(number) && std::trunc(number) == number; }

/// True when `text` is one or more ASCII digits (`^[0-9]+$`).
[[nodiscard]] constexpr bool is_decimal_digits(std::string_view text) noexcept {
    if (text.empty()) return false;
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

/// The value of a decimal index (`^[0-9]+$`, leading zeros allowed), or nullopt when `text` is not one or its value
/// is above INT64_MAX (the largest index the library represents).
[[nodiscard]] constexpr std::optional<std::int64_t> parse_decimal_index(std::string_view text) noexcept {
    if (!is_decimal_digits(text)) return std::nullopt;
    std::int64_t value = 0;
    for (const char c : text) {
        const int digit = c - '0';
        if (value > (std::numeric_limits<std::int64_t>::max() - digit) / 10) return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_JSON_NUMBERS_HPP
