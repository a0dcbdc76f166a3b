// Runs the built `dlm` tool (examples/cli) on real files and checks its output and exit status.
#ifdef DLM_CLI_PATH

#include <catch2/catch.hpp>

#include <dlm/extensions.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "cli_runner.hpp"

namespace dlm_test_cli {  // each test file has a namespace of its own: the runner is a unity build

namespace fs = std::filesystem;

using dlm_test::contains;
using dlm_test::lines_of;
using dlm_test::quote;
using dlm_test::read_all;
using dlm_test::run_dlm;
using dlm_test::run_result;
using dlm_test::temp_dir;
using dlm_test::write_all;

namespace {

const fs::path data_dir = DLM_TEST_DATA_DIR;
const fs::path cli_data = data_dir / "cli";
const fs::path tree = cli_data / "tree";
const fs::path model_item = tree / "items" / "model-item.json";
const fs::path invalid_item = tree / "items" / "invalid-item.json";


/// The `--format json` output, one parsed object per line; checks the line shape on the way.
std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::vector<std::string> lines = lines_of(text);
    // The closing summary line counts the documents, valid and invalid, and the warnings of the lines before it.
    REQUIRE_FALSE(lines.empty());
    {
        INFO(lines.back());
        REQUIRE(nlohmann::json::accept(lines.back()));
        const auto summary = nlohmann::ordered_json::parse(lines.back());
        REQUIRE(summary.size() == 1);
        REQUIRE(summary.contains("summary"));
        std::vector<std::string> keys;
        for (const auto& member : summary["summary"].items()) keys.push_back(member.key());
        CHECK(keys == std::vector<std::string>{"documents", "valid", "invalid", "warnings", "remote_links", "seconds"});
        std::size_t valid = 0;
        std::size_t warnings = 0;
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
            const auto parsed = nlohmann::json::parse(lines[i]);
            valid += parsed.value("valid", false) ? 1 : 0;
            warnings += parsed.value("warnings", nlohmann::json::array()).size();
        }
        CHECK(summary["summary"]["documents"] == lines.size() - 1);
        CHECK(summary["summary"]["valid"] == valid);
        CHECK(summary["summary"]["invalid"] == lines.size() - 1 - valid);
        CHECK(summary["summary"]["warnings"] == warnings);
        lines.pop_back();
    }
    for (const auto& line : lines) {
        INFO(line);
        REQUIRE(nlohmann::json::accept(line));
        const auto ordered = nlohmann::ordered_json::parse(line);
        std::vector<std::string> keys;
        for (const auto& member : ordered.items()) keys.push_back(member.key());
        CHECK(keys == std::vector<std::string>{"path", "type", "id", "valid", "errors", "warnings"});
        const auto parsed = nlohmann::json::parse(line);
        REQUIRE(parsed["path"].is_string());
        CHECK((parsed["type"].is_string() || parsed["type"].is_null()));
        CHECK((parsed["id"].is_string() || parsed["id"].is_null()));
        REQUIRE(parsed["valid"].is_boolean());
        for (const char* list : {"errors", "warnings"}) {
            REQUIRE(parsed[list].is_array());
            for (const auto& f : parsed[list]) {
                // "schema" (the $id of the schema that failed) on schema findings only.
                CHECK(f.size() == (f.value("rule", "") == "schema" ? 4U : 3U));
                if (f.contains("schema")) CHECK(f["schema"].is_string());
                CHECK(f["rule"].is_string());
                CHECK(f["pointer"].is_string());
                CHECK(f["message"].is_string());
            }
        }
        CHECK(parsed["valid"] == parsed["errors"].empty());
        out.push_back(parsed);
    }
    return out;
}

std::vector<std::string> paths_of(const std::vector<nlohmann::json>& results) {
    std::vector<std::string> paths;
    for (const auto& r : results) paths.push_back(r["path"]);
    return paths;
}

bool has_rule(const nlohmann::json& result, const std::string& rule) {
    return std::any_of(result["errors"].begin(), result["errors"].end(),
                       [&](const nlohmann::json& f) { return f["rule"] == rule; });
}

