// libFuzzer target: dlm::export_mlm on any JSON that dlm::parse accepts, with and without options. Only dlm::error
// may be thrown; the patch applied to the input must give the exported document; every note must say something.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include <dlm/error.hpp>
#include <dlm/mlm.hpp>
#include <dlm/parse.hpp>
#include <dlm/patch.hpp>

#include "fuzz_target.hpp"
#include "fuzz_checks.hpp"

namespace dlm_fuzz_export_mlm {

int one_input(const std::uint8_t* data, std::size_t size) {
    const dlm::parse_result parsed = dlm::parse(std::string(reinterpret_cast<const char*>(data), size));
    if (!parsed.ok()) return 0;
    dlm::mlm_options with_model;
    with_model.model_href = "https://example.org/model.pt";
    with_model.artifact_type = "torch.save";
    with_model.keep_dlm = size % 2 == 0;
    for (const dlm::mlm_options& options : {dlm::mlm_options{}, with_model}) {
        try {
            const dlm::mlm_export out = dlm::export_mlm(*parsed.document, options);
            nlohmann::json patched = *parsed.document;
            dlm::apply_patch(patched, out.changes);
            dlm_fuzz::require(patched == out.document, "the patch applied to the input is not the export");
            for (const dlm::mlm_note& note : out.notes) {
                dlm_fuzz::require(!note.rule.empty() && !note.message.empty(), "a note without rule or message");
            }
        } catch (const dlm::error&) {
            // Not a dlm document the typed model can read: reported, not exported.
        }
    }
    return 0;
}

const dlm_fuzz::target_registration registration{"export_mlm", &one_input};

}  // namespace dlm_fuzz_export_mlm
