#ifndef DLM_DETAIL_MODEL_LEGACY_NAMES_HPP
#define DLM_DETAIL_MODEL_LEGACY_NAMES_HPP

// The beta.2 member names that `dlm::upgrade` renames (dlm-rules.md, "Legacy input"), for the upgrade step and for the
// hints of read errors ("missing data_type; found the beta.2 name dtype").

#include <string_view>

namespace dlm::detail {

/// A member's v1.0.0-beta.3 name and the beta.2 name it replaces.
struct legacy_name {
    std::string_view current;
    std::string_view legacy;
};

/// data `dtype`, `nodata_value`; runtime `framework_version`; tensor `channels`.
inline constexpr legacy_name legacy_names[] = {
    {"data_type", "dtype"},
    {"nodata", "nodata_value"},
    {"version", "framework_version"},
    {"dim", "channels"},
};

/// The beta.2 name of the member now called `current`, or empty when it had none.
[[nodiscard]] constexpr std::string_view legacy_name_of(std::string_view current) noexcept {
    for (const legacy_name& name : legacy_names) {
        if (name.current == current) return name.legacy;
    }
    return {};
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_MODEL_LEGACY_NAMES_HPP
