#ifndef DLM_DETAIL_VALIDATE_ENGINE_HPP
#define DLM_DETAIL_VALIDATE_ENGINE_HPP

// The machinery behind dlm::validator: the compiled schemas, the dispatch by STAC type and version, the declared
// extensions (shipped, registered, resolved), and the dlm rules.

#include <dlm/detail/migrate/stac_version.hpp>
#include <dlm/detail/schema/bundle.hpp>
#include <dlm/detail/schema/embedded.hpp>
#include <dlm/detail/schema/explain.hpp>
#include <dlm/detail/schema/fast_check.hpp>
#include <dlm/detail/schema/untrusted.hpp>
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

#include <condition_variable>
#include <locale>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace dlm::detail {

/// Runs one compiled schema on `document`: a yes/no pass (schema_check), and valijson with results to explain a "no".
/// Findings get `prefix` before their pointers and "(what)" after their messages. `max_steps` bounds each pass of a
/// schema the library does not ship (see step_constraint); shipped schemas do not count steps.
/// Runs one compiled schema, whose `$id` is `uri`, on `document`: its findings carry `uri` (finding::schema), and, for
/// a companion or other extension (`is_extension`), name it in the message too.
inline void run_schema(const valijson::Schema& schema, const nlohmann::json& document, const std::string& prefix,
                       const std::string& uri, bool is_extension, std::size_t max_steps, report& out) {
    const std::string what = is_extension ? "extension " + uri : std::string();
    // Both keep a cache of compiled regexes and are not thread-safe: one of each per thread.
    thread_local schema_check::regex_cache regexes;
    thread_local valijson::Validator engine(valijson::Validator::kStrongTypes);
    const std::string suffix = what.empty() ? std::string() : " (" + what + ")";
    try {
        step_budget_left() = max_steps;
        if (schema_check(regexes).accepts(schema, document)) return;
        step_budget_left() = max_steps;
        const valijson::adapters::NlohmannJsonAdapter target(document);
        valijson::ValidationResults results;
        std::vector<finding> findings;
        if (!engine.validate(schema, target, &results)) findings = to_findings(results, document, prefix);
        if (findings.empty()) {  // a bug in schema_check or in valijson: never let it pass unnoticed
            out.errors.push_back({rules::schema_error, prefix,
                                  "the schema check rejects this document but valijson finds no error" + suffix, uri});
        }
        for (auto& f : findings) {
            f.message += suffix;
            f.schema = uri;
            out.errors.push_back(std::move(f));
        }
    } catch (const step_budget_exceeded&) {
        out.errors.push_back({rules::schema_error, prefix,
                              "not checked: the schema needs more than " + std::to_string(max_steps) +
                                  " steps on this document (schema_limits::max_steps)" + suffix,
                              uri});
    } catch (const std::exception& e) {
        out.errors.push_back({rules::schema_error, prefix, "validation stopped" + suffix + ": " + sanitize(e.what(), 300), uri});
    }
}

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

    /// Parses `text` under the configured limits.
    [[nodiscard]] parse_result parse(std::string_view text) const { return dlm::parse(text, state_.options.limits); }

    /// Validates a document that dlm::parse read (its limits are walked already) and adds the findings to `out`,
    /// which holds the parser's: nothing is validated after a finding that means the document was not read whole.
    void validate_parsed(const nlohmann::json& document, report& out) const {
        if (!has_fatal_input_finding(out)) validate_within_limits(document, out);
    }

    /// Parses `text` under the limits and validates the document once; the document stays in the result.
    [[nodiscard]] parse_result parse_and_validate(std::string_view text) const {
        parse_result parsed = parse(text);
        if (parsed.document) validate_parsed(*parsed.document, parsed.findings);
        return parsed;
    }

