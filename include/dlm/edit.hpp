#ifndef DLM_EDIT_HPP
#define DLM_EDIT_HPP

// Edits that keep a file as it was. `apply_patch_to_text` applies an RFC 6902 patch to a document's original
// text and keeps every byte it does not change: member order, whitespace and indentation, number literals
// (`1.10`, `1e2`), string escapes (`\u00e9`, `\/`), the newline style. A changed or added value is written in
// the layout of its surroundings (indent unit, CRLF or LF, `": "` or `":"`, one-line containers stay on one
// line); a removed member takes its line and the right comma with it; a `move` to another key of the same
// object renames the member where it stands.
//
//     const std::string text = read_file("item.json");
//     dlm::patch changes;
//     changes.push_back({dlm::patch_op::replace, "/properties/dlm:runtime/version", "", "2.1", "new release"});
//     const std::string edited = dlm::apply_patch_to_text(text, changes);  // a one-line diff
//
// `parse_lenient` reads JSON with `//` and `/* */` comments and trailing commas (as some published examples
// are written) into strict text, listing every removal. It is meant for the upgrade step only: dlm::parse and
// the validator stay strict.

#include <dlm/detail/edit/apply.hpp>
#include <dlm/detail/edit/lenient.hpp>
#include <dlm/detail/upgrade/text.hpp>
#include <dlm/error.hpp>
#include <dlm/limits.hpp>
#include <dlm/parse.hpp>
#include <dlm/patch.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm {

namespace detail {

/// Throws dlm::error at `pointer` when `value` is nested deeper or holds more values than `bounds` allow, or holds
/// a NaN or infinite number: the writers recurse on depth, and JSON has no text for such numbers.
inline void require_bounded(const nlohmann::json& value, const limits& bounds, const std::string& pointer) {
    const report problems = check_limits(value, bounds);
    for (const finding& problem : problems.errors) {
        if (problem.rule == rules::input_too_deep || problem.rule == rules::input_too_many_elements ||
            (problem.rule == rules::input_number_out_of_range && problem.message.find("JSON value") != std::string::npos)) {
            throw error(pointer + problem.pointer, "cannot write this value: " + problem.message);
        }
    }
}

}  // namespace detail

/// Applies `changes` to the JSON `original` text and returns the edited text, which `dlm::parse` reads as exactly
/// `dlm::apply_patch` gives on the parsed original, and which equals `original` outside the changed members.
/// All or nothing: throws `dlm::error` (the failing operation's path as its pointer) when the text cannot be read
/// under `bounds` or repeats a key, when an operation cannot be applied, or when a value is deeper or longer than
/// `bounds` allows, a NaN or infinite number, or not valid UTF-8.
[[nodiscard]] inline std::string apply_patch_to_text(std::string_view original, const patch& changes,
                                                     const limits& bounds = {}) {
    nlohmann::json expected = detail::parse_for_upgrade(original, bounds);
    for (const patch_operation& change : changes) {
        if (change.op == patch_op::add || change.op == patch_op::replace || change.op == patch_op::test) {
            detail::require_bounded(change.value, bounds, change.path);
        }
    }
    apply_patch(expected, changes);  // names the operation that cannot be applied
    if (changes.empty()) return std::string(original);

    detail::text_editor editor{std::string(original), bounds};
    for (const patch_operation& change : changes) {
        try {
            editor.apply(change);
        } catch (const error& e) {
            throw error(change.path, "cannot apply the " + std::string(to_string(change.op)) +
                                         " operation to the text: " + e.reason());
        }
    }
    std::string edited = std::move(editor).take();
    const parse_result check = parse(edited, bounds);
    if (!check.document || *check.document != expected) {
        throw error(changes.back().path, "the edited text does not read as the patched document (" +
                                             std::string(check.document ? "different values" : "unreadable") +
                                             "); nothing was changed");
    }
    return edited;
}

