// detail::schema_check, the validator's yes/no pass, against valijson's own verdict on the same compiled schemas:
// every shipped root schema on every test document, every rule case, and systematic damage to the valid corpus.
#include <dlm/detail/json/pointer.hpp>
#include <dlm/validator.hpp>

#include "fuzz/schema_agreement.hpp"
#include "test_data.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace dlm_test_schema_check {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using dlm_test::data_dir;
using dlm_test::read_json;
using dlm_fuzz::shipped_roots;

/// Counts agreements; on the first disagreement, says which schema and which document.
struct tally {
    std::size_t agreed = 0;
    std::size_t rejected = 0;

    /// with_results: also run valijson collecting every error (its slowest path) and require the same verdict.
    void compare(const std::string& uri, const valijson::Schema& schema, const nlohmann::json& document,
                 const std::string& what, bool with_results = true) {
        const dlm_fuzz::verdicts v = dlm_fuzz::judge(schema, document, with_results);
        INFO(what << " against " << uri);
        REQUIRE(v.check == v.valijson);
        REQUIRE(v.valijson == v.valijson_with_results);
        ++agreed;
        if (!v.check) ++rejected;
    }
};

std::vector<std::filesystem::path> json_files_under(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// The schemas a document is checked against: its core schema and the extensions it declares, when shipped.
std::vector<std::string> relevant_roots(const nlohmann::json& document) {
    std::vector<std::string> uris;
    const auto& roots = shipped_roots();
    for (const auto& [uri, schema] : roots) {
        const bool core = uri.find("/item-spec/") != std::string::npos || uri.find("/collection-spec/") != std::string::npos ||
                          uri.find("/catalog-spec/") != std::string::npos;
        bool declared = false;
        if (const auto it = document.find("stac_extensions"); it != document.end() && it->is_array()) {
            declared = std::find(it->begin(), it->end(), nlohmann::json(uri)) != it->end();
        }
        if (core || declared) uris.push_back(uri);
    }
    return uris;
}

/// Every JSON pointer in `document`, parents before children.
void collect_pointers(const nlohmann::json& value, const std::string& pointer, std::vector<std::string>& out) {
    out.push_back(pointer);
    if (value.is_object()) {
        for (const auto& member : value.items()) {
            collect_pointers(member.value(), pointer + "/" + dlm::detail::escape_token(member.key()), out);
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) collect_pointers(value[i], pointer + "/" + std::to_string(i), out);
    }
}

}  // namespace

TEST_CASE("schema_check agrees with valijson on every shipped schema and every test document", "[schema_check]") {
    const auto& roots = shipped_roots();
    REQUIRE(roots.size() >= 15);
    tally t;
    for (const auto& file : json_files_under(data_dir)) {
        nlohmann::json document;
        try {
            document = read_json(file);
        } catch (const nlohmann::json::exception&) {
            continue;  // deliberately broken text (tests/data/cli)
        }
        for (const auto& [uri, schema] : roots) t.compare(uri, *schema, document, file.string());
    }
    CHECK(t.agreed > 500);
    CHECK(t.rejected > t.agreed / 4);  // most pairs do not match (an Item against a Collection schema): both paths run
}

TEST_CASE("schema_check agrees with valijson on every rule case", "[schema_check]") {
    const nlohmann::json cases = read_json(data_dir / "rule-cases.json");
    REQUIRE(cases.size() > 100);
    tally t;
    for (const auto& c : cases) {
        const nlohmann::json document = read_json(data_dir / c.at("base").get<std::string>()).patch(c.at("patch"));
        for (const auto& uri : relevant_roots(document)) {
            t.compare(uri, *shipped_roots().at(uri), document, c.at("name").get<std::string>());
        }
    }
    CHECK(t.rejected > 50);
}

TEST_CASE("schema_check agrees with valijson on damaged copies of the valid corpus", "[schema_check]") {
    // Each value of each valid document in turn is removed or replaced by a value of another type; the damaged
    // document is judged by its core schema and its extensions.
    const std::vector<nlohmann::json> replacements = {nullptr, "x", 0.5, -1, nlohmann::json::object(),
                                                      nlohmann::json::array(), true};
    tally t;
    std::size_t k = 0;
    for (const auto& file : json_files_under(data_dir / "valid")) {
        const nlohmann::json original = read_json(file);
        const std::vector<std::string> uris = relevant_roots(original);
        std::vector<std::string> pointers;
        collect_pointers(original, "", pointers);
        for (std::size_t i = 1; i < pointers.size(); i += 3) {  // every third value: enough variety, bounded time
            nlohmann::json damaged = original;
            const nlohmann::json::json_pointer at(pointers[i]);
            nlohmann::json& parent = damaged.at(at.parent_pointer());
            if (++k % 8 == 0 && parent.is_object()) {
                parent.erase(at.back());
            } else {
                damaged.at(at) = replacements[k % replacements.size()];
            }
            for (const auto& uri : uris) {
                t.compare(uri, *shipped_roots().at(uri), damaged, file.filename().string() + " with " + pointers[i] + " damaged",
                          false);
            }
        }
    }
    CHECK(t.agreed > 1000);
    CHECK(t.rejected > 300);
}

TEST_CASE("schema_check: the validator explains every document it rejects", "[schema_check]") {
    // The yes/no pass and the explaining pass are different code: a "no" without findings would be reported as
    // schema.error. None of the rule cases may produce one.
    const dlm::validator validator;
    const nlohmann::json cases = read_json(data_dir / "rule-cases.json");
    for (const auto& c : cases) {
        const nlohmann::json document = read_json(data_dir / c.at("base").get<std::string>()).patch(c.at("patch"));
        const dlm::report r = validator.validate(document);
        INFO(c.at("name").get<std::string>());
        for (const auto& f : r.errors) CHECK(f.rule != "schema.error");
    }
}

}  // namespace dlm_test_schema_check
