// The tool's directory walk (examples/cli/inputs.cpp, compiled into the test runner): it hands each file on as it
// finds it, so the first documents are validated while the rest of a large tree is still unread, and it never holds
// more than one directory's names per level.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "inputs.hpp"

namespace dlm_test_cli_walk {  // each test file has a namespace of its own: the runner is a unity build

namespace fs = std::filesystem;

TEST_CASE("a directory walk hands on each file as it finds it: one removed meanwhile is never visited", "[cli][walk]") {
    const dlm_test::temp_dir tree;
    fs::create_directories(tree / "a");
    fs::create_directories(tree / "b");
    dlm_test::write_all(tree / "a/one.json", "{}");
    dlm_test::write_all(tree / "b/two.json", "{}");
    std::vector<std::string> visited;
    dlm_cli::walk_directory(tree.path(), {}, [&](const dlm_cli::walk_entry& entry) {
        visited.push_back(fs::relative(entry.path, tree.path()).string() + (entry.error.empty() ? "" : ": " + entry.error));
        // A walk that listed the whole tree first would still hand on b/two.json after this.
        if (visited.size() == 1) fs::remove(tree / "b/two.json");
    });
    CHECK(visited == std::vector<std::string>{"a/one.json"});
}

TEST_CASE("a directory walk visits in name order, subdirectories where they sort", "[cli][walk]") {
    const dlm_test::temp_dir tree;
    for (const char* file : {"m.json", "b/z.json", "b/a.json", "a.json", "c/d/e.json", "notes.txt"}) {
        fs::create_directories((tree / file).parent_path());
        dlm_test::write_all(tree / file, "{}");
    }
    std::vector<std::string> visited;
    for (const dlm_cli::walk_entry& entry : dlm_cli::walk_directory(tree.path())) {
        visited.push_back(fs::relative(entry.path, tree.path()).string());
    }
    CHECK(visited == std::vector<std::string>{"a.json", "b/a.json", "b/z.json", "c/d/e.json", "m.json"});
}

}  // namespace dlm_test_cli_walk
