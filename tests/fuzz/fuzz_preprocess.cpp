// libFuzzer target: dlm::preprocess with a plan, tile geometry, strides, source type, batch, threads, nodata and
// output size taken from the input, over a sample buffer of exactly the size the input leaves (so AddressSanitizer
// sees any read past it). Every call must either throw dlm::error or write a tensor (and mask) that matches a plain
// scalar reference of the formula within the documented bound.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include <dlm/error.hpp>
#include <dlm/preprocess.hpp>

#include "fuzz_target.hpp"
#include "fuzz_checks.hpp"

namespace dlm_fuzz_preprocess {

/// Reads the fuzzer's bytes front to back; zeros once they run out.
class byte_reader {
public:
    byte_reader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    std::uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
    /// A small double: (-128..127) / 16, or an awkward value now and then.
    double number() {
        const std::uint8_t kind = next();
        if (kind == 255) return std::numeric_limits<double>::infinity();
        if (kind == 254) return 0.0;
        if (kind == 253) return 1e300;
        return static_cast<double>(static_cast<std::int8_t>(next())) / 16.0 + 0.001 * kind;
    }
    std::size_t remaining() const { return size_ - at_; }
    const std::uint8_t* rest() const { return data_ + at_; }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

constexpr dlm::data_type fuzz_types[] = {
    dlm::data_type::int8,    dlm::data_type::int16,   dlm::data_type::int32,   dlm::data_type::int64,
    dlm::data_type::uint8,   dlm::data_type::uint16,  dlm::data_type::uint32,  dlm::data_type::uint64,
    dlm::data_type::float16, dlm::data_type::float32, dlm::data_type::float64, dlm::data_type::cint16,
    dlm::data_type::cfloat64, dlm::data_type::other,  dlm::data_type::ushort,  dlm::data_type::float128,
};

double half_value(std::uint16_t bits) {
    const int exponent = (bits >> 10) & 0x1f;
    const int fraction = bits & 0x3ff;
    double magnitude = exponent == 0    ? std::ldexp(fraction, -24)
                       : exponent == 31 ? (fraction != 0 ? std::nan("") : std::numeric_limits<double>::infinity())
                                        : std::ldexp(1024 + fraction, exponent - 25);
    return (bits & 0x8000) != 0 ? -magnitude : magnitude;
}

/// The sample at element `index` of `base` as a double, and whether it equals the nodata value exactly.
struct sample {
    double value;
    bool nodata;
};

template <class T>
sample read_as(const unsigned char* base, std::size_t index, const std::optional<double>& nodata) {
    T x;
    std::memcpy(&x, base + index * sizeof(T), sizeof x);
    const double value = static_cast<double>(x);
    bool hit = false;
    if (nodata) {
        if constexpr (std::is_integral<T>::value) {
            // Exact comparison in the integer domain: nodata integral and within the type's range.
            const double v = *nodata;
            const double low = static_cast<double>(std::numeric_limits<T>::min());
            const double high = sizeof(T) < 8 ? static_cast<double>(std::numeric_limits<T>::max()) + 1.0
                                              : (std::is_signed<T>::value ? 9223372036854775808.0 : 18446744073709551616.0);
            hit = std::isfinite(v) && std::floor(v) == v && v >= low && v < high && static_cast<T>(v) == x;
        } else {
            hit = std::isnan(*nodata) ? std::isnan(value) : value == *nodata;
        }
    }
    return {value, hit};
}

sample read_sample(dlm::data_type type, const unsigned char* base, std::size_t index, const std::optional<double>& nodata) {
    switch (type) {
        case dlm::data_type::int8: return read_as<std::int8_t>(base, index, nodata);
        case dlm::data_type::int16: return read_as<std::int16_t>(base, index, nodata);
        case dlm::data_type::int32: return read_as<std::int32_t>(base, index, nodata);
        case dlm::data_type::int64: return read_as<std::int64_t>(base, index, nodata);
        case dlm::data_type::uint8: return read_as<std::uint8_t>(base, index, nodata);
        case dlm::data_type::uint16:
        case dlm::data_type::ushort: return read_as<std::uint16_t>(base, index, nodata);
        case dlm::data_type::uint32: return read_as<std::uint32_t>(base, index, nodata);
        case dlm::data_type::uint64: return read_as<std::uint64_t>(base, index, nodata);
        case dlm::data_type::float32: return read_as<float>(base, index, nodata);
        case dlm::data_type::float64: return read_as<double>(base, index, nodata);
        case dlm::data_type::float16: {
            std::uint16_t bits;
            std::memcpy(&bits, base + index * 2, 2);
            const double value = half_value(bits);
            const bool hit = nodata && (std::isnan(*nodata) ? std::isnan(value) : value == *nodata);
            return {value, hit};
        }
        default: dlm_fuzz::require(false, "preprocess accepted a type it must refuse");
    }
    return {0, false};
}

std::size_t sample_bytes(dlm::data_type type) {
    switch (type) {
        case dlm::data_type::int8:
        case dlm::data_type::uint8: return 1;
        case dlm::data_type::int16:
        case dlm::data_type::uint16:
        case dlm::data_type::ushort:
        case dlm::data_type::float16: return 2;
        case dlm::data_type::int32:
        case dlm::data_type::uint32:
        case dlm::data_type::float32: return 4;
        default: return 8;
    }
}

int one_input(const std::uint8_t* data, std::size_t size) {
    byte_reader in(data, size);
    const dlm::data_type type = fuzz_types[in.next() % 16];
    const std::size_t channels = in.next() % 5;  // 0 is refused
    std::vector<std::int64_t> bands;
    std::vector<double> means;
    std::vector<double> stds;
    for (std::size_t c = 0; c < channels; ++c) {
        const std::uint8_t pick = in.next();
        bands.push_back(pick == 255 ? -1 : static_cast<std::int64_t>(pick % 9));
        means.push_back(in.number());
        stds.push_back(in.number());
    }
    const double scaling = in.number();
    std::optional<double> nodata;
    const std::uint8_t nodata_kind = in.next() % 4;
    if (nodata_kind == 1) nodata = std::nan("");
    if (nodata_kind >= 2) nodata = static_cast<double>(static_cast<std::int8_t>(in.next())) / (nodata_kind == 3 ? 2.0 : 1.0);

    dlm::preprocess_plan plan;
    try {
        plan = dlm::preprocess_plan(type, bands, scaling, means, stds, nodata);
    } catch (const dlm::error&) {
        // Also hand-made plans, which preprocess checks itself.
        plan.source_type = type;
        plan.bands = bands;
        for (std::size_t c = 0; c < channels; ++c) plan.affine.push_back({means[c], stds[c]});
        plan.nodata = nodata;
    }
    plan.fill = static_cast<float>(in.number());
    plan.mask = (in.next() & 1) != 0;

    const std::size_t height = in.next() % 5;
    const std::size_t width = in.next() % 40;
    const std::size_t tile_bands = in.next() % 9;
    const std::uint8_t layout = in.next() % 3;
    dlm::source_tile tile;
    if (layout == 0) {
        tile = dlm::source_tile::band_sequential(nullptr, 0, height, width, tile_bands);
    } else if (layout == 1) {
        tile = dlm::source_tile::band_interleaved(nullptr, 0, height, width, tile_bands);
    } else {
        tile.height = height;
        tile.width = width;
        tile.bands = tile_bands;
        tile.row_stride = in.next();
        tile.pixel_stride = in.next() % 16;
        tile.band_stride = in.next();
    }
    const std::size_t count = 1 + in.next() % 2;
    const unsigned threads = in.next() % 4;
    const bool portable = (in.next() & 1) != 0;
    const bool misalign = in.next() == 1;
    const std::uint8_t size_pick = in.next();
    const int size_error = size_pick == 1 ? 1 : size_pick == 2 ? -1 : 0;  // an output one too long or too short

    // The samples: exactly the rest of the input, in a buffer of exactly that size.
    const std::size_t bytes = in.remaining();
    // Allocated to the byte (plus one leading byte when misaligning), so a read past it leaves the allocation.
    std::unique_ptr<unsigned char[]> buffer(new unsigned char[bytes + (misalign ? 1 : 0)]);
    unsigned char* base = buffer.get() + (misalign ? 1 : 0);
    if (bytes > 0) std::memcpy(base, in.rest(), bytes);
    tile.data = bytes > 0 ? base : nullptr;
    tile.bytes = bytes;
    const dlm::source_tile tiles[2] = {tile, tile};

    const std::size_t total = count * channels * height * width;
    const std::size_t out_size = total == 0 && size_error < 0 ? 0 : total + static_cast<std::size_t>(static_cast<long>(size_error));
    std::vector<float> tensor(out_size + 1, -12345.0f);
    std::vector<std::uint8_t> mask(out_size + 1, 77);
    try {
        dlm::preprocess(plan, tiles, count, {tensor.data(), out_size, mask.data(), out_size}, {threads, portable});
    } catch (const dlm::error&) {
        for (const float v : tensor) dlm_fuzz::require(v == -12345.0f, "a refused call wrote to the tensor");
        return 0;
    }
    dlm_fuzz::require(out_size == total, "preprocess accepted an output of the wrong size");
    dlm_fuzz::require(tensor[total] == -12345.0f && mask[total] == 77, "preprocess wrote past the output");
    const std::size_t element = sample_bytes(type);
    for (std::size_t n = 0; n < count; ++n) {
        for (std::size_t c = 0; c < channels; ++c) {
            for (std::size_t r = 0; r < height; ++r) {
                for (std::size_t w = 0; w < width; ++w) {
                    const std::size_t at = ((n * channels + c) * height + r) * width + w;
                    const std::size_t index = r * tile.row_stride + w * tile.pixel_stride +
                                              static_cast<std::size_t>(plan.bands[c]) * tile.band_stride;
                    dlm_fuzz::require((index + 1) * element <= bytes, "preprocess accepted a sample outside the buffer");
                    const sample x = read_sample(type, base, index, plan.nodata);
                    if (plan.mask) dlm_fuzz::require(mask[at] == (x.nodata ? 0 : 1), "wrong mask value");
                    const float y = tensor[at];
                    if (x.nodata) {
                        dlm_fuzz::require(std::memcmp(&y, &plan.fill, sizeof y) == 0, "nodata not replaced by fill");
                        continue;
                    }
                    const double a = plan.affine[c].a;
                    const double b = plan.affine[c].b;
                    const auto expected = static_cast<float>(x.value * a + b);
                    if (std::isnan(expected) || std::isnan(y)) {
                        dlm_fuzz::require(std::isnan(expected) && std::isnan(y), "NaN where the reference has none");
                        continue;
                    }
                    if (std::isinf(expected) || std::isinf(y)) {
                        dlm_fuzz::require(y == expected, "an infinity differs from the reference");
                        continue;
                    }
                    const float larger = std::fmax(std::fabs(y), std::fabs(expected));
                    const double ulp = static_cast<double>(std::nextafter(larger, INFINITY)) - larger;
                    const double slack = std::ldexp(std::fabs(x.value * a) + std::fabs(b), -48);
                    dlm_fuzz::require(std::fabs(static_cast<double>(y) - expected) <= ulp + slack,
                                      "a value differs from the reference beyond the bound");
                }
            }
        }
    }
    return 0;
}

const dlm_fuzz::target_registration registration{"preprocess", &one_input};

}  // namespace dlm_fuzz_preprocess
