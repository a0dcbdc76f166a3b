// `dlm info`: what someone deploying the model needs to know, read from a valid Item or Collection.
#include "checking.hpp"
#include "commands.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/model.hpp>
#include <dlm/parse.hpp>
#include <dlm/stac.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>
#include <sstream>

namespace dlm_cli {

const std::string_view info_help = R"(usage: dlm info [options] FILE

Prints the deployment summary of the model that a STAC Item or Collection describes: input
tensor shape(s), selected bands and their names (from dlm:data useful_bands, else eo:bands),
scaling and normalization, task and classes, framework and version, docker image and run
command, and publications (sci:doi, sci:citation, sci:publications).

options:
  --relax-companions     report a missing scientific/eo/version extension as a warning
  --schema URI=FILE      register the JSON Schema in FILE for the extension URI (repeatable)
  -h, --help             show this help

exit status: 0 summary printed; 1 the document is valid but holds no dlm model (it does not
declare the extension, or it is a Catalog or FeatureCollection); 2 bad usage, or FILE cannot be
read, is not JSON, or is invalid (the findings are printed on standard error; run
`dlm validate FILE` for details).
)";

namespace {

std::string number(double value) { return nlohmann::json(value).dump(); }

std::string numbers(const std::vector<dlm::number>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + number(values[i]);
    return out + "]";
}

std::string integers(const std::vector<std::int64_t>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + std::to_string(values[i]);
    return out + "]";
}

std::string dimension(const std::optional<std::int64_t>& value) { return value ? std::to_string(*value) : "?"; }

std::string shape(const dlm::tensor& t) {
    return "batch " + dimension(t.batch) + " x dim " + dimension(t.dim) + " x height " + dimension(t.height) +
           " x width " + dimension(t.width);
}

/// The `eo:bands` array that describes the data: the document's own, a Collection's summary, or an asset's.
const nlohmann::json* find_eo_bands(const nlohmann::json& document, const nlohmann::json& fields) {
    const auto array_at = [](const nlohmann::json& object, const char* key) -> const nlohmann::json* {
        if (!object.is_object()) return nullptr;
        const auto it = object.find(key);
        return it != object.end() && it->is_array() ? &*it : nullptr;
    };
    if (const auto* bands = array_at(fields, "eo:bands")) return bands;
    if (const auto summaries = document.find("summaries"); summaries != document.end()) {
        if (const auto* bands = array_at(*summaries, "eo:bands")) return bands;
    }
    if (const auto assets = document.find("assets"); assets != document.end() && assets->is_object()) {
        for (const auto& asset : *assets) {
            if (const auto* bands = array_at(asset, "eo:bands")) return bands;
        }
    }
    return nullptr;
}

/// The name of band `index`: from dlm:data useful_bands, else from eo:bands; "" when neither names it.
std::string band_name(std::int64_t index, const dlm::data& data, const nlohmann::json* eo_bands) {
    if (data.useful_bands) {
        for (const auto& band : *data.useful_bands) {
            if (band.index == index && band.name) return *band.name;
        }
    }
    if (eo_bands && index >= 0 && static_cast<std::size_t>(index) < eo_bands->size()) {
        const auto& band = (*eo_bands)[static_cast<std::size_t>(index)];
        if (band.is_object()) {
            for (const char* key : {"name", "common_name"}) {
                const auto it = band.find(key);
                if (it != band.end() && it->is_string()) return it->get<std::string>();
            }
        }
    }
    return {};
}

std::string string_member(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void print_publications(std::ostream& out, const nlohmann::json& fields) {
    const std::string doi = string_member(fields, "sci:doi");
    const std::string citation = string_member(fields, "sci:citation");
    std::vector<std::string> lines;
    if (!doi.empty() || !citation.empty())
        lines.push_back(citation.empty() ? "doi:" + doi : doi.empty() ? citation : citation + " (doi:" + doi + ")");
    if (const auto it = fields.find("sci:publications"); it != fields.end() && it->is_array()) {
        for (const auto& publication : *it) {
            const std::string p_doi = string_member(publication, "doi");
            const std::string p_citation = string_member(publication, "citation");
            if (p_doi.empty() && p_citation.empty()) continue;
            lines.push_back(p_citation.empty() ? "doi:" + p_doi
                            : p_doi.empty()    ? p_citation
                                               : p_citation + " (doi:" + p_doi + ")");
        }
    }
    if (lines.empty()) {
        out << "publications:   none\n";
        return;
    }
    out << "publications:\n";
    for (const auto& line : lines) out << "  " << printable(line) << '\n';
}

void print_summary(std::ostream& out, const nlohmann::json& document, const dlm::model& m) {
    const bool is_item = document.value("type", "") == "Feature";
    const nlohmann::json& fields = is_item ? document.at("properties") : document;
    out << (is_item ? "Item " : "Collection ") << nlohmann::json(document.value("id", "")).dump() << '\n';

    out << "input:          " << printable(m.inputs.name) << '\n';
    for (std::size_t i = 0; i < m.inputs.input_tensors.size(); ++i) {
        out << (m.inputs.input_tensors.size() == 1 ? std::string("  tensor:       ")
                                                   : "  tensor " + std::to_string(i) + ":     ")
            << shape(m.inputs.input_tensors[i]) << '\n';
    }
    out << "data:           " << dlm::to_string(m.data.process_level) << ", " << dlm::to_string(m.data.data_type)
        << ", " << m.data.number_of_bands << (m.data.number_of_bands == 1 ? " band" : " bands") << '\n';

    const nlohmann::json* eo_bands = find_eo_bands(document, fields);
    out << "selected bands: " << integers(m.inputs.selected_bands) << '\n';
    for (const auto index : m.inputs.selected_bands) {
        const std::string name = band_name(index, m.data, eo_bands);
        out << "  " << index << ": " << (name.empty() ? "(unnamed)" : printable(name)) << '\n';
    }
    out << "scaling:        x " << number(m.inputs.scaling_factor) << '\n';
    out << "normalization:  mean " << numbers(m.inputs.normalization_mean) << ", std "
        << numbers(m.inputs.normalization_std) << '\n';
    if (m.inputs.pre_processing_function) out << "pre-processing: " << printable(*m.inputs.pre_processing_function) << '\n';

    out << "task:           " << dlm::to_string(m.outputs.task);
    if (m.outputs.number_of_classes)
        out << ", " << *m.outputs.number_of_classes << (*m.outputs.number_of_classes == 1 ? " class" : " classes");
    out << '\n';
    if (m.outputs.class_name_mapping) {
        out << "classes:\n";
        for (const auto& entry : m.outputs.class_name_mapping->entries)
            out << "  " << entry.index << ": " << printable(entry.class_name) << '\n';
    }
    if (m.outputs.dont_care_index) out << "ignored index:  " << *m.outputs.dont_care_index << '\n';
    out << "output size:    " << integers(m.outputs.final_layer_size) << '\n';
    if (m.outputs.post_processing_function) out << "post-processing: " << printable(*m.outputs.post_processing_function) << '\n';

    if (m.architecture) {
        out << "architecture:   " << printable(m.architecture->type) << ", " << m.architecture->total_nb_parameters
            << " parameters, " << number(m.architecture->estimated_total_size_mb) << " MB, pretrained: "
            << m.architecture->pretrained << '\n';
    }
    out << "framework:      " << printable(m.runtime.framework) << ' ' << printable(m.runtime.version) << '\n';
    out << "model handler:  " << printable(m.runtime.model_handler) << '\n';
    out << "source:         " << printable(m.runtime.model_src_url);
    if (m.runtime.model_commit_hash) out << " @ " << printable(*m.runtime.model_commit_hash);
    out << '\n';
    if (m.runtime.requirement_file) out << "requirements:   " << printable(*m.runtime.requirement_file) << '\n';
    if (m.runtime.docker) {
        for (const auto& d : *m.runtime.docker) {
            out << "docker:         ";
            if (d.image_name) {
                out << printable(*d.image_name) << (d.tag ? ":" + printable(*d.tag) : std::string());
            } else if (d.docker_file) {
                out << "built from " << printable(*d.docker_file);
            }
            out << (d.gpu ? " (GPU)" : " (CPU)") << '\n';
            if (d.image_name && d.docker_file) out << "  dockerfile:   " << printable(*d.docker_file) << '\n';
            out << "  working dir:  " << printable(d.working_dir) << '\n';
            out << "  run:          " << printable(d.run) << '\n';
        }
    } else {
        out << "docker:         none\n";
    }
    print_publications(out, fields);
}

}  // namespace

int run_info(argument_cursor args) {
    std::vector<std::string> files;
    validation_settings options;
    while (!args.done()) {
        const std::string option = args.next_option();
        if (option.empty()) {
            files.push_back(args.next_positional());
        } else if (!take_validation_option(option, args, options)) {
            throw usage_error("unknown option " + option);
        }
    }
    if (files.size() != 1) throw usage_error(files.empty() ? "no FILE given" : "info takes exactly one FILE");
    const std::string& file = files.front();

    const file_content content = read_file(file);
    if (!content.ok) {
        std::cerr << "dlm info: cannot read " << printable(file) << ": " << content.error << '\n';
        return exit_failure;
    }
    dlm::parse_result parsed = dlm::parse(content.text, options.limits);
    if (!parsed.document) {
        drop_quoted_input(parsed.findings);
        std::cerr << "dlm info: " << printable(file) << " cannot be parsed:\n" << render_findings(parsed.findings, false);
        return exit_failure;
    }
    try {
        const document_validator validator(options);
        dlm::report report = validator.validate(*parsed.document);
        if (!report.ok()) {
            std::cerr << "dlm info: " << printable(file) << " is invalid (" << report.errors.size()
                      << (report.errors.size() == 1 ? " error" : " errors") << "):\n"
                      << render_findings(report, false);
            return exit_failure;
        }
    } catch (const std::exception& e) {
        std::cerr << "dlm info: cannot validate " << printable(file) << ": " << e.what() << '\n';
        return exit_failure;
    }
    if (!dlm::has_extension(*parsed.document)) {
        std::cerr << "dlm info: " << printable(file) << " does not declare the dlm extension (" << dlm::extension_identifier
                  << ")\n";
        return exit_invalid;
    }
    try {
        const dlm::model m = dlm::read_model(*parsed.document);
        std::ostringstream out;
        print_summary(out, *parsed.document, m);
        std::cout << out.str() << std::flush;
    } catch (const dlm::error& e) {
        std::cerr << "dlm info: " << printable(file) << " holds no readable dlm model: " << e.what() << '\n';
        return exit_invalid;
    }
    return exit_ok;
}

}  // namespace dlm_cli
