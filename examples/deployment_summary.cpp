// Reads a STAC Item (or Collection) that uses the dlm extension and prints what an inference service needs, from
// the deployment view (dlm/deployment.hpp): input tensor shape, the selected bands in model order with their names
// and the affine each one gets, nodata and source data type, the task and classes, and how to run the model.
//
// usage: deployment_summary ITEM.json

#include <cstdint>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <dlm/deployment.hpp>
#include <dlm/error.hpp>
#include <dlm/parse.hpp>

namespace {

std::string dimension(const std::optional<std::int64_t>& value) {
    return value ? std::to_string(*value) : std::string("?");
}

void print_summary(const dlm::deployment& v, std::ostream& out) {
    out << (v.type == "Feature" ? "Item " : "Collection ") << v.id << '\n';

    out << "\nInput \"" << v.input_name << "\"\n";
    for (const auto& t : v.tensors) {
        out << "  tensor (batch x channels x height x width): " << dimension(t.batch) << " x "
            << dimension(t.channels) << " x " << dimension(t.height) << " x " << dimension(t.width) << '\n';
    }
    out << "  source pixels: " << (v.source_data_type ? dlm::to_string(*v.source_data_type) : "unknown type");
    if (v.nodata) out << ", nodata " << *v.nodata;  // NaN prints as nan
    out << '\n';
    for (const auto& c : v.channels) {
        out << "  band " << c.band_index << " (" << c.name.value_or("unnamed");
        if (c.common_name) out << ", " << *c.common_name;
        out << ", named by " << dlm::to_string(c.source) << "): ";
        if (c.affine) {
            out << "y = x * " << c.affine->a << " + " << c.affine->b << '\n';
        } else {
            out << "no affine (see the findings)\n";
        }
    }
    if (v.pre_processing_function) out << "  pre-processing: " << *v.pre_processing_function << '\n';

    out << "\nOutput\n  task: " << dlm::to_string(v.task) << '\n';
    for (std::size_t i = 0; i < v.classes.size(); ++i) {
        out << "    " << i << ": " << v.classes[i].name.value_or("(unnamed)")
            << (v.classes[i].dont_care ? " (don't care)" : "") << '\n';
    }
    if (v.post_processing_function) out << "  post-processing: " << *v.post_processing_function << '\n';

    out << "\nRuntime\n  " << v.framework << ' ' << v.framework_version << ", handler " << v.model_handler << '\n';
    for (const auto& d : v.docker) {
        out << "  docker: " << d.reference() << (d.gpu ? " (needs a GPU)" : " (CPU)") << "\n    working dir: "
            << d.working_dir << "\n    run: " << d.run << '\n';
    }
    if (!v.findings.errors.empty() || !v.findings.warnings.empty()) {
        out << "\nLeft undefined or ambiguous by the document\n";
        for (const auto& f : v.findings.errors) out << "  error " << f.pointer << ": " << f.message << '\n';
        for (const auto& f : v.findings.warnings) out << "  warning " << f.pointer << ": " << f.message << '\n';
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
    const std::string text{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    const dlm::parse_result parsed = dlm::parse(text);  // the hardened reader: limits, duplicate keys
    if (!parsed.ok()) {
        std::cerr << "deployment_summary: " << argv[1] << " is not usable JSON\n";
        return EXIT_FAILURE;
    }
    try {
        print_summary(dlm::read_deployment(*parsed.document), std::cout);
        return EXIT_SUCCESS;
    } catch (const dlm::error& e) {
        std::cerr << "deployment_summary: " << argv[1] << ": " << e.what() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "deployment_summary: " << e.what() << '\n';
    }
    return EXIT_FAILURE;
}
