#ifndef DLM_DETAIL_SCHEMA_MARKERS_HPP
#define DLM_DETAIL_SCHEMA_MARKERS_HPP

// The protocol between the bundler (bundle.hpp), dlm's own keywords (keywords.hpp) and the explainer (explain.hpp).
//
// The bundler rewrites each root schema before valijson compiles it: keywords valijson gets wrong are renamed to
// "x-dlm-<keyword>" so that dlm's constraint classes handle them, a `false` subschema becomes "x-dlm-never", a
// `propertyNames` subschema "x-dlm-propertyNames", the extension template's closed prefix "x-dlm-closed-prefix", and
// every anyOf/oneOf branch gets an "x-dlm-branch" marker labelled "<group>:<branch>". The marker constraint runs
// last in its branch and records a results entry "\x1f<group>:<branch>:<entries so far>"; the explainer reads those
// entries back to tell the branches of a failed group apart, and never reports them as findings.

#include <cstddef>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace dlm::detail {

/// The prefix of every keyword the bundler writes for dlm's constraints.
inline constexpr std::string_view custom_keyword_prefix = "x-dlm-";
/// A keyword valijson would handle wrongly, renamed for dlm's constraint class: "x-dlm-<keyword>".
[[nodiscard]] inline std::string custom_keyword(std::string_view keyword) {
    return std::string(custom_keyword_prefix) + std::string(keyword);
}
/// Replaces a `false` subschema (valijson rejects without a message).
inline constexpr char never_keyword[] = "x-dlm-never";
/// Holds a `propertyNames` subschema, compiled by dlm (valijson caches it under its parent's path).
inline constexpr char property_names_keyword[] = "x-dlm-propertyNames";
/// The extension template's "no other member with this prefix" rule, as a prefix check.
inline constexpr char closed_prefix_keyword[] = "x-dlm-closed-prefix";
/// An `$id` of a nested schema, kept out of valijson's way.
inline constexpr char ignored_id_keyword[] = "x-dlm-ignored-id";
/// Counts the schema nodes a document visits, against the step budget of user and resolver schemas.
inline constexpr char step_keyword[] = "x-dlm-step";
/// The marker closing one anyOf/oneOf branch.
inline constexpr char branch_keyword[] = "x-dlm-branch";

/// The first byte of a marker's results entry; no finding message starts with it.
inline constexpr char branch_marker_prefix = '\x1f';

/// The label of branch `branch` of anyOf/oneOf group `group`: "<group>:<branch>".
[[nodiscard]] inline std::string branch_label(std::size_t group, std::size_t branch) {
    return std::to_string(group) + ":" + std::to_string(branch);
}

/// The results entry a marker records: the prefix, its label, and how many entries the results held before it.
[[nodiscard]] inline std::string branch_marker_entry(std::string_view label, std::size_t entries_before) {
    return branch_marker_prefix + std::string(label) + ":" + std::to_string(entries_before);
}

/// True for a results entry written by a marker.
[[nodiscard]] inline bool is_branch_marker_entry(std::string_view message) noexcept {
    return !message.empty() && message.front() == branch_marker_prefix;
}

/// A marker's results entry, read back.
struct branch_marker {
    std::size_t group = 0;
    std::size_t branch = 0;
    std::size_t entries_before = 0;
};

/// Reads a marker's results entry; nothing for any other message.
[[nodiscard]] inline std::optional<branch_marker> parse_branch_marker_entry(const std::string& message) {
    if (!is_branch_marker_entry(message)) return std::nullopt;
    unsigned long long group = 0, branch = 0, count = 0;
    if (std::sscanf(message.c_str() + 1, "%llu:%llu:%llu", &group, &branch, &count) != 3) return std::nullopt;
    return branch_marker{static_cast<std::size_t>(group), static_cast<std::size_t>(branch), static_cast<std::size_t>(count)};
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_SCHEMA_MARKERS_HPP
