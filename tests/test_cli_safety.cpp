// Runs the built `dlm` tool against hostile catalogs and environments: links that leave the tree, files that are
// not regular files, control characters in names, write targets that are not regular files, full disks, inputs
// past the size limit, deep trees, thread limits. Everything happens inside temporary directories.
#ifdef DLM_CLI_PATH

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cli_runner.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

namespace dlm_test_cli_safety {  // each test file has a namespace of its own: the runner is a unity build

namespace fs = std::filesystem;

using dlm_test::quote;
using dlm_test::read_all;
using dlm_test::run_dlm;
using dlm_test::run_result;
using dlm_test::temp_dir;
using dlm_test::write_all;

namespace {

const fs::path data_dir = DLM_TEST_DATA_DIR;
const fs::path tree = data_dir / "cli" / "tree";
const fs::path model_item = tree / "items" / "model-item.json";
const fs::path legacy_item = data_dir / "cli" / "legacy-fixable.json";

std::string q(const fs::path& path) { return quote(path.string()); }

std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> out;
    std::size_t start = 0;
    for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1) {
        out.push_back(nlohmann::json::parse(text.substr(start, end - start)));
    }
    // `validate --format json` closes with a summary line that counts the lines before it.
    if (!out.empty() && out.back().contains("summary")) {
        CHECK(out.back()["summary"]["documents"] == out.size() - 1);
        out.pop_back();
    }
    return out;
}

const nlohmann::json* result_for(const std::vector<nlohmann::json>& results, const std::string& path) {
    for (const auto& r : results) {
        if (r["path"] == path) return &r;
    }
    return nullptr;
}

std::string first_rule(const nlohmann::json& result) {
    return result["errors"].empty() ? std::string() : result["errors"][0]["rule"].get<std::string>();
}

nlohmann::json catalog(const std::vector<std::string>& hrefs) {
    nlohmann::json links = nlohmann::json::array();
    for (const auto& href : hrefs) links.push_back({{"rel", "child"}, {"href", href}});
    return {{"type", "Catalog"}, {"stac_version", "1.0.0"}, {"id", "c"}, {"description", "d"}, {"links", links}};
}

bool has_temporary_files(const fs::path& directory) {
    for (const auto& entry : fs::directory_iterator(directory)) {
        if (entry.path().filename().string().find(".dlm-") != std::string::npos) return true;
    }
    return false;
}

/// The prefix that makes /usr/bin/time print the peak resident set of `dlm` on its standard error, when present.
const std::string peak_prefix = fs::exists("/usr/bin/time") ? "/usr/bin/time -f 'peak-kib=%M' " : "";

/// False when the tool runs under AddressSanitizer, whose shadow memory and quarantine make its resident set say
/// nothing about what the tool itself holds: the memory bounds are then not checked.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool memory_is_measured = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool memory_is_measured = false;
#else
constexpr bool memory_is_measured = true;
#endif
#else
constexpr bool memory_is_measured = true;
#endif

/// The peak resident set, in KiB, that `peak_prefix` printed (0 when it did not).
long peak_kib(const run_result& r) {
    const auto at = r.err.rfind("peak-kib=");
    return at == std::string::npos ? 0 : std::stol(r.err.substr(at + 9));
}

}  // namespace

