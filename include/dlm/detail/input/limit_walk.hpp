#ifndef DLM_DETAIL_INPUT_LIMIT_WALK_HPP
#define DLM_DETAIL_INPUT_LIMIT_WALK_HPP

// The limits of dlm::limits checked on a document built in code (dlm::check_limits): an iterative walk, no
// recursion on the document's depth.

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
#include <dlm/detail/json/quote.hpp>
#include <dlm/limits.hpp>
#include <dlm/rules.hpp>

namespace dlm::detail {


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
                if (!is_valid_utf8(text)) {
                    sink.fatal(rules::input_invalid_utf8, pointer(true),
                               "a string that is not valid UTF-8, which JSON text cannot hold: " + quote(text, 60));
                    return false;
                }
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
            if (!is_valid_utf8(name)) {
                sink.fatal(rules::input_invalid_utf8, pointer(false),
                           "the member name " + quote(name, 60) + " is not valid UTF-8, which JSON text cannot hold");
                return;
            }
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

#endif  // DLM_DETAIL_INPUT_LIMIT_WALK_HPP
