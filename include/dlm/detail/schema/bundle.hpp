#ifndef DLM_DETAIL_SCHEMA_BUNDLE_HPP
#define DLM_DETAIL_SCHEMA_BUNDLE_HPP

// Turns a schema and every schema it refers to into ONE self-contained document whose `$ref`s are all local
// ("#/definitions/s<N>/..."), ready for valijson. valijson ignores `$id` and caches the local refs of fetched
// documents by pointer alone, so two fetched extension schemas that both define `#/definitions/fields` would share one
// subschema; bundled, every pointer is unique and no fetch ever happens. The bundler also renames the keywords that
// constraints.hpp implements, marks anyOf/oneOf branches for findings.hpp, and rejects `$ref` cycles that never
// consume a level of the instance (valijson would overflow the stack on them).

#include <dlm/detail/schema/keywords.hpp>
#include <dlm/detail/schema/markers.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/quote.hpp>
#include <dlm/detail/schema/embedded.hpp>
#include <dlm/detail/schema/shipped_text.hpp>
#include <dlm/detail/schema/valijson.hpp>
#include <dlm/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <deque>
#include <set>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm::detail {

/// Finds a schema by its absolute URI (no fragment); nullptr when unknown.
using schema_lookup = std::function<const nlohmann::json*(const std::string& uri)>;

/// RFC 3986 reference resolution, enough for schema URIs: absolute references win, "#..." keeps the base,
/// anything else replaces the base's last path segment (with "." and ".." segments removed).
inline std::string resolve_uri(std::string_view base, std::string_view reference) {
    const auto has_scheme = [](std::string_view text) {
        const auto colon = text.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        for (std::size_t i = 0; i < colon; ++i) {
            const char c = text[i];
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!ok) return false;
        }
        return true;
    };
    if (has_scheme(reference)) return std::string(reference);
    std::string stem(base.substr(0, base.find('#')));
    if (reference.empty() || reference.front() == '#') return stem + std::string(reference);
    std::string path;
    std::string prefix;
    if (reference.front() == '/') {
        const auto authority = stem.find("//");
        const auto path_start = authority == std::string::npos ? stem.find(':') + 1 : stem.find('/', authority + 2);
        prefix = stem.substr(0, path_start == std::string::npos ? stem.size() : path_start);
        path = std::string(reference);
    } else {
        const auto slash = stem.rfind('/');
        prefix.clear();
        path = (slash == std::string::npos ? std::string() : stem.substr(0, slash + 1)) + std::string(reference);
    }
    // Remove dot segments from the path (the part after the authority, if any).
    std::size_t path_from = 0;
    if (prefix.empty()) {
        const auto authority = path.find("//");
        if (authority != std::string::npos) path_from = path.find('/', authority + 2);
        if (path_from == std::string::npos) return path;
        prefix = path.substr(0, path_from);
        path = path.substr(path_from);
    }
    std::string suffix;
    if (const auto mark = path.find_first_of("?#"); mark != std::string::npos) {
        suffix = path.substr(mark);
        path.resize(mark);
    }
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= path.size()) {
        const auto end = path.find('/', start);
        std::string segment = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (segment == "..") {
            if (segments.size() > 1) segments.pop_back();
        } else if (segment != ".") {
            segments.push_back(std::move(segment));
        } else if (end == std::string::npos) {
            segments.emplace_back();
        }
        if (end == std::string::npos) break;
        start = end + 1;
    }
    std::string joined;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i > 0) joined += '/';
        joined += segments[i];
    }
    return prefix + joined + suffix;
}

/// What a schema keyword holds, for the walkers below.
enum class keyword_role { other, schema, schema_array, schema_map, schema_or_array, dependencies };

