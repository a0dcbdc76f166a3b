// dlm/preprocess.hpp: every source type and layout against a plain scalar reference of the formula,
// (double(x) * scaling_factor - mean) / std evaluated in double and rounded once to float32, within the documented
// bound |y - R| <= ulp(R) + 2^-48 * (|x * a| + |b|); nodata, NaN, the extremes of every type; the plan read from a
// model; and every misuse refused with a dlm::error before anything is written.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <system_error>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/deployment.hpp>
#include <dlm/error.hpp>
#include <dlm/preprocess.hpp>
#include <dlm/stac.hpp>

namespace dlm_test_preprocess {  // each test file has a namespace of its own: the runner is a unity build

namespace {

/// A float16 sample in a test buffer: its bits.
struct half {
    std::uint16_t bits;
};

/// The value binary16 `bits` denotes, from the IEEE 754 definition (independent of the library's decoder).
double half_value(std::uint16_t bits) {
    const int exponent = (bits >> 10) & 0x1f;
    const int fraction = bits & 0x3ff;
    double magnitude = 0;
    if (exponent == 0) {
        magnitude = std::ldexp(fraction, -24);
    } else if (exponent == 31) {
        magnitude = fraction != 0 ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
    } else {
        magnitude = std::ldexp(1024 + fraction, exponent - 25);
    }
    return (bits & 0x8000) != 0 ? -magnitude : magnitude;
}

template <class T>
double value_of(T x) {
    return static_cast<double>(x);
}
double value_of(half x) { return half_value(x.bits); }

template <class T>
dlm::data_type type_of();
template <> dlm::data_type type_of<std::int8_t>() { return dlm::data_type::int8; }
template <> dlm::data_type type_of<std::int16_t>() { return dlm::data_type::int16; }
template <> dlm::data_type type_of<std::int32_t>() { return dlm::data_type::int32; }
template <> dlm::data_type type_of<std::int64_t>() { return dlm::data_type::int64; }
template <> dlm::data_type type_of<std::uint8_t>() { return dlm::data_type::uint8; }
template <> dlm::data_type type_of<std::uint16_t>() { return dlm::data_type::uint16; }
template <> dlm::data_type type_of<std::uint32_t>() { return dlm::data_type::uint32; }
template <> dlm::data_type type_of<std::uint64_t>() { return dlm::data_type::uint64; }
template <> dlm::data_type type_of<half>() { return dlm::data_type::float16; }
template <> dlm::data_type type_of<float>() { return dlm::data_type::float32; }
template <> dlm::data_type type_of<double>() { return dlm::data_type::float64; }

/// Sample values of T that exercise it: the extremes, values next to them, zero, small values, and for floating
/// types NaN, infinities, signed zeros and subnormals; then pseudo-random values.
template <class T>
std::vector<T> interesting_values(std::size_t count) {
    std::vector<T> values;
    std::mt19937_64 random(42);
    if constexpr (std::is_same<T, half>::value) {
        for (const int bits : {0x0000, 0x8000, 0x0001, 0x03ff, 0x0400, 0x3c00, 0xbc00, 0x7bff, 0xfbff,
                               0x7c00, 0xfc00, 0x7e00, 0x7c01, 0xfe00, 0x3555}) {
            values.push_back(half{static_cast<std::uint16_t>(bits)});
        }
        while (values.size() < count) values.push_back(half{static_cast<std::uint16_t>(random())});
    } else if constexpr (std::is_floating_point<T>::value) {
        using limits = std::numeric_limits<T>;
        for (const T v : {T(0), -T(0), T(1), T(-1), limits::max(), limits::lowest(), limits::min(), limits::denorm_min(),
                          -limits::denorm_min(), limits::infinity(), -limits::infinity(), limits::quiet_NaN(),
                          -limits::quiet_NaN(), T(542), T(0.5), T(65535)}) {
            values.push_back(v);
        }
        std::uniform_real_distribution<double> uniform(-1e4, 1e4);
        while (values.size() < count) values.push_back(static_cast<T>(uniform(random)));
    } else {
        using limits = std::numeric_limits<T>;
        for (const T v : {limits::min(), static_cast<T>(limits::min() + 1), limits::max(),
                          static_cast<T>(limits::max() - 1), T(0), T(1), T(100), T(127)}) {
            values.push_back(v);
        }
        if (std::is_signed<T>::value) values.push_back(static_cast<T>(-1));
        while (values.size() < count) values.push_back(static_cast<T>(random()));
    }
    return values;
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

/// The reference: (x * s - mean) / std in double, rounded once to float32.
float reference(double x, double s, double mean, double std_dev) {
    return static_cast<float>((x * s - mean) / std_dev);
}

/// The documented bound: |y - R| <= ulp(R) + 2^-48 * (|x * a| + |b|); NaN only where R is NaN; infinities equal.
bool within_bound(float y, float expected, double x, const dlm::affine& affine) {
    if (std::isnan(expected) || std::isnan(y)) return std::isnan(expected) && std::isnan(y);
    if (std::isinf(expected) || std::isinf(y)) return y == expected;
    const float larger = std::max(std::fabs(y), std::fabs(expected));
    const double ulp = static_cast<double>(std::nextafter(larger, std::numeric_limits<float>::infinity())) - larger;
    const double slack = std::ldexp(std::fabs(x * affine.a) + std::fabs(affine.b), -48);
    return std::fabs(static_cast<double>(y) - static_cast<double>(expected)) <= ulp + slack;
}

/// The normalization the typed tests use: three channels from bands 4, 0 and 2 of a 5-band tile.
const std::vector<std::int64_t> test_bands = {4, 0, 2};
const std::vector<double> test_means = {0.0542, -3.5, 1000.0};
const std::vector<double> test_stds = {0.0281, 2.0, 0.37};
constexpr double test_scale = 0.0001;

/// One tile in memory, in a layout with strides (padding between rows and between pixels allowed).
template <class T>
struct test_tile {
    std::size_t height, width, bands, row_stride, pixel_stride, band_stride;
    std::vector<T> samples;

    T& at(std::size_t r, std::size_t c, std::size_t k) { return samples[r * row_stride + c * pixel_stride + k * band_stride]; }
    const T& at(std::size_t r, std::size_t c, std::size_t k) const {
        return samples[r * row_stride + c * pixel_stride + k * band_stride];
    }
    [[nodiscard]] dlm::source_tile view() const {
        return {samples.data(), samples.size() * sizeof(T), height, width, bands, row_stride, pixel_stride, band_stride};
    }
};

enum class layout { sequential, interleaved, padded };

template <class T>
test_tile<T> make_tile(layout kind, std::size_t height, std::size_t width, const std::vector<T>& pool, std::size_t seed) {
    const std::size_t bands = 5;
    test_tile<T> tile{height, width, bands, 0, 0, 0, {}};
    if (kind == layout::sequential) {
        tile.row_stride = width, tile.pixel_stride = 1, tile.band_stride = height * width;
    } else if (kind == layout::interleaved) {
        tile.row_stride = width * bands, tile.pixel_stride = bands, tile.band_stride = 1;
    } else {  // band-interleaved by line with padding: rows of (bands x (width + 3)), plus 2 spare rows
        tile.row_stride = bands * (width + 3), tile.pixel_stride = 1, tile.band_stride = width + 3;
    }
    tile.samples.assign((height + (kind == layout::padded ? 2 : 0)) * width * bands * 2 + 64, pool[0]);
    std::size_t next = seed;
    for (std::size_t r = 0; r < height; ++r) {
        for (std::size_t c = 0; c < width; ++c) {
            for (std::size_t k = 0; k < bands; ++k) tile.at(r, c, k) = pool[next++ % pool.size()];
        }
    }
    return tile;
}

template <class T>
bool is_nodata_sample(T x, const std::optional<T>& nodata, bool nodata_nan) {
    if (nodata_nan) return std::isnan(value_of(x));
    if (!nodata) return false;
    if constexpr (std::is_same<T, half>::value) {
        return value_of(x) == value_of(*nodata);
    } else {
        return x == *nodata;
    }
}

/// Preprocesses a batch of two tiles of `kind` and checks every value (and the mask) against the reference.
/// Returns how many values are bit-identical to it.
template <class T>
std::size_t check_batch(layout kind, const std::optional<T>& nodata, bool nodata_nan, unsigned threads, bool portable,
                        std::size_t& values_checked) {
    const std::vector<T> pool = interesting_values<T>(257);
    const std::size_t height = 4;
    const std::size_t width = 37;  // odd: the vector loops' tails run too
    const test_tile<T> tiles[2] = {make_tile<T>(kind, height, width, pool, 0), make_tile<T>(kind, height, width, pool, 101)};
    std::optional<double> plan_nodata;
    if (nodata_nan) plan_nodata = std::numeric_limits<double>::quiet_NaN();
    if (nodata) plan_nodata = value_of(*nodata);
    dlm::preprocess_plan plan(type_of<T>(), test_bands, test_scale, test_means, test_stds, plan_nodata);
    plan.fill = -7.25f;
    plan.mask = true;
    const std::size_t channels = plan.channels();
    std::vector<float> tensor(2 * channels * height * width, 12345.0f);
    std::vector<std::uint8_t> mask(tensor.size(), 7);
    const dlm::source_tile views[2] = {tiles[0].view(), tiles[1].view()};
    dlm::preprocess(plan, views, 2, {tensor.data(), tensor.size(), mask.data(), mask.size()}, {threads, portable});

    std::size_t exact = 0;
    for (std::size_t n = 0; n < 2; ++n) {
        for (std::size_t c = 0; c < channels; ++c) {
            for (std::size_t r = 0; r < height; ++r) {
                for (std::size_t w = 0; w < width; ++w) {
                    const std::size_t at = ((n * channels + c) * height + r) * width + w;
                    const T x = tiles[n].at(r, w, static_cast<std::size_t>(test_bands[c]));
                    const bool hit = is_nodata_sample(x, nodata, nodata_nan);
                    INFO("tile " << n << " channel " << c << " row " << r << " column " << w << " x " << value_of(x));
                    REQUIRE(static_cast<int>(mask[at]) == (hit ? 0 : 1));
                    if (hit) {
                        REQUIRE(same_bits(tensor[at], plan.fill));
                        ++exact;
                        continue;
                    }
                    const float expected = reference(value_of(x), test_scale, test_means[c], test_stds[c]);
                    INFO("y " << tensor[at] << " reference " << expected);
                    REQUIRE(within_bound(tensor[at], expected, value_of(x), plan.affine[c]));
                    if (same_bits(tensor[at], expected) || (std::isnan(expected) && std::isnan(tensor[at]))) ++exact;
                }
            }
        }
    }
    values_checked += tensor.size();
    return exact;
}

template <class T>
void check_type() {
    const std::vector<T> pool = interesting_values<T>(257);
    std::size_t checked = 0;
    std::size_t exact = 0;
    for (const layout kind : {layout::sequential, layout::interleaved, layout::padded}) {
        for (const unsigned threads : {1u, 3u}) {
            for (const bool portable : {false, true}) {
                exact += check_batch<T>(kind, std::nullopt, false, threads, portable, checked);
                // Nodata: pool[0] (an integer type's minimum, INT64_MIN included; zero for floating types), then
                // pool[5] (1 for integer types; the lowest finite value for floating types).
                exact += check_batch<T>(kind, pool[0], false, threads, portable, checked);
                exact += check_batch<T>(kind, pool[5], false, threads, portable, checked);
                if constexpr (!std::is_integral<T>::value) {
                    exact += check_batch<T>(kind, std::nullopt, true, threads, portable, checked);
                }
            }
        }
    }
    // The bound allows more, but away from cancellation the two formulas almost always round to the same float.
    CHECK(static_cast<double>(exact) >= 0.99 * static_cast<double>(checked));
}

/// A plain tensor for one tile of the given samples (band-sequential, one band, one row).
template <class T>
std::vector<float> run_one_band(const std::vector<T>& samples, const dlm::preprocess_plan& plan) {
    std::vector<float> tensor(samples.size());
    dlm::preprocess(plan, dlm::source_tile::band_sequential(samples.data(), samples.size() * sizeof(T), 1, samples.size(), 1),
                    {tensor.data(), tensor.size()});
    return tensor;
}

std::string error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const dlm::error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

TEST_CASE("preprocess: int8 against the reference, every layout, nodata, extremes", "[preprocess]") { check_type<std::int8_t>(); }
TEST_CASE("preprocess: int16 against the reference, every layout, nodata, extremes", "[preprocess]") { check_type<std::int16_t>(); }
TEST_CASE("preprocess: int32 against the reference, every layout, nodata, extremes", "[preprocess]") { check_type<std::int32_t>(); }
TEST_CASE("preprocess: int64 against the reference, every layout, nodata, extremes", "[preprocess]") { check_type<std::int64_t>(); }
TEST_CASE("preprocess: uint8 against the reference, every layout, nodata, extremes", "[preprocess]") { check_type<std::uint8_t>(); }
TEST_CASE("preprocess: uint16 against the reference, every layout, nodata, extremes", "[preprocess]") { check_type<std::uint16_t>(); }
TEST_CASE("preprocess: uint32 against the reference, every layout, nodata, extremes", "[preprocess]") { check_type<std::uint32_t>(); }
TEST_CASE("preprocess: uint64 against the reference, every layout, nodata, extremes", "[preprocess]") { check_type<std::uint64_t>(); }
TEST_CASE("preprocess: float16 against the reference, every layout, nodata, NaN", "[preprocess]") { check_type<half>(); }
TEST_CASE("preprocess: float32 against the reference, every layout, nodata, NaN", "[preprocess]") { check_type<float>(); }
TEST_CASE("preprocess: float64 against the reference, every layout, nodata, NaN", "[preprocess]") { check_type<double>(); }

TEST_CASE("preprocess: every float16 bit pattern converts exactly", "[preprocess]") {
    std::vector<half> samples;
    for (std::uint32_t bits = 0; bits < 65536; ++bits) samples.push_back(half{static_cast<std::uint16_t>(bits)});
    // The identity affine: y is the sample's value itself, which a float holds exactly.
    const dlm::preprocess_plan plan(dlm::data_type::float16, {0}, 1.0, {0.0}, {1.0});
    const std::vector<float> tensor = run_one_band(samples, plan);
    for (std::uint32_t bits = 0; bits < 65536; ++bits) {
        const double expected = half_value(static_cast<std::uint16_t>(bits));
        INFO("bits " << bits);
        if (std::isnan(expected)) {
            REQUIRE(std::isnan(tensor[bits]));
        } else {
            REQUIRE(static_cast<double>(tensor[bits]) == expected);
            REQUIRE(std::signbit(tensor[bits]) == std::signbit(expected));
        }
    }
}

TEST_CASE("preprocess: 64-bit integers convert correctly rounded, as static_cast<double> does", "[preprocess]") {
    // Identity affine, float64 would be exact; float32 output rounds once more, so compare with the reference.
    const std::vector<std::int64_t> signed_samples = {std::numeric_limits<std::int64_t>::min(), -(std::int64_t(1) << 53) - 1,
                                                      (std::int64_t(1) << 53) + 1, std::numeric_limits<std::int64_t>::max(),
                                                      0x7ffffffffffffdffLL, -0x7ffffffffffffdffLL};
    const dlm::preprocess_plan signed_plan(dlm::data_type::int64, {0}, 1.0, {0.0}, {1.0});
    const std::vector<float> y = run_one_band(signed_samples, signed_plan);
    for (std::size_t i = 0; i < y.size(); ++i) {
        REQUIRE(same_bits(y[i], static_cast<float>(static_cast<double>(signed_samples[i]))));
    }
    const std::vector<std::uint64_t> unsigned_samples = {0, std::numeric_limits<std::uint64_t>::max(),
                                                         0x8000000000000401ULL, 0xfffffffffffff7ffULL};
    const dlm::preprocess_plan unsigned_plan(dlm::data_type::uint64, {0}, 1.0, {0.0}, {1.0});
    const std::vector<float> u = run_one_band(unsigned_samples, unsigned_plan);
    for (std::size_t i = 0; i < u.size(); ++i) {
        REQUIRE(same_bits(u[i], static_cast<float>(static_cast<double>(unsigned_samples[i]))));
    }
}

TEST_CASE("preprocess: nodata matches exact values only", "[preprocess]") {
    SECTION("an integer source ignores a nodata value its type cannot hold") {
        for (const double nodata : {0.5, -1.0, 65536.0, std::numeric_limits<double>::quiet_NaN()}) {
            dlm::preprocess_plan plan(dlm::data_type::uint16, {0}, 1.0, {0.0}, {1.0}, nodata);
            plan.fill = -1.0f;
            const std::vector<float> y = run_one_band(std::vector<std::uint16_t>{0, 1, 65535}, plan);
            CHECK(y == std::vector<float>{0.0f, 1.0f, 65535.0f});
        }
    }
    SECTION("INT64_MIN as nodata, and 2^64 (the double nearest UINT64_MAX) matches no uint64") {
        dlm::preprocess_plan signed_plan(dlm::data_type::int64, {0}, 1.0, {0.0}, {1.0}, -9223372036854775808.0);
        signed_plan.fill = 42.0f;
        const std::vector<float> y = run_one_band(std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::min(),
                                                                            std::numeric_limits<std::int64_t>::min() + 1}, signed_plan);
        CHECK(y[0] == 42.0f);
        CHECK(y[1] == static_cast<float>(-9223372036854775807.0));
        dlm::preprocess_plan unsigned_plan(dlm::data_type::uint64, {0}, 1.0, {0.0}, {1.0}, 18446744073709551616.0);
        unsigned_plan.fill = 42.0f;
        const std::vector<float> u = run_one_band(std::vector<std::uint64_t>{std::numeric_limits<std::uint64_t>::max()}, unsigned_plan);
        CHECK(u[0] == static_cast<float>(18446744073709551615.0));
    }
    SECTION("a NaN sample is nodata only when nodata is NaN; otherwise it stays NaN") {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        dlm::preprocess_plan plan(dlm::data_type::float32, {0}, 2.0, {1.0}, {1.0}, 0.0);
        plan.fill = -9.0f;
        std::vector<float> y = run_one_band(std::vector<float>{nan, 0.0f, -0.0f, 3.0f}, plan);
        CHECK(std::isnan(y[0]));
        CHECK(y[1] == -9.0f);
        CHECK(y[2] == -9.0f);  // -0.0 == 0.0
        CHECK(y[3] == 5.0f);
        plan.nodata = std::numeric_limits<double>::quiet_NaN();
        y = run_one_band(std::vector<float>{nan, -nan, 0.0f}, plan);
        CHECK(y == std::vector<float>{-9.0f, -9.0f, -1.0f});
    }
}

TEST_CASE("preprocess: the plan of the bundled wetland model", "[preprocess]") {
    std::ifstream file(DLM_TEST_DATA_DIR "/../../examples/data/unet-sentinel2-wetland-item.json");
    REQUIRE(file);
    const dlm::model model = dlm::read_model(nlohmann::json::parse(file));
    const dlm::preprocess_plan plan(model);
    CHECK(plan.source_type == dlm::data_type::uint16);
    CHECK(plan.bands == std::vector<std::int64_t>{1, 2, 3, 7});
    REQUIRE(plan.nodata.has_value());
    CHECK(*plan.nodata == 0.0);
    REQUIRE(plan.affine.size() == 4);
    CHECK(plan.affine[0].a == 0.0001 / 0.0281);
    CHECK(plan.affine[0].b == -0.0542 / 0.0281);
    CHECK(plan.affine[3].a == 0.0001 / 0.0845);
    CHECK(plan.affine[3].b == -0.2634 / 0.0845);
    CHECK_FALSE(plan.mask);
    CHECK(plan.fill == 0.0f);
}

TEST_CASE("preprocess: the plan of a deployment view is the plan of the model, affines from one fold", "[preprocess]") {
    std::ifstream file(DLM_TEST_DATA_DIR "/../../examples/data/unet-sentinel2-wetland-item.json");
    REQUIRE(file);
    const nlohmann::json item = nlohmann::json::parse(file);
    const dlm::deployment view = dlm::read_deployment(item);
    const dlm::preprocess_plan from_view(view);
    const dlm::preprocess_plan from_model(dlm::read_model(item));
    CHECK(from_view.source_type == from_model.source_type);
    CHECK(from_view.bands == from_model.bands);
    CHECK(from_view.nodata == from_model.nodata);
    REQUIRE(from_view.affine.size() == view.channels.size());
    for (std::size_t c = 0; c < view.channels.size(); ++c) {
        CHECK(from_view.affine[c] == from_model.affine[c]);
        CHECK(from_view.affine[c] == *view.channels[c].affine);
    }
}

TEST_CASE("preprocess: a plan from a view without an affine or a readable type says where", "[preprocess]") {
    std::ifstream file(DLM_TEST_DATA_DIR "/../../examples/data/unet-sentinel2-wetland-item.json");
    REQUIRE(file);
    const nlohmann::json item = nlohmann::json::parse(file);

    nlohmann::json no_std = item;
    no_std["properties"]["dlm:inputs"]["normalization:std"][2] = 0;
    const dlm::deployment zero_std = dlm::read_deployment(no_std);
    CHECK_FALSE(zero_std.findings.ok());
    try {
        const dlm::preprocess_plan plan(zero_std);
        FAIL("a channel without an affine made a plan");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == zero_std.channels[2].pointer);
        CHECK_THAT(e.reason(), Catch::Contains("channel 2 has no affine"));
    }

