#ifndef DLM_DETAIL_JSON_UTF8_HPP
#define DLM_DETAIL_JSON_UTF8_HPP

// UTF-8: decoding one character (strictly, with the maximal-subpart rule for ill-formed input), checking, encoding.

#include <cstddef>
#include <string>
#include <string_view>

namespace dlm::detail {

/// One character read from UTF-8 text: its code point and how many bytes it took.
/// An ill-formed sequence has `valid == false`, `code_point == U+FFFD` and `length` = the bytes of its
/// maximal ill-formed subpart (at least 1), the unit Unicode recommends replacing by one U+FFFD.
struct utf8_char {
    char32_t code_point;
    std::size_t length;
    bool valid;
};

/// Decodes the character starting at `text[at]` (which must be in range); rejects overlong forms,
/// surrogates and code points above U+10FFFF.
[[nodiscard]] constexpr utf8_char decode_utf8(std::string_view text, std::size_t at) noexcept {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80) {
        return {lead, 1, true};
    }
    std::size_t length = 0;
    char32_t code_point = 0;
    unsigned char low = 0x80;   // allowed range of the second byte
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        code_point = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        code_point = lead & 0x0Fu;
        if (lead == 0xE0) {
            low = 0xA0;  // no overlong forms
        } else if (lead == 0xED) {
            high = 0x9F;  // no UTF-16 surrogates
        }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        code_point = lead & 0x07u;
        if (lead == 0xF0) {
            low = 0x90;  // no overlong forms
        } else if (lead == 0xF4) {
            high = 0x8F;  // nothing above U+10FFFF
        }
    } else {
        return {U'\uFFFD', 1, false};
    }
    for (std::size_t i = 1; i < length; ++i) {
        if (at + i >= text.size()) {
            return {U'\uFFFD', i, false};
        }
        const unsigned char next = byte(at + i);
        if (next < low || next > high) {
            return {U'\uFFFD', i, false};
        }
        low = 0x80;
        high = 0xBF;
        code_point = (code_point << 6) | (next & 0x3Fu);
    }
    return {code_point, length, true};
}

/// True when `text` is well-formed UTF-8.
[[nodiscard]] constexpr bool is_valid_utf8(std::string_view text) noexcept {
    for (std::size_t at = 0; at < text.size();) {
        const utf8_char c = decode_utf8(text, at);
        if (!c.valid) {
            return false;
        }
        at += c.length;
    }
    return true;
}

/// Appends the UTF-8 encoding of `code_point` (which must be a Unicode scalar value).
inline void append_utf8(std::string& out, char32_t code_point) {
    const auto put = [&](char32_t bits) { out += static_cast<char>(static_cast<unsigned char>(bits)); };
    if (code_point < 0x80) {
        put(code_point);
    } else if (code_point < 0x800) {
        put(0xC0 | (code_point >> 6));
        put(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
        put(0xE0 | (code_point >> 12));
        put(0x80 | ((code_point >> 6) & 0x3F));
        put(0x80 | (code_point & 0x3F));
    } else {
        put(0xF0 | (code_point >> 18));
        put(0x80 | ((code_point >> 12) & 0x3F));
        put(0x80 | ((code_point >> 6) & 0x3F));
        put(0x80 | (code_point & 0x3F));
    }
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_JSON_UTF8_HPP
