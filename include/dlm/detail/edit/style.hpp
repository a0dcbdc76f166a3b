#ifndef DLM_DETAIL_EDIT_STYLE_HPP
#define DLM_DETAIL_EDIT_STYLE_HPP

// How a JSON text is laid out (newline, indent unit, separators), read from the text itself, and a writer
// that renders a new value in that layout.

#include <dlm/detail/edit/text_index.hpp>
#include <dlm/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace dlm::detail {

/// The layout of a text.
struct text_style {
    /// "\n" or "\r\n".
    std::string newline = "\n";
    /// One level of indentation ("  ", "    ", "\t"); empty when no container spans lines.
    std::string indent_unit;
    /// Between a key and its value, colon included (": ", ":").
    std::string key_separator = ": ";
    /// Between two values on one line, comma included (", ", ",").
    std::string inline_separator = ", ";
    /// True when the text writes arrays of scalars on one line inside multi-line containers.
    bool inline_scalar_arrays = false;
};

/// The first byte of the line that holds `at`.
[[nodiscard]] inline std::size_t line_start(std::string_view text, std::size_t at) noexcept {
    while (at > 0 && text[at - 1] != '\n') --at;
    return at;
}

/// The whitespace that starts the line holding `at` (up to `at` at most).
[[nodiscard]] inline std::string_view line_indent(std::string_view text, std::size_t at) noexcept {
    const std::size_t start = line_start(text, at);
    std::size_t end = start;
    while (end < at && (text[end] == ' ' || text[end] == '\t')) ++end;
    return text.substr(start, end - start);
}

/// True when only spaces and tabs precede `at` on its line.
[[nodiscard]] inline bool starts_line(std::string_view text, std::size_t at) noexcept {
    return line_indent(text, at).size() == at - line_start(text, at);
}

/// True when [begin, end) of `text` holds a line break.
[[nodiscard]] inline bool spans_lines(std::string_view text, std::size_t begin, std::size_t end) noexcept {
    return text.substr(begin, end - begin).find('\n') != std::string_view::npos;
}

[[nodiscard]] inline bool is_container(const text_node& node) noexcept { return node.kind != 's'; }

/// Reads the layout of `text` from its index.
[[nodiscard]] inline text_style detect_style(std::string_view text, const text_index& index) {
    text_style style;
    if (const std::size_t newline = text.find('\n'); newline != std::string_view::npos && newline > 0 &&
                                                       text[newline - 1] == '\r') {
        style.newline = "\r\n";
    }
    bool have_unit = false;
    bool have_key_separator = false;
    bool have_inline_separator = false;
    bool have_scalar_array = false;
    for (const text_node& node : index.nodes) {
        if (!have_key_separator && node.key_end != no_node) {
            const std::string_view between = text.substr(node.key_end, node.begin - node.key_end);
            if (between.find('\n') == std::string_view::npos) {
                style.key_separator = std::string(between);
                have_key_separator = true;
            }
        }
        if (!is_container(node) || node.first_child == no_node) continue;
        const text_node& first = index.nodes[node.first_child];
        if (!have_unit && spans_lines(text, node.begin, first.start()) && starts_line(text, first.start())) {
            const std::string_view outer = line_indent(text, node.begin);
            const std::string_view inner = line_indent(text, first.start());
            if (inner.size() > outer.size() && inner.substr(0, outer.size()) == outer) {
                style.indent_unit = std::string(inner.substr(outer.size()));
                have_unit = true;
            }
        }
        if (!have_inline_separator && first.next_sibling != no_node) {
            const std::string_view between = text.substr(first.end, index.nodes[first.next_sibling].start() - first.end);
            if (between.find('\n') == std::string_view::npos) {
                style.inline_separator = std::string(between);
                have_inline_separator = true;
            }
        }
        if (!have_scalar_array && node.kind == '[') {
            bool scalars = true;
            for (std::size_t child = node.first_child; child != no_node && scalars; child = index.nodes[child].next_sibling) {
                scalars = !is_container(index.nodes[child]);
            }
            if (scalars) {
                style.inline_scalar_arrays = !spans_lines(text, node.begin, node.end);
                have_scalar_array = true;
            }
        }
    }
    return style;
}

/// Writes new values in a text's layout.
class value_writer {
public:
    explicit value_writer(const text_style& style) : style_(style) {}

    /// `value` as JSON text whose first line starts at indentation `base`; on several lines when `multi_line`
    /// and the style has an indent unit, otherwise on one line; the values inside likewise by `nested_multi_line`.
    [[nodiscard]] std::string render(const nlohmann::json& value, std::string_view base, bool multi_line,
                                     bool nested_multi_line) const {
        std::string out;
        const bool unit = !style_.indent_unit.empty();
        write(out, value, std::string(base), multi_line && unit, nested_multi_line && unit);
        return out;
    }

    /// An object key as a JSON string.
    [[nodiscard]] static std::string key(const std::string& name) { return scalar(nlohmann::json(name)); }

private:
    [[nodiscard]] static std::string scalar(const nlohmann::json& value) {
        try {
            return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
        } catch (const nlohmann::json::exception&) {
            throw error("", "a string is not valid UTF-8");
        }
    }

    // Recursion follows the value's depth, which callers bound with dlm::check_limits.
    void write(std::string& out, const nlohmann::json& value, const std::string& base, bool multi_line,
               bool nested) const {
        if (!value.is_object() && !value.is_array()) {
            out += scalar(value);
            return;
        }
        const bool object = value.is_object();
        if (value.empty()) {
            out += object ? "{}" : "[]";
            return;
        }
        bool lines = multi_line;
        if (lines && !object && style_.inline_scalar_arrays) {
            lines = false;
            for (const auto& element : value) lines = lines || element.is_object() || element.is_array();
        }
        const std::string inner = lines ? base + style_.indent_unit : base;
        out += object ? '{' : '[';
        bool first = true;
        for (auto it = value.begin(); it != value.end(); ++it) {
            if (lines) {
                out += first ? "" : ",";
                out += style_.newline;
                out += inner;
            } else if (!first) {
                out += style_.inline_separator;
            }
            first = false;
            if (object) {
                out += key(it.key());
                out += style_.key_separator;
            }
            write(out, *it, inner, nested, nested);
        }
        if (lines) {
            out += style_.newline;
            out += base;
        }
        out += object ? '}' : ']';
    }

    const text_style& style_;
};

}  // namespace dlm::detail

#endif  // DLM_DETAIL_EDIT_STYLE_HPP
