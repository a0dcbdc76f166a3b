#include "inputs.hpp"

#include <dlm/detail/json/pointer.hpp>
#include <dlm/parse.hpp>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <memory>
#include <system_error>
#include <utility>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dlm_cli {
namespace {

namespace fs = std::filesystem;

/// `path` without a trailing separator ("/a/b/" -> "/a/b"), the root directory left as it is.
fs::path without_trailing_separator(fs::path path) {
    if (!path.has_filename() && path.has_relative_path()) path = path.parent_path();
    return path;
}

/// What kind of file `mode` describes, for "not a regular file" messages.
std::string not_regular_message(mode_t mode) {
    return "not a regular file (" + file_kind(mode) + "); only regular files are read";
}

std::string outside_message(const std::vector<fs::path>& roots) {
    std::string out = "not read: it lies outside ";
    for (std::size_t i = 0; i < roots.size(); ++i) out += (i ? ", " : "") + roots[i].string();
    return out + " (--root DIR allows another tree)";
}

bool within_any(const fs::path& path, const std::vector<fs::path>& roots) {
    return std::any_of(roots.begin(), roots.end(), [&](const fs::path& root) { return is_within(path, root); });
}

/// The real path of an open file descriptor (Linux: one readlink of /proc/self/fd/N, linear in the depth),
/// else the canonical form of `path`.
fs::path real_path_of(int fd, const fs::path& path) {
    const std::string link = "/proc/self/fd/" + std::to_string(fd);
    std::string target(PATH_MAX + 1, '\0');
    const ssize_t n = ::readlink(link.c_str(), target.data(), target.size());
    if (n > 0 && static_cast<std::size_t>(n) < target.size()) {
        target.resize(static_cast<std::size_t>(n));
        if (!target.empty() && target.front() == '/') return target;
    }
    std::error_code ec;
    return fs::canonical(path, ec);
}

std::string identity_from(const struct stat& status) {
    return std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino);
}

/// Reads lines from a stream without ever holding more than `max_bytes` of one line (in chunks: istream::getline
/// scans the stream's buffer for the newline).
class line_reader {
public:
    line_reader(std::istream& in, std::size_t max_bytes) : in_(in), max_bytes_(max_bytes) {}

    /// The next line (without its newline or trailing CR) into `line`; false at the end of the input. A line longer
    /// than `max_bytes` sets `too_long` and `length`, and `line` is left empty.
    bool next(std::string& line, bool& too_long, std::size_t& length) {
        line.clear();
        too_long = false;
        length = 0;
        if (!in_.good() || std::istream::traits_type::eq_int_type(in_.peek(), std::istream::traits_type::eof()))
            return false;
        ++number_;
        while (true) {
            in_.getline(chunk_, sizeof chunk_);
            auto got = static_cast<std::size_t>(in_.gcount());
            bool line_ended = true;
            if (in_.eof()) {
                // the end of the input ends the line; `got` holds what was read
            } else if (in_.fail()) {
                in_.clear();  // the chunk is full: the line goes on
                line_ended = false;
            } else {
                --got;  // the newline was extracted and counted
            }
            length += got;
            if (!too_long) {
                if (length > max_bytes_ + 1) {  // one byte more than the limit may be the CR before the newline
                    too_long = true;
                    line.clear();
                    line.shrink_to_fit();
                } else {
                    line.append(chunk_, got);
                }
            }
            if (line_ended) break;
        }
        if (!too_long && !line.empty() && line.back() == '\r') {
            line.pop_back();
            --length;
        }
        if (!too_long && line.size() > max_bytes_) {
            too_long = true;
            line.clear();
            line.shrink_to_fit();
        }
        return true;
    }

    /// Skips the rest of the input; returns the number of bytes skipped.
    std::size_t drain() {
        std::size_t skipped = 0;
        while (in_.good()) {
            in_.ignore(std::streamsize{1} << 30);
            skipped += static_cast<std::size_t>(in_.gcount());
        }
        return skipped;
    }

    [[nodiscard]] std::size_t number() const noexcept { return number_; }

private:
    std::istream& in_;
    std::size_t max_bytes_;
    std::size_t number_ = 0;
    char chunk_[1 << 16];
};