std::vector<fs::path> valid_examples() {
    std::vector<fs::path> files;
    if (fs::is_directory(data_dir / "valid")) {
        for (const auto& entry : fs::directory_iterator(data_dir / "valid")) {
            if (entry.path().extension() == ".json") files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("dlm --version and --help", "[cli]") {
    const auto version = run_dlm("--version");
    CHECK(version.status == 0);
    CHECK(version.out == "dlm 0.1.0\n");
    CHECK(version.err.empty());

    for (const std::string args :
         {"--help", "validate --help", "upgrade --help", "info --help", "match --help", "find --help"}) {
        INFO(args);
        const auto help = run_dlm(args);
        CHECK(help.status == 0);
        CHECK(help.out.rfind("usage: dlm", 0) == 0);
        CHECK(help.err.empty());
    }
    CHECK(run_dlm("validate --help").out.find("exit status") != std::string::npos);
}

TEST_CASE("dlm reports bad usage on standard error with status 2", "[cli]") {
    const auto x = quote(model_item.string());
    const std::vector<std::string> bad_usages = {
        "",
        "frobnicate",
        "--frobnicate",
        "validate",
        "validate --jobs 0 " + x,
        "validate --jobs=x " + x,
        "validate --format yaml " + x,
        "validate --nope " + x,
        "validate --links=yes " + x,
        "validate --schema nouri " + x,
        "validate --jobs",
        "upgrade",
        "upgrade -o out.json " + x + " " + x,
        "upgrade --in-place -o out.json " + x,
        "info",
    };
    for (const auto& args : bad_usages) {
        INFO(args);
        const auto r = run_dlm(args);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK_FALSE(r.err.empty());
    }
    CHECK(run_dlm("validate --jobs 0 " + x).err.find("--jobs") != std::string::npos);
    CHECK(run_dlm("frobnicate").err.find("unknown command 'frobnicate'") != std::string::npos);
}

TEST_CASE("dlm validate accepts every valid example", "[cli]") {
    const auto files = valid_examples();
    if (files.empty()) {
        WARN("tests/data/valid/ holds no example yet");
        return;
    }
    std::string args = "validate --format json";
    for (const auto& file : files) args += " " + quote(file.string());
    const auto r = run_dlm(args);
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    const auto results = json_lines(r.out);
    REQUIRE(results.size() >= files.size());
    for (const auto& result : results) {
        INFO(result.dump());
        CHECK(result["valid"] == true);
    }
    // A FeatureCollection is reported feature by feature.
    const fs::path collection = data_dir / "valid" / "feature-collection.json";
    if (fs::exists(collection)) {
        const auto features = nlohmann::json::parse(read_all(collection))["features"];
        const auto fc = json_lines(run_dlm("validate --format json " + quote(collection.string())).out);
        REQUIRE(fc.size() == features.size());
        for (std::size_t i = 0; i < fc.size(); ++i)
            CHECK(fc[i]["path"] == collection.string() + "#/features/" + std::to_string(i));
    }
}

TEST_CASE("dlm validate on a valid and an invalid item, text format", "[cli]") {
    const auto valid = run_dlm("validate " + quote(model_item.string()));
    INFO(valid.out << valid.err);
    CHECK(valid.status == 0);
    const auto valid_lines = lines_of(valid.out);
    REQUIRE(valid_lines.size() == 2);
    CHECK(valid_lines[0] == model_item.string() + ": valid");
    CHECK(valid_lines[1].rfind("1 valid, 0 invalid, 0 warnings, in ", 0) == 0);
    CHECK(valid_lines[1].substr(valid_lines[1].size() - 2) == " s");

    const auto invalid = run_dlm("validate " + quote(invalid_item.string()) + " " + quote(model_item.string()));
    INFO(invalid.out << invalid.err);
    CHECK(invalid.status == 1);
    CHECK(lines_of(invalid.err).size() == 1);  // the one deprecation note: dlm is superseded by mlm
    CHECK(invalid.err.rfind("note: the dlm extension is deprecated", 0) == 0);
    const auto lines = lines_of(invalid.out);
    REQUIRE(lines.size() >= 4);
    CHECK(lines[0].rfind(invalid_item.string() + ": invalid, ", 0) == 0);
    CHECK(lines[1].rfind("  error   ", 0) == 0);
    CHECK(invalid.out.find("/properties/dlm:inputs/scaling_factor") != std::string::npos);
    CHECK(invalid.out.find(model_item.string() + ": valid\n") != std::string::npos);
    CHECK(lines.back().rfind("1 valid, 1 invalid, ", 0) == 0);
    CHECK(invalid.out.find("\033[") == std::string::npos);  // not a terminal: no colour

    const auto quiet = run_dlm("validate --quiet " + quote(invalid_item.string()) + " " + quote(model_item.string()));
    CHECK(quiet.status == 1);
    CHECK(quiet.out.find(model_item.string()) == std::string::npos);
    CHECK(quiet.out.find(invalid_item.string() + ": invalid") == 0);
    CHECK(quiet.out.find(" valid, ") == std::string::npos);  // no summary

    const auto all_valid_quiet = run_dlm("validate -q " + quote(model_item.string()));
    CHECK(all_valid_quiet.status == 0);
    CHECK(all_valid_quiet.out.empty());
}

TEST_CASE("dlm validate --format json prints one object per document", "[cli]") {
    const auto r = run_dlm("validate --format json " + quote(invalid_item.string()) + " " + quote(model_item.string()));
    CHECK(r.status == 1);
    const auto results = json_lines(r.out);
    REQUIRE(results.size() == 2);
    CHECK(results[0]["path"] == invalid_item.string());
    CHECK(results[0]["valid"] == false);
    const auto& errors = results[0]["errors"];
    CHECK(std::any_of(errors.begin(), errors.end(), [](const nlohmann::json& f) {
        return f["pointer"] == "/properties/dlm:inputs/scaling_factor";
    }));
    // Every schema finding names the schema that failed; the other rules carry no "schema" member.
    for (const auto& f : errors) {
        INFO(f.dump());
        if (f["rule"] == "schema") {
            CHECK(f.value("schema", "").rfind("https://", 0) == 0);
        } else {
            CHECK_FALSE(f.contains("schema"));
        }
    }
    CHECK(std::any_of(errors.begin(), errors.end(), [](const nlohmann::json& f) {
        return f.value("schema", "") == dlm::extension_identifier;
    }));
    CHECK(results[1]["path"] == model_item.string());
    CHECK(results[1]["valid"] == true);
    CHECK(r.out.find(" valid, ") == std::string::npos);  // no summary
}

TEST_CASE("dlm validate reports a non-JSON file with line and column, and checks the rest", "[cli]") {
    const fs::path not_json = cli_data / "not-json.json";
    const auto r = run_dlm("validate --format=json " + quote(not_json.string()) + " " + quote(model_item.string()));
    CHECK(r.status == 2);
    const auto results = json_lines(r.out);
    REQUIRE(results.size() == 2);
    CHECK(results[0]["path"] == not_json.string());
    CHECK(results[0]["valid"] == false);
    REQUIRE(has_rule(results[0], "input.syntax"));
    const std::string message = results[0]["errors"][0]["message"];
    CHECK(message.find("line 3") != std::string::npos);
    CHECK(message.find("column 9") != std::string::npos);
    CHECK(results[1]["valid"] == true);

    const auto text = run_dlm("validate " + quote(not_json.string()));
    CHECK(text.status == 2);
    CHECK(text.out.find("input.syntax") != std::string::npos);
    CHECK(text.out.find("line 3") != std::string::npos);
}

TEST_CASE("dlm validate reports unreadable paths and still checks the others", "[cli]") {
    const temp_dir dir;
    const fs::path missing = dir / "missing.json";
    const fs::path locked = dir / "locked.json";
    fs::copy_file(model_item, locked);
    fs::permissions(locked, fs::perms::none);
    // Root reads a file whatever its mode: only check `locked` when it really cannot be opened.
    const bool lock_works = !std::ifstream(locked).is_open();

    std::string args = "validate --format json " + quote(missing.string()) + " " + quote(model_item.string());
    if (lock_works) args += " " + quote(locked.string());
    const auto r = run_dlm(args);
    CHECK(r.status == 2);
    const auto results = json_lines(r.out);
    REQUIRE(results.size() == (lock_works ? 3U : 2U));
    CHECK(results[0]["path"] == missing.string());
    CHECK(has_rule(results[0], "input.unreadable"));
    CHECK(results[0]["errors"][0]["message"].get<std::string>().find("No such file") != std::string::npos);
    CHECK(results[1]["valid"] == true);
    if (lock_works) {
        CHECK(has_rule(results[2], "input.unreadable"));
        CHECK(results[2]["errors"][0]["message"].get<std::string>().find("Permission denied") != std::string::npos);
    }
}

TEST_CASE("dlm validate walks a directory recursively in sorted order", "[cli]") {
    const auto r = run_dlm("validate --format json " + quote(tree.string()));
    CHECK(r.status == 1);
    const auto results = json_lines(r.out);
    const std::vector<std::string> expected = {
        (tree / "catalog.json").string(),         (tree / "items" / "invalid-item.json").string(),
        (tree / "items" / "model-item.json").string(), (tree / "models" / "collection.json").string(),
        (tree / "sub" / "catalog.json").string(),
    };
    CHECK(paths_of(results) == expected);
    for (const auto& result : results) {
        INFO(result.dump());
        CHECK(result["valid"] == (result["path"] != expected[1]));
    }
}

TEST_CASE("dlm validate --links follows local child and item links once", "[cli]") {
    const auto r = run_dlm("validate --links --format json " + quote((tree / "catalog.json").string()));
    INFO(r.out << r.err);
    CHECK(r.status == 1);
    const auto results = json_lines(r.out);
    // Depth first in link order; the remote child is skipped, the cycle back to the root and the second link to
    // model-item.json are not visited again, and `license`/`parent` links are not followed.
    const std::vector<std::string> expected = {
        (tree / "catalog.json").string(),
        (tree / "models" / "collection.json").string(),
        (tree / "items" / "model-item.json").string(),
        (tree / "sub" / "catalog.json").string(),
        (tree / "items" / "invalid-item.json").string(),
    };
    CHECK(paths_of(results) == expected);

    // A directory and links together still visit each file once.
    const auto both = run_dlm("validate --links --format json " + quote(tree.string()) + " " +
                          quote((tree / "catalog.json").string()));
    CHECK(json_lines(both.out).size() == 5);

    // The remote child is counted in the summary and the note; --verbose lists it, with its pointer.
    CHECK(nlohmann::json::parse(lines_of(r.out).back())["summary"]["remote_links"] == 1);
    CHECK(contains(r.err, "1 link with a URI scheme (https:, s3:...) not followed\n"));
    CHECK_FALSE(contains(r.err, "remote/catalog.json"));
    const auto verbose = run_dlm("validate --links --verbose " + quote((tree / "catalog.json").string()));
    CHECK(contains(verbose.err, "not followed:\n  " + (tree / "catalog.json").string() +
                                    "#/links/2 \"https://example.org/stac/remote/catalog.json\"\n"));
}

TEST_CASE("dlm validate - reads NDJSON or one document from standard input", "[cli]") {
    const auto r = run_dlm("validate --format json -", (cli_data / "items.ndjson").string());
    INFO(r.out << r.err);
    CHECK(r.status == 2);  // line 5 is not JSON
    const auto results = json_lines(r.out);
    CHECK(paths_of(results) == std::vector<std::string>{"-:1", "-:3", "-:5", "-:6"});
    REQUIRE(results.size() == 4);
    CHECK(results[0]["valid"] == true);
    CHECK(results[1]["valid"] == false);
    CHECK(results[2]["valid"] == false);
    CHECK(has_rule(results[2], "input.syntax"));
    CHECK(results[3]["valid"] == true);

    // A pretty-printed document on standard input is one document, named "-".
    const auto single = run_dlm("validate --format json -", model_item.string());
    CHECK(single.status == 0);
    CHECK(paths_of(json_lines(single.out)) == std::vector<std::string>{"-"});

    // A file named *.ndjson is read the same way.
    const fs::path ndjson = cli_data / "items.ndjson";
    const auto file = run_dlm("validate --format json " + quote(ndjson.string()));
    CHECK(paths_of(json_lines(file.out)) ==
          std::vector<std::string>{ndjson.string() + ":1", ndjson.string() + ":3", ndjson.string() + ":5",
                                   ndjson.string() + ":6"});
}

TEST_CASE("dlm validate keeps input order with several jobs", "[cli]") {
    const temp_dir dir;
    const std::string valid = nlohmann::json::parse(read_all(model_item)).dump();
    const std::string invalid = nlohmann::json::parse(read_all(invalid_item)).dump();
    std::string ndjson;
    constexpr int count = 300;
    for (int i = 0; i < count; ++i) ndjson += (i % 3 == 0 ? invalid : valid) + "\n";
    write_all(dir / "stream.ndjson", ndjson);

    const auto r = run_dlm("validate --jobs 2 --format json -", (dir / "stream.ndjson").string());
    CHECK(r.status == 1);
    const auto results = json_lines(r.out);
    REQUIRE(results.size() == count);
    for (int i = 0; i < count; ++i) {
        INFO(i);
        CHECK(results[static_cast<std::size_t>(i)]["path"] == "-:" + std::to_string(i + 1));
        CHECK(results[static_cast<std::size_t>(i)]["valid"] == (i % 3 != 0));
    }

    // Files of a directory, too.
    for (int i = 0; i < 40; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "doc-%03d.json", i);
        write_all(dir / name, i % 4 == 0 ? invalid : valid);
    }
    const auto files = json_lines(run_dlm("validate -j 2 --format json " + quote(dir.path().string())).out);
    REQUIRE(files.size() == 40);
    for (std::size_t i = 0; i < files.size(); ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "doc-%03zu.json", i);
        CHECK(files[i]["path"] == (dir / name).string());
        CHECK(files[i]["valid"] == (i % 4 != 0));
    }
}

TEST_CASE("dlm upgrade rewrites a legacy item in place, atomically", "[cli]") {
    const temp_dir dir;
    const fs::path file = dir / "legacy.json";
    fs::copy_file(cli_data / "legacy-fixable.json", file);
    const std::string original = read_all(file);
    REQUIRE(run_dlm("validate " + quote(file.string())).status == 1);

    const auto dry = run_dlm("upgrade --dry-run " + quote(file.string()));
    INFO(dry.out << dry.err);
    CHECK(dry.status == 0);
    CHECK(read_all(file) == original);
    CHECK(dry.out.find(file.string() + ": /properties/dlm:runtime/framework_version: ") != std::string::npos);
    CHECK(dry.out.find(file.string() + ": /stac_extensions/0: ") != std::string::npos);

    const auto r = run_dlm("upgrade --in-place " + quote(file.string()));
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out == dry.out);
    const std::string upgraded = read_all(file);
    CHECK(upgraded != original);
    const auto document = nlohmann::json::parse(upgraded);
    CHECK(document["properties"]["dlm:runtime"]["version"] == "1.10");
    CHECK(document["properties"]["dlm:outputs"]["class_name_mapping"] ==
          nlohmann::json::parse(R"([{"index": 0, "class_name": "land"}, {"index": 1, "class_name": "water"}])"));
    // Only the changed members are rewritten: the lines before the first change are the original's, byte for byte.
    CHECK(upgraded.rfind(original.substr(0, original.find("\"dl-model\"")), 0) == 0);
    CHECK(upgraded.find("\n  \"id\": \"legacy-fixable\",\n  \"geometry\": {\n    \"type\": \"Polygon\",\n") != std::string::npos);
    CHECK(run_dlm("validate " + quote(file.string())).status == 0);
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);  // no temporary left

    // Upgrading again changes nothing and leaves the file alone.
    const auto again = run_dlm("upgrade -i " + quote(file.string()));
    CHECK(again.status == 0);
    CHECK(again.out.empty());
    CHECK(read_all(file) == upgraded);
}

