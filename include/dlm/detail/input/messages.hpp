#ifndef DLM_DETAIL_INPUT_MESSAGES_HPP
#define DLM_DETAIL_INPUT_MESSAGES_HPP

// The messages of the input findings (too large, too deep, long strings, duplicate keys, syntax errors...).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/detail/input/finding_sink.hpp>
#include <dlm/detail/json/text.hpp>

namespace dlm::detail {


// ---- messages (each quotes at most quoted_value_bytes of the input) ----------------------------

[[nodiscard]] inline std::string too_large_message(std::size_t size, std::size_t max_bytes) {
    return "the input is " + std::to_string(size) + " bytes long, more than the limit of " +
           std::to_string(max_bytes) + " bytes";
}

[[nodiscard]] inline std::string too_deep_message(std::size_t max_depth) {
    return "arrays and objects are nested more than " + std::to_string(max_depth) + " levels deep";
}

[[nodiscard]] inline std::string too_many_elements_message(std::size_t max_elements) {
    return "the document has more than " + std::to_string(max_elements) + " values";
}

[[nodiscard]] inline std::string long_string_message(std::string_view value, std::size_t max_length) {
    return "a string of " + std::to_string(value.size()) + " bytes is longer than the limit of " +
           std::to_string(max_length) + " bytes: " + quote(value, quoted_value_bytes);
}

[[nodiscard]] inline std::string long_key_message(std::string_view key, std::size_t max_length) {
    return "an object key of " + std::to_string(key.size()) + " bytes is longer than the limit of " +
           std::to_string(max_length) + " bytes: " + quote(key, quoted_value_bytes);
}

[[nodiscard]] inline std::string duplicate_key_message(std::string_view key) {
    return "the key " + quote(key, quoted_value_bytes) + " appears more than once in this object; the last value is kept";
}

[[nodiscard]] inline std::string big_integer_message(std::uint64_t value) {
    return "the integer " + std::to_string(value) + " is larger than " + std::to_string(largest_exact_integer) +
           ", the largest integer the validator compares exactly";
}

[[nodiscard]] inline std::string overflow_message(std::string_view token) {
    return "the number " + sanitize(token, quoted_value_bytes) + " is too large to represent (beyond about 1.8e308)";
}

[[nodiscard]] inline std::string non_finite_message(double value) {
    return std::string(std::isnan(value) ? "NaN" : "an infinite number") +
           " is not a JSON value (it would be written as null)";
}

/// `part` of a nlohmann message as is when it is short, printable UTF-8, otherwise sanitized.
[[nodiscard]] inline std::string message_part(std::string_view part) {
    const bool printable = std::none_of(part.begin(), part.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || c == '\x7F';
    });
    return part.size() <= 200 && printable && is_valid_utf8(part) ? std::string(part) : sanitize(part, 200);
}

/// "invalid JSON at line L, column C: <nlohmann's reason>", where L and C (1-based; columns count
/// characters on the line, a UTF-8 byte order mark not included) locate the byte nlohmann stopped at,
/// and the echoed token is quoted and cut to `quoted_value_bytes`.
/// `position` is nlohmann's count of bytes read, the offending one included (end of input counts as one).
[[nodiscard]] inline std::string syntax_message(std::string_view text, std::size_t position, std::string_view token,
                                                std::string_view what) {
    const std::size_t offset = std::min(position == 0 ? 0 : position - 1, text.size());
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
        }
    }
    std::size_t column = 1;
    for (std::size_t i = line_start; i < offset; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u) {
            ++column;  // count the first byte of each character only
        }
    }
    if (line == 1 && text.substr(0, 3) == "\xEF\xBB\xBF" && offset >= 3) {
        --column;
    }

    // nlohmann: "[json.exception.parse_error.101] parse error at line 1, column 4: <reason>"
    std::string_view reason = what;
    if (const std::size_t at = reason.find("column "); at != std::string_view::npos) {
        if (const std::size_t colon = reason.find(": ", at); colon != std::string_view::npos) {
            reason.remove_prefix(colon + 2);
        }
    }
    std::string message =
        "invalid JSON at line " + std::to_string(line) + ", column " + std::to_string(column) + ": ";
    // The reason may echo the whole offending token ("; last read: '<token>'"): quote and cut it.
    constexpr std::string_view marker = "; last read: '";
    const std::size_t echo = reason.find(marker);
    const std::size_t token_begin = echo + marker.size();
    if (echo != std::string_view::npos && reason.compare(token_begin, token.size(), token) == 0 &&
        token_begin + token.size() < reason.size() && reason[token_begin + token.size()] == '\'') {
        message += message_part(reason.substr(0, echo));
        message += "; last read: ";
        message += quote(token, quoted_value_bytes);
        message += message_part(reason.substr(token_begin + token.size() + 1));
    } else {
        message += message_part(reason);
    }
    return message;
}


/// "invalid JSON at line L, column C: a NUL byte after the document", for the NUL byte at `offset`.
[[nodiscard]] inline std::string nul_byte_message(std::string_view text, std::size_t offset) {
    const std::string where = syntax_message(text, offset + 1, {}, "");
    return where + "a NUL byte after the document (JSON text cannot hold one)";
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_INPUT_MESSAGES_HPP
