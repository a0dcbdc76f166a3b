#include "args.hpp"

#include <cerrno>
#include <cstdlib>

namespace dlm_cli {

std::string argument_cursor::next_option() {
    has_inline_value_ = false;
    inline_value_.clear();
    while (!done() && !options_ended_ && args_[index_] == "--") {
        options_ended_ = true;
        ++index_;
    }
    if (done() || options_ended_) return {};
    const std::string& arg = args_[index_];
    if (arg.size() < 2 || arg[0] != '-') return {};  // a positional, or `-` (standard input)
    ++index_;
    if (arg[1] == '-') {
        const auto equals = arg.find('=');
        if (equals == std::string::npos) return arg;
        has_inline_value_ = true;
        inline_value_ = arg.substr(equals + 1);
        return arg.substr(0, equals);
    }
    if (arg.size() > 2) {  // `-oFILE`
        has_inline_value_ = true;
        inline_value_ = arg.substr(2);
        return arg.substr(0, 2);
    }
    return arg;
}

std::string argument_cursor::next_positional() {
    if (done()) throw usage_error("missing argument");
    return args_[index_++];
}

std::string argument_cursor::value(std::string_view option) {
    if (has_inline_value_) {
        has_inline_value_ = false;
        return std::move(inline_value_);
    }
    if (done()) throw usage_error(std::string(option) + " needs a value");
    return args_[index_++];
}

void argument_cursor::expect_no_value(std::string_view option) const {
    if (has_inline_value_) throw usage_error(std::string(option) + " takes no value");
}

unsigned parse_positive(std::string_view option, const std::string& text, unsigned max) {
    const auto bad = [&] {
        return usage_error(std::string(option) + " needs a whole number from 1 to " + std::to_string(max) +
                           ", not '" + text + "'");
    };
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) throw bad();
    errno = 0;
    char* end = nullptr;
    const unsigned long number = std::strtoul(text.c_str(), &end, 10);
    if (errno != 0 || number < 1 || number > max) throw bad();
    return static_cast<unsigned>(number);
}

bool take_format_option(const std::string& option, argument_cursor& args, output_format& format) {
    if (option != "--format") return false;
    const std::string value = args.value(option);
    if (value == "text") {
        format = output_format::text;
    } else if (value == "json") {
        format = output_format::json;
    } else {
        throw usage_error("--format must be text or json, not '" + value + "'");
    }
    return true;
}

}  // namespace dlm_cli
