// Reading the files under tests/data, shared by the test files.
#ifndef DLM_TESTS_TEST_DATA_HPP
#define DLM_TESTS_TEST_DATA_HPP

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace dlm_test {

inline const std::filesystem::path data_dir{DLM_TEST_DATA_DIR};

/// The bytes of a file (empty when it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline nlohmann::json read_json(const std::filesystem::path& path) { return nlohmann::json::parse(read_text(path)); }

}  // namespace dlm_test

#endif  // DLM_TESTS_TEST_DATA_HPP