void walk_into(const fs::path& directory, const std::vector<fs::path>& roots,
               const std::function<void(walk_entry)>& visit) {
    std::error_code ec;
    fs::directory_iterator it(directory, ec);
    if (ec) {
        visit({directory, ec.message(), false});
        return;
    }
    std::vector<fs::directory_entry> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        entries.push_back(*it);
    }
    if (ec) visit({directory, ec.message(), false});
    std::sort(entries.begin(), entries.end(), [](const fs::directory_entry& a, const fs::directory_entry& b) {
        return a.path().filename().native() < b.path().filename().native();
    });
    for (const auto& entry : entries) {
        std::error_code status_ec;
        const bool is_json = entry.path().extension() == ".json";
        if (entry.is_symlink(status_ec)) {  // never follow a link to a directory: no cycles
            if (!is_json) continue;
            const fs::file_status target = fs::status(entry.path(), status_ec);
            if (status_ec) {
                const bool loop = status_ec == std::errc::too_many_symbolic_link_levels;
                const bool dangling = status_ec == std::errc::no_such_file_or_directory;
                visit({entry.path(),
                       loop       ? "a symbolic link loop"
                       : dangling ? "a dangling symbolic link (its target does not exist)"
                                  : "a symbolic link that cannot be followed: " + status_ec.message(),
                       false});
                continue;
            }
            if (fs::is_directory(target)) continue;
            if (!roots.empty()) {
                const fs::path real = fs::canonical(entry.path(), status_ec);
                if (status_ec || !within_any(real, roots)) {
                    visit({entry.path(), "a symbolic link to " + real.string() + ": " + outside_message(roots), true});
                    continue;
                }
            }
            visit({entry.path(), {}, false});
        } else if (entry.is_directory(status_ec)) {
            walk_into(entry.path(), roots, visit);
        } else if (is_json) {
            visit({entry.path(), {}, false});  // a FIFO or device named *.json is refused, clearly, when read
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

std::string without_quoted_input(std::string message) {
    constexpr std::string_view marker = "; last read: ";
    const std::size_t at = message.find(marker);
    if (at == std::string::npos) return message;
    std::size_t end = at + marker.size();
    if (end < message.size() && message[end] == '"') {  // a quoted token: up to its closing quote, and "..." if cut
        for (++end; end < message.size() && message[end] != '"'; ++end) {
            if (message[end] == '\\') ++end;
        }
        end = std::min(end + 1, message.size());
        if (message.compare(end, 3, "...") == 0) end += 3;
    } else {
        end = message.find("; ", end);
        if (end == std::string::npos) end = message.size();
    }
    message.erase(at, end - at);
    return message;
}

void drop_quoted_input(dlm::report& report) {
    for (auto& f : report.errors) {
        if (f.rule == dlm::rules::input_syntax) f.message = without_quoted_input(std::move(f.message));
    }
}

std::string errno_message(int code) { return std::error_code(code, std::generic_category()).message(); }


fs::path real_root(const fs::path& directory) {
    std::error_code ec;
    fs::path real = fs::canonical(directory, ec);
    if (ec) real = fs::absolute(directory, ec).lexically_normal();
    return without_trailing_separator(real);
}

bool is_within(const fs::path& path, const fs::path& root) {
    const fs::path p = without_trailing_separator(path);
    const fs::path r = without_trailing_separator(root);
    auto pi = p.begin();
    for (auto ri = r.begin(); ri != r.end(); ++ri, ++pi) {
        if (pi == p.end() || *pi != *ri) return false;
    }
    return true;
}

input_file::input_file(const fs::path& path, const read_limits& limits) {
    if (!limits.roots.empty()) {  // what the path spells must lie inside before anything is opened
        std::error_code ec;
        const fs::path spelled = fs::absolute(path, ec).lexically_normal();
        if (ec || !within_any(spelled, limits.roots)) {
            failure_.outside = true;
            failure_.error = outside_message(limits.roots);
            return;
        }
    }
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) {  // refuse a FIFO or a device before opening it
        failure_.error = errno_message(errno);
        return;
    }
    if (!S_ISREG(status.st_mode)) {
        failure_.error = not_regular_message(status.st_mode);
        return;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        failure_.error = errno_message(errno);
        return;
    }
    const auto refuse = [&](std::string why) {
        ::close(fd);
        failure_.error = std::move(why);
    };
    if (::fstat(fd, &status) != 0) {
        refuse(errno_message(errno));
        return;
    }
    if (!S_ISREG(status.st_mode)) {  // swapped since the stat
        refuse(not_regular_message(status.st_mode));
        return;
    }
    if (!limits.roots.empty()) {  // where a symbolic link really leads
        const fs::path real = real_path_of(fd, path);
        if (real.empty() || !within_any(real, limits.roots)) {
            failure_.outside = true;
            refuse((real.empty() ? std::string() : real.string() + ": ") + outside_message(limits.roots));
            return;
        }
    }
    if (const int flags = ::fcntl(fd, F_GETFL); flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    fd_ = fd;
    identity_ = identity_from(status);
    failure_.identity = identity_;
}

input_file::~input_file() {
    stream_.reset();
    buffer_.reset();
    if (fd_ >= 0) ::close(fd_);
}

file_content input_file::read_all(std::size_t max_bytes) {
    if (fd_ < 0) return failure_;
    file_content result;
    result.identity = identity_;
    struct stat status {};
    const std::size_t expected = ::fstat(fd_, &status) == 0 && status.st_size > 0
                                     ? static_cast<std::size_t>(status.st_size)
                                     : 0;
    const std::size_t cap = max_bytes == SIZE_MAX ? max_bytes : max_bytes + 1;  // one byte more tells "too large"
    result.text.reserve(std::min(expected, max_bytes) + 1);
    std::size_t size = 0;
    while (size < cap) {
        result.text.resize(size + std::min<std::size_t>(cap - size, std::size_t{1} << 20));
        const ssize_t n = ::read(fd_, result.text.data() + size, result.text.size() - size);
        if (n < 0) {
            if (errno == EINTR) continue;
            result.text.clear();
            result.text.shrink_to_fit();
            result.error = errno_message(errno);
            return result;
        }
        if (n == 0) break;
        size += static_cast<std::size_t>(n);
    }
    result.text.resize(size);
    if (size > max_bytes) {
        result.text.clear();
        result.text.shrink_to_fit();
        result.too_large = true;
        result.error = dlm::detail::too_large_message(std::max(expected, size), max_bytes);
        return result;
    }
    result.ok = true;
    return result;
}

std::istream& input_file::stream() {
    if (!stream_) {
        buffer_ = std::make_unique<fd_streambuf>(fd_);
        stream_ = std::make_unique<std::istream>(buffer_.get());
        if (fd_ < 0) stream_->setstate(std::ios::badbit);
    }
    return *stream_;
}

fd_streambuf::int_type fd_streambuf::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (fd_ < 0 || error_ != 0) return traits_type::eof();
    while (true) {
        const ssize_t n = ::read(fd_, buffer_, sizeof buffer_);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) error_ = errno;
        if (n <= 0) return traits_type::eof();
        setg(buffer_, buffer_, buffer_ + n);
        return traits_type::to_int_type(*gptr());
    }
}

