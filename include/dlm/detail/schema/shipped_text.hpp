#ifndef DLM_DETAIL_SCHEMA_SHIPPED_TEXT_HPP
#define DLM_DETAIL_SCHEMA_SHIPPED_TEXT_HPP

// The text of the schemas shipped in embedded.hpp, without compiling anything.

#include <dlm/detail/schema/embedded.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace dlm::detail {

/// The text of one embedded schema: its pieces joined.
[[nodiscard]] inline std::string joined_text(const embedded_schema& embedded) {
    std::string text;
    for (std::size_t i = 0; i < embedded.piece_count; ++i) text += embedded.pieces[i];
    return text;
}

/// The text of the shipped schema at `path` under schema/ (e.g. "dlm/v1.0.0-beta.3/schema.json"); "" when none.
[[nodiscard]] inline std::string shipped_schema_text(std::string_view path) {
    for (const embedded_schema& embedded : embedded_schemas) {
        if (embedded.path == path) return joined_text(embedded);
    }
    return {};
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_SCHEMA_SHIPPED_TEXT_HPP
