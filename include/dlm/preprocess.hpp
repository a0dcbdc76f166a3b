#ifndef DLM_PREPROCESS_HPP
#define DLM_PREPROCESS_HPP

// Preprocessing: the pixels of source tiles become the model's float32 input tensor, as `dlm:inputs` describes.
// For each channel c of the model (in the order of `selected_bands`) and each pixel,
//
//     y = x * a[c] + b[c],   a = scaling_factor / std[c],   b = -mean[c] / std[c]   (folded once, in double)
//
// where x is the sample of source band `bands[c]`; a sample equal to the nodata value becomes `fill` instead (and 0
// in the optional mask). The output is N x C x H x W (NCHW), row-major, one tile after the other.
//
//     const dlm::preprocess_plan plan(dlm::read_model(item));              // from dlm:data and dlm:inputs
//     std::vector<float> tensor(plan.bands.size() * 256 * 256);
//     dlm::preprocess(plan, dlm::source_tile::band_sequential(pixels, bytes, 256, 256, 12),
//                     dlm::tensor_output{tensor.data(), tensor.size()});
//
// Exactness: every output value y is within one float32 ulp of the reference R, the formula
// `(double(x) * scaling_factor - mean) / std` evaluated in double and rounded once to float32, up to an absolute
// 2^-48 * (|x * a| + |b|) for the double roundings of the two formulas: |y - R| <= ulp(R) + 2^-48 * (|x*a| + |b|).
// The second term matters only where x * scaling_factor and mean almost cancel (the reference itself is no closer
// to the exact value there); elsewhere y is within one ulp, and almost always bit-identical. y is computed as
// float(double(x) * a + b) with x converted to double exactly (64-bit integers correctly rounded); NaN stays NaN,
// infinities stay infinite.
//
// Cost: no allocation and no virtual call per pixel; the source type is dispatched once per call, then one typed
// row loop per (tile, row, channel) that the compiler vectorises (SSE2 suffices; 64-bit integer and float16 loads
// are converted with 32-bit integer operations, so no AVX-512 or F16C is needed). On x86 with GCC or Clang the
// loops are also compiled for AVX2 and chosen at run time when the processor has it; both use the same IEEE
// operations in the same order (no fused multiply-add), so the output does not depend on the processor. (A build
// that lets the compiler contract x * a + b into one fused operation, e.g. GCC with -mfma and its default
// -ffp-contract=fast, rounds once instead of twice: still within the bound above.)

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include <dlm/affine.hpp>
#include <dlm/enums.hpp>
#include <dlm/model.hpp>

namespace dlm {

struct deployment;

/// What to do with the pixels of a tile: which bands, which source type, which affine per channel, and nodata.
/// Members are public: `dlm::preprocess` checks the whole plan before it writes anything.
struct preprocess_plan {
    /// The source samples' type (`dlm:data.data_type`; numpy names such as "ushort" are their raster type).
    /// Complex types, "other" and the extended-precision names (longfloat, float96, float128) are refused.
    dlm::data_type source_type = dlm::data_type::uint8;
    /// Source band index of each model channel, in model order (`dlm:inputs.selected_bands`).
    std::vector<std::int64_t> bands{};
    /// One affine per channel, same length as `bands`.
    std::vector<dlm::affine> affine{};
    /// The source samples' nodata value (`dlm:data.nodata`; NaN for "nan"), if any. A sample matches when it equals
    /// this value exactly (integer sources: only an integral value within the type's range can match); any NaN
    /// sample matches a NaN nodata.
    std::optional<double> nodata{};
    /// The output value of a nodata sample.
    float fill = 0.0f;
    /// True to also write a uint8 mask tensor, same shape as the output: 1 for a value sample, 0 for nodata.
    bool mask = false;

    /// An empty plan (no channels): fill in the members.
    preprocess_plan() = default;

    /// A plan from the fields of `dlm:data` and `dlm:inputs`: folds (x * scaling_factor - mean[c]) / std[c] into
    /// `affine[c]` in double. Throws `dlm::error` when `mean` or `std` does not have one entry per band, or a
    /// channel cannot be folded (`dlm::affine::fold` refuses it: std 0, a value not finite).
    preprocess_plan(dlm::data_type type, std::vector<std::int64_t> selected_bands, double scaling_factor,
                    const std::vector<double>& mean, const std::vector<double>& std,
                    std::optional<double> no_data = std::nullopt);

    /// The plan `m` describes: `dlm:data.data_type`, `dlm:data.nodata` ("nan", "inf", "-inf" as those numbers),
    /// `dlm:inputs.selected_bands`, `scaling_factor`, `normalization:mean` and `normalization:std`. Throws
    /// `dlm::error` with a pointer relative to the object that holds the dlm fields (e.g.
    /// "/dlm:inputs/normalization:std/2") when the model cannot be preprocessed: a refused data type, a nodata
    /// string that is not a number, a 64-bit integer nodata that a double cannot hold, lengths that differ, a zero std.
    explicit preprocess_plan(const dlm::model& m);

