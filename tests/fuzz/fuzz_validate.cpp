// libFuzzer target: untrusted text through parse, validate, read_model and upgrade_text (see fuzz_one.hpp), and
// migrate_text (fuzz_migrate.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_migrate.hpp"
#include "fuzz_one.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    dlm_fuzz::validate_one(text);
    dlm_fuzz::migrate_one(text);
    return 0;
}
