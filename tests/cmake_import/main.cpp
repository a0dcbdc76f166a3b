// Builds an Item from scratch with the installed headers, validates it, and exits 0 only if it is valid.
#include <dlm/dlm.hpp>

#include <iostream>

int main() {
    const dlm::validator validator;
    nlohmann::json item = {
        {"type", "Feature"}, {"stac_version", "1.0.0"}, {"id", "consumer-check"},
        {"stac_extensions", {"https://stac-extensions.github.io/scientific/v1.0.0/schema.json",
                             "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
                             "https://stac-extensions.github.io/version/v1.0.0/schema.json"}},
        {"geometry", {{"type", "Point"}, {"coordinates", {-73.5, 45.5}}}},
        {"bbox", {-73.5, 45.5, -73.5, 45.5}},
        {"properties", {{"datetime", "2022-01-01T00:00:00Z"}, {"version", "1.0.0"}, {"sci:citation", "Consumer, C. (2022)."}}},
        {"links", nlohmann::json::array()},
        {"assets", nlohmann::json::object()}};
    const nlohmann::json fields = {
        {"dlm:data", {{"process_level", "L2"}, {"data_type", "uint16"}, {"number_of_bands", 3}}},
        {"dlm:inputs", {{"name", "x"}, {"input_tensors", {{"batch", 1}, {"dim", 3}, {"height", 64}, {"width", 64}}},
                        {"scaling_factor", 0.0001}, {"normalization:mean", {0.1, 0.2, 0.3}},
                        {"normalization:std", {0.1, 0.1, 0.1}}, {"selected_bands", {0, 1, 2}}}},
        {"dlm:runtime", {{"framework", "PyTorch"}, {"version", "2.1"}, {"model_handler", "m:h"},
                         {"model_src_url", "https://example.com/model"}}},
        {"dlm:outputs", {{"task", "regression"}, {"final_layer_size", {1, 64, 64}}}}};
    for (const auto& [key, value] : fields.items()) item["properties"][key] = value;
    item["stac_extensions"].push_back(std::string(dlm::extension_identifier));
    const dlm::report report = validator.validate(item);
    for (const auto& f : report.errors) std::cerr << f.pointer << " [" << f.rule << "] " << f.message << '\n';
    std::cout << "dlm " << dlm::library_version << ": " << (report.ok() ? "valid" : "invalid") << '\n';
    return report.ok() ? 0 : 1;
}
