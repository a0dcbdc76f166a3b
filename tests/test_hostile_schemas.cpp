// Schemas the library does not ship are untrusted input: a document chooses which extension URIs it declares, so
// a resolver hands the validator whatever the document's author wrote. Registered schemas are refused at
// construction, resolved ones reported as stac.extension.invalid-schema, and both stay bounded in stack and time;
// a resolver's outcome is kept, so the same document always gets the same report; resolution never blocks
// unrelated validations and never deadlocks on a resolver that validates. Also: strings built in code that are not
// valid UTF-8, and the CLI's `--schema URI=FILE`.
#include <dlm/detail/schema/bundle.hpp>
#include <dlm/detail/schema/untrusted.hpp>
#include <dlm/error.hpp>
#include <dlm/parse.hpp>
#include <dlm/rules.hpp>
#include <dlm/stac.hpp>
#include <dlm/validator.hpp>
#include <dlm/version.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fuzz/fuzz_schema_one.hpp"
#include "test_data.hpp"

#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace dlm_test_hostile_schemas {  // each test file has a namespace of its own: the runner is a unity build

using nlohmann::json;

namespace {

const std::string user_uri = "https://example.com/hostile/v1.0.0/schema.json";
const std::string other_uri = "https://example.com/other/v1.0.0/schema.json";

/// A valid STAC 1.0.0 Item that declares `uris` and has `value` at /properties/x:value.
json item_with(const std::vector<std::string>& uris, const json& value = 5) {
    return json{{"type", "Feature"},
                {"stac_version", "1.0.0"},
                {"stac_extensions", uris},
                {"id", "hostile"},
                {"geometry", nullptr},
                {"properties", {{"datetime", "2021-01-01T00:00:00Z"}, {"x:value", value}}},
                {"links", json::array()},
                {"assets", json::object()}};
}

/// An extension schema that applies `field` to /properties/x:value.
json extension_schema(const json& field) {
    return json{{"type", "object"}, {"properties", {{"properties", {{"properties", {{"x:value", field}}}}}}}};
}

std::string describe(const dlm::report& report) {
    std::string text;
    for (const auto& f : report.errors) text += "  error " + f.pointer + " [" + f.rule + "] " + f.message + "\n";
    for (const auto& f : report.warnings) text += "  warning " + f.pointer + " [" + f.rule + "] " + f.message + "\n";
    return text;
}

bool has(const std::vector<dlm::finding>& findings, const std::string& rule, const std::string& pointer) {
    return std::any_of(findings.begin(), findings.end(),
                       [&](const dlm::finding& f) { return f.rule == rule && f.pointer == pointer; });
}

/// A validator whose resolver returns `schema` for user_uri (and nothing for other URIs).
dlm::validator resolving(const json& schema) {
    dlm::validator_options options;
    options.resolver = [schema](std::string_view uri) -> std::optional<json> {
        if (uri == user_uri) return schema;
        return std::nullopt;
    };
    return dlm::validator(options);
}

/// `depth` nested `not`s around an empty schema, built iteratively.
json nested_schema(std::size_t depth) {
    json root = json::object();
    json* at = &root;
    for (std::size_t i = 0; i < depth; ++i) at = &((*at)["not"] = json::object());
    return root;
}

/// The invalid keyword values: each schema, and the pointer (inside it) of the offending value.
std::vector<std::pair<json, std::string>> invalid_keywords() {
    const std::string field = "/properties/properties/properties/x:value";
    return {
        {extension_schema({{"multipleOf", 0}}), field + "/multipleOf"},
        {extension_schema({{"multipleOf", -1}}), field + "/multipleOf"},
        {extension_schema({{"multipleOf", 0.0}}), field + "/multipleOf"},
        {extension_schema({{"multipleOf", "2"}}), field + "/multipleOf"},
        {extension_schema({{"allOf", json::object()}}), field + "/allOf"},
        {extension_schema({{"allOf", json::array()}}), field + "/allOf"},
        {extension_schema({{"anyOf", json::array()}}), field + "/anyOf"},
        {extension_schema({{"oneOf", json::array()}}), field + "/oneOf"},
        {extension_schema({{"oneOf", {1}}}), field + "/oneOf/0"},
        {extension_schema({{"enum", json::array()}}), field + "/enum"},
        {extension_schema({{"enum", "a"}}), field + "/enum"},
        {extension_schema({{"required", "a"}}), field + "/required"},
        {extension_schema({{"required", {1}}}), field + "/required/0"},
        {extension_schema({{"properties", json::array()}}), field + "/properties"},
        {extension_schema({{"items", 3}}), field + "/items"},
        {extension_schema({{"not", "x"}}), field + "/not"},
        {extension_schema({{"minimum", "1"}}), field + "/minimum"},
        {extension_schema({{"maxLength", -1}}), field + "/maxLength"},
        {extension_schema({{"minItems", 1.5}}), field + "/minItems"},
        {extension_schema({{"uniqueItems", "yes"}}), field + "/uniqueItems"},
        {extension_schema({{"type", "frob"}}), field + "/type"},
        {extension_schema({{"pattern", 5}}), field + "/pattern"},
        {extension_schema({{"$ref", 5}}), field + "/$ref"},
        {json::array(), ""},
    };
}

}  // namespace

