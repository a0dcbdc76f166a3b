// Reads a STAC Item (or Collection) that uses the dlm extension and prints what someone deploying
// the model needs: input tensor shape, selected bands with their names, scaling and normalization,
// the output task and classes, and how to run the docker image.
//
// usage: deployment_summary ITEM.json

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/error.hpp>
#include <dlm/model.hpp>
#include <dlm/stac.hpp>

namespace {

std::string dimension(const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : std::string("?");
}

std::string numbers(const std::vector<dlm::number>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ", ";
        out += nlohmann::json(values[i]).dump();
    }
    return out + "]";
}

// The name of data band `index`: from dlm:data.useful_bands, else from the document's eo:bands.
std::string band_name(const dlm::model& m, const nlohmann::json& eo_bands, std::int64_t index) {
    if (m.data.useful_bands) {
        for (const auto& band : *m.data.useful_bands) {
            if (band.index == index && band.name) return *band.name;
        }
    }
    if (eo_bands.is_array() && index >= 0 && static_cast<std::size_t>(index) < eo_bands.size()) {
        const auto& band = eo_bands[static_cast<std::size_t>(index)];
        for (const char* key : {"common_name", "name"}) {
            if (band.is_object() && band.contains(key) && band[key].is_string()) return band[key].get<std::string>();
        }
    }
    return "(unnamed)";
}

std::string nodata_text(const dlm::nodata_value& nodata) {
    return std::visit([](const auto& v) { return nlohmann::json(v).dump(); }, nodata);
}

void print_summary(const nlohmann::json& doc, const dlm::model& m, std::ostream& out) {
    const bool is_item = doc.value("type", "") == "Feature";
    const nlohmann::json& fields = is_item ? doc["properties"] : doc;
    const nlohmann::json eo_bands = fields.value("eo:bands", nlohmann::json());

    out << (is_item ? "Item " : "Collection ") << doc.value("id", "(no id)") << '\n';
    if (!dlm::has_extension(doc)) out << "  warning: stac_extensions does not declare the dlm extension\n";

    out << "\nInput data\n";
    out << "  process level: " << dlm::to_string(m.data.process_level)
        << ", data type: " << dlm::to_string(m.data.data_type) << ", bands: " << m.data.number_of_bands;
    if (m.data.nodata) out << ", nodata: " << nodata_text(*m.data.nodata);
    out << '\n';

    out << "\nModel input \"" << m.inputs.name << "\"\n";
    for (const auto& t : m.inputs.input_tensors) {
        out << "  tensor (batch x dim x height x width): " << dimension(t.batch) << " x " << dimension(t.dim) << " x "
            << dimension(t.height) << " x " << dimension(t.width) << '\n';
    }
    out << "  selected bands:";
    for (const std::int64_t index : m.inputs.selected_bands) {
        out << ' ' << index << " (" << band_name(m, eo_bands, index) << ')';
    }
    out << '\n';
    out << "  scaling factor: " << nlohmann::json(m.inputs.scaling_factor).dump() << '\n';
    out << "  normalization mean: " << numbers(m.inputs.normalization_mean) << '\n';
    out << "  normalization std:  " << numbers(m.inputs.normalization_std) << '\n';
    if (m.inputs.pre_processing_function) out << "  pre-processing: " << *m.inputs.pre_processing_function << '\n';

    out << "\nOutput\n";
    out << "  task: " << dlm::to_string(m.outputs.task) << '\n';
    out << "  final layer size: " << nlohmann::json(m.outputs.final_layer_size).dump() << '\n';
    if (m.outputs.number_of_classes) out << "  classes: " << *m.outputs.number_of_classes << '\n';
    if (m.outputs.class_name_mapping) {
        auto entries = m.outputs.class_name_mapping->entries;  // in index order, whatever the form
        std::stable_sort(entries.begin(), entries.end(),
                         [](const auto& a, const auto& b) { return a.index < b.index; });
        for (const auto& entry : entries) {
            out << "    " << entry.index << ": " << entry.class_name;
            if (m.outputs.dont_care_index == entry.index) out << " (don't care)";
            out << '\n';
        }
    }
    if (m.outputs.post_processing_function) out << "  post-processing: " << *m.outputs.post_processing_function << '\n';

    out << "\nRuntime\n";
    out << "  " << m.runtime.framework << ' ' << m.runtime.version << ", handler " << m.runtime.model_handler << '\n';
    out << "  source: " << m.runtime.model_src_url;
    if (m.runtime.model_commit_hash) out << " @ " << *m.runtime.model_commit_hash;
    out << '\n';
    if (!m.runtime.docker || m.runtime.docker->empty()) {
        out << "  no docker image described\n";
        return;
    }
    for (const auto& d : *m.runtime.docker) {
        std::string image = d.image_name.value_or("(built from " + d.docker_file.value_or("?") + ")");
        if (d.tag) image += ":" + *d.tag;
        out << "  docker image: " << image << (d.gpu ? " (needs a GPU)" : " (CPU)") << '\n';
        out << "    working dir: " << d.working_dir << '\n';
        out << "    run: " << d.run << '\n';
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: " << (argc > 0 ? argv[0] : "deployment_summary") << " ITEM.json\n";
        return 2;
    }
    std::ifstream file(argv[1], std::ios::binary);
    if (!file) {
        std::cerr << "deployment_summary: cannot open " << argv[1] << '\n';
        return EXIT_FAILURE;
    }
    // Parse without exceptions: a malformed file gives a discarded value.
    const nlohmann::json doc = nlohmann::json::parse(file, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        std::cerr << "deployment_summary: " << argv[1] << " is not valid JSON\n";
        return EXIT_FAILURE;
    }
    try {
        print_summary(doc, dlm::read_model(doc), std::cout);
        return EXIT_SUCCESS;
    } catch (const dlm::error& e) {
        std::cerr << "deployment_summary: " << argv[1] << ": " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "deployment_summary: " << e.what() << '\n';
    }
    return EXIT_FAILURE;
}
