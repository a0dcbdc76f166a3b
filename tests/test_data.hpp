// Reading the files under tests/data, shared by the test files.
#ifndef DLM_TESTS_TEST_DATA_HPP
#define DLM_TESTS_TEST_DATA_HPP

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

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

/// The `*.json` files directly in `dir`, sorted.
inline std::vector<std::string> json_files(const std::filesystem::path& dir) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace dlm_test

#endif  // DLM_TESTS_TEST_DATA_HPP
