// dlm/rules.hpp: every rule id the library or the tool can report is a named constant, and the README's rule table
// documents each of them (a user looks a rule id up there).

#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

#include <dlm/rules.hpp>

#include "test_data.hpp"

namespace dlm_test_rules {  // each test file has a namespace of its own: the runner is a unity build

using dlm_test::data_dir;
using dlm_test::read_text;

/// The values of the `inline constexpr char NAME[] = "VALUE";` constants of include/dlm/rules.hpp.
std::set<std::string> rule_ids() {
    const std::string header = read_text(data_dir.parent_path().parent_path() / "include/dlm/rules.hpp");
    const std::regex constant(R"re(inline constexpr char [a-z0-9_]+\[\] = "([^"]+)";)re");
    std::set<std::string> ids;
    for (auto it = std::sregex_iterator(header.begin(), header.end(), constant); it != std::sregex_iterator(); ++it)
        ids.insert((*it)[1].str());
    return ids;
}

TEST_CASE("the README's rule table documents every rule id", "[rules]") {
    const std::set<std::string> ids = rule_ids();
    REQUIRE(ids.size() > 50);
    CHECK(ids.count(dlm::rules::input_unreadable) == 1);
    CHECK(ids.count(dlm::rules::input_findings_truncated) == 1);
    const std::string readme = read_text(data_dir.parent_path().parent_path() / "README.md");
    REQUIRE_FALSE(readme.empty());
    for (const std::string& id : ids) {
        INFO(id);
        // A table row names it in its first column: "| `ID` |", or among several ids of one row.
        const bool in_a_row = readme.find("| `" + id + "`") != std::string::npos ||
                              readme.find(", `" + id + "`") != std::string::npos;
        CHECK(in_a_row);
    }
}

}  // namespace dlm_test_rules
