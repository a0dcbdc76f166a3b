#ifndef DLM_DETAIL_MIGRATE_RECORDER_HPP
#define DLM_DETAIL_MIGRATE_RECORDER_HPP

// Changes a working document one RFC 6902 operation at a time and records each operation with its reason, so that
// the recorded patch, applied in order to the original document, yields the working document.

#include <dlm/detail/json/pointer.hpp>
#include <dlm/patch.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace dlm::detail::migrate {

/// The pointer of the member `key` of the value at `pointer`.
[[nodiscard]] inline std::string member_pointer(std::string pointer, std::string_view key) {
    append(pointer, key);
    return pointer;
}

/// The pointer of the element `index` of the array at `pointer`.
[[nodiscard]] inline std::string element_pointer(std::string pointer, std::size_t index) {
    append(pointer, index);
    return pointer;
}

/// Applies operations to `document` and appends each to `changes`. Every operation targets a location the caller
/// has just looked at, so none can fail; a caller bug throws nlohmann's exception rather than recording a lie.
class recorder {
public:
    recorder(nlohmann::json& document, patch& changes) : document_(document), changes_(changes) {}

    /// The working document (read it, change it only through this recorder).
    [[nodiscard]] nlohmann::json& document() noexcept { return document_; }

    /// The value at `pointer`.
    [[nodiscard]] nlohmann::json& at(const std::string& pointer) { return document_.at(nlohmann::json::json_pointer(pointer)); }

    /// `add`: a new member (or the array element at an index, or `-` for the end).
    void add(const std::string& pointer, nlohmann::json value, std::string reason) {
        const nlohmann::json::json_pointer target(pointer);
        nlohmann::json& parent = document_.at(target.parent_pointer());
        const std::string& last = target.back();
        if (parent.is_array()) {
            if (last == "-") {
                parent.push_back(value);
            } else {
                const auto index = static_cast<std::ptrdiff_t>(std::stoul(last));
                parent.insert(parent.begin() + index, value);
            }
        } else {
            parent[last] = value;
        }
        changes_.push_back({patch_op::add, pointer, "", std::move(value), std::move(reason)});
    }

    /// `replace`: a new value where one is.
    void replace(const std::string& pointer, nlohmann::json value, std::string reason) {
        at(pointer) = value;
        changes_.push_back({patch_op::replace, pointer, "", std::move(value), std::move(reason)});
    }

    /// `remove`.
    void remove(const std::string& pointer, std::string reason) {
        const nlohmann::json::json_pointer target(pointer);
        nlohmann::json& parent = document_.at(target.parent_pointer());
        if (parent.is_array()) {
            parent.erase(static_cast<std::size_t>(std::stoul(target.back())));
        } else {
            parent.erase(target.back());
        }
        changes_.push_back({patch_op::remove, pointer, "", nullptr, std::move(reason)});
    }

    /// `move`: the value at `from` to the new location `to` (a member that does not exist yet).
    void move(const std::string& from, const std::string& to, std::string reason) {
        nlohmann::json value = std::move(at(from));
        const nlohmann::json::json_pointer source(from);
        nlohmann::json& source_parent = document_.at(source.parent_pointer());
        if (source_parent.is_array()) {
            source_parent.erase(static_cast<std::size_t>(std::stoul(source.back())));
        } else {
            source_parent.erase(source.back());
        }
        const nlohmann::json::json_pointer target(to);
        document_.at(target.parent_pointer())[target.back()] = std::move(value);
        changes_.push_back({patch_op::move, to, from, nullptr, std::move(reason)});
    }

    /// Records an operation already applied to the working document by someone else (e.g. the dlm rewrites).
    void record(patch_operation operation) { changes_.push_back(std::move(operation)); }

private:
    nlohmann::json& document_;
    patch& changes_;
};

}  // namespace dlm::detail::migrate

#endif  // DLM_DETAIL_MIGRATE_RECORDER_HPP