TEST_CASE("validate --links reads nothing outside the tree of the named paths", "[cli][cli-safety]") {
    const temp_dir dir;
    fs::create_directories(dir / "cat" / "items");
    const std::string secret = "SECRET-TOKEN=hunter2 this is not JSON\n";
    write_all(dir / "secret.json", secret);
    fs::copy_file(model_item, dir / "cat" / "items" / "item.json");
    write_all(dir / "other-secret.json", secret);
    fs::create_symlink("../../other-secret.json", dir / "cat" / "items" / "evil.json");
    const std::string absolute = (dir / "secret.json").string();
    write_all(dir / "cat" / "catalog.json",
              catalog({"items/item.json", "../secret.json", "%2e%2e/secret.json", "items/%2E%2E/%2e%2e/secret.json",
                       absolute, "file://" + absolute, "file://localhost" + absolute, "items/evil.json",
                       "https://example.org/remote.json", "s3://bucket/x.json"})
                  .dump());

    const auto r = run_dlm("validate --links --format json " + q(dir / "cat" / "catalog.json"));
    INFO(r.out << r.err);
    CHECK(r.out.find("SECRET") == std::string::npos);
    CHECK(r.err.find("SECRET") == std::string::npos);
    CHECK(r.status == 2);
    const auto results = json_lines(r.out);
    const auto* item = result_for(results, (dir / "cat" / "items" / "item.json").string());
    REQUIRE(item);
    CHECK((*item)["valid"] == true);
    std::size_t outside = 0;
    for (const auto& result : results) {
        if (first_rule(result) == "input.outside-root") ++outside;
    }
    CHECK(outside == 2);  // every spelling of secret.json is one file, reported once; and evil.json
    const auto* evil = result_for(results, (dir / "cat" / "items" / "evil.json").string());
    REQUIRE(evil);
    CHECK(first_rule(*evil) == "input.outside-root");
    CHECK(r.err.find("2 links with a URI scheme") != std::string::npos);

    SECTION("--root widens the tree; a file that is not JSON is reported without quoting it") {
        const auto widened = run_dlm("validate --links --format json --root " + q(dir.path()) + " " +
                                     q(dir / "cat" / "catalog.json"));
        INFO(widened.out);
        CHECK(widened.out.find("SECRET") == std::string::npos);
        CHECK(widened.out.find("hunter2") == std::string::npos);
        const auto widened_results = json_lines(widened.out);
        bool syntax_reported = false;
        for (const auto& result : widened_results) syntax_reported = syntax_reported || first_rule(result) == "input.syntax";
        CHECK(syntax_reported);
    }
}

TEST_CASE("validate reads only regular files: devices and FIFOs are refused, the run goes on", "[cli][cli-safety]") {
    const temp_dir dir;
    REQUIRE(::mkfifo((dir / "fifo.json").c_str(), 0600) == 0);
    fs::copy_file(model_item, dir / "valid.json");
    const auto start = std::chrono::steady_clock::now();
    const auto r = run_dlm("validate --format json /dev/zero /dev/urandom " + q(dir / "fifo.json") + " " +
                               q(dir / "valid.json"),
                           "/dev/null", "", "timeout 60 ");
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(30));
    INFO(r.out << r.err);
    CHECK(r.status == 2);
    const auto results = json_lines(r.out);
    REQUIRE(results.size() == 4);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(first_rule(results[i]) == "input.unreadable");
        CHECK(results[i]["errors"][0]["message"].get<std::string>().find("not a regular file") != std::string::npos);
    }
    CHECK(results[3]["valid"] == true);

    SECTION("through links too") {
        write_all(dir / "catalog.json", catalog({"/dev/zero", "fifo.json", "valid.json"}).dump());
        const auto linked = run_dlm("validate --links --root / --format json " + q(dir / "catalog.json"), "/dev/null", "",
                                    "timeout 60 ");
        INFO(linked.out);
        const auto linked_results = json_lines(linked.out);
        REQUIRE(linked_results.size() == 4);
        CHECK(first_rule(linked_results[1]) == "input.unreadable");
        CHECK(first_rule(linked_results[2]) == "input.unreadable");
        CHECK(linked_results[3]["valid"] == true);
    }
}

TEST_CASE("directory walks report dangling and looping *.json symbolic links", "[cli][cli-safety]") {
    const temp_dir dir;
    fs::copy_file(model_item, dir / "a-valid.json");
    fs::create_symlink(dir / "missing.json", dir / "b-dangling.json");
    fs::create_symlink(dir / "c-loop.json", dir / "c-loop.json");
    REQUIRE(::mkfifo((dir / "d-fifo.json").c_str(), 0600) == 0);
    const auto r = run_dlm("validate --format json " + q(dir.path()), "/dev/null", "", "timeout 60 ");
    INFO(r.out);
    CHECK(r.status == 2);
    const auto results = json_lines(r.out);
    REQUIRE(results.size() == 4);
    CHECK(results[0]["valid"] == true);
    CHECK(first_rule(results[1]) == "input.unreadable");
    CHECK(results[1]["errors"][0]["message"].get<std::string>().find("dangling") != std::string::npos);
    CHECK(first_rule(results[2]) == "input.unreadable");
    CHECK(results[2]["errors"][0]["message"].get<std::string>().find("loop") != std::string::npos);
    CHECK(first_rule(results[3]) == "input.unreadable");
}