    nlohmann::json other = item;
    other["properties"]["dlm:data"]["data_type"] = "other";
    try {
        const dlm::preprocess_plan plan(dlm::read_deployment(other));
        FAIL("a data type without a pixel layout made a plan");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == "/properties/dlm:data/data_type");
    }
}

TEST_CASE("preprocess: a plan from a model refuses what it cannot apply, with a pointer", "[preprocess]") {
    dlm::model model;
    model.data.data_type = dlm::data_type::ushort;
    model.data.nodata = std::string("nan");
    model.inputs.scaling_factor = 1.0;
    model.inputs.selected_bands = {0, 1};
    model.inputs.normalization_mean = {0.0, 1.0};
    model.inputs.normalization_std = {1.0, 2.0};
    const dlm::preprocess_plan plan(model);
    CHECK(plan.source_type == dlm::data_type::ushort);
    REQUIRE(plan.nodata.has_value());
    CHECK(std::isnan(*plan.nodata));

    SECTION("complex types") {
        for (const dlm::data_type type : {dlm::data_type::cint16, dlm::data_type::cint32, dlm::data_type::cfloat32,
                                          dlm::data_type::cfloat64}) {
            model.data.data_type = type;
            CHECK_THAT(error_of([&] { (void)dlm::preprocess_plan(model); }),
                       Catch::StartsWith("/dlm:data/data_type: cannot preprocess the complex data type"));
        }
    }
    SECTION("other and extended precision") {
        model.data.data_type = dlm::data_type::other;
        CHECK_THAT(error_of([&] { (void)dlm::preprocess_plan(model); }), Catch::Contains("\"other\""));
        model.data.data_type = dlm::data_type::float128;
        CHECK_THAT(error_of([&] { (void)dlm::preprocess_plan(model); }), Catch::Contains("extended-precision"));
    }
    SECTION("a nodata string that is not a number") {
        model.data.nodata = std::string("none");
        CHECK(error_of([&] { (void)dlm::preprocess_plan(model); }) ==
              "/dlm:data/nodata: expected a number or one of \"nan\", \"inf\", \"-inf\", found the string \"none\"");
    }
    SECTION("a 64-bit nodata a double cannot hold") {
        model.data.nodata = std::int64_t{9007199254740993};
        CHECK_THAT(error_of([&] { (void)dlm::preprocess_plan(model); }), Catch::StartsWith("/dlm:data/nodata: the nodata value 9007199254740993"));
        model.data.nodata = std::numeric_limits<std::uint64_t>::max();
        CHECK_THAT(error_of([&] { (void)dlm::preprocess_plan(model); }), Catch::StartsWith("/dlm:data/nodata:"));
        model.data.nodata = std::int64_t{-9007199254740992};
        CHECK(*dlm::preprocess_plan(model).nodata == -9007199254740992.0);
    }
    SECTION("lengths that differ, a zero std, a negative band") {
        model.inputs.normalization_mean = {0.0};
        CHECK(error_of([&] { (void)dlm::preprocess_plan(model); }) ==
              "/dlm:inputs/normalization:mean: has 1 entries, but selected_bands has 2");
        model.inputs.normalization_mean = {0.0, 1.0};
        model.inputs.normalization_std = {1.0, 0.0};
        CHECK_THAT(error_of([&] { (void)dlm::preprocess_plan(model); }),
                   Catch::StartsWith("/dlm:inputs/normalization:std/1: a standard deviation of 0"));
        model.inputs.normalization_std = {1.0, 2.0};
        model.inputs.selected_bands = {0, -1};
        CHECK(error_of([&] { (void)dlm::preprocess_plan(model); }) ==
              "/dlm:inputs/selected_bands/1: a band index must be >= 0");
    }
}

