// Builds a complete STAC Item that describes a deep learning model with the dlm extension, from scratch, checks it and
// prints it. dlm::item_builder makes the STAC skeleton (with the dlm identifier and its companions declared); the
// dlm fields are typed (dlm::model) and the companion fields too (dlm/companions.hpp).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/builder.hpp>
#include <dlm/companions.hpp>
#include <dlm/error.hpp>
#include <dlm/model.hpp>
#include <dlm/report_text.hpp>
#include <dlm/stac.hpp>
#include <dlm/validator.hpp>

namespace {

dlm::model landcover_model() {
    dlm::model m;

    m.data.process_level = dlm::process_level::l2;
    m.data.data_type = dlm::data_type::uint16;
    m.data.nodata = std::int64_t{0};
    m.data.number_of_bands = 4;
    m.data.useful_bands = std::vector<dlm::model_band>{{2, "red"}, {1, "green"}, {0, "blue"}};

    dlm::tensor shape;
    shape.batch = 1;
    shape.dim = 3;
    shape.height = 256;
    shape.width = 256;
    m.inputs.name = "x";
    m.inputs.input_tensors.items = {shape};
    m.inputs.scaling_factor = 1.0 / 10000.0;
    m.inputs.normalization_mean = {0.485, 0.456, 0.406};
    m.inputs.normalization_std = {0.229, 0.224, 0.225};
    m.inputs.selected_bands = {2, 1, 0};

    dlm::architecture arch;
    arch.total_nb_parameters = 31037633;
    arch.estimated_total_size_mb = 118.4;
    arch.type = "UNet";
    arch.pretrained = "ImageNet";
    m.architecture = arch;

    m.runtime.framework = "PyTorch";
    m.runtime.version = "1.13.1";
    m.runtime.model_handler = "landcover.infer:handler";
    m.runtime.model_src_url = "https://github.com/example/landcover-unet";
    m.runtime.model_commit_hash = "9f2c1e0";
    dlm::docker image;
    image.image_name = "example/landcover-unet";
    image.tag = "1.2.0";
    image.working_dir = "/workspace";
    image.run = "python -m landcover.infer --input /data --output /out";
    image.gpu = true;
    m.runtime.docker = dlm::docker_list{{image}};  // written as an array, the seed's form

    m.outputs.task = dlm::task::semantic_segmentation;
    m.outputs.number_of_classes = 4;
    m.outputs.final_layer_size = {1, 4, 256, 256};
    dlm::class_name_mapping classes;  // the canonical list-of-records form
    for (const auto& [index, name] : {std::pair<std::int64_t, const char*>{0, "background"},
                                      {1, "water"},
                                      {2, "forest"},
                                      {3, "urban"}}) {
        dlm::class_name_entry entry;
        entry.index = index;
        entry.class_name = name;
        classes.entries.push_back(entry);
    }
    m.outputs.class_name_mapping = classes;
    m.outputs.dont_care_index = 0;
    return m;
}

}  // namespace

int main() {
    try {
        nlohmann::json item =
            dlm::item_builder("unet-landcover-sentinel2", "2023-06-01T00:00:00Z")
                .geometry({{"type", "Polygon"},
                           {"coordinates", {{{-74.0, 45.0}, {-73.0, 45.0}, {-73.0, 46.0}, {-74.0, 46.0}, {-74.0, 45.0}}}}})
                .link("self", "https://example.com/items/unet-landcover.json")
                .asset("model", "https://example.com/models/unet-landcover.pt", {"model"}, "application/octet-stream")
                .asset("sample-input", "https://example.com/samples/tile.tif", {"data"}, "image/tiff; application=geotiff")
                .build();
        dlm::write_model(item, landcover_model());
        dlm::write_version(item, {"1.2.0", std::nullopt, std::nullopt});
        dlm::write_scientific(item, {"10.1000/xyz123", "Doe, J. (2023). A UNet for Sentinel-2 land cover.", std::nullopt});
        std::vector<dlm::eo_band> bands(4);
        const char* names[][2] = {{"B02", "blue"}, {"B03", "green"}, {"B04", "red"}, {"B08", "nir"}};
        for (std::size_t i = 0; i < bands.size(); ++i) bands[i].name = names[i][0], bands[i].common_name = names[i][1];
        dlm::write_eo_bands(item, bands);
        // eo v1.1 defines bands on assets; `eo:bands` in properties summarises those of the assets.
        item["assets"]["sample-input"]["eo:bands"] = item["properties"]["eo:bands"];

        const dlm::report report = dlm::validator().validate(item);
        if (!report.ok()) {
            std::cerr << "build_item: the Item is not valid:\n" << dlm::to_text(report);
            return EXIT_FAILURE;
        }
        std::cout << item.dump(2) << '\n';
        return EXIT_SUCCESS;
    } catch (const dlm::error& e) {
        std::cerr << "build_item: " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "build_item: " << e.what() << '\n';
    }
    return EXIT_FAILURE;
}
