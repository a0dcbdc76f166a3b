// `dlm info`: the deployment view (dlm/deployment.hpp) of each model document, as text or JSON lines.
#include "commands.hpp"
#include "output.hpp"
#include "reading.hpp"
#include "validation_options.hpp"

#include <dlm/deployment.hpp>
#include <dlm/error.hpp>
#include <dlm/stac.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>
#include <sstream>

namespace dlm_cli {

const std::string_view info_help = R"(usage: dlm info [options] PATH...

Prints the deployment view of each model that a STAC Item or Collection describes: input tensor
shape(s) (unknown dimensions as ?), the selected bands in model order with their names and where
the names come from (dlm:data useful_bands, else eo:bands, else STAC 1.1 bands), one affine per
channel y = x * a + b folding scaling_factor, normalization:mean and normalization:std, the
numeric nodata, the source data type, task and classes, framework and version, handler,
pre/post-processing functions, docker images and run commands, publications, and what the
document leaves undefined or ambiguous (warnings and errors with JSON pointers).

PATH is a file, a directory (every *.json below it) or - (standard input, one document or NDJSON),
as for `dlm validate`; each document is validated first.

options:
  --format FORMAT        text (default) or json: the view as one JSON object per document per line
                         (with "path"); a document without a view is {"path", "errors"}
  --links                also read the local files that catalogs' child and item links point to,
                         inside the tree of the PATHs (as for `dlm validate`)
  --assets               check that the local asset hrefs of each file's documents lead to files
                         (model weights in a catalog's repository), inside the same trees as links;
                         never the network (input.asset-missing, input.outside-root)
  --root DIR             also allow links to reach files under DIR (repeatable)
  --verbose              list each link that is not followed on standard error
  --relax-companions     report a missing scientific/eo/version extension as a warning
  --schema URI=FILE      register the JSON Schema in FILE for the extension URI (repeatable); the
                         value is split at its first '=' (FILE may contain '=', URI may not); a URI
                         whose schema ships with dlm cannot be replaced
  -h, --help             show this help

exit status: 0 every view printed; 1 a document is valid but holds no dlm model (it does not
declare the extension, or it is a Catalog); 2 bad usage, no document at all (empty input, a
directory without *.json files), or a document cannot be read, is not JSON
or is invalid (the findings are printed on standard error; `dlm validate PATH` tells more).
)";

namespace info_command {  // named, not anonymous: the CLI is a unity build

std::string number(double value) { return dlm::detail::deploy::number_text(value); }

std::string dimension(const std::optional<std::int64_t>& value) { return value ? std::to_string(*value) : "?"; }

std::string integers(const std::vector<std::int64_t>& values) {
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + std::to_string(values[i]);
    return out + "]";
}

std::string string_member(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return {};
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void print_publications(std::ostream& out, const nlohmann::json& fields) {
    const auto line = [](const std::string& doi, const std::string& citation) {
        return citation.empty() ? "doi:" + doi : doi.empty() ? citation : citation + " (doi:" + doi + ")";
    };
    std::vector<std::string> lines;
    const std::string doi = string_member(fields, "sci:doi");
    const std::string citation = string_member(fields, "sci:citation");
    if (!doi.empty() || !citation.empty()) lines.push_back(line(doi, citation));
    if (const auto it = fields.find("sci:publications"); it != fields.end() && it->is_array()) {
        for (const auto& publication : *it) {
            const std::string p_doi = string_member(publication, "doi");
            const std::string p_citation = string_member(publication, "citation");
            if (!p_doi.empty() || !p_citation.empty()) lines.push_back(line(p_doi, p_citation));
        }
    }
    if (lines.empty()) {
        out << "publications:   none\n";
        return;
    }
    out << "publications:\n";
    for (const auto& l : lines) out << "  " << printable(l) << '\n';
}

void print_view(std::ostream& out, const nlohmann::json& document, const dlm::deployment& v) {
    out << (v.type == "Feature" ? "Item " : "Collection ") << nlohmann::json(v.id).dump() << '\n';
    out << "input:          " << printable(v.input_name) << '\n';
    for (std::size_t i = 0; i < v.tensors.size(); ++i) {
        const auto& t = v.tensors[i];
        out << (v.tensors.size() == 1 ? std::string("  tensor:       ") : "  tensor " + std::to_string(i) + ":     ")
            << "batch " << dimension(t.batch) << " x dim " << dimension(t.channels) << " x height "
            << dimension(t.height) << " x width " << dimension(t.width) << '\n';
    }
    out << "data:           " << dlm::to_string(v.process_level) << ", " << dlm::to_string(v.data_type);
    if (v.source_data_type && *v.source_data_type != v.data_type) out << " (" << dlm::to_string(*v.source_data_type) << ")";
    out << ", " << v.number_of_bands << (v.number_of_bands == 1 ? " band" : " bands");
    if (v.nodata) out << ", nodata " << number(*v.nodata);
    out << '\n';
    out << "channels:       " << v.channels.size() << " (y = x * a + b)\n";
    for (std::size_t i = 0; i < v.channels.size(); ++i) {
        const auto& c = v.channels[i];
        out << "  " << c.band_index << ": " << printable(c.name.value_or(c.common_name.value_or("(unnamed)")));
        if (c.common_name && c.name) out << " (" << printable(*c.common_name) << ")";
        out << "  [" << dlm::to_string(c.source) << "]";
        if (c.affine) {
            out << "  a " << number(c.affine->a) << ", b " << number(c.affine->b);
        } else {
            out << "  no affine";
        }
        out << '\n';
    }
    if (!v.channels.empty() && v.channels.front().scaling_factor) {
        out << "scaling:        x " << number(*v.channels.front().scaling_factor) << '\n';
    }
    std::string means = "[", stds = "[";
    for (std::size_t i = 0; i < v.channels.size(); ++i) {
        means += (i ? ", " : "") + (v.channels[i].mean ? number(*v.channels[i].mean) : std::string("?"));
        stds += (i ? ", " : "") + (v.channels[i].std ? number(*v.channels[i].std) : std::string("?"));
    }
    out << "normalization:  mean " << means << "], std " << stds << "]\n";
    if (v.pre_processing_function) out << "pre-processing: " << printable(*v.pre_processing_function) << '\n';

    out << "task:           " << dlm::to_string(v.task);
    if (!v.classes.empty()) out << ", " << v.classes.size() << (v.classes.size() == 1 ? " class" : " classes");
    out << '\n';
    if (!v.classes.empty()) {
        out << "classes:\n";
        for (std::size_t i = 0; i < v.classes.size(); ++i) {
            out << "  " << i << ": " << printable(v.classes[i].name.value_or("(unnamed)"));
            if (v.classes[i].dont_care) out << " (don't care)";
            out << '\n';
        }
    }
    out << "output size:    " << integers(v.final_layer_size) << '\n';
    if (v.post_processing_function) out << "post-processing: " << printable(*v.post_processing_function) << '\n';
    out << "framework:      " << printable(v.framework) << ' ' << printable(v.framework_version) << '\n';
    out << "model handler:  " << printable(v.model_handler) << '\n';
    out << "source:         " << printable(v.model_src_url);
    if (v.model_commit_hash) out << " @ " << printable(*v.model_commit_hash);
    out << '\n';
    if (v.docker.empty()) out << "docker:         none\n";
    for (const auto& d : v.docker) {
        out << "docker:         " << printable(d.reference()) << (d.gpu ? " (GPU)" : " (CPU)") << '\n';
        if (d.image && d.docker_file) out << "  dockerfile:   " << printable(*d.docker_file) << '\n';
        out << "  working dir:  " << printable(d.working_dir) << '\n';
        out << "  run:          " << printable(d.run) << '\n';
    }
    const bool is_item = v.type == "Feature";
    const auto properties = document.find("properties");
    print_publications(out, is_item ? (properties != document.end() ? *properties : nlohmann::json()) : document);
    if (!v.findings.errors.empty() || !v.findings.warnings.empty()) {
        out << "undefined or ambiguous:\n" << render_findings(v.findings, false);
    }
}

std::string json_line(nlohmann::json line) {
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

nlohmann::json findings_line(const std::string& path, const dlm::report& report) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& f : report.errors) errors.push_back({{"rule", f.rule}, {"pointer", f.pointer}, {"message", f.message}});
    return {{"path", path}, {"errors", std::move(errors)}};
}

}  // namespace info_command

int run_info(argument_cursor args) {
    using namespace info_command;
    read_settings reading;
    dlm::validator_options options;
    output_format format = output_format::text;
    while (!args.done()) {
        const std::string option = args.next_option();
        if (option.empty()) {
            reading.paths.push_back(args.next_positional());
        } else if (take_format_option(option, args, format)) {
        } else if (!take_read_option(option, args, reading) && !take_validation_option(option, args, options)) {
            throw usage_error("unknown option " + option);
        }
    }
    if (reading.paths.empty()) throw usage_error("no PATH given (use - for standard input)");
    options.limits = reading.limits;
    const std::optional<dlm::validator> validator = make_validator("info", std::move(options));
    if (!validator) return exit_failure;

    int status = exit_ok;
    const auto worse = [&](int s) {
        if (s == exit_failure || (s == exit_invalid && status == exit_ok)) status = s;
    };
    std::size_t printed = 0;
    std::size_t documents = 0;
    const remote_links remote = for_each_document(reading, &*validator, [&](const std::string& path, dlm::input_document& d) {
        ++documents;
        const auto refuse = [&](const std::string& why, const dlm::report& report, int s) {
            worse(s);
            std::cerr << "dlm info: " << printable(path) << why << '\n' << render_findings(report, false);
            if (format == output_format::json) std::cout << json_line(findings_line(path, report));
        };
        if (!d.document) {
            refuse(" cannot be parsed:", d.report, exit_failure);
            return;
        }
        if (!d.report.ok()) {
            refuse(" is invalid (" + std::to_string(d.report.errors.size()) +
                       (d.report.errors.size() == 1 ? " error" : " errors") + "):",
                   d.report, exit_failure);
            return;
        }
        if (!dlm::has_extension(*d.document)) {
            dlm::report none;
            none.error(dlm::rules::dlm_extension_undeclared, "",
                       "the document does not declare the dlm extension (" + std::string(dlm::extension_identifier) +
                           ")");
            refuse(" holds no dlm model:", none, exit_invalid);
            return;
        }
        try {
            const dlm::deployment view = dlm::read_deployment(*d.document);
            if (format == output_format::json) {
                nlohmann::json line = view;
                line["path"] = path;
                std::cout << json_line(std::move(line));
            } else {
                std::ostringstream out;
                if (printed != 0) out << '\n';
                if (reading.paths.size() > 1 || path.find('#') != std::string::npos) out << "== " << printable(path) << '\n';
                print_view(out, *d.document, view);
                std::cout << out.str();
            }
            ++printed;
        } catch (const dlm::error& e) {
            dlm::report unreadable;
            unreadable.error(dlm::rules::schema, e.pointer(), e.reason());
            refuse(" holds no readable dlm model:", unreadable, exit_invalid);
        }
    });
    std::cerr << remote_links_note("info", remote);
    if (documents == 0) {
        std::cerr << no_document_message("info");
        return exit_failure;
    }
    std::cout << std::flush;
    return status;
}

}  // namespace dlm_cli