TEST_CASE("dlm upgrade prints to standard output or -o, and never writes an invalid result", "[cli]") {
    const temp_dir dir;
    const fs::path legacy = cli_data / "legacy-fixable.json";
    const auto to_stdout = run_dlm("upgrade " + quote(legacy.string()));
    CHECK(to_stdout.status == 0);
    const auto document = nlohmann::json::parse(to_stdout.out);
    CHECK(document["properties"]["dlm:runtime"]["version"] == "1.10");
    CHECK(to_stdout.err.find(legacy.string() + ": /properties/dlm:runtime/framework_version: ") != std::string::npos);

    const fs::path out = dir / "out.json";
    const auto to_file = run_dlm("upgrade -o " + quote(out.string()) + " " + quote(legacy.string()));
    CHECK(to_file.status == 0);
    CHECK(read_all(out) == to_stdout.out);

    // The other engineer's legacy fixture, with its expected result.
    const fs::path beta2 = data_dir / "legacy" / "upgrade-item-beta2.json";
    const fs::path expected = data_dir / "legacy" / "upgrade-item-beta2.expected.json";
    if (fs::exists(beta2) && fs::exists(expected)) {
        const auto r = run_dlm("upgrade " + quote(beta2.string()));
        INFO(r.err);
        CHECK(r.status == 0);
        CHECK(nlohmann::json::parse(r.out) == nlohmann::json::parse(read_all(expected)));
    }

    // Invalid after upgrade: findings on stderr, exit 1, the original byte for byte, nothing else in the directory.
    const fs::path file = dir / "still-invalid.json";
    fs::copy_file(cli_data / "legacy-invalid.json", file);
    const std::string original = read_all(file);
    const auto invalid = run_dlm("upgrade --in-place " + quote(file.string()));
    INFO(invalid.out << invalid.err);
    CHECK(invalid.status == 1);
    CHECK(invalid.err.find("invalid") != std::string::npos);
    CHECK(invalid.err.find("/properties/dlm:inputs/scaling_factor") != std::string::npos);
    CHECK(read_all(file) == original);
    const fs::path not_written = dir / "not-written.json";
    CHECK(run_dlm("upgrade -o " + quote(not_written.string()) + " " + quote(file.string())).status == 1);
    CHECK_FALSE(fs::exists(not_written));
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 2);  // out.json + file

    // Not JSON, or missing: status 2, nothing on standard output.
    const auto not_json = run_dlm("upgrade " + quote((cli_data / "not-json.json").string()));
    CHECK(not_json.status == 2);
    CHECK(not_json.out.empty());
    CHECK(run_dlm("upgrade -i " + quote((dir / "missing.json").string())).status == 2);
}

