#ifndef DLM_DETAIL_PREPROCESS_RUN_HPP
#define DLM_DETAIL_PREPROCESS_RUN_HPP

// dlm::preprocess: check the plan, the tiles and the output once (every sample the kernels will read and every
// value they will write is proven inside its buffer before the first write), then dispatch on the source type once
// and run the typed row loops, on the calling thread or on several, each with a contiguous range of rows.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include <dlm/detail/preprocess/convert.hpp>
#include <dlm/detail/preprocess/kernel.hpp>
#include <dlm/detail/preprocess/sample.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/preprocess.hpp>

namespace dlm::detail {

/// a * b, or false when it overflows std::size_t.
[[nodiscard]] inline bool checked_mul(std::size_t a, std::size_t b, std::size_t& out) noexcept {
    if (a != 0 && b > std::numeric_limits<std::size_t>::max() / a) return false;
    out = a * b;
    return true;
}

/// a + b, or false when it overflows std::size_t.
[[nodiscard]] inline bool checked_add(std::size_t a, std::size_t b, std::size_t& out) noexcept {
    if (b > std::numeric_limits<std::size_t>::max() - a) return false;
    out = a + b;
    return true;
}

/// Throws the error of a preprocessing call (not about a document: the pointer is empty).
[[noreturn]] inline void fail_preprocess(const std::string& reason) { throw error("", reason); }

/// Everything a worker needs, checked: the row loops only index inside the buffers it describes.
struct preprocess_job {
    const preprocess_plan* plan = nullptr;
    const source_tile* tiles = nullptr;
    std::size_t height = 0;
    std::size_t width = 0;
    std::size_t channels = 0;
    const tensor_output* out = nullptr;
    bool mask = false;
    std::uint32_t fill_bits = 0;
    bool avx2 = false;
};

/// Throws unless `plan` is usable; returns the sample type to dispatch on.
[[nodiscard]] inline data_type check_plan(const preprocess_plan& plan) {
    const auto type = sample_type(plan.source_type);
    if (!type) fail_preprocess(refused_type_reason(plan.source_type));
    if (plan.bands.empty()) fail_preprocess("the plan selects no band");
    if (plan.affine.size() != plan.bands.size()) {
        fail_preprocess("the plan has " + std::to_string(plan.affine.size()) + " affine maps for " +
                        std::to_string(plan.bands.size()) + " bands");
    }
    for (std::size_t c = 0; c < plan.bands.size(); ++c) {
        if (plan.bands[c] < 0) fail_preprocess("band index " + std::to_string(plan.bands[c]) + " is negative");
        if (!std::isfinite(plan.affine[c].a) || !std::isfinite(plan.affine[c].b)) {
            fail_preprocess("the affine map of channel " + std::to_string(c) + " is not finite");
        }
    }
    return *type;
}

/// Throws unless every sample of `tile` that `plan` reads lies inside its buffer, properly aligned.
inline void check_tile(const preprocess_plan& plan, const source_tile& tile, std::size_t index, std::size_t size) {
    const std::string which = "tile " + std::to_string(index) + ": ";
    std::int64_t top_band = 0;
    for (const std::int64_t band : plan.bands) {
        if (static_cast<std::uint64_t>(band) >= tile.bands) {
            fail_preprocess(which + "band index " + std::to_string(band) + " is out of range (the tile has " +
                            std::to_string(tile.bands) + " bands)");
        }
        if (band > top_band) top_band = band;
    }
    if (tile.height == 0 || tile.width == 0) return;  // no sample is read
    if (tile.data == nullptr) fail_preprocess(which + "data is null");
    if (reinterpret_cast<std::uintptr_t>(tile.data) % size != 0) {
        fail_preprocess(which + "data is not aligned to its " + std::to_string(size) + "-byte samples");
    }
    // The last element read: (H - 1) * row_stride + (W - 1) * pixel_stride + top_band * band_stride.
    std::size_t rows = 0;
    std::size_t pixels = 0;
    std::size_t bands = 0;
    std::size_t last = 0;
    std::size_t end_bytes = 0;
    const bool fits = checked_mul(tile.height - 1, tile.row_stride, rows) &&
                      checked_mul(tile.width - 1, tile.pixel_stride, pixels) &&
                      checked_mul(static_cast<std::size_t>(top_band), tile.band_stride, bands) &&
                      checked_add(rows, pixels, last) && checked_add(last, bands, last) &&
                      checked_add(last, 1, end_bytes) && checked_mul(end_bytes, size, end_bytes);
    if (!fits || end_bytes > tile.bytes) {
        fail_preprocess(which + "the strides reach beyond the buffer of " + std::to_string(tile.bytes) + " bytes");
    }
}

/// Rows [first, last) of the batch (row g is row g % H of tile g / H), every channel.
template <class T>
void run_rows(const preprocess_job& job, std::size_t first, std::size_t last) noexcept {
    const preprocess_plan& plan = *job.plan;
    const nodata_match<T> is_nodata(plan.nodata);
    const std::size_t plane = job.height * job.width;
    for (std::size_t g = first; g < last; ++g) {
        const std::size_t tile_index = g / job.height;
        const std::size_t row = g % job.height;
        const source_tile& tile = job.tiles[tile_index];
        const T* row_start = static_cast<const T*>(tile.data) + row * tile.row_stride;
        for (std::size_t c = 0; c < job.channels; ++c) {
            const std::size_t at = (tile_index * job.channels + c) * plane + row * job.width;
            const T* src = row_start + static_cast<std::size_t>(plan.bands[c]) * tile.band_stride;
            float* values = job.out->values + at;
            std::uint8_t* mask = job.mask ? job.out->mask + at : nullptr;
            const dlm::affine& affine = plan.affine[c];
            if (job.avx2) {
                convert_row_avx2<T>(src, tile.pixel_stride, job.width, values, mask, affine.a, affine.b,
                                    is_nodata, job.fill_bits);
            } else {
                convert_row_default<T>(src, tile.pixel_stride, job.width, values, mask, affine.a, affine.b,
                                       is_nodata, job.fill_bits);
            }
        }
    }
}

/// run_rows for the storage type of `type`.
inline void run_rows_of(data_type type, const preprocess_job& job, std::size_t first, std::size_t last) noexcept {
    switch (type) {
        case data_type::int8: return run_rows<std::int8_t>(job, first, last);
        case data_type::int16: return run_rows<std::int16_t>(job, first, last);
        case data_type::int32: return run_rows<std::int32_t>(job, first, last);
        case data_type::int64: return run_rows<std::int64_t>(job, first, last);
        case data_type::uint8: return run_rows<std::uint8_t>(job, first, last);
        case data_type::uint16: return run_rows<std::uint16_t>(job, first, last);
        case data_type::uint32: return run_rows<std::uint32_t>(job, first, last);
        case data_type::uint64: return run_rows<std::uint64_t>(job, first, last);
        case data_type::float16: return run_rows<float16_bits>(job, first, last);
        case data_type::float32: return run_rows<float>(job, first, last);
        case data_type::float64: return run_rows<double>(job, first, last);
        default: return;  // refused by check_plan
    }
}

/// Starts a worker thread running `work`; the seam where tests make a thread fail to start.
struct start_thread {
    template <class Work>
    std::thread operator()(Work&& work) const {
        return std::thread(std::forward<Work>(work));
    }
};

/// Runs rows [0, total) on up to `threads` threads, the calling thread taking the first share and the share of any
/// thread that fails to start (`start` throws std::system_error).
template <class Start = start_thread>
void run_threads(data_type type, const preprocess_job& job, std::size_t total, unsigned threads,
                 const Start& start = {}) {
    std::size_t parts = threads == 0 ? 1 : threads;
    if (parts > total) parts = total == 0 ? 1 : total;
    const auto bound = [&](std::size_t part) { return total / parts * part + total % parts * part / parts; };
    std::vector<std::thread> workers;
    std::vector<std::size_t> orphans;  // parts whose thread did not start
    try {
        workers.reserve(parts - 1);
        orphans.reserve(parts - 1);
    } catch (const std::exception&) {
        parts = 1;
    }
    for (std::size_t part = 1; part < parts; ++part) {
        try {
            workers.push_back(start([&job, type, first = bound(part), last = bound(part + 1)] {
                run_rows_of(type, job, first, last);
            }));
        } catch (const std::system_error&) {
            orphans.push_back(part);  // reserved: cannot throw
        }
    }
    run_rows_of(type, job, bound(0), bound(1));
    for (const std::size_t part : orphans) run_rows_of(type, job, bound(part), bound(part + 1));
    for (std::thread& worker : workers) worker.join();
}

/// dlm::preprocess, with the thread starter as a parameter.
template <class Start = start_thread>
void preprocess_with(const preprocess_plan& plan, const source_tile* tiles, std::size_t count,
                     const tensor_output& out, const preprocess_options& options, const Start& start = {}) {
    const data_type type = check_plan(plan);
    const std::size_t size = sample_size(type);
    if (count > 0 && tiles == nullptr) fail_preprocess("tiles is null");
    const std::size_t height = count > 0 ? tiles[0].height : 0;
    const std::size_t width = count > 0 ? tiles[0].width : 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (tiles[i].height != height || tiles[i].width != width) {
            fail_preprocess("tile " + std::to_string(i) + " is " + std::to_string(tiles[i].height) + " x " +
                            std::to_string(tiles[i].width) + ", tile 0 is " + std::to_string(height) + " x " +
                            std::to_string(width) + ": a batch has one height and width");
        }
        check_tile(plan, tiles[i], i, size);
    }
    std::size_t rows = 0;
    std::size_t total = 0;
    if (!checked_mul(count, height, rows) || !checked_mul(rows, plan.bands.size(), total) ||
        !checked_mul(total, width, total)) {
        fail_preprocess("the output tensor's size overflows");
    }
    if (out.size != total) {
        fail_preprocess("the output holds " + std::to_string(out.size) + " floats, the tensor has " +
                        std::to_string(total) + " (N x C x H x W)");
    }
    if (total > 0 && out.values == nullptr) fail_preprocess("the output is null");
    if (plan.mask) {
        if (out.mask_size != total) {
            fail_preprocess("the mask holds " + std::to_string(out.mask_size) + " bytes, the tensor has " +
                            std::to_string(total) + " values");
        }
        if (total > 0 && out.mask == nullptr) fail_preprocess("the plan asks for a mask and the mask is null");
    }
    if (total == 0) return;

    preprocess_job job;
    job.plan = &plan;
    job.tiles = tiles;
    job.height = height;
    job.width = width;
    job.channels = plan.bands.size();
    job.out = &out;
    job.mask = plan.mask;
    job.fill_bits = bit_cast<std::uint32_t>(plan.fill);
    job.avx2 = has_avx2() && !options.portable;
    run_threads(type, job, rows, options.threads, start);
}

}  // namespace dlm::detail

namespace dlm {

inline void preprocess(const preprocess_plan& plan, const source_tile* tiles, std::size_t count,
                       const tensor_output& out, const preprocess_options& options) {
    detail::preprocess_with(plan, tiles, count, out, options);
}

inline void preprocess(const preprocess_plan& plan, const source_tile& tile, const tensor_output& out,
                       const preprocess_options& options) {
    preprocess(plan, &tile, 1, out, options);
}

}  // namespace dlm

#endif  // DLM_DETAIL_PREPROCESS_RUN_HPP