TEST_CASE("text output escapes control characters in file names, member names and info fields", "[cli][cli-safety]") {
    const temp_dir dir;
    const std::string name = "evil\x1b[32mvalid\rname\n.json";
    nlohmann::json item = nlohmann::json::parse(read_all(model_item));
    item["properties"]["dlm:runtime"]["docker"]["image_name"] = "img\x1b]0;title\x07";
    item["properties"]["dlm:runtime"]["docker"]["run"] = "safe\rrm -rf /\x1b[2K";
    write_all(dir / name, item.dump());
    nlohmann::json bad = item;
    bad["properties"]["dlm:x\x1b[31my\nz"] = 1;  // an unknown dlm: field: reported at its pointer
    write_all(dir / "bad.json", bad.dump());

    const auto v = run_dlm("validate " + q(dir / name) + " " + q(dir / "bad.json"));
    INFO(v.out);
    CHECK(v.out.find('\x1b') == std::string::npos);
    CHECK(v.out.find('\r') == std::string::npos);
    CHECK(v.out.find("\\u001b[32mvalid\\rname\\n.json") != std::string::npos);
    CHECK(v.out.find("x\\u001b[31my\\nz") != std::string::npos);

    const auto info = run_dlm("info " + q(dir / name));
    INFO(info.out << info.err);
    REQUIRE(info.status == 0);
    CHECK(info.out.find('\x1b') == std::string::npos);
    CHECK(info.out.find('\r') == std::string::npos);
    CHECK(info.out.find('\x07') == std::string::npos);
    CHECK(info.out.find("safe\\rrm -rf /\\u001b[2K") != std::string::npos);
}

