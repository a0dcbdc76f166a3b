// libFuzzer target: untrusted text through the lenient reader, and patches derived from the document applied to its
// text, which must read back as the patched document (see edit_one.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_target.hpp"
#include "edit_one.hpp"

namespace dlm_fuzz_edit {

int one_input(const std::uint8_t* data, std::size_t size) {
    dlm_fuzz::edit_one(std::string_view(reinterpret_cast<const char*>(data), size), 3);
    return 0;
}

const dlm_fuzz::target_registration registration{"edit", &one_input};

}  // namespace dlm_fuzz_edit
