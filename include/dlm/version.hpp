#ifndef DLM_VERSION_HPP
#define DLM_VERSION_HPP

#include <string_view>

// The library's own version. CMakeLists.txt reads these three lines by regex.
#define DLM_VERSION_MAJOR 0
#define DLM_VERSION_MINOR 1
#define DLM_VERSION_PATCH 0

namespace dlm {

/// The library version as "MAJOR.MINOR.PATCH".
inline constexpr std::string_view library_version = "0.1.0";

/// The `stac_extensions` identifier that declares the dlm extension (v1.0.0-beta.3); the only one that does.
inline constexpr std::string_view extension_identifier =
    "https://schemas.stacspec.org/v1.0.0-beta.3/extensions/dl-model/json-schema/schema.json";

/// The pre-1.0 short name that older documents used in `stac_extensions`; `dlm::upgrade` rewrites it.
inline constexpr std::string_view legacy_extension_short_name = "dl-model";

/// The prefix of every field this extension defines.
inline constexpr std::string_view field_prefix = "dlm:";

/// The fields the extension defines, in the order of its text (`dlm:architecture` is the optional one).
inline constexpr std::string_view field_names[] = {"dlm:data", "dlm:inputs", "dlm:architecture", "dlm:runtime",
                                                   "dlm:outputs"};

/// The legacy field the published schema required and the text never defines: tolerated, kept, not modelled.
inline constexpr std::string_view legacy_archive_field = "dlm:archive";

/// True for a member name with the `dlm:` prefix.
[[nodiscard]] constexpr bool has_field_prefix(std::string_view name) noexcept {
    return name.substr(0, field_prefix.size()) == field_prefix;
}

}  // namespace dlm

#endif  // DLM_VERSION_HPP
