// dlm's benchmark program: parse, conversion to the typed model, validation (one thread and all cores), validator
// construction, and the `dlm validate` tool on NDJSON streams. It generates its own corpus from the example Item and
// Collection in tests/data/valid (ids, numbers, band and class counts vary), checks that every document is valid, then
// prints one table of medians.
//
//     dlm_bench [documents per repetition = 2000] [repetitions = 5] [CLI stream sizes = 10000,100000 | 0 to skip]
//               [FILE: also write the corpus there as NDJSON, for tests/bench/ajv]

#include <dlm/dlm.hpp>

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point start) {
    return std::chrono::duration<double>(clock_type::now() - start).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    return nlohmann::json::parse(in);
}

// ---- corpus ----------------------------------------------------------------------------------------------------------

struct band {
    const char* name;
    const char* common_name;
    double center_wavelength;
};

// Sentinel-2 MSI bands; an Item uses the first N of them.
constexpr band sentinel2_bands[] = {
    {"B01", "coastal", 0.443}, {"B02", "blue", 0.49},     {"B03", "green", 0.56},    {"B04", "red", 0.665},
    {"B05", "rededge", 0.704}, {"B06", "rededge", 0.74},  {"B07", "rededge", 0.783}, {"B08", "nir", 0.842},
    {"B8A", "nir08", 0.865},   {"B09", "nir09", 0.945},   {"B11", "swir16", 1.61},   {"B12", "swir22", 2.19},
};
constexpr int band_table_size = static_cast<int>(sizeof sentinel2_bands / sizeof sentinel2_bands[0]);

constexpr const char* class_names[] = {"other", "open water", "marsh", "peatland", "swamp", "bog", "fen", "shallow water"};
constexpr const char* architectures[] = {"UNet", "UNet++", "DeepLabv3+", "LinkNet", "FPN", "PSPNet"};
constexpr const char* frameworks[] = {"PyTorch", "TensorFlow", "ONNX"};

/// The extensions every generated document declares: dlm, scientific v1.0.0, eo v1.1.0, version v1.0.0.
nlohmann::json declared_extensions() {
    return nlohmann::json::array({std::string(dlm::extension_identifier),
                                  "https://stac-extensions.github.io/scientific/v1.0.0/schema.json",
                                  "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
                                  "https://stac-extensions.github.io/version/v1.0.0/schema.json"});
}

nlohmann::json band_list(int count) {
    nlohmann::json bands = nlohmann::json::array();
    for (int b = 0; b < count; ++b) {
        const band& s = sentinel2_bands[b];
        bands.push_back({{"name", s.name}, {"common_name", s.common_name}, {"center_wavelength", s.center_wavelength}});
    }
    return bands;
}

/// A layer summary like a framework prints: one line per block, with output shapes and parameter counts.
std::string layer_summary(std::mt19937& rng, int inputs, int classes, int depth) {
    std::ostringstream out;
    int channels = inputs;
    int width = 64;
    for (int level = 0; level < depth; ++level) {
        out << "enc" << level << ": Conv2d(" << channels << "," << width << ",3)-BN-ReLU x2 [" << width * 9 * (channels + width)
            << "]; ";
        channels = width;
        width *= 2;
    }
    out << "bottleneck: " << width << "; ";
    for (int level = depth - 1; level >= 0; --level) {
        width /= 2;
        out << "dec" << level << ": ConvT2d(" << width * 2 << "," << width << ",2)-Conv-BN-ReLU x2 [" << (rng() % 900000 + 1000)
            << "]; ";
    }
    out << "head: Conv2d(64," << classes << ",1)";
    return out.str();
}

/// Every 50th document of the corpus is a Collection, the others Items.
bool is_collection(std::size_t index) { return index % 50 == 49; }

