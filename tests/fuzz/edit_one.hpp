// The per-input function of the edit fuzz target, shared with tests/test_edit.cpp, which runs it over every file in
// tests/data: patches derived from the document, applied to its text, must read back as the patched document; and
// the lenient reader must never crash and never change a text it has nothing to remove from.
#ifndef DLM_FUZZ_EDIT_ONE_HPP
#define DLM_FUZZ_EDIT_ONE_HPP

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/edit.hpp>
#include <dlm/error.hpp>
#include <dlm/parse.hpp>
#include <dlm/patch.hpp>

#include "fuzz_checks.hpp"

namespace dlm_fuzz {

/// About `max_count` JSON pointers of values of `document`, spread evenly over it in document order (the first
/// 10000 values), walked without recursion.
inline std::vector<std::string> some_pointers(const nlohmann::json& document, std::size_t max_count) {
    std::vector<std::string> all;
    std::vector<std::pair<const nlohmann::json*, std::string>> pending{{&document, ""}};
    while (!pending.empty() && all.size() < 10000) {
        auto [value, pointer] = std::move(pending.back());
        pending.pop_back();
        all.push_back(pointer);
        std::vector<std::pair<const nlohmann::json*, std::string>> children;
        if (value->is_object()) {
            for (const auto& [key, child] : value->items()) {
                std::string p = pointer;
                dlm::detail::append(p, key);
                children.emplace_back(&child, std::move(p));
            }
        } else if (value->is_array()) {
            for (std::size_t i = 0; i < value->size(); ++i) {
                std::string p = pointer;
                dlm::detail::append(p, i);
                children.emplace_back(&(*value)[i], std::move(p));
            }
        }
        for (auto it = children.rbegin(); it != children.rend(); ++it) pending.push_back(std::move(*it));
    }
    if (all.size() <= max_count || max_count == 0) return all;
    std::vector<std::string> out;
    const std::size_t step = (all.size() + max_count - 1) / max_count;
    for (std::size_t i = 0; i < all.size(); i += step) out.push_back(all[i]);
    return out;
}

/// Patches of one operation each, derived from the value at `pointer`: replace it by a scalar and by a container,
/// remove it, add a member or elements, rename its first member, copy it, move it.
inline std::vector<dlm::patch> patches_at(const nlohmann::json& document, const std::string& pointer) {
    const nlohmann::json& value = document.at(nlohmann::json::json_pointer(pointer));
    const nlohmann::json container = {{"new", {1, "two", {{"three", nullptr}}}}, {"empty", nlohmann::json::object()}};
    std::vector<dlm::patch> out;
    out.push_back({{dlm::patch_op::replace, pointer, "", "edited \u00e9", "test"}});
    out.push_back({{dlm::patch_op::replace, pointer, "", container, "test"}});
    out.push_back({{dlm::patch_op::test, pointer, "", value, "test"}});
    if (!pointer.empty()) {
        out.push_back({{dlm::patch_op::remove, pointer, "", nullptr, "test"}});
        out.push_back({{dlm::patch_op::copy, "/zz copy", pointer, nullptr, "test"}});
        if (document.is_object()) out.push_back({{dlm::patch_op::move, "/zz moved", pointer, nullptr, "test"}});
    }
    if (value.is_object()) {
        out.push_back({{dlm::patch_op::add, pointer + "/zz~1added", "", container, "test"}});
        if (!value.empty()) {
            std::string first = pointer;
            dlm::detail::append(first, value.begin().key());
            out.push_back({{dlm::patch_op::move, pointer + "/renamed", first, nullptr, "test"}});
            out.push_back({{dlm::patch_op::remove, first, "", nullptr, "test"},
                           {dlm::patch_op::add, pointer + "/again", "", 2.5, "test"}});
        }
    } else if (value.is_array()) {
        out.push_back({{dlm::patch_op::add, pointer + "/0", "", "first", "test"}});
        out.push_back({{dlm::patch_op::add, pointer + "/-", "", container, "test"}});
        if (!value.empty()) {
            out.push_back({{dlm::patch_op::add, pointer + "/" + std::to_string(value.size() / 2), "", 7, "test"},
                           {dlm::patch_op::remove, pointer + "/" + std::to_string(value.size()), "", nullptr, "test"}});
        }
    }
    // Fails on its second operation: nothing may be applied.
    out.push_back({{dlm::patch_op::replace, pointer, "", 1, "test"}, {dlm::patch_op::remove, "/no such member/x", "", nullptr, "test"}});
    return out;
}

/// apply_patch_to_text(text, p) reads as apply_patch(parse(text), p), or both fail; the text outside a replaced
/// value is kept byte for byte.
inline void check_patch(std::string_view text, const nlohmann::json& document, const dlm::patch& changes) {
    nlohmann::json expected = document;
    bool applies = true;
    try {
        dlm::apply_patch(expected, changes);
    } catch (const dlm::error&) {
        applies = false;
    }
    std::string edited;
    try {
        edited = dlm::apply_patch_to_text(text, changes);
    } catch (const dlm::error&) {
        bool past_limits = false;  // e.g. a container added at the deepest level allowed
        for (const dlm::finding& f : dlm::check_limits(expected).errors) {
            past_limits = past_limits || f.rule == "input.too-deep" || f.rule == "input.too-many-elements";
        }
        require(!applies || past_limits, "apply_patch_to_text refused a patch that apply_patch applies");
        return;
    }
    require(applies, "apply_patch_to_text applied a patch that apply_patch refuses");
    const dlm::parse_result reread = dlm::parse(edited);
    require(reread.document.has_value() && *reread.document == expected,
            "the edited text does not read as the patched document");
    if (changes.size() == 1 && changes.front().op == dlm::patch_op::test) {
        require(edited == text, "a test operation changed the text");
    }
}

/// One input: the strict edit checks when the text parses cleanly, the lenient reader always.
inline void edit_one(std::string_view text, std::size_t max_pointers = 24) {
    const dlm::lenient_result lenient = dlm::parse_lenient(text);
    check_findings(lenient.parsed.findings.errors);
    require(lenient.text.size() <= text.size(), "the lenient reader added text");
    if (lenient.removals.empty()) require(lenient.text == text, "the lenient reader changed text it removed nothing from");
    const dlm::parse_result strict = dlm::parse(text);
    if (strict.ok()) {
        require(lenient.removals.empty() && lenient.parsed.ok() && *lenient.parsed.document == *strict.document,
                "the lenient reader reads strict JSON differently");
    }
    if (!strict.ok()) return;
    const nlohmann::json& document = *strict.document;
    if (text.size() > 16384) max_pointers = 1;  // each patch reads the whole text three times: keep runs short
    for (const std::string& pointer : some_pointers(document, max_pointers)) {
        for (const dlm::patch& changes : patches_at(document, pointer)) check_patch(text, document, changes);
    }
}

}  // namespace dlm_fuzz

#endif  // DLM_FUZZ_EDIT_ONE_HPP
