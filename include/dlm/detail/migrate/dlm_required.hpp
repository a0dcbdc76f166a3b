#ifndef DLM_DETAIL_MIGRATE_DLM_REQUIRED_HPP
#define DLM_DETAIL_MIGRATE_DLM_REQUIRED_HPP

// What the dlm extension requires of a document, read from the shipped dlm schema (the one owner of that list): the
// dlm objects a document must have, and the members each object must have, with what a member allows. The migration
// reports a missing one as a value a person must supply.

#include <dlm/detail/schema/shipped_text.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace dlm::detail::migrate {

/// A member the dlm schema requires, and what it allows, in words.
struct required_member {
    std::string name;
    std::string allowed;
};

/// A dlm object (`dlm:data`, ...), whether a document must have it, and the members it must have.
struct dlm_object_requirements {
    std::string field;
    bool required = false;
    std::vector<required_member> members;
};

/// What `schema` (one property of the dlm schema) allows, in words: its enum, or its type with its bounds.
[[nodiscard]] inline std::string describe_allowed(const nlohmann::json& schema, const nlohmann::json& definitions) {
    if (!schema.is_object()) return "see the dlm extension";
    if (const auto ref = schema.find("$ref"); ref != schema.end() && ref->is_string()) {
        const std::string prefix = "#/definitions/";
        const std::string& target = ref->get_ref<const std::string&>();
        if (target.rfind(prefix, 0) == 0) {
            const auto definition = definitions.find(target.substr(prefix.size()));
            if (definition != definitions.end() && definition->contains("title")) {
                return "an object (the extension's " + definition->at("title").get<std::string>() + ")";
            }
        }
        return "see the dlm extension";
    }
    if (const auto values = schema.find("enum"); values != schema.end() && values->is_array()) {
        std::string text = "one of ";
        for (std::size_t i = 0; i < values->size(); ++i) text += (i ? ", " : "") + (*values)[i].dump();
        return text;
    }
    const auto type = schema.find("type");
    if (type == schema.end()) return "see the dlm extension";
    std::string text;
    const auto name = [](const std::string& t) {
        return t == "integer" ? "an integer" : t == "object" ? "an object" : t == "array" ? "an array" : "a " + t;
    };
    if (type->is_string()) {
        text = name(type->get<std::string>());
    } else if (type->is_array()) {
        for (std::size_t i = 0; i < type->size(); ++i) {
            if ((*type)[i].is_string()) text += (i ? " or " : "") + name((*type)[i].get<std::string>());
        }
    }
    if (const auto minimum = schema.find("minimum"); minimum != schema.end() && minimum->is_number()) {
        text += " >= " + minimum->dump();
    }
    return text;
}

/// The dlm objects (by name) and their required members (in the schema's order), parsed once.
[[nodiscard]] inline const std::vector<dlm_object_requirements>& dlm_requirements() {
    static const std::vector<dlm_object_requirements> requirements = [] {
        std::vector<dlm_object_requirements> out;
        const nlohmann::json schema = nlohmann::json::parse(shipped_schema_text("dlm/v1.0.0-beta.3/schema.json"));
        const nlohmann::json& definitions = schema.at("definitions");
        const nlohmann::json& fields = definitions.at("dlm_fields");
        const nlohmann::json& required = fields.at("required");
        for (const auto& [field, property] : fields.at("properties").items()) {
            const bool must = std::find(required.begin(), required.end(), field) != required.end();
            dlm_object_requirements object{field, must, {}};
            const std::string target = property.value("$ref", "");
            const std::string prefix = "#/definitions/";
            if (target.rfind(prefix, 0) == 0) {
                const nlohmann::json& definition = definitions.at(target.substr(prefix.size()));
                for (const nlohmann::json& member : definition.value("required", nlohmann::json::array())) {
                    const std::string name = member.get<std::string>();
                    const nlohmann::json* member_schema = nullptr;
                    if (const auto properties = definition.find("properties"); properties != definition.end()) {
                        if (const auto found = properties->find(name); found != properties->end()) member_schema = &*found;
                    }
                    object.members.push_back(
                        {name, member_schema ? describe_allowed(*member_schema, definitions) : "see the dlm extension"});
                }
            }
            out.push_back(std::move(object));
        }
        return out;
    }();
    return requirements;
}

}  // namespace dlm::detail::migrate

#endif  // DLM_DETAIL_MIGRATE_DLM_REQUIRED_HPP
