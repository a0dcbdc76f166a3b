// Which characters an `href` or an identifier may hold, as the README's rule table says: RFC 3986/3987, strictly, and
// how to write the others (percent-encoding; a Windows path is not a URI reference).
#include <dlm/detail/json/utf8.hpp>
#include <dlm/rules.hpp>
#include <dlm/validator.hpp>

#include <catch2/catch.hpp>

#include "test_data.hpp"

#include <string>

namespace dlm_test_href_characters {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using dlm_test::data_dir;
using dlm_test::read_json;

const dlm::validator& shared_validator() {
    static const dlm::validator validator;
    return validator;
}

/// The findings of a valid STAC 1.1.0 Item whose asset `href` is `href`.
dlm::report with_asset_href(const std::string& href) {
    nlohmann::json item = read_json(data_dir / "extensions/base-item.json");
    item["assets"]["data"]["href"] = href;
    return shared_validator().validate(item);
}

}  // namespace

TEST_CASE("an href with a character RFC 3986/3987 does not allow there is a schema finding at the href", "[href]") {
    const std::string href = GENERATE(as<std::string>{}, "data/scene 1.tif", "data\\scene.tif", "C:\\data\\scene.tif",
                                      "data/\"scene\".tif", "data/<scene>.tif", "data/scene^1.tif", "data/`scene`.tif",
                                      "data/{scene}.tif", "data/scene|1.tif", "data/scene%2.tif", "data/scene%zz.tif",
                                      "data/[1].tif", "data/scene.tif#a#b", "1a:b/scene.tif", "data/scene\t.tif",
                                      "https://example.com/\xee\x80\x80.tif", "data/\xff.tif");
    const dlm::report report = with_asset_href(href);
    INFO(href);
    REQUIRE(report.errors.size() == 1);
    // Bytes that are not UTF-8 cannot be JSON text at all: built in code, they are an input finding, not a schema one.
    CHECK(report.errors.front().rule ==
          (dlm::detail::is_valid_utf8(href) ? dlm::rules::schema : dlm::rules::input_invalid_utf8));
    CHECK(report.errors.front().pointer == "/assets/data/href");
}

TEST_CASE("percent-encoded, the same references are valid; so are the allowed delimiters and IRI text", "[href]") {
    const std::string href = GENERATE(as<std::string>{}, "data/scene%201.tif", "data%5Cscene.tif",
                                      "file:///C:/data/scene%201.tif", "data/%22scene%22.tif", "data/scene%7C1.tif",
                                      "data/%5B1%5D.tif", "https://[2001:db8::1]/scene.tif",
                                      "https://example.com/a;b=c,d!$&'()*+/scene.tif?x=1&y=2#part:@/?",
                                      "https://example.com/r\xc3\xa9gion/sc\xc3\xa8ne.tif", "./scene.tif", "../scene.tif",
                                      "scene.tif", "a:b/scene.tif");
    const dlm::report report = with_asset_href(href);
    INFO(href);
    CHECK(report.ok());
}

TEST_CASE("stac_extensions entries must be absolute IRIs", "[href]") {
    nlohmann::json item = read_json(data_dir / "extensions/base-item.json");
    item["stac_extensions"] = {"stac-extensions.github.io/eo/v1.1.0/schema.json"};
    const dlm::report report = shared_validator().validate(item);
    CHECK_FALSE(report.ok());
    bool at_entry = false;
    for (const auto& f : report.errors) at_entry = at_entry || f.pointer == "/stac_extensions/0";
    CHECK(at_entry);
}

}  // namespace dlm_test_href_characters
