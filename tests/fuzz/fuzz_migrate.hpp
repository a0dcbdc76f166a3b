// The migration's part of the validate fuzz target: untrusted text through dlm::migrate_text to both targets.
#ifndef DLM_FUZZ_MIGRATE_HPP
#define DLM_FUZZ_MIGRATE_HPP

#include <string_view>

#include <nlohmann/json.hpp>

#include <dlm/error.hpp>
#include <dlm/migrate.hpp>
#include <dlm/parse.hpp>
#include <dlm/patch.hpp>
#include <dlm/validator.hpp>

#include "fuzz_checks.hpp"
#include "fuzz_one.hpp"

namespace dlm_fuzz {

/// Migrates `text` to STAC 1.0.0 and 1.1.0. Only dlm::error may be thrown (text that is not a document); the patch
/// must turn the parsed original into the result, every operation must say why, every needed value must have a
/// pointer, a second migration must change nothing, and the result's report must pass `check_report`.
inline void migrate_one(std::string_view text) {
    for (const dlm::stac_target to : {dlm::stac_target::v1_0_0, dlm::stac_target::v1_1_0}) {
        try {
            const dlm::migration_result m = dlm::migrate_text(text, to);
            const dlm::parse_result parsed = dlm::parse(text);
            require(parsed.document.has_value(), "migrate_text accepted a text that parse could not read");
            nlohmann::json patched = *parsed.document;
            dlm::apply_patch(patched, m.changes);
            require(patched == m.document, "the migration's patch does not produce the migrated document");
            for (const dlm::patch_operation& op : m.changes) require(!op.reason.empty(), "a change without a reason");
            for (const dlm::needed_value& n : m.needs) {
                require(n.pointer.empty() || n.pointer.front() == '/', "a needed value's pointer is not a JSON pointer");
            }
            require(dlm::migrate(m.document, to).changes.empty(), "migrating a migrated document changes it again");
            check_report(shared_validator().validate(m.document));
        } catch (const dlm::error&) {
        }
    }
}

}  // namespace dlm_fuzz

#endif  // DLM_FUZZ_MIGRATE_HPP
