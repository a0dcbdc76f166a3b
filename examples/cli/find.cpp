// `dlm find`: the models in a catalog that match a few criteria, with the fields a person chooses by.
#include "commands.hpp"
#include "reading.hpp"
#include "output.hpp"

#include <dlm/deployment.hpp>
#include <dlm/enums.hpp>
#include <dlm/error.hpp>
#include <dlm/stac.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <optional>
#include <sstream>

namespace dlm_cli {

const std::string_view find_help = R"(usage: dlm find [options] PATH...

Lists the models (STAC Items and Collections that declare the dlm extension) found in PATH that
match every criterion given: one line per model with its path, id, task, framework and version,
data type, selected bands and docker images. PATH is a file, a directory (every *.json below it)
or - (standard input), as for `dlm validate`. Documents are not validated (run `dlm validate`).

options:
  --task TASK         dlm:outputs.task, e.g. segmentation or "object detection"
  --band NAME         a selected band has this name or common name (repeatable: every NAME)
  --data-type TYPE    dlm:data.data_type (a numpy name matches its raster type: ushort is uint16)
  --framework NAME    dlm:runtime.framework, in any letter case
  --gpu               a docker option needs a GPU
  --no-gpu            a docker option runs without a GPU
  --links             also read the local files that catalogs' child and item links point to,
                      inside the tree of the PATHs (as for `dlm validate`)
  --assets            check that the local asset hrefs of each file's documents lead to files
                      (model weights in a catalog's repository), inside the same trees as links;
                      never the network (input.asset-missing, input.outside-root)
  --root DIR          also allow links to reach files under DIR (repeatable)
  --verbose           list each link that is not followed on standard error
  --format FORMAT     text (default) or json: one JSON object per model per line
  -h, --help          show this help

exit status: 0 a model matches; 1 none does; 2 bad usage, no document at all, or a PATH that cannot be read or parsed
(reported on standard error; the other PATHs are still searched).
)";

namespace find_command {  // named, not anonymous: the CLI is a unity build

std::string lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return text;
}

struct criteria {
    std::optional<dlm::task> task;
    std::vector<std::string> bands;  // lower case
    std::optional<dlm::data_type> data_type;
    std::optional<std::string> framework;  // lower case
    std::optional<bool> gpu;
};

std::optional<dlm::data_type> raster_of(dlm::data_type t) { return dlm::detail::deploy::raster_type(t); }

bool matches(const criteria& c, const dlm::deployment& v) {
    if (c.task && v.task != *c.task) return false;
    for (const auto& wanted : c.bands) {
        const bool found = std::any_of(v.channels.begin(), v.channels.end(), [&](const dlm::channel& ch) {
            return (ch.name && lower(*ch.name) == wanted) || (ch.common_name && lower(*ch.common_name) == wanted);
        });
        if (!found) return false;
    }
    if (c.data_type && v.data_type != *c.data_type &&
        !(v.source_data_type && raster_of(*c.data_type) == v.source_data_type))
        return false;
    if (c.framework && lower(v.framework) != *c.framework) return false;
    if (c.gpu && std::none_of(v.docker.begin(), v.docker.end(),
                              [&](const dlm::docker_option& d) { return d.gpu == *c.gpu; }))
        return false;
    return true;
}

nlohmann::json summary(const std::string& path, const dlm::deployment& v) {
    nlohmann::json bands = nlohmann::json::array();
    for (const auto& ch : v.channels) {
        bands.push_back(ch.name ? nlohmann::json(*ch.name) : ch.common_name ? nlohmann::json(*ch.common_name)
                                                                             : nlohmann::json(ch.band_index));
    }
    nlohmann::json docker = nlohmann::json::array();
    for (const auto& d : v.docker) docker.push_back({{"reference", d.reference()}, {"gpu", d.gpu}});
    return {{"path", path},
            {"id", v.id},
            {"type", v.type},
            {"task", std::string(dlm::to_string(v.task))},
            {"number_of_classes", v.classes.size()},
            {"framework", v.framework},
            {"framework_version", v.framework_version},
            {"data_type", std::string(dlm::to_string(v.data_type))},
            {"bands", std::move(bands)},
            {"docker", std::move(docker)}};
}

std::string text_line(const nlohmann::json& s) {
    std::string bands;
    for (const auto& b : s["bands"]) bands += (bands.empty() ? "" : ",") + (b.is_string() ? b.get<std::string>() : b.dump());
    std::string docker;
    for (const auto& d : s["docker"]) {
        docker += (docker.empty() ? "" : ", ") + d["reference"].get<std::string>() +
                  (d["gpu"].get<bool>() ? " (GPU)" : " (CPU)");
    }
    return s["path"].get<std::string>() + "  " + nlohmann::json(s["id"]).dump() + "  " + s["task"].get<std::string>() +
           "  " + s["framework"].get<std::string>() + " " + s["framework_version"].get<std::string>() + "  " +
           s["data_type"].get<std::string>() + " [" + bands + "]  " + (docker.empty() ? "no docker" : docker) + '\n';
}

}  // namespace find_command

