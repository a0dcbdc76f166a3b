// libFuzzer target: untrusted text through dlm::parse, then the deployment view and the model / imagery match (the
// document against itself, and the bundled wetland view against the document). Only dlm::error may escape
// read_deployment; match never throws; every report must pass check_report and every result must dump as JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include <dlm/deployment.hpp>
#include <dlm/error.hpp>
#include <dlm/match.hpp>
#include <dlm/parse.hpp>

#include "fuzz_target.hpp"
#include "fuzz_checks.hpp"

namespace dlm_fuzz_deploy {

void check_match(const dlm::deployment& view, const nlohmann::json& imagery) {
    const dlm::match_result result = dlm::match(view, imagery);
    dlm_fuzz::check_report(result.findings);
    dlm_fuzz::require(result.channels.size() == view.channels.size() || result.label.has_value(),
                      "a match result without one entry per channel");
    static_cast<void>(nlohmann::json(result).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

int one_input(const std::uint8_t* data, std::size_t size) {
    const dlm::parse_result parsed = dlm::parse(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!parsed.document) return 0;
    try {
        const dlm::deployment view = dlm::read_deployment(*parsed.document);
        dlm_fuzz::check_report(view.findings);
        static_cast<void>(nlohmann::json(view).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        check_match(view, *parsed.document);
    } catch (const dlm::error&) {
    }
    return 0;
}

const dlm_fuzz::target_registration registration{"deploy", &one_input};

}  // namespace dlm_fuzz_deploy
