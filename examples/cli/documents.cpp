#include "documents.hpp"

#include "inputs.hpp"

#include <dlm/parse.hpp>
#include <dlm/rules.hpp>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <system_error>
#include <utility>

namespace dlm_cli {
namespace {

namespace fs = std::filesystem;

class document_reader {
public:
    document_reader(bool links, const dlm::limits& limits, const std::function<void(input_document&)>& sink)
        : links_(links), limits_(limits), sink_(sink) {}

    void read_path(const std::string& path) {
        if (path == "-") {
            read_stream(std::cin, "-");
            return;
        }
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            for (const auto& entry : walk_directory(path)) {
                if (entry.error.empty()) {
                    read_file_path(entry.path);
                } else {
                    fail(entry.path.string(), "cannot read directory " + entry.path.string() + ": " + entry.error);
                }
            }
        } else {
            read_file_path(path);
        }
    }

private:
    void fail(std::string path, const std::string& message) {
        input_document d;
        d.path = std::move(path);
        d.findings.error(dlm::rules::input_unreadable, "", message);
        sink_(d);
    }

    /// Parses `text` and hands over the document, or each feature of a FeatureCollection; returns the document's
    /// local links when they are followed.
    std::vector<fs::path> emit(std::string path, const std::string& text, const fs::path& directory) {
        dlm::parse_result parsed = dlm::parse(text, limits_);
        input_document d;
        d.path = std::move(path);
        d.findings = std::move(parsed.findings);
        if (!parsed.document) {
            sink_(d);
            return {};
        }
        nlohmann::json& document = *parsed.document;
        std::vector<fs::path> links;
        if (links_ && !directory.empty()) links = local_links(document, directory);
        const auto type = document.is_object() ? document.find("type") : document.end();
        const auto features = document.is_object() ? document.find("features") : document.end();
        if (type != document.end() && *type == "FeatureCollection" && features != document.end() &&
            features->is_array()) {
            for (std::size_t i = 0; i < features->size(); ++i) {
                input_document feature;
                feature.path = d.path + "#/features/" + std::to_string(i);
                feature.document = std::move((*features)[i]);
                feature.findings = d.findings;
                sink_(feature);
            }
            return links;
        }
        d.document = std::move(document);
        sink_(d);
        return links;
    }

    void read_stream(std::istream& in, const std::string& label) {
        split_stream(in, [&](stream_document document) {
            (void)emit(document.line == 0 ? label : label + ":" + std::to_string(document.line), document.text, {});
        });
        if (in.bad()) fail(label, "cannot read " + label + ": read error");
    }

    void read_file_path(const fs::path& start) {
        std::vector<fs::path> pending{start};  // depth first, links in document order
        while (!pending.empty()) {
            const fs::path path = std::move(pending.back());
            pending.pop_back();
            if (links_ && !visited_.insert(identity_of(path)).second) continue;
            auto links = read_one(path);
            pending.insert(pending.end(), links.rbegin(), links.rend());
        }
    }

    std::vector<fs::path> read_one(const fs::path& path) {
        const std::string label = path.string();
        const auto extension = path.extension();
        if (extension == ".ndjson" || extension == ".jsonl") {
            errno = 0;
            std::ifstream in(path, std::ios::binary);
            if (!in) {
                fail(label, "cannot read " + label + ": " + errno_message(errno != 0 ? errno : EIO));
                return {};
            }
            read_stream(in, label);
            return {};
        }
        const file_content content = read_file(path);
        if (!content.ok) {
            fail(label, "cannot read " + label + ": " + content.error);
            return {};
        }
        return emit(label, content.text, path.parent_path().empty() ? fs::path(".") : path.parent_path());
    }

    const bool links_;
    const dlm::limits& limits_;
    const std::function<void(input_document&)>& sink_;
    std::set<std::string> visited_;
};

}  // namespace

void for_each_document(const std::vector<std::string>& paths, bool links, const dlm::limits& limits,
                       const std::function<void(input_document&)>& sink) {
    document_reader reader(links, limits, sink);
    for (const auto& path : paths) reader.read_path(path);
}

}  // namespace dlm_cli
