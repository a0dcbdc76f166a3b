#ifndef DLM_UPGRADE_HPP
#define DLM_UPGRADE_HPP

// The upgrade step: rewrites the legacy input that dlm-rules.md lists into the v1.0.0-beta.3 form,
// reporting every rewrite. Nothing else in the document changes.
//
// The rewrites, in an Item's `properties`, at a Collection's top level, and in each Item of a FeatureCollection:
//   - `stac_extensions`: the short name `dl-model` -> `dlm::extension_identifier` (removed instead when the
//     identifier is already declared, so it is never listed twice);
//   - `dlm:data`: `dtype` -> `data_type`, `nodata_value` -> `nodata`;
//   - `dlm:inputs`: `selected_band` -> `selected_bands`; in every input tensor (object or array form), `channels` -> `dim`;
//   - `dlm:runtime`: `framework_version` -> `version`; a numeric `version` -> a string of its JSON text;
//   - `dlm:outputs`: `class_name_mapping` forms 2 (object keyed by index) and 3 (list of single-entry objects)
//     -> form 1, a list of `{"index": n, "class_name": "..."}` records in ascending index order;
//   - a `null` optional field -> removed: `dlm:architecture`; data `nodata`, `useful_bands`; band `name`; inputs
//     `pre_processing_function`; tensor `batch`, `dim`, `height`, `width`; architecture `summary`; runtime
//     `model_commit_hash`, `requirement_file`, `docker`; docker `docker_file`, `image_name`, `tag`; outputs
//     `dont_care_index`, `post_processing_function`, and `number_of_classes`, `class_name_mapping` when the task is
//     `regression`.
//
// Decisions where the rules leave a choice:
//   - Legacy and new name both present (`dtype` and `data_type`, `nodata_value` and `nodata`, `framework_version`
//     and `version`, `channels` and `dim`, `selected_band` and `selected_bands`): the upgrade does not guess which one
//     the author meant. Both stay as they are and nothing is reported for them; the validator checks the new name.
//   - A `null` REQUIRED field stays: removing it would not make the document valid, and the validator reports it.
//   - A class_name_mapping that names one index twice (`"1"` and `"01"` are the same index), or with an entry
//     that fits no form, stays as it is and nothing is reported; the validator reports it.
//   - A numeric version keeps its original text: `1.10` -> "1.10", `2` -> "2", `1e1` -> "1e1". Only
//     `upgrade_text` can know that text; `upgrade` uses the number's shortest text (1.10 parsed is 1.1 -> "1.1")
//     and its change description says so. nlohmann reads `-0` as the integer 0, so it becomes "0". A NaN or
//     infinite version (possible only in code) stays a number.
//   - A document whose `type` is not "Feature", "Collection" or "FeatureCollection", or that is not an object,
//     comes back unchanged with no changes; so does a member of the wrong type where an object or array is expected.
//
// Upgrading an upgraded document changes nothing and reports nothing.
//
// Every upgrade is also an RFC 6902 patch (`upgrade_result::patch`, a reason on each operation): applied with
// `dlm::apply_patch` to the input document it gives `upgrade_result::document`; applied with
// `dlm::apply_patch_to_text` to the input text it gives the upgraded text with everything else kept byte for
// byte, which is what `upgrade_text` returns in `upgrade_result::text`. A rename is a `move` (the member keeps its
// place in the text), a removed null a `remove`, a rewritten value a `replace`.

#include <dlm/detail/upgrade/rewrite.hpp>
#include <dlm/detail/upgrade/text.hpp>
#include <dlm/edit.hpp>
#include <dlm/error.hpp>
#include <dlm/limits.hpp>
#include <dlm/patch.hpp>

#include <nlohmann/json.hpp>

#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm {

/// One rewrite made by the upgrade step.
struct change {
    /// RFC 6901 JSON pointer of the rewritten value in the ORIGINAL document, e.g. "/properties/dlm:data/dtype".
    std::string pointer{};
    /// What was done, for a person, e.g. "renamed dtype to data_type".
    std::string description{};

    friend bool operator==(const change& a, const change& b) {
        return a.pointer == b.pointer && a.description == b.description;
    }
    friend bool operator!=(const change& a, const change& b) { return !(a == b); }
};

