// The ODR test: two translation units that include the whole library, linked into one program (odr_main.cpp).
// A non-template function defined in a header without `inline` would be defined twice and fail to link; an
// inline variable or function-local static that is not shared would make the two halves disagree.
#include <dlm/dlm.hpp>

#include <string>

std::string odr_summary_a(const std::string& text) {
    static const dlm::validator validator;
    const dlm::report report = validator.validate_text(text);
    const dlm::upgrade_result upgraded = dlm::upgrade_text(text);
    return std::to_string(report.errors.size()) + "/" + std::to_string(upgraded.changes.size()) + "/" +
           std::string(dlm::rules::schema);
}
