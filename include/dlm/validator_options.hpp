#ifndef DLM_VALIDATOR_OPTIONS_HPP
#define DLM_VALIDATOR_OPTIONS_HPP

#include <dlm/limits.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace dlm {

/// How a validator is set up; everything here is fixed once the validator is built.
struct validator_options {
    /// Report `dlm.companion.missing` as a warning instead of an error.
    bool relax_companions = false;
    /// Limits applied to every document before any schema sees it.
    dlm::limits limits{};
    /// Extension schemas the library does not ship, by URI (draft-07 JSON Schema); they may `$ref` shipped schemas.
    std::map<std::string, nlohmann::json, std::less<>> schemas;
    /// Called at most once per URI for a declared extension that is neither shipped nor in `schemas`; returns its
    /// schema, or nothing to report `stac.extension.unavailable`. The library itself never touches the network.
    std::function<std::optional<nlohmann::json>(std::string_view uri)> resolver;

    /// Registers an extension schema by URI; returns *this for chaining.
    validator_options& add_schema(std::string uri, nlohmann::json schema) {
        schemas.insert_or_assign(std::move(uri), std::move(schema));
        return *this;
    }
};

}  // namespace dlm

#endif  // DLM_VALIDATOR_OPTIONS_HPP
