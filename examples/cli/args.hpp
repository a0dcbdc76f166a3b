// Hand-written command-line parsing for the `dlm` tool: a cursor over argv that understands
// `--name value`, `--name=value`, short options `-o value`, `--` (end of options) and `-` (stdin).
#ifndef DLM_CLI_ARGS_HPP
#define DLM_CLI_ARGS_HPP

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dlm_cli {

/// Exit statuses shared by every command.
inline constexpr int exit_ok = 0;       ///< everything checked is valid / the command succeeded
inline constexpr int exit_invalid = 1;  ///< a document is invalid (or holds no readable model)
inline constexpr int exit_failure = 2;  ///< bad usage, or an input that cannot be read or parsed

/// Bad usage: the message is printed on standard error with a hint to `--help`, and the exit status is 2.
class usage_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Walks the arguments of one command. Options may appear anywhere before `--`; everything after `--`
/// and every token that does not start with '-' (and `-` itself) is positional.
class argument_cursor {
public:
    explicit argument_cursor(std::vector<std::string> args) : args_(std::move(args)) {}

    /// True when every argument has been consumed.
    [[nodiscard]] bool done() const noexcept { return index_ >= args_.size(); }

    /// If the next argument is an option, consumes it and returns its name (`--jobs=4` gives `--jobs`,
    /// remembering `4` for `value()`); otherwise returns an empty string and consumes nothing.
    [[nodiscard]] std::string next_option();

    /// Consumes and returns the next positional argument. Call only when `next_option()` returned "".
    [[nodiscard]] std::string next_positional();

    /// The value of the option just returned by `next_option()`: its `=value` part or the next argument.
    /// Throws usage_error when there is none.
    [[nodiscard]] std::string value(std::string_view option);

    /// Throws usage_error if the option just returned carried an `=value` it does not take.
    void expect_no_value(std::string_view option) const;

private:
    std::vector<std::string> args_;
    std::size_t index_ = 0;
    bool options_ended_ = false;
    bool has_inline_value_ = false;
    std::string inline_value_;
};

/// How the commands that print a result per document print it: for a person, or one JSON object per line.
enum class output_format { text, json };

/// Handles `--format text|json` into `format`: returns false when `option` is another option.
[[nodiscard]] bool take_format_option(const std::string& option, argument_cursor& args, output_format& format);

/// Parses a positive decimal integer option value (e.g. `--jobs`), at most `max`; throws usage_error otherwise.
[[nodiscard]] unsigned parse_positive(std::string_view option, const std::string& text, unsigned max);

}  // namespace dlm_cli

#endif  // DLM_CLI_ARGS_HPP
