#ifndef DLM_DETAIL_VALIDATE_UPGRADE_HINT_HPP
#define DLM_DETAIL_VALIDATE_UPGRADE_HINT_HPP

// When a document fails and `dlm::upgrade` would rewrite some of it (beta.2 names, the `dl-model` short name, a numeric
// runtime version, ...), the report says so: the errors alone ("missing required member data_type") do not tell a
// reader that the document is a legacy one, nor that a tool fixes it.

#include <dlm/report.hpp>
#include <dlm/report_text.hpp>
#include <dlm/rules.hpp>
#include <dlm/upgrade.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <exception>
#include <string>

namespace dlm::detail {

/// Adds one `dlm.legacy.upgradable` warning to `out` when `dlm::upgrade` would rewrite `document` into one with fewer
/// errors (`count_errors` validates a document), naming the first rewrites; nothing otherwise (a canonical rewrite of
/// a valid form, such as an index-keyed class_name_mapping, fixes nothing). Called for documents that failed, so the
/// cost (a copy, an upgrade, a second validation) is paid only then.
template <class CountErrors>
void add_upgrade_hint(const nlohmann::json& document, report& out, CountErrors count_errors) {
    upgrade_result upgraded;
    try {
        upgraded = upgrade(document);
    } catch (const std::exception&) {
        return;  // a hint is never worth failing the validation it explains
    }
    if (upgraded.changes.empty() || count_errors(upgraded.document) >= out.errors.size()) return;
    constexpr std::size_t listed = 3;
    std::string message = "`dlm upgrade` rewrites " + count_text(upgraded.changes.size(), "legacy form") +
                          " of this document (";
    for (std::size_t i = 0; i < upgraded.changes.size() && i < listed; ++i) {
        if (i > 0) message += "; ";
        message += upgraded.changes[i].pointer + ": " + upgraded.changes[i].description;
    }
    if (upgraded.changes.size() > listed) message += "; ...";
    message += ")";
    out.warning(rules::dlm_legacy_upgradable, "", sanitize(message, 2000));
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_VALIDATE_UPGRADE_HINT_HPP