inline keyword_role role_of(std::string_view keyword) {
    if (keyword == "properties" || keyword == "patternProperties" || keyword == "definitions") return keyword_role::schema_map;
    if (keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf") return keyword_role::schema_array;
    if (keyword == "items") return keyword_role::schema_or_array;
    if (keyword == "dependencies") return keyword_role::dependencies;
    if (keyword == "additionalItems" || keyword == "additionalProperties" || keyword == "contains" ||
        keyword == "propertyNames" || keyword == "not" || keyword == "if" || keyword == "then" || keyword == "else") {
        return keyword_role::schema;
    }
    return keyword_role::other;
}

/// Calls `visit(child, keyword_path)` for every direct subschema of `node` ("properties/name", "anyOf/0", ...).
template <typename Json, typename Visit>
void for_each_subschema(Json& node, Visit&& visit) {
    if (!node.is_object()) return;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const std::string& keyword = it.key();
        auto& value = it.value();
        std::string path;
        append(path, keyword);
        switch (role_of(keyword)) {
            case keyword_role::schema: visit(value, path, keyword); break;
            case keyword_role::schema_or_array:
                if (!value.is_array()) {
                    visit(value, path, keyword);
                    break;
                }
                [[fallthrough]];
            case keyword_role::schema_array:
                if (value.is_array()) {
                    for (std::size_t i = 0; i < value.size(); ++i) {
                        std::string item_path = path;
                        append(item_path, i);
                        visit(value[i], item_path, keyword);
                    }
                }
                break;
            case keyword_role::schema_map:
            case keyword_role::dependencies:
                if (value.is_object()) {
                    for (auto member = value.begin(); member != value.end(); ++member) {
                        if (keyword == "dependencies" && member.value().is_array()) continue;  // property dependencies
                        std::string member_path = path;
                        append(member_path, member.key());
                        visit(member.value(), member_path, keyword);
                    }
                }
                break;
            case keyword_role::other: break;
        }
    }
}

/// Builds bundles; the branch counter runs across bundles so that every anyOf/oneOf has its own id.
class schema_bundler {
public:
    explicit schema_bundler(schema_lookup lookup) : lookup_(std::move(lookup)) {}

