// The per-input function of the validate fuzz target, shared with tests/test_hostile.cpp, which replays every
// file in tests/fuzz/crashes/ through it.
#ifndef DLM_FUZZ_ONE_HPP
#define DLM_FUZZ_ONE_HPP

#include <string_view>

#include <nlohmann/json.hpp>

#include <dlm/error.hpp>
#include <dlm/parse.hpp>
#include <dlm/stac.hpp>
#include <dlm/upgrade.hpp>
#include <dlm/validator.hpp>

#include "fuzz_checks.hpp"
#include "schema_agreement.hpp"

namespace dlm_fuzz {

/// One validator for the whole run: building it compiles every shipped schema.
inline const dlm::validator& shared_validator() {
    static const dlm::validator instance;
    return instance;
}

/// True when `r` holds a finding after which `dlm::parse` gives no usable document.
inline bool has_fatal_input_finding(const dlm::report& r) {
    for (const dlm::finding& f : r.errors) {
        if (f.rule == "input.syntax" || f.rule == "input.too-large" || f.rule == "input.too-deep" ||
            f.rule == "input.too-many-elements") {
            return true;
        }
    }
    return false;
}

/// Runs `text` through everything that reads untrusted JSON: validate_text, parse + validate of the document (and
/// the validator's yes/no pass against valijson's verdict, for every shipped schema), read_model and upgrade_text
/// (+ validate of the upgraded document). Only dlm::error may be thrown, and only by read_model and upgrade_text;
/// every report must pass `check_report`. A crash, hang or leak is a bug.
inline void validate_one(std::string_view text) {
    const dlm::validator& validator = shared_validator();
    check_report(validator.validate_text(text));

    const dlm::parse_result parsed = dlm::parse(text);
    check_report(parsed.findings);
    require(!parsed.ok() || parsed.document.has_value(), "parse_result::ok() without a document");
    if (parsed.document && !has_fatal_input_finding(parsed.findings)) {
        const dlm::report limits = dlm::check_limits(*parsed.document);
        check_report(limits);
        if (parsed.ok()) require(limits.ok(), "check_limits rejects a document that parse accepted");
        check_report(validator.validate(*parsed.document));
        for (const auto& [uri, schema] : shipped_roots()) {
            const verdicts v = judge(*schema, *parsed.document, false);
            require(v.check == v.valijson, "detail::schema_check and valijson disagree");
        }
        try {
            static_cast<void>(dlm::read_model(*parsed.document));
        } catch (const dlm::error&) {
        }
    }

    try {
        const dlm::upgrade_result upgraded = dlm::upgrade_text(text);
        require(parsed.document.has_value(), "upgrade_text accepted a text that parse could not read");
        for (const dlm::change& c : upgraded.changes) {
            require(c.pointer.empty() || c.pointer.front() == '/', "an upgrade change's pointer is not a JSON pointer");
        }
        check_report(validator.validate(upgraded.document));
    } catch (const dlm::error&) {
    }
}

}  // namespace dlm_fuzz

#endif  // DLM_FUZZ_ONE_HPP
