#ifndef DLM_DETAIL_JSON_POINTER_HPP
#define DLM_DETAIL_JSON_POINTER_HPP

#include <cstddef>
#include <string>
#include <string_view>

namespace dlm::detail {

/// One RFC 6901 reference token for an object key: `~` becomes `~0` and `/` becomes `~1`.
[[nodiscard]] inline std::string escape_token(std::string_view key) {
    std::string token;
    token.reserve(key.size());
    for (const char c : key) {
        if (c == '~') {
            token += "~0";
        } else if (c == '/') {
            token += "~1";
        } else {
            token += c;
        }
    }
    return token;
}

/// Extends `pointer` by the object member `key` (escaped per RFC 6901).
inline void append(std::string& pointer, std::string_view key) {
    pointer += '/';
    for (const char c : key) {
        if (c == '~') {
            pointer += "~0";
        } else if (c == '/') {
            pointer += "~1";
        } else {
            pointer += c;
        }
    }
}

/// Extends `pointer` by the array element `index`.
inline void append(std::string& pointer, std::size_t index) {
    pointer += '/';
    pointer += std::to_string(index);
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_JSON_POINTER_HPP
