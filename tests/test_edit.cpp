// dlm::apply_patch_to_text, dlm::diff, dlm::write_model_to_text and upgrade_text's output: edits that keep the file.
#include <dlm/edit.hpp>

#include <dlm/error.hpp>
#include <dlm/parse.hpp>
#include <dlm/patch.hpp>
#include <dlm/stac.hpp>
#include <dlm/upgrade.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "fuzz/edit_one.hpp"
#include "test_data.hpp"

namespace dlm_test_edit {  // each test file has a namespace of its own: the runner is a unity build

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

/// The lines of `text`, each without its line break ("\n"; a "\r" before it stays part of the line).
std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            out.push_back(text.substr(start));
            break;
        }
        out.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

/// A line diff by longest common subsequence: the 1-based numbers of the lines of `before` that are not kept in
/// `after` (changed or removed), and how many lines of `after` are new.
struct line_diff {
    std::set<std::size_t> removed;
    std::size_t added = 0;
};

line_diff diff_lines(const std::string& before, const std::string& after) {
    const std::vector<std::string> a = lines_of(before);
    const std::vector<std::string> b = lines_of(after);
    std::vector<std::vector<std::size_t>> lcs(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
    for (std::size_t i = a.size(); i-- > 0;) {
        for (std::size_t j = b.size(); j-- > 0;) {
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
        }
    }
    line_diff out;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && j < b.size() && a[i] == b[j]) {
            ++i;
            ++j;
        } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
            ++out.added;
            ++j;
        } else {
            out.removed.insert(i + 1);
            ++i;
        }
    }
    return out;
}

/// The 1-based line of byte `at`.
std::size_t line_of(const std::string& text, std::size_t at) {
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n')) + 1;
}

/// The lines of `text` that an upgrade may touch: for each change, the lines of the member or element at its
/// (original) pointer; and where removals leave a member last in its container, the line of its comma. A
/// replaced container may keep its first and last lines (`"key": [` and `]`), so the diff is checked to lie within
/// these lines and to touch every change.
std::set<std::size_t> member_lines(const std::string& text, const std::vector<dlm::change>& changes) {
    using dlm::detail::no_node;
    const dlm::detail::text_index index = dlm::detail::index_text(text, dlm::limits{});
    std::set<std::size_t> out;
    std::set<std::size_t> removed;
    for (const dlm::change& c : changes) {
        const std::vector<std::string> tokens = dlm::detail::pointer_tokens(c.pointer);
        const std::size_t id = dlm::detail::resolve(index, text, tokens, tokens.size());
        REQUIRE(id != no_node);
        const dlm::detail::text_node& n = index.nodes[id];
        for (std::size_t line = line_of(text, n.start()); line <= line_of(text, n.end); ++line) out.insert(line);
        if (c.description.rfind("removed", 0) == 0) removed.insert(id);
    }
    for (const std::size_t id : removed) {
        bool last = true;
        for (std::size_t next = index.nodes[id].next_sibling; next != no_node; next = index.nodes[next].next_sibling) {
            last = last && removed.count(next) == 1;
        }
        std::size_t kept = index.nodes[id].previous_sibling;
        while (kept != no_node && removed.count(kept) == 1) kept = index.nodes[kept].previous_sibling;
        if (last && kept != no_node) out.insert(line_of(text, index.nodes[kept].end));
    }
    return out;
}

std::string apply_text(const std::string& text, const dlm::patch& changes) {
    return dlm::apply_patch_to_text(text, changes);
}

dlm::patch one(dlm::patch_op op, const std::string& path, json value = nullptr, const std::string& from = "") {
    return {{op, path, from, std::move(value), "test"}};
}