TEST_CASE("upgrade writes only over regular files", "[cli][cli-safety]") {
    const temp_dir dir;
    SECTION("a FIFO, a directory: refused, left as they are") {
        REQUIRE(::mkfifo((dir / "fifo").c_str(), 0600) == 0);
        const auto fifo = run_dlm("upgrade -o " + q(dir / "fifo") + " " + q(legacy_item), "/dev/null", "", "timeout 60 ");
        CHECK(fifo.status == 2);
        CHECK(fifo.err.find("a FIFO, not a regular file") != std::string::npos);
        struct stat status {};
        REQUIRE(::lstat((dir / "fifo").c_str(), &status) == 0);
        CHECK(S_ISFIFO(status.st_mode));
        fs::create_directory(dir / "d");
        const auto directory = run_dlm("upgrade -o " + q(dir / "d") + " " + q(legacy_item));
        CHECK(directory.status == 2);
        CHECK(fs::is_directory(dir / "d"));
        CHECK_FALSE(has_temporary_files(dir.path()));
    }
    SECTION("a device node (a copy of /dev/null's, inside the temporary directory; root only)") {
        if (::geteuid() != 0) return;  // mknod needs privileges: nothing to check
        REQUIRE(::mknod((dir / "null").c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);
        const auto r = run_dlm("upgrade -o " + q(dir / "null") + " " + q(legacy_item));
        CHECK(r.status == 2);
        CHECK(r.err.find("character device") != std::string::npos);
        struct stat status {};
        REQUIRE(::lstat((dir / "null").c_str(), &status) == 0);
        CHECK(S_ISCHR(status.st_mode));
    }
    SECTION("-o - is standard output") {
        const auto r = run_dlm("upgrade -o - " + q(legacy_item));
        CHECK(r.status == 0);
        CHECK(nlohmann::json::accept(r.out));
        CHECK_FALSE(fs::exists("-"));
    }
}

TEST_CASE("upgrade --in-place keeps mode, owner, hard links; refuses read-only files; handles long names",
          "[cli][cli-safety]") {
    const temp_dir dir;
    const std::string legacy = read_all(legacy_item);
    SECTION("mode, owner and group are kept") {
        write_all(dir / "item.json", legacy);
        REQUIRE(::chmod((dir / "item.json").c_str(), 0640) == 0);
        const bool root = ::geteuid() == 0;
        if (root) REQUIRE(::chown((dir / "item.json").c_str(), 1, 1) == 0);
        const auto r = run_dlm("upgrade --in-place " + q(dir / "item.json"));
        INFO(r.err);
        CHECK(r.status == 0);
        struct stat status {};
        REQUIRE(::stat((dir / "item.json").c_str(), &status) == 0);
        CHECK((status.st_mode & 07777) == 0640);
        if (root) {
            CHECK(status.st_uid == 1);
            CHECK(status.st_gid == 1);
        }
        CHECK(read_all(dir / "item.json") != legacy);
        CHECK_FALSE(has_temporary_files(dir.path()));
    }
    SECTION("a hard-linked file is refused and nothing changes") {
        write_all(dir / "item.json", legacy);
        fs::create_hard_link(dir / "item.json", dir / "other.json");
        const auto r = run_dlm("upgrade --in-place " + q(dir / "item.json"));
        CHECK(r.status == 2);
        CHECK(r.err.find("hard links") != std::string::npos);
        CHECK(read_all(dir / "item.json") == legacy);
        CHECK(fs::hard_link_count(dir / "item.json") == 2);
        CHECK_FALSE(has_temporary_files(dir.path()));
    }
    SECTION("a read-only file is refused unless --force") {
        write_all(dir / "item.json", legacy);
        REQUIRE(::chmod((dir / "item.json").c_str(), 0444) == 0);
        const auto refused = run_dlm("upgrade --in-place " + q(dir / "item.json"));
        CHECK(refused.status == 2);
        CHECK(refused.err.find("read-only") != std::string::npos);
        CHECK(read_all(dir / "item.json") == legacy);
        const auto forced = run_dlm("upgrade --in-place --force " + q(dir / "item.json"));
        CHECK(forced.status == 0);
        CHECK(read_all(dir / "item.json") != legacy);
        struct stat status {};
        REQUIRE(::stat((dir / "item.json").c_str(), &status) == 0);
        CHECK((status.st_mode & 07777) == 0444);
    }
    SECTION("a name of NAME_MAX bytes") {
        const std::string name = std::string(250, 'n') + ".json";
        write_all(dir / name, legacy);
        const auto r = run_dlm("upgrade --in-place " + q(dir / name));
        INFO(r.err);
        CHECK(r.status == 0);
        CHECK(read_all(dir / name) != legacy);
        CHECK_FALSE(has_temporary_files(dir.path()));
    }
    SECTION("a temporary file left by a killed run is removed by the next; one in use is respected") {
        write_all(dir / "item.json", legacy);
        write_all(dir / ".item.json.dlm-tmp", "half-written");
        const auto r = run_dlm("upgrade --in-place " + q(dir / "item.json"));
        CHECK(r.status == 0);
        CHECK_FALSE(has_temporary_files(dir.path()));

        write_all(dir / "again.json", legacy);
        const int held = ::open((dir / ".again.json.dlm-tmp").c_str(), O_WRONLY | O_CREAT, 0600);
        REQUIRE(held >= 0);
        REQUIRE(::flock(held, LOCK_EX) == 0);
        const auto busy = run_dlm("upgrade --in-place " + q(dir / "again.json"));
        ::close(held);
        CHECK(busy.status == 2);
        CHECK(busy.err.find("another dlm is writing") != std::string::npos);
        CHECK(read_all(dir / "again.json") == legacy);
    }
}

TEST_CASE("errors writing standard output are errors", "[cli][cli-safety]") {
    const std::string item = q(model_item);
    for (const std::string& args : {"validate " + item, "validate --format json " + item, "upgrade " + q(legacy_item),
                                   "info " + item, std::string("--version")}) {
        INFO(args);
        const auto r = run_dlm(args, "/dev/null", "/dev/full");
        CHECK(r.status == 2);
        CHECK(r.err.find("cannot write to standard output") != std::string::npos);
    }
}

TEST_CASE("a document followed by a NUL byte and more is not valid", "[cli][cli-safety]") {
    const temp_dir dir;
    write_all(dir / "item.json", read_all(model_item) + std::string("\0garbage", 8));
    const auto v = run_dlm("validate --format json " + q(dir / "item.json"));
    CHECK(v.status == 2);
    const auto results = json_lines(v.out);
    REQUIRE(results.size() == 1);
    CHECK(first_rule(results[0]) == "input.syntax");
    write_all(dir / "legacy.json", read_all(legacy_item) + std::string("\0garbage", 8));
    const auto u = run_dlm("upgrade " + q(dir / "legacy.json"));
    CHECK(u.status == 2);
    CHECK(u.out.empty());
}

TEST_CASE("inputs past the size limit are refused while reading, in bounded memory", "[cli][cli-safety]") {
    const temp_dir dir;
    SECTION("a sparse file of 1 GiB") {
        {
            std::ofstream out(dir / "huge.json", std::ios::binary);
            out << "[";
        }
        fs::resize_file(dir / "huge.json", std::uintmax_t{1} << 30);
        const auto r = run_dlm("validate --format json " + q(dir / "huge.json"), "/dev/null", "", peak_prefix);
        CHECK(r.status == 2);
        const auto results = json_lines(r.out);
        REQUIRE(results.size() == 1);
        CHECK(first_rule(results[0]) == "input.too-large");
        if (memory_is_measured) CHECK(peak_kib(r) < 300 * 1024);
    }
    SECTION("a 200 MB line on standard input") {
        const auto r = run_dlm("validate --format json -", "", "",  // standard input from the pipe
                               "head -c 200000000 /dev/zero | tr '\\0' 'x' | " + peak_prefix);
        CHECK(r.status == 2);
        const auto results = json_lines(r.out);
        REQUIRE(results.size() == 1);
        CHECK(first_rule(results[0]) == "input.too-large");
        if (memory_is_measured) CHECK(peak_kib(r) < 150 * 1024);
    }
}

TEST_CASE("NDJSON of large lines at --jobs 1 holds a bounded number of bytes", "[cli][cli-safety]") {
    const temp_dir dir;
    {
        std::ofstream out(dir / "big.ndjson", std::ios::binary);
        const std::string filler(40u << 20, 'x');
        for (int i = 0; i < 8; ++i) out << "{\"type\": \"Feature\", \"big\": \"" << filler << "\"}\n";
    }
    const auto r = run_dlm("validate --jobs 1 --format json " + q(dir / "big.ndjson"), "/dev/null", "", peak_prefix);
    CHECK(r.status != 0);
    CHECK(json_lines(r.out).size() == 8);
    // One line being read, one in flight, one being parsed (its text, the lexer's token, the value): about 300 MB.
    // All 8 lines in flight (their buffers have 64 MB capacity) would be more than 500 MB alone.
    if (memory_is_measured) CHECK(peak_kib(r) < 450 * 1024);
}

TEST_CASE("validate --links follows a catalog tree 1,200 levels deep", "[cli][cli-safety]") {
    // How the time grows with the depth is measured outside the tests (a timed assertion would fail on a busy
    // machine or under the sanitizers); this checks that a deep tree is walked to its end.
    const temp_dir dir;
    fs::path level = dir.path();
    for (int i = 0; i < 1200; ++i) {
        write_all(level / "catalog.json", catalog({"d/catalog.json"}).dump());
        level /= "d";
        fs::create_directory(level);
    }
    write_all(level / "catalog.json", catalog({}).dump());
    const auto r = run_dlm("validate --links --format json --jobs 1 " + q(dir / "catalog.json"));
    CHECK(r.status == 0);
    CHECK(json_lines(r.out).size() == 1201);
}

TEST_CASE("a worker thread that cannot start is not fatal", "[cli][cli-safety]") {
    // Thread stacks of 1 GiB under a 1.5 GiB address space: at most one more thread can start. AddressSanitizer
    // reserves terabytes of shadow address space at start-up, so under it the tool cannot start at all: not run.
    if (!memory_is_measured) {
        WARN("not run under AddressSanitizer (its shadow memory needs more address space than the limit)");
        return;
    }
    const temp_dir dir;
    for (int i = 0; i < 6; ++i) fs::copy_file(model_item, dir / ("item-" + std::to_string(i) + ".json"));
    const auto r = run_dlm("validate --jobs 8 --format json " + q(dir.path()), "/dev/null", "",
                           "ulimit -s 1048576 && ulimit -v 1572864 && ");
    INFO(r.err);
    CHECK(r.status == 0);
    CHECK(json_lines(r.out).size() == 6);
}

/// Whether `result` has an error with `rule` at `pointer`.
bool has_error(const nlohmann::json& result, const std::string& rule, const std::string& pointer) {
    for (const auto& f : result["errors"]) {
        if (f["rule"] == rule && f["pointer"] == pointer) return true;
    }
    return false;
}

TEST_CASE("a broken link is reported on the linking document, at the link", "[cli][cli-safety]") {
    const temp_dir dir;
    fs::create_directories(dir / "items");
    fs::copy_file(model_item, dir / "items" / "item.json");
    write_all(dir / "catalog.json", R"({"type": "Catalog", "stac_version": "1.0.0", "id": "c", "description": "d",
        "links": [{"rel": "child", "href": "missing.json"}, {"rel": "item", "href": "items/item.json"},
                  {"rel": "item", "href": "gone/away.json"}]})");
    for (const std::string command : {"validate --links --format json ", "info --links --format json "}) {
        INFO(command);
        const auto r = run_dlm(command + q(dir / "catalog.json"));
        INFO(r.out << r.err);
        const auto results = json_lines(r.out);
        // No line of its own: it is no document.
        CHECK(result_for(results, (dir / "missing.json").string()) == nullptr);
        const auto* catalog = result_for(results, (dir / "catalog.json").string());
        REQUIRE(catalog != nullptr);
        CHECK(has_error(*catalog, "input.link-broken", "/links/0"));
        CHECK(has_error(*catalog, "input.link-broken", "/links/2"));
        CHECK_FALSE(has_error(*catalog, "input.link-broken", "/links/1"));
        CHECK(r.status == (command.rfind("validate", 0) == 0 ? 1 : 2));  // info: an invalid document is status 2
    }
    // The linked Item is still read and checked.
    const auto results = json_lines(run_dlm("validate --links --format json " + q(dir / "catalog.json")).out);
    const auto* item = result_for(results, (dir / "items" / "item.json").string());
    REQUIRE(item != nullptr);
    CHECK((*item)["valid"] == true);
}

