#ifndef DLM_DETAIL_PREPROCESS_SAMPLE_HPP
#define DLM_DETAIL_PREPROCESS_SAMPLE_HPP

// The source sample types the preprocessing kernels read: which dlm data types they accept, as which fixed-size type,
// and why the others are refused.

#include <cstddef>
#include <optional>
#include <string>

#include <dlm/detail/json/quote.hpp>
#include <dlm/enums.hpp>

namespace dlm::detail {

/// The raster type a `dlm:data.data_type` stands for when the kernels can read it: a raster name is itself, a numpy
/// name its fixed-size equivalent (numpy's C names on LP64 platforms: intc = int32, int_ = longlong = int64, ...).
/// Nullopt for the complex types, "other", and the extended-precision names (longfloat, float96, float128), whose
/// layout depends on the platform.
[[nodiscard]] constexpr std::optional<data_type> sample_type(data_type type) noexcept {
    switch (type) {
        case data_type::int8:
        case data_type::int16:
        case data_type::int32:
        case data_type::int64:
        case data_type::uint8:
        case data_type::uint16:
        case data_type::uint32:
        case data_type::uint64:
        case data_type::float16:
        case data_type::float32:
        case data_type::float64: return type;
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
        case data_type::cint16:
        case data_type::cint32:
        case data_type::cfloat32:
        case data_type::cfloat64:
        case data_type::other:
        case data_type::longfloat:
        case data_type::float96:
        case data_type::float128: return std::nullopt;
    }
    return std::nullopt;
}

/// Why `type` cannot be preprocessed (sample_type(type) is nullopt).
[[nodiscard]] inline std::string refused_type_reason(data_type type) {
    const std::string name = quote(std::string(to_string(type)));
    switch (type) {
        case data_type::cint16:
        case data_type::cint32:
        case data_type::cfloat32:
        case data_type::cfloat64:
            return "cannot preprocess the complex data type " + name +
                   ": a model input channel is real; convert the source to a real type first";
        case data_type::other:
            return "cannot preprocess data type \"other\": it does not say how the samples are stored";
        default:
            return "cannot preprocess the extended-precision data type " + name +
                   ": its size and layout depend on the platform";
    }
}

/// The size in bytes of one sample of `type` (a type `sample_type` accepts).
[[nodiscard]] constexpr std::size_t sample_size(data_type type) noexcept {
    switch (type) {
        case data_type::int8:
        case data_type::uint8: return 1;
        case data_type::int16:
        case data_type::uint16:
        case data_type::float16: return 2;
        case data_type::int32:
        case data_type::uint32:
        case data_type::float32: return 4;
        default: return 8;
    }
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_PREPROCESS_SAMPLE_HPP