    /// The self-contained schema for `root_uri`: {"$ref": "#/definitions/s0", "definitions": {"s0": ..., ...}}.
    /// Throws dlm::error (pointer inside the offending schema) for a reference that cannot be resolved or a cycle.
    /// With `count_steps`, every subschema counts against the run's step budget (step_constraint): for schemas the
    /// library does not ship.
    [[nodiscard]] nlohmann::json bundle(const std::string& root_uri, bool count_steps = false) {
        count_steps_ = count_steps;
        std::vector<std::string> uris{root_uri};
        std::map<std::string, std::size_t, std::less<>> index{{root_uri, 0}};
        nlohmann::json definitions = nlohmann::json::object();
        std::deque<nlohmann::json> hoisted;
        for (std::size_t k = 0; k < uris.size(); ++k) {
            const nlohmann::json* source = lookup_(uris[k]);
            if (source == nullptr) throw error("", "schema " + quote(uris[k]) + " is not available");
            nlohmann::json copy = *source;
            const std::string uri = uris[k];  // a copy: rewrite() appends to `uris`
            rewrite(copy, uri, k, uris, index, hoisted);
            definitions["s" + std::to_string(k)] = std::move(copy);
        }
        for (std::size_t h = 0; h < hoisted.size(); ++h) definitions["h" + std::to_string(h)] = std::move(hoisted[h]);
        nlohmann::json result = {{"$ref", "#/definitions/s0"}, {"definitions", std::move(definitions)}};
        check_cycles(result, root_uri);
        return result;
    }

private:
    void rewrite(nlohmann::json& document, const std::string& uri, std::size_t k, std::vector<std::string>& uris,
                 std::map<std::string, std::size_t, std::less<>>& index, std::deque<nlohmann::json>& hoisted) {
        const std::string base = "#/definitions/s" + std::to_string(k);
        strip_custom_keywords(document);
        std::vector<std::pair<nlohmann::json*, std::string>> stack{{&document, ""}};
        std::set<const nlohmann::json*> placeholders;
        // A member that a schema forbids (`"properties": {"eo:bands": false}`) is explained by that schema's own
        // title or description when it has one ("eo:bands in properties needs an asset with eo:bands").
        std::map<const nlohmann::json*, std::string> reasons;
        // valijson 1.0 caches the subschemas of `propertyNames` and of schema `dependencies` under their parent's path,
        // so a parent reached through $ref hands back itself (or one dependency another's). Moved to a definition of
        // their own and referenced, each gets a path of its own.
        const auto hoist = [&](nlohmann::json& subschema, const std::string& pointer) {
            hoisted.push_back(std::move(subschema));
            subschema = nlohmann::json{{"$ref", "#/definitions/h" + std::to_string(hoisted.size() - 1)}};
            placeholders.insert(&subschema);
            stack.emplace_back(&hoisted.back(), pointer);
        };
        while (!stack.empty()) {
            nlohmann::json* node = stack.back().first;
            const std::string pointer = stack.back().second;
            stack.pop_back();
            // valijson fails a `false` schema without a word; ours says what is wrong.
            if (node->is_boolean() && !node->get<bool>()) {
                const auto reason = reasons.find(node);
                *node = nlohmann::json{{never_keyword, reason == reasons.end() ? nlohmann::json(true) : nlohmann::json(reason->second)}};
            }
            if (!node->is_object() || placeholders.count(node)) continue;
            close_prefix(*node);
            if (const auto names = node->find("propertyNames"); names != node->end()) {
                if (names->is_object() && names->dump().find("\"$ref\"") == std::string::npos) {
                    // Self-contained: our own constraint compiles it and names the offending member.
                    nlohmann::json& moved = (*node)[property_names_keyword] = std::move(*names);
                    node->erase("propertyNames");
                    stack.emplace_back(&moved, pointer + "/propertyNames");
                } else if (names->find("$ref") == names->end()) {
                    hoist(*names, pointer + "/propertyNames");
                }
            }
            if (const auto dependencies = node->find("dependencies"); dependencies != node->end() && dependencies->is_object()) {
                for (auto member = dependencies->begin(); member != dependencies->end(); ++member) {
                    if (member->is_array() || member->find("$ref") != member->end()) continue;
                    hoist(member.value(), pointer + "/dependencies/" + escape_token(member.key()));
                }
            }
            if (const auto ref = node->find("$ref"); ref != node->end() && ref->is_string()) {
                *ref = rewrite_ref(ref->get<std::string>(), uri, base, pointer, uris, index);
                continue;  // draft-07: the siblings of $ref are ignored
            }
            if (count_steps_) (*node)[step_keyword] = true;
            if (const auto id = node->find("id"); id != node->end()) {
                // valijson would take a draft-4 `id` as a new resolution scope and try to fetch.
                (*node)[ignored_id_keyword] = std::move(*id);
                node->erase("id");
            }
            for (const std::string_view keyword : replaced_keywords) {
                if (const auto it = node->find(keyword); it != node->end()) {
                    (*node)[custom_keyword(keyword)] = std::move(*it);
                    node->erase(std::string(keyword));
                }
            }
            for (const char* combinator : {"anyOf", "oneOf"}) {
                const auto it = node->find(combinator);
                if (it == node->end() || !it->is_array()) continue;
                const std::size_t id = next_branch_id_++;
                for (std::size_t i = 0; i < it->size(); ++i) {
                    nlohmann::json& branch = (*it)[i];
                    const std::string label = branch_label(id, i);
                    if (branch.is_object() && branch.find("$ref") == branch.end()) {
                        branch[branch_keyword] = label;  // custom constraints run last: the marker closes the branch
                    } else {
                        branch = nlohmann::json{{"allOf", nlohmann::json::array({std::move(branch)})}, {branch_keyword, label}};
                    }
                }
            }
            std::string reason;
            for (const char* explanation : {"title", "description"}) {
                const auto it = node->find(explanation);
                if (reason.empty() && it != node->end() && it->is_string()) reason = sanitize(it->get<std::string>(), 300);
            }
            for_each_subschema(*node, [&](nlohmann::json& child, const std::string& path, const std::string& keyword) {
                if (!reason.empty() && keyword == "properties" && child.is_boolean() && !child.get<bool>()) {
                    reasons[&child] = reason;
                }
                stack.emplace_back(&child, pointer + path);
            });
        }
    }

