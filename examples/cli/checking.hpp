// The validator as the commands use it. Only checking.cpp includes <dlm/validator.hpp>: its embedded
// schemas make it the slowest header to compile, so the other files see this small interface instead.
#ifndef DLM_CLI_CHECKING_HPP
#define DLM_CLI_CHECKING_HPP

#include "args.hpp"

#include <dlm/limits.hpp>
#include <dlm/report.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>

namespace dlm {
class validator;
}

namespace dlm_cli {

/// The validator options the commands share (`--relax-companions`, `--schema URI=FILE`).
struct validation_settings {
    bool relax_companions = false;
    std::map<std::string, nlohmann::json> schemas;  ///< by extension URI
    dlm::limits limits{};
};

/// Handles `--relax-companions` and `--schema URI=FILE`: returns false when `option` is neither. Throws
/// usage_error for a bad value or a schema file that cannot be read or is not JSON.
[[nodiscard]] bool take_validation_option(const std::string& option, argument_cursor& args,
                                          validation_settings& settings);

/// A `dlm::validator` built once from the settings; `validate` may be called from any number of threads.
class document_validator {
public:
    /// Throws std::exception when the validator cannot be built (e.g. a `--schema` that is not a schema).
    explicit document_validator(const validation_settings& settings);
    ~document_validator();
    document_validator(const document_validator&) = delete;
    document_validator& operator=(const document_validator&) = delete;

    /// Validates one document (see dlm::validator::validate).
    [[nodiscard]] dlm::report validate(const nlohmann::json& document) const;

private:
    std::unique_ptr<const dlm::validator> validator_;
};

}  // namespace dlm_cli

#endif  // DLM_CLI_CHECKING_HPP
