// dlm/testing/catch2.hpp: the matcher accepts a valid Item and, on an invalid one, describes every finding.
#include <dlm/testing/catch2.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace dlm_test_testing_catch2 {  // each test file has a namespace of its own: the runner is a unity build

namespace {

const std::filesystem::path valid_dir = std::filesystem::path(DLM_TEST_DATA_DIR) / "valid";

nlohmann::json read_valid(const std::string& name) {
    std::ifstream in(valid_dir / name);
    return nlohmann::json::parse(in);
}

bool describes(const std::string& text, const dlm::finding& f) {
    return text.find(f.rule) != std::string::npos && text.find(f.pointer) != std::string::npos &&
           text.find(f.message) != std::string::npos;
}

}  // namespace

TEST_CASE("testing::is_valid matches a valid Item", "[testing]") {
    const nlohmann::json item = read_valid("item-resnet50-eurosat-classification.json");
    const auto matcher = dlm::testing::is_valid();
    CHECK(matcher.describe() == "is a valid STAC document");
    CHECK(matcher.match(item));
    REQUIRE(matcher.last_report());
    CHECK(matcher.last_report()->ok());
    CHECK(matcher.describe() == "is a valid STAC document (dlm validator: 0 errors, 0 warnings\n)");
    REQUIRE_THAT(item, dlm::testing::is_valid());
}

TEST_CASE("testing::is_valid describes every finding of an invalid Item", "[testing]") {
    nlohmann::json item = read_valid("item-resnet50-eurosat-classification.json");
    item["properties"]["dlm:inputs"]["normalization:mean"].push_back(0.1);
    item.erase("id");
    const auto matcher = dlm::testing::is_valid();
    CHECK_FALSE(matcher.match(item));
    const std::string text = matcher.describe();

    const dlm::report expected = dlm::validator().validate(item);
    REQUIRE(expected.errors.size() >= 2);
    CHECK(text.find(std::to_string(expected.errors.size()) + " errors") != std::string::npos);
    for (const dlm::finding& f : expected.errors) {
        INFO(f.rule << " " << f.pointer);
        CHECK(describes(text, f));
    }
    CHECK(text.find("\n  error   /properties/dlm:inputs/normalization:mean  dlm.consistency.normalization-length  ") !=
          std::string::npos);
    CHECK(text.find("\n  error   (document)  schema  ") != std::string::npos);
}

TEST_CASE("testing::is_valid with relaxed companions lists the warning and matches", "[testing]") {
    nlohmann::json item = read_valid("item-unet-sentinel2-wetland-segmentation.json");
    item["stac_extensions"].erase(1);  // the scientific extension
    dlm::validator_options options;
    options.relax_companions = true;

    const auto strict = dlm::testing::is_valid();
    CHECK_FALSE(strict.match(item));
    CHECK(strict.describe().find("\n  error   /stac_extensions  dlm.companion.missing  ") != std::string::npos);

    const auto relaxed = dlm::testing::is_valid(options);
    CHECK(relaxed.match(item));
    CHECK(relaxed.describe().find("0 errors, 1 warning\n  warning /stac_extensions  dlm.companion.missing  ") !=
          std::string::npos);

    const auto shared = std::make_shared<const dlm::validator>(options);
    CHECK(dlm::testing::is_valid(shared).match(item));
    CHECK_THROWS_AS(dlm::testing::is_valid(std::shared_ptr<const dlm::validator>()), dlm::error);
}

}  // namespace dlm_test_testing_catch2

namespace dlm_test_testing_catch2 {

TEST_CASE("the assertion macros pass on what holds, and their failure message lists findings, not the document",
          "[testing]") {
    const nlohmann::json item = read_valid("item-resnet50-eurosat-classification.json");
    CHECK_DLM_VALID(item);
    REQUIRE_DLM_VALID(item);

    nlohmann::json broken = item;
    broken["properties"]["dlm:inputs"]["scaling_factor"] = "0.0001";
    CHECK_DLM_FAILS_WITH(broken, dlm::rules::schema, "/properties/dlm:inputs/scaling_factor");
    REQUIRE_THAT(broken, dlm::testing::fails_with(dlm::rules::schema, "/properties/dlm:inputs/scaling_factor"));

    const dlm::validator validator;
    const dlm::detail::test_verdict verdict = dlm::detail::check_test_valid(broken, validator, "broken");
    CHECK_FALSE(verdict.holds);
    CHECK(verdict.message.rfind("broken is not a valid STAC document; 1 error, 0 warnings\n", 0) == 0);
    CHECK(verdict.message.find("/properties/dlm:inputs/scaling_factor  schema  ") != std::string::npos);
    CHECK(verdict.message.find(item["id"].get<std::string>()) == std::string::npos);  // the document is not printed

    const dlm::detail::test_verdict elsewhere =
        dlm::detail::check_test_finding(broken, validator, "broken", dlm::rules::schema, "/properties/dlm:inputs");
    CHECK_FALSE(elsewhere.holds);  // the pointer must match exactly
    CHECK(elsewhere.message.rfind("broken does not fail with schema at /properties/dlm:inputs; 1 error", 0) == 0);
    CHECK_FALSE(dlm::testing::fails_with(dlm::rules::schema, "/properties/dlm:inputs").match(broken));
    CHECK_FALSE(dlm::testing::fails_with(dlm::rules::schema, "/id").match(item));
}

TEST_CASE("the assertion macros take a validator of the caller's", "[testing]") {
    nlohmann::json item = read_valid("item-unet-sentinel2-wetland-segmentation.json");
    item["stac_extensions"].erase(1);  // the scientific extension
    dlm::validator_options options;
    options.relax_companions = true;
    const dlm::validator relaxed(options);
    CHECK_DLM_VALID_WITH(relaxed, item);
    CHECK_DLM_FAILS_WITH(item, dlm::rules::dlm_companion_missing, "/stac_extensions");
    CHECK_FALSE(dlm::detail::check_test_valid(item, *dlm::detail::default_test_validator(), "item").holds);
}

}  // namespace dlm_test_testing_catch2
