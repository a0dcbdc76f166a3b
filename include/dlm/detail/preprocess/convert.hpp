#ifndef DLM_DETAIL_PREPROCESS_CONVERT_HPP
#define DLM_DETAIL_PREPROCESS_CONVERT_HPP

// Sample conversions for the preprocessing kernels: every source type to double, exactly where the value fits in a
// double and correctly rounded (to nearest, ties to even) where it does not (64-bit integers beyond 2^53), so that a
// kernel's `to_double(x)` is bit-identical to `static_cast<double>(x)`.
//
// Written with operations that SSE2 has (signed 32-bit integer to double, integer shifts and masks), so the
// compiler vectorises the loops that use them on every x86-64 and AArch64 target: unsigned 32-bit and 64-bit
// integers have no direct vector conversion there, and float16 needs no F16C.

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace dlm::detail {

/// A float16 (IEEE 754 binary16) sample, kept as its bit pattern.
struct float16_bits {
    std::uint16_t bits;
};

/// The bits of `from` reinterpreted as `To` (C++20's std::bit_cast, for trivially copyable types of one size).
template <class To, class From>
[[nodiscard]] inline To bit_cast(const From& from) noexcept {
    static_assert(sizeof(To) == sizeof(From), "bit_cast between types of different sizes");
    To to;
    std::memcpy(&to, &from, sizeof to);
    return to;
}

/// The float that binary16 `h` denotes, exactly (every binary16 value, subnormals, infinities and NaNs
/// included, is a float; a NaN keeps its sign and payload, shifted into the float's wider fraction). Uses no
/// subnormal float arithmetic, so a thread running with flush-to-zero or denormals-are-zero gets the same result.
[[nodiscard]] inline float half_to_float(std::uint16_t h) noexcept {
    const std::uint32_t sign = (static_cast<std::uint32_t>(h) & 0x8000u) << 16;
    const std::uint32_t shifted = (static_cast<std::uint32_t>(h) & 0x7fffu) << 13;  // exponent and fraction in place
    const std::uint32_t exponent = shifted & 0x0f800000u;
    // Normal numbers: add the difference of the biases (127 - 15) to the exponent.
    const std::uint32_t normal = shifted + 0x38000000u;
    // Infinities and NaNs (exponent all ones): the float exponent all ones, the fraction kept.
    const std::uint32_t special = shifted + 0x70000000u;
    // Zeros and subnormals: read the fraction as 1.fraction * 2^-14, then subtract 2^-14 (exact).
    const float tiny = bit_cast<float>(shifted + 0x38800000u) - 6.103515625e-05f;  // 2^-14
    const std::uint32_t is_special = 0u - static_cast<std::uint32_t>(exponent == 0x0f800000u);
    const std::uint32_t is_tiny = 0u - static_cast<std::uint32_t>(exponent == 0u);
    const std::uint32_t bits = (normal & ~(is_special | is_tiny)) | (special & is_special) |
                               (bit_cast<std::uint32_t>(tiny) & is_tiny);
    return bit_cast<float>(bits | sign);
}

/// `x` as a double: exact for every type but 64-bit integers, which are correctly rounded (the value of
/// `static_cast<double>(x)`).
[[nodiscard]] inline double to_double(std::int8_t x) noexcept { return x; }
/// See above.
[[nodiscard]] inline double to_double(std::int16_t x) noexcept { return x; }
/// See above.
[[nodiscard]] inline double to_double(std::int32_t x) noexcept { return x; }
/// See above.
[[nodiscard]] inline double to_double(std::uint8_t x) noexcept { return x; }
/// See above.
[[nodiscard]] inline double to_double(std::uint16_t x) noexcept { return x; }

/// Unsigned 32-bit: flip the top bit, convert as signed, add 2^31 back (all three exact).
[[nodiscard]] inline double to_double(std::uint32_t x) noexcept {
    return static_cast<double>(bit_cast<std::int32_t>(x ^ 0x80000000u)) + 2147483648.0;
}

/// Signed 64-bit: high half (signed) times 2^32 plus low half (unsigned); both terms are exact doubles, so the
/// one rounding of the sum gives the correctly rounded value.
[[nodiscard]] inline double to_double(std::int64_t x) noexcept {
    const auto u = bit_cast<std::uint64_t>(x);
    const auto high = bit_cast<std::int32_t>(static_cast<std::uint32_t>(u >> 32));
    const auto low = static_cast<std::uint32_t>(u);
    return static_cast<double>(high) * 4294967296.0 + to_double(low);
}

/// Unsigned 64-bit: as for signed, with an unsigned high half.
[[nodiscard]] inline double to_double(std::uint64_t x) noexcept {
    const auto high = static_cast<std::uint32_t>(x >> 32);
    const auto low = static_cast<std::uint32_t>(x);
    return to_double(high) * 4294967296.0 + to_double(low);
}

/// See above.
[[nodiscard]] inline double to_double(float x) noexcept { return x; }
/// See above.
[[nodiscard]] inline double to_double(double x) noexcept { return x; }
/// See above.
[[nodiscard]] inline double to_double(float16_bits x) noexcept { return half_to_float(x.bits); }

}  // namespace dlm::detail

#endif  // DLM_DETAIL_PREPROCESS_CONVERT_HPP
