#ifndef DLM_AFFINE_HPP
#define DLM_AFFINE_HPP

// The one affine map a model channel's normalization becomes, shared by the deployment view and the preprocessing.

#include <cmath>
#include <optional>

namespace dlm {

/// `y = x * a + b`: `scaling_factor` s, `normalization:mean` m and `normalization:std` d folded into one affine,
/// `a = s / d`, `b = -m / d`, computed in double (so `y == (x * s - m) / d` up to double rounding).
struct affine {
    /// The factor, `s / d`.
    double a = 1.0;
    /// The offset, `-m / d`.
    double b = 0.0;

    /// `x * a + b`.
    [[nodiscard]] constexpr double operator()(double x) const noexcept { return x * a + b; }

    /// The affine of `(x * s - m) / d`; nullopt when s, m or d is not finite, d is 0, or a or b overflows a double.
    [[nodiscard]] static std::optional<affine> fold(double s, double m, double d) noexcept {
        if (!std::isfinite(s) || !std::isfinite(m) || !std::isfinite(d) || d == 0.0) return std::nullopt;
        const affine folded{s / d, -m / d};
        if (!std::isfinite(folded.a) || !std::isfinite(folded.b)) return std::nullopt;
        return folded;
    }

    friend constexpr bool operator==(const affine& x, const affine& y) noexcept { return x.a == y.a && x.b == y.b; }
    friend constexpr bool operator!=(const affine& x, const affine& y) noexcept { return !(x == y); }
};

}  // namespace dlm

#endif  // DLM_AFFINE_HPP