private:
    void validate_within_limits(const nlohmann::json& document, report& out, bool hint = true) const {
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
        if (hint && !out.ok()) {
            add_upgrade_hint(document, out, [this](const nlohmann::json& upgraded) {
                report again;
                validate_within_limits(upgraded, again, false);
                return again.errors.size();
            });
        }
    }

    using compiled = std::shared_ptr<const valijson::Schema>;

    /// The outcome of resolving one URI: a compiled schema, a failure (`stac.extension.invalid-schema`), or neither
    /// (`stac.extension.unavailable`). Written once, by its owner, under resolved_mutex.
    struct resolution {
        bool done = false;
        std::thread::id owner;
        compiled schema;
        std::string failure;
    };

    struct state {
        explicit state(validator_options opts) : options(std::move(opts)) {
            prime_ctype();
            for (shipped_schema& shipped : load_shipped_schemas()) {
                if (shipped.is_root()) shipped_roots.insert(shipped.uri);
                documents.insert_or_assign(std::move(shipped.uri), std::move(shipped.document));
            }
            for (auto& [uri, schema] : options.schemas) {
                // A shipped schema holds the rules this library promises (and its errata); replacing one, e.g. the
                // dlm schema with `{}`, would switch those rules off while reports still claim them.
                if (documents.count(uri) || dlm::extensions::validated_as(uri) != uri) {
                    throw error("", "schema " + quote(uri) + " is shipped with the library; a registered schema cannot replace it");
                }
                try {
                    untrusted_schema_check(options.schema_limits)(schema);
                } catch (const error& e) {
                    throw error(e.pointer(), "schema " + quote(uri) + ": " + e.reason());
                }
                documents.insert_or_assign(uri, schema);
            }
            schema_bundler bundler(lookup());
            for (const std::string& uri : shipped_roots) roots.emplace(uri, compile_shipped(bundler, uri));
            // A registered schema is compiled as a resolved one is (its bundling steps counted, its reference chains
            // bounded); every registered schema was checked above, so the ones it reaches by $ref are bounded too.
            for (const auto& [uri, schema] : options.schemas) {
                try {
                    roots.emplace(uri, compile_untrusted(uri, schema, options.schema_limits, lookup()));
                } catch (const error& e) {
                    throw error(e.pointer(), "schema " + quote(uri) + ": " + e.reason());
                }
            }
        }

        schema_lookup lookup() const {
            return [this](const std::string& uri) -> const nlohmann::json* {
                const auto found = documents.find(uri);
                return found == documents.end() ? nullptr : &found->second;
            };
        }

        /// Shipped roots (core schemas by type and version, extension schemas) are compiled; the other shipped
        /// schemas are parts that these reach by $ref.
        static compiled compile_shipped(schema_bundler& bundler, const std::string& uri) {
            try {
                return compile_bundle(bundler.bundle(uri, false));
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

        // Resolved schemas, one entry per URI, resolved once by the first thread that needs it (without holding the
        // mutex); the others wait for that entry only. `waiting` lets a thread see that waiting would close a cycle
        // (a resolver validating a document that declares a URI its own call, or one waiting for it, resolves).
        std::mutex resolved_mutex;
        std::condition_variable resolved_changed;
        std::map<std::string, std::shared_ptr<resolution>, std::less<>> resolved;   // guarded by resolved_mutex
        std::map<std::thread::id, std::shared_ptr<const resolution>> waiting;       // guarded by resolved_mutex
    };

    static bool has_fatal_input_finding(const report& r) {
        for (const auto& f : r.errors) {
            if (f.rule == rules::input_syntax || f.rule == rules::input_too_large || f.rule == rules::input_too_deep ||
                f.rule == rules::input_too_many_elements || f.rule == rules::input_string_too_long ||
                f.rule == rules::input_invalid_utf8) {
                return true;
            }
        }
        return false;
    }

    /// The compiled schema for an extension URI: shipped or registered, else the resolver's (resolved once; its
    /// failure is reported at `pointer` every time).
    compiled extension_schema(const std::string& uri, report& out, const std::string& pointer) const {
        if (const auto found = state_.roots.find(dlm::extensions::validated_as(uri)); found != state_.roots.end()) return found->second;
        if (!state_.options.resolver) return nullptr;
        std::shared_ptr<resolution> entry;
        bool mine = false;
        {
            std::unique_lock<std::mutex> lock(state_.resolved_mutex);
            auto& slot = state_.resolved[uri];
            if (!slot) {
                slot = std::make_shared<resolution>();
                slot->owner = std::this_thread::get_id();
                mine = true;
            }
            entry = slot;
            while (!entry->done && !mine) {
                if (waiting_would_deadlock(*entry)) {
                    out.error(rules::stac_extension_invalid_schema, pointer,
                              "the schema of " + quote(uri) +
                                  " cannot be used here: it is being resolved, and the resolver is waiting for this validation");
                    return nullptr;
                }
                state_.waiting[std::this_thread::get_id()] = entry;
                state_.resolved_changed.wait(lock);
                state_.waiting.erase(std::this_thread::get_id());
            }
        }
        if (mine) {
            resolution outcome = resolve(uri);  // no lock held: the resolver may take long, or validate
            {
                const std::lock_guard<std::mutex> lock(state_.resolved_mutex);
                entry->schema = std::move(outcome.schema);
                entry->failure = std::move(outcome.failure);
                entry->done = true;
            }
            state_.resolved_changed.notify_all();
        }
        // `entry` is done and never written again.
        if (!entry->failure.empty()) out.error(rules::stac_extension_invalid_schema, pointer, entry->failure);
        return entry->schema;
    }

    /// True when the owner of `entry` waits, directly or through other owners, for this thread. Under resolved_mutex.
    bool waiting_would_deadlock(const resolution& entry) const {
        const std::thread::id self = std::this_thread::get_id();
        const resolution* at = &entry;
        for (std::size_t hops = 0; hops <= state_.waiting.size(); ++hops) {
            if (at->owner == self) return true;
            const auto next = state_.waiting.find(at->owner);
            if (next == state_.waiting.end() || next->second->done) return false;
            at = next->second.get();
        }
        return false;
    }

    /// Calls the resolver for `uri` and compiles what it returns, under the schema limits; never throws.
    resolution resolve(const std::string& uri) const {
        resolution outcome;
        const std::string what = "the schema of " + quote(uri) + " cannot be used: ";
        std::optional<nlohmann::json> fetched;
        try {
            fetched = state_.options.resolver(uri);
        } catch (const std::exception& e) {
            outcome.failure = what + "the resolver failed: " + sanitize(e.what(), 300);
            return outcome;
        } catch (...) {
            outcome.failure = what + "the resolver failed with an exception that is not a std::exception";
            return outcome;
        }
        if (!fetched) return outcome;  // unavailable
        try {
            // It may refer to shipped and registered schemas, and to itself.
            outcome.schema = compile_untrusted(uri, *fetched, state_.options.schema_limits, state_.lookup());
        } catch (const error& e) {
            outcome.failure = what + (e.pointer().empty() ? std::string() : sanitize(e.pointer(), 200) + ": ") +
                              sanitize(e.reason(), 400);
        } catch (const std::exception& e) {
            outcome.failure = what + sanitize(e.what(), 300);
        }
        return outcome;
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
                run_schema(*core->second, document, prefix, uri, false, state_.options.schema_limits.max_steps, out);
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
                    run_schema(*schema, document, prefix, uri, uri != extension_identifier,
                               state_.options.schema_limits.max_steps, out);
                } else if (!has_finding_at(out, pointer)) {
                    out.warning(rules::stac_extension_unavailable, pointer,
                                "no schema for " + quote(uri) +
                                    " is shipped or registered; its fields were not checked");
                }
            }
        }

        if (!is_catalog) warn_if_deprecated(document, is_item, prefix, out);
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

    /// A warning for an Item or Collection that the version extension marks `deprecated: true`, naming the href of
    /// its `latest-version` link (else `successor-version`) when it has one, as pystac warns when it reads one.
    static void warn_if_deprecated(const nlohmann::json& document, bool is_item, const std::string& prefix,
                                   report& out) {
        const auto* fields = is_item ? member(document, "properties") : &document;
        if (fields == nullptr || !fields->is_object()) return;
        const auto* deprecated = member(*fields, "deprecated");
        if (deprecated == nullptr || *deprecated != true) return;
        std::string message = "the document is marked deprecated (version extension `deprecated: true`)";
        std::string successor;
        if (const auto* links = member(document, "links"); links && links->is_array()) {
            for (const char* rel : {"latest-version", "successor-version"}) {
                for (const auto& link : *links) {
                    const auto* link_rel = link.is_object() ? member(link, "rel") : nullptr;
                    const auto* href = link.is_object() ? member(link, "href") : nullptr;
                    if (link_rel && *link_rel == rel && href && href->is_string()) {
                        successor = "; its " + std::string(rel) + " link leads to " + quote(href->get<std::string>());
                        break;
                    }
                }
                if (!successor.empty()) break;
            }
        }
        message += successor.empty() ? "; it names no latest-version or successor-version link" : successor;
        out.warning(rules::stac_deprecated, prefix + (is_item ? "/properties/deprecated" : "/deprecated"), message);
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
