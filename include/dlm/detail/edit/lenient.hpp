#ifndef DLM_DETAIL_EDIT_LENIENT_HPP
#define DLM_DETAIL_EDIT_LENIENT_HPP

// The scanner behind dlm::parse_lenient: finds `//` and `/* */` comments and trailing commas outside string
// literals, in one linear pass without recursion, and decides how much of the surrounding whitespace goes with
// each so that the strict text reads as if the author had never written them.

#include <dlm/detail/edit/style.hpp>
#include <dlm/detail/edit/text_index.hpp>

#include <algorithm>
#include <cstddef>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace dlm::detail {

/// One piece of non-JSON text found by the lenient scanner.
struct lenient_piece {
    enum class kind { line_comment, block_comment, trailing_comma };
    kind what;
    std::size_t begin;   // the comment or comma itself
    std::size_t end;
    std::size_t line;    // 1-based, of `begin`
    std::size_t column;  // 1-based, in characters, of `begin`
};

[[nodiscard]] inline bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

/// Finds the comments and trailing commas of `text`. Stops at an unterminated block comment or string (the
/// strict parse of what is left reports it). A comma counts as trailing when the next token is `}` or `]` and
/// the token before it is a value (so `[,]` and `{"a":,}` stay errors).
[[nodiscard]] inline std::vector<lenient_piece> find_lenient_pieces(std::string_view text) {
    std::vector<lenient_piece> pieces;
    std::size_t line = 1;
    std::size_t column = 1;
    std::size_t at = 0;
    char previous_token = '\0';  // the last significant character outside comments
    std::size_t pending_comma = no_node;
    std::size_t comma_line = 0;
    std::size_t comma_column = 0;
    const auto advance = [&](std::size_t to) {
        for (; at < to; ++at) {
            if (text[at] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(text[at]) & 0xC0u) != 0x80u) {
                ++column;
            }
        }
    };
    while (at < text.size()) {
        const char c = text[at];
        if (is_json_space(c)) {
            advance(at + 1);
            continue;
        }
        if (c == '/' && at + 1 < text.size() && (text[at + 1] == '/' || text[at + 1] == '*')) {
            const bool block = text[at + 1] == '*';
            std::size_t end = 0;
            if (block) {
                const std::size_t close = text.find("*/", at + 2);
                if (close == std::string_view::npos) break;
                end = close + 2;
            } else {
                end = text.find('\n', at + 2);
                if (end == std::string_view::npos) end = text.size();
                if (end > at && text[end - 1] == '\r') --end;
            }
            pieces.push_back({block ? lenient_piece::kind::block_comment : lenient_piece::kind::line_comment, at, end,
                              line, column});
            advance(end);
            continue;
        }
        if (pending_comma != no_node) {
            if ((c == '}' || c == ']')) {
                pieces.push_back({lenient_piece::kind::trailing_comma, pending_comma, pending_comma + 1, comma_line,
                                  comma_column});
            }
            pending_comma = no_node;
        }
        if (c == ',' && previous_token != '\0' && previous_token != ',' && previous_token != '[' &&
            previous_token != '{' && previous_token != ':') {
            pending_comma = at;
            comma_line = line;
            comma_column = column;
        }
        previous_token = c;
        if (c == '"') {
            const std::size_t end = string_end(text, at);
            if (end == std::string_view::npos) break;
            advance(end);
            previous_token = '"';
            continue;
        }
        advance(at + 1);
    }
    // A trailing comma is recorded when the token after it is seen, after the comments between: restore text order.
    std::stable_sort(pieces.begin(), pieces.end(),
                     [](const lenient_piece& a, const lenient_piece& b) { return a.begin < b.begin; });
    return pieces;
}

/// The bytes to remove for `piece`: a comment alone on its lines takes its lines; a comment at the end of a
/// line takes the blanks before it; a comment between tokens takes the blanks after it when blanks precede it.
/// A trailing comma is removed alone.
[[nodiscard]] inline std::pair<std::size_t, std::size_t> removal_span(std::string_view text, const lenient_piece& piece) {
    if (piece.what == lenient_piece::kind::trailing_comma) return {piece.begin, piece.end};
    std::size_t before = piece.begin;
    while (before > 0 && is_blank(text[before - 1])) --before;
    std::size_t after = piece.end;
    while (after < text.size() && is_blank(text[after])) ++after;
    const bool line_begins = before == 0 || text[before - 1] == '\n';
    std::size_t line_end = after;
    if (line_end < text.size() && text[line_end] == '\r') ++line_end;
    const bool line_ends = line_end == text.size() || text[line_end] == '\n';
    if (line_begins && line_ends) {
        if (line_end < text.size()) return {before, line_end + 1};
        // The last line of the text: take the line break before it instead, when there is one.
        std::size_t start = before;
        if (start > 0 && text[start - 1] == '\n') {
            --start;
            if (start > 0 && text[start - 1] == '\r') --start;
        }
        return {start, text.size()};
    }
    if (line_ends) return {before, after};
    if (before != piece.begin) return {piece.begin, after};
    return {piece.begin, piece.end};
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_EDIT_LENIENT_HPP
