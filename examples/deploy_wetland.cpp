// Deploys a model end to end, as an inference service would: read the model's Item into its deployment view, match
// the view against an imagery Item (which asset and band feeds each channel), build the preprocessing plan from the
// view (bands, source type, nodata, one affine per channel), make a synthetic source tile of the model's input size,
// preprocess it into the float32 NCHW tensor, and print the tensor's shape and a few values beside the formula.
//
// usage: deploy_wetland [MODEL_ITEM.json [IMAGERY_ITEM.json]]
//        (default: the bundled examples/data/unet-sentinel2-wetland-item.json and sentinel2-l2a-imagery-item.json)

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/deployment.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/match.hpp>
#include <dlm/preprocess.hpp>

#ifndef DLM_EXAMPLE_DATA_DIR
#define DLM_EXAMPLE_DATA_DIR "examples/data"
#endif

namespace {

nlohmann::json read_json(const std::string& path) {
    std::ifstream file(path);
    if (!file) throw std::runtime_error("cannot open " + path);
    return nlohmann::json::parse(file);
}

void print_findings(const dlm::report& findings) {
    for (const auto& f : findings.errors) std::fprintf(stderr, "  error %s: %s\n", f.pointer.c_str(), f.message.c_str());
    for (const auto& f : findings.warnings) std::printf("  note %s: %s\n", f.pointer.c_str(), f.message.c_str());
}

}  // namespace

int main(int argc, char** argv) try {
    const std::string model_path = argc > 1 ? argv[1] : DLM_EXAMPLE_DATA_DIR "/unet-sentinel2-wetland-item.json";
    const std::string imagery_path = argc > 2 ? argv[2] : DLM_EXAMPLE_DATA_DIR "/sentinel2-l2a-imagery-item.json";

    // 1. What the service needs, from the model's record; an error finding means it cannot be built as described.
    const dlm::deployment view = dlm::read_deployment(read_json(model_path));
    std::printf("model %s: %s, input \"%s\", %zu channels\n", view.id.c_str(),
                std::string(dlm::to_string(view.task)).c_str(), view.input_name.c_str(), view.channels.size());
    print_findings(view.findings);
    if (!view.findings.ok()) return 1;

    // 2. Which imagery band feeds each channel.
    const dlm::match_result matched = dlm::match(view, read_json(imagery_path));
    print_findings(matched.findings);
    if (!matched.feeds()) return 1;
    for (const dlm::channel_match& c : matched.channels) {
        std::printf("  channel %zu <- band %lld: asset \"%s\" band %zu (by %s)%s\n", c.channel,
                    static_cast<long long>(c.band_index), c.source->asset.c_str(), c.source->band,
                    std::string(dlm::to_string(c.method)).c_str(), c.convert ? ", convert the type" : "");
    }

    // 3. The preprocessing plan of the view: the same bands, source type, nodata and affines.
    dlm::preprocess_plan plan(view);
    plan.mask = true;
    for (std::size_t c = 0; c < plan.channels(); ++c) {
        const dlm::channel& channel = view.channels[c];
        std::printf("  channel %zu: y = x * %.9g + %.9g   (x * %g - %g) / %g\n", c, plan.affine[c].a, plan.affine[c].b,
                    *channel.scaling_factor, *channel.mean, *channel.std);
    }

    // 4. A synthetic band-sequential tile of the model's input size and source type (this example writes uint16, as
    //    the bundled model's data_type says): reflectances x 10000, a nodata row at the top.
    if (plan.source_type != dlm::data_type::uint16) {
        std::fprintf(stderr, "deploy_wetland: this example synthesises uint16 tiles; the model wants %s\n",
                     std::string(dlm::to_string(plan.source_type)).c_str());
        return 1;
    }
    const dlm::tensor_shape& shape = view.tensors.at(0);
    const auto height = static_cast<std::size_t>(shape.height.value_or(256));
    const auto width = static_cast<std::size_t>(shape.width.value_or(256));
    const auto source_bands = static_cast<std::size_t>(view.number_of_bands);
    const double nodata_value = plan.nodata.value_or(0.0);
    if (!(nodata_value >= 0.0 && nodata_value <= 65535.0 && std::floor(nodata_value) == nodata_value)) {
        std::fprintf(stderr, "deploy_wetland: nodata %g is not a uint16 value\n", nodata_value);
        return 1;
    }
    const auto nodata = static_cast<std::uint16_t>(nodata_value);
    std::vector<std::uint16_t> tile(source_bands * height * width);
    for (std::size_t band = 0; band < source_bands; ++band) {
        for (std::size_t row = 0; row < height; ++row) {
            for (std::size_t column = 0; column < width; ++column) {
                const std::size_t reflectance = 200 + 150 * band + (row * 7 + column * 3) % 1000;
                tile[(band * height + row) * width + column] = row == 0 ? nodata : static_cast<std::uint16_t>(reflectance);
            }
        }
    }

    // 5. Preprocess into the NCHW tensor (and its nodata mask), on two threads.
    std::vector<float> tensor(plan.channels() * height * width);
    std::vector<std::uint8_t> mask(tensor.size());
    dlm::preprocess(plan,
                    dlm::source_tile::band_sequential(tile.data(), tile.size() * sizeof(std::uint16_t), height, width,
                                                      source_bands),
                    {tensor.data(), tensor.size(), mask.data(), mask.size()}, {2});

    std::printf("tensor: float32 [1, %zu, %zu, %zu] (N, C, H, W)\n", plan.channels(), height, width);
    bool as_expected = true;
    for (std::size_t c = 0; c < plan.channels(); ++c) {
        const dlm::channel& channel = view.channels[c];
        const std::size_t plane = c * height * width;
        const std::size_t pixel = 1 * width + 1;  // row 1, column 1
        const std::uint16_t x = tile[(static_cast<std::size_t>(plan.bands[c]) * height + 1) * width + 1];
        const double formula = (x * *channel.scaling_factor - *channel.mean) / *channel.std;
        std::printf("  channel %zu: [0,0] = %g (nodata, mask %d)   [1,1] = %.7g from x = %u (formula: %.7g)\n", c,
                    tensor[plane], mask[plane], tensor[plane + pixel], static_cast<unsigned>(x), formula);
        // The documented bound: within one float32 ulp of the formula (no cancellation here).
        const auto rounded = static_cast<float>(formula);
        const float ulp = std::nextafter(std::fabs(rounded), HUGE_VALF) - std::fabs(rounded);
        as_expected = as_expected && tensor[plane] == plan.fill && mask[plane] == 0 && mask[plane + pixel] == 1 &&
                      std::fabs(tensor[plane + pixel] - rounded) <= ulp;
    }
    if (!as_expected) {
        std::fprintf(stderr, "deploy_wetland: the tensor differs from the formula\n");
        return 1;
    }
    return 0;
} catch (const std::exception& e) {  // dlm::error included: it says where (a JSON pointer) and why
    std::fprintf(stderr, "deploy_wetland: %s\n", e.what());
    return 1;
}
