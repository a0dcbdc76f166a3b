// Runs the built `dlm` tool's deployment commands (info, match, find) on real files: output and exit status.
#ifdef DLM_CLI_PATH

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "cli_runner.hpp"

namespace dlm_test_cli_deploy {  // each test file has a namespace of its own: the runner is a unity build

namespace fs = std::filesystem;

using dlm_test::contains;
using dlm_test::quote;
using dlm_test::read_all;
using dlm_test::run_dlm;
using dlm_test::run_result;

namespace {

const fs::path data_dir = DLM_TEST_DATA_DIR;
const fs::path examples = data_dir.parent_path().parent_path() / "examples" / "data";
const fs::path wetland = examples / "unet-sentinel2-wetland-item.json";
const fs::path sentinel2 = examples / "sentinel2-l2a-imagery-item.json";
const fs::path imagery = data_dir / "imagery";

std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        INFO(line);
        REQUIRE(nlohmann::json::accept(line));
        out.push_back(nlohmann::json::parse(line));
    }
    return out;
}

}  // namespace

TEST_CASE("dlm info: several PATHs, text", "[cli][deployment]") {
    const auto r = run_dlm("info " + quote(wetland) + " " + quote(data_dir / "valid" / "item-canopy-height-regression.json"));
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    for (const char* expected :
         {"== ", "Item \"unet-s2-wetland-segmentation-v1.2.0\"", "batch 1 x dim 4 x height 256 x width 256",
          "data:           L2, uint16, 12 bands, nodata 0", "  7: B08 (nir)  [useful_bands]  a 0.001183431952662722",
          "docker:         registry.example.org/wetland/unet-s2:1.2.0 (GPU)", "Item \"canopy-height",
          "nodata nan", "  0: B02 (blue)  [eo:bands]", "deploy.docker.none"}) {
        CHECK(contains(r.out, expected));
    }
}

TEST_CASE("dlm info --format json: one view per document per line", "[cli][deployment]") {
    const auto r = run_dlm("info --format json " + quote(data_dir / "valid"));
    INFO(r.err);
    CHECK(r.status == 0);
    const auto lines = json_lines(r.out);
    // 17 files, one of them a FeatureCollection of 3 Items.
    REQUIRE(lines.size() == 19);
    bool saw_nan = false;
    for (const auto& line : lines) {
        CHECK(line["path"].is_string());
        CHECK(line["channels"].is_array());
        CHECK(line["findings"]["errors"].empty());
        if (line["nodata"] == "nan") saw_nan = true;
    }
    CHECK(saw_nan);
    CHECK(contains(lines.back().dump(), "vgg16"));

    // Standard input, and a document that is not a model: status 1, reported on both streams in JSON.
    const auto stdin_run = run_dlm("info --format json - " + quote(data_dir / "cli" / "tree" / "catalog.json"), wetland);
    CHECK(stdin_run.status == 1);
    const auto two = json_lines(stdin_run.out);
    REQUIRE(two.size() == 2);
    CHECK(two[0]["path"] == "-");
    CHECK(two[0]["id"] == "unet-s2-wetland-segmentation-v1.2.0");
    CHECK(two[1]["errors"][0]["rule"] == "dlm.extension.undeclared");
}

TEST_CASE("dlm info: invalid and unreadable documents", "[cli][deployment]") {
    const auto invalid = run_dlm("info " + quote(wetland) + " " + quote(data_dir / "cli" / "tree" / "items" / "invalid-item.json"));
    CHECK(invalid.status == 2);
    CHECK(contains(invalid.out, "unet-s2-wetland"));  // the valid one is still printed
    CHECK(contains(invalid.err, "scaling_factor"));
    CHECK(run_dlm("info --format yaml " + quote(wetland)).status == 2);
    CHECK(run_dlm("info").status == 2);
}

