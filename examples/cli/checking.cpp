#include "checking.hpp"

#include "inputs.hpp"

#include <dlm/parse.hpp>
#include <dlm/validator.hpp>

namespace dlm_cli {

bool take_validation_option(const std::string& option, argument_cursor& args, validation_settings& settings) {
    if (option == "--relax-companions") {
        args.expect_no_value(option);
        settings.relax_companions = true;
        return true;
    }
    if (option != "--schema") return false;
    const std::string value = args.value(option);
    // At the first '=': a URI has none before its query, a file name may have several.
    const auto equals = value.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == value.size())
        throw usage_error("--schema needs URI=FILE, not '" + value + "'");
    const std::string uri = value.substr(0, equals);
    const std::string file = value.substr(equals + 1);
    const file_content content = read_file(file);
    if (!content.ok) throw usage_error("--schema: cannot read " + file + ": " + content.error);
    dlm::parse_result parsed = dlm::parse(content.text, settings.limits);
    if (!parsed.ok()) {
        const std::string reason = parsed.findings.errors.empty() ? "not JSON" : parsed.findings.errors.front().message;
        throw usage_error("--schema: " + file + " is not usable JSON: " + reason);
    }
    settings.schemas.insert_or_assign(uri, std::move(*parsed.document));
    return true;
}

namespace {

dlm::validator_options options_from(const validation_settings& settings) {
    dlm::validator_options options;
    options.relax_companions = settings.relax_companions;
    options.limits = settings.limits;
    for (const auto& [uri, schema] : settings.schemas) options.add_schema(uri, schema);
    return options;
}

}  // namespace

document_validator::document_validator(const validation_settings& settings)
    : validator_(std::make_unique<const dlm::validator>(options_from(settings))) {}

document_validator::~document_validator() = default;

dlm::report document_validator::validate(const nlohmann::json& document) const {
    return validator_->validate(document);
}

}  // namespace dlm_cli
