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
    /// Limits on the schemas in `schemas` and those the resolver returns (see the README's "Limits and guarantees").
    dlm::schema_limits schema_limits{};
    /// Extension schemas the library does not ship, by URI (draft-07 JSON Schema); they may `$ref` shipped schemas
    /// and each other. A URI the library ships cannot be registered: the validator's constructor throws dlm::error.
    std::map<std::string, nlohmann::json, std::less<>> schemas{};
    /// Called at most once per URI, the first time a document declares an extension that is neither shipped nor in
    /// `schemas`; returns its schema, or nothing to report `stac.extension.unavailable` (a warning). A schema that
    /// breaks `schema_limits` or cannot be compiled, a value that is not a schema, and an exception thrown by the
    /// resolver are `stac.extension.invalid-schema` (an error). Either outcome is kept: every later document that
    /// declares the URI gets the same finding, from any thread. A resolved schema may `$ref` shipped and registered
    /// schemas and itself, nothing else.
    ///
    /// It is called from whichever thread validates such a document, without any lock held, while other threads
    /// validate (those that need the same URI wait for it). So it must be thread-safe, and it may call `validate` on
    /// any validator, this one included, except with a document that declares a URI being resolved at that moment
    /// (by this call or by one waiting for it): that inner call reports `stac.extension.invalid-schema` instead of
    /// waiting forever. The library itself never touches the network.
    std::function<std::optional<nlohmann::json>(std::string_view uri)> resolver{};

    /// Registers an extension schema by URI; returns *this for chaining.
    validator_options& add_schema(std::string uri, nlohmann::json schema) {
        schemas.insert_or_assign(std::move(uri), std::move(schema));
        return *this;
    }
};

}  // namespace dlm

#endif  // DLM_VALIDATOR_OPTIONS_HPP
