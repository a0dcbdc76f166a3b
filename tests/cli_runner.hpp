// Running the built `dlm` tool from the tests (test_cli*.cpp): a scratch directory, shell quoting, and a run that
// captures the exit status, standard output and standard error.
#ifndef DLM_TEST_CLI_RUNNER_HPP
#define DLM_TEST_CLI_RUNNER_HPP

#ifdef DLM_CLI_PATH

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <stdlib.h>
#include <sys/wait.h>

namespace dlm_test {

/// The whole content of a file ("" when it cannot be read).
inline std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_all(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/// A fresh directory, removed with everything in it at the end of the test (made writable first).
class temp_dir {
public:
    temp_dir() {
        std::string name = (std::filesystem::temp_directory_path() / "dlm-test-XXXXXX").string();
        REQUIRE(::mkdtemp(name.data()) != nullptr);
        path_ = name;
    }
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    ~temp_dir() {
        std::error_code ec;
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ec);
        std::filesystem::remove_all(path_, ec);
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

/// Quotes one word for /bin/sh.
inline std::string quote(const std::string& word) {
    std::string out = "'";
    for (const char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

inline std::string quote(const std::filesystem::path& path) { return quote(path.string()); }
inline std::string quote(const char* word) { return quote(std::string(word)); }

struct run_result {
    int status = -1;
    std::string out;
    std::string err;
};

/// Runs `PREFIX dlm ARGS` through the shell (ARGS already quoted). Standard input comes from `input` (none: the
/// shell's, when empty); standard output goes to `output` when given (it is then not captured). A run killed by a
/// signal is a test failure.
inline run_result run_dlm(const std::string& args, const std::filesystem::path& input = "/dev/null",
                          const std::string& output = "", const std::string& prefix = "") {
    const temp_dir scratch;
    const std::filesystem::path out = output.empty() ? scratch / "stdout" : std::filesystem::path(output);
    const std::filesystem::path err = scratch / "stderr";
    const std::string command = prefix + quote(DLM_CLI_PATH) + " " + args +
                                (input.empty() ? std::string() : " <" + quote(input)) + " >" + quote(out) + " 2>" +
                                quote(err);
    INFO(command);
    const int raw = std::system(command.c_str());
    REQUIRE(raw != -1);
    REQUIRE(WIFEXITED(raw));
    run_result result;
    result.status = WEXITSTATUS(raw);
    if (output.empty()) result.out = read_all(out);
    result.err = read_all(err);
    return result;
}

/// The lines of `text`, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace dlm_test

#endif  // DLM_CLI_PATH

#endif  // DLM_TEST_CLI_RUNNER_HPP