/// The RFC 6902 patch that turns `from` into `to` with the fewest whole-value writes: members that differ are
/// compared member by member, arrays of equal length element by element, a longer or shorter array by its common
/// prefix and then adds at the end or removes from the end; anything else is one `replace`. Each operation gets
/// `reason`. Throws `dlm::error` when either document passes `bounds` (the comparison recurses on depth).
[[nodiscard]] inline patch diff(const nlohmann::json& from, const nlohmann::json& to, const std::string& reason,
                                const limits& bounds = {}) {
    detail::require_bounded(from, bounds, "");
    detail::require_bounded(to, bounds, "");
    patch out;
    struct walker {
        patch& out;
        const std::string& reason;
        void compare(const nlohmann::json& a, const nlohmann::json& b, const std::string& at) {
            if (a == b) return;
            if (a.is_object() && b.is_object()) {
                for (const auto& [key, value] : a.items()) {
                    std::string member = at;
                    detail::append(member, key);
                    const auto other = b.find(key);
                    if (other == b.end()) {
                        out.push_back({patch_op::remove, member, "", nullptr, reason});
                    } else {
                        compare(value, *other, member);
                    }
                }
                for (const auto& [key, value] : b.items()) {
                    if (!a.contains(key)) {
                        std::string member = at;
                        detail::append(member, key);
                        out.push_back({patch_op::add, member, "", value, reason});
                    }
                }
                return;
            }
            if (a.is_array() && b.is_array()) {
                const std::size_t common = std::min(a.size(), b.size());
                for (std::size_t i = 0; i < common; ++i) {
                    std::string element = at;
                    detail::append(element, i);
                    compare(a[i], b[i], element);
                }
                for (std::size_t i = common; i < b.size(); ++i) {
                    std::string element = at;
                    detail::append(element, i);
                    out.push_back({patch_op::add, element, "", b[i], reason});
                }
                for (std::size_t i = a.size(); i > common; --i) {
                    std::string element = at;
                    detail::append(element, i - 1);
                    out.push_back({patch_op::remove, element, "", nullptr, reason});
                }
                return;
            }
            out.push_back({patch_op::replace, at, "", b, reason});
        }
    };
    walker{out, reason}.compare(from, to, "");
    return out;
}

/// How a reader treats text that is not strict JSON.
enum class reading {
    /// RFC 8259 only (`dlm::parse`).
    strict,
    /// `//` and `/* */` comments and trailing commas are removed first, each reported (`dlm::parse_lenient`).
    lenient
};

/// One piece of text the lenient reader removed: a comment or a trailing comma.
struct text_removal {
    /// The bytes removed from the original text, [begin, end): the comment or comma, and the blanks or line
    /// that only held it.
    std::size_t begin = 0;
    std::size_t end = 0;
    /// 1-based line and column (in characters) where the comment or comma starts.
    std::size_t line = 0;
    std::size_t column = 0;
    /// What was removed and why, e.g. "removed a // comment: JSON has no comments".
    std::string reason{};
};

/// What `parse_lenient` read.
struct lenient_result {
    /// The strict JSON text: the original without the removals, byte for byte otherwise.
    std::string text{};
    /// Every removal, in text order.
    std::vector<text_removal> removals{};
    /// `dlm::parse` of `text` (its findings locate positions in `text`, not in the original).
    parse_result parsed{};
};

/// Reads JSON that may hold `//` and `/* */` comments (outside strings) and trailing commas before `}` or `]`:
/// removes them, reports each, and parses the rest strictly under `bounds`. Any other deviation from JSON,
/// trailing content after the document included, is an `input.syntax` finding as with `dlm::parse`. Linear in
/// the text, no recursion; only std::bad_alloc can escape.
///
///     const dlm::lenient_result read = dlm::parse_lenient("{\"a\": 1, // one\n}");
///     // read.text == "{\"a\": 1\n}", read.removals: the comment (line 1, column 10) and the comma (column 8)
[[nodiscard]] inline lenient_result parse_lenient(std::string_view text, const limits& bounds = {}) {
    lenient_result result;
    if (text.size() > bounds.max_bytes) {
        result.parsed = parse(text, bounds);  // reports input.too-large without scanning
        return result;
    }
    const std::vector<detail::lenient_piece> pieces = detail::find_lenient_pieces(text);
    result.text.reserve(text.size());
    std::size_t copied = 0;
    for (const detail::lenient_piece& piece : pieces) {
        const auto [begin, end] = detail::removal_span(text, piece);
        const std::size_t from = std::max(begin, copied);
        if (from > copied) result.text.append(text.substr(copied, from - copied));
        copied = std::max(copied, end);
        std::string reason;
        switch (piece.what) {
            case detail::lenient_piece::kind::line_comment: reason = "removed a // comment: JSON has no comments"; break;
            case detail::lenient_piece::kind::block_comment: reason = "removed a /* */ comment: JSON has no comments"; break;
            case detail::lenient_piece::kind::trailing_comma:
                reason = "removed a trailing comma: JSON allows no comma before '}' or ']'";
                break;
        }
        result.removals.push_back({begin, end, piece.line, piece.column, std::move(reason)});
    }
    if (copied < text.size()) result.text.append(text.substr(copied));
    result.parsed = parse(result.text, bounds);
    return result;
}

}  // namespace dlm

#endif  // DLM_EDIT_HPP
