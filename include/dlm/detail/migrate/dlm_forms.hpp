#ifndef DLM_DETAIL_MIGRATE_DLM_FORMS_HPP
#define DLM_DETAIL_MIGRATE_DLM_FORMS_HPP

// The dlm rewrites of dlm-rules.md (dlm::upgrade owns them) as operations of the migration's patch.

#include <dlm/detail/migrate/recorder.hpp>
#include <dlm/patch.hpp>
#include <dlm/upgrade.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm::detail::migrate {

/// How many leading characters two pointers share, counted in whole reference tokens.
[[nodiscard]] inline std::size_t shared_tokens(std::string_view a, std::string_view b) {
    std::size_t shared = 0;
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) {
        ++i;
        if ((i == a.size() || a[i] == '/') && (i == b.size() || b[i] == '/')) shared = i;
    }
    return shared;
}

/// Runs the dlm rewrites over the working document and records them. The rewrites report each change by the
/// pointer it had in their input; each operation of the difference they made carries the description of the change
/// nearest to it.
inline void apply_dlm_forms(recorder& r, number_text_lookup number_text) {
    upgrade_result upgraded = run_upgrade(r.document(), std::move(number_text));
    if (upgraded.changes.empty()) return;
    // A rewrite of a whole list or object in place (class_name_mapping) is one `replace`, not an edit per element.
    std::vector<const change*> whole;
    for (const change& c : upgraded.changes) {
        const nlohmann::json::json_pointer at(c.pointer);
        if (r.document().contains(at) && upgraded.document.contains(at) && r.document().at(at).is_structured() &&
            upgraded.document.at(at).is_structured() && r.document().at(at) != upgraded.document.at(at)) {
            whole.push_back(&c);
            r.record({patch_op::replace, c.pointer, "", upgraded.document.at(at), "dlm: " + c.description});
        }
    }
    const auto inside_whole = [&whole](const std::string& path) {
        for (const change* c : whole) {
            if (path.size() > c->pointer.size() && path.compare(0, c->pointer.size(), c->pointer) == 0 &&
                path[c->pointer.size()] == '/') {
                return true;
            }
        }
        return false;
    };
    const nlohmann::json difference = nlohmann::json::diff(r.document(), upgraded.document);
    for (const nlohmann::json& op : difference) {
        const std::string& path = op["path"].get_ref<const std::string&>();
        if (inside_whole(path)) continue;
        const std::string_view last = std::string_view(path).substr(path.rfind('/') + 1);
        const change* nearest = &upgraded.changes.front();
        std::size_t best = 0;
        for (const change& c : upgraded.changes) {
            // Nearest by pointer; between equals, the change whose description names the member.
            const std::size_t shared = shared_tokens(path, c.pointer) * 2 +
                                       (c.description.find(last) != std::string::npos ? 1 : 0);
            if (shared > best) {
                best = shared;
                nearest = &c;
            }
        }
        patch_operation operation;
        const std::string& name = op["op"].get_ref<const std::string&>();
        operation.op = name == "add" ? patch_op::add : name == "remove" ? patch_op::remove : patch_op::replace;
        operation.path = path;
        if (op.contains("value")) operation.value = op["value"];
        operation.reason = "dlm: " + nearest->description;
        r.record(std::move(operation));
    }
    r.document() = std::move(upgraded.document);
}

}  // namespace dlm::detail::migrate

#endif  // DLM_DETAIL_MIGRATE_DLM_FORMS_HPP
