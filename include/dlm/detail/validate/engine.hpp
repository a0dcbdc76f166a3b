#ifndef DLM_DETAIL_VALIDATE_ENGINE_HPP
#define DLM_DETAIL_VALIDATE_ENGINE_HPP

// The machinery behind dlm::validator: the compiled schemas, the dispatch by STAC type and version, the declared
// extensions (shipped, registered, resolved), and the dlm rules.

#include <dlm/detail/migrate/stac_version.hpp>
#include <dlm/detail/schema/bundle.hpp>
#include <dlm/detail/schema/embedded.hpp>
#include <dlm/detail/schema/explain.hpp>
#include <dlm/detail/schema/fast_check.hpp>
#include <dlm/detail/schema/valijson.hpp>
#include <dlm/detail/stac/document_type.hpp>
#include <dlm/detail/validate/dlm_rules.hpp>
#include <dlm/detail/validate/upgrade_hint.hpp>
#include <dlm/error.hpp>
#include <dlm/extensions.hpp>
#include <dlm/limits.hpp>
#include <dlm/parse.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>
#include <dlm/validator_options.hpp>
#include <dlm/version.hpp>

#include <nlohmann/json.hpp>

#include <locale>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm::detail {

/// Compiles every schema once and validates documents against them; const and thread-safe after construction.
class validation_engine {
public:
    explicit validation_engine(validator_options options) : state_(std::move(options)) {}
    // The compiled schemas' lookup refers to this object: it stays where it was built.
    validation_engine(const validation_engine&) = delete;
    validation_engine& operator=(const validation_engine&) = delete;

    [[nodiscard]] report validate(const nlohmann::json& document) const {
        report out = check_limits(document, state_.options.limits);
        if (!has_fatal_input_finding(out)) validate_within_limits(document, out);
        return out;
    }

    [[nodiscard]] report validate_text(std::string_view text) const {
        parse_result parsed = parse_and_validate(text);
        return std::move(parsed.findings);
    }

    /// Parses `text` under the limits and validates the document once; the document stays in the result.
    [[nodiscard]] parse_result parse_and_validate(std::string_view text) const {
        parse_result parsed = parse(text, state_.options.limits);
        if (parsed.document && !has_fatal_input_finding(parsed.findings)) {
            validate_within_limits(*parsed.document, parsed.findings);
        }
        return parsed;
    }

private:
    void validate_within_limits(const nlohmann::json& document, report& out) const {
        if (type_of(document) == stac_type::item_collection) {
            const auto features = document.find("features");
            if (features == document.end() || !features->is_array()) {
                out.error(rules::schema, "/features", "a FeatureCollection needs a \"features\" array");
                return;
            }
            for (std::size_t i = 0; i < features->size(); ++i) {
                validate_one((*features)[i], "/features/" + std::to_string(i), out);
            }
        } else {
            validate_one(document, "", out);
        }
        if (!out.ok()) add_upgrade_hint(document, out);
    }

    using compiled = std::shared_ptr<const valijson::Schema>;

    struct state {
        explicit state(validator_options opts) : options(std::move(opts)) {
            prime_ctype();
            for (shipped_schema& shipped : load_shipped_schemas()) {
                if (shipped.is_root()) shipped_roots.insert(shipped.uri);
                documents.insert_or_assign(std::move(shipped.uri), std::move(shipped.document));
            }
            for (auto& [uri, schema] : options.schemas) {
                if (!schema.is_object() && !schema.is_boolean()) {
                    throw error("", "schema " + quote(uri) + " is not a JSON Schema (expected an object or a boolean)");
                }
                documents.insert_or_assign(uri, schema);
            }
            schema_bundler bundler(lookup());
            for (const auto& [uri, schema] : documents) {
                if (is_root(uri)) roots.emplace(uri, compile(bundler, uri));
            }
        }

        /// Shipped roots (core schemas by type and version, extension schemas) and registered schemas are compiled;
        /// the other shipped schemas are parts that these reach by $ref.
        bool is_root(const std::string& uri) const { return options.schemas.count(uri) || shipped_roots.count(uri); }