    /// The plan of a deployment view (`dlm::read_deployment`): its source data type, the band index and affine of
    /// each channel, and its nodata. Throws `dlm::error` at the pointer of what is missing (an error finding of the
    /// view says why): a source type the kernels refuse or do not know, a channel without an affine.
    explicit preprocess_plan(const dlm::deployment& view);

    /// The number of model channels, C.
    [[nodiscard]] std::size_t channels() const noexcept { return bands.size(); }
};

/// A tile of source pixels in memory: `height` rows of `width` pixels of `bands` samples, all of the plan's source
/// type, at `data` (aligned to that type). Sample (row r, column c, band k) is element
/// `r * row_stride + c * pixel_stride + k * band_stride` from `data`: strides count ELEMENTS of the source type,
/// not bytes. `bytes` is the size of the buffer from `data`; every sample the plan reads must lie inside it.
struct source_tile {
    /// The first sample (row 0, column 0, band 0).
    const void* data = nullptr;
    /// The size in bytes of the buffer starting at `data`.
    std::size_t bytes = 0;
    /// Rows, H.
    std::size_t height = 0;
    /// Pixels per row, W.
    std::size_t width = 0;
    /// Bands in the buffer; the plan's band indices must be below it.
    std::size_t bands = 0;
    /// Elements from one row to the next.
    std::size_t row_stride = 0;
    /// Elements from one pixel to the next in a row.
    std::size_t pixel_stride = 0;
    /// Elements from one band to the next.
    std::size_t band_stride = 0;

    /// A band-interleaved-by-pixel (HWC) tile: the samples of one pixel are adjacent.
    [[nodiscard]] static source_tile band_interleaved(const void* data, std::size_t bytes, std::size_t height,
                                                      std::size_t width, std::size_t bands) noexcept {
        return {data, bytes, height, width, bands, width * bands, bands, 1};
    }

    /// A band-sequential (CHW) tile: each band is one H x W plane, one after the other.
    [[nodiscard]] static source_tile band_sequential(const void* data, std::size_t bytes, std::size_t height,
                                                     std::size_t width, std::size_t bands) noexcept {
        return {data, bytes, height, width, bands, width, 1, height * width};
    }
};

/// Where `dlm::preprocess` writes: the float32 NCHW tensor, and the uint8 mask of the same shape when the plan asks.
struct tensor_output {
    /// The tensor, N * C * H * W floats.
    float* values = nullptr;
    /// Its size in floats: exactly N * C * H * W.
    std::size_t size = 0;
    /// The mask (1 = value, 0 = nodata), when `preprocess_plan::mask` is true; ignored otherwise.
    std::uint8_t* mask = nullptr;
    /// Its size in bytes: exactly N * C * H * W when used.
    std::size_t mask_size = 0;
};

/// How `dlm::preprocess` runs.
struct preprocess_options {
    /// Threads to use (rows are split between them); 0 or 1 runs on the calling thread only. A thread that cannot
    /// be started is not an error: its rows run on the calling thread.
    unsigned threads = 1;
    /// True to use only the build target's instructions, never the AVX2 loops chosen at run time on x86 (the
    /// results are identical either way; this exists for tests and measurements).
    bool portable = false;
};

/// Writes the tensor of a batch of `count` tiles (all of one height and width) into `out`. Checks everything first
/// and throws `dlm::error` before writing anything when the plan is unusable (refused type, no channel, a length
/// mismatch, a non-finite affine), a tile is inconsistent (a band index out of range, a sample outside `bytes`,
/// misaligned data, a height or width differing from the first tile's) or `out` has the wrong size; such an error
/// has an empty `pointer()` (no document is involved) and says which tile or argument in `reason()`.
///
///     std::vector<float> tensor(2 * plan.channels() * 512 * 512);
///     const dlm::source_tile tiles[2] = {dlm::source_tile::band_interleaved(a, a_bytes, 512, 512, 13),
///                                        dlm::source_tile::band_interleaved(b, b_bytes, 512, 512, 13)};
///     dlm::preprocess(plan, tiles, 2, {tensor.data(), tensor.size()}, {/*threads=*/2});
inline void preprocess(const preprocess_plan& plan, const source_tile* tiles, std::size_t count, const tensor_output& out,
                const preprocess_options& options = {});

/// Writes the tensor of one tile (N = 1); see the batch overload.
inline void preprocess(const preprocess_plan& plan, const source_tile& tile, const tensor_output& out,
                const preprocess_options& options = {});

}  // namespace dlm

#include <dlm/detail/preprocess/plan.hpp>
#include <dlm/detail/preprocess/run.hpp>

#endif  // DLM_PREPROCESS_HPP