/// Every .json file under tests/data.
std::vector<fs::path> data_files() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(dlm_test::data_dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".json") out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("apply_patch_to_text: every derived patch on every document in tests/data reads as apply_patch gives",
          "[edit][data]") {
    const std::vector<fs::path> files = data_files();
    REQUIRE(files.size() > 20);
    std::size_t documents = 0;
    for (const fs::path& file : files) {
        CAPTURE(file.string());
        const std::string text = dlm_test::read_text(file);
        if (dlm::parse(text).ok()) ++documents;
        dlm_fuzz::edit_one(text, 10);  // aborts on a violated invariant
    }
    CHECK(documents > 20);
}

TEST_CASE("apply_patch_to_text: every input a fuzzer crashed on runs through the fuzz_edit checks", "[edit][hostile]") {
    const fs::path crashes = fs::path(DLM_TEST_DATA_DIR).parent_path() / "fuzz" / "crashes";
    for (const auto& entry : fs::directory_iterator(crashes)) {
        if (!entry.is_regular_file()) continue;
        CAPTURE(entry.path().filename().string());
        dlm_fuzz::edit_one(dlm_test::read_text(entry.path()));
    }
}

TEST_CASE("apply_patch_to_text: a replaced value changes only its own bytes", "[edit]") {
    const std::string text = "{\n  \"a\": 1.10,\n  \"b\": \"caf\\u00e9 \\/ x\",\n  \"c\": 1e2,\n  \"d\": [1, 2]\n}\n";
    CHECK(apply_text(text, one(dlm::patch_op::replace, "/c", 5)) ==
          "{\n  \"a\": 1.10,\n  \"b\": \"caf\\u00e9 \\/ x\",\n  \"c\": 5,\n  \"d\": [1, 2]\n}\n");
    CHECK(apply_text(text, one(dlm::patch_op::replace, "/d/1", "two")) ==
          "{\n  \"a\": 1.10,\n  \"b\": \"caf\\u00e9 \\/ x\",\n  \"c\": 1e2,\n  \"d\": [1, \"two\"]\n}\n");
    CHECK(apply_text(text, one(dlm::patch_op::replace, "", json::array())) == "[]\n");
}

TEST_CASE("apply_patch_to_text: removing a member takes its line and the right comma", "[edit]") {
    const std::string text = "{\n  \"a\": 1,\n  \"b\": 2,\n  \"c\": 3\n}";
    CHECK(apply_text(text, one(dlm::patch_op::remove, "/a")) == "{\n  \"b\": 2,\n  \"c\": 3\n}");
    CHECK(apply_text(text, one(dlm::patch_op::remove, "/b")) == "{\n  \"a\": 1,\n  \"c\": 3\n}");
    CHECK(apply_text(text, one(dlm::patch_op::remove, "/c")) == "{\n  \"a\": 1,\n  \"b\": 2\n}");
    CHECK(apply_text("{\"x\": {\"only\": true}, \"y\": 0}", one(dlm::patch_op::remove, "/x/only")) == "{\"x\": {}, \"y\": 0}");
    CHECK(apply_text("[1, 2, 3]", one(dlm::patch_op::remove, "/1")) == "[1, 3]");
    CHECK(apply_text("[1, 2, 3]", one(dlm::patch_op::remove, "/2")) == "[1, 2]");
    CHECK(apply_text("[\n  1,\n  2\n]", one(dlm::patch_op::remove, "/0")) == "[\n  2\n]");
}

