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
        INFO(entry.path().filename().string());
        REQUIRE_THAT(read_item(entry.path()), dlm::testing::is_valid());
    }
}

TEST_CASE("the Items are valid for a validator with relaxed companion rules too") {
    dlm::validator_options options;
    options.relax_companions = true;
    const auto relaxed = std::make_shared<const dlm::validator>(options);
    for (const auto& entry : std::filesystem::directory_iterator(items_dir / "valid")) {
        REQUIRE_THAT(read_item(entry.path()), dlm::testing::is_valid(relaxed));
    }
}

// Shows what a failure prints: the test case passes because its assertion fails.
TEST_CASE("the broken Item is reported with its findings", "[!shouldfail]") {
    CHECK_THAT(read_item(items_dir / "broken" / "item-resnet50-eurosat-mean-too-long.json"), dlm::testing::is_valid());
}
