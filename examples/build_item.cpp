// Builds a complete STAC Item that describes a deep learning model with the dlm extension, from
// scratch, and prints it. The STAC parts (geometry, eo/scientific/version fields) are plain
// nlohmann::json; the dlm fields are typed (dlm::model) and written with dlm::write_model, which also
// adds the extension identifier to stac_extensions.

#include <cstdint>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/error.hpp>
#include <dlm/model.hpp>
#include <dlm/stac.hpp>

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

nlohmann::json stac_item() {
    using nlohmann::json;
    return json{
        {"type", "Feature"},
        {"stac_version", "1.0.0"},
        {"stac_extensions",
         {"https://stac-extensions.github.io/eo/v1.1.0/schema.json",
          "https://stac-extensions.github.io/scientific/v1.0.0/schema.json",
          "https://stac-extensions.github.io/version/v1.0.0/schema.json"}},
        {"id", "unet-landcover-sentinel2"},
        {"geometry",
         {{"type", "Polygon"},
          {"coordinates", {{{-74.0, 45.0}, {-73.0, 45.0}, {-73.0, 46.0}, {-74.0, 46.0}, {-74.0, 45.0}}}}}},
        {"bbox", {-74.0, 45.0, -73.0, 46.0}},
        {"properties",
         {{"datetime", "2023-06-01T00:00:00Z"},
          {"version", "1.2.0"},
          {"sci:doi", "10.1000/xyz123"},
          {"sci:citation", "Doe, J. (2023). A UNet for Sentinel-2 land cover."},
          {"eo:bands",
           {{{"name", "B02"}, {"common_name", "blue"}},
            {{"name", "B03"}, {"common_name", "green"}},
            {{"name", "B04"}, {"common_name", "red"}},
            {{"name", "B08"}, {"common_name", "nir"}}}}}},
        {"links", json::array({{{"rel", "self"}, {"href", "https://example.com/items/unet-landcover.json"}}})},
        {"assets",
         {{"model",
           {{"href", "https://example.com/models/unet-landcover.pt"},
            {"type", "application/octet-stream"},
            {"roles", {"model"}}}}}},
    };
}

}  // namespace

int main() {
    try {
        nlohmann::json item = stac_item();
        dlm::write_model(item, landcover_model());
        std::cout << item.dump(2) << '\n';
        return EXIT_SUCCESS;
    } catch (const dlm::error& e) {
        std::cerr << "build_item: " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "build_item: " << e.what() << '\n';
    }
    return EXIT_FAILURE;
}
