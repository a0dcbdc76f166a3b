#include "output.hpp"

#include <dlm/report_text.hpp>
#include <dlm/detail/json/text.hpp>

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <system_error>
#include <unistd.h>

namespace dlm_cli {
namespace {

constexpr std::string_view red = "\033[31m";
constexpr std::string_view green = "\033[32m";
constexpr std::string_view yellow = "\033[33m";
constexpr std::string_view bold = "\033[1m";
constexpr std::string_view reset = "\033[0m";

/// `text` wrapped in `style` when colouring.
std::string paint(std::string_view text, std::string_view style, bool colour) {
    std::string out;
    if (colour) out += style;
    out += text;
    if (colour) out += reset;
    return out;
}

}  // namespace

nlohmann::ordered_json findings_json(const std::vector<dlm::finding>& findings) {
    auto array = nlohmann::ordered_json::array();
    for (const auto& f : findings) {
        nlohmann::ordered_json entry = {{"rule", f.rule}, {"pointer", f.pointer}, {"message", f.message}};
        if (!f.schema.empty()) entry["schema"] = f.schema;
        array.push_back(std::move(entry));
    }
    return array;
}


bool is_terminal(int stream) noexcept { return ::isatty(stream) == 1; }

bool colour_wanted() noexcept { return is_terminal(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr; }

std::string printable(std::string_view text) { return dlm::detail::printable(text); }

bool flush_standard_output(std::string_view command) {
    errno = 0;
    std::cout.flush();
    const int stream_errno = errno;
    const bool stream_failed = std::cout.bad();
    errno = 0;
    const bool stdio_failed = std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
    const int stdio_errno = errno;
    if (!stream_failed && !stdio_failed) return true;
    const int code = stdio_errno != 0 ? stdio_errno : stream_errno;
    std::cerr << "dlm " << command << ": cannot write to standard output: "
              << (code != 0 ? std::error_code(code, std::generic_category()).message() : std::string("write error"))
              << '\n';
    return false;
}

std::string_view display_pointer(std::string_view pointer) noexcept {
    return pointer.empty() ? std::string_view("(document)") : pointer;
}

std::string render_findings(const dlm::report& report, bool colour) {
    return dlm::to_text(report, colour ? dlm::report_style{red, yellow, reset} : dlm::report_style{});
}

std::string render_text(const document_result& result, bool colour, bool quiet) {
    const bool valid = result.report.ok();
    if (quiet && valid) return {};
    std::string out = paint(printable(result.path), bold, colour);
    out += ": ";
    if (valid) {
        out += paint("valid", green, colour);
    } else {
        out += paint("invalid", red, colour);
        out += ", " + dlm::detail::count_text(result.report.errors.size(), "error");
    }
    if (!result.report.warnings.empty()) out += ", " + dlm::detail::count_text(result.report.warnings.size(), "warning");
    out += '\n';
    out += render_findings(result.report, colour);
    return out;
}

std::string render_json(const document_result& result) {
    nlohmann::ordered_json line;
    line["path"] = result.path;
    line["type"] = result.type ? nlohmann::ordered_json(*result.type) : nlohmann::ordered_json();
    line["id"] = result.id ? nlohmann::ordered_json(*result.id) : nlohmann::ordered_json();
    line["valid"] = result.report.ok();
    line["errors"] = findings_json(result.report.errors);
    line["warnings"] = findings_json(result.report.warnings);
    // A path need not be UTF-8 (file names are bytes): replace what is not, rather than throw.
    std::string out = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    out += '\n';
    return out;
}

std::string render_summary(std::size_t valid, std::size_t invalid, std::size_t warnings, double seconds) {
    char time[32];
    std::snprintf(time, sizeof time, "%.2f", seconds);
    return std::to_string(valid) + " valid, " + std::to_string(invalid) + " invalid, " +
           dlm::detail::count_text(warnings, "warning") + ", in " + time + " s\n";
}

std::string render_json_summary(std::size_t valid, std::size_t invalid, std::size_t warnings, std::size_t remote_links,
                                double seconds) {
    nlohmann::ordered_json summary;
    summary["documents"] = valid + invalid;
    summary["valid"] = valid;
    summary["invalid"] = invalid;
    summary["warnings"] = warnings;
    summary["remote_links"] = remote_links;
    summary["seconds"] = std::round(seconds * 1000.0) / 1000.0;
    nlohmann::ordered_json line;
    line["summary"] = std::move(summary);
    return line.dump() + '\n';
}

}  // namespace dlm_cli
