#ifndef DLM_DETAIL_EDIT_TEXT_INDEX_HPP
#define DLM_DETAIL_EDIT_TEXT_INDEX_HPP

// A position index of JSON text: for every value, its byte span, and for every object member, the span of
// its key. Built by a small iterative scanner (no recursion on depth) under the limits of dlm::parse; the
// edits of dlm::apply_patch_to_text are computed from it.

#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/error.hpp>
#include <dlm/limits.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dlm::detail {

inline constexpr std::size_t no_node = static_cast<std::size_t>(-1);

/// One value of the text.
struct text_node {
    /// '{', '[', or 's' for a scalar (string, number, literal).
    char kind = 's';
    /// The value's bytes: [begin, end).
    std::size_t begin = 0;
    std::size_t end = 0;
    /// Object members: the key with its quotes, [key_begin, key_end); `no_node` otherwise.
    std::size_t key_begin = no_node;
    std::size_t key_end = no_node;
    std::size_t parent = no_node;
    std::size_t first_child = no_node;
    std::size_t last_child = no_node;
    std::size_t next_sibling = no_node;
    std::size_t previous_sibling = no_node;
    std::size_t child_count = 0;

    /// Where the member or element starts: its key for a member, its value otherwise.
    [[nodiscard]] std::size_t start() const noexcept { return key_begin != no_node ? key_begin : begin; }
};

/// Every value of a text; node 0 is the root.
struct text_index {
    std::vector<text_node> nodes;
};

[[nodiscard]] inline bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// The end of the string literal whose opening quote is at `at`, one past its closing quote; `npos` when unterminated.
[[nodiscard]] inline std::size_t string_end(std::string_view text, std::size_t at) noexcept {
    for (std::size_t i = at + 1; i < text.size(); ++i) {
        if (text[i] == '\\') {
            ++i;
        } else if (text[i] == '"') {
            return i + 1;
        }
    }
    return std::string_view::npos;
}

/// Indexes `text`, which must be one JSON value with optional surrounding whitespace (and a UTF-8 byte order
/// mark); throws dlm::error when it is not shaped like JSON or passes `bounds` (depth, value count, size).
/// Scalars are delimited, not validated: callers index text that dlm::parse has accepted.
[[nodiscard]] inline text_index index_text(std::string_view text, const limits& bounds) {
    if (text.size() > bounds.max_bytes) {
        throw error("", "the text is larger than the limit of " + std::to_string(bounds.max_bytes) + " bytes");
    }
    const auto fail = [&text](std::size_t at, const std::string& what) -> void {
        throw error("", "cannot index the text at byte " + std::to_string(std::min(at, text.size())) + ": " + what);
    };
    text_index index;
    std::vector<std::size_t> open;  // containers being read
    std::size_t at = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    const auto skip_space = [&] {
        while (at < text.size() && is_json_space(text[at])) ++at;
    };
    std::size_t pending_key_begin = no_node;
    std::size_t pending_key_end = no_node;

    enum class expect { value, key_or_close, value_or_close, key, comma_or_close, done };
    expect state = expect::value;
    while (state != expect::done) {
        skip_space();
        if (at >= text.size()) fail(at, "unexpected end of text");
        const char c = text[at];
        switch (state) {
            case expect::key_or_close:
            case expect::key:
                if (c == '}' && state == expect::key_or_close) {
                    goto close;
                }
                if (c != '"') fail(at, "expected an object key");
                pending_key_begin = at;
                pending_key_end = string_end(text, at);
                if (pending_key_end == std::string_view::npos) fail(at, "unterminated string");
                at = pending_key_end;
                skip_space();
                if (at >= text.size() || text[at] != ':') fail(at, "expected ':'");
                ++at;
                state = expect::value;
                break;
            case expect::value_or_close:
                if (c == ']') {
                    goto close;
                }
                [[fallthrough]];
            case expect::value: {
                if (index.nodes.size() >= bounds.max_elements) fail(at, "more values than the limit");
                text_node node;
                node.begin = at;
                node.key_begin = pending_key_begin;
                node.key_end = pending_key_end;
                pending_key_begin = pending_key_end = no_node;
                const std::size_t id = index.nodes.size();
                if (!open.empty()) {
                    text_node& parent = index.nodes[open.back()];
                    node.parent = open.back();
                    node.previous_sibling = parent.last_child;
                    if (parent.last_child != no_node) {
                        index.nodes[parent.last_child].next_sibling = id;
                    } else {
                        parent.first_child = id;
                    }
                    parent.last_child = id;
                    ++parent.child_count;
                }
                if (c == '{' || c == '[') {
                    if (open.size() >= bounds.max_depth) fail(at, "nested deeper than the limit");
                    node.kind = c;
                    index.nodes.push_back(node);
                    open.push_back(id);
                    ++at;
                    state = c == '{' ? expect::key_or_close : expect::value_or_close;
                    break;
                }
                if (c == '"') {
                    node.end = string_end(text, at);
                    if (node.end == std::string_view::npos) fail(at, "unterminated string");
                } else {
                    node.end = at;
                    while (node.end < text.size() && !is_json_space(text[node.end]) && text[node.end] != ',' &&
                           text[node.end] != ']' && text[node.end] != '}' && text[node.end] != '[' &&
                           text[node.end] != '{' && text[node.end] != '"' && text[node.end] != ':') {
                        ++node.end;
                    }
                    if (node.end == at) fail(at, "expected a value");
                }
                at = node.end;
                index.nodes.push_back(node);
                state = open.empty() ? expect::done : expect::comma_or_close;
                break;
            }
            case expect::comma_or_close: {
                const bool in_object = index.nodes[open.back()].kind == '{';
                if (c == ',') {
                    ++at;
                    state = in_object ? expect::key : expect::value;
                    break;
                }
                if (c != (in_object ? '}' : ']')) fail(at, in_object ? "expected ',' or '}'" : "expected ',' or ']'");
                goto close;
            }
            case expect::done: break;
        }
        continue;
    close:
        if (text[at] != (index.nodes[open.back()].kind == '{' ? '}' : ']')) fail(at, "mismatched bracket");
        index.nodes[open.back()].end = ++at;
        open.pop_back();
        state = open.empty() ? expect::done : expect::comma_or_close;
    }
    skip_space();
    if (at != text.size()) fail(at, "content after the document");
    return index;
}

