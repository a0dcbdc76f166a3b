#include "reading.hpp"

#include "inputs.hpp"

#include <dlm/detail/input/messages.hpp>
#include <dlm/detail/json/quote.hpp>
#include <dlm/rules.hpp>
#include <dlm/validator.hpp>

#include <cerrno>
#include <filesystem>
#include <istream>
#include <set>
#include <system_error>
#include <utility>

#include <sys/stat.h>
#include <unistd.h>

namespace dlm_cli {
namespace {

namespace fs = std::filesystem;

dlm::report unreadable(const std::string& what, const std::string& reason) {
    dlm::report report;
    report.error(dlm::rules::input_unreadable, "", "cannot read " + what + ": " + reason);
    return report;
}

/// The report for a file that could not be read: too large, outside the roots, or unreadable.
dlm::report read_failure(const std::string& label, const file_content& failure) {
    dlm::report report;
    if (failure.too_large) {
        report.error(dlm::rules::input_too_large, "", failure.error);
    } else if (failure.outside) {
        report.error(dlm::rules::input_outside_root, "", failure.error);
    } else {
        report = unreadable(label, failure.error);
    }
    return report;
}

/// What a local reference finds: a file (or something the reader will report on when it gets there), nothing, or
/// a place outside the roots, which is not looked at (a catalog must not learn what exists outside its tree).
enum class presence { present, absent, outside };

presence presence_of(const fs::path& path, const std::vector<fs::path>& roots) {
    const auto inside = [&roots](const fs::path& p) {
        if (roots.empty()) return true;
        for (const auto& root : roots) {
            if (is_within(p, root)) return true;
        }
        return false;
    };
    const fs::path parent = path.parent_path().empty() ? fs::path(".") : path.parent_path();
    std::error_code ec;
    const fs::path real_parent = fs::canonical(parent, ec);
    if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory) {
        std::error_code ignored;
        return inside(fs::absolute(path, ignored).lexically_normal()) ? presence::absent : presence::outside;
    }
    if (ec) return presence::present;  // e.g. a directory that cannot be searched: the reader says why
    if (!inside(real_parent)) return presence::outside;
    struct stat status {};
    if (::lstat((real_parent / path.filename()).c_str(), &status) == 0) return presence::present;
    return errno == ENOENT || errno == ENOTDIR ? presence::absent : presence::present;
}

class reader {
public:
    reader(const read_settings& s, const std::function<void(read_input)>& sink) : settings_(s), sink_(sink) {
        confined_.max_bytes = s.limits.max_bytes;
        named_.max_bytes = s.limits.max_bytes;
        for (const auto& root : s.roots) confined_.roots.push_back(real_root(root));
        for (const auto& path : s.paths) {
            if (path == "-") continue;
            std::error_code ec;
            const fs::path p(path);
            confined_.roots.push_back(
                real_root(fs::is_directory(p, ec) ? p : p.parent_path().empty() ? "." : p.parent_path()));
        }
    }

    void read_path(const std::string& path) {
        if (path == "-") {
            fd_streambuf input(STDIN_FILENO);
            std::istream in(&input);
            read_stream(in, "-");
            if (input.error() != 0) submit("-", unreadable("standard input", errno_message(input.error())));
            return;
        }
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            walk_directory(path, confined_.roots, [this](walk_entry entry) {
                if (entry.error.empty()) {
                    read_file_path(entry.path, true);
                } else {
                    dlm::report report;
                    report.error(entry.outside ? dlm::rules::input_outside_root : dlm::rules::input_unreadable, "",
                                 entry.error);
                    submit(entry.path.string(), std::move(report));
                }
            });
        } else {
            read_file_path(path, false);
        }
    }

    [[nodiscard]] remote_links remote() && { return std::move(remote_); }

private:
    void submit(std::string path, std::variant<dlm::report, std::string, dlm::parse_result> content,
                std::size_t bytes = 0) {
        sink_(read_input{std::move(path), std::move(content), bytes});
    }

    void read_stream(std::istream& in, const std::string& label) {
        const std::size_t max_bytes = settings_.limits.max_bytes;
        split_stream(
            in,
            [&](stream_document document) {
                std::string where = document.line == 0 ? label : label + ":" + std::to_string(document.line);
                if (document.too_large) {
                    dlm::report report;
                    report.error(dlm::rules::input_too_large, "",
                                 dlm::detail::too_large_message(document.size, max_bytes));
                    submit(std::move(where), std::move(report));
                    return;
                }
                const std::size_t bytes = document.text.size();
                submit(std::move(where), std::move(document.text), bytes);
            },
            max_bytes);
    }

    void read_file_path(const fs::path& start, bool confined) {
        if (!settings_.links) {
            read_one(start, confined);
            return;
        }
        std::vector<fs::path> pending{start};  // depth first, links in document order
        bool first = true;
        while (!pending.empty()) {
            const fs::path path = std::move(pending.back());
            pending.pop_back();
            auto links = read_one(path, confined || !first);
            first = false;
            pending.insert(pending.end(), links.rbegin(), links.rend());
        }
    }