TEST_CASE("registered schemas with invalid keywords are refused at construction, with the pointer", "[hostile-schema]") {
    for (const auto& [schema, pointer] : invalid_keywords()) {
        INFO(schema.dump());
        dlm::validator_options options;
        options.add_schema(user_uri, schema);
        try {
            const dlm::validator refused(options);
            // Before these checks, `multipleOf: 0` compiled and validating an integer raised SIGFPE.
            static_cast<void>(refused.validate(item_with({user_uri})));
            FAIL("expected dlm::error");
        } catch (const dlm::error& e) {
            CHECK(e.pointer() == pointer);
            CHECK(e.reason().find(user_uri) != std::string::npos);
        }
    }
    // The same keywords with valid values are accepted.
    dlm::validator_options fine;
    fine.add_schema(user_uri, extension_schema({{"multipleOf", 5}, {"enum", {5, 10}}, {"anyOf", {{{"type", "integer"}}}}}));
    const dlm::validator validator(fine);
    CHECK(validator.validate(item_with({user_uri})).ok());
    const auto report = validator.validate(item_with({user_uri}, 7));
    CHECK(has(report.errors, dlm::rules::schema, "/properties/x:value"));
}

TEST_CASE("resolved schemas with invalid keywords are stac.extension.invalid-schema, every time", "[hostile-schema]") {
    for (const auto& [schema, pointer] : invalid_keywords()) {
        INFO(schema.dump());
        const dlm::validator validator = resolving(schema);
        for (int round = 0; round < 3; ++round) {
            const auto report = validator.validate(item_with({user_uri}, std::numeric_limits<std::int64_t>::min()));
            INFO(describe(report));
            CHECK(has(report.errors, dlm::rules::stac_extension_invalid_schema, "/stac_extensions/0"));
            CHECK(report.warnings.empty());
        }
    }
}

TEST_CASE("multipleOf -1 against INT64_MIN and multipleOf 1 against extremes do not trap", "[hostile-schema]") {
    dlm::validator_options options;
    options.add_schema(user_uri, extension_schema({{"multipleOf", 1}}));
    const dlm::validator validator(options);
    CHECK(validator.validate(item_with({user_uri}, std::numeric_limits<std::int64_t>::min())).ok());
    CHECK(validator.validate(item_with({user_uri}, std::numeric_limits<std::int64_t>::max())).ok());
    dlm::validator_options minus_one;
    minus_one.add_schema(user_uri, extension_schema({{"multipleOf", -1}}));
    CHECK_THROWS_AS(dlm::validator(minus_one), dlm::error);
}

TEST_CASE("multipleOf with an integer divisor and a double beyond the int64 range is exact, not undefined",
          "[hostile-schema]") {
    // valijson casts such a double to int64_t (undefined behaviour; the schema fuzz target found 1.8e19).
    dlm::validator_options options;
    options.add_schema(user_uri, extension_schema({{"multipleOf", 3}}));
    const dlm::validator validator(options);
    CHECK(validator.validate(item_with({user_uri}, 3e20)).ok());        // 3 * 10^20, exact in a double
    CHECK_FALSE(validator.validate(item_with({user_uri}, 1e20)).ok());  // 10^20 = 1 (mod 3)
    CHECK_FALSE(validator.validate(item_with({user_uri}, 1.8446744473709552e19)).ok());
    CHECK(validator.validate(item_with({user_uri}, 9)).ok());
    CHECK_FALSE(validator.validate(item_with({user_uri}, 10)).ok());
    CHECK(validator.validate(item_with({user_uri}, 4.5e15 * 2)).ok());  // 9e15, an integer held as a double
    dlm::validator_options fraction;
    fraction.add_schema(user_uri, extension_schema({{"multipleOf", 0.1}}));
    const dlm::validator tenths(fraction);
    CHECK(tenths.validate(item_with({user_uri}, 0.3)).ok());
    CHECK_FALSE(tenths.validate(item_with({user_uri}, 0.35)).ok());
}