int run_find(argument_cursor args) {
    using namespace find_command;
    read_settings reading;
    criteria c;
    output_format format = output_format::text;
    while (!args.done()) {
        const std::string option = args.next_option();
        if (option.empty()) {
            reading.paths.push_back(args.next_positional());
        } else if (option == "--task") {
            const std::string value = args.value(option);
            c.task = dlm::parse_task(value);
            if (!c.task) throw usage_error("--task: '" + value + "' is not a dlm task (e.g. segmentation)");
        } else if (option == "--band") {
            c.bands.push_back(lower(args.value(option)));
        } else if (option == "--data-type") {
            const std::string value = args.value(option);
            c.data_type = dlm::parse_data_type(value);
            if (!c.data_type) throw usage_error("--data-type: '" + value + "' is not a dlm data type (e.g. uint16)");
        } else if (option == "--framework") {
            c.framework = lower(args.value(option));
        } else if (option == "--gpu" || option == "--no-gpu") {
            args.expect_no_value(option);
            const bool gpu = option == "--gpu";
            if (c.gpu && *c.gpu != gpu) throw usage_error("--gpu and --no-gpu exclude each other");
            c.gpu = gpu;
        } else if (take_read_option(option, args, reading)) {
        } else if (take_format_option(option, args, format)) {
        } else {
            throw usage_error("unknown option " + option);
        }
    }
    if (reading.paths.empty()) throw usage_error("no PATH given (use - for standard input)");

    bool failed = false;
    std::size_t found = 0;
    std::size_t documents = 0;
    const remote_links remote = for_each_document(reading, nullptr, [&](const std::string& path, dlm::input_document& d) {
        ++documents;
        if (!d.document || !d.report.ok()) {
            failed = true;
            std::cerr << "dlm find: " << printable(path) << " cannot be read:\n" << render_findings(d.report, false);
            return;
        }
        if (!dlm::has_extension(*d.document)) return;
        try {
            const dlm::deployment view = dlm::read_deployment(*d.document);
            if (!matches(c, view)) return;
            ++found;
            const nlohmann::json s = summary(path, view);
            std::cout << (format == output_format::json
                              ? s.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n'
                              : text_line(s));
        } catch (const dlm::error& e) {
            std::cerr << "dlm find: " << printable(path) << " holds no readable dlm model: " << printable(e.what()) << '\n';
        }
    });
    std::cerr << remote_links_note("find", remote);
    if (documents == 0) {
        std::cerr << no_document_message("find");
        return exit_failure;
    }
    std::cout << std::flush;
    if (failed) return exit_failure;
    return found != 0 ? exit_ok : exit_invalid;
}

}  // namespace dlm_cli