TEST_CASE("dlm info prints the deployment summary", "[cli]") {
    const auto r = run_dlm("info " + quote(model_item.string()));
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    for (const char* expected : {"Item \"unet-rgb-water\"", "batch 1 x dim 3 x height 256 x width 256",
                                 "  2: red (red)  [useful_bands]", "  1: B03 (green)  [eo:bands]",
                                 "  0: B02 (blue)  [eo:bands]", "x 0.0001", "mean [0.1, 0.2, 0.3]",
                                 "semantic segmentation, 2 classes", "  1: water\n", "PyTorch 1.13.1",
                                 "example/water-unet:1.2.0 (CPU)", "python serve.py", "doi:10.1234/cli-fixture.water"}) {
        CHECK(r.out.find(expected) != std::string::npos);
    }

    const auto invalid = run_dlm("info " + quote(invalid_item.string()));
    CHECK(invalid.status == 2);
    CHECK(invalid.out.empty());
    CHECK(invalid.err.find("scaling_factor") != std::string::npos);

    const auto not_json = run_dlm("info " + quote((cli_data / "not-json.json").string()));
    CHECK(not_json.status == 2);
    CHECK(not_json.err.find("line 3") != std::string::npos);

    const auto catalog = run_dlm("info " + quote((tree / "catalog.json").string()));
    CHECK(catalog.status == 1);
    CHECK(catalog.out.empty());
}

