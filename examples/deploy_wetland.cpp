// Deploys a model end to end, as an inference service would: read the model's Item, build the preprocessing plan
// it describes (bands, source type, nodata, the normalization folded into one affine per channel), make a synthetic
// source tile of the model's input size, preprocess it into the float32 NCHW tensor, and print the tensor's shape
// and a few values beside the formula they come from.
//
// usage: deploy_wetland [MODEL_ITEM.json]   (default: the bundled examples/data/unet-sentinel2-wetland-item.json)

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/preprocess.hpp>
#include <dlm/stac.hpp>

#ifndef DLM_EXAMPLE_DATA_DIR
#define DLM_EXAMPLE_DATA_DIR "examples/data"
#endif

int main(int argc, char** argv) try {
    const std::string path = argc > 1 ? argv[1] : DLM_EXAMPLE_DATA_DIR "/unet-sentinel2-wetland-item.json";
    std::ifstream file(path);
    if (!file) {
        std::fprintf(stderr, "deploy_wetland: cannot open %s\n", path.c_str());
        return 2;
    }
    const dlm::model model = dlm::read_model(nlohmann::json::parse(file));

    // 1. The plan the model describes.
    dlm::preprocess_plan plan(model);
    plan.mask = true;
    const dlm::tensor& input = model.inputs.input_tensors.items.at(0);
    const auto height = static_cast<std::size_t>(input.height.value_or(256));
    const auto width = static_cast<std::size_t>(input.width.value_or(256));
    const auto source_bands = static_cast<std::size_t>(model.data.number_of_bands);
    std::printf("model: %s input \"%s\", %zu channels from %s bands",
                std::string(dlm::to_string(model.outputs.task)).c_str(), model.inputs.name.c_str(), plan.channels(),
                std::string(dlm::to_string(plan.source_type)).c_str());
    for (const std::int64_t band : plan.bands) std::printf(" %lld", static_cast<long long>(band));
    if (plan.nodata) std::printf(", nodata %g", *plan.nodata);
    std::printf("\n");
    for (std::size_t c = 0; c < plan.channels(); ++c) {
        std::printf("  channel %zu: y = x * %.9g + %.9g   (x * %g - %g) / %g\n", c, plan.affine[c].scale,
                    plan.affine[c].offset, static_cast<double>(model.inputs.scaling_factor),
                    static_cast<double>(model.inputs.normalization_mean.at(c)),
                    static_cast<double>(model.inputs.normalization_std.at(c)));
    }

    // 2. A synthetic band-sequential tile of the model's source type (this example needs uint16, as the bundled
    //    model's data_type says): reflectances x 10000, a nodata row at the top.
    if (plan.source_type != dlm::data_type::uint16) {
        std::fprintf(stderr, "deploy_wetland: this example synthesises uint16 tiles; the model wants %s\n",
                     std::string(dlm::to_string(plan.source_type)).c_str());
        return 1;
    }
    std::vector<std::uint16_t> tile(source_bands * height * width);
    for (std::size_t band = 0; band < source_bands; ++band) {
        for (std::size_t row = 0; row < height; ++row) {
            for (std::size_t column = 0; column < width; ++column) {
                const std::size_t reflectance = 200 + 150 * band + (row * 7 + column * 3) % 1000;
                tile[(band * height + row) * width + column] =
                    row == 0 ? std::uint16_t{0} : static_cast<std::uint16_t>(reflectance);
            }
        }
    }

    // 3. Preprocess into the NCHW tensor (and its nodata mask), on two threads.
    std::vector<float> tensor(plan.channels() * height * width);
    std::vector<std::uint8_t> mask(tensor.size());
    dlm::preprocess(plan,
                    dlm::source_tile::band_sequential(tile.data(), tile.size() * sizeof(std::uint16_t), height, width,
                                                      source_bands),
                    {tensor.data(), tensor.size(), mask.data(), mask.size()}, {2});

    std::printf("tensor: float32 [1, %zu, %zu, %zu] (N, C, H, W)\n", plan.channels(), height, width);
    bool as_expected = true;
    for (std::size_t c = 0; c < plan.channels(); ++c) {
        const std::size_t plane = c * height * width;
        const std::size_t pixel = 1 * width + 1;  // row 1, column 1
        const std::uint16_t x = tile[(static_cast<std::size_t>(plan.bands[c]) * height + 1) * width + 1];
        const double formula = (x * static_cast<double>(model.inputs.scaling_factor) -
                                static_cast<double>(model.inputs.normalization_mean.at(c))) /
                               static_cast<double>(model.inputs.normalization_std.at(c));
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
} catch (const dlm::error& e) {
    std::fprintf(stderr, "deploy_wetland: %s\n", e.what());
    return 1;
} catch (const std::exception& e) {
    std::fprintf(stderr, "deploy_wetland: %s\n", e.what());
    return 1;
}
