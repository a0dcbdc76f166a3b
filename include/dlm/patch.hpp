#ifndef DLM_PATCH_HPP
#define DLM_PATCH_HPP

// Changes to a document as an RFC 6902 JSON Patch, each operation with the reason it is made. The library's writers
// (upgrade, migration, export) describe what they change this way, so that a change can be shown, reviewed, and
// applied either to a parsed document or to the document's original text.
//
//     dlm::patch changes;
//     changes.push_back({dlm::patch_op::replace, "/stac_version", "", "1.0.0", "STAC 1.0.0 is the target version"});
//     dlm::apply_patch(document, changes);               // all or nothing; throws dlm::error naming the operation
//     std::cout << dlm::patch_to_json(changes).dump();   // [{"op":"replace","path":"/stac_version",...,"reason":...}]

#include <dlm/detail/json/text.hpp>
#include <dlm/error.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace dlm {

/// The six RFC 6902 operations.
enum class patch_op { add, remove, replace, move, copy, test };

/// One RFC 6902 operation, with the reason it is made.
struct patch_operation {
    /// What the operation does.
    patch_op op = patch_op::add;
    /// RFC 6901 pointer of the target location.
    std::string path{};
    /// RFC 6901 pointer of the source location (`move` and `copy` only).
    std::string from{};
    /// The value written (`add`, `replace`) or compared (`test`).
    nlohmann::json value{};
    /// Why the change is made, for a person (written as the operation's `reason` member, which RFC 6902 ignores).
    std::string reason{};
};

/// A sequence of operations applied in order.
using patch = std::vector<patch_operation>;

/// The RFC 6902 name of an operation ("add", "remove", ...).
[[nodiscard]] constexpr std::string_view to_string(patch_op op) noexcept {
    switch (op) {
        case patch_op::add: return "add";
        case patch_op::remove: return "remove";
        case patch_op::replace: return "replace";
        case patch_op::move: return "move";
        case patch_op::copy: return "copy";
        case patch_op::test: return "test";
    }
    return "add";
}

/// The patch as RFC 6902 JSON: an array of operation objects, each with its `reason`.
[[nodiscard]] inline nlohmann::json patch_to_json(const patch& changes) {
    nlohmann::json out = nlohmann::json::array();
    for (const patch_operation& change : changes) {
        nlohmann::json op = {{"op", std::string(to_string(change.op))}, {"path", change.path}};
        if (change.op == patch_op::move || change.op == patch_op::copy) op["from"] = change.from;
        if (change.op == patch_op::add || change.op == patch_op::replace || change.op == patch_op::test) {
            op["value"] = change.value;
        }
        if (!change.reason.empty()) op["reason"] = change.reason;
        out.push_back(std::move(op));
    }
    return out;
}

/// Applies `changes` to `document` in order, all or nothing: on failure `document` is unchanged and dlm::error
/// names the operation (its pointer is the operation's `path`) and why it could not be applied.
inline void apply_patch(nlohmann::json& document, const patch& changes) {
    try {
        document = document.patch(patch_to_json(changes));  // one copy; nlohmann applies the operations in place
        return;
    } catch (const std::exception&) {
        // Replay one operation at a time (on a copy) only to name the one that fails.
    }
    nlohmann::json replay = document;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const patch_operation& change = changes[i];
        try {
            replay = replay.patch(patch_to_json({change}));
        } catch (const std::exception& e) {
            throw error(change.path, "cannot apply patch operation " + std::to_string(i) + " (" +
                                         std::string(to_string(change.op)) + "): " + detail::sanitize(e.what(), 300));
        }
    }
    throw error("", "cannot apply the patch");  // unreachable: the whole patch failed, so one operation does
}

}  // namespace dlm

#endif  // DLM_PATCH_HPP