/// Document `index`: an Item, or a Collection when `collection`; the id, numbers and band and class counts vary.
std::string make_document(const nlohmann::json& item_template, const nlohmann::json& collection_template, std::size_t index,
                          bool collection) {
    std::mt19937 rng(static_cast<std::mt19937::result_type>(index * 2654435761u + 17));
    auto pick = [&rng](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    auto real = [&rng](double lo, double hi) { return lo + (hi - lo) * std::uniform_real_distribution<double>(0, 1)(rng); };

    nlohmann::json doc = collection ? collection_template : item_template;
    const std::string id = (collection ? "land-cover-models-" : "model-") + std::to_string(index);
    doc["id"] = id;
    doc["stac_extensions"] = declared_extensions();

    const int bands = pick(4, band_table_size);
    const int selected = pick(3, std::min(bands, 6));
    const int classes = pick(2, 8);
    nlohmann::json selected_bands = nlohmann::json::array();
    nlohmann::json useful_bands = nlohmann::json::array();
    nlohmann::json means = nlohmann::json::array();
    nlohmann::json stds = nlohmann::json::array();
    for (int s = 0; s < selected; ++s) {
        const int b = bands - selected + s;  // the last `selected` bands
        selected_bands.push_back(b);
        useful_bands.push_back({{"index", b}, {"name", sentinel2_bands[b].name}});
        means.push_back(std::round(real(0.01, 0.4) * 1e4) / 1e4);
        stds.push_back(std::round(real(0.01, 0.1) * 1e4) / 1e4);
    }
    nlohmann::json mapping = nlohmann::json::array();
    for (int c = 0; c < classes; ++c) mapping.push_back({{"index", c}, {"class_name", class_names[c]}});
    const int side = 64 << pick(1, 3);

    nlohmann::json& fields = collection ? doc : doc["properties"];
    fields.erase("processing:level");
    fields.erase("processing:software");
    fields["title"] = std::string(architectures[index % 6]) + " segmentation model " + std::to_string(index);
    fields["version"] = std::to_string(pick(0, 3)) + "." + std::to_string(pick(0, 20)) + "." + std::to_string(pick(0, 9));
    fields["sci:doi"] = "10.5281/zenodo." + std::to_string(6000000 + index);
    nlohmann::json& data = fields["dlm:data"];
    data["number_of_bands"] = bands;
    data["useful_bands"] = useful_bands;
    nlohmann::json& inputs = fields["dlm:inputs"];
    inputs["input_tensors"] = {{"batch", pick(1, 16)}, {"dim", selected}, {"height", side}, {"width", side}};
    inputs["normalization:mean"] = means;
    inputs["normalization:std"] = stds;
    inputs["selected_bands"] = selected_bands;
    nlohmann::json& architecture = fields["dlm:architecture"];
    architecture["total_nb_parameters"] = pick(1000000, 60000000);
    architecture["estimated_total_size_mb"] = std::round(real(4, 240) * 10) / 10;
    architecture["type"] = architectures[index % 6];
    architecture["summary"] = layer_summary(rng, selected, classes, pick(3, 5));
    fields["dlm:runtime"]["framework"] = frameworks[index % 3];
    nlohmann::json& outputs = fields["dlm:outputs"];
    outputs["number_of_classes"] = classes;
    outputs["final_layer_size"] = {1, classes, side, side};
    outputs["class_name_mapping"] = mapping;

    if (collection) {
        doc["summaries"]["eo:bands"] = band_list(bands);
    } else {
        nlohmann::json& properties = doc["properties"];
        properties["eo:bands"] = band_list(bands);
        const double west = std::round(real(-170, 150) * 100) / 100;
        const double south = std::round(real(-60, 50) * 100) / 100;
        const double east = west + std::round(real(1, 20) * 100) / 100;
        const double north = south + std::round(real(1, 20) * 100) / 100;
        doc["bbox"] = {west, south, east, north};
        doc["geometry"]["coordinates"] = {{{west, south}, {east, south}, {east, north}, {west, north}, {west, south}}};
        properties["datetime"] = "202" + std::to_string(pick(0, 5)) + "-0" + std::to_string(pick(1, 9)) + "-1" +
                                 std::to_string(pick(0, 9)) + "T00:00:00Z";
        const std::string base = "https://models.example.org/stac/collections/wetland-models/items/" + id;
        doc["links"][0]["href"] = base + ".json";
        doc["assets"]["model"]["href"] = "https://zenodo.org/record/" + std::to_string(6000000 + index) + "/files/" + id + ".pt";
        nlohmann::json& sample = doc["assets"]["sample-input"];
        sample["eo:bands"] = nlohmann::json::array();
        for (int b : selected_bands) sample["eo:bands"].push_back(band_list(band_table_size)[static_cast<std::size_t>(b)]);
    }
    return doc.dump();
}

// ---- measurements ----------------------------------------------------------------------------------------------------

struct measurement {
    double seconds = 0;  // median time for one pass over the corpus
    double ratio = 1;    // median per-repetition ratio to the reference pass of the same repetition (see measure*)
    std::size_t documents = 0;
    std::size_t bytes = 0;

    double docs_per_second() const { return static_cast<double>(documents) / seconds; }
    double mb_per_second() const { return static_cast<double>(bytes) / 1e6 / seconds; }
};

std::atomic<std::size_t> sink{0};  // keeps results observable so no pass is optimised away

using step_function = std::function<void(const std::string&)>;

/// Times every step once per repetition, the steps interleaved, so that a burst of load on this shared machine
/// slows one repetition of every step rather than every repetition of one step. steps[0] is the floor: each step's
/// ratio is the median of its per-repetition ratios to the floor.
std::vector<measurement> measure(const std::vector<std::string>& corpus, int repetitions,
                                 const std::vector<step_function>& steps) {
    std::vector<measurement> out(steps.size());
    std::vector<std::vector<double>> times(steps.size());
    for (auto& m : out) {
        m.documents = corpus.size();
        for (const auto& text : corpus) m.bytes += text.size();
    }
    for (const auto& step : steps) {
        for (const auto& text : corpus) step(text);  // warm-up pass
    }
    for (int r = 0; r < repetitions; ++r) {
        for (std::size_t s = 0; s < steps.size(); ++s) {
            const auto start = clock_type::now();
            for (const auto& text : corpus) steps[s](text);
            times[s].push_back(seconds_since(start));
        }
    }
    for (std::size_t s = 0; s < steps.size(); ++s) {
        out[s].seconds = median(times[s]);
        std::vector<double> ratios;
        for (int r = 0; r < repetitions; ++r) ratios.push_back(times[s][r] / times[0][r]);
        out[s].ratio = median(ratios);
    }
    return out;
}

/// validate_text over the corpus on `threads` threads, each repetition timed right after the same pass on one thread:
/// `ratio` is the median per-repetition speed-up (one thread's time / this time).
measurement measure_threads(const std::vector<std::string>& corpus, int repetitions, unsigned threads,
                            const dlm::validator& validator) {
    measurement m;
    for (const auto& text : corpus) m.bytes += text.size();
    m.documents = corpus.size();
    const auto pass = [&](unsigned count) {
        std::atomic<std::size_t> next{0};
        const auto start = clock_type::now();
        std::vector<std::thread> workers;
        for (unsigned t = 0; t < count; ++t) {
            workers.emplace_back([&] {
                std::size_t errors = 0;
                for (std::size_t i = next.fetch_add(1); i < corpus.size(); i = next.fetch_add(1)) {
                    errors += validator.validate_text(corpus[i]).errors.size();
                }
                sink += errors;
            });
        }
        for (auto& w : workers) w.join();
        return seconds_since(start);
    };
    pass(threads);  // warms each thread's regex caches
    std::vector<double> times;
    std::vector<double> speedups;
    for (int r = 0; r < repetitions; ++r) {
        const double one = pass(1);
        times.push_back(pass(threads));
        speedups.push_back(one / times.back());
    }
    m.seconds = median(times);
    m.ratio = median(speedups);
    return m;
}

#ifdef DLM_CLI_PATH  // the CLI stream rows need the `dlm` tool (built with the examples)
struct cli_run {
    double seconds = 0;
    long peak_kb = 0;
    int status = 0;
};

/// Runs `command` through the shell; wall time and the child's peak RSS come from /usr/bin/time when it exists,
/// else from the clock and getrusage(RUSAGE_CHILDREN) (the largest child so far, so run the small stream first).
cli_run run_timed(const std::string& command) {
    cli_run out;
    const bool have_time = access("/usr/bin/time", X_OK) == 0;
    if (have_time) {
        char name[] = "/tmp/dlm-bench-time-XXXXXX";
        const int fd = mkstemp(name);
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        close(fd);
        const std::string wrapped = "/usr/bin/time -f '%e %M' -o " + std::string(name) + " " + command;
        const int status = std::system(wrapped.c_str());
        out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        std::ifstream in(name);
        in >> out.seconds >> out.peak_kb;
        std::remove(name);
    } else {
        const auto start = clock_type::now();
        const int status = std::system(command.c_str());
        out.seconds = seconds_since(start);
        out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        rusage usage{};
        getrusage(RUSAGE_CHILDREN, &usage);
        out.peak_kb = usage.ru_maxrss;
    }
    return out;
}
#endif

void row(const std::string& what, const std::string& value, const std::string& note = "") {
    std::printf("  %-46s %22s   %s\n", what.c_str(), value.c_str(), note.c_str());
}

std::string format(const char* pattern, double value) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, value);
    return buffer;
}

