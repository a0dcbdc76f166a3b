// The shipped extension schemas against documents written for them (tests/data/extensions/<name>/<version>.json): every
// field valid and invalid in each place the extension allows it, and documents that declare the extension but use
// none of its fields, in each place the published schema of that tag looks. Each case is a base document
// (tests/data/extensions/base-*.json, valid STAC 1.1.0) that declares the one extension, with members set or removed.
#include <dlm/rules.hpp>
#include <dlm/validator.hpp>

#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

namespace dlm_test_extensions {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using dlm_test::data_dir;
using dlm_test::read_json;

const std::filesystem::path cases_dir = data_dir / "extensions";
const std::filesystem::path schema_dir{DLM_SCHEMA_DIR};

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

/// "<name>/<version>" of every case file, sorted.
std::vector<std::string> case_files() {
    std::vector<std::string> out;
    for (const auto& name : std::filesystem::directory_iterator(cases_dir)) {
        if (!name.is_directory()) continue;
        for (const auto& file : std::filesystem::directory_iterator(name.path())) {
            if (file.path().extension() == ".json") {
                out.push_back(name.path().filename().string() + "/" + file.path().stem().string());
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// "<name>/<version>" of every shipped extension schema (schema/extensions/<name>/<version>/schema.json), sorted.
std::vector<std::string> shipped_extensions() {
    std::vector<std::string> out;
    for (const auto& name : std::filesystem::directory_iterator(schema_dir / "extensions")) {
        // mlm and the classification extension its outputs use are checked through exports (test_mlm.cpp).
        if (name.path().filename() == "mlm" || name.path().filename() == "classification") continue;
        for (const auto& version : std::filesystem::directory_iterator(name.path())) {
            if (std::filesystem::exists(version.path() / "schema.json")) {
                out.push_back(name.path().filename().string() + "/" + version.path().filename().string());
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

/// The case's document: its base, declaring `extension`, with the case's members set, then removed.
nlohmann::json build(const nlohmann::json& c, const std::string& extension) {
    nlohmann::json document = read_json(cases_dir / ("base-" + c.at("base").get<std::string>() + ".json"));
    document["stac_extensions"] = nlohmann::json::array({extension});
    for (const auto& [pointer, value] : c.at("set").items()) document[nlohmann::json::json_pointer(pointer)] = value;
    if (const auto remove = c.find("remove"); remove != c.end()) {
        for (const auto& pointer : *remove) document.erase(document.find(pointer.get<std::string>()));
    }
    return document;
}

}  // namespace

TEST_CASE("every base document is valid STAC without an extension", "[extensions]") {
    for (const char* base : {"base-item.json", "base-collection.json", "base-catalog.json"}) {
        const dlm::report report = shared_validator().validate(read_json(cases_dir / base));
        INFO(base << "\n" << describe(report));
        CHECK(report.ok());
        CHECK(report.warnings.empty());
    }
}

TEST_CASE("every shipped extension schema has its cases, and every case file names a shipped schema", "[extensions]") {
    CHECK(case_files() == shipped_extensions());
}

TEST_CASE("extension schemas give the expected verdict on every case", "[extensions]") {
    const std::string file = GENERATE(from_range(case_files()));
    const nlohmann::json cases = read_json(cases_dir / (file + ".json"));
    const std::string extension = cases.at("extension").get<std::string>();
    REQUIRE(extension == "https://stac-extensions.github.io/" + file + "/schema.json");
    for (const auto& c : cases.at("cases")) {
        const nlohmann::json document = build(c, extension);
        const dlm::report report = shared_validator().validate(document);
        const std::string name = c.at("name").get<std::string>();
        INFO(file << ": " << name << "\n" << document.dump() << "\n" << describe(report));
        // The one warning a case may get: a document the version extension marks deprecated.
        const nlohmann::json& fields = document.value("type", "") == "Feature" ? document["properties"] : document;
        const bool deprecated = fields.is_object() && fields.value("deprecated", nlohmann::json()) == true;
        CHECK(report.warnings.size() == (deprecated ? 1u : 0u));
        for (const auto& w : report.warnings) CHECK(w.rule == dlm::rules::stac_deprecated);
        if (c.at("valid").get<bool>()) {
            CHECK(report.ok());
            continue;
        }
        CHECK_FALSE(report.ok());
        const std::string at = c.at("error_at").get<std::string>();
        CHECK(std::any_of(report.errors.begin(), report.errors.end(),
                          [&](const dlm::finding& f) { return f.pointer == at; }));
        // Every error comes from the extension's schema: the base documents are valid STAC.
        for (const auto& f : report.errors) {
            CHECK(f.rule == dlm::rules::schema);
            CHECK(f.message.find("(extension " + extension + ")") != std::string::npos);
        }
    }
    CHECK(cases.at("cases").size() >= 8);
}

TEST_CASE("a document that declares no extension field is checked in each place the published schema looks",
          "[extensions]") {
    // Per tag: does the published schema reject an Item / a Collection that declares it and uses none of its fields?
    struct expectation {
        const char* extension;
        bool item_rejected;
        bool collection_rejected;
    };
    const expectation expected[] = {
        {"eo/v1.0.0", false, false},         {"eo/v1.1.0", false, false},         {"eo/v2.0.0", true, true},
        {"scientific/v1.0.0", true, true},   {"version/v1.0.0", true, true},      {"version/v1.1.0", false, false},
        {"version/v1.2.0", false, false},    {"processing/v1.0.0", true, true},   {"processing/v1.1.0", true, true},
        {"processing/v1.2.0", true, true},   {"raster/v1.0.0", false, false},     {"raster/v1.1.0", false, false},
        {"raster/v2.0.0", true, true},       {"label/v1.0.0", true, false},       {"label/v1.0.1", true, false},
        {"file/v1.0.0", false, false},       {"file/v2.0.0", false, false},       {"file/v2.1.0", false, false},
        {"projection/v1.0.0", false, false}, {"projection/v1.1.0", false, false}, {"projection/v1.2.0", false, false},
        {"projection/v2.0.0", false, false}, {"view/v1.0.0", true, false},        {"view/v1.1.0", true, true},
        {"item-assets/v1.0.0", true, true},
    };
    CHECK(std::size(expected) == shipped_extensions().size());
    for (const auto& e : expected) {
        const std::string uri = std::string("https://stac-extensions.github.io/") + e.extension + "/schema.json";
        for (const bool item : {true, false}) {
            nlohmann::json document = read_json(cases_dir / (item ? "base-item.json" : "base-collection.json"));
            document["stac_extensions"] = nlohmann::json::array({uri});
            const dlm::report report = shared_validator().validate(document);
            INFO(uri << (item ? " Item" : " Collection") << "\n" << describe(report));
            CHECK(report.ok() == !(item ? e.item_rejected : e.collection_rejected));
        }
    }
}

TEST_CASE("a declared extension that is not shipped keeps its warning", "[extensions]") {
    for (const char* uri : {"https://stac-extensions.github.io/sar/v1.0.0/schema.json",
                            "https://stac-extensions.github.io/eo/v2.0.0-beta.1/schema.json",
                            "https://stac-extensions.github.io/label/v1.1.0/schema.json"}) {
        nlohmann::json document = read_json(cases_dir / "base-item.json");
        document["stac_extensions"] = nlohmann::json::array({uri});
        const dlm::report report = shared_validator().validate(document);
        INFO(uri << "\n" << describe(report));
        CHECK(report.ok());
        REQUIRE(report.warnings.size() == 1);
        CHECK(report.warnings.front().rule == dlm::rules::stac_extension_unavailable);
        CHECK(report.warnings.front().pointer == "/stac_extensions/0");
    }
}

}  // namespace dlm_test_extensions
