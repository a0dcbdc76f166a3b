// libFuzzer target: a schema from a user or a resolver, compiled and run on documents (see fuzz_schema_one.hpp).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_target.hpp"
#include "fuzz_schema_one.hpp"

namespace dlm_fuzz_schema {

int one_input(const std::uint8_t* data, std::size_t size) {
    dlm_fuzz::schema_one(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}

const dlm_fuzz::target_registration registration{"schema", &one_input};

}  // namespace dlm_fuzz_schema
