// dlm::validator against the corpus: every valid document passes, every rule case is reported with its rule id and
// pointer, and the wording of the common findings is pinned.
#include <dlm/error.hpp>
#include <dlm/validator.hpp>

#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

namespace dlm_test_validator {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using dlm_test::data_dir;
using dlm_test::read_json;
using dlm_test::read_text;

std::vector<std::string> json_files(const std::filesystem::path& dir, const std::string& exclude_suffix = "") {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".json") continue;
        if (!exclude_suffix.empty() && name.size() > exclude_suffix.size() &&
            name.compare(name.size() - exclude_suffix.size(), exclude_suffix.size(), exclude_suffix) == 0) {
            continue;
        }
        files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

const dlm::validator& shared_validator() {
    static const dlm::validator validator;
    return validator;
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

/// The one finding at `pointer` (fails the test when there is not exactly one).
dlm::finding only_finding(const dlm::report& report) {
    INFO(describe(report));
    REQUIRE(report.errors.size() == 1);
    return report.errors.front();
}

nlohmann::json base_item() { return read_json(data_dir / "valid/item-unet-sentinel2-wetland-segmentation.json"); }

}  // namespace

TEST_CASE("every valid corpus document validates, with only the warning its name announces", "[validator][corpus]") {
    const std::string file = GENERATE(from_range(json_files(data_dir / "valid")));
    const dlm::report report = shared_validator().validate_text(read_text(file));
    INFO(file << "\n" << describe(report));
    CHECK(report.ok());
    const bool announces_warning = file.find("legacy-mapping-form") != std::string::npos ||
                                   file.find("selected-band-spelling") != std::string::npos ||
                                   file.find("numpy-data-type") != std::string::npos;
    // And a document that the version extension marks deprecated gets stac.deprecated.
    const nlohmann::json document = read_json(file);
    const nlohmann::json& fields = document.value("type", "") == "Feature" ? document["properties"] : document;
    const bool deprecated = fields.value("deprecated", false);
    CHECK(report.warnings.size() == (announces_warning ? 1u : 0u) + (deprecated ? 1u : 0u));
}

TEST_CASE("every upgraded legacy document validates clean", "[validator][corpus]") {
    std::vector<std::string> expected;
    for (const auto& file : json_files(data_dir / "legacy")) {
        if (file.find(".expected.json") != std::string::npos && file.find("/legacy-") != std::string::npos) expected.push_back(file);
    }
    REQUIRE_FALSE(expected.empty());
    const std::string file = GENERATE_COPY(from_range(expected));
    const dlm::report report = shared_validator().validate_text(read_text(file));
    INFO(file << "\n" << describe(report));
    CHECK(report.ok());
    CHECK(report.warnings.empty());
}

TEST_CASE("every rule case is reported with its rule id and pointer", "[validator][rules]") {
    const nlohmann::json cases = read_json(data_dir / "rule-cases.json");
    REQUIRE(cases.size() >= 70);
    const std::size_t index = GENERATE_COPY(range(std::size_t{0}, cases.size()));
    const nlohmann::json& c = cases[index];
    const nlohmann::json document = read_json(data_dir / c["base"].get<std::string>()).patch(c["patch"]);
    const dlm::report report = shared_validator().validate(document);
    const std::string severity = c["severity"].get<std::string>();
    INFO(c["name"].get<std::string>() << " (" << severity << ")\n" << describe(report));
    if (severity == "none") {
        CHECK(report.ok());
    } else if (severity == "warning") {
        CHECK(report.ok());
        CHECK(has(report.warnings, c["rule"], c["pointer"]));
    } else {
        CHECK_FALSE(report.ok());
        CHECK(has(report.errors, c["rule"], c["pointer"]));
    }
}

TEST_CASE("the common findings read as pinned", "[validator][messages]") {
    const dlm::validator& v = shared_validator();
    SECTION("wrong type") {
        auto item = base_item();
        item["properties"]["dlm:inputs"]["scaling_factor"] = "0.0001";
        const auto f = only_finding(v.validate(item));
        CHECK(f.rule == "schema");
        CHECK(f.pointer == "/properties/dlm:inputs/scaling_factor");
        CHECK(f.message == "expected a number, found a string");
    }
    SECTION("missing required member") {
        auto item = base_item();
        item["properties"]["dlm:outputs"].erase("task");
        const auto f = only_finding(v.validate(item));
        CHECK(f.pointer == "/properties/dlm:outputs");
        CHECK(f.message == "missing required member \"task\"");
    }
    SECTION("enum") {
        auto item = base_item();
        item["properties"]["dlm:data"]["process_level"] = "L5";
        const auto f = only_finding(v.validate(item));
        CHECK(f.pointer == "/properties/dlm:data/process_level");
        CHECK(f.message == R"(expected one of "raw", "ortho", "L0", "L1", "L2", "L3", "L4", found "L5")");
    }
    SECTION("bound") {
        auto item = base_item();
        item["properties"]["dlm:data"]["number_of_bands"] = 0;
        const auto f = only_finding(v.validate(item));
        CHECK(f.pointer == "/properties/dlm:data/number_of_bands");
        CHECK(f.message == "must be >= 1, found 0");
    }
    SECTION("null where a string is expected") {
        auto item = base_item();
        item["properties"]["dlm:runtime"]["model_commit_hash"] = nullptr;
        const auto f = only_finding(v.validate(item));
        CHECK(f.pointer == "/properties/dlm:runtime/model_commit_hash");
        CHECK(f.message == "expected a string, found null");
    }
    SECTION("a polymorphic field of neither form is explained once") {
        auto item = base_item();
        item["properties"]["dlm:inputs"]["input_tensors"] = 3;
        const auto f = only_finding(v.validate(item));
        CHECK(f.pointer == "/properties/dlm:inputs/input_tensors");
        CHECK(f.message == "expected an object or an array, found an integer");
    }
    SECTION("either of two members") {
        auto item = base_item();
        auto& docker = item["properties"]["dlm:runtime"]["docker"];
        nlohmann::json& first = docker.is_array() ? docker[0] : docker;
        first.erase("docker_file");
        first.erase("image_name");
        const auto f = only_finding(v.validate(item));
        CHECK(f.message == "missing required member \"docker_file\" or \"image_name\"");
    }
    SECTION("an RFC 3339 date-time that is not on the calendar") {
        auto item = base_item();
        item["properties"]["datetime"] = "2021-02-29T00:00:00Z";
        const auto report = v.validate(item);
        INFO(describe(report));
        REQUIRE(has(report.errors, "schema", "/properties/datetime"));
        CHECK(report.errors.front().message.find("date-time") != std::string::npos);
    }
    SECTION("a field a schema forbids outright (a `false` subschema) is named, not failed silently") {
        auto item = base_item();
        item["properties"]["eo:bands"] = {{{"name", "B02"}}};
        for (auto& [key, asset] : item["assets"].items()) asset.erase("eo:bands");
        const auto report = v.validate(item);
        INFO(describe(report));
        REQUIRE_FALSE(report.ok());
        CHECK(has(report.errors, "schema", "/properties/eo:bands"));
        for (const auto& f : report.errors) CHECK(f.message != "does not match the schema");
        // The schema's own explanation (the title of the schema that forbids the member) is in the message, and the
        // finding names that schema.
        const auto forbidden = std::find_if(report.errors.begin(), report.errors.end(),
                                            [](const dlm::finding& f) { return f.pointer == "/properties/eo:bands"; });
        REQUIRE(forbidden != report.errors.end());
        CHECK(forbidden->message.rfind("is not allowed here: eo:bands in properties needs an asset with eo:bands", 0) == 0);
        CHECK(forbidden->schema == "https://stac-extensions.github.io/eo/v1.0.0/schema.json");
    }
    SECTION("an undefined field with an extension's prefix") {
        auto item = base_item();
        item["properties"]["sci:journal"] = "Remote Sensing";
        const auto f = only_finding(v.validate(item));
        CHECK(f.pointer == "/properties/sci:journal");
        CHECK(f.message.rfind("member \"sci:journal\" is not allowed here", 0) == 0);
    }
    SECTION("a broken polygon is explained by the polygon branch") {
        auto item = base_item();
        item["geometry"] = {{"type", "Polygon"}, {"coordinates", {{{0, 0}, {1, 1}, {0, 0}}}}};
        const auto report = v.validate(item);
        INFO(describe(report));
        REQUIRE_FALSE(report.ok());
        for (const auto& f : report.errors) CHECK(f.pointer.rfind("/geometry/coordinates", 0) == 0);
    }
}

TEST_CASE("integral numbers count as integers, as draft-07 says", "[validator]") {
    auto item = base_item();
    item["properties"]["dlm:data"]["number_of_bands"] = item["properties"]["dlm:data"]["number_of_bands"].get<double>();
    const auto report = shared_validator().validate(item);
    INFO(describe(report));
    CHECK(report.ok());
    item["properties"]["dlm:data"]["number_of_bands"] = 4.5;
    CHECK(has(shared_validator().validate(item).errors, "schema", "/properties/dlm:data/number_of_bands"));
}

TEST_CASE("companion rule can be relaxed to a warning", "[validator][options]") {
    auto item = base_item();
    auto& extensions = item["stac_extensions"];
    extensions.erase(std::remove_if(extensions.begin(), extensions.end(),
                                    [](const nlohmann::json& e) { return e.get<std::string>().find("scientific") != std::string::npos; }),
                     extensions.end());
    for (auto it = item["properties"].begin(); it != item["properties"].end();) {
        it = it.key().rfind("sci:", 0) == 0 ? item["properties"].erase(it) : std::next(it);
    }
    CHECK(has(shared_validator().validate(item).errors, "dlm.companion.missing", "/stac_extensions"));
    dlm::validator_options options;
    options.relax_companions = true;
    const auto relaxed = dlm::validator(options).validate(item);
    INFO(describe(relaxed));
    CHECK(relaxed.ok());
    CHECK(has(relaxed.warnings, "dlm.companion.missing", "/stac_extensions"));
}

TEST_CASE("unknown extensions: registered schema, resolver, or a warning", "[validator][options][threads]") {
    const std::string uri = "https://example.com/stac/checks/v1.0.0/schema.json";
    auto item = base_item();
    item["stac_extensions"].push_back(uri);
    item["properties"]["chk:score"] = "high";

    SECTION("unavailable without a schema, never fetched") {
        const auto report = shared_validator().validate(item);
        CHECK(report.ok());
        const std::string pointer = "/stac_extensions/" + std::to_string(item["stac_extensions"].size() - 1);
        CHECK(has(report.warnings, "stac.extension.unavailable", pointer));
    }
    const nlohmann::json schema = {
        {"$schema", "http://json-schema.org/draft-07/schema#"},
        {"type", "object"},
        {"properties", {{"properties", {{"properties", {{"chk:score", {{"type", "number"}}}}}}}}}};
    SECTION("registered with add_schema") {
        dlm::validator_options options;
        options.add_schema(uri, schema);
        const auto f = only_finding(dlm::validator(options).validate(item));
        CHECK(f.pointer == "/properties/chk:score");
        CHECK(f.message == "expected a number, found a string (extension " + uri + ")");
    }
    SECTION("resolver, called once per URI even across threads") {
        std::atomic<int> calls{0};
        dlm::validator_options options;
        options.resolver = [&](std::string_view requested) -> std::optional<nlohmann::json> {
            ++calls;
            if (requested == uri) return schema;
            return std::nullopt;
        };
        const dlm::validator validator(options);
        std::vector<std::thread> threads;
        std::atomic<int> failures{0};
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 5; ++i) {
                    if (validator.validate(item).errors.size() != 1) ++failures;
                }
            });
        }
        for (auto& thread : threads) thread.join();
        CHECK(failures == 0);
        CHECK(calls == 1);
    }
    SECTION("a schema with a $ref cycle is refused when the validator is built") {
        dlm::validator_options options;
        options.add_schema(uri, {{"allOf", {{{"$ref", "#"}}}}});
        CHECK_THROWS_AS(dlm::validator(options), dlm::error);
        dlm::validator_options other;
        other.add_schema(uri, {{"definitions", {{"a", {{"$ref", "#/definitions/b"}}}, {"b", {{"$ref", "#/definitions/a"}}}}},
                               {"$ref", "#/definitions/a"}});
        CHECK_THROWS_AS(dlm::validator(other), dlm::error);
    }
    SECTION("a schema that refers to nothing we have is refused with its pointer") {
        dlm::validator_options options;
        options.add_schema(uri, {{"properties", {{"x", {{"$ref", "https://example.com/elsewhere.json"}}}}}});
        try {
            dlm::validator refused(options);
            FAIL("expected dlm::error");
        } catch (const dlm::error& e) {
            CHECK(e.pointer() == "/properties/x/$ref");
        }
    }
}