TEST_CASE("dlm validate notes once per run that dlm is deprecated in favour of mlm", "[cli][mlm]") {
    const std::string two = quote(model_item.string()) + " " + quote((data_dir / "valid" / "feature-collection.json").string());
    const auto text = run_dlm("validate " + two);
    CHECK(text.status == 0);
    const auto notes = lines_of(text.err);
    REQUIRE(notes.size() == 1);
    CHECK(notes[0].find("deprecated in favour of mlm") != std::string::npos);
    CHECK(notes[0].find("dlm export-mlm") != std::string::npos);
    CHECK(notes[0].find("[dlm.deprecated]") != std::string::npos);
    CHECK(run_dlm("validate --quiet " + two).err.empty());
    CHECK(run_dlm("validate --format json " + two).err.empty());
    CHECK(lines_of(run_dlm("validate --format json --deprecation-note " + two).err).size() == 1);
    CHECK(lines_of(run_dlm("validate --quiet --deprecation-note " + two).err).size() == 1);
    // A document without dlm gets no note.
    CHECK(run_dlm("validate " + quote((tree / "catalog.json").string())).err.empty());
}

TEST_CASE("dlm export-mlm exports, validates and writes atomically", "[cli][mlm]") {
    const temp_dir dir;
    const std::string model = " --model-href https://example.org/w.pt --artifact-type torch.save ";
    const fs::path input = data_dir / "valid" / "item-unet-sentinel2-wetland-segmentation.json";
    const std::string original = read_all(input);

    // To standard output: the document there, the report on standard error.
    const auto to_stdout = run_dlm("export-mlm" + model + quote(input.string()));
    INFO(to_stdout.err);
    CHECK(to_stdout.status == 0);
    const auto exported = nlohmann::json::parse(to_stdout.out);
    CHECK(exported["properties"]["mlm:architecture"] == "UNet");
    CHECK(exported["assets"]["mlm:model"]["href"] == "https://example.org/w.pt");
    CHECK(to_stdout.err.find("/properties/dlm:architecture/summary") != std::string::npos);
    CHECK(read_all(input) == original);
    // The export validates, and is no longer a dlm document (no deprecation note).
    const fs::path out = dir / "mlm.json";
    const auto written = run_dlm("export-mlm" + model + "-o " + quote(out.string()) + " " + quote(input.string()));
    CHECK(written.status == 0);
    CHECK(nlohmann::json::parse(read_all(out)) == exported);
    const auto check = run_dlm("validate " + quote(out.string()));
    CHECK(check.status == 0);
    CHECK(check.err.empty());

    // Without the model asset the export is invalid: nothing is written, the report names the model asset.
    const fs::path missing = dir / "missing.json";
    const auto invalid = run_dlm("export-mlm -o " + quote(missing.string()) + " " + quote(input.string()));
    CHECK(invalid.status == 1);
    CHECK_FALSE(fs::exists(missing));
    CHECK(invalid.out.find("missing  /assets/mlm:model") != std::string::npos);
    const auto anyway = run_dlm("export-mlm --allow-invalid -o " + quote(missing.string()) + " " + quote(input.string()));
    CHECK(anyway.status == 1);
    CHECK(fs::exists(missing));
    CHECK(anyway.out.find("written anyway") != std::string::npos);

    // --in-place on a copy; --dry-run writes nothing.
    const fs::path copy = dir / "item.json";
    write_all(copy, original);
    CHECK(run_dlm("export-mlm --dry-run" + model + quote(copy.string())).status == 0);
    CHECK(read_all(copy) == original);
    CHECK(run_dlm("export-mlm --in-place" + model + quote(copy.string())).status == 0);
    CHECK(nlohmann::json::parse(read_all(copy)) == exported);
    // The same destination options as `dlm upgrade`: a read-only file is replaced only with --force; `-o -` is
    // standard output; at most one of --in-place, -o and --dry-run.
    const fs::path read_only = dir / "read-only.json";
    write_all(read_only, original);
    fs::permissions(read_only, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
    const auto refused = run_dlm("export-mlm --in-place" + model + quote(read_only.string()));
    CHECK(refused.status == 2);
    CHECK(refused.out.find("read-only") != std::string::npos);
    CHECK(read_all(read_only) == original);
    CHECK(run_dlm("export-mlm --in-place --force" + model + quote(read_only.string())).status == 0);
    CHECK(nlohmann::json::parse(read_all(read_only)) == exported);
    const auto dash = run_dlm("export-mlm -o -" + model + quote(input.string()));
    CHECK(dash.status == 0);
    CHECK(nlohmann::json::parse(dash.out) == exported);
    CHECK(run_dlm("export-mlm --dry-run -o " + quote((dir / "x.json").string()) + model + quote(input.string())).status == 2);

    // --keep-dlm keeps the dlm fields; --name sets mlm:name.
    const auto kept = run_dlm("export-mlm --keep-dlm --name 'Wetland UNet'" + model + quote(input.string()));
    CHECK(kept.status == 0);
    const auto kept_doc = nlohmann::json::parse(kept.out);
    CHECK(kept_doc["properties"].contains("dlm:inputs"));
    CHECK(kept_doc["properties"]["mlm:name"] == "Wetland UNet");

    CHECK(run_dlm("export-mlm --model-href x " + quote(input.string())).status == 2);
    CHECK(run_dlm("export-mlm --in-place -").status == 2);
    CHECK(run_dlm("export-mlm --format yaml " + quote(input.string())).status == 2);
}

TEST_CASE("dlm export-mlm --format json: one line per document, from a directory and standard input", "[cli][mlm]") {
    const auto r = run_dlm("export-mlm --dry-run --format json " + quote((data_dir / "valid").string()));
    INFO(r.err);
    CHECK(r.status == 1);  // without the model asset options every Item export is incomplete
    CHECK(r.err.empty());
    std::size_t items = 0;
    for (const auto& line : lines_of(r.out)) {
        const auto result = nlohmann::json::parse(line);
        CHECK(result["written"] == false);
        CHECK(result["notes"].is_array());
        CHECK(result["changes"].is_array());
        const auto doc = nlohmann::json::parse(read_all(result["path"].get<std::string>()));
        if (doc["type"] == "Collection") {
            CHECK(result["valid"] == true);
            continue;
        }
        ++items;
        CHECK(result["complete"] == false);
        bool names_model = false;
        for (const auto& note : result["notes"]) {
            if (note["outcome"] == "missing" && note["pointer"].get<std::string>().find("/assets/mlm:model") != std::string::npos)
                names_model = true;
        }
        CHECK(names_model);
    }
    CHECK(items >= 13);

    const auto stdin_run = run_dlm("export-mlm --format json --model-href https://example.org/w.pt --artifact-type onnx -",
                                   (data_dir / "valid" / "item-resnet50-eurosat-classification.json").string());
    CHECK(stdin_run.status == 0);
    const auto doc = nlohmann::json::parse(stdin_run.out);
    CHECK(doc["assets"]["mlm:model"]["mlm:artifact_type"] == "onnx");
    const auto report = nlohmann::json::parse(stdin_run.err);
    CHECK(report["path"] == "-");
    CHECK(report["valid"] == true);
}

// ---- dlm upgrade: the STAC migration -----------------------------------------------------------------------------

const fs::path migrate_data = data_dir / "migrate";
const fs::path mechanical_fixture = migrate_data / "steps" / "v0.8.1-item-short-ids-checksum.json";
const fs::path needs_fixture = migrate_data / "published" / "beta2-unet-pleiades-item.json";

/// The lines of `dlm upgrade --format json`, each checked for its shape.
std::vector<nlohmann::json> upgrade_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    for (const auto& line : lines_of(text)) {
        INFO(line);
        REQUIRE(nlohmann::json::accept(line));
        const auto parsed = nlohmann::json::parse(line);
        for (const char* key : {"path", "from", "to", "changes", "needs", "errors", "warnings", "valid", "written"}) {
            CHECK(parsed.contains(key));
        }
        for (const auto& change : parsed["changes"]) {
            CHECK(change["op"].is_string());
            CHECK(change["pointer"].is_string());
            CHECK_FALSE(change["reason"].get<std::string>().empty());
        }
        for (const auto& need : parsed["needs"]) {
            CHECK(need["pointer"].is_string());
            CHECK(need["what"].is_string());
            CHECK(need["allowed"].is_string());
        }
        out.push_back(parsed);
    }
    return out;
}

