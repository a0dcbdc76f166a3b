#ifndef DLM_DETAIL_SCHEMA_EXPLAIN_HPP
#define DLM_DETAIL_SCHEMA_EXPLAIN_HPP

// Turns valijson's error list into findings: JSON pointers instead of "<root>[key][0]" contexts, one explanation per
// failed anyOf/oneOf (its most plausible branch) instead of every branch's errors, and no summary lines that merely
// repeat what their children said.
//
// How branches are told apart (markers.hpp): the bundler gives every anyOf/oneOf branch a marker constraint that runs
// last in the branch and records "<group>:<branch>:<entries so far>". valijson moves a failed group's child entries, followed by
// its summary line, into the results in one block: [branch 0 entries, marker 0, "Failed ... #0", branch 1 entries,
// marker 1, "Failed ... #1", summary]. The last marker's count therefore says where the block starts.

#include <dlm/rules.hpp>
#include <dlm/detail/schema/keywords.hpp>
#include <dlm/detail/schema/markers.hpp>
#include <dlm/detail/json/numbers.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/detail/json/text.hpp>
#include <dlm/detail/schema/valijson.hpp>
#include <dlm/report.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dlm::detail {

/// The RFC 6901 pointer of a valijson context ("<root>", "[key]", "[0]", ...); the document decides whether "[0]"
/// names an array index or a member called "0".
inline std::string context_to_pointer(const std::vector<std::string>& context, const nlohmann::json& document) {
    std::string pointer;
    const nlohmann::json* node = &document;
    for (std::size_t i = 1; i < context.size(); ++i) {
        const std::string& element = context[i];
        const std::string token = element.size() >= 2 ? element.substr(1, element.size() - 2) : element;
        if (node != nullptr && node->is_array()) {
            const std::optional<std::int64_t> index = parse_decimal_index(token);
            append(pointer, token);
            node = index && static_cast<std::uint64_t>(*index) < node->size() ? &(*node)[static_cast<std::size_t>(*index)] : nullptr;
        } else if (node != nullptr && node->is_object()) {
            append(pointer, token);
            const auto found = node->find(token);
            node = found != node->end() ? &*found : nullptr;
        } else {
            append(pointer, token);
            node = nullptr;
        }
    }
    return pointer;
}

