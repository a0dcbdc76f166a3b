#ifndef DLM_DETAIL_JSON_QUOTE_HPP
#define DLM_DETAIL_JSON_QUOTE_HPP

// Quoting input in messages: JSON escapes, control and bidi characters escaped, invalid UTF-8 replaced, length cut.

#include <dlm/detail/json/utf8.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace dlm::detail {

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

/// `text` for a terminal or a log, otherwise unchanged: each control or bidi character, and each byte of invalid
/// UTF-8, is written as its JSON escape (`\u001b`, `\r`, `\ufffd`...). Unlike `quote`, it adds no quotes, escapes no
/// `"` or `\`, and cuts nothing.
[[nodiscard]] inline std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const utf8_char c = decode_utf8(text, at);
        if (c.valid && !needs_escape(c.code_point)) {
            out.append(text, at, c.length);
        } else {
            static_cast<void>(append_escaped(out, text.substr(at, c.length), 16));
        }
        at += c.length;
    }
    return out;
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_JSON_QUOTE_HPP