    /// Reads and submits one file, once (with --links); returns the local links to follow (with --links only).
    std::vector<fs::path> read_one(const fs::path& path, bool confined) {
        const std::string label = path.string();
        input_file file(path, confined ? confined_ : named_);
        if (!file.is_open()) {
            // A file that cannot be read is reported once, however many links lead to it.
            if (!settings_.links || visited_.insert(identity_of(path)).second)
                submit(label, read_failure(label, file.failure()));
            return {};
        }
        if (settings_.links && !visited_.insert(file.identity()).second) return {};
        const auto extension = path.extension();
        if (extension == ".ndjson" || extension == ".jsonl") {
            read_stream(file.stream(), label);
            if (const auto* buffer = dynamic_cast<const fd_streambuf*>(file.stream().rdbuf()); buffer && buffer->error())
                submit(label, unreadable(label, errno_message(buffer->error())));
            return {};
        }
        file_content content = file.read_all(settings_.limits.max_bytes);
        if (!content.ok) {
            submit(label, read_failure(label, content));
            return {};
        }
        const std::size_t bytes = content.text.size();
        if (!settings_.links && !settings_.assets) {
            submit(label, std::move(content.text), bytes);
            return {};
        }
        dlm::parse_result parsed = dlm::parse(content.text, settings_.limits);
        content.text.clear();
        content.text.shrink_to_fit();
        std::vector<fs::path> follow;
        if (parsed.document) {
            if (settings_.links) follow = check_links(*parsed.document, label, path.parent_path(), parsed.findings);
            if (settings_.assets) check_assets(*parsed.document, path.parent_path(), parsed.findings);
        }
        submit(label, std::move(parsed), bytes);
        return follow;
    }

    /// The local links of `document` to follow; a link to no file is reported on `document` at the link.
    std::vector<fs::path> check_links(const nlohmann::json& document, const std::string& label,
                                      const fs::path& directory, dlm::report& findings) {
        catalog_links links = links_of(document, directory);
        remote_.count += links.remote.size();
        if (settings_.verbose) {
            for (const remote_reference& link : links.remote) {
                remote_.listed.push_back(dlm::detail::printable(label) + "#" + dlm::detail::printable(link.pointer) +
                                         " " + dlm::detail::quote(link.href));
            }
        }
        std::vector<fs::path> follow;
        for (local_reference& link : links.local) {
            if (presence_of(link.path, confined_.roots) == presence::absent) {
                findings.error(dlm::rules::input_link_broken, link.pointer,
                               "the link leads to no file: " + dlm::detail::quote(link.path.string()));
            } else {
                follow.push_back(std::move(link.path));  // outside the roots: reading it says so
            }
        }
        return follow;
    }

    /// Reports each local asset href of `document` that leads to no file, or outside the roots.
    void check_assets(const nlohmann::json& document, const fs::path& directory, dlm::report& findings) const {
        for (const local_reference& asset : local_assets(document, directory)) {
            const std::string file = dlm::detail::quote(asset.path.string());
            switch (presence_of(asset.path, confined_.roots)) {
                case presence::present: break;
                case presence::absent:
                    findings.error(dlm::rules::input_asset_missing, asset.pointer, "the asset's file " + file + " does not exist");
                    break;
                case presence::outside:
                    findings.error(dlm::rules::input_outside_root, asset.pointer,
                                   "the asset's file " + file +
                                       " lies outside the trees dlm may read (the PATHs' and --root); not looked at");
                    break;
            }
        }
    }

    const read_settings& settings_;
    const std::function<void(read_input)>& sink_;
    read_limits confined_;  ///< for linked files and directory entries
    read_limits named_;     ///< for the PATHs themselves
    std::set<std::string> visited_;
    remote_links remote_;
};

}  // namespace

bool take_read_option(const std::string& option, argument_cursor& args, read_settings& settings) {
    if (option == "--links") {
        args.expect_no_value(option);
        settings.links = true;
        return true;
    }
    if (option == "--assets") {
        args.expect_no_value(option);
        settings.assets = true;
        return true;
    }
    if (option == "--verbose") {
        args.expect_no_value(option);
        settings.verbose = true;
        return true;
    }
    if (option == "--root") {
        settings.roots.push_back(args.value(option));
        if (settings.roots.back().empty()) throw usage_error("--root needs a directory");
        return true;
    }
    return false;
}

remote_links read_inputs(const read_settings& settings, const std::function<void(read_input)>& sink) {
    reader in(settings, sink);
    for (const auto& path : settings.paths) in.read_path(path);
    return std::move(in).remote();
}

std::vector<dlm::input_document> documents_of(read_input& input, const dlm::limits& limits,
                                              const dlm::validator* validator) {
    if (auto* failure = std::get_if<dlm::report>(&input.content)) {
        std::vector<dlm::input_document> out(1);
        out.front().report = std::move(*failure);
        return out;
    }
    dlm::parse_result parsed = std::holds_alternative<std::string>(input.content)
                                   ? dlm::parse(std::get<std::string>(input.content), limits)
                                   : std::move(std::get<dlm::parse_result>(input.content));
    if (!parsed.document) drop_quoted_input(parsed.findings);
    return validator != nullptr ? validator->validate_each(std::move(parsed)) : dlm::split_features(std::move(parsed));
}

std::string document_path(const read_input& input, const dlm::input_document& document) {
    return document.pointer.empty() ? input.path : input.path + "#" + document.pointer;
}

remote_links for_each_document(const read_settings& settings, const dlm::validator* validator,
                               const std::function<void(const std::string& path, dlm::input_document&)>& sink) {
    return read_inputs(settings, [&](read_input input) {
        for (dlm::input_document& document : documents_of(input, settings.limits, validator))
            sink(document_path(input, document), document);
    });
}

std::string no_document_message(std::string_view command) {
    return "dlm " + std::string(command) +
           ": no document found (empty input, or a directory without *.json files)\n";
}

std::string remote_links_note(std::string_view command, const remote_links& links) {
    if (links.count == 0) return {};
    std::string note = "dlm " + std::string(command) + ": " + std::to_string(links.count) +
                       (links.count == 1 ? " link" : " links") + " with a URI scheme (https:, s3:...) not followed" +
                       (links.listed.empty() ? "" : ":") + "\n";
    for (const std::string& link : links.listed) note += "  " + link + "\n";
    return note;
}

}  // namespace dlm_cli
