#ifndef DLM_DETAIL_PREPROCESS_PLAN_HPP
#define DLM_DETAIL_PREPROCESS_PLAN_HPP

// Building a preprocess_plan: the source types the kernels accept, folding the normalization into one affine per
// channel, and reading the plan from a dlm::model.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <dlm/detail/json/text.hpp>
#include <dlm/detail/preprocess/sample.hpp>
#include <dlm/deployment.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/model.hpp>
#include <dlm/preprocess.hpp>

namespace dlm::detail {

/// dlm::affine::fold, with the reason of a refusal thrown at `pointer`.
[[nodiscard]] inline affine fold_at(double scaling_factor, double mean, double std_dev, const std::string& pointer) {
    if (const auto folded = affine::fold(scaling_factor, mean, std_dev)) return *folded;
    if (!std::isfinite(scaling_factor) || !std::isfinite(mean) || !std::isfinite(std_dev)) {
        throw error(pointer, "scaling_factor, mean and std must be finite numbers");
    }
    if (std_dev == 0.0) throw error(pointer, "a standard deviation of 0 cannot normalize (division by zero)");
    throw error(pointer, "scaling_factor / std or mean / std is too large for a double");
}

/// `value` as a double when it is exactly one (so an integer nodata compares as written), else throws at `pointer`.
template <class Int>
[[nodiscard]] double exact_double(Int value, const std::string& pointer) {
    const auto converted = static_cast<double>(value);
    constexpr double limit = std::is_signed<Int>::value ? 9223372036854775808.0 : 18446744073709551616.0;  // 2^63, 2^64
    if (converted >= limit || static_cast<Int>(converted) != value) {
        throw error(pointer, "the nodata value " + std::to_string(value) +
                                 " has no exact double representation; preprocessing compares nodata as a double");
    }
    return converted;
}

/// `dlm:data.nodata` as a number: "nan", "inf" and "-inf" are those values; other strings are refused.
[[nodiscard]] inline double nodata_number(const nodata_value& value, const std::string& pointer) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return exact_double(*i, pointer);
    if (const auto* u = std::get_if<std::uint64_t>(&value)) return exact_double(*u, pointer);
    if (const auto* d = std::get_if<double>(&value)) return *d;
    const std::string& text = std::get<std::string>(value);
    if (text == "nan") return std::numeric_limits<double>::quiet_NaN();
    if (text == "inf") return std::numeric_limits<double>::infinity();
    if (text == "-inf") return -std::numeric_limits<double>::infinity();
    throw error(pointer, "expected a number or one of \"nan\", \"inf\", \"-inf\", found the string " + quote(text));
}

}  // namespace dlm::detail

namespace dlm {

inline preprocess_plan::preprocess_plan(data_type type, std::vector<std::int64_t> selected_bands,
                                        double scaling_factor, const std::vector<double>& mean,
                                        const std::vector<double>& std, std::optional<double> no_data)
    : source_type(type), bands(std::move(selected_bands)), nodata(no_data) {
    if (!detail::sample_type(type)) throw error("/dlm:data/data_type", detail::refused_type_reason(type));
    const auto count = std::to_string(bands.size());
    if (mean.size() != bands.size()) {
        throw error("/dlm:inputs/normalization:mean", "has " + std::to_string(mean.size()) +
                                                          " entries, but selected_bands has " + count);
    }
    if (std.size() != bands.size()) {
        throw error("/dlm:inputs/normalization:std", "has " + std::to_string(std.size()) +
                                                         " entries, but selected_bands has " + count);
    }
    if (!std::isfinite(scaling_factor)) throw error("/dlm:inputs/scaling_factor", "must be a finite number");
    affine.reserve(bands.size());
    for (std::size_t c = 0; c < bands.size(); ++c) {
        if (bands[c] < 0) {
            throw error("/dlm:inputs/selected_bands/" + std::to_string(c), "a band index must be >= 0");
        }
        affine.push_back(
            detail::fold_at(scaling_factor, mean[c], std[c], "/dlm:inputs/normalization:std/" + std::to_string(c)));
    }
}

namespace detail {
/// The model's data type, which a model built in code may not have been given yet.
inline data_type given_data_type(const model& m) {
    if (!m.data.data_type) throw error("/dlm:data/data_type", "the model states no data_type");
    return *m.data.data_type;
}
}  // namespace detail

inline preprocess_plan::preprocess_plan(const model& m)
    : preprocess_plan(detail::given_data_type(m), m.inputs.selected_bands, m.inputs.scaling_factor,
                      std::vector<double>(m.inputs.normalization_mean.begin(), m.inputs.normalization_mean.end()),
                      std::vector<double>(m.inputs.normalization_std.begin(), m.inputs.normalization_std.end()),
                      m.data.nodata ? std::optional<double>(detail::nodata_number(*m.data.nodata, "/dlm:data/nodata"))
                                    : std::nullopt) {}

inline preprocess_plan::preprocess_plan(const deployment& view) : nodata(view.nodata) {
    const std::string data_type_pointer = view.fields_pointer + "/dlm:data/data_type";
    if (!view.source_data_type) {
        throw error(data_type_pointer, "the data type " + detail::quote(std::string(to_string(view.data_type))) +
                                           " has no fixed pixel layout: the source pixels cannot be read");
    }
    source_type = *view.source_data_type;
    if (!detail::sample_type(source_type)) throw error(data_type_pointer, detail::refused_type_reason(source_type));
    bands.reserve(view.channels.size());
    affine.reserve(view.channels.size());
    for (const channel& c : view.channels) {
        if (!c.affine) {
            throw error(c.pointer, "channel " + std::to_string(bands.size()) +
                                       " has no affine: its scaling_factor, mean or std is missing or unusable");
        }
        if (c.band_index < 0) throw error(c.pointer, "a band index must be >= 0");
        bands.push_back(c.band_index);
        affine.push_back(*c.affine);
    }
}

}  // namespace dlm

#endif  // DLM_DETAIL_PREPROCESS_PLAN_HPP