TEST_CASE("dlm match: the wetland model and the bundled Sentinel-2 Item", "[cli][match]") {
    const auto r = run_dlm("match " + quote(wetland) + " " + quote(sentinel2));
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    for (const char* expected :
         {": feeds the model", "channel 0 (band 1 B02) <- asset \"B02\" band 0 B02 (blue) by name; uint16; nodata 0",
          "channel 3 (band 7 B08) <- asset \"B08\" band 0", "source scale 0.0001 offset 0", "ignored:        12 bands",
          "visual/1", "match.scale-offset"}) {
        CHECK(contains(r.out, expected));
    }

    const auto json = run_dlm("match --format json " + quote(wetland) + " " + quote(imagery / "stack-unnamed-int16.json"));
    CHECK(json.status == 0);
    const auto lines = json_lines(json.out);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0]["feeds"] == true);
    CHECK(lines[0]["match"]["channels"][3]["source"]["asset"] == "stack");
    CHECK(lines[0]["match"]["channels"][3]["source"]["band"] == 7);
    CHECK(lines[0]["match"]["channels"][3]["convert"] == true);
    CHECK(lines[0]["match"]["channels"][3]["remap_nodata"] == true);
}

TEST_CASE("dlm match: what blocks, and bad input", "[cli][match]") {
    const auto missing = run_dlm("match " + quote(wetland) + " " + quote(imagery / "missing-b08.json"));
    CHECK(missing.status == 1);
    CHECK(contains(missing.out, "blocked"));
    CHECK(contains(missing.out, "channel 3 (band 7 B08) <- MISSING"));
    CHECK(contains(missing.out, "match.band.missing"));

    const auto label = run_dlm("match " + quote(wetland) + " " + quote(imagery / "label-vector-classification.json"));
    CHECK(label.status == 1);
    CHECK(contains(label.out, "NOT aligned"));
    const auto raster = run_dlm("match " + quote(wetland) + " " + quote(imagery / "label-raster-segmentation.json"));
    CHECK(raster.status == 0);
    CHECK(contains(raster.out, "model nodata 0 is a label class"));

    CHECK(run_dlm("match " + quote(wetland)).status == 2);
    CHECK(run_dlm("match " + quote(wetland) + " " + quote(data_dir / "cli" / "not-json.json")).status == 2);
    CHECK(run_dlm("match " + quote(sentinel2) + " " + quote(sentinel2)).status == 2);  // no dlm model
}

TEST_CASE("dlm find", "[cli][find]") {
    const std::string valid = quote(data_dir / "valid");
    SECTION("by task, text") {
        const auto r = run_dlm("find --task regression " + valid);
        INFO(r.out << r.err);
        CHECK(r.status == 0);
        const auto lines = json_lines(run_dlm("find --format json --task regression " + valid).out);
        REQUIRE(lines.size() == 2);
        for (const auto& line : lines) CHECK(line["task"] == "regression");
        CHECK(contains(r.out, "canopy"));
        CHECK(contains(r.out, "  regression  "));
    }
    SECTION("by band name or common name, data type, framework") {
        const auto lines = json_lines(
            run_dlm("find --format json --band B08 --band RED --data-type ushort --framework pytorch " + valid).out);
        for (const auto& line : lines) {
            CHECK(line["framework"] == "PyTorch");
            CHECK(line["data_type"] == "uint16");
        }
        CHECK_FALSE(lines.empty());
        bool wetland_found = false;
        for (const auto& line : lines) wetland_found = wetland_found || line["id"] == "unet-s2-wetland-segmentation-v1.2.0";
        CHECK(wetland_found);
    }
    SECTION("GPU or not") {
        const auto gpu = json_lines(run_dlm("find --format json --gpu " + valid).out);
        const auto cpu = json_lines(run_dlm("find --format json --no-gpu " + valid).out);
        REQUIRE_FALSE(gpu.empty());
        REQUIRE_FALSE(cpu.empty());
        for (const auto& line : gpu) CHECK(contains(line["docker"].dump(), "\"gpu\":true"));
        for (const auto& line : cpu) CHECK(contains(line["docker"].dump(), "\"gpu\":false"));
    }
    SECTION("no match, bad usage, links") {
        CHECK(run_dlm("find --band nonexistent " + valid).status == 1);
        CHECK(run_dlm("find --task nonsense " + valid).status == 2);
        CHECK(run_dlm("find --gpu --no-gpu " + valid).status == 2);
        CHECK(run_dlm("find").status == 2);
        const auto linked = run_dlm("find --links " + quote(data_dir / "cli" / "tree" / "catalog.json"));
        CHECK(linked.status == 0);
        CHECK(contains(linked.out, "model-item.json"));
        CHECK(run_dlm("find " + quote(data_dir / "cli" / "tree" / "catalog.json")).status == 1);
    }
}

}  // namespace dlm_test_cli_deploy

#endif  // DLM_CLI_PATH
