// The catalog's Items checked with the GoogleTest assertions of dlm.
#include <dlm/testing/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace {

const std::filesystem::path items_dir{CATALOG_ITEMS_DIR};

nlohmann::json read_item(const std::filesystem::path& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

TEST(CatalogItems, AreValid) {
    for (const auto& entry : std::filesystem::directory_iterator(items_dir / "valid")) {
        SCOPED_TRACE(entry.path().filename().string());
        const nlohmann::json item = read_item(entry.path());
        EXPECT_DLM_VALID(item);
    }
}

TEST(CatalogItems, BrokenItemFailsWithItsRule) {
    // EXPECT_NONFATAL_FAILURE cannot see local variables.
    static const nlohmann::json broken = read_item(items_dir / "broken" / "item-resnet50-eurosat-mean-too-long.json");
    EXPECT_DLM_FAILS_WITH(broken, dlm::rules::dlm_consistency_normalization_length,
                          "/properties/dlm:inputs/normalization:mean");
    EXPECT_NONFATAL_FAILURE(EXPECT_DLM_VALID(broken), "dlm.consistency.normalization-length");
    std::cout << dlm::testing::is_valid(broken).message() << '\n';
}

}  // namespace