namespace findings_impl {

struct entry {
    std::string pointer;
    std::string message;
    bool is_marker = false;
    std::size_t group = 0;
    std::size_t branch = 0;
    std::size_t count = 0;
};

inline bool starts_with(std::string_view text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

inline bool is_group_summary(const std::string& message) {
    return starts_with(message, "Failed to validate against any schemas allowed by anyOf") ||
           starts_with(message, "Failed to validate against any child schemas allowed by oneOf");
}

/// Lines that only say "a child failed": their children carry the explanation.
inline bool is_echo(const std::string& message) {
    return starts_with(message, "Failed to validate against child schema #") ||
           starts_with(message, "Failed to validate against a conditional schema") ||
           starts_with(message, "Failed to validate item #") ||
           starts_with(message, "Failed to validate against schema associated with property name") ||
           starts_with(message, "Failed to validate against schema associated with pattern") ||
           starts_with(message, "Failed to validate against additional properties schema") ||
           starts_with(message, "Failed to validate against dependent schema");
}

inline std::size_t depth(const std::string& pointer) {
    return static_cast<std::size_t>(std::count(pointer.begin(), pointer.end(), '/'));
}

/// valijson's own wording for the keywords we leave to it, made to read like ours.
inline finding leaf(const entry& e) {
    const std::string& m = e.message;
    const std::string_view unexpected = "Object contains a property that could not be validated using 'properties' or 'additionalProperties' constraints: '";
    if (starts_with(m, unexpected) && m.size() >= unexpected.size() + 2) {
        const std::string key = m.substr(unexpected.size(), m.size() - unexpected.size() - 2);
        std::string pointer = e.pointer;
        append(pointer, key);
        return {rules::schema, pointer, "member " + quote(key) + " is not allowed here"};
    }
    if (starts_with(m, "Failed to validate against exactly one child schema")) {
        return {rules::schema, e.pointer, "matches more than one of the forms allowed by oneOf"};
    }
    if (starts_with(m, "Failed to any values against subschema in 'contains'")) {
        return {rules::schema, e.pointer, "no item matches the schema required by 'contains'"};
    }
    if (starts_with(m, "Target should not validate against schema specified in 'not'")) {
        return {rules::schema, e.pointer, "must not match the schema given by 'not'"};
    }
    // Our own constraints' messages are already quoted and bounded; anything else may echo raw input.
    return {rules::schema, e.pointer, is_valid_utf8(m) && m.size() <= 2000 ? m : sanitize(m, 400)};
}

class resolver {
public:
    explicit resolver(std::vector<entry> entries) : entries_(std::move(entries)) {
        // Where each failed group's block starts: see the comment at the top of this file.
        for (std::size_t s = 0; s < entries_.size(); ++s) {
            if (!is_group_summary(entries_[s].message) || s < 2 || !entries_[s - 2].is_marker) continue;
            const std::size_t length = entries_[s - 2].count + 2;
            if (length <= s) group_at_[s - length].push_back(s);
        }
    }

    std::vector<finding> resolve() { return resolve_range(0, entries_.size()); }

private:
    std::vector<finding> resolve_range(std::size_t from, std::size_t to) {
        std::vector<finding> out;
        for (std::size_t i = from; i < to;) {
            if (const auto groups = group_at_.find(i); groups != group_at_.end()) {
                // The widest group that starts here and ends inside this range is the outermost.
                std::size_t summary = 0;
                for (const std::size_t s : groups->second) {
                    if (s < to && s > summary) summary = s;
                }
                if (summary > 0) {
                    auto explained = explain_group(i, summary);
                    out.insert(out.end(), explained.begin(), explained.end());
                    i = summary + 1;
                    continue;
                }
            }
            const entry& e = entries_[i++];
            if (e.is_marker || is_echo(e.message)) continue;
            out.push_back(leaf(e));
        }
        return out;
    }

    std::vector<finding> explain_group(std::size_t from, std::size_t summary) {
        const entry& last_marker = entries_[summary - 2];
        const std::size_t group = last_marker.group;
        const std::string& where = entries_[summary].pointer;
        std::vector<std::vector<finding>> branches;
        std::size_t start = from;
        for (std::size_t i = from; i < summary; ++i) {
            const entry& e = entries_[i];
            if (e.is_marker && e.group == group) {
                branches.push_back(resolve_range(start, i));
                start = i + 2;  // skip the marker and valijson's "Failed ... child schema #n" line
                i = start - 1;
            }
        }
        if (branches.empty()) return {{rules::schema, where, "matches none of the allowed forms"}};

        // The most plausible branch got furthest into the value: deepest finding first, then fewest findings.
        std::size_t best = 0;
        const auto score = [](const std::vector<finding>& b) {
            std::size_t deepest = 0;
            for (const auto& f : b) deepest = std::max(deepest, depth(f.pointer));
            return deepest;
        };
        for (std::size_t b = 1; b < branches.size(); ++b) {
            const std::size_t s = score(branches[b]);
            const std::size_t best_score = score(branches[best]);
            if (s > best_score || (s == best_score && branches[b].size() < branches[best].size())) best = b;
        }
        if (score(branches[best]) > depth(where)) return branches[best];

        // Every branch failed on the value itself: say so in one finding that names what each branch wanted.
        std::vector<std::string> expectations;
        bool all_expected = true;
        bool all_missing = true;
        std::string found;
        for (const auto& b : branches) {
            for (const auto& f : b) {
                all_expected = all_expected && starts_with(f.message, "expected ");
                all_missing = all_missing && starts_with(f.message, "missing required member ");
                expectations.push_back(f.message);
            }
        }
        if (expectations.empty()) return {{rules::schema, where, "matches none of the allowed forms"}};
        std::string message;
        if (all_missing) {
            message = "missing required member ";
            for (std::size_t i = 0; i < expectations.size(); ++i) {
                if (i > 0) message += " or ";
                message += expectations[i].substr(std::string_view("missing required member ").size());
            }
        } else if (all_expected) {
            message = "expected ";
            for (std::size_t i = 0; i < expectations.size(); ++i) {
                const std::string& text = expectations[i];
                const auto comma = text.rfind(", found ");
                if (i > 0) message += " or ";
                message += text.substr(9, comma == std::string::npos ? std::string::npos : comma - 9);
                if (comma != std::string::npos) found = text.substr(comma);
            }
            message += found;
        } else {
            message = "matches none of the allowed forms: ";
            for (std::size_t i = 0; i < expectations.size() && message.size() < 600; ++i) {
                if (i > 0) message += "; or ";
                message += expectations[i];
            }
        }
        return {{rules::schema, where, message}};
    }

    std::vector<entry> entries_;
    std::map<std::size_t, std::vector<std::size_t>> group_at_;
};

}  // namespace findings_impl

/// The most findings one schema run lists; the rest are counted in one more finding.
inline constexpr std::size_t max_schema_findings = 200;

/// The findings of one failed valijson run over `document`, pointers prefixed by `prefix`.
inline std::vector<finding> to_findings(const valijson::ValidationResults& results, const nlohmann::json& document,
                                        const std::string& prefix = "") {
    std::vector<findings_impl::entry> entries;
    for (auto it = results.begin(); it != results.end(); ++it) {
        findings_impl::entry e;
        e.pointer = prefix + context_to_pointer(it->context, document);
        e.message = it->description;
        if (const std::optional<branch_marker> marker = parse_branch_marker_entry(e.message)) {
            e.is_marker = true;
            e.group = marker->group;
            e.branch = marker->branch;
            e.count = marker->entries_before;
        }
        entries.push_back(std::move(e));
    }
    std::vector<finding> out = findings_impl::resolver(std::move(entries)).resolve();
    // The same finding can arrive twice (two schemas that share a definition); keep the first. A hostile document can
    // fail a million times over (one error per item of a huge array): list the first max_schema_findings.
    std::vector<finding> unique;
    std::set<std::pair<std::string, std::string>> seen;
    std::size_t not_listed = 0;
    for (auto& f : out) {
        if (!seen.emplace(f.pointer, f.message).second) continue;
        if (unique.size() == max_schema_findings) {
            ++not_listed;
            continue;
        }
        unique.push_back(std::move(f));
    }
    if (not_listed > 0) {
        unique.push_back({rules::schema, prefix, std::to_string(not_listed) + " more schema findings are not listed"});
    }
    if (unique.empty()) unique.push_back({rules::schema, prefix, "does not match the schema"});
    return unique;
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_SCHEMA_EXPLAIN_HPP