std::string verdict(bool met) { return met ? "[met]" : "[NOT met]"; }

std::size_t parse_count(const char* text, const char* what) {
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text, &end, 10);
    if (end == text || *end != '\0') throw std::runtime_error(std::string("bad ") + what + ": " + text);
    return static_cast<std::size_t>(value);
}

}  // namespace

int main(int argc, char** argv) try {
    const std::size_t corpus_size = argc > 1 ? parse_count(argv[1], "document count") : 2000;
    const int repetitions = argc > 2 ? static_cast<int>(parse_count(argv[2], "repetition count")) : 5;
    std::vector<std::size_t> stream_sizes = {10000, 100000};
    if (argc > 3) {
        stream_sizes.clear();
        std::stringstream list(argv[3]);
        for (std::string part; std::getline(list, part, ',');) {
            if (const std::size_t n = parse_count(part.c_str(), "stream size")) stream_sizes.push_back(n);
        }
    }

    const std::string data_dir = DLM_BENCH_DATA_DIR;
    const nlohmann::json item_template = read_json(data_dir + "/valid/item-unet-sentinel2-wetland-segmentation.json");
    const nlohmann::json collection_template = read_json(data_dir + "/valid/collection-deeplabv3-landsat-land-cover.json");

    std::vector<std::string> corpus;
    std::size_t corpus_bytes = 0, smallest = SIZE_MAX, largest = 0, collections = 0;
    for (std::size_t i = 0; i < corpus_size; ++i) {
        corpus.push_back(make_document(item_template, collection_template, i, is_collection(i)));
        corpus_bytes += corpus.back().size();
        smallest = std::min(smallest, corpus.back().size());
        largest = std::max(largest, corpus.back().size());
        if (is_collection(i)) ++collections;
    }

    if (argc > 4) {
        std::ofstream out(argv[4], std::ios::binary);
        for (const auto& text : corpus) out << text << '\n';
        if (!out) throw std::runtime_error(std::string("cannot write the corpus to ") + argv[4]);
    }

    // 5. construction (first, so nothing else is warm)
    std::vector<double> construction;
    for (int r = 0; r < 10; ++r) {
        const auto start = clock_type::now();
        const dlm::validator v;
        construction.push_back(seconds_since(start));
    }
    const double construction_ms = median(construction) * 1e3;

    const dlm::validator validator;
    std::size_t invalid = 0;
    for (const auto& text : corpus) {
        const dlm::report r = validator.validate_text(text);
        if (!r.ok() || !r.warnings.empty()) {
            if (invalid++ == 0) {
                for (const auto& f : r.errors) std::cerr << "generated document not clean: " << f.pointer << ": " << f.message << " [" << f.rule << "]\n";
                for (const auto& f : r.warnings) std::cerr << "generated document warns: " << f.pointer << ": " << f.message << " [" << f.rule << "]\n";
            }
        }
    }

    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
#if defined(__OPTIMIZE__)
    const char* optimised = "yes";
#else
    const char* optimised = "NO (configure with -DCMAKE_BUILD_TYPE=Release)";
#endif
    std::printf("dlm %s benchmark\n", std::string(dlm::library_version).c_str());
    double load[1] = {0};
    if (getloadavg(load, 1) != 1) load[0] = -1;
    std::printf("  hardware threads: %u; load average: %.1f; optimised build: %s; compiler: %s\n", cores, load[0], optimised,
                __VERSION__);
    std::printf("  corpus: %zu documents (%zu Collections), %.2f MB, %zu..%zu bytes each (mean %zu); %zu not clean\n",
                corpus.size(), collections, static_cast<double>(corpus_bytes) / 1e6, smallest, largest,
                corpus_bytes / std::max<std::size_t>(1, corpus.size()), invalid);
    std::printf("  medians over %d repetitions of one pass over the corpus; steps 1-3 interleaved, ratios per repetition\n\n",
                repetitions);

    // 1. parse only (the floor), 2. parse + typed model, 3. parse + validation: interleaved, ratios per repetition.
    const step_function parse_only = [](const std::string& text) { sink += nlohmann::json::parse(text).size(); };
    const step_function validate = [&validator](const std::string& text) {
        sink += validator.validate_text(text).errors.size();
    };
    const std::vector<measurement> steps = measure(corpus, repetitions, {
        parse_only,
        [](const std::string& text) { sink += dlm::parse(text).document->size(); },
        [](const std::string& text) { sink += dlm::read_model(nlohmann::json::parse(text)).outputs.final_layer_size.size(); },
        [](const std::string& text) { sink += dlm::read_model(*dlm::parse(text).document).outputs.final_layer_size.size(); },
        validate,
    });
    const measurement& floor = steps[0];
    const measurement& hardened = steps[1];
    const measurement& conversion = steps[2];
    const measurement& hardened_conversion = steps[3];
    const measurement& validation = steps[4];
    // 3b. the same corpus with one schema error per document (what an ingest service rejects): the yes/no pass fails,
    // then valijson explains the failure.
    std::vector<std::string> damaged_corpus;
    for (const auto& text : corpus) {
        nlohmann::json doc = nlohmann::json::parse(text);
        nlohmann::json& fields = doc.at("type") == "Feature" ? doc.at("properties") : doc;
        fields.at("dlm:inputs")["scaling_factor"] = "not a number";
        damaged_corpus.push_back(doc.dump());
    }
    const std::vector<measurement> damaged_steps = measure(damaged_corpus, repetitions, {parse_only, validate});
    const measurement& rejection = damaged_steps[1];
    // 4. all cores
    const measurement parallel = measure_threads(corpus, repetitions, cores, validator);
    const measurement two = cores == 2 ? parallel : measure_threads(corpus, repetitions, 2, validator);

    auto line = [](const measurement& m) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%8.1f MB/s %9.0f docs/s", m.mb_per_second(), m.docs_per_second());
        return std::string(buffer);
    };
    auto ratio = [](const measurement& m) { return m.ratio; };

    std::printf("  %-46s %22s   %s\n", "step", "throughput", "vs. nlohmann::json::parse / target");
    row("1. nlohmann::json::parse (floor)", line(floor), "1.00x");
    row("1. dlm::parse (hardened reader)", line(hardened), format("%.2fx", ratio(hardened)));
    row("2. json::parse + dlm::read_model", line(conversion),
        format("%.2fx", ratio(conversion)) + "  target <= 1.5x " + verdict(ratio(conversion) <= 1.5));
    row("2. dlm::parse + dlm::read_model", line(hardened_conversion), format("%.2fx", ratio(hardened_conversion)));
    row("3. validator.validate_text (1 thread)", line(validation),
        format("%.2fx", ratio(validation)) + "  target <= 3x " + verdict(ratio(validation) <= 3));
    row("3b. the same, one schema error per document", line(rejection), format("%.2fx", ratio(rejection)));
    if (cores != 2) {
        row("4. validate_text on " + std::to_string(cores) + " threads", line(parallel),
            format("speed-up %.2fx", parallel.ratio));
    }
    row("4. validate_text on 2 threads", line(two),
        format("speed-up %.2fx", two.ratio) + "  target >= 1.8x " + verdict(two.ratio >= 1.8));
    row("5. dlm::validator construction (median of 10)", format("%.1f ms", construction_ms),
        "target < 50 ms " + verdict(construction_ms < 50));

