// `dlm match MODEL IMAGERY`: which imagery band feeds each model channel, and what the pixels need (dlm/match.hpp).
#include "commands.hpp"
#include "inputs.hpp"
#include "output.hpp"

#include <dlm/deployment.hpp>
#include <dlm/error.hpp>
#include <dlm/match.hpp>
#include <dlm/parse.hpp>

#include <nlohmann/json.hpp>

#include <iostream>
#include <optional>
#include <sstream>

namespace dlm_cli {

const std::string_view match_help = R"(usage: dlm match [options] MODEL IMAGERY

Matches the model that the STAC Item or Collection MODEL describes against IMAGERY, an imagery
Item (or a Collection with item_assets): for each model channel, the asset and band that feed it
(by name, then common name, then position), whether its pixels need a type conversion, a nodata
remapping or carry a scale/offset, and the imagery bands no channel uses (ignored). When IMAGERY
is a label Item (label extension), reports instead whether the model's task aligns with its
label:tasks and whether the model's nodata is one of its raster label classes (its background).

options:
  --format FORMAT   text (default) or json: one JSON object {"model", "imagery", "deployment"
                    findings, "match"} on one line
  -h, --help        show this help

exit status: 0 the imagery can feed the model (or the labels align with it); 1 something blocks
it: a missing or ambiguous band, imagery without band information, a task that does not align, or
a model channel without an affine; 2 bad usage, or a file that cannot be read, is not JSON or
holds no readable dlm model.
)";

namespace match_command {  // named, not anonymous: the CLI is a unity build

std::string number(double value) { return dlm::detail::deploy::number_text(value); }

std::optional<nlohmann::json> load(const std::string& path) {
    const file_content content = read_file(path);
    if (!content.ok) {
        std::cerr << "dlm match: cannot read " << path << ": " << content.error << '\n';
        return std::nullopt;
    }
    dlm::parse_result parsed = dlm::parse(content.text);
    if (!parsed.document || !parsed.findings.ok()) {
        std::cerr << "dlm match: " << path << " cannot be parsed:\n" << render_findings(parsed.findings, false);
        return std::nullopt;
    }
    return std::move(parsed.document);
}

std::string band_text(const dlm::imagery_band& b) {
    std::string out = "asset " + nlohmann::json(b.asset).dump() + " band " + std::to_string(b.band);
    if (b.name) out += " " + *b.name;
    if (b.common_name && b.common_name != b.name) out += " (" + *b.common_name + ")";
    return out;
}

void print_match(std::ostream& out, const dlm::deployment& view, const std::string& imagery_id,
                 const dlm::match_result& r) {
    out << "model " << nlohmann::json(view.id).dump() << " <- " << nlohmann::json(imagery_id).dump() << ": "
        << (r.feeds() && view.findings.ok() ? "feeds the model" : "blocked") << '\n';
    if (r.label) {
        const auto& l = *r.label;
        out << "label tasks:    " << nlohmann::json(l.tasks).dump() << "; model task "
            << nlohmann::json(std::string(dlm::to_string(view.task))).dump() << ": "
            << (!l.task_aligned ? "not comparable" : *l.task_aligned ? "aligned" : "NOT aligned") << '\n';
        if (l.type) out << "label type:     " << *l.type << '\n';
        if (l.nodata_is_class && view.nodata) {
            out << "model nodata " << number(*view.nodata)
                << (*l.nodata_is_class ? " is a label class (may be the background class)\n"
                                       : " is not a label class\n");
        }
    }
    for (const auto& c : r.channels) {
        const auto& ch = view.channels[c.channel];
        out << "  channel " << c.channel << " (band " << c.band_index << " "
            << ch.name.value_or(ch.common_name.value_or("unnamed")) << ") <- ";
        if (!c.source) {
            out << "MISSING\n";
            continue;
        }
        const auto& b = *c.source;
        out << band_text(b) << " by " << dlm::to_string(c.method);
        if (c.convert) {
            out << "; convert " << dlm::to_string(*b.data_type) << " -> " << dlm::to_string(view.data_type);
        } else if (b.data_type) {
            out << "; " << dlm::to_string(*b.data_type);
        }
        if (c.remap_nodata) {
            out << "; remap nodata " << number(*b.nodata) << " -> " << number(*view.nodata);
        } else if (b.nodata) {
            out << "; nodata " << number(*b.nodata);
        }
        if (c.scaled_source) {
            out << "; source scale " << number(b.scale.value_or(1.0)) << " offset " << number(b.offset.value_or(0.0));
        }
        out << '\n';
    }
    if (!r.extra.empty()) {
        out << "ignored:        " << r.extra.size() << (r.extra.size() == 1 ? " band" : " bands") << ":";
        for (std::size_t i = 0; i < r.extra.size(); ++i) {
            const auto& b = r.extra[i];
            out << (i ? ", " : " ") << b.asset;
            if (b.band != 0) out << "/" << b.band;
        }
        out << '\n';
    }
    if (!view.findings.ok()) out << "model:\n" << render_findings(view.findings, false);
    if (!r.findings.errors.empty() || !r.findings.warnings.empty()) out << "match:\n" << render_findings(r.findings, false);
}

}  // namespace match_command

int run_match(argument_cursor args) {
    using namespace match_command;
    std::vector<std::string> files;
    output_format format = output_format::text;
    while (!args.done()) {
        const std::string option = args.next_option();
        if (option.empty()) {
            files.push_back(args.next_positional());
        } else if (take_format_option(option, args, format)) {
        } else {
            throw usage_error("unknown option " + option);
        }
    }
    if (files.size() != 2) throw usage_error("match takes MODEL and IMAGERY");
    const auto model = load(files[0]);
    const auto imagery = load(files[1]);
    if (!model || !imagery) return exit_failure;
    std::optional<dlm::deployment> view;
    try {
        view = dlm::read_deployment(*model);
    } catch (const dlm::error& e) {
        std::cerr << "dlm match: " << files[0] << " holds no readable dlm model: " << e.what() << '\n';
        return exit_failure;
    }
    const dlm::match_result result = dlm::match(*view, *imagery);
    const bool feeds = result.feeds() && view->findings.ok();
    if (format == output_format::json) {
        nlohmann::json findings = nlohmann::json(*view)["findings"];
        nlohmann::json line = {{"model", files[0]},
                               {"imagery", files[1]},
                               {"feeds", feeds},
                               {"deployment_findings", std::move(findings)},
                               {"match", result}};
        std::cout << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    } else {
        std::ostringstream out;
        const auto id = imagery->is_object() ? imagery->find("id") : imagery->end();
        print_match(out, *view, id != imagery->end() && id->is_string() ? id->get<std::string>() : files[1], result);
        std::cout << out.str();
    }
    std::cout << std::flush;
    return feeds ? exit_ok : exit_invalid;
}

}  // namespace dlm_cli
