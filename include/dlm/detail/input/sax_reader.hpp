#ifndef DLM_DETAIL_INPUT_SAX_READER_HPP
#define DLM_DETAIL_INPUT_SAX_READER_HPP

// The machinery behind dlm::parse: an iterative DOM builder for nlohmann's SAX parser that enforces dlm::limits
// while it reads. It does not recurse with the input's depth.

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
#include <dlm/detail/input/messages.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/limits.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>

namespace dlm::detail {


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


}  // namespace dlm::detail

#endif  // DLM_DETAIL_INPUT_SAX_READER_HPP