TEST_CASE("apply_patch_to_text: added members and elements follow the layout around them", "[edit]") {
    SECTION("two-space indentation, a nested object") {
        const std::string text = "{\n  \"a\": {\n    \"b\": 1\n  }\n}\n";
        CHECK(apply_text(text, one(dlm::patch_op::add, "/a/c", json{{"d", json::array({1, 2})}})) ==
              "{\n  \"a\": {\n    \"b\": 1,\n    \"c\": {\n      \"d\": [\n        1,\n        2\n      ]\n    }\n  }\n}\n");
    }
    SECTION("scalar arrays stay on one line where the text writes them so") {
        const std::string text = "{\n  \"a\": [0, 1],\n  \"b\": {\n    \"c\": 1\n  }\n}";
        CHECK(apply_text(text, one(dlm::patch_op::add, "/b/d", json{{"e", json::array({1, 2})}})) ==
              "{\n  \"a\": [0, 1],\n  \"b\": {\n    \"c\": 1,\n    \"d\": {\n      \"e\": [1, 2]\n    }\n  }\n}");
    }
    SECTION("tabs") {
        const std::string text = "{\n\t\"a\": {\n\t\t\"b\": 1\n\t}\n}";
        CHECK(apply_text(text, one(dlm::patch_op::add, "/a/c", json{{"d", 2}})) ==
              "{\n\t\"a\": {\n\t\t\"b\": 1,\n\t\t\"c\": {\n\t\t\t\"d\": 2\n\t\t}\n\t}\n}");
    }
    SECTION("CRLF line breaks") {
        const std::string text = "{\r\n    \"a\": 1\r\n}\r\n";
        CHECK(apply_text(text, one(dlm::patch_op::add, "/b", json{{"c", true}})) ==
              "{\r\n    \"a\": 1,\r\n    \"b\": {\r\n        \"c\": true\r\n    }\r\n}\r\n");
        CHECK(apply_text(text, one(dlm::patch_op::remove, "/a")) == "{}\r\n");
    }
    SECTION("a compact file stays compact, with its own separators") {
        CHECK(apply_text("{\"a\":1,\"b\":{\"c\":2}}", one(dlm::patch_op::add, "/b/d", json{{"e", json::array({1})}})) ==
              "{\"a\":1,\"b\":{\"c\":2,\"d\":{\"e\":[1]}}}");
        CHECK(apply_text("{\"a\": [1, 2]}", one(dlm::patch_op::add, "/a/1", "x")) == "{\"a\": [1, \"x\", 2]}");
        CHECK(apply_text("{\"a\": [1, 2]}", one(dlm::patch_op::add, "/a/-", 3)) == "{\"a\": [1, 2, 3]}");
        CHECK(apply_text("{\"a\": []}", one(dlm::patch_op::add, "/a/0", 3)) == "{\"a\": [3]}");
    }
    SECTION("an element inserted into a multi-line array gets a line of its own") {
        CHECK(apply_text("[\n  1,\n  2\n]", one(dlm::patch_op::add, "/1", "x")) == "[\n  1,\n  \"x\",\n  2\n]");
        CHECK(apply_text("[\n  1,\n  2\n]", one(dlm::patch_op::add, "/0", "x")) == "[\n  \"x\",\n  1,\n  2\n]");
        CHECK(apply_text("[\n  1,\n  2\n]", one(dlm::patch_op::add, "/-", "x")) == "[\n  1,\n  2,\n  \"x\"\n]");
    }
    SECTION("an empty object in a multi-line document opens up") {
        CHECK(apply_text("{\n  \"a\": {}\n}", one(dlm::patch_op::add, "/a/b", 1)) == "{\n  \"a\": {\n    \"b\": 1\n  }\n}");
    }
}

TEST_CASE("apply_patch_to_text: a move within an object renames the member where it stands", "[edit]") {
    const std::string text = "{\n  \"dtype\": \"uint8\",\n  \"nodata\": 0\n}";
    CHECK(apply_text(text, one(dlm::patch_op::move, "/data_type", nullptr, "/dtype")) ==
          "{\n  \"data_type\": \"uint8\",\n  \"nodata\": 0\n}");
    // onto an existing member: that member goes, the moved one keeps its place
    CHECK(apply_text(text, one(dlm::patch_op::move, "/nodata", nullptr, "/dtype")) == "{\n  \"nodata\": \"uint8\"\n}");
    // elsewhere: removed here, added there with its own text (literals kept)
    CHECK(apply_text("{\"a\": {\"x\": 1.10}, \"b\": {}}", one(dlm::patch_op::move, "/b/y", nullptr, "/a/x")) ==
          "{\"a\": {}, \"b\": {\"y\": 1.10}}");
    CHECK(apply_text("{\"a\": [1e2, 2]}", one(dlm::patch_op::copy, "/a/-", nullptr, "/a/0")) == "{\"a\": [1e2, 2, 1e2]}");
}

