#include "validation_options.hpp"

#include "inputs.hpp"
#include "output.hpp"

#include <dlm/parse.hpp>

#include <exception>
#include <iostream>
#include <utility>

namespace dlm_cli {

bool take_validation_option(const std::string& option, argument_cursor& args, dlm::validator_options& options) {
    if (option == "--relax-companions") {
        args.expect_no_value(option);
        options.relax_companions = true;
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
    dlm::parse_result parsed = dlm::parse(content.text, options.limits);
    if (!parsed.ok()) {
        const std::string reason = parsed.findings.errors.empty() ? "not JSON" : parsed.findings.errors.front().message;
        throw usage_error("--schema: " + file + " is not usable JSON: " + reason);
    }
    options.add_schema(uri, std::move(*parsed.document));
    return true;
}

std::optional<dlm::validator> make_validator(std::string_view command, dlm::validator_options options) {
    try {
        return dlm::validator(std::move(options));
    } catch (const std::exception& e) {
        std::cerr << "dlm " << command << ": cannot set up the validator: " << printable(e.what()) << '\n';
        return std::nullopt;
    }
}

}  // namespace dlm_cli