TEST_CASE("a validator is shared by many threads with the same results", "[validator][threads]") {
    const auto files = json_files(data_dir / "valid");
    std::vector<std::string> texts;
    for (const auto& f : files) texts.push_back(read_text(f));
    // Also invalid documents, so that the explaining second pass runs concurrently too.
    const nlohmann::json cases = read_json(data_dir / "rule-cases.json");
    std::vector<nlohmann::json> documents;
    for (const auto& c : cases) documents.push_back(read_json(data_dir / c["base"].get<std::string>()).patch(c["patch"]));
    const dlm::validator validator;
    std::vector<dlm::report> expected;
    for (const auto& d : documents) expected.push_back(validator.validate(d));
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (std::size_t i = 0; i < documents.size(); ++i) {
                const std::size_t k = (i + static_cast<std::size_t>(t) * 7) % documents.size();
                const auto r = validator.validate(documents[k]);
                if (r.errors != expected[k].errors || r.warnings != expected[k].warnings) ++mismatches;
                if (!validator.validate_text(texts[k % texts.size()]).ok()) ++mismatches;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(mismatches == 0);
}

TEST_CASE("a document marked deprecated gets a warning naming its latest version", "[validator]") {
    nlohmann::json item = read_json(data_dir / "valid/item-vgg16-cloud-cover-landsat-numpy-data-type.json");
    // The numpy name of its data type gets a warning of its own: only stac.deprecated counts here.
    const auto deprecation = [](const dlm::report& report) {
        std::vector<dlm::finding> found;
        for (const auto& w : report.warnings) {
            if (w.rule == dlm::rules::stac_deprecated) found.push_back(w);
        }
        return found;
    };
    const dlm::report report = shared_validator().validate(item);
    CHECK(report.ok());
    const std::vector<dlm::finding> warnings = deprecation(report);
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].pointer == "/properties/deprecated");
    std::string latest;
    for (const auto& link : item["links"]) {
        if (link["rel"] == "latest-version") latest = link["href"].get<std::string>();
    }
    REQUIRE_FALSE(latest.empty());
    CHECK(warnings[0].message.find("latest-version link leads to \"" + latest + "\"") != std::string::npos);

    // Without a latest-version link, the successor; without either, it says so.
    nlohmann::json links = nlohmann::json::array();
    for (const auto& link : item["links"]) {
        if (link["rel"] != "latest-version") links.push_back(link);
    }
    item["links"] = links;
    CHECK(deprecation(shared_validator().validate(item)).at(0).message.find("successor-version link") != std::string::npos);
    links = nlohmann::json::array();
    for (const auto& link : item["links"]) {
        if (link["rel"] != "successor-version") links.push_back(link);
    }
    item["links"] = links;
    CHECK(deprecation(shared_validator().validate(item)).at(0).message.find("names no latest-version") != std::string::npos);
    item["properties"]["deprecated"] = false;
    CHECK(deprecation(shared_validator().validate(item)).empty());
}

}  // namespace dlm_test_validator