TEST_CASE("preprocess: misuse is refused before anything is written", "[preprocess]") {
    std::vector<std::uint16_t> samples(2 * 3 * 4, 7);
    dlm::preprocess_plan plan(dlm::data_type::uint16, {1, 0}, 1.0, {0.0, 0.0}, {1.0, 1.0});
    std::vector<float> tensor(2 * 3 * 4, -1.0f);
    const dlm::tensor_output out{tensor.data(), tensor.size()};
    const auto tile = dlm::source_tile::band_sequential(samples.data(), samples.size() * 2, 3, 4, 2);
    const auto untouched = [&] { return std::all_of(tensor.begin(), tensor.end(), [](float v) { return v == -1.0f; }); };

    SECTION("the output's size") {
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, tile, {tensor.data(), tensor.size() - 1}); }),
                   Catch::Contains("the output holds 23 floats, the tensor has 24"));
    }
    SECTION("a band beyond the tile's") {
        plan.bands[0] = 2;
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, tile, out); }), Catch::Contains("band index 2 is out of range"));
    }
    SECTION("strides that reach beyond the buffer, or overflow") {
        auto bad = tile;
        bad.bytes -= 1;
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, bad, out); }), Catch::Contains("beyond the buffer"));
        bad = tile;
        bad.row_stride = std::numeric_limits<std::size_t>::max() / 2;
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, bad, out); }), Catch::Contains("beyond the buffer"));
    }
    SECTION("misaligned or null data") {
        auto bad = tile;
        bad.data = reinterpret_cast<const char*>(samples.data()) + 1;
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, bad, out); }), Catch::Contains("not aligned"));
        bad.data = nullptr;
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, bad, out); }), Catch::Contains("data is null"));
    }
    SECTION("tiles of different sizes in one batch") {
        const dlm::source_tile tiles[2] = {tile, dlm::source_tile::band_sequential(samples.data(), samples.size() * 2, 4, 3, 2)};
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, tiles, 2, out); }), Catch::Contains("a batch has one height and width"));
    }
    SECTION("a mask asked for and not given") {
        plan.mask = true;
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, tile, out); }), Catch::Contains("the mask holds 0 bytes"));
    }
    SECTION("an unusable plan") {
        plan.affine.pop_back();
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, tile, out); }), Catch::Contains("1 affine maps for 2 bands"));
        plan.affine.push_back({std::numeric_limits<double>::infinity(), 0.0});
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, tile, out); }), Catch::Contains("not finite"));
        plan.source_type = dlm::data_type::cfloat32;
        CHECK_THAT(error_of([&] { dlm::preprocess(plan, tile, out); }), Catch::Contains("complex data type \"cfloat32\""));
        CHECK_FALSE(dlm::affine::fold(1.0, 0.0, 0.0));
    CHECK_FALSE(dlm::affine::fold(1e300, 0.0, 1e-300));
    CHECK(dlm::affine::fold(2.0, 1.0, 4.0) == dlm::affine{0.5, -0.25});
    }
    CHECK(untouched());
}