TEST_CASE("apply_patch_to_text: many operations across the values of a large document", "[edit]") {
    std::string text = "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [";
    for (int i = 0; i < 6; ++i) {
        text += std::string(i == 0 ? "" : ",") + "\n    {\n      \"id\": \"f" + std::to_string(i) +
                "\",\n      \"properties\": {\"a\": 1.10, \"b\": [1, 2]}\n    }";
    }
    text += "\n  ]\n}\n";
    const dlm::patch changes = {
        {dlm::patch_op::move, "/features/1/properties/c", "/features/1/properties/a", nullptr, "rename in one value"},
        {dlm::patch_op::replace, "/features/3/id", "", "g3", "another value"},
        {dlm::patch_op::add, "/features/1/properties/b/-", "", 3, "back to the first one"},
        {dlm::patch_op::remove, "/features/4", "", nullptr, "the array itself: the whole text"},
        {dlm::patch_op::add, "/features/4/properties/d", "", json{{"e", 1}}, "was /features/5"},
        {dlm::patch_op::copy, "/features/0/properties/a2", "/features/0/properties/a", nullptr, "copy keeps 1.10"},
        {dlm::patch_op::move, "/features/0/properties/x", "/features/2/properties/a", nullptr, "across values"},
        {dlm::patch_op::test, "/features/0/properties/x", "", 1.1, "test"},
    };
    const std::string edited = dlm::apply_patch_to_text(text, changes);
    json expected = *dlm::parse(text).document;
    dlm::apply_patch(expected, changes);
    CHECK(*dlm::parse(edited).document == expected);
    CHECK(edited.find("\"a2\": 1.10") != std::string::npos);
    CHECK(edited.find("\"x\": 1.10") != std::string::npos);
    const line_diff d = diff_lines(text, edited);
    CHECK(d.removed.size() == 9);  // the properties of f0, f1, f2 and f5, the id of f3, the four lines of f4
}

TEST_CASE("apply_patch_to_text: keys with escapes are found and written", "[edit]") {
    const std::string text = "{\"a\\/b\": 1, \"caf\\u00e9\": 2, \"t~x\": 3}";
    CHECK(apply_text(text, one(dlm::patch_op::replace, "/a~1b", 9)) == "{\"a\\/b\": 9, \"caf\\u00e9\": 2, \"t~x\": 3}");
    CHECK(apply_text(text, one(dlm::patch_op::remove, "/caf\u00e9")) == "{\"a\\/b\": 1, \"t~x\": 3}");
    CHECK(apply_text(text, one(dlm::patch_op::replace, "/t~0x", "\u00e9\"")) == "{\"a\\/b\": 1, \"caf\\u00e9\": 2, \"t~x\": \"\u00e9\\\"\"}");
}

TEST_CASE("apply_patch_to_text: all or nothing, dlm::error naming the operation", "[edit]") {
    const std::string text = "{\"a\": 1}";
    dlm::patch changes = one(dlm::patch_op::replace, "/a", 2);
    changes.push_back({dlm::patch_op::remove, "/missing", "", nullptr, "test"});
    try {
        (void)dlm::apply_patch_to_text(text, changes);
        FAIL("no exception");
    } catch (const dlm::error& e) {
        CHECK(e.pointer() == "/missing");
    }
    const dlm::patch failing_test = {{dlm::patch_op::test, "/a", "", 3, "test"}};
    CHECK_THROWS_AS(dlm::apply_patch_to_text(text, failing_test), dlm::error);
    CHECK(dlm::apply_patch_to_text(text, {}) == text);
}

