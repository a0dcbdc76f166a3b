// dlm/report_text.hpp: the text of a report, shared by the tool and the test-framework helpers.

#include <catch2/catch.hpp>

#include <string>

#include <dlm/report.hpp>
#include <dlm/report_text.hpp>
#include <dlm/rules.hpp>

namespace dlm_test_report_text {  // each test file has a namespace of its own: the runner is a unity build

TEST_CASE("to_text writes one aligned line per finding, errors first", "[report-text]") {
    dlm::report r;
    r.warning(dlm::rules::dlm_legacy_selected_band, "/properties/dlm:inputs/selected_band", "use selected_bands");
    r.error(dlm::rules::schema, "", "expected an object");
    r.error(dlm::rules::dlm_consistency_band_index, "/properties/dlm:inputs/selected_bands/2", "5 is not below 4");
    CHECK(dlm::to_text(r) ==
          "  error   (document)  schema  expected an object\n"
          "  error   /properties/dlm:inputs/selected_bands/2  dlm.consistency.band-index  5 is not below 4\n"
          "  warning /properties/dlm:inputs/selected_band  dlm.legacy.selected-band  use selected_bands\n");
    CHECK(dlm::to_text(dlm::report{}).empty());
}

TEST_CASE("to_text escapes control characters that a document's member names put into pointers", "[report-text]") {
    dlm::report r;
    r.error(dlm::rules::schema, "/properties/evil\x1b[2K\r  valid", "member is not allowed here");
    const std::string text = dlm::to_text(r);
    CHECK(text.find('\x1b') == std::string::npos);
    CHECK(text.find('\r') == std::string::npos);
    CHECK(text.find("\\u001b[2K\\r  valid") != std::string::npos);
    CHECK(text.back() == '\n');
    CHECK(text.find('\n') == text.size() - 1);  // one finding, one line
}

TEST_CASE("to_text decorates the severity word only", "[report-text]") {
    dlm::report r;
    r.error(dlm::rules::schema, "/a", "m");
    r.warning(dlm::rules::schema, "/b", "n");
    CHECK(dlm::to_text(r, {"<E>", "<W>", "</>"}) == "  <E>error</>   /a  schema  m\n  <W>warning</> /b  schema  n\n");
}

TEST_CASE("summary_text counts errors and warnings, singular for one", "[report-text]") {
    dlm::report r;
    CHECK(dlm::summary_text(r) == "0 errors, 0 warnings");
    r.error(dlm::rules::schema, "", "x");
    r.warning(dlm::rules::schema, "", "y");
    CHECK(dlm::summary_text(r) == "1 error, 1 warning");
    r.warning(dlm::rules::schema, "", "z");
    CHECK(dlm::summary_text(r) == "1 error, 2 warnings");
}

}  // namespace dlm_test_report_text
