// libFuzzer target: the `dlm` tool's standard-input reader (dlm_cli::split_stream from examples/cli/inputs.cpp,
// which needs no filesystem), then dlm::parse with small limits on every document it yields.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include <dlm/limits.hpp>
#include <dlm/parse.hpp>

#include "fuzz_target.hpp"
#include "fuzz_checks.hpp"
#include "inputs.hpp"

namespace dlm_fuzz_cli_reader {

/// Limits small enough that the fuzzer reaches every one of them.
dlm::limits small_limits() {
    dlm::limits bounds;
    bounds.max_depth = 8;
    bounds.max_bytes = 4096;
    bounds.max_string_length = 64;
    bounds.max_key_length = 16;
    bounds.max_elements = 256;
    bounds.max_findings = 4;
    return bounds;
}

bool is_blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

/// parse under `bounds`, then: a clean document survives dump() and a second parse unchanged.
void parse_one(const std::string& text, const dlm::limits& bounds) {
    const dlm::parse_result parsed = dlm::parse(text, bounds);
    dlm_fuzz::check_report(parsed.findings);
    dlm_fuzz::require(parsed.findings.errors.size() <= bounds.max_findings + 1,
                      "parse listed more errors than max_findings (+1 fatal)");
    if (!parsed.ok()) return;
    dlm_fuzz::require(dlm::check_limits(*parsed.document, bounds).ok(), "check_limits rejects what parse accepted");
    // A dump may be longer than its input (1E9 is written 1000000000.0): lift the byte limit for the second read.
    dlm::limits dumped_bounds = bounds;
    dumped_bounds.max_bytes = std::numeric_limits<std::size_t>::max();
    const dlm::parse_result again = dlm::parse(parsed.document->dump(), dumped_bounds);
    dlm_fuzz::require(again.ok(), "the dump of a clean document does not parse cleanly");
    dlm_fuzz::require(*again.document == *parsed.document, "a clean document changes through dump() and parse");
}

int one_input(const std::uint8_t* data, std::size_t size) {
    static const dlm::limits bounds = small_limits();
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::size_t count = 0;
    std::size_t last_line = 0;
    bool whole = false;
    dlm_cli::split_stream(in, [&](dlm_cli::stream_document document) {
        dlm_fuzz::require(!whole, "a document follows the whole-input document");
        dlm_fuzz::require(!is_blank(document.text), "split_stream yielded a blank document");
        if (document.line == 0) {
            dlm_fuzz::require(count == 0, "a whole-input document (line 0) after line documents");
            whole = true;
        } else {
            dlm_fuzz::require(document.line > last_line, "line numbers do not increase");
            last_line = document.line;
        }
        ++count;
        parse_one(document.text, bounds);
    });
    return 0;
}

const dlm_fuzz::target_registration registration{"cli_reader", &one_input};

}  // namespace dlm_fuzz_cli_reader
