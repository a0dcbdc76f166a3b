#ifndef DLM_DETAIL_UPGRADE_TEXT_HPP
#define DLM_DETAIL_UPGRADE_TEXT_HPP

// What `dlm::upgrade_text` needs from the text itself: the document, and the original spelling of a
// numeric runtime version (nlohmann keeps only the double, so `1.10` would come back as `1.1`).

#include <dlm/rules.hpp>
#include <dlm/detail/json/pointer.hpp>
#include <dlm/error.hpp>
#include <dlm/limits.hpp>
#include <dlm/parse.hpp>
#include <dlm/report.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dlm::detail {

/// Parses `text` for the upgrade step with the library's hardened parser; throws `dlm::error` with the
/// finding's pointer and message when there is no document, or when a key is duplicated (the upgraded
/// document would silently lose a value). Over-long strings and integers above INT64_MAX are kept
/// exactly, so they do not stop the upgrade; the validator reports them.
[[nodiscard]] inline nlohmann::json parse_for_upgrade(std::string_view text, const limits& bounds) {
    parse_result read = dlm::parse(text, bounds);
    if (!read.document) {
        // The fatal finding ends the parse, so it is the last error; the default covers a parser that
        // (against its contract) returns neither.
        const finding fatal = read.findings.errors.empty()
                                  ? finding{rules::input_syntax, "", "the text could not be read as JSON"}
                                  : read.findings.errors.back();
        throw dlm::error(fatal.pointer, fatal.message);
    }
    for (const finding& problem : read.findings.errors) {
        if (problem.rule == rules::input_duplicate_key) {
            throw dlm::error(problem.pointer, problem.message);
        }
    }
    return std::move(*read.document);
}

/// SAX handler that tracks the JSON pointer of every value and records the original text of each
/// floating-point number found at `.../dlm:runtime/version` or `.../dlm:runtime/framework_version`.
/// Integers need no record: their text is their decimal value (`-0` is the one exception, read as 0).
class runtime_version_text_finder {
public:
    using json = nlohmann::json;

    /// The recorded texts, by the JSON pointer of the number.
    [[nodiscard]] std::map<std::string, std::string> take() && { return std::move(texts_); }

    bool null() { return value_done(); }
    bool boolean(bool /*value*/) { return value_done(); }
    bool number_integer(json::number_integer_t /*value*/) { return value_done(); }
    bool number_unsigned(json::number_unsigned_t /*value*/) { return value_done(); }
    bool number_float(json::number_float_t /*value*/, const json::string_t& text) {
        if (at_runtime_version()) {
            texts_.insert_or_assign(current_pointer(), text);  // a duplicate key: the last one wins, as in nlohmann
        }
        return value_done();
    }
    bool string(json::string_t& /*value*/) { return value_done(); }
    bool binary(json::binary_t& /*value*/) { return value_done(); }

    bool start_object(std::size_t /*elements*/) {
        frames_.push_back(frame{false, 0, {}});
        return true;
    }
    bool key(json::string_t& name) {
        frames_.back().key = std::move(name);
        return true;
    }
    bool end_object() {
        frames_.pop_back();
        return value_done();
    }
    bool start_array(std::size_t /*elements*/) {
        frames_.push_back(frame{true, 0, {}});
        return true;
    }
    bool end_array() {
        frames_.pop_back();
        return value_done();
    }
    bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/, const json::exception& /*error*/) {
        return false;
    }

private:
    /// One open container: an array and the index of its current element, or an object and its current key.
    struct frame {
        bool is_array;
        std::size_t index;
        std::string key;
    };

    bool value_done() {
        if (!frames_.empty() && frames_.back().is_array) {
            ++frames_.back().index;
        }
        return true;
    }

    [[nodiscard]] bool at_runtime_version() const {
        if (frames_.size() < 2) {
            return false;
        }
        const frame& member = frames_.back();
        const frame& parent = frames_[frames_.size() - 2];
        return !member.is_array && (member.key == "version" || member.key == "framework_version") &&
               !parent.is_array && parent.key == "dlm:runtime";
    }

    [[nodiscard]] std::string current_pointer() const {
        std::string pointer;
        for (const frame& f : frames_) {
            if (f.is_array) {
                append(pointer, f.index);
            } else {
                append(pointer, f.key);
            }
        }
        return pointer;
    }

    std::vector<frame> frames_;
    std::map<std::string, std::string> texts_;
};

/// The original text of every floating-point runtime version in `text`, by JSON pointer; a second,
/// light pass over text that has already been parsed (no DOM is built). Never throws a nlohmann exception.
[[nodiscard]] inline std::map<std::string, std::string> runtime_version_texts(std::string_view text) {
    runtime_version_text_finder finder;
    try {
        (void)nlohmann::json::sax_parse(text.begin(), text.end(), &finder);
    } catch (const nlohmann::json::exception&) {
        return {};  // unreachable for text that parsed; the caller falls back to the number's shortest text
    }
    return std::move(finder).take();
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_UPGRADE_TEXT_HPP
