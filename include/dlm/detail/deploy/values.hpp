#ifndef DLM_DETAIL_DEPLOY_VALUES_HPP
#define DLM_DETAIL_DEPLOY_VALUES_HPP

// Values a service computes with: the raster data type behind a `data_type` name, the range of values a
// data type can hold, and nodata as a number (from dlm:data.nodata or a raster band's nodata).

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <variant>

#include <nlohmann/json.hpp>

#include <dlm/detail/json/text.hpp>
#include <dlm/enums.hpp>
#include <dlm/model.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>

namespace dlm::detail::deploy {

/// The raster data type `value` denotes: itself for a raster name, the fixed-width type for a numpy name
/// (`int_` and `uint` as their 64-bit meaning, which the caller reports); nullopt for a type with no fixed pixel
/// layout (`other`, `longfloat`, `float96`, `float128`).
[[nodiscard]] constexpr std::optional<data_type> raster_type(data_type value) noexcept {
    switch (value) {
        case data_type::byte: return data_type::int8;
        case data_type::short_: return data_type::int16;
        case data_type::intc: return data_type::int32;
        case data_type::int_:
        case data_type::longlong: return data_type::int64;
        case data_type::ubyte: return data_type::uint8;
        case data_type::ushort: return data_type::uint16;
        case data_type::uintc: return data_type::uint32;
        case data_type::uint:
        case data_type::ulonglong: return data_type::uint64;
        case data_type::half: return data_type::float16;
        case data_type::double_:
        case data_type::float_: return data_type::float64;
        case data_type::other:
        case data_type::longfloat:
        case data_type::float96:
        case data_type::float128: return std::nullopt;
        default: return value;
    }
}

/// True for the complex raster types.
[[nodiscard]] constexpr bool is_complex(data_type value) noexcept {
    return value == data_type::cint16 || value == data_type::cint32 || value == data_type::cfloat32 ||
           value == data_type::cfloat64;
}

/// The closed range of a real raster type: integer types their limits, float types their finite range.
struct value_range {
    bool integer = false;
    double lowest = 0.0;
    double highest = 0.0;
};

/// The range of a real raster type (nullopt for complex types and `other`).
[[nodiscard]] inline std::optional<value_range> range_of(data_type value) noexcept {
    switch (value) {
        case data_type::int8: return value_range{true, -128.0, 127.0};
        case data_type::int16: return value_range{true, -32768.0, 32767.0};
        case data_type::int32: return value_range{true, -2147483648.0, 2147483647.0};
        case data_type::int64: return value_range{true, -9223372036854775808.0, 9223372036854775807.0};
        case data_type::uint8: return value_range{true, 0.0, 255.0};
        case data_type::uint16: return value_range{true, 0.0, 65535.0};
        case data_type::uint32: return value_range{true, 0.0, 4294967295.0};
        case data_type::uint64: return value_range{true, 0.0, 18446744073709551615.0};
        case data_type::float16: return value_range{false, -65504.0, 65504.0};
        case data_type::float32:
            return value_range{false, -static_cast<double>(std::numeric_limits<float>::max()),
                               static_cast<double>(std::numeric_limits<float>::max())};
        case data_type::float64:
            return value_range{false, -std::numeric_limits<double>::max(), std::numeric_limits<double>::max()};
        default: return std::nullopt;
    }
}

/// True when `value` can be a pixel of real raster type `type` (NaN and infinities only in float types).
[[nodiscard]] inline bool representable(double value, data_type type) noexcept {
    const auto range = range_of(type);
    if (!range) return false;
    if (std::isnan(value) || std::isinf(value)) return !range->integer;
    if (range->integer && std::trunc(value) != value) return false;
    return value >= range->lowest && value <= range->highest;
}

/// ASCII lower case.
[[nodiscard]] inline std::string lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

/// A nodata string as a number: "nan" (NaN), "inf"/"+inf"/"infinity" and "-inf"/"-infinity" (any letter case, the
/// raster extension's spellings and numpy's), or a decimal number; `numeric_string` is set for the last.
[[nodiscard]] inline std::optional<double> nodata_from_string(std::string_view text, bool& numeric_string) {
    numeric_string = false;
    const std::string lower = lower_ascii(text);
    if (lower == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (lower == "inf" || lower == "+inf" || lower == "infinity" || lower == "+infinity")
        return std::numeric_limits<double>::infinity();
    if (lower == "-inf" || lower == "-infinity") return -std::numeric_limits<double>::infinity();
    double value = 0.0;
    const char* first = text.data();
    const char* last = text.data() + text.size();
    if (first != last && *first == '+') ++first;
    const auto [end, ec] = std::from_chars(first, last, value, std::chars_format::general);
    if (ec != std::errc() || end != last || first == last || std::isnan(value) || std::isinf(value)) return std::nullopt;
    numeric_string = true;
    return value;
}

/// A nodata value as a number; findings at `pointer` for a string that names no number (error) or a decimal
/// number written as a string (warning).
[[nodiscard]] inline std::optional<double> nodata_number(const nodata_value& nodata, const std::string& pointer,
                                                         report& findings) {
    if (const auto* i = std::get_if<std::int64_t>(&nodata)) return static_cast<double>(*i);
    if (const auto* u = std::get_if<std::uint64_t>(&nodata)) return static_cast<double>(*u);
    if (const auto* d = std::get_if<double>(&nodata)) return *d;
    const std::string& text = std::get<std::string>(nodata);
    bool numeric_string = false;
    const auto value = nodata_from_string(text, numeric_string);
    if (!value) {
        findings.error(rules::deploy_nodata_unrecognized, pointer,
                       "nodata " + quote(text) +
                           " names no number (expected a number, \"nan\", \"inf\" or \"-inf\"); the service cannot "
                           "tell which pixels are nodata");
    } else if (numeric_string) {
        findings.warning(rules::deploy_nodata_string_number, pointer,
                         "nodata is the number " + quote(text) + " written as a string; read as " +
                             nlohmann::json(*value).dump());
    }
    return value;
}

/// A JSON nodata (a raster band's `nodata`) as the model's variant; nullopt for another JSON type.
[[nodiscard]] inline std::optional<nodata_value> nodata_of(const nlohmann::json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::number_integer: return nodata_value{value.get<std::int64_t>()};
        case nlohmann::json::value_t::number_unsigned: return nodata_value{value.get<std::uint64_t>()};
        case nlohmann::json::value_t::number_float: return nodata_value{value.get<double>()};
        case nlohmann::json::value_t::string: return nodata_value{value.get<std::string>()};
        default: return std::nullopt;
    }
}

/// A double for messages and JSON: the number, or "nan", "inf", "-inf".
[[nodiscard]] inline nlohmann::json number_json(double value) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    return value;
}

/// A double as text for a person: "nan", "inf", "-inf", an integral value without a fraction ("0", "-9999"), else
/// the shortest text that reads back as the same double.
[[nodiscard]] inline std::string number_text(double value) {
    if (std::isfinite(value) && std::trunc(value) == value && std::fabs(value) < 9007199254740992.0) {
        return std::to_string(static_cast<std::int64_t>(value));
    }
    const nlohmann::json j = number_json(value);
    return j.is_string() ? j.get<std::string>() : j.dump();
}

/// Two nodata values denote the same pixels (NaN equals NaN).
[[nodiscard]] inline bool same_nodata(double a, double b) noexcept {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

}  // namespace dlm::detail::deploy

#endif  // DLM_DETAIL_DEPLOY_VALUES_HPP
