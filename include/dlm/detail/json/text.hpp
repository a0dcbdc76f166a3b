#ifndef DLM_DETAIL_JSON_TEXT_HPP
#define DLM_DETAIL_JSON_TEXT_HPP

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

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

/// True for characters that would change how a message reads on a terminal or in a log: C0 and C1
/// controls, DEL, the Unicode line and paragraph separators and the bidirectional formatting characters.
[[nodiscard]] constexpr bool needs_escape(char32_t c) noexcept {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x061C || c == 0x200E || c == 0x200F ||
           (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/// Writes `text` JSON-escaped into `out`, adding at most `max_bytes` bytes and cutting only between
/// characters; returns true when something was left out.
inline bool append_escaped(std::string& out, std::string_view text, std::size_t max_bytes) {
    static constexpr char hex[] = "0123456789abcdef";
    const std::size_t start = out.size();
    char piece[8];
    for (std::size_t at = 0; at < text.size();) {
        const utf8_char c = decode_utf8(text, at);
        std::size_t piece_length = 0;
        const auto put = [&](char ch) { piece[piece_length++] = ch; };
        if (!c.valid) {
            put('\xEF');  // U+FFFD REPLACEMENT CHARACTER
            put('\xBF');
            put('\xBD');
        } else if (c.code_point == '"' || c.code_point == '\\') {
            put('\\');
            put(static_cast<char>(c.code_point));
        } else if (c.code_point == '\n' || c.code_point == '\r' || c.code_point == '\t' ||
                   c.code_point == '\b' || c.code_point == '\f') {
            put('\\');
            put(c.code_point == '\n'   ? 'n'
                : c.code_point == '\r' ? 'r'
                : c.code_point == '\t' ? 't'
                : c.code_point == '\b' ? 'b'
                                       : 'f');
        } else if (needs_escape(c.code_point)) {
            put('\\');
            put('u');
            for (int shift = 12; shift >= 0; shift -= 4) {
                put(hex[(c.code_point >> shift) & 0xFu]);
            }
        } else {
            for (std::size_t i = 0; i < c.length; ++i) {
                put(text[at + i]);
            }
        }
        if (out.size() - start + piece_length > max_bytes) {
            return true;
        }
        out.append(piece, piece_length);
        at += c.length;
    }
    return false;
}

/// `text` as a JSON string literal for a finding message: invalid UTF-8 replaced by U+FFFD, control
/// and bidi characters escaped, at most `max_bytes` bytes between the quotes, cut at a character
/// boundary with `...` after the closing quote when cut. The result is valid UTF-8 and `dump()`-safe.
[[nodiscard]] inline std::string quote(std::string_view text, std::size_t max_bytes = 200) {
    std::string out;
    out.reserve((text.size() < max_bytes ? text.size() : max_bytes) + 5);
    out += '"';
    const bool cut = append_escaped(out, text, max_bytes);
    out += '"';
    if (cut) {
        out += "...";
    }
    return out;
}

/// `quote` without the surrounding quotes: escaped, valid UTF-8, at most `max_bytes` bytes plus `...` when cut.
[[nodiscard]] inline std::string sanitize(std::string_view text, std::size_t max_bytes) {
    std::string out;
    out.reserve((text.size() < max_bytes ? text.size() : max_bytes) + 3);
    if (append_escaped(out, text, max_bytes)) {
        out += "...";
    }
    return out;
}

/// The JSON type of `value` with its article, for messages: "a string", "an integer", "a number",
/// "an object", "an array", "a boolean" or "null".
[[nodiscard]] inline std::string describe_type(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::string: return "a string";
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned: return "an integer";
        case nlohmann::json::value_t::number_float: return "a number";
        case nlohmann::json::value_t::object: return "an object";
        case nlohmann::json::value_t::array: return "an array";
        case nlohmann::json::value_t::boolean: return "a boolean";
        case nlohmann::json::value_t::null: return "null";
        case nlohmann::json::value_t::binary: return "binary data";
        case nlohmann::json::value_t::discarded: return "a discarded value";
    }
    return "an unknown value";
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_JSON_TEXT_HPP