TEST_CASE("apply_patch_to_text: hostile text and values give dlm::error, never a crash", "[edit][hostile]") {
    const dlm::patch replace_a = one(dlm::patch_op::replace, "/a", 1);
    for (const std::string& text : {std::string(), std::string("{\"a\": 1"), std::string("{\"a\": 1} x"),
                                    std::string("{\"a\": 1, \"a\": 2}"), std::string("{\"a\": 1, // c\n}"),
                                    std::string(100000, '[') + std::string(100000, ']'),
                                    std::string("{\"a\": \"\xc3\x28\"}")}) {
        CAPTURE(text.substr(0, 40));
        CHECK_THROWS_AS(dlm::apply_patch_to_text(text, replace_a), dlm::error);
    }
    dlm::limits small;
    small.max_bytes = 10;
    CHECK_THROWS_AS(dlm::apply_patch_to_text("{\"a\": 1, \"b\": 2}", replace_a, small), dlm::error);

    json deep = nullptr;  // deeper than the limit, shallow enough for nlohmann's recursive copy
    for (int i = 0; i < 1000; ++i) {
        json outer = json::array();
        outer.push_back(std::move(deep));
        deep = std::move(outer);
    }
    CHECK_THROWS_AS(dlm::apply_patch_to_text("{\"a\": 1}", one(dlm::patch_op::replace, "/a", std::move(deep))), dlm::error);
    CHECK_THROWS_AS(dlm::apply_patch_to_text("{\"a\": 1}", one(dlm::patch_op::replace, "/a", std::nan(""))), dlm::error);
    CHECK_THROWS_AS(dlm::apply_patch_to_text("{\"a\": 1}", one(dlm::patch_op::replace, "/a", "\xff")), dlm::error);
    // the edit would pass the depth limit
    dlm::limits shallow;
    shallow.max_depth = 2;
    CHECK_THROWS_AS(dlm::apply_patch_to_text("{\"a\": [1]}", one(dlm::patch_op::replace, "/a/0", json::array({1})), shallow),
                    dlm::error);
}

TEST_CASE("diff: the fewest writes, and applying it gives the target", "[edit]") {
    const json from = json::parse(R"({"a": 1, "b": {"c": [1, 2, 3], "d": "x"}, "e": [1]})");
    const json to = json::parse(R"({"a": 1, "b": {"c": [1, 5], "d": "x", "f": null}, "e": {"k": 1}})");
    const dlm::patch changes = dlm::diff(from, to, "why");
    CHECK(dlm::patch_to_json(changes) == json::parse(R"([
        {"op": "replace", "path": "/b/c/1", "value": 5, "reason": "why"},
        {"op": "remove", "path": "/b/c/2", "reason": "why"},
        {"op": "add", "path": "/b/f", "value": null, "reason": "why"},
        {"op": "replace", "path": "/e", "value": {"k": 1}, "reason": "why"}])"));
    json patched = from;
    dlm::apply_patch(patched, changes);
    CHECK(patched == to);
    CHECK(dlm::diff(from, from, "why").empty());
}

TEST_CASE("write_model_to_text: one changed field of dlm:runtime is a one-line diff", "[edit][stac]") {
    for (const char* name : {"model/item_full.json", "valid/collection-yolov5-aircraft-detection.json",
                             "valid/item-canopy-height-regression.json"}) {
        CAPTURE(name);
        const std::string text = dlm_test::read_text(dlm_test::data_dir / name);
        dlm::model m = dlm::read_model(*dlm::parse(text).document);
        CHECK(dlm::write_model_to_text(text, m) == text);  // nothing changed, nothing written

        m.runtime.version = m.runtime.version + ".post1";
        const std::string edited = dlm::write_model_to_text(text, m);
        const line_diff d = diff_lines(text, edited);
        CHECK(d.removed.size() == 1);
        CHECK(d.added == 1);
        CHECK(dlm::read_model(*dlm::parse(edited).document).runtime.version == m.runtime.version);
    }
}

