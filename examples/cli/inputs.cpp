#include "inputs.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>
#include <utility>

namespace dlm_cli {
namespace {

namespace fs = std::filesystem;

void walk_into(const fs::path& directory, std::vector<walk_entry>& out) {
    std::error_code ec;
    fs::directory_iterator it(directory, ec);
    if (ec) {
        out.push_back({directory, ec.message()});
        return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        entries.push_back(*it);
    }
    if (ec) out.push_back({directory, ec.message()});
    std::sort(entries.begin(), entries.end(), [](const fs::directory_entry& a, const fs::directory_entry& b) {
        return a.path().filename().native() < b.path().filename().native();
    });
    for (const auto& entry : entries) {
        std::error_code status_ec;
        const bool is_json = entry.path().extension() == ".json";
        if (entry.is_symlink(status_ec)) {  // never follow a link to a directory: no cycles
            if (is_json && fs::is_regular_file(entry.path(), status_ec)) out.push_back({entry.path(), {}});
        } else if (entry.is_directory(status_ec)) {
            walk_into(entry.path(), out);
        } else if (is_json && entry.is_regular_file(status_ec)) {
            out.push_back({entry.path(), {}});
        }
    }
}

/// A SAX consumer that builds nothing: it only tells whether a text is a complete JSON value, and where it failed.
struct syntax_probe {
    using json = nlohmann::json;
    std::size_t error_position = 0;

    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(json::number_integer_t) { return true; }
    bool number_unsigned(json::number_unsigned_t) { return true; }
    bool number_float(json::number_float_t, const std::string&) { return true; }
    bool string(std::string&) { return true; }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(std::string&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t position, const std::string&, const json::exception&) {
        error_position = position;
        return false;
    }
};

enum class syntax { complete, incomplete, broken };

/// `incomplete`: the text is a valid beginning of a JSON value that continues past its end.
syntax classify(const std::string& text) {
    syntax_probe probe;
    if (nlohmann::json::sax_parse(text, &probe)) return syntax::complete;
    return probe.error_position > text.size() ? syntax::incomplete : syntax::broken;
}

bool is_blank(const std::string& line) { return line.find_first_not_of(" \t\r\n") == std::string::npos; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

/// The length of a URI scheme at the start of `href` ("https" in "https://..."), or 0. One letter is a drive, not a scheme.
std::size_t scheme_length(std::string_view href) {
    const auto colon = href.find(':');
    if (colon == std::string_view::npos || colon < 2) return 0;
    const auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (!is_alpha(href[0])) return 0;
    for (std::size_t i = 1; i < colon; ++i) {
        const char c = href[i];
        if (!is_alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return 0;
    }
    return colon;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return (x | 0x20) == (y | 0x20);
           });
}

}  // namespace

std::string errno_message(int code) { return std::error_code(code, std::generic_category()).message(); }

file_content read_file(const std::filesystem::path& path) {
    file_content result;
    errno = 0;
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file) {
        result.error = errno_message(errno != 0 ? errno : EIO);
        return result;
    }
    char buffer[1 << 16];
    while (true) {
        const std::size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
        result.text.append(buffer, n);
        if (n < sizeof buffer) break;
    }
    if (std::ferror(file.get()) != 0) {
        result.error = errno_message(errno != 0 ? errno : EIO);
        result.text.clear();
        return result;
    }
    result.ok = true;
    return result;
}

std::vector<walk_entry> walk_directory(const std::filesystem::path& directory) {
    std::vector<walk_entry> out;
    walk_into(directory, out);
    return out;
}

void split_stream(std::istream& in, const std::function<void(stream_document)>& sink) {
    std::size_t number = 0;
    std::string line;
    const auto next_line = [&] {
        if (!std::getline(in, line)) return false;
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
    };
    const auto next_document_line = [&] {
        while (next_line()) {
            if (!is_blank(line)) return true;
        }
        return false;
    };

    if (!next_document_line()) return;  // nothing but blank lines: no document
    std::string first = std::move(line);
    const std::size_t first_number = number;

    switch (classify(first)) {
    case syntax::complete:
        // A complete value followed by more text cannot be one value as a whole: NDJSON.
        if (!next_document_line()) {
            sink({std::move(first), 0});
            return;
        }
        sink({std::move(first), first_number});
        sink({std::move(line), number});
        break;
    case syntax::broken:  // an error in the first line is an error in the whole input too
        sink({std::move(first), first_number});
        break;
    case syntax::incomplete: {
        // Probably one document over many lines: buffer it and try it whole. Leading blank lines are kept as
        // newlines so that the parser's line numbers match the input's.
        std::string whole(first_number - 1, '\n');
        whole += first;
        std::vector<stream_document> lines;
        lines.push_back({std::move(first), first_number});
        while (next_line()) {
            whole += '\n';
            whole += line;
            if (!is_blank(line)) lines.push_back({line, number});
        }
        if (nlohmann::json::accept(whole)) {
            sink({std::move(whole), 0});
        } else {
            whole.clear();
            whole.shrink_to_fit();
            for (auto& document : lines) sink(std::move(document));
        }
        return;
    }
    }
    while (next_document_line()) sink({std::move(line), number});
}

std::vector<std::filesystem::path> local_links(const nlohmann::json& document,
                                               const std::filesystem::path& base_directory) {
    std::vector<fs::path> out;
    if (!document.is_object()) return out;
    const auto type = document.find("type");
    if (type == document.end() || !type->is_string()) return out;
    if (*type != "Catalog" && *type != "Collection") return out;
    const auto links = document.find("links");
    if (links == document.end() || !links->is_array()) return out;
    for (const auto& link : *links) {
        if (!link.is_object()) continue;
        const auto rel = link.find("rel");
        const auto href = link.find("href");
        if (rel == link.end() || href == link.end() || !rel->is_string() || !href->is_string()) continue;
        if (*rel != "child" && *rel != "item") continue;
        std::string_view reference = href->get_ref<const std::string&>();
        if (const auto scheme = scheme_length(reference); scheme != 0) {
            if (!iequals(reference.substr(0, scheme), "file")) continue;  // remote: never fetched
            reference.remove_prefix(scheme + 1);
            if (reference.substr(0, 2) == "//") {  // file://host/path: keep the path
                reference.remove_prefix(2);
                const auto slash = reference.find('/');
                reference = slash == std::string_view::npos ? std::string_view{} : reference.substr(slash);
            }
        }
        reference = reference.substr(0, reference.find_first_of("?#"));
        if (reference.empty()) continue;
        const fs::path target(percent_decode(reference));
        out.push_back((target.is_absolute() ? target : base_directory / target).lexically_normal());
    }
    return out;
}

std::string identity_of(const std::filesystem::path& path) {
    std::error_code ec;
    auto canonical = fs::canonical(path, ec);
    if (!ec) return canonical.native();
    auto absolute = fs::absolute(path, ec);
    return (ec ? path : absolute).lexically_normal().native();
}

}  // namespace dlm_cli
