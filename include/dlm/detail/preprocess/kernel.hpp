#ifndef DLM_DETAIL_PREPROCESS_KERNEL_HPP
#define DLM_DETAIL_PREPROCESS_KERNEL_HPP

// The row loop of preprocessing: one source row of one band becomes one output row of one channel. Typed per
// source type and specialised on (contiguous source, nodata test, mask), so the loop body has no branch, no call
// and no allocation, and the compiler vectorises it (the nodata replacement is a bitwise blend, which it
// vectorises even under -ftrapping-math, where it would not if-convert a floating-point select).

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <type_traits>

#include <dlm/detail/preprocess/convert.hpp>

// On x86 with GCC or Clang, the row loops are compiled twice: for the build's target (SSE2 on x86-64) and for AVX2,
// chosen at run time once per call. Both use the same IEEE operations (no FMA), so their results are identical.
#if (defined(__GNUC__) || defined(__clang__)) && (defined(__x86_64__) || defined(__i386__)) && !defined(__AVX2__)
#define DLM_DETAIL_PREPROCESS_AVX2 1
#define DLM_DETAIL_TARGET_AVX2 __attribute__((target("avx2")))
#else
#define DLM_DETAIL_PREPROCESS_AVX2 0
#define DLM_DETAIL_TARGET_AVX2
#endif
#if defined(__GNUC__) || defined(__clang__)
#define DLM_DETAIL_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define DLM_DETAIL_ALWAYS_INLINE inline
#endif

namespace dlm::detail {

/// The nodata test of an integer source: `x == value`, active only when the nodata value is an integer that the
/// type holds (no other value can equal a sample).
template <class T, bool Integral = std::is_integral<T>::value>
struct nodata_match {
    /// True when some sample can match.
    bool active = false;
    /// The nodata value in the source type.
    T value{};

    /// The test for nodata `nodata` (if any).
    explicit nodata_match(const std::optional<double>& nodata) noexcept {
        if (!nodata || !std::isfinite(*nodata) || std::floor(*nodata) != *nodata) return;
        const double v = *nodata;
        // The type's range as exact doubles: [min, max + 1), that is [-2^63, 2^63) and [0, 2^64) for 64-bit types.
        const double low = static_cast<double>(std::numeric_limits<T>::min());
        const double high_exclusive = sizeof(T) < 8              ? static_cast<double>(std::numeric_limits<T>::max()) + 1.0
                                      : std::is_signed<T>::value ? 9223372036854775808.0
                                                                 : 18446744073709551616.0;
        if (v < low || v >= high_exclusive) return;
        active = true;
        value = static_cast<T>(v);
    }

    /// True when sample `x` (converted: `d`) is nodata.
    [[nodiscard]] bool operator()(T x, double /*d*/) const noexcept { return x == value; }
};

/// The nodata test of a floating-point source (float16, float32, float64): the converted sample equals the value
/// exactly, or both are NaN.
template <class T>
struct nodata_match<T, false> {
    /// True when a nodata value is given.
    bool active = false;
    /// The nodata value.
    double value = 0.0;
    /// True when it is NaN (any NaN sample matches).
    bool nan = false;

    /// The test for nodata `nodata` (if any).
    explicit nodata_match(const std::optional<double>& nodata) noexcept
        : active(nodata.has_value()), value(nodata.value_or(0.0)), nan(nodata && std::isnan(*nodata)) {}

    /// True when sample `x` (converted: `d`) is nodata.
    [[nodiscard]] bool operator()(T /*x*/, double d) const noexcept {
        return static_cast<bool>(static_cast<int>(d == value) | (static_cast<int>(nan) & static_cast<int>(d != d)));
    }
};

/// One output row: out[i] = float(to_double(x_i) * a + b), x_i = src[i * step] (src[i] when Contiguous); a nodata
/// sample gives the bits `fill_bits`, and mask[i] = 0 (1 otherwise) when Mask.
template <class T, bool Contiguous, bool Nodata, bool Mask>
DLM_DETAIL_ALWAYS_INLINE void convert_row(const T* __restrict src, std::size_t step, std::size_t n, float* __restrict out,
                        std::uint8_t* __restrict mask, double a, double b, const nodata_match<T>& is_nodata,
                        std::uint32_t fill_bits) noexcept {
    for (std::size_t i = 0; i < n; ++i) {
        const T x = src[Contiguous ? i : i * step];
        const double d = to_double(x);
        const auto y = static_cast<float>(d * a + b);
        if constexpr (Nodata) {
            const bool hit = is_nodata(x, d);
            const std::uint32_t select = 0u - static_cast<std::uint32_t>(hit);
            out[i] = bit_cast<float>((bit_cast<std::uint32_t>(y) & ~select) | (fill_bits & select));
            if constexpr (Mask) mask[i] = static_cast<std::uint8_t>(!hit);
        } else {
            out[i] = y;
        }
    }
}

/// convert_row with the specialisation chosen at run time (once per row). Without a nodata test the mask row is
/// all ones.
template <class T>
DLM_DETAIL_ALWAYS_INLINE void convert_row_select(const T* src, std::size_t step, std::size_t n, float* out,
                                                 std::uint8_t* mask, double a, double b,
                                                 const nodata_match<T>& is_nodata, std::uint32_t fill_bits) noexcept {
    if (!is_nodata.active) {
        if (step == 1) {
            convert_row<T, true, false, false>(src, step, n, out, mask, a, b, is_nodata, fill_bits);
        } else {
            convert_row<T, false, false, false>(src, step, n, out, mask, a, b, is_nodata, fill_bits);
        }
        if (mask != nullptr) std::memset(mask, 1, n);
    } else if (mask == nullptr) {
        if (step == 1) {
            convert_row<T, true, true, false>(src, step, n, out, mask, a, b, is_nodata, fill_bits);
        } else {
            convert_row<T, false, true, false>(src, step, n, out, mask, a, b, is_nodata, fill_bits);
        }
    } else {
        if (step == 1) {
            convert_row<T, true, true, true>(src, step, n, out, mask, a, b, is_nodata, fill_bits);
        } else {
            convert_row<T, false, true, true>(src, step, n, out, mask, a, b, is_nodata, fill_bits);
        }
    }
}

/// convert_row_select compiled for the build's target.
template <class T>
void convert_row_default(const T* src, std::size_t step, std::size_t n, float* out, std::uint8_t* mask, double a,
                         double b, const nodata_match<T>& is_nodata, std::uint32_t fill_bits) noexcept {
    convert_row_select<T>(src, step, n, out, mask, a, b, is_nodata, fill_bits);
}

/// convert_row_select compiled for AVX2 (the same as convert_row_default where DLM_DETAIL_PREPROCESS_AVX2 is 0).
template <class T>
DLM_DETAIL_TARGET_AVX2 void convert_row_avx2(const T* src, std::size_t step, std::size_t n, float* out,
                                             std::uint8_t* mask, double a, double b, const nodata_match<T>& is_nodata,
                                             std::uint32_t fill_bits) noexcept {
    convert_row_select<T>(src, step, n, out, mask, a, b, is_nodata, fill_bits);
}

/// True when this process may run the AVX2 row loops.
[[nodiscard]] inline bool has_avx2() noexcept {
#if DLM_DETAIL_PREPROCESS_AVX2
    return __builtin_cpu_supports("avx2") != 0;
#else
    return false;
#endif
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_PREPROCESS_KERNEL_HPP