TEST_CASE("upgrade: the patch applied to the input document gives the upgraded document", "[edit][upgrade]") {
    for (const auto& entry : fs::directory_iterator(dlm_test::data_dir / "legacy")) {
        const std::string name = entry.path().filename().string();
        if (name.find(".expected.") != std::string::npos) continue;
        CAPTURE(name);
        const std::string text = dlm_test::read_text(entry.path());
        const json original = *dlm::parse(text).document;
        const dlm::upgrade_result upgraded = dlm::upgrade(original);
        REQUIRE(upgraded.patch.size() == upgraded.changes.size());
        for (std::size_t i = 0; i < upgraded.patch.size(); ++i) CHECK(upgraded.patch[i].reason == upgraded.changes[i].description);
        json patched = original;
        dlm::apply_patch(patched, upgraded.patch);
        CHECK(patched == upgraded.document);
        CHECK(upgraded.text.empty());
    }
}

TEST_CASE("upgrade_text: the lines that differ are exactly the lines of the members that changed", "[edit][upgrade][data]") {
    std::vector<fs::path> inputs;
    for (const char* folder : {"legacy", "cli"}) {
        for (const auto& entry : fs::directory_iterator(dlm_test::data_dir / folder)) {
            const std::string name = entry.path().filename().string();
            if (entry.path().extension() == ".json" && name.find(".expected.") == std::string::npos) {
                inputs.push_back(entry.path());
            }
        }
    }
    std::sort(inputs.begin(), inputs.end());
    std::size_t upgraded_files = 0;
    for (const fs::path& input : inputs) {
        CAPTURE(input.filename().string());
        const std::string text = dlm_test::read_text(input);
        if (!dlm::parse(text).ok()) continue;  // not-json.json
        const dlm::upgrade_result upgraded = dlm::upgrade_text(text);
        CHECK(*dlm::parse(upgraded.text).document == upgraded.document);
        const line_diff d = diff_lines(text, upgraded.text);
        const std::set<std::size_t> allowed = member_lines(text, upgraded.changes);
        for (const std::size_t line : d.removed) {
            CAPTURE(line);
            CHECK(allowed.count(line) == 1);  // no line outside the changed members differs
        }
        for (const dlm::change& c : upgraded.changes) {  // and every change shows
            CAPTURE(c.pointer);
            const std::set<std::size_t> own = member_lines(text, {c});
            CHECK(std::any_of(own.begin(), own.end(), [&](std::size_t line) { return d.removed.count(line) == 1; }));
        }
        if (upgraded.changes.empty()) {
            CHECK(upgraded.text == text);
        } else {
            ++upgraded_files;
        }
        const fs::path expected = input.parent_path() / (input.stem().string() + ".expected.json");
        if (fs::exists(expected)) CHECK(upgraded.document == dlm_test::read_json(expected));
    }
    CHECK(upgraded_files >= 12);
}

TEST_CASE("upgrade_text: a rename keeps the member's place, a numeric version keeps its digits", "[edit][upgrade]") {
    const std::string text = "{\"type\": \"Feature\", \"properties\": {\"dlm:data\": {\"process_level\": \"L1\", "
                             "\"dtype\": \"uint8\", \"number_of_bands\": 3},\n  \"dlm:runtime\": {\"framework_version\": 1.10, "
                             "\"framework\": \"x\"}}}";
    const dlm::upgrade_result upgraded = dlm::upgrade_text(text);
    CHECK(upgraded.text ==
          "{\"type\": \"Feature\", \"properties\": {\"dlm:data\": {\"process_level\": \"L1\", "
          "\"data_type\": \"uint8\", \"number_of_bands\": 3},\n  \"dlm:runtime\": {\"version\": \"1.10\", "
          "\"framework\": \"x\"}}}");
}

}  // namespace dlm_test_edit