/// The upgraded document and every rewrite that produced it (empty when the document needed none).
struct upgrade_result {
    /// The document in v1.0.0-beta.3 form.
    nlohmann::json document{};
    /// The rewrites, Items of a FeatureCollection in order; within a document `stac_extensions` first, then the
    /// dlm objects in the order data, inputs, architecture, runtime, outputs. With `reading::lenient`, the
    /// removed comments and trailing commas come first, each with the pointer "" and its line and column.
    std::vector<change> changes{};
    /// The same rewrites as an RFC 6902 patch, one operation per entry of `changes` that is not a lenient
    /// removal, its `reason` the change's description; it applies to the input document (or, for `upgrade_text`,
    /// to the input text after the lenient removals, i.e. `removals` applied).
    dlm::patch patch{};
    /// `upgrade_text` only: the upgraded text, identical to the input outside the rewritten members (and the
    /// lenient removals); empty for `upgrade`.
    std::string text{};
    /// `upgrade_text` with `reading::lenient` only: the comments and trailing commas removed before the upgrade.
    std::vector<text_removal> removals{};
};

namespace detail {

/// Runs every rewrite over `document`; `number_text` may be empty.
[[nodiscard]] inline upgrade_result run_upgrade(nlohmann::json document, number_text_lookup number_text) {
    upgrade_result result;
    upgrader rewrites(
        [&result](std::string pointer, patch_operation operation) {
            result.changes.push_back(change{std::move(pointer), operation.reason});
            result.patch.push_back(std::move(operation));
        },
        std::move(number_text));
    rewrites.upgrade_document(document);
    result.document = std::move(document);
    return result;
}

}  // namespace detail

/// Rewrites the legacy dlm input of a document built in code (see the top of this header); never throws
/// anything but `std::bad_alloc`. A numeric runtime version becomes its shortest text, since the original is gone.
///
///     auto [document, changes] = dlm::upgrade(std::move(item));
///     for (const dlm::change& c : changes) std::clog << c.pointer << ": " << c.description << '\n';
[[nodiscard]] inline upgrade_result upgrade(nlohmann::json document) {
    return detail::run_upgrade(std::move(document), nullptr);
}

/// Parses `json_text` with `dlm::parse` under `bounds` and rewrites its legacy dlm input like `upgrade`, keeping
/// a numeric runtime version's original text (`1.10` -> "1.10"), and writes the upgraded text with
/// `dlm::apply_patch_to_text`, so that only the rewritten members' lines change. With `reading::lenient`,
/// comments and trailing commas are removed first and reported (see `dlm::parse_lenient`). Throws `dlm::error`
/// (the finding's pointer and message) when the text cannot be read or repeats a key, since the output would
/// silently lose a value.
///
///     dlm::upgrade_result upgraded = dlm::upgrade_text(R"({"type": "Feature", ...})");
///     write_file(path, upgraded.text);  // a diff of the rewritten members only
[[nodiscard]] inline upgrade_result upgrade_text(std::string_view json_text, const limits& bounds = {},
                                                 reading mode = reading::strict) {
    lenient_result lenient;
    if (mode == reading::lenient) {
        lenient = parse_lenient(json_text, bounds);
        json_text = lenient.text;
    }
    nlohmann::json document = detail::parse_for_upgrade(json_text, bounds);
    // The second pass over the text runs only when a floating-point version actually needs its text.
    std::optional<std::map<std::string, std::string>> texts;
    upgrade_result result =
        detail::run_upgrade(std::move(document), [json_text, &texts](const std::string& pointer) -> std::optional<std::string> {
            if (!texts) {
                texts = detail::runtime_version_texts(json_text);
            }
            const auto found = texts->find(pointer);
            return found != texts->end() ? std::optional<std::string>(found->second) : std::nullopt;
        });
    result.text = apply_patch_to_text(json_text, result.patch, bounds);
    if (!lenient.removals.empty()) {
        std::vector<change> all;
        all.reserve(lenient.removals.size() + result.changes.size());
        for (const text_removal& removal : lenient.removals) {
            all.push_back(change{"", "line " + std::to_string(removal.line) + ", column " +
                                         std::to_string(removal.column) + ": " + removal.reason});
        }
        all.insert(all.end(), std::make_move_iterator(result.changes.begin()),
                   std::make_move_iterator(result.changes.end()));
        result.changes = std::move(all);
        result.removals = std::move(lenient.removals);
    }
    return result;
}

}  // namespace dlm

#endif  // DLM_UPGRADE_HPP
