// dlm/extensions.hpp: the identifiers of the companion extensions, and the companion rule built on them.

#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <dlm/extensions.hpp>
#include <dlm/report.hpp>
#include <dlm/rules.hpp>
#include <dlm/detail/validate/dlm_rules.hpp>

namespace dlm_test_extension_identifiers {  // each test file has a namespace of its own: the runner is a unity build

TEST_CASE("every companion lists its releases, then its pre-1.0 in-core identifier", "[companions]") {
    for (const dlm::extensions::companion& c : dlm::extensions::companions) {
        REQUIRE(c.identifier_count >= 2);
        const std::string_view in_core = c.identifiers[c.identifier_count - 1];
        CHECK(in_core.rfind("https://schemas.stacspec.org/v1.0.0-beta.2/extensions/", 0) == 0);
        CHECK(dlm::extensions::validated_as(in_core) == c.identifiers[0]);  // validated with v1.0.0
        CHECK(c.identifiers[0].find("/v1.0.0/schema.json") != std::string_view::npos);
        for (std::size_t i = 0; i + 1 < c.identifier_count; ++i) {
            CHECK(c.identifiers[i].rfind("https://stac-extensions.github.io/" + std::string(c.name) + "/v", 0) == 0);
            CHECK(dlm::extensions::validated_as(c.identifiers[i]) == c.identifiers[i]);
        }
    }
    CHECK(dlm::extensions::validated_as("https://example.com/x.json") == "https://example.com/x.json");
}

TEST_CASE("the builder defaults are released identifiers that satisfy the companion rule", "[companions]") {
    const nlohmann::json collection = {
        {"type", "Collection"},
        {"stac_extensions", {dlm::extensions::scientific, dlm::extensions::eo, dlm::extensions::version}}};
    dlm::report out;
    dlm::detail::check_companions(collection, false, "", out);
    CHECK(out.errors.empty());

    const nlohmann::json without_eo = {{"type", "Collection"},
                                       {"stac_extensions", {dlm::extensions::scientific, dlm::extensions::version}}};
    dlm::report missing;
    dlm::detail::check_companions(without_eo, false, "", missing);
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].rule == dlm::rules::dlm_companion_missing);
    CHECK(missing.errors[0].message.find(std::string(dlm::extensions::eo_in_core)) != std::string::npos);
}

}  // namespace dlm_test_extension_identifiers