file_content read_file(const fs::path& path, const read_limits& limits) {
    input_file file(path, limits);
    return file.read_all(limits.max_bytes);
}

void walk_directory(const fs::path& directory, const std::vector<fs::path>& roots,
                    const std::function<void(walk_entry)>& visit) {
    walk_into(directory, roots, visit);
}

std::vector<walk_entry> walk_directory(const fs::path& directory) {
    std::vector<walk_entry> out;
    walk_into(directory, {}, [&out](walk_entry entry) { out.push_back(std::move(entry)); });
    return out;
}

void split_stream(std::istream& in, const std::function<void(stream_document)>& sink, std::size_t max_bytes) {
    line_reader reader(in, max_bytes);
    std::string line;
    bool too_long = false;
    std::size_t length = 0;
    const auto next_document_line = [&] {
        while (reader.next(line, too_long, length)) {
            if (too_long || !is_blank(line)) return true;
        }
        return false;
    };
    const auto send_line = [&] {
        if (too_long) {
            sink({{}, reader.number(), true, length});
        } else {
            sink({std::move(line), reader.number(), false, 0});
        }
    };

    if (!next_document_line()) return;  // nothing but blank lines: no document
    if (too_long) {
        const std::size_t first_number = reader.number();
        const std::size_t first_length = length;
        if (!next_document_line()) {  // the whole input is one line
            sink({{}, 0, true, first_length});
            return;
        }
        sink({{}, first_number, true, first_length});
        send_line();
    } else {
        std::string first = std::move(line);
        const std::size_t first_number = reader.number();
        switch (classify(first)) {
        case syntax::complete:
            // A complete value followed by more text cannot be one value as a whole: NDJSON.
            if (!next_document_line()) {
                sink({std::move(first), 0, false, 0});
                return;
            }
            sink({std::move(first), first_number, false, 0});
            send_line();
            break;
        case syntax::broken:  // an error in the first line is an error in the whole input too
            sink({std::move(first), first_number, false, 0});
            break;
        case syntax::incomplete: {
            // Probably one document over many lines: buffer it (once, with where each line starts) and try it whole.
            // Leading blank lines are kept as newlines so that the parser's line numbers match the input's.
            struct line_span {
                std::size_t offset, length, number;
            };
            std::string whole(first_number - 1, '\n');
            std::vector<line_span> lines{{whole.size(), first.size(), first_number}};
            whole += first;
            first.clear();
            first.shrink_to_fit();
            while (reader.next(line, too_long, length)) {
                if (too_long || whole.size() + 1 + line.size() > max_bytes) {
                    // Past the limit: one document too large. Count the rest without holding it.
                    const std::size_t size = whole.size() + 1 + length + reader.drain();
                    whole.clear();
                    whole.shrink_to_fit();
                    sink({{}, 0, true, size});
                    return;
                }
                whole += '\n';
                if (!is_blank(line)) lines.push_back({whole.size(), line.size(), reader.number()});
                whole += line;
            }
            if (nlohmann::json::accept(whole)) {
                sink({std::move(whole), 0, false, 0});
            } else {
                for (const auto& span : lines) sink({whole.substr(span.offset, span.length), span.number, false, 0});
            }
            return;
        }
        }
    }
    while (next_document_line()) send_line();
}