TEST_CASE("preprocess: threads and batches give the same tensor as one thread", "[preprocess]") {
    const std::size_t height = 67;
    const std::size_t width = 45;
    std::vector<std::int16_t> samples(3 * 13 * height * width);
    std::mt19937 random(7);
    for (auto& s : samples) s = static_cast<std::int16_t>(random());
    const dlm::preprocess_plan plan(dlm::data_type::int16, {12, 3, 5, 0}, 1.0 / 255, {0.1, 0.2, 0.3, 0.4}, {1.5, 2.5, 3.5, 4.5}, -1.0);
    std::vector<dlm::source_tile> tiles;
    for (std::size_t n = 0; n < 3; ++n) {
        tiles.push_back(dlm::source_tile::band_interleaved(samples.data() + n * 13 * height * width,
                                                           13 * height * width * 2, height, width, 13));
    }
    std::vector<float> one(3 * 4 * height * width);
    dlm::preprocess(plan, tiles.data(), tiles.size(), {one.data(), one.size()}, {1});
    for (const unsigned threads : {2u, 5u, 1000u}) {
        std::vector<float> many(one.size());
        dlm::preprocess(plan, tiles.data(), tiles.size(), {many.data(), many.size()}, {threads});
        CHECK(std::memcmp(one.data(), many.data(), one.size() * sizeof(float)) == 0);
    }
    // Threads that fail to start (every other one): their rows run on the calling thread, nothing is lost.
    std::size_t attempts = 0;
    const auto flaky = [&attempts](auto&& work) {
        if (attempts++ % 2 == 0) throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again));
        return std::thread(std::forward<decltype(work)>(work));
    };
    for (const unsigned threads : {2u, 4u, 7u}) {
        std::vector<float> some(one.size(), -1.0f);
        dlm::detail::preprocess_with(plan, tiles.data(), tiles.size(), {some.data(), some.size()}, {threads}, flaky);
        CHECK(std::memcmp(one.data(), some.data(), one.size() * sizeof(float)) == 0);
    }
    CHECK(attempts == 1 + 3 + 6);
    // Tile 1 alone is the second third of the batch.
    std::vector<float> single(4 * height * width);
    dlm::preprocess(plan, tiles[1], {single.data(), single.size()});
    CHECK(std::memcmp(single.data(), one.data() + single.size(), single.size() * sizeof(float)) == 0);
}

}  // namespace dlm_test_preprocess