        schema_lookup lookup() const {
            return [this](const std::string& uri) -> const nlohmann::json* {
                const auto found = documents.find(uri);
                if (found != documents.end()) return &found->second;
                const auto extra = resolved_documents.find(uri);
                return extra == resolved_documents.end() ? nullptr : &extra->second;
            };
        }

        static compiled compile(schema_bundler& bundler, const std::string& uri) {
            const nlohmann::json bundle = bundler.bundle(uri);
            try {
                return compile_bundle(bundle);
            } catch (const error&) {
                throw;
            } catch (const std::exception& e) {
                throw error("", "schema " + quote(uri) + " cannot be compiled: " + sanitize(e.what(), 300));
            }
        }

        /// libstdc++ fills std::ctype<char>'s narrow cache lazily, racing when threads build regexes at once.
        static void prime_ctype() {
            const auto& ctype = std::use_facet<std::ctype<char>>(std::locale());
            for (int c = 0; c < 256; ++c) static_cast<void>(ctype.narrow(static_cast<char>(c), 0));
        }

        validator_options options;
        std::map<std::string, nlohmann::json, std::less<>> documents;
        std::set<std::string, std::less<>> shipped_roots;
        std::map<std::string, compiled, std::less<>> roots;

        std::mutex resolved_mutex;
        std::map<std::string, nlohmann::json, std::less<>> resolved_documents;  // guarded by resolved_mutex
        std::map<std::string, compiled, std::less<>> resolved;                  // nullptr: unavailable
    };

    static bool has_fatal_input_finding(const report& r) {
        for (const auto& f : r.errors) {
            if (f.rule == rules::input_syntax || f.rule == rules::input_too_large || f.rule == rules::input_too_deep ||
                f.rule == rules::input_too_many_elements || f.rule == rules::input_string_too_long) {
                return true;
            }
        }
        return false;
    }

    /// The compiled schema for an extension URI: shipped or registered, else the resolver's (compiled once).
    compiled extension_schema(const std::string& uri, report& out, const std::string& pointer) const {
        if (const auto found = state_.roots.find(dlm::extensions::validated_as(uri)); found != state_.roots.end()) return found->second;
        if (!state_.options.resolver) return nullptr;
        std::lock_guard<std::mutex> lock(state_.resolved_mutex);
        if (const auto found = state_.resolved.find(uri); found != state_.resolved.end()) return found->second;
        compiled schema;
        try {
            if (auto fetched = state_.options.resolver(uri); fetched && (fetched->is_object() || fetched->is_boolean())) {
                state_.resolved_documents.insert_or_assign(uri, std::move(*fetched));
                schema_bundler bundler(state_.lookup());
                schema = state::compile(bundler, uri);
            }
        } catch (const std::exception& e) {
            out.error(rules::stac_extension_invalid_schema, pointer,
                      "the schema of " + quote(uri) + " cannot be used: " + sanitize(e.what(), 300));
            state_.resolved_documents.erase(uri);
        }
        state_.resolved.emplace(uri, schema);
        return schema;
    }

    /// Runs one compiled schema: a yes/no pass (schema_check), and valijson with results to explain a "no".
    static void run(const valijson::Schema& schema, const nlohmann::json& document, const std::string& prefix,
                    const std::string& what, report& out) {
        // Both keep a cache of compiled regexes and are not thread-safe: one of each per thread.
        thread_local schema_check::regex_cache regexes;
        thread_local valijson::Validator engine(valijson::Validator::kStrongTypes);
        try {
            if (schema_check(regexes).accepts(schema, document)) return;
            const valijson::adapters::NlohmannJsonAdapter target(document);
            valijson::ValidationResults results;
            std::vector<finding> findings;
            if (!engine.validate(schema, target, &results)) findings = to_findings(results, document, prefix);
            if (findings.empty()) {  // a bug in schema_check or in valijson: never let it pass unnoticed
                out.error(rules::schema_error, prefix, "the schema check rejects this document but valijson finds no error" +
                                                      (what.empty() ? std::string() : " (" + what + ")"));
            }
            for (auto& f : findings) {
                if (!what.empty()) f.message += " (" + what + ")";
                out.errors.push_back(std::move(f));
            }
        } catch (const std::exception& e) {
            out.error(rules::schema_error, prefix, "validation stopped (" + what + "): " + sanitize(e.what(), 300));
        }
    }

