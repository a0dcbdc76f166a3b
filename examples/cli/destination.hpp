// Where the commands that rewrite documents (upgrade, export-mlm) write each result: the options -o/--output OUT,
// -i/--in-place, -n/--dry-run and -f/--force, parsed and checked in one place.
#ifndef DLM_CLI_DESTINATION_HPP
#define DLM_CLI_DESTINATION_HPP

#include "args.hpp"
#include "files.hpp"

#include <string>
#include <vector>

namespace dlm_cli {

/// Where a result goes: standard output (the default, and `-o -`), back into the file it came from, one named file,
/// or nowhere (a dry run).
enum class destination { standard_output, in_place, output_file, nowhere };

/// The destination a command line chose.
struct destination_options {
    destination to = destination::standard_output;
    std::string output;     ///< the file of -o (destination::output_file)
    write_options writing;  ///< --force
};

/// Collects the destination options while a command walks its arguments, then checks them together.
class destination_parser {
public:
    /// Handles -o/--output, -i/--in-place, -n/--dry-run and -f/--force; returns false for any other option.
    bool take(const std::string& option, argument_cursor& args);

    /// The destination, once every option is read. Throws usage_error when more than one of --in-place, -o and
    /// --dry-run is given, when -o comes with more than one PATH, and when --in-place comes with standard input (-).
    [[nodiscard]] destination_options settle(const std::vector<std::string>& paths) const;

private:
    bool in_place_ = false;
    bool dry_run_ = false;
    bool has_output_ = false;
    destination_options chosen_;
};

}  // namespace dlm_cli

#endif  // DLM_CLI_DESTINATION_HPP
