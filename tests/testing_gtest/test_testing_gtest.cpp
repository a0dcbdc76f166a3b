// dlm/testing/gtest.hpp: the assertions pass on a valid Item and, on an invalid one, carry every finding.
#include <dlm/testing/gtest.hpp>

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace {

const std::filesystem::path valid_dir = std::filesystem::path(DLM_TEST_DATA_DIR) / "valid";

nlohmann::json read_valid(const std::string& name) {
    std::ifstream in(valid_dir / name);
    return nlohmann::json::parse(in);
}

nlohmann::json broken_item() {
    nlohmann::json item = read_valid("item-resnet50-eurosat-classification.json");
    item["properties"]["dlm:inputs"]["normalization:mean"].push_back(0.1);
    item.erase("id");
    return item;
}

TEST(DlmTestingGtest, ValidItemPasses) {
    const nlohmann::json item = read_valid("item-resnet50-eurosat-classification.json");
    const ::testing::AssertionResult result = dlm::testing::is_valid(item);
    EXPECT_TRUE(result);
    EXPECT_STREQ(result.message(), "dlm validator: 0 errors, 0 warnings");
    EXPECT_TRUE(dlm::testing::assert_valid("item", item));
    EXPECT_DLM_VALID(item);
}

TEST(DlmTestingGtest, InvalidItemCarriesEveryFinding) {
    const nlohmann::json item = broken_item();
    const ::testing::AssertionResult result = dlm::testing::is_valid(item);
    EXPECT_FALSE(result);
    const std::string text = result.message();
    const dlm::report expected = dlm::validator().validate(item);
    ASSERT_GE(expected.errors.size(), 2U);
    for (const dlm::finding& f : expected.errors) {
        EXPECT_NE(text.find(f.rule), std::string::npos) << f.rule;
        EXPECT_NE(text.find(f.pointer), std::string::npos) << f.pointer;
        EXPECT_NE(text.find(f.message), std::string::npos) << f.message;
    }
    EXPECT_NE(text.find("\n  error   /properties/dlm:inputs/normalization:mean  dlm.consistency.normalization-length  "),
              std::string::npos)
        << text;

    const ::testing::AssertionResult formatted = dlm::testing::assert_valid("broken_item()", item);
    EXPECT_FALSE(formatted);
    EXPECT_EQ(std::string(formatted.message()), "broken_item() is not a valid STAC document; " + text);
}

TEST(DlmTestingGtest, MacroReportsTheExpressionAndTheRule) {
    EXPECT_NONFATAL_FAILURE(EXPECT_DLM_VALID(broken_item()), "broken_item() is not a valid STAC document");
    EXPECT_NONFATAL_FAILURE(EXPECT_DLM_VALID(broken_item()), "dlm.consistency.normalization-length");
    EXPECT_FATAL_FAILURE(ASSERT_DLM_VALID(broken_item()), "dlm.consistency.normalization-length");
}

TEST(DlmTestingGtest, ExplicitValidatorWithRelaxedCompanions) {
    nlohmann::json item = read_valid("item-unet-sentinel2-wetland-segmentation.json");
    item["stac_extensions"].erase(1);  // the scientific extension
    EXPECT_FALSE(dlm::testing::is_valid(item));
    dlm::validator_options options;
    options.relax_companions = true;
    const dlm::validator relaxed(options);
    const ::testing::AssertionResult result = dlm::testing::is_valid(item, relaxed);
    EXPECT_TRUE(result);
    EXPECT_NE(std::string(result.message()).find("1 warning\n  warning /stac_extensions  dlm.companion.missing  "),
              std::string::npos)
        << result.message();
}

TEST(DlmTestingGtest, FailsWithNamesTheRuleAndPointer) {
    const nlohmann::json broken = broken_item();
    EXPECT_DLM_FAILS_WITH(broken, dlm::rules::dlm_consistency_normalization_length,
                          "/properties/dlm:inputs/normalization:mean");
    EXPECT_TRUE(dlm::testing::fails_with(broken, dlm::rules::schema, ""));  // the missing id, on the document
    const ::testing::AssertionResult wrong_place =
        dlm::testing::fails_with(broken, dlm::rules::dlm_consistency_normalization_length, "/properties");
    EXPECT_FALSE(wrong_place);
    EXPECT_NE(std::string(wrong_place.message()).find("does not fail with dlm.consistency.normalization-length at /properties; "),
              std::string::npos)
        << wrong_place.message();
    EXPECT_NONFATAL_FAILURE(EXPECT_DLM_FAILS_WITH(read_valid("item-resnet50-eurosat-classification.json"),
                                                  dlm::rules::schema, "/id"),
                            "does not fail with schema at /id; 0 errors");
}

TEST(DlmTestingGtest, ValidWithACallersValidator) {
    nlohmann::json item = read_valid("item-unet-sentinel2-wetland-segmentation.json");
    item["stac_extensions"].erase(1);  // the scientific extension
    dlm::validator_options options;
    options.relax_companions = true;
    const dlm::validator relaxed(options);
    EXPECT_DLM_VALID_WITH(relaxed, item);
    const dlm::validator strict;
    EXPECT_NONFATAL_FAILURE(EXPECT_DLM_VALID_WITH(strict, item), "item is not a valid STAC document; 1 error");
}

}  // namespace
