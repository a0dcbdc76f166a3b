// The per-input function of the schema fuzz target, shared with tests/test_hostile_schemas.cpp, which replays every
// file in tests/fuzz/schema-crashes/ through it. The input is a schema the library does not ship (as a user would
// register it, or a resolver return it) and documents to validate against it: either the JSON array
// [schema, document...] or any other JSON value, taken as the schema and run on a few fixed documents.
#ifndef DLM_FUZZ_SCHEMA_ONE_HPP
#define DLM_FUZZ_SCHEMA_ONE_HPP

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/detail/schema/bundle.hpp>
#include <dlm/detail/schema/untrusted.hpp>
#include <dlm/detail/validate/engine.hpp>
#include <dlm/error.hpp>
#include <dlm/limits.hpp>
#include <dlm/parse.hpp>

#include "fuzz_checks.hpp"

namespace dlm_fuzz {

/// The shipped schemas by URI, which a fuzzed schema may `$ref`.
inline const std::map<std::string, nlohmann::json>& shipped_documents() {
    static const auto documents = [] {
        std::map<std::string, nlohmann::json> out;
        for (auto& s : dlm::detail::load_shipped_schemas()) out.emplace(s.uri, std::move(s.document));
        return out;
    }();
    return documents;
}

/// Compiles the fuzzed schema under the default schema limits (dlm::error is a refusal, anything else a bug) and runs
/// it on the documents; each report must keep the invariants of check_report. A crash, hang or leak is a bug.
inline void schema_one(std::string_view text) {
    dlm::limits document_limits;
    document_limits.max_depth = 32;
    const dlm::parse_result parsed = dlm::parse(text, document_limits);
    if (!parsed.ok()) return;
    const nlohmann::json& input = *parsed.document;
    nlohmann::json schema = input;
    std::vector<nlohmann::json> documents;
    if (input.is_array() && !input.empty()) {
        schema = input[0];
        for (std::size_t i = 1; i < input.size(); ++i) documents.push_back(input[i]);
    } else {
        documents = {nlohmann::json::object(), nlohmann::json::array({1, "a", nullptr}), std::string(40, 'a') + "!",
                     -9223372036854775807LL - 1, 0.5, nlohmann::json{{"a", {{"b", {1, 2, 2}}}}, {"aaaa", true}}};
    }
    const std::string uri = "https://example.com/fuzz/v1.0.0/schema.json";
    // The default limits, but a smaller step budget and automaton: under ASan a full budget takes seconds, and the
    // target must stay far below libFuzzer's timeout (what the defaults cost is measured in test_hostile_schemas.cpp).
    dlm::schema_limits bounds;
    bounds.max_steps = 20'000;
    bounds.max_pattern_states = 500;
    std::shared_ptr<const valijson::Schema> compiled;
    try {
        compiled = dlm::detail::compile_untrusted(uri, schema, bounds, [](const std::string& target) -> const nlohmann::json* {
            const auto found = shipped_documents().find(target);
            return found == shipped_documents().end() ? nullptr : &found->second;
        });
    } catch (const dlm::error& e) {
        require(e.pointer().empty() || e.pointer().front() == '/', "a refusal's pointer is not a JSON pointer");
        return;
    }
    for (const auto& document : documents) {
        dlm::report out;
        dlm::detail::run_schema(*compiled, document, "", uri, true, bounds.max_steps, out);
        check_report(out);
    }
}

}  // namespace dlm_fuzz

#endif  // DLM_FUZZ_SCHEMA_ONE_HPP