/// The decoded key of member `node` (which must be a member).
[[nodiscard]] inline std::string member_key(std::string_view text, const text_node& node) {
    const std::string_view quoted = text.substr(node.key_begin, node.key_end - node.key_begin);
    if (quoted.find('\\') == std::string_view::npos) {
        return std::string(quoted.substr(1, quoted.size() - 2));
    }
    const nlohmann::json decoded = nlohmann::json::parse(quoted, nullptr, false);
    if (!decoded.is_string()) {
        throw error("", "cannot decode the object key " + quote(quoted, 60));
    }
    return decoded.get<std::string>();
}

/// The reference tokens of an RFC 6901 pointer; throws dlm::error when it is malformed.
[[nodiscard]] inline std::vector<std::string> pointer_tokens(const std::string& pointer) {
    std::vector<std::string> tokens;
    if (pointer.empty()) return tokens;
    if (pointer.front() != '/') throw error(pointer, "a JSON pointer must start with '/'");
    std::string token;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(std::move(token));
            token.clear();
        } else if (pointer[i] == '~') {
            if (i + 1 >= pointer.size() || (pointer[i + 1] != '0' && pointer[i + 1] != '1')) {
                throw error(pointer, "'~' must be followed by '0' or '1' in a JSON pointer");
            }
            token += pointer[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            token += pointer[i];
        }
    }
    return tokens;
}

/// An array index token: decimal digits without a leading zero; nothing otherwise ("-" included).
[[nodiscard]] inline std::optional<std::size_t> array_index(const std::string& token) {
    if (token.empty() || token.size() > 18 || (token.size() > 1 && token.front() == '0')) return std::nullopt;
    std::size_t value = 0;
    for (const char c : token) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::size_t>(c - '0');
    }
    return value;
}

/// The child of container `parent` named by `token`: the member with that key (the last one, as nlohmann
/// keeps) or the element at that index; `no_node` when there is none.
[[nodiscard]] inline std::size_t child_of(const text_index& index, std::string_view text, std::size_t parent,
                                          const std::string& token) {
    const text_node& container = index.nodes[parent];
    if (container.kind == '{') {
        std::size_t found = no_node;
        for (std::size_t child = container.first_child; child != no_node; child = index.nodes[child].next_sibling) {
            if (member_key(text, index.nodes[child]) == token) found = child;
        }
        return found;
    }
    if (container.kind == '[') {
        const std::optional<std::size_t> position = array_index(token);
        if (!position || *position >= container.child_count) return no_node;
        std::size_t child = container.first_child;
        for (std::size_t i = 0; i < *position; ++i) child = index.nodes[child].next_sibling;
        return child;
    }
    return no_node;
}

/// The node at `tokens[0 .. count)`, or `no_node`.
[[nodiscard]] inline std::size_t resolve(const text_index& index, std::string_view text,
                                         const std::vector<std::string>& tokens, std::size_t count) {
    std::size_t node = 0;
    for (std::size_t i = 0; i < count && node != no_node; ++i) node = child_of(index, text, node, tokens[i]);
    return node;
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_EDIT_TEXT_INDEX_HPP
