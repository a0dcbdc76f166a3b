// libFuzzer target: the `dlm` tool's file handling (examples/cli/inputs.cpp, output.cpp) on random bytes:
// - the bytes as the hrefs of a catalog's links: every local target is absolute and lexically normal, and
//   `is_within` agrees with a plain component-by-component comparison against the base directory;
// - the bytes as a stream with a small byte limit: no document held is longer than the limit;
// - the bytes as a file name or a message: `printable` leaves no control character and yields valid UTF-8, and
//   `without_quoted_input` leaves no quoted input in a syntax message.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <dlm/detail/json/text.hpp>
#include <dlm/parse.hpp>

#include "fuzz_target.hpp"
#include "fuzz_checks.hpp"
#include "inputs.hpp"
#include "output.hpp"

namespace dlm_fuzz_cli_files {

namespace fs = std::filesystem;

void check_links(const std::string& bytes) {
    // Each line of the input is one href.
    nlohmann::json links = nlohmann::json::array();
    std::size_t start = 0;
    while (start <= bytes.size() && links.size() < 64) {
        const std::size_t end = std::min(bytes.find('\n', start), bytes.size());
        links.push_back({{"rel", (links.size() % 2) ? "item" : "child"}, {"href", bytes.substr(start, end - start)}});
        start = end + 1;
    }
    // The same hrefs as asset hrefs of an Item: resolved the same way, each at its asset's pointer.
    nlohmann::json assets = nlohmann::json::object();
    for (std::size_t i = 0; i < links.size(); ++i) assets["a/~" + std::to_string(i)] = {{"href", links[i]["href"]}};
    const nlohmann::json item = {{"type", "Feature"}, {"assets", assets}};
    const auto asset_files = dlm_cli::local_assets(item, "/base/dir");
    dlm_fuzz::require(asset_files.size() <= links.size(), "more asset files found than given");
    for (const auto& asset : asset_files) {
        dlm_fuzz::require(asset.path.is_absolute() && asset.path == asset.path.lexically_normal(),
                          "an asset file that is not absolute and normal");
        dlm_fuzz::require(asset.pointer.rfind("/assets/a~1~0", 0) == 0, "an asset pointer not escaped");
    }
    const nlohmann::json catalog = {{"type", "Catalog"}, {"links", links}};
    const fs::path base = "/base/dir";
    const dlm_cli::catalog_links found = dlm_cli::links_of(catalog, base);
    dlm_fuzz::require(found.local.size() + found.remote.size() <= links.size(), "more links found than given");
    for (const auto& link : found.local) {
        const fs::path& target = link.path;
        dlm_fuzz::require(link.pointer.rfind("/links/", 0) == 0, "a local link's pointer is not under /links");
        dlm_fuzz::require(target.is_absolute(), "a local link that is not absolute");
        dlm_fuzz::require(target == target.lexically_normal(), "a local link that is not lexically normal");
        bool prefix = true;
        auto t = target.begin();
        for (auto b = base.begin(); b != base.end(); ++b, ++t) {
            if (t == target.end() || *t != *b) {
                prefix = false;
                break;
            }
        }
        dlm_fuzz::require(dlm_cli::is_within(target, base) == prefix, "is_within disagrees with the components");
        for (const auto& part : target) dlm_fuzz::require(part != "..", "a '..' left in a normal absolute path");
    }
}

void check_stream(const std::string& bytes) {
    constexpr std::size_t limit = 64;
    std::istringstream in(bytes);
    std::size_t held = 0;
    dlm_cli::split_stream(
        in,
        [&](dlm_cli::stream_document document) {
            if (document.too_large) {
                dlm_fuzz::require(document.text.empty(), "a too-large document holds text");
                dlm_fuzz::require(document.size > limit, "a document reported too large is not");
            } else {
                dlm_fuzz::require(document.text.size() <= limit, "a document longer than the limit was held");
            }
            held += document.text.size();
        },
        limit);
    dlm_fuzz::require(held <= bytes.size() + 1, "more text held than the input has");
}

void check_text(const std::string& bytes) {
    const std::string shown = dlm_cli::printable(bytes);
    dlm_fuzz::require(dlm::detail::is_valid_utf8(shown), "printable output is not UTF-8");
    for (std::size_t at = 0; at < shown.size();) {
        const auto c = dlm::detail::decode_utf8(shown, at);
        dlm_fuzz::require(!dlm::detail::needs_escape(c.code_point), "printable output holds a control character");
        at += c.length;
    }
    const dlm::parse_result parsed = dlm::parse(bytes);
    for (const auto& f : parsed.findings.errors) {
        if (f.rule != dlm::rules::input_syntax) continue;
        const std::string message = dlm_cli::without_quoted_input(f.message);
        dlm_fuzz::require(message.find("last read") == std::string::npos, "a syntax message still quotes the input");
        dlm_fuzz::require(message.rfind("invalid JSON at line ", 0) == 0, "a syntax message lost its location");
    }
}

int one_input(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    check_links(bytes);
    check_stream(bytes);
    check_text(bytes);
    return 0;
}

const dlm_fuzz::target_registration registration{"cli_files", &one_input};

}  // namespace dlm_fuzz_cli_files