namespace {

/// Where an href leads on this machine: nullopt for a URI with a scheme other than `file:` (`remote` is then set), or
/// for an href that names no file (empty after the query and fragment are cut, a NUL once decoded).
std::optional<fs::path> local_path_of(std::string_view reference, const fs::path& base_directory, bool& remote) {
    remote = false;
    if (const auto scheme = scheme_length(reference); scheme != 0) {
        if (!iequals(reference.substr(0, scheme), "file")) {  // remote: never fetched
            remote = true;
            return std::nullopt;
        }
        reference.remove_prefix(scheme + 1);
        if (reference.substr(0, 2) == "//") {  // file://host/path: keep the path
            reference.remove_prefix(2);
            const auto slash = reference.find('/');
            reference = slash == std::string_view::npos ? std::string_view{} : reference.substr(slash);
        }
    }
    reference = reference.substr(0, reference.find_first_of("?#"));
    if (reference.empty()) return std::nullopt;
    const std::string decoded = percent_decode(reference);
    if (decoded.find('\0') != std::string::npos) return std::nullopt;  // no file has such a name
    const fs::path target(decoded);
    return (target.is_absolute() ? target : base_directory / target).lexically_normal();
}

void collect_assets(const nlohmann::json& document, const fs::path& base_directory, const std::string& prefix,
                    std::vector<local_reference>& out) {
    if (!document.is_object()) return;
    const auto assets = document.find("assets");
    if (assets == document.end() || !assets->is_object()) return;
    for (const auto& [key, asset] : assets->items()) {
        if (!asset.is_object()) continue;
        const auto href = asset.find("href");
        if (href == asset.end() || !href->is_string()) continue;
        bool remote = false;
        if (auto path = local_path_of(href->get_ref<const std::string&>(), base_directory, remote)) {
            out.push_back({std::move(*path), dlm::detail::join(dlm::detail::join(prefix + "/assets", key), "href")});
        }
    }
}

}  // namespace

catalog_links links_of(const nlohmann::json& document, const fs::path& base_directory) {
    catalog_links out;
    if (!document.is_object()) return out;
    const auto type = document.find("type");
    if (type == document.end() || !type->is_string()) return out;
    if (*type != "Catalog" && *type != "Collection") return out;
    const auto links = document.find("links");
    if (links == document.end() || !links->is_array()) return out;
    for (std::size_t i = 0; i < links->size(); ++i) {
        const auto& link = (*links)[i];
        if (!link.is_object()) continue;
        const auto rel = link.find("rel");
        const auto href = link.find("href");
        if (rel == link.end() || href == link.end() || !rel->is_string() || !href->is_string()) continue;
        if (*rel != "child" && *rel != "item") continue;
        bool remote = false;
        if (auto path = local_path_of(href->get_ref<const std::string&>(), base_directory, remote)) {
            out.local.push_back({std::move(*path), dlm::detail::join("/links", i)});
        } else if (remote) {
            out.remote.push_back({dlm::detail::join("/links", i), href->get<std::string>()});
        }
    }
    return out;
}

std::vector<local_reference> local_assets(const nlohmann::json& document, const fs::path& base_directory) {
    std::vector<local_reference> out;
    collect_assets(document, base_directory, "", out);
    if (document.is_object() && document.value("type", nlohmann::json()) == "FeatureCollection") {
        const auto features = document.find("features");
        if (features != document.end() && features->is_array()) {
            for (std::size_t i = 0; i < features->size(); ++i)
                collect_assets((*features)[i], base_directory, dlm::detail::join("/features", i), out);
        }
    }
    return out;
}

std::string identity_of(const fs::path& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) == 0) return identity_from(status);
    std::error_code ec;
    auto absolute = fs::absolute(path, ec);
    return (ec ? path : absolute).lexically_normal().native();
}

std::string file_kind(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a regular file";
}

}  // namespace dlm_cli
