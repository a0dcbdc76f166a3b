// The second translation unit of the ODR test (see odr_a.cpp).
#include <dlm/dlm.hpp>

#include <string>

std::string odr_summary_b(const std::string& text) {
    static const dlm::validator validator;
    const dlm::report report = validator.validate_text(text);
    const dlm::upgrade_result upgraded = dlm::upgrade_text(text);
    return std::to_string(report.errors.size()) + "/" + std::to_string(upgraded.changes.size()) + "/" +
           std::string(dlm::rules::schema);
}
