// dlm's preprocessing benchmark: one realistic tile (13 uint16 bands of SIZE x SIZE, band-sequential, about 1% of
// the samples nodata) becomes the 4-channel float32 tensor of the bundled wetland model (bands 1, 2, 3, 7), side by
// side in one run with memcpy of the same bytes (the physical limit) and with the numpy expression a Python user
// writes (when some python3 has numpy; skipped otherwise).
//
// Input bytes = the bytes of the selected bands that are read: 4 x SIZE x SIZE x 2 (33.6 MB for SIZE = 2048), the
// same for every row; GB/s = 1e9 bytes per second. Each figure is the median over REPETITIONS passes, the rows
// interleaved within each repetition; wall-clock and CPU time (of the whole process) are both shown, and the ratios
// are of CPU time, which a busy shared machine disturbs less.
//
//     dlm_bench_preprocess [repetitions = 9] [size = 2048]

#include <dlm/preprocess.hpp>
#include <dlm/version.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// The process's CPU time (all threads), in seconds.
double cpu_seconds() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

/// Wall-clock and CPU seconds of one run of `step`.
struct timing {
    double wall;
    double cpu;
};

timing time_once(const std::function<void()>& step) {
    const auto start = clock_type::now();
    const double cpu_start = cpu_seconds();
    step();
    const double cpu = cpu_seconds() - cpu_start;
    return {std::chrono::duration<double>(clock_type::now() - start).count(), cpu};
}

constexpr int tile_bands = 13;
const std::vector<std::int64_t> selected = {1, 2, 3, 7};
const std::vector<double> means = {0.0542, 0.0812, 0.0753, 0.2634};
const std::vector<double> stds = {0.0281, 0.0343, 0.0478, 0.0845};
constexpr double scaling_factor = 0.0001;

/// The numpy comparison: builds the same kind of tile, runs the expression REPS times, prints the median seconds,
/// then numpy's version and location. argv: size, repetitions.
const char* numpy_script = R"PY(
import sys, time, numpy as np
size, reps = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(1)
x = rng.integers(1, 10000, size=(13, size, size), dtype=np.uint16)
x[:, ::97, :] = 0
sel = [1, 2, 3, 7]
s = 0.0001
mean = np.array([0.0542, 0.0812, 0.0753, 0.2634], dtype=np.float32)
std = np.array([0.0281, 0.0343, 0.0478, 0.0845], dtype=np.float32)
times, cpus = [], []
for _ in range(reps + 1):
    t, c = time.perf_counter(), time.process_time()
    y = (x[sel].astype(np.float32) * s - mean[:, None, None]) / std[:, None, None]
    times.append(time.perf_counter() - t)
    cpus.append(time.process_time() - c)
times, cpus = sorted(times[1:]), sorted(cpus[1:])
print(times[len(times) // 2], cpus[len(cpus) // 2], y.dtype, y.shape)
print(np.__version__, np.__file__)
)PY";

struct numpy_result {
    bool ran = false;
    double seconds = 0;
    double cpu = 0;
    std::string interpreter;
    std::string version;
};

/// Runs the numpy script with the first interpreter (python3 on PATH, then Debian's /usr/bin/python3) that imports
/// numpy.
numpy_result run_numpy(std::size_t size, int repetitions) {
    numpy_result result;
    for (const char* python : {"python3", "/usr/bin/python3"}) {
        const std::string probe = std::string(python) + " -c 'import numpy' >/dev/null 2>&1";
        if (std::system(probe.c_str()) != 0) continue;
        std::string escaped;
        for (const char c : std::string(numpy_script)) escaped += c == '\'' ? std::string("'\\''") : std::string(1, c);
        const std::string command = std::string(python) + " -c '" + escaped + "' " + std::to_string(size) + " " +
                                    std::to_string(repetitions);
        FILE* pipe = popen(command.c_str(), "r");
        if (pipe == nullptr) continue;
        char line1[512] = {0};
        char line2[512] = {0};
        const bool read = std::fgets(line1, sizeof line1, pipe) != nullptr && std::fgets(line2, sizeof line2, pipe) != nullptr;
        if (pclose(pipe) != 0 || !read) continue;
        result.ran = true;
        char* end = nullptr;
        result.seconds = std::strtod(line1, &end);
        result.cpu = std::strtod(end, nullptr);
        result.interpreter = python;
        result.version = line2;
        if (!result.version.empty() && result.version.back() == '\n') result.version.pop_back();
        return result;
    }
    return result;
}

}  // namespace

