// libFuzzer target: untrusted text through parse, validate, read_model and upgrade_text (see fuzz_one.hpp), and
// migrate_text (fuzz_migrate.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_target.hpp"
#include "fuzz_migrate.hpp"
#include "fuzz_one.hpp"

namespace dlm_fuzz_validate {

int one_input(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    dlm_fuzz::validate_one(text);
    dlm_fuzz::migrate_one(text);
    return 0;
}

const dlm_fuzz::target_registration registration{"validate", &one_input};

}  // namespace dlm_fuzz_validate
