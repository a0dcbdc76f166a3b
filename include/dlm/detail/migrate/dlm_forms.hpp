#ifndef DLM_DETAIL_MIGRATE_DLM_FORMS_HPP
#define DLM_DETAIL_MIGRATE_DLM_FORMS_HPP

// The dlm rewrites of dlm-rules.md (dlm::upgrade owns them) as operations of the migration's patch.

#include <dlm/detail/migrate/recorder.hpp>
#include <dlm/patch.hpp>
#include <dlm/upgrade.hpp>

#include <nlohmann/json.hpp>

#include <utility>

namespace dlm::detail::migrate {

/// Runs the dlm rewrites over the working document and records their patch (which applies to the working document
/// as it was before them).
inline void apply_dlm_forms(recorder& r, number_text_lookup number_text) {
    upgrade_result upgraded = run_upgrade(r.document(), std::move(number_text));
    for (patch_operation& operation : upgraded.patch) r.record(std::move(operation));
    r.document() = std::move(upgraded.document);
}

}  // namespace dlm::detail::migrate

#endif  // DLM_DETAIL_MIGRATE_DLM_FORMS_HPP
