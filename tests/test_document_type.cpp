// dlm/detail/stac/document_type.hpp: which STAC object a document is, read in one place.

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <dlm/detail/stac/document_type.hpp>

namespace dlm_test_document_type {  // each test file has a namespace of its own: the runner is a unity build

using dlm::detail::stac_type;
using dlm::detail::type_of;

TEST_CASE("type_of reads the type member, exactly", "[document-type]") {
    CHECK(type_of({{"type", "Feature"}}) == stac_type::item);
    CHECK(type_of({{"type", "Collection"}}) == stac_type::collection);
    CHECK(type_of({{"type", "Catalog"}}) == stac_type::catalog);
    CHECK(type_of({{"type", "FeatureCollection"}}) == stac_type::item_collection);
    CHECK(type_of({{"type", "feature"}}) == stac_type::unknown);  // case matters
    CHECK(type_of({{"type", 1}}) == stac_type::unknown);
    CHECK(type_of({{"id", "x"}}) == stac_type::unknown);
    CHECK(type_of(nlohmann::json::array({"Feature"})) == stac_type::unknown);
    CHECK(type_of(nlohmann::json("Feature")) == stac_type::unknown);
}

TEST_CASE("dlm fields live in an Item's properties and at a Collection's top level", "[document-type]") {
    CHECK(dlm::detail::dlm_fields_location(stac_type::item) == "/properties");
    CHECK(dlm::detail::dlm_fields_location(stac_type::collection).empty());
}

}  // namespace dlm_test_document_type