    void validate_one(const nlohmann::json& document, const std::string& prefix, report& out) const {
        if (!document.is_object()) {
            out.error(rules::schema, prefix, "expected a STAC object, found " + describe_type(document));
            return;
        }
        const auto* type = member(document, "type");
        const stac_type kind = type_of(document);
        const bool is_item = kind == stac_type::item;
        const bool is_catalog = kind == stac_type::catalog;
        if (!is_item && kind != stac_type::collection && !is_catalog) {
            out.error(rules::stac_type_unknown, prefix + "/type",
                      "expected \"Feature\", \"Collection\", \"Catalog\" or \"FeatureCollection\", found " +
                          (type ? quote(type->is_string() ? type->get<std::string>() : type->dump()) : std::string("nothing")));
            return;
        }

        const auto* version = member(document, "stac_version");
        const std::string stac_version = version && version->is_string() ? version->get<std::string>() : std::string();
        if (stac_version == "1.0.0" || stac_version == "1.1.0") {
            const std::string spec = is_item ? "item-spec/json-schema/item.json"
                                             : kind == stac_type::collection ? "collection-spec/json-schema/collection.json"
                                                                    : "catalog-spec/json-schema/catalog.json";
            const std::string uri = "https://schemas.stacspec.org/v" + stac_version + "/" + spec;
            if (const auto core = state_.roots.find(uri); core != state_.roots.end()) {
                run(*core->second, document, prefix, "", out);
            }
        } else if (const auto found = migrate::parse_semantic_version(stac_version);
                   found && migrate::before(*found, "1.0.0")) {
            out.error(rules::stac_version_unsupported, prefix + "/stac_version",
                      "stac_version " + quote(stac_version) + " is a STAC version before 1.0.0, which this library does "
                      "not validate; `dlm upgrade` migrates the document to STAC 1.0.0 (or 1.1.0 with --to 1.1.0)");
        } else {
            out.error(rules::stac_version_unsupported, prefix + "/stac_version",
                      "stac_version must be \"1.0.0\" or \"1.1.0\", found " +
                          (version ? quote(version->is_string() ? version->get<std::string>() : version->dump())
                                   : std::string("nothing")));
        }

        bool declared = false;
        if (const auto* extensions = member(document, "stac_extensions"); extensions && extensions->is_array()) {
            std::set<std::string_view> seen;  // a repeated entry is checked once (the core schema reports the repeat)
            for (std::size_t i = 0; i < extensions->size(); ++i) {
                const auto& entry = (*extensions)[i];
                if (!entry.is_string()) continue;  // the core schema reports it
                const std::string& uri = entry.get_ref<const std::string&>();
                if (!seen.insert(uri).second) continue;
                const std::string pointer = prefix + "/stac_extensions/" + std::to_string(i);
                if (uri == extension_identifier) {
                    declared = true;
                    if (is_catalog) {
                        out.error(rules::dlm_extension_scope, pointer,
                                  "a Catalog declares the dlm extension, whose scope is Item and Collection");
                        continue;
                    }
                }
                if (uri == legacy_extension_short_name) continue;  // not an IRI: the core schema reports it
                if (const compiled schema = extension_schema(uri, out, pointer)) {
                    run(*schema, document, prefix, uri == extension_identifier ? "" : "extension " + uri, out);
                } else if (!has_finding_at(out, pointer)) {
                    out.warning(rules::stac_extension_unavailable, pointer,
                                "no schema for " + quote(uri) +
                                    " is shipped or registered; its fields were not checked");
                }
            }
        }

        check_placement(document, is_item, is_catalog, declared, prefix, out);
        if (declared && !is_catalog) {
            check_companions(document, state_.options.relax_companions, prefix, out);
            if (is_item) {
                if (const auto* properties = member(document, "properties"); properties && properties->is_object()) {
                    check_consistency(*properties, prefix + "/properties", out);
                }
            } else {
                check_consistency(document, prefix, out);
            }
        }
    }

    static bool has_finding_at(const report& r, const std::string& pointer) {
        for (const auto& f : r.errors) {
            if (f.pointer == pointer) return true;
        }
        return false;
    }

    mutable state state_;
};

}  // namespace dlm::detail

#endif  // DLM_DETAIL_VALIDATE_ENGINE_HPP