TEST_CASE("validate with --assets: local asset hrefs must lead to files inside the tree, remote ones are left alone", "[cli][cli-safety]") {
    const temp_dir dir;
    fs::create_directories(dir / "catalog");
    nlohmann::json item = nlohmann::json::parse(read_all(model_item));
    item["assets"]["weights"] = {{"href", "weights/model%20v1.pt"}, {"roles", {"model"}}};
    item["assets"]["outside"] = {{"href", "../secret.pt"}};
    write_all(dir / "secret.pt", "x");
    write_all(dir / "catalog" / "item.json", item.dump(2));
    const std::string path = (dir / "catalog" / "item.json").string();

    const auto missing = run_dlm("validate --assets --format json " + q(path));
    INFO(missing.out << missing.err);
    CHECK(missing.status == 1);
    const auto results = json_lines(missing.out);
    REQUIRE(results.size() == 1);
    CHECK(has_error(results[0], "input.asset-missing", "/assets/weights/href"));
    // Outside the tree: not looked at, whether it exists or not.
    CHECK(has_error(results[0], "input.outside-root", "/assets/outside/href"));
    CHECK(results[0]["errors"].size() == 2);  // the https: assets are never fetched nor checked

    fs::create_directories(dir / "catalog" / "weights");
    write_all(dir / "catalog" / "weights" / "model v1.pt", "weights");
    const auto present = json_lines(run_dlm("validate --assets --format json " + q(path)).out);
    REQUIRE(present.size() == 1);
    CHECK_FALSE(has_error(present[0], "input.asset-missing", "/assets/weights/href"));
    const auto widened = json_lines(run_dlm("validate --assets --format json --root " + q(dir.path()) + " " + q(path)).out);
    REQUIRE(widened.size() == 1);
    CHECK(widened[0]["valid"] == true);

    // Without --assets, nothing is looked at.
    CHECK(run_dlm("validate " + q(path)).status == 0);
}

}  // namespace dlm_test_cli_safety

#endif  // DLM_CLI_PATH
