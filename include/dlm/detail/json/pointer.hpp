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
    pointer += escape_token(key);
}

/// Extends `pointer` by the array element `index`.
inline void append(std::string& pointer, std::size_t index) {
    pointer += '/';
    pointer += std::to_string(index);
}

/// `pointer` extended by the object member `key`.
[[nodiscard]] inline std::string join(std::string pointer, std::string_view key) {
    append(pointer, key);
    return pointer;
}

/// `pointer` extended by the array element `index`.
[[nodiscard]] inline std::string join(std::string pointer, std::size_t index) {
    append(pointer, index);
    return pointer;
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_JSON_POINTER_HPP