#ifdef DLM_CLI_PATH
    for (const std::size_t n : stream_sizes) {
        char name[] = "/tmp/dlm-bench-stream-XXXXXX";
        const int fd = mkstemp(name);
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        close(fd);
        std::size_t stream_bytes = 0;
        {
            std::ofstream out(name, std::ios::binary);
            for (std::size_t i = 0; i < n; ++i) {
                const std::string text = make_document(item_template, collection_template, i, false);  // Items only
                stream_bytes += text.size() + 1;
                out << text << '\n';
            }
        }
        const cli_run run = run_timed(std::string("'") + DLM_CLI_PATH + "' validate --format json - < " + name + " > /dev/null");
        std::remove(name);
        char value[64];
        std::snprintf(value, sizeof value, "%9.0f docs/s", static_cast<double>(n) / run.seconds);
        char note[160];
        std::snprintf(note, sizeof note, "%.1f s, %.0f MB stream, peak RSS %.1f MB, exit %d", run.seconds,
                      static_cast<double>(stream_bytes) / 1e6, static_cast<double>(run.peak_kb) / 1024, run.status);
        row("6. dlm validate --format json - (" + std::to_string(n) + " Items)", value, note);
    }
#else
    static_cast<void>(stream_sizes);
    row("6. dlm validate", "skipped", "(the dlm_cli target was not built)");
#endif
    return invalid == 0 ? 0 : 1;
} catch (const std::exception& e) {
    std::cerr << "dlm_bench: " << e.what() << '\n';
    return 2;
}
