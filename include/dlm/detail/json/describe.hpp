#ifndef DLM_DETAIL_JSON_DESCRIBE_HPP
#define DLM_DETAIL_JSON_DESCRIBE_HPP

// The JSON type of a value in words, for messages.

#include <nlohmann/json.hpp>

#include <string>

namespace dlm::detail {

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

#endif  // DLM_DETAIL_JSON_DESCRIBE_HPP