TEST_CASE("dlm upgrade migrates a directory in place: the valid results written, the others untouched", "[cli][migrate]") {
    const temp_dir dir;
    fs::create_directories(dir / "sub");
    fs::copy_file(mechanical_fixture, dir / "a-mechanical.json");
    fs::copy_file(needs_fixture, dir / "sub" / "b-needs.json");
    fs::copy_file(migrate_data / "steps" / "v1.0.0-rc.4-item.json", dir / "sub" / "c-rc4.json");
    write_all(dir / "notes.txt", "not a document");
    const std::string needs_original = read_all(dir / "sub" / "b-needs.json");

    const auto dry = run_dlm("upgrade --dry-run --format json " + quote(dir.path().string()));
    INFO(dry.out << dry.err);
    CHECK(dry.status == 1);
    const auto lines = upgrade_lines(dry.out);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0]["path"] == (dir / "a-mechanical.json").string());
    CHECK(lines[0]["from"] == "0.8.1");
    CHECK(lines[0]["to"] == "1.0.0");
    CHECK(lines[0]["valid"] == true);
    CHECK(lines[0]["needs"].empty());
    CHECK(lines[1]["path"] == (dir / "sub" / "b-needs.json").string());
    CHECK(lines[1]["valid"] == false);
    CHECK_FALSE(lines[1]["needs"].empty());
    CHECK_FALSE(lines[1]["errors"].empty());
    CHECK(lines[2]["from"] == "1.0.0-rc.4");
    for (const auto& line : lines) CHECK(line["written"] == false);
    CHECK(read_all(dir / "a-mechanical.json") == read_all(mechanical_fixture));

    const auto r = run_dlm("upgrade --in-place " + quote(dir.path().string()));
    INFO(r.out << r.err);
    CHECK(r.status == 1);
    CHECK(run_dlm("validate " + quote((dir / "a-mechanical.json").string())).status == 0);
    CHECK(run_dlm("validate " + quote((dir / "sub" / "c-rc4.json").string())).status == 0);
    CHECK(read_all(dir / "sub" / "b-needs.json") == needs_original);  // invalid: not written, byte for byte
    CHECK(r.out.find("b-needs.json: /properties/version: needs a value: ") != std::string::npos);
    CHECK(r.err.find("nothing written") != std::string::npos);
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 3);  // no temporary left
    CHECK(std::distance(fs::directory_iterator(dir / "sub"), fs::directory_iterator()) == 2);

    // Only a file, a directory or - is a PATH; a directory is written only in place.
    CHECK(run_dlm("upgrade " + quote(dir.path().string())).status == 2);
    CHECK(run_dlm("upgrade -o " + quote((dir / "x.json").string()) + " " + quote(dir.path().string())).status == 2);
}

