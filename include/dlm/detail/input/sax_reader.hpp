#ifndef DLM_DETAIL_INPUT_SAX_READER_HPP
#define DLM_DETAIL_INPUT_SAX_READER_HPP

// The machinery behind dlm::parse and dlm::check_limits: an iterative DOM builder for nlohmann's SAX
// parser and an iterative walk over a built document. Neither recurses with the input's depth.

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

#include <dlm/rules.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/limits.hpp>
#include <dlm/report.hpp>

namespace dlm::detail {

/// How many bytes of a hostile value (a long string, key or number) a message quotes.
inline constexpr std::size_t quoted_value_bytes = 60;

/// The largest integer the library handles exactly: valijson reads integers as int64_t.
inline constexpr std::uint64_t largest_exact_integer = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

/// Collects the findings of one parse or walk. Fatal findings are always kept; the others only up to
/// `limits::max_findings`, with one `input.findings-truncated` warning counting the rest.
class finding_sink {
public:
    finding_sink(report& out, std::size_t max_findings) noexcept : out_(out), max_findings_(max_findings) {}

    /// Records an error that ends the parse or walk.
    void fatal(std::string rule, std::string pointer, std::string message) {
        out_.error(std::move(rule), std::move(pointer), std::move(message));
    }

    /// Records an error unless the cap is reached; the pointer and message are built only when kept.
    template <typename MakePointer, typename MakeMessage>
    void error(std::string_view rule, MakePointer&& make_pointer, MakeMessage&& make_message) {
        if (listed_ == max_findings_) {
            ++dropped_;
            return;
        }
        ++listed_;
        out_.error(std::string(rule), make_pointer(), make_message());
    }

    /// Adds the truncation warning when findings were dropped; call once at the end.
    void finish() {
        if (dropped_ > 0) {
            out_.warning(rules::input_findings_truncated, "",
                         std::to_string(dropped_) + " more input findings were not listed (limit: " +
                             std::to_string(max_findings_) + ")");
        }
    }

private:
    report& out_;
    std::size_t max_findings_;
    std::size_t listed_ = 0;
    std::size_t dropped_ = 0;
};

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

// ---- parsing -----------------------------------------------------------------------------------

/// A SAX handler for `nlohmann::json::sax_parse` that builds the document with an explicit stack,
/// enforcing `limits` as it goes: too deep, too many values, a syntax error or a number overflow stop
/// the parse (no document); long strings, duplicate keys (the last value wins, as with `json::parse`)
/// and integers above INT64_MAX are reported and parsing continues.
class sax_reader {
public:
    using json = nlohmann::json;

    sax_reader(std::string_view text, const limits& bounds, finding_sink& sink) noexcept
        : text_(text), limits_(bounds), sink_(sink) {}

    sax_reader(const sax_reader&) = delete;
    sax_reader& operator=(const sax_reader&) = delete;

    bool null() { return add_scalar(json(nullptr)); }
    bool boolean(bool value) { return add_scalar(json(value)); }
    bool number_integer(json::number_integer_t value) { return add_scalar(json(value)); }

    bool number_unsigned(json::number_unsigned_t value) {
        if (value > largest_exact_integer) {
            sink_.error(rules::input_number_out_of_range, [&] { return pointer(); }, [&] { return big_integer_message(value); });
        }
        return add_scalar(json(value));
    }

    bool number_float(json::number_float_t value, const json::string_t& /*text*/) { return add_scalar(json(value)); }

    bool string(json::string_t& value) {
        if (value.size() > limits_.max_string_length) {
            sink_.error(rules::input_string_too_long, [&] { return pointer(); },
                        [&] { return long_string_message(value, limits_.max_string_length); });
        }
        return add_scalar(json(std::move(value)));
    }

    bool binary(json::binary_t& value) { return add_scalar(json::binary(std::move(value))); }

    bool start_object(std::size_t /*unknown*/) { return open(json::value_t::object); }
    bool start_array(std::size_t /*unknown*/) { return open(json::value_t::array); }

    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(json::string_t& name) {
        frame& top = stack_.back();
        if (name.size() > limits_.max_key_length) {
            // The object, not the member: the pointer would repeat the over-long key.
            sink_.error(rules::input_string_too_long, [&] { return pointer(); },
                        [&] { return long_key_message(name, limits_.max_key_length); });
        }
        auto& members = *top.container->get_ptr<json::object_t*>();
        const auto emplaced = members.try_emplace(std::move(name));  // leaves `name` alone when present
        top.key = &emplaced.first->first;
        top.slot = &emplaced.first->second;
        member_pending_ = true;
        if (!emplaced.second) {
            *top.slot = nullptr;  // the last value wins, as with json::parse
            sink_.error(rules::input_duplicate_key, [&] { return pointer(); },
                        [&] { return duplicate_key_message(*top.key); });
        }
        return true;
    }

    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& failure) {
        failed_ = true;
        if (failure.id == 406) {  // out_of_range.406: a number that overflows a double, such as 1e400
            sink_.fatal(rules::input_number_out_of_range, pointer(), overflow_message(last_token));
        } else {
            sink_.fatal(rules::input_syntax, pointer(), syntax_message(text_, position, last_token, failure.what()));
        }
        return false;
    }

    /// The document, unless a fatal finding stopped the parse.
    [[nodiscard]] std::optional<json> take() {
        if (failed_ || !has_root_) {
            return std::nullopt;
        }
        return std::optional<json>(std::move(root_));
    }

private:
    struct frame {
        json* container;
        const std::string* key;  // objects: the member being read
        json* slot;              // objects: that member's value
    };