    /// STAC's extension template closes its prefix with {"patternProperties": {"^(?!eo:)": {}}, "additionalProperties":
    /// false}: any member is allowed except an undefined `eo:` one. valijson would run std::regex on every member name of
    /// every object so described; the same rule as a prefix comparison (closed_prefix_constraint) costs nothing.
    static void close_prefix(nlohmann::json& node) {
        const auto patterns = node.find("patternProperties");
        const auto additional = node.find("additionalProperties");
        if (patterns == node.end() || !patterns->is_object() || patterns->size() != 1 || additional == node.end() ||
            *additional != false) {
            return;
        }
        const std::string& pattern = patterns->begin().key();
        const nlohmann::json& schema = patterns->begin().value();
        const std::string_view head = "^(?!";
        if (!(schema == true || schema == nlohmann::json::object()) || pattern.size() <= head.size() + 1 ||
            pattern.compare(0, head.size(), head) != 0 || pattern.back() != ')') {
            return;
        }
        const std::string prefix = pattern.substr(head.size(), pattern.size() - head.size() - 1);
        for (const char c : prefix) {
            const bool literal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' ||
                                 c == '_' || c == '-';
            if (!literal) return;
        }
        nlohmann::json defined = nlohmann::json::array();
        if (const auto properties = node.find("properties"); properties != node.end() && properties->is_object()) {
            for (const auto& item : properties->items()) {
                if (item.key().rfind(prefix, 0) == 0) defined.push_back(item.key());
            }
        }
        node[closed_prefix_keyword] = {{"prefix", prefix}, {"defined", std::move(defined)}};
        node.erase("patternProperties");
        node.erase("additionalProperties");
    }

    /// Keywords of our own that a schema brings are dropped: only the bundler writes them.
    static void strip_custom_keywords(nlohmann::json& document) {
        std::vector<nlohmann::json*> stack{&document};
        while (!stack.empty()) {
            nlohmann::json* node = stack.back();
            stack.pop_back();
            if (!node->is_object()) continue;
            for (auto it = node->begin(); it != node->end();) {
                it = it.key().rfind(custom_keyword_prefix, 0) == 0 ? node->erase(it) : std::next(it);
            }
            for_each_subschema(*node, [&](nlohmann::json& child, const std::string&, const std::string&) {
                stack.push_back(&child);
            });
        }
    }

    std::string rewrite_ref(const std::string& ref, const std::string& uri, const std::string& base,
                            const std::string& pointer, std::vector<std::string>& uris,
                            std::map<std::string, std::size_t, std::less<>>& index) {
        if (!ref.empty() && ref.front() == '#') return base + ref.substr(1);
        const std::string absolute = resolve_uri(uri, ref);
        const auto hash = absolute.find('#');
        const std::string target = absolute.substr(0, hash);
        const std::string fragment = hash == std::string::npos ? std::string() : absolute.substr(hash + 1);
        auto found = index.find(target);
        if (found == index.end()) {
            if (lookup_(target) == nullptr) {
                throw error(pointer + "/$ref", "schema " + quote(uri) + " refers to " + quote(ref) +
                                                   ", which is neither shipped nor registered");
            }
            found = index.emplace(target, uris.size()).first;
            uris.push_back(target);
        }
        return "#/definitions/s" + std::to_string(found->second) + fragment;
    }

