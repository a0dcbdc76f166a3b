// The catalog's Items checked with the Catch2 matcher of dlm.
#include <dlm/testing/catch2.hpp>

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

const std::filesystem::path items_dir{CATALOG_ITEMS_DIR};

nlohmann::json read_item(const std::filesystem::path& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("every Item of the catalog is valid") {
    for (const auto& entry : std::filesystem::directory_iterator(items_dir / "valid")) {
        const nlohmann::json item = read_item(entry.path());
        INFO(entry.path().filename().string());
        CHECK_DLM_VALID(item);
    }
}

TEST_CASE("the Items are valid for a validator with relaxed companion rules too") {
    dlm::validator_options options;
    options.relax_companions = true;
    const dlm::validator relaxed(options);
    for (const auto& entry : std::filesystem::directory_iterator(items_dir / "valid")) {
        const nlohmann::json item = read_item(entry.path());
        CHECK_DLM_VALID_WITH(relaxed, item);
    }
}

TEST_CASE("the broken Item fails with the rule it breaks, where it breaks it") {
    const nlohmann::json broken = read_item(items_dir / "broken" / "item-resnet50-eurosat-mean-too-long.json");
    CHECK_DLM_FAILS_WITH(broken, dlm::rules::dlm_consistency_normalization_length,
                         "/properties/dlm:inputs/normalization:mean");
}

// Shows what a failure prints (the findings, not the Item): the test case passes because its assertion fails.
TEST_CASE("the broken Item is reported with its findings", "[!shouldfail]") {
    const nlohmann::json broken = read_item(items_dir / "broken" / "item-resnet50-eurosat-mean-too-long.json");
    CHECK_DLM_VALID(broken);
}