    /// The pointer of the value being read: the next element of the innermost array, the pending
    /// member of the innermost object, or that object itself between members.
    [[nodiscard]] std::string pointer() const {
        std::string result;
        for (std::size_t i = 0; i < stack_.size(); ++i) {
            const frame& level = stack_[i];
            const bool innermost = i + 1 == stack_.size();
            if (level.container->is_array()) {
                const std::size_t size = level.container->size();
                append(result, innermost ? size : size - 1);
            } else if (level.key != nullptr && (!innermost || member_pending_)) {
                append(result, std::string_view(*level.key));
            }
        }
        return result;
    }

    bool count_value() {
        if (++elements_ > limits_.max_elements) {
            failed_ = true;
            sink_.fatal(rules::input_too_many_elements, pointer(), too_many_elements_message(limits_.max_elements));
            return false;
        }
        return true;
    }

    json* place(json&& value) {
        if (stack_.empty()) {
            root_ = std::move(value);
            has_root_ = true;
            return &root_;
        }
        frame& top = stack_.back();
        if (top.container->is_array()) {
            auto& elements = *top.container->get_ptr<json::array_t*>();
            elements.push_back(std::move(value));
            return &elements.back();
        }
        *top.slot = std::move(value);
        return top.slot;
    }

    bool add_scalar(json&& value) {
        if (!count_value()) {
            return false;
        }
        place(std::move(value));
        member_pending_ = false;
        return true;
    }

    bool open(json::value_t type) {
        if (stack_.size() >= limits_.max_depth) {
            failed_ = true;
            sink_.fatal(rules::input_too_deep, pointer(), too_deep_message(limits_.max_depth));
            return false;
        }
        if (!count_value()) {
            return false;
        }
        stack_.push_back({place(json(type)), nullptr, nullptr});
        member_pending_ = false;
        return true;
    }

    bool close() {
        stack_.pop_back();
        member_pending_ = false;
        return true;
    }

    std::string_view text_;
    const limits& limits_;
    finding_sink& sink_;
    json root_;
    bool has_root_ = false;
    bool failed_ = false;
    bool member_pending_ = false;
    std::size_t elements_ = 0;
    std::vector<frame> stack_;
};

// ---- walking a built document ------------------------------------------------------------------

/// Checks `document` against `bounds` with an explicit stack, in one pass, copying nothing.
/// Too deep and too many values stop the walk.
inline void walk_limits(const nlohmann::json& document, const limits& bounds, finding_sink& sink) {
    using json = nlohmann::json;
    struct frame {
        const json* container;
        json::object_t::const_iterator member;  // objects: the member being visited
        std::size_t index;                      // arrays: the element being visited
        bool begun;
    };
    std::vector<frame> stack;
    std::size_t elements = 0;

    const auto pointer = [&](bool with_innermost_member) {
        std::string result;
        for (std::size_t i = 0; i < stack.size(); ++i) {
            const frame& level = stack[i];
            if (level.container->is_array()) {
                append(result, level.index);
            } else if (with_innermost_member || i + 1 < stack.size()) {
                append(result, std::string_view(level.member->first));
            }
        }
        return result;
    };

    // Checks one value; pushes containers. False when the walk must stop.
    const auto visit = [&](const json& value) {
        if (++elements > bounds.max_elements) {
            sink.fatal(rules::input_too_many_elements, pointer(true), too_many_elements_message(bounds.max_elements));
            return false;
        }
        switch (value.type()) {
            case json::value_t::object:
            case json::value_t::array:
                if (stack.size() >= bounds.max_depth) {
                    sink.fatal(rules::input_too_deep, pointer(true), too_deep_message(bounds.max_depth));
                    return false;
                }
                stack.push_back({&value, {}, 0, false});
                break;
            case json::value_t::string: {
                const auto& text = value.get_ref<const json::string_t&>();
                if (text.size() > bounds.max_string_length) {
                    sink.error(rules::input_string_too_long, [&] { return pointer(true); },
                               [&] { return long_string_message(text, bounds.max_string_length); });
                }
                break;
            }
            case json::value_t::number_unsigned: {
                const auto number = value.get<json::number_unsigned_t>();
                if (number > largest_exact_integer) {
                    sink.error(rules::input_number_out_of_range, [&] { return pointer(true); },
                               [&] { return big_integer_message(number); });
                }
                break;
            }
            case json::value_t::number_float: {
                const auto number = value.get<json::number_float_t>();
                if (!std::isfinite(number)) {
                    sink.error(rules::input_number_out_of_range, [&] { return pointer(true); },
                               [&] { return non_finite_message(number); });
                }
                break;
            }
            default: break;
        }
        return true;
    };

    if (!visit(document)) {
        return;
    }
    while (!stack.empty()) {
        frame& top = stack.back();  // invalidated by visit(): not used after it
        const json* child = nullptr;
        if (top.container->is_object()) {
            const auto& members = top.container->get_ref<const json::object_t&>();
            top.member = top.begun ? std::next(top.member) : members.begin();
            top.begun = true;
            if (top.member == members.end()) {
                stack.pop_back();
                continue;
            }
            const std::string& name = top.member->first;
            if (name.size() > bounds.max_key_length) {
                sink.error(rules::input_string_too_long, [&] { return pointer(false); },
                           [&] { return long_key_message(name, bounds.max_key_length); });
            }
            child = &top.member->second;
        } else {
            top.index = top.begun ? top.index + 1 : 0;
            top.begun = true;
            if (top.index == top.container->size()) {
                stack.pop_back();
                continue;
            }
            child = &(*top.container)[top.index];
        }
        if (!visit(*child)) {
            return;
        }
    }
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_INPUT_SAX_READER_HPP