    /// Rejects a cycle of `$ref`/allOf/anyOf/oneOf/not/if/then/else/dependencies that stays on one instance value.
    static void check_cycles(const nlohmann::json& bundle, const std::string& root_uri) {
        enum class state { visiting, done };
        std::map<std::string, state> seen;
        // Every schema position is a start: a cycle may hide in a definition reached only through properties.
        std::vector<std::string> starts{""};
        std::vector<std::string> structural{""};
        while (!structural.empty()) {
            const std::string pointer = structural.back();
            structural.pop_back();
            const nlohmann::json* node = resolve(bundle, pointer);
            if (node == nullptr) continue;
            for_each_subschema(*node, [&](const nlohmann::json&, const std::string& path, const std::string&) {
                structural.push_back(pointer + path);
                starts.push_back(pointer + path);
            });
        }
        for (const auto& start : starts) {
            if (seen.count(start)) continue;
            struct frame {
                std::string pointer;
                std::vector<std::string> next;
                std::size_t at = 0;
            };
            std::vector<frame> stack;
            const auto push = [&](const std::string& pointer) {
                seen[pointer] = state::visiting;
                stack.push_back({pointer, same_instance_successors(bundle, pointer), 0});
            };
            push(start);
            while (!stack.empty()) {
                frame& top = stack.back();
                if (top.at == top.next.size()) {
                    seen[top.pointer] = state::done;
                    stack.pop_back();
                    continue;
                }
                const std::string next = top.next[top.at++];
                const auto found = seen.find(next);
                if (found == seen.end()) {
                    push(next);
                } else if (found->second == state::visiting) {
                    throw error(top.pointer, "schema " + quote(root_uri) +
                                                 " has a $ref cycle that never descends into the instance (through " +
                                                 quote(next) + ")");
                }
            }
        }
    }

    static std::vector<std::string> same_instance_successors(const nlohmann::json& bundle, const std::string& pointer) {
        std::vector<std::string> next;
        const nlohmann::json* node = resolve(bundle, pointer);
        if (node == nullptr || !node->is_object()) return next;
        if (const auto ref = node->find("$ref"); ref != node->end() && ref->is_string()) {
            const std::string& target = ref->get_ref<const std::string&>();
            if (!target.empty() && target.front() == '#') next.push_back(target.substr(1));
            return next;
        }
        for_each_subschema(*node, [&](const nlohmann::json&, const std::string& path, const std::string& keyword) {
            if (keyword == "allOf" || keyword == "anyOf" || keyword == "oneOf" || keyword == "not" || keyword == "if" ||
                keyword == "then" || keyword == "else" || keyword == "dependencies") {
                next.push_back(pointer + path);
            }
        });
        return next;
    }

    static const nlohmann::json* resolve(const nlohmann::json& bundle, const std::string& pointer) {
        try {
            const nlohmann::json::json_pointer parsed(pointer);
            return bundle.contains(parsed) ? &bundle.at(parsed) : nullptr;
        } catch (const nlohmann::json::exception&) {
            return nullptr;
        }
    }

    schema_lookup lookup_;
    std::size_t next_branch_id_ = 0;
    bool count_steps_ = false;
};

/// valijson's compiled form of a bundle, with dlm's keywords; throws what valijson's parser throws.
inline std::shared_ptr<const valijson::Schema> compile_bundle(const nlohmann::json& bundle) {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    register_custom_keywords(parser);
    auto schema = std::make_shared<valijson::Schema>();
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(bundle), *schema);
    return schema;
}

/// One schema shipped in schemas.hpp, parsed.
struct shipped_schema {
    std::string uri;   // its $id
    std::string path;  // under schema/
    nlohmann::json document;

    /// Core schemas (by type and version) and extension schemas are what documents are validated against; the
    /// others are parts that these reach by $ref.
    [[nodiscard]] bool is_root() const {
        return path.rfind("extensions/", 0) == 0 || path.rfind("dlm/", 0) == 0 || path.find("/item.json") != std::string::npos ||
               path.find("/collection.json") != std::string::npos || path.find("/catalog.json") != std::string::npos;
    }
};

/// Every shipped schema, parsed from the embedded text.
inline std::vector<shipped_schema> load_shipped_schemas() {
    std::vector<shipped_schema> out;
    for (const auto& embedded : embedded_schemas) {
        nlohmann::json document = nlohmann::json::parse(joined_text(embedded));
        std::string uri = document.at("$id").get<std::string>();
        out.push_back({std::move(uri), std::string(embedded.path), std::move(document)});
    }
    return out;
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_SCHEMA_BUNDLE_HPP