TEST_CASE("dlm upgrade --allow-invalid writes the best result and lists what is left", "[cli][migrate]") {
    const temp_dir dir;
    const fs::path file = dir / "item.json";
    fs::copy_file(needs_fixture, file);
    const auto r = run_dlm("upgrade --allow-invalid --in-place --format json " + quote(file.string()));
    INFO(r.out << r.err);
    CHECK(r.status == 1);
    const auto lines = upgrade_lines(r.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["written"] == true);
    CHECK(lines[0]["valid"] == false);
    CHECK(r.err.find("written anyway (--allow-invalid), still to fix") != std::string::npos);
    const auto written = nlohmann::json::parse(read_all(file));
    CHECK(written == nlohmann::json::parse(read_all(migrate_data / "published" / "beta2-unet-pleiades-item.expected.json")));
    // Every remaining error is at (or around) a value the report says a person must supply.
    for (const auto& error : lines[0]["errors"]) {
        const std::string pointer = error["pointer"];
        INFO(pointer);
        CHECK(std::any_of(lines[0]["needs"].begin(), lines[0]["needs"].end(), [&](const nlohmann::json& need) {
            const std::string at = need["pointer"];
            return at.rfind(pointer, 0) == 0 || pointer.rfind(at, 0) == 0;
        }));
    }
}

