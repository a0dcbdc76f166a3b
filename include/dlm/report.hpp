#ifndef DLM_REPORT_HPP
#define DLM_REPORT_HPP

#include <dlm/rules.hpp>
#include <string>
#include <utility>
#include <vector>

namespace dlm {

/// One problem found in a document: which rule, where, and why.
struct finding {
    /// Stable rule identifier, one of `dlm::rules` (e.g. "schema", "dlm.consistency.normalization-length").
    std::string rule{};
    /// RFC 6901 JSON pointer of the offending value ("" is the whole document).
    std::string pointer{};
    /// What was expected and what was found, for a person; always valid UTF-8, quoted input truncated.
    std::string message{};
    /// For a `schema` finding, the `$id` of the schema whose check failed (the STAC core schema, the dlm schema or an
    /// extension's); empty for the other rules.
    std::string schema{};

    friend bool operator==(const finding& a, const finding& b) {
        return a.rule == b.rule && a.pointer == b.pointer && a.message == b.message && a.schema == b.schema;
    }
    friend bool operator!=(const finding& a, const finding& b) { return !(a == b); }
};

/// The outcome of reading or validating a document: errors make it invalid, warnings do not.
struct report {
    std::vector<finding> errors{};
    std::vector<finding> warnings{};

    /// True when there is no error (warnings allowed).
    [[nodiscard]] bool ok() const noexcept { return errors.empty(); }

    /// Records an error.
    void error(std::string rule, std::string pointer, std::string message) {
        errors.push_back({std::move(rule), std::move(pointer), std::move(message)});
    }

    /// Records a warning.
    void warning(std::string rule, std::string pointer, std::string message) {
        warnings.push_back({std::move(rule), std::move(pointer), std::move(message)});
    }

    /// Appends every finding of `other`.
    void merge(report other) {
        errors.insert(errors.end(), std::make_move_iterator(other.errors.begin()),
                      std::make_move_iterator(other.errors.end()));
        warnings.insert(warnings.end(), std::make_move_iterator(other.warnings.begin()),
                        std::make_move_iterator(other.warnings.end()));
    }
};

}  // namespace dlm

#endif  // DLM_REPORT_HPP
