#ifndef DLM_DETAIL_MIGRATE_STAC_VERSION_HPP
#define DLM_DETAIL_MIGRATE_STAC_VERSION_HPP

// STAC version strings ("0.6.2", "0.8.0-rc.1", "1.0.0-beta.2", "1.0.0") read and ordered as Semantic Versioning
// 2.0.0 orders them: a pre-release sorts before its release, and its dot-separated identifiers compare one by one
// (numeric ones as numbers, below the alphanumeric ones).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dlm::detail::migrate {

/// A version read from a `stac_version` value.
struct semantic_version {
    std::uint32_t major = 0;
    std::uint32_t minor = 0;
    std::uint32_t patch = 0;
    std::vector<std::string> pre_release;  ///< empty for a release
};

/// A decimal number of at most 9 digits (no sign, no leading `+`); nothing otherwise.
[[nodiscard]] inline std::optional<std::uint32_t> small_number(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    std::uint32_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    return value;
}

/// Reads `MAJOR.MINOR.PATCH[-PRE.RELEASE][+BUILD]`; also accepts `MAJOR.MINOR` (seen in old documents as "0.6").
[[nodiscard]] inline std::optional<semantic_version> parse_semantic_version(std::string_view text) {
    if (const auto plus = text.find('+'); plus != std::string_view::npos) text = text.substr(0, plus);
    std::string_view core = text;
    std::string_view pre;
    if (const auto dash = text.find('-'); dash != std::string_view::npos) {
        core = text.substr(0, dash);
        pre = text.substr(dash + 1);
        if (pre.empty()) return std::nullopt;
    }
    semantic_version v;
    std::uint32_t* parts[] = {&v.major, &v.minor, &v.patch};
    std::size_t count = 0;
    while (count < 3) {
        const auto dot = core.find('.');
        const auto number = small_number(core.substr(0, dot));
        if (!number) return std::nullopt;
        *parts[count++] = *number;
        if (dot == std::string_view::npos) break;
        core = core.substr(dot + 1);
        if (count == 3) return std::nullopt;  // a fourth part
    }
    if (count < 2) return std::nullopt;
    while (!pre.empty()) {
        const auto dot = pre.find('.');
        const std::string_view identifier = pre.substr(0, dot);
        if (identifier.empty()) return std::nullopt;
        v.pre_release.emplace_back(identifier);
        if (dot == std::string_view::npos) break;
        pre = pre.substr(dot + 1);
        if (pre.empty()) return std::nullopt;
    }
    return v;
}

/// Negative, zero or positive as `a` sorts before, with, or after `b`.
[[nodiscard]] inline int compare(const semantic_version& a, const semantic_version& b) {
    const auto three_way = [](std::uint64_t x, std::uint64_t y) { return x < y ? -1 : x > y ? 1 : 0; };
    if (const int c = three_way(a.major, b.major)) return c;
    if (const int c = three_way(a.minor, b.minor)) return c;
    if (const int c = three_way(a.patch, b.patch)) return c;
    if (a.pre_release.empty() || b.pre_release.empty()) {
        return a.pre_release.empty() == b.pre_release.empty() ? 0 : a.pre_release.empty() ? 1 : -1;
    }
    for (std::size_t i = 0; i < a.pre_release.size() && i < b.pre_release.size(); ++i) {
        const auto x = small_number(a.pre_release[i]);
        const auto y = small_number(b.pre_release[i]);
        if (x && y) {
            if (const int c = three_way(*x, *y)) return c;
        } else if (x || y) {
            return x ? -1 : 1;  // numeric identifiers sort below alphanumeric ones
        } else if (const int c = a.pre_release[i].compare(b.pre_release[i])) {
            return c < 0 ? -1 : 1;
        }
    }
    return three_way(a.pre_release.size(), b.pre_release.size());
}

/// True when `version` sorts before the version written `bound` (a literal known to parse).
[[nodiscard]] inline bool before(const semantic_version& version, std::string_view bound) {
    const std::optional<semantic_version> limit = parse_semantic_version(bound);
    return limit && compare(version, *limit) < 0;
}

}  // namespace dlm::detail::migrate

#endif  // DLM_DETAIL_MIGRATE_STAC_VERSION_HPP