TEST_CASE("dlm upgrade - reads standard input and writes standard output; json-patch prints the patch", "[cli][migrate]") {
    const fs::path expected = migrate_data / "steps" / "v0.8.1-item-short-ids-checksum.expected.json";
    const auto r = run_dlm("upgrade -", mechanical_fixture.string());
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(nlohmann::json::parse(r.out) == nlohmann::json::parse(read_all(expected)));
    CHECK(r.err.find("-: /stac_version: migrated from STAC 0.8.1 to 1.0.0") != std::string::npos);

    // The report moves to standard error when standard output carries the document.
    const auto json = run_dlm("upgrade --format json -", mechanical_fixture.string());
    CHECK(nlohmann::json::parse(json.out) == nlohmann::json::parse(read_all(expected)));
    CHECK(upgrade_lines(json.err.substr(0, json.err.find('\n') + 1)).at(0)["path"] == "-");

    const auto patch = run_dlm("upgrade --dry-run --format json-patch " + quote(mechanical_fixture.string()));
    CHECK(patch.status == 0);
    const auto operations = nlohmann::json::parse(patch.out);
    REQUIRE(operations.is_array());
    for (const auto& op : operations) CHECK(op.contains("reason"));
    CHECK(nlohmann::json::parse(read_all(mechanical_fixture)).patch(operations) == nlohmann::json::parse(read_all(expected)));

    const temp_dir dir;
    const auto to_file = run_dlm("upgrade --to 1.1.0 -o " + quote((dir / "out.json").string()) + " -", mechanical_fixture.string());
    CHECK(to_file.status == 0);
    CHECK(nlohmann::json::parse(read_all(dir / "out.json"))["stac_version"] == "1.1.0");
    // -o into a directory that does not exist: nothing written anywhere, status 2.
    CHECK(run_dlm("upgrade -o " + quote((dir / "none" / "out.json").string()) + " -", mechanical_fixture.string()).status == 2);
    CHECK_FALSE(fs::exists(dir / "none"));

    for (const std::string& bad : std::vector<std::string>{"--to 2.0.0 -", "-i -", "--format xml -", "--dry-run -i -",
                                                             "- " + quote(mechanical_fixture.string())}) {
        INFO(bad);
        CHECK(run_dlm("upgrade " + bad, mechanical_fixture.string()).status == 2);
    }
}

TEST_CASE("dlm validate says which pre-1.0 version it found and that dlm upgrade migrates it", "[cli][migrate]") {
    const auto r = run_dlm("validate " + quote(needs_fixture.string()));
    CHECK(r.status == 1);
    CHECK(r.out.find("\"1.0.0-beta.2\" is a STAC version before 1.0.0") != std::string::npos);
    CHECK(r.out.find("`dlm upgrade` migrates the document") != std::string::npos);
}

#endif  // DLM_CLI_PATH

TEST_CASE("no document at all is exit 2 with a message, for every reading command", "[cli]") {
    const temp_dir empty;
    for (const std::string command : {"validate", "info", "find"}) {
        INFO(command);
        const auto from_stdin = run_dlm(command + " -", "/dev/null");
        CHECK(from_stdin.status == 2);
        CHECK(from_stdin.err.find("no document found") != std::string::npos);
        const auto from_directory = run_dlm(command + " " + quote(empty.path().string()));
        CHECK(from_directory.status == 2);
        CHECK(from_directory.err.find("no document found") != std::string::npos);
    }
    // Blank lines are no document either; one document among them is checked as usual.
    const temp_dir scratch;
    write_all(scratch / "blank.ndjson", "\n\n  \n");
    CHECK(run_dlm("validate " + quote((scratch / "blank.ndjson").string())).status == 2);
}

TEST_CASE("validate, info and find read the same PATHs and confine links the same way", "[cli]") {
    const temp_dir scratch;
    write_all(scratch / "secret.json", R"({"type": "Feature", "id": "outside"})");
    const std::filesystem::path inside = scratch / "catalog";
    std::filesystem::create_directories(inside);
    write_all(inside / "catalog.json",
              R"({"type": "Catalog", "stac_version": "1.0.0", "id": "c", "description": "d", "links": [)"
              R"({"rel": "child", "href": "../secret.json"}]})");
    const std::string catalog = quote((inside / "catalog.json").string());
    for (const std::string command : {"validate --format json --links ", "info --links ", "find --links "}) {
        INFO(command);
        const auto r = run_dlm(command + catalog);
        CHECK(r.out.find("outside\"") == std::string::npos);
        CHECK((r.out + r.err).find("input.outside-root") != std::string::npos);
    }
}

}  // namespace dlm_test_cli
