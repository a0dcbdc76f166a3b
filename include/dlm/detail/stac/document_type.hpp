#ifndef DLM_DETAIL_STAC_DOCUMENT_TYPE_HPP
#define DLM_DETAIL_STAC_DOCUMENT_TYPE_HPP

// Which STAC object a document is, from its `type` member: the one place that reads it, for the validator, the
// upgrade step, the model reader and the tool.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace dlm::detail {

/// The STAC objects the library knows by their `type` member.
enum class stac_type {
    item,             ///< "Feature"
    collection,       ///< "Collection"
    catalog,          ///< "Catalog"
    item_collection,  ///< "FeatureCollection" (an ItemCollection: Items under `features`)
    unknown,          ///< anything else, no `type`, or not an object
};

/// The STAC object `document` is.
[[nodiscard]] inline stac_type type_of(const nlohmann::json& document) noexcept {
    if (!document.is_object()) return stac_type::unknown;
    const auto type = document.find("type");
    if (type == document.end() || !type->is_string()) return stac_type::unknown;
    const std::string& name = type->get_ref<const std::string&>();
    if (name == "Feature") return stac_type::item;
    if (name == "Collection") return stac_type::collection;
    if (name == "Catalog") return stac_type::catalog;
    if (name == "FeatureCollection") return stac_type::item_collection;
    return stac_type::unknown;
}

/// Where a document of type `type` keeps its dlm fields: "/properties" for an Item, "" (the top level) for a
/// Collection. Only Items and Collections carry them.
[[nodiscard]] constexpr std::string_view dlm_fields_location(stac_type type) noexcept {
    return type == stac_type::item ? std::string_view("/properties") : std::string_view();
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_STAC_DOCUMENT_TYPE_HPP
