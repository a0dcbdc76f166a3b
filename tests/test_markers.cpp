// dlm/detail/schema/markers.hpp: the protocol between the bundler, dlm's keywords and the explainer.

#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include <dlm/detail/schema/markers.hpp>

namespace dlm_test_markers {  // each test file has a namespace of its own: the runner is a unity build

using namespace dlm::detail;

TEST_CASE("a marker entry reads back as the group, branch and count it was written with", "[markers]") {
    const std::string entry = branch_marker_entry(branch_label(12, 3), 40);
    CHECK(is_branch_marker_entry(entry));
    const std::optional<branch_marker> marker = parse_branch_marker_entry(entry);
    REQUIRE(marker);
    CHECK(marker->group == 12);
    CHECK(marker->branch == 3);
    CHECK(marker->entries_before == 40);
}

TEST_CASE("no finding message is taken for a marker", "[markers]") {
    CHECK_FALSE(parse_branch_marker_entry("1:2:3"));
    CHECK_FALSE(parse_branch_marker_entry(""));
    CHECK_FALSE(parse_branch_marker_entry(std::string(1, branch_marker_prefix) + "x"));
    CHECK(custom_keyword("pattern") == "x-dlm-pattern");
    CHECK(std::string(never_keyword).rfind(custom_keyword_prefix, 0) == 0);
    CHECK(std::string(branch_keyword).rfind(custom_keyword_prefix, 0) == 0);
}

}  // namespace dlm_test_markers
