// detail::schema_check (the validator's yes/no pass) and valijson must give the same verdict for every schema and
// every document. Shared by tests/test_schema_check.cpp and the validate fuzz target.
#ifndef DLM_FUZZ_SCHEMA_AGREEMENT_HPP
#define DLM_FUZZ_SCHEMA_AGREEMENT_HPP

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/detail/schema/bundle.hpp>
#include <dlm/detail/schema/fast_check.hpp>

namespace dlm_fuzz {

/// Every shipped root schema, bundled and compiled as the validator does it.
inline const std::map<std::string, std::shared_ptr<const valijson::Schema>>& shipped_roots() {
    static const auto roots = [] {
        const std::vector<dlm::detail::shipped_schema> shipped = dlm::detail::load_shipped_schemas();
        std::map<std::string, const nlohmann::json*> by_uri;
        for (const auto& s : shipped) by_uri.emplace(s.uri, &s.document);
        dlm::detail::schema_bundler bundler([&](const std::string& uri) -> const nlohmann::json* {
            const auto found = by_uri.find(uri);
            return found == by_uri.end() ? nullptr : found->second;
        });
        std::map<std::string, std::shared_ptr<const valijson::Schema>> out;
        for (const auto& s : shipped) {
            if (s.is_root()) out.emplace(s.uri, dlm::detail::compile_bundle(bundler.bundle(s.uri)));
        }
        return out;
    }();
    return roots;
}

struct verdicts {
    bool check = false;                  // detail::schema_check
    bool valijson = false;               // valijson without results (stops at the first failure)
    bool valijson_with_results = false;  // valijson collecting every error
};

inline verdicts judge(const valijson::Schema& schema, const nlohmann::json& document, bool with_results = true) {
    thread_local dlm::detail::schema_check::regex_cache regexes;
    thread_local valijson::Validator engine(valijson::Validator::kStrongTypes);
    const valijson::adapters::NlohmannJsonAdapter target(document);
    verdicts v;
    v.check = dlm::detail::schema_check(regexes).accepts(schema, document);
    v.valijson = engine.validate(schema, target, nullptr);
    if (with_results) {
        valijson::ValidationResults results;
        v.valijson_with_results = engine.validate(schema, target, &results);
    } else {
        v.valijson_with_results = v.valijson;
    }
    return v;
}

}  // namespace dlm_fuzz

#endif  // DLM_FUZZ_SCHEMA_AGREEMENT_HPP
