#ifndef DLM_PARSE_HPP
#define DLM_PARSE_HPP

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <dlm/rules.hpp>
#include <dlm/detail/input/limit_walk.hpp>
#include <dlm/detail/input/messages.hpp>
#include <dlm/detail/input/sax_reader.hpp>
#include <dlm/detail/stac/document_type.hpp>
#include <dlm/limits.hpp>
#include <dlm/report.hpp>

namespace dlm {

/// The outcome of `dlm::parse`: the document when it could be read, and the `input.*` findings.
struct parse_result {
    /// The parsed document; empty after a fatal finding (syntax, too large, too deep, too many values,
    /// a number beyond double range). It is present but must not be trusted when `findings` has other
    /// errors (over-long string or key, duplicate key, integer above INT64_MAX).
    std::optional<nlohmann::json> document{};
    /// Every `input.*` finding, each with the JSON pointer of where it happened.
    report findings{};

    /// True when there is a document and no finding is an error.
    [[nodiscard]] bool ok() const noexcept { return document.has_value() && findings.ok(); }
};

/// Reads untrusted JSON text into a document without recursing on its depth, enforcing `bounds`.
/// Rules: `input.syntax` (message names line and column), `input.too-large`, `input.too-deep`,
/// `input.too-many-elements` (these stop the parse), `input.string-too-long` (values and keys),
/// `input.duplicate-key` (an error at the member's pointer; the last value is kept, as `json::parse`
/// does), `input.number-out-of-range` (integers above INT64_MAX are kept; 1e400 stops the parse).
/// A UTF-8 byte order mark is skipped; a NUL byte anywhere is `input.syntax`. Only std::bad_alloc can escape.
///
///     const dlm::parse_result read = dlm::parse(text);
///     if (!read.ok()) { for (const auto& f : read.findings.errors) std::cerr << f.pointer << ": " << f.message << '\n'; }
[[nodiscard]] inline parse_result parse(std::string_view text, const limits& bounds = {}) {
    parse_result result;
    detail::finding_sink sink(result.findings, bounds.max_findings);
    if (text.size() > bounds.max_bytes) {
        sink.fatal(rules::input_too_large, "", detail::too_large_message(text.size(), bounds.max_bytes));
        return result;
    }
    detail::sax_reader reader(text, bounds, sink);
    const char* const begin = text.data();
    static_cast<void>(nlohmann::json::sax_parse(begin, begin + text.size(), &reader));
    result.document = reader.take();
    // nlohmann's lexer takes a NUL byte for the end of the input, so a document followed by a NUL and anything
    // at all would read as complete. JSON text holds no raw NUL (not even in a string), so one is an error.
    if (result.document) {
        if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
            result.document.reset();
            sink.fatal(rules::input_syntax, "", detail::nul_byte_message(text, nul));
        }
    }
    sink.finish();
    return result;
}

/// The limits of `dlm::parse` for a document built in code (depth, key and string lengths, value count),
/// plus `input.number-out-of-range` for unsigned integers above INT64_MAX and NaN or infinite numbers.
/// Walks iteratively in O(n) without copying; run it before copying, dumping or comparing a document
/// of unknown depth. `max_bytes` does not apply.
[[nodiscard]] inline report check_limits(const nlohmann::json& document, const limits& bounds = {}) {
    report findings;
    detail::finding_sink sink(findings, bounds.max_findings);
    detail::walk_limits(document, bounds, sink);
    sink.finish();
    return findings;
}

/// One document of an input: the input itself, or one feature of a FeatureCollection (an ItemCollection), as
/// `dlm::split_features` and `dlm::validator::validate_each` hand them over.
struct input_document {
    /// Where the document is in the input: "" for the input itself, "/features/N" for a feature. The pointers of
    /// `report` are relative to the document.
    std::string pointer{};
    /// The document; absent when the input could not be read (`report` says why), and in the entry that holds the
    /// findings about a FeatureCollection outside all of its features.
    std::optional<nlohmann::json> document{};
    /// The findings about this document: the parser's, and with `validate_each` the validator's.
    dlm::report report{};

    /// True when the report has no error.
    [[nodiscard]] bool ok() const noexcept { return report.ok(); }
};

/// Splits a parsed input into the documents it holds. A FeatureCollection whose `features` is a non-empty array gives
/// one entry per feature, in order, each with the parser's findings under its `/features/N` (made relative to it),
/// then, only when the parser found something outside every feature, one entry without a document for those
/// findings. Anything else, an input that could not be parsed included, is one entry with pointer "".
///
///     for (dlm::input_document& d : dlm::split_features(dlm::parse(text))) {
///         if (!d.document) continue;  // d.report says why
///         use(d.pointer, *d.document);
///     }
[[nodiscard]] inline std::vector<input_document> split_features(parse_result parsed) {
    std::vector<input_document> out;
    nlohmann::json* const features =
        parsed.document && detail::type_of(*parsed.document) == detail::stac_type::item_collection &&
                parsed.document->contains("features") && (*parsed.document)["features"].is_array() &&
                !(*parsed.document)["features"].empty()
            ? &(*parsed.document)["features"]
            : nullptr;
    if (features == nullptr) {
        out.push_back({"", std::move(parsed.document), std::move(parsed.findings)});
        return out;
    }
    // Each finding goes to the feature it lies under, or stays with the input.
    const auto take_under = [](std::vector<finding>& from, std::vector<finding>& into, const std::string& prefix) {
        auto kept = from.begin();
        for (auto it = from.begin(); it != from.end(); ++it) {
            const std::string& p = it->pointer;
            if (p.compare(0, prefix.size(), prefix) == 0 && (p.size() == prefix.size() || p[prefix.size()] == '/')) {
                it->pointer.erase(0, prefix.size());
                into.push_back(std::move(*it));
            } else {
                if (kept != it) *kept = std::move(*it);
                ++kept;
            }
        }
        from.erase(kept, from.end());
    };
    out.reserve(features->size() + 1);
    for (std::size_t i = 0; i < features->size(); ++i) {
        input_document feature;
        feature.pointer = "/features/" + std::to_string(i);
        take_under(parsed.findings.errors, feature.report.errors, feature.pointer);
        take_under(parsed.findings.warnings, feature.report.warnings, feature.pointer);
        feature.document = std::move((*features)[i]);
        out.push_back(std::move(feature));
    }
    if (!parsed.findings.errors.empty() || !parsed.findings.warnings.empty())
        out.push_back({"", std::nullopt, std::move(parsed.findings)});
    return out;
}

}  // namespace dlm

#endif  // DLM_PARSE_HPP