int main(int argc, char** argv) try {
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
    const std::size_t size = argc > 2 ? static_cast<std::size_t>(std::max(16, std::atoi(argv[2]))) : 2048;
    const std::size_t plane = size * size;
    const double input_bytes = static_cast<double>(selected.size() * plane * sizeof(std::uint16_t));

    // The tile, band-sequential (CHW) and band-interleaved (HWC): values 1..9999, every 97th row nodata (0).
    std::vector<std::uint16_t> chw(tile_bands * plane);
    std::uint32_t state = 12345;
    for (std::size_t i = 0; i < chw.size(); ++i) {
        state = state * 1664525u + 1013904223u;
        chw[i] = static_cast<std::uint16_t>(1 + (state >> 8) % 9999);
    }
    for (std::size_t band = 0; band < tile_bands; ++band) {
        for (std::size_t row = 0; row < size; row += 97) {
            std::fill_n(chw.begin() + static_cast<std::ptrdiff_t>(band * plane + row * size), size, std::uint16_t{0});
        }
    }
    std::vector<std::uint16_t> hwc(chw.size());
    for (std::size_t band = 0; band < tile_bands; ++band) {
        for (std::size_t p = 0; p < plane; ++p) hwc[p * tile_bands + band] = chw[band * plane + p];
    }

    const dlm::preprocess_plan plan(dlm::data_type::uint16, selected, scaling_factor, means, stds, 0.0);
    std::vector<float> tensor(selected.size() * plane, 1.0f);  // touched: page faults are not measured
    std::vector<std::uint16_t> copy(selected.size() * plane, 1);
    const dlm::source_tile tile_chw = dlm::source_tile::band_sequential(chw.data(), chw.size() * 2, size, size, tile_bands);
    const dlm::source_tile tile_hwc = dlm::source_tile::band_interleaved(hwc.data(), hwc.size() * 2, size, size, tile_bands);
    const dlm::tensor_output out{tensor.data(), tensor.size()};

    // Correctness first: a sample of values against the reference formula.
    dlm::preprocess(plan, tile_chw, out);
    for (std::size_t i = 0; i < tensor.size(); i += 4099) {
        const std::size_t c = i / plane;
        const std::uint16_t x = chw[static_cast<std::size_t>(selected[c]) * plane + i % plane];
        const double reference = x == 0 ? 0.0 : (x * scaling_factor - means[c]) / stds[c];
        if (std::fabs(tensor[i] - reference) > 1e-5 * (1 + std::fabs(reference))) {
            throw std::runtime_error("wrong value at " + std::to_string(i));
        }
    }

    struct row {
        const char* name;
        std::function<void()> step;
        std::vector<double> seconds;
        std::vector<double> cpu;
    };
    std::vector<row> rows;
    rows.push_back({"memcpy of the same bytes (4 planes)", [&] {
                        for (std::size_t c = 0; c < selected.size(); ++c) {
                            std::memcpy(copy.data() + c * plane, chw.data() + static_cast<std::size_t>(selected[c]) * plane,
                                        plane * sizeof(std::uint16_t));
                        }
                    }, {}, {}});
    rows.push_back({"dlm::preprocess, band-sequential, 1 thread", [&] { dlm::preprocess(plan, tile_chw, out, {1}); }, {}, {}});
    rows.push_back({"dlm::preprocess, band-sequential, 2 threads", [&] { dlm::preprocess(plan, tile_chw, out, {2}); }, {}, {}});
    rows.push_back({"dlm::preprocess, band-sequential, 1 thread, SSE2", [&] {
                        dlm::preprocess(plan, tile_chw, out, {1, /*portable=*/true});
                    }, {}, {}});
    rows.push_back({"dlm::preprocess, band-interleaved, 1 thread", [&] { dlm::preprocess(plan, tile_hwc, out, {1}); }, {}, {}});
    rows.push_back({"dlm::preprocess, band-interleaved, 2 threads", [&] { dlm::preprocess(plan, tile_hwc, out, {2}); }, {}, {}});
    for (row& r : rows) r.step();  // warm up
    for (int rep = 0; rep < repetitions; ++rep) {
        for (row& r : rows) {
            const timing t = time_once(r.step);
            r.seconds.push_back(t.wall);
            r.cpu.push_back(t.cpu);
        }
    }
    const numpy_result numpy = run_numpy(size, repetitions);

#if defined(__OPTIMIZE__)
    const char* optimised = "yes";
#else
    const char* optimised = "NO (configure with -DCMAKE_BUILD_TYPE=Release)";
#endif
    double load[1] = {0};
    if (getloadavg(load, 1) != 1) load[0] = -1;
    std::printf("dlm %s preprocessing benchmark\n", std::string(dlm::library_version).c_str());
    std::printf("  hardware threads: %u; load average: %.1f; optimised build: %s; compiler: %s\n",
                std::max(1u, std::thread::hardware_concurrency()), load[0], optimised, __VERSION__);
    std::printf("  tile: 13 uint16 bands of %zu x %zu, bands 1,2,3,7 selected, nodata 0 (every 97th row)\n", size, size);
    std::printf("  input bytes: the selected bands read, 4 x %zu x %zu x 2 = %.1f MB; medians of %d repetitions\n\n",
                size, size, input_bytes / 1e6, repetitions);
    // Ratios: of CPU time, which a busy shared machine disturbs less than wall time (for 2 threads, CPU time is the
    // work of both: the wall-clock columns show the speed-up).
    const double memcpy_cpu = median(rows[0].cpu);
    std::printf("  %-50s %9s %9s %9s %9s %11s %11s\n", "step", "wall ms", "GB/s", "CPU ms", "GB/CPU-s", "vs. memcpy",
                "vs. numpy");
    const auto print = [&](const char* name, double seconds, double cpu) {
        char versus_numpy[32] = "-";
        if (numpy.ran) std::snprintf(versus_numpy, sizeof versus_numpy, "%.2fx", numpy.cpu / cpu);
        std::printf("  %-50s %9.2f %9.2f %9.2f %9.2f %10.2fx %11s\n", name, seconds * 1e3, input_bytes / seconds / 1e9,
                    cpu * 1e3, input_bytes / cpu / 1e9, memcpy_cpu / cpu, versus_numpy);
    };
    for (const row& r : rows) print(r.name, median(r.seconds), median(r.cpu));
    if (numpy.ran) {
        print("numpy (x[sel].astype(float32) * s - mean) / std", numpy.seconds, numpy.cpu);
        std::printf("\n  numpy %s, run by %s\n", numpy.version.c_str(), numpy.interpreter.c_str());
    } else {
        std::printf("\n  numpy: skipped (no python3 with numpy; on Debian: apt-get install python3-numpy)\n");
    }
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "dlm_bench_preprocess: %s\n", e.what());
    return 1;
}
