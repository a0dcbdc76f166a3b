#include "destination.hpp"

#include <algorithm>

namespace dlm_cli {

bool destination_parser::take(const std::string& option, argument_cursor& args) {
    if (option == "--in-place" || option == "-i") {
        args.expect_no_value(option);
        in_place_ = true;
    } else if (option == "--output" || option == "-o") {
        chosen_.output = args.value(option);
        if (chosen_.output.empty()) throw usage_error(option + " needs a file name");
        has_output_ = true;
    } else if (option == "--dry-run" || option == "-n") {
        args.expect_no_value(option);
        dry_run_ = true;
    } else if (option == "--force" || option == "-f") {
        args.expect_no_value(option);
        chosen_.writing.replace_read_only = true;
    } else {
        return false;
    }
    return true;
}

destination_options destination_parser::settle(const std::vector<std::string>& paths) const {
    if (in_place_ + has_output_ + dry_run_ > 1) throw usage_error("--in-place, -o and --dry-run cannot be used together");
    if (has_output_ && paths.size() != 1) throw usage_error("-o takes exactly one PATH");
    if (in_place_ && std::find(paths.begin(), paths.end(), "-") != paths.end()) {
        throw usage_error("--in-place needs a FILE; standard input is written to standard output or -o");
    }
    destination_options settled = chosen_;
    settled.to = dry_run_                              ? destination::nowhere
                 : in_place_                           ? destination::in_place
                 : has_output_ && chosen_.output != "-" ? destination::output_file
                                                       : destination::standard_output;
    return settled;
}

}  // namespace dlm_cli