TEST_CASE("huge, deeply nested and deep schemas are refused before anything recursive sees them", "[hostile-schema]") {
    const std::vector<std::pair<std::string, json>> cases = {
        {"a 100,000-character pattern", extension_schema({{"pattern", std::string(100'000, 'a')}})},
        {"20,000 nested groups", extension_schema({{"pattern", std::string(20'000, '(') + "a" + std::string(20'000, ')')}})},
        {"a schema nested 5,000 deep", nested_schema(5000)},
        {"a pattern that expands to a million states", extension_schema({{"pattern", "((a{100}){100}){100}"}})},
        {"a backreference", extension_schema({{"pattern", "^(a)\\1$"}})},
        {"a lookahead inside a lookahead", extension_schema({{"pattern", "(?=a(?!b))"}})},
        {"a patternProperties pattern that backtracks exponentially", json{{"patternProperties", {{"^(a+)+$", true}}}}},
        {"a patternProperties pattern with three unbounded repeats", json{{"patternProperties", {{"a*b*c*$", true}}}}},
    };
    for (const auto& [what, schema] : cases) {
        INFO(what);
        dlm::validator_options options;
        options.add_schema(user_uri, schema);
        CHECK_THROWS_AS(dlm::validator(options), dlm::error);
        const auto report = resolving(schema).validate(item_with({user_uri}));
        INFO(describe(report));
        CHECK(has(report.errors, dlm::rules::stac_extension_invalid_schema, "/stac_extensions/0"));
    }
    // The limits are options: a deeper schema is accepted when they allow it.
    dlm::validator_options wide;
    wide.schema_limits.max_depth = 200;
    wide.add_schema(user_uri, nested_schema(90));
    CHECK_NOTHROW(dlm::validator(wide));
}

TEST_CASE("^(a+)+$ costs no more than ^a+$: patterns do not backtrack", "[hostile-schema]") {
    dlm::validator_options options;
    options.add_schema(user_uri, extension_schema({{"type", "string"}, {"pattern", "^(a+)+$"}}));
    options.add_schema(other_uri, extension_schema({{"type", "string"}, {"pattern", "^(a|aa|a?)*(b*)*c$"}}));
    const dlm::validator validator(options);
    for (const std::size_t length : {std::size_t{28}, std::size_t{200}, std::size_t{511}}) {
        INFO(length);
        const auto start = std::chrono::steady_clock::now();
        const auto failing = validator.validate(item_with({user_uri, other_uri}, std::string(length, 'a') + "!"));
        const auto matching = validator.validate(item_with({user_uri}, std::string(length, 'a')));
        const auto elapsed = std::chrono::steady_clock::now() - start;
        // Before, 28 characters took 23 s on the backtracking matcher, and each 2 more took 4 times as long (511 would
        // take longer than the universe has existed). A hang guard, not a speed measurement: generous enough for the
        // sanitizers on a busy machine.
        CHECK(elapsed < std::chrono::seconds(30));
        INFO(describe(failing));
        CHECK(has(failing.errors, dlm::rules::schema, "/properties/x:value"));
        CHECK(matching.ok());
    }
}

TEST_CASE("patterns keep ECMAScript search semantics on the breadth-first matcher", "[hostile-schema]") {
    const std::vector<std::tuple<std::string, std::string, bool>> cases = {
        {"b", "abc", true},        {"^b", "abc", false},       {"c$", "abc", true},     {"^a|c$", "xc", true},
        {"^(?!dlm:)", "dlm:x", false}, {"^(?!dlm:)", "eo:x", true}, {"\\bc", "ab c", true}, {"\\bc", "abc", false},
        {"[0-9]{4,}", "ab12345", true}, {"[0-9]{4,}", "ab123", false}, {"^$", "", true},   {"a.c", "a\nc", false},
        {"(\\+00:00|Z)$", "2021-01-01T00:00:00Z", true},
    };
    for (const auto& [pattern, subject, expected] : cases) {
        INFO(pattern << " on " << subject);
        const std::regex compiled = dlm::detail::pattern_constraint::compile(pattern);
        CHECK(std::regex_search(subject, compiled, dlm::detail::pattern_constraint::match_flags) == expected);
        CHECK(std::regex_search(subject, std::regex(pattern, std::regex::ECMAScript)) == expected);
    }
}

TEST_CASE("every shipped schema and pattern passes the checks applied to untrusted schemas", "[hostile-schema]") {
    const dlm::schema_limits defaults;
    std::size_t patterns = 0;
    for (const auto& shipped : dlm::detail::load_shipped_schemas()) {
        INFO(shipped.path);
        CHECK_NOTHROW(dlm::detail::untrusted_schema_check{defaults}(shipped.document));
        std::vector<const json*> stack{&shipped.document};
        while (!stack.empty()) {
            const json* node = stack.back();
            stack.pop_back();
            if (node->is_object()) {
                if (const auto p = node->find("pattern"); p != node->end() && p->is_string()) {
                    ++patterns;
                    INFO(p->get<std::string>());
                    CHECK_FALSE(dlm::detail::check_pattern(p->get<std::string>(), defaults, !dlm::detail::polynomial_regex));
                }
                if (const auto pp = node->find("patternProperties"); pp != node->end() && pp->is_object()) {
                    for (const auto& member : pp->items()) {
                        ++patterns;
                        INFO(member.key());
                        CHECK_FALSE(dlm::detail::check_pattern(member.key(), defaults, true));
                    }
                }
            }
            if (node->is_structured()) {
                for (const auto& child : *node) stack.push_back(&child);
            }
        }
    }
    CHECK(patterns >= 10);
    // Bundled with what they refer to, as the validator compiles them, every shipped root schema nests through its
    // references well within the limit applied to untrusted ones.
    std::map<std::string, const json*> by_uri;
    const auto shipped = dlm::detail::load_shipped_schemas();
    for (const auto& schema : shipped) by_uri[schema.uri] = &schema.document;
    dlm::detail::schema_bundler bundler([&](const std::string& uri) -> const json* {
        const auto found = by_uri.find(uri);
        return found == by_uri.end() ? nullptr : found->second;
    });
    for (const auto& schema : shipped) {
        if (!schema.is_root()) continue;
        INFO(schema.path);
        CHECK_NOTHROW(dlm::detail::check_reference_depth(bundler.bundle(schema.uri), defaults.max_reference_depth / 4));
    }
}

TEST_CASE("a long chain of $ref definitions is refused before valijson's parser recurses along it", "[hostile-schema]") {
    // 20,000 definitions that each only refer to the next, and the same chain through one property each: valijson's
    // parser followed them 20,000 calls deep and overflowed the stack.
    const auto chain = [](std::size_t length, bool through_property) {
        json schema = extension_schema({{"$ref", "#/definitions/d0"}});
        for (std::size_t i = 0; i < length; ++i) {
            const json next = {{"$ref", "#/definitions/d" + std::to_string(i + 1)}};
            schema["definitions"]["d" + std::to_string(i)] = through_property ? json{{"properties", {{"x", next}}}} : next;
        }
        schema["definitions"]["d" + std::to_string(length)] = {{"type", "integer"}};
        return schema;
    };
    for (const bool through_property : {false, true}) {
        INFO((through_property ? "through a property" : "reference to reference"));
        dlm::validator_options options;
        options.add_schema(user_uri, chain(20'000, through_property));
        CHECK_THROWS_WITH(dlm::validator(options), Catch::Contains("max_reference_depth"));
        const auto report = resolving(chain(20'000, through_property)).validate(item_with({user_uri}));
        INFO(describe(report));
        CHECK(has(report.errors, dlm::rules::stac_extension_invalid_schema, "/stac_extensions/0"));
        // A chain of 100 is a schema like any other: it compiles and applies at its end.
        dlm::validator_options short_chain;
        short_chain.add_schema(user_uri, chain(100, through_property));
        const dlm::validator validator(short_chain);
        CHECK(validator.validate(item_with({user_uri}, 5)).ok());
        // The chain ends in {"type": "integer"}: applied to the value itself, or to a member 100 levels below it.
        CHECK(validator.validate(item_with({user_uri}, json{{"x", "five"}})).ok() == through_property);
    }
}

TEST_CASE("schemas whose work grows exponentially stop at the step budget with a schema.error", "[hostile-schema]") {
    // 40 definitions, each an allOf of two refs to the next: 2^40 evaluations of the last one on any value.
    json doubling = extension_schema({{"$ref", "#/definitions/d0"}});
    for (int i = 0; i < 40; ++i) {
        const std::string next = "#/definitions/d" + std::to_string(i + 1);
        doubling["definitions"]["d" + std::to_string(i)] = {{"allOf", {{{"$ref", next}}, {{"$ref", next}}}}};
    }
    doubling["definitions"]["d40"] = {{"type", "integer"}};  // passes: every path is walked
    // Two recursive oneOf branches: 2^depth on an array nested `depth` deep.
    const json t_ref = {{"$ref", "#/definitions/t"}};
    const json branch = {{"items", t_ref}};
    json recursive = extension_schema(t_ref);
    recursive["definitions"]["t"] = {{"oneOf", json::array({branch, branch})}};
    json deep = 1;
    for (int i = 0; i < 40; ++i) deep = json::array({deep});
    for (const auto& [schema, value] : {std::pair<json, json>{doubling, 5}, std::pair<json, json>{recursive, deep}}) {
        dlm::validator_options options;
        options.add_schema(user_uri, schema);
        const dlm::validator validator(options);
        const auto start = std::chrono::steady_clock::now();
        const auto report = validator.validate(item_with({user_uri}, value));
        const auto elapsed = std::chrono::steady_clock::now() - start;
        INFO(describe(report));
        CHECK(has(report.errors, dlm::rules::schema_error, ""));
        CHECK(elapsed < std::chrono::seconds(60));  // a hang guard: the unbounded work would not end
        // The same document, the same verdict.
        CHECK(validator.validate(item_with({user_uri}, value)).errors == report.errors);
    }
}

TEST_CASE("every input the schema fuzzer was seeded with or crashed on passes its checks", "[hostile-schema][fuzz]") {
    const std::filesystem::path fuzz = std::filesystem::path(DLM_TEST_DATA_DIR).parent_path() / "fuzz";
    std::size_t inputs = 0;
    for (const char* folder : {"schema-seeds", "schema-crashes"}) {
        REQUIRE(std::filesystem::is_directory(fuzz / folder));
        for (const auto& entry : std::filesystem::directory_iterator(fuzz / folder)) {
            if (!entry.is_regular_file()) continue;
            CAPTURE(entry.path().string());
            std::ifstream in(entry.path(), std::ios::binary);
            const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            dlm_fuzz::schema_one(text);  // aborts on a broken invariant
            ++inputs;
        }
    }
    CHECK(inputs >= 5);
}

TEST_CASE("a shipped URI cannot be registered: it would replace the rules the reports claim", "[hostile-schema]") {
    for (const std::string& uri : {std::string(dlm::extension_identifier),
                                  std::string("https://stac-extensions.github.io/eo/v1.0.0/schema.json"),
                                  std::string("https://schemas.stacspec.org/v1.0.0-beta.2/extensions/eo/json-schema/schema.json"),
                                  std::string("https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json")}) {
        INFO(uri);
        dlm::validator_options options;
        options.add_schema(uri, json::object());
        try {
            const dlm::validator refused(options);
            FAIL("expected dlm::error");
        } catch (const dlm::error& e) {
            CHECK(e.reason().find("shipped") != std::string::npos);
        }
    }
}

TEST_CASE("a resolver's failure is the same error every time, from every thread", "[hostile-schema][threads]") {
    SECTION("an uncompilable schema") {
        std::atomic<int> calls{0};
        dlm::validator_options options;
        options.resolver = [&](std::string_view) -> std::optional<json> {
            ++calls;
            return extension_schema({{"$ref", "https://example.com/nowhere.json"}});
        };
        const dlm::validator validator(options);
        const json item = item_with({user_uri});
        const dlm::report first = validator.validate(item);
        INFO(describe(first));
        REQUIRE(has(first.errors, dlm::rules::stac_extension_invalid_schema, "/stac_extensions/0"));
        std::atomic<int> different{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 20; ++i) {
                    const auto r = validator.validate(item);
                    if (r.errors != first.errors || r.warnings != first.warnings) ++different;
                }
            });
        }
        for (auto& thread : threads) thread.join();
        // Before, only the first call was an error; every later one only warned stac.extension.unavailable.
        CHECK(different == 0);
        CHECK(calls == 1);
    }
    SECTION("a resolver that throws, first called from many threads at once") {
        std::atomic<int> calls{0};
        dlm::validator_options options;
        options.resolver = [&](std::string_view) -> std::optional<json> {
            ++calls;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            throw std::runtime_error("cache offline");
        };
        const dlm::validator validator(options);
        std::atomic<int> wrong{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 10; ++i) {
                    const auto r = validator.validate(item_with({user_uri}));
                    const bool right = r.errors.size() == 1 && r.errors[0].rule == dlm::rules::stac_extension_invalid_schema &&
                                       r.errors[0].message.find("cache offline") != std::string::npos;
                    if (!right) ++wrong;
                }
            });
        }
        for (auto& thread : threads) thread.join();
        CHECK(wrong == 0);
        CHECK(calls == 1);
    }
    SECTION("a value that is not a schema") {
        const dlm::validator validator = resolving(json(42));
        for (int i = 0; i < 3; ++i) {
            CHECK(has(validator.validate(item_with({user_uri})).errors, dlm::rules::stac_extension_invalid_schema,
                      "/stac_extensions/0"));
        }
    }
    SECTION("no schema is the same warning every time") {
        const dlm::validator validator = resolving(json::object());
        const json item = item_with({other_uri});
        for (int i = 0; i < 3; ++i) {
            const auto r = validator.validate(item);
            CHECK(r.errors.empty());
            CHECK(has(r.warnings, dlm::rules::stac_extension_unavailable, "/stac_extensions/0"));
        }
    }
}

TEST_CASE("a resolver may validate, even with this validator, without deadlock", "[hostile-schema][threads]") {
    const dlm::validator* self = nullptr;
    std::vector<dlm::report> inner;
    dlm::validator_options options;
    options.resolver = [&](std::string_view uri) -> std::optional<json> {
        if (uri == user_uri) {
            // The same URI: the inner call cannot wait for the outer one.
            inner.push_back(self->validate(item_with({user_uri})));
            // Another URI: resolved in turn, on this thread.
            inner.push_back(self->validate(item_with({other_uri}, "text")));
            return extension_schema({{"type", "integer"}});
        }
        return extension_schema({{"type", "string"}});
    };
    const dlm::validator validator(options);
    self = &validator;
    const auto outer = validator.validate(item_with({user_uri}));
    INFO(describe(outer));
    CHECK(outer.ok());
    REQUIRE(inner.size() == 2);
    INFO(describe(inner[0]));
    CHECK(has(inner[0].errors, dlm::rules::stac_extension_invalid_schema, "/stac_extensions/0"));
    CHECK(inner[1].ok());
    // Later calls get the kept outcome.
    CHECK(validator.validate(item_with({user_uri})).ok());
    CHECK_FALSE(validator.validate(item_with({user_uri}, "text")).ok());
}

TEST_CASE("a slow resolver does not block validations that do not need its URI", "[hostile-schema][threads]") {
    std::mutex mutex;
    std::condition_variable changed;
    bool other_done = false;
    bool slow_started = false;
    dlm::validator_options options;
    options.resolver = [&](std::string_view uri) -> std::optional<json> {
        if (uri == user_uri) {
            std::unique_lock<std::mutex> lock(mutex);
            slow_started = true;
            changed.notify_all();
            // Waits (at most 20 s) until another thread has validated with another resolved URI.
            changed.wait_for(lock, std::chrono::seconds(20), [&] { return other_done; });
        }
        return extension_schema({{"type", "integer"}});
    };
    const dlm::validator validator(options);
    std::thread slow([&] { static_cast<void>(validator.validate(item_with({user_uri}))); });
    {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return slow_started; });
    }
    const auto start = std::chrono::steady_clock::now();
    const auto report = validator.validate(item_with({other_uri}));
    const auto plain = validator.validate(item_with({}));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        other_done = true;
    }
    changed.notify_all();
    slow.join();
    // Before, the first resolution held a lock every resolving validation needed for the whole resolver call.
    CHECK(elapsed < std::chrono::seconds(60));  // a hang guard, generous for the sanitizers
    CHECK(report.ok());
    CHECK(plain.ok());
}

TEST_CASE("strings built in code that are not valid UTF-8 are input.invalid-utf8, not a later dump() exception",
          "[hostile-schema][utf8]") {
    json item = item_with({});
    item["properties"]["title"] = std::string("caf\xC3", 4);
    const dlm::report limits = dlm::check_limits(item);
    REQUIRE(limits.errors.size() == 1);
    CHECK(limits.errors[0].rule == dlm::rules::input_invalid_utf8);
    CHECK(limits.errors[0].pointer == "/properties/title");
    const dlm::report report = dlm::validator().validate(item);
    CHECK(has(report.errors, dlm::rules::input_invalid_utf8, "/properties/title"));
    for (const auto& f : report.errors) CHECK_NOTHROW(json(f.message).dump());

    json keyed = item_with({});
    keyed["properties"][std::string("bad\xFF", 4)] = 1;
    const dlm::report key_report = dlm::check_limits(keyed);
    REQUIRE(key_report.errors.size() == 1);
    CHECK(key_report.errors[0].rule == dlm::rules::input_invalid_utf8);
    CHECK(key_report.errors[0].pointer == "/properties");
    CHECK_NOTHROW(json(key_report.errors[0].message).dump());
}

TEST_CASE("write_model throws dlm::error for strings that are not valid UTF-8, in fields and in extra",
          "[hostile-schema][utf8]") {
    const json valid = dlm_test::read_json(dlm_test::data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json");
    const dlm::model model = dlm::read_model(valid);
    {
        dlm::model bad = model;
        bad.runtime.framework = std::string("py\xC0torch", 8);
        json target = valid;
        try {
            dlm::write_model(target, bad);
            FAIL("expected dlm::error");
        } catch (const dlm::error& e) {
            CHECK(e.pointer() == "/properties/dlm:runtime/framework");
        }
        CHECK(target == valid);  // unchanged
    }
    {
        dlm::model bad = model;
        bad.outputs.extra["note"] = std::string("\xED\xA0\x80", 3);  // an encoded surrogate
        json target = valid;
        try {
            dlm::write_model(target, bad);
            FAIL("expected dlm::error");
        } catch (const dlm::error& e) {
            CHECK(e.pointer() == "/properties/dlm:outputs/note");
        }
        CHECK(target == valid);
    }
    {
        dlm::model bad = model;
        bad.data.extra["ratio"] = std::nan("");
        json target = valid;
        CHECK_THROWS_AS(dlm::write_model(target, bad), dlm::error);
    }
    json target = valid;
    dlm::write_model(target, model);
    CHECK_NOTHROW(target.dump());
}

#ifdef DLM_CLI_PATH
namespace {

struct cli_result {
    int status = -1;
    std::string err;
};

cli_result run_cli(const std::filesystem::path& dir, const std::string& args) {
    const std::string command = "cd '" + dir.string() + "' && '" + std::string(DLM_CLI_PATH) + "' " + args +
                                " >stdout.txt 2>stderr.txt </dev/null";
    const int raw = std::system(command.c_str());
    cli_result result;
    REQUIRE(WIFEXITED(raw));
    result.status = WEXITSTATUS(raw);
    std::ifstream in(dir / "stderr.txt");
    result.err.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return result;
}

}  // namespace

TEST_CASE("dlm validate --schema URI=FILE: a FILE with '=' works, a shipped URI is refused", "[hostile-schema][cli]") {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("dlm-schema-option-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "schema=v1.json") << extension_schema({{"type", "string"}}).dump();
    std::ofstream(dir / "empty.json") << "{}";
    std::ofstream(dir / "item.json") << item_with({user_uri}, 5).dump();
    // The schema in "schema=v1.json" is used: x:value 5 is not a string.
    const cli_result with_equals = run_cli(dir, "validate --schema '" + user_uri + "=schema=v1.json' item.json");
    INFO(with_equals.err);
    CHECK(with_equals.status == 1);
    const cli_result shipped =
        run_cli(dir, "validate --schema '" + std::string(dlm::extension_identifier) + "=empty.json' item.json");
    CHECK(shipped.status == 2);
    CHECK(shipped.err.find("shipped") != std::string::npos);
    std::filesystem::remove_all(dir);
}
#endif

}  // namespace dlm_test_hostile_schemas
