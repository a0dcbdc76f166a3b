// libFuzzer target: the migration's date-time rewrite (dlm/detail/migrate/date_time.hpp) on any text. A rewrite must
// be in the form STAC requires, must name the same instant (checked against a plain count of seconds since year 0),
// must say why, and must not be rewritten again; text in that form must never be rewritten.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <dlm/detail/migrate/date_time.hpp>

#include "fuzz_target.hpp"
#include "fuzz_checks.hpp"

namespace dlm_fuzz_date_time {

/// Minutes since 0000-01-01T00:00 of YYYY-MM-DD?hh:mm, by counting days (independent of the rewrite's arithmetic).
long long minutes_of(std::string_view text) {
    const auto number = [text](std::size_t at, std::size_t length) {
        long long value = 0;
        for (std::size_t i = at; i < at + length; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    const long long year = number(0, 4), month = number(5, 2), day = number(8, 2);
    long long days = 0;
    for (long long y = 0; y < year; ++y) days += (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365;
    constexpr int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (long long m = 1; m < month; ++m) {
        days += lengths[m - 1] + (m == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 1 : 0);
    }
    days += day - 1;
    return days * 1440 + number(11, 2) * 60 + number(14, 2);
}

/// The zone of `text`: its Z, or its last 5 or 6 characters.
std::string_view zone_of(std::string_view text) {
    const char last = text.back();
    if (last == 'Z' || last == 'z') return text.substr(text.size() - 1);
    return text.substr(text.size() - (text[text.size() - 3] == ':' ? 6 : 5));
}

/// The offset of `text` from UTC in minutes (east positive).
long long offset_of(std::string_view text) {
    const std::string_view zone = zone_of(text);
    if (zone.size() == 1) return 0;
    const long long hours = (zone[1] - '0') * 10 + (zone[2] - '0');
    const std::size_t m = zone.size() == 6 ? 4 : 3;
    const long long minutes = (zone[m] - '0') * 10 + (zone[m + 1] - '0');
    return (zone[0] == '-' ? -1 : 1) * (hours * 60 + minutes);
}

int one_input(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto rewrite = dlm::detail::migrate::stac_date_time(text);
    if (!rewrite) return 0;
    using dlm_fuzz::require;
    require(!dlm::detail::migrate::is_stac_date_time(text), "a date-time already in STAC's form was rewritten");
    require(dlm::detail::migrate::is_stac_date_time(rewrite->text), "a rewrite is not in STAC's form");
    require(!dlm::detail::migrate::stac_date_time(rewrite->text), "a rewrite would be rewritten again");
    require(!rewrite->reason.empty(), "a rewrite without a reason");
    require(minutes_of(text) - offset_of(text) == minutes_of(rewrite->text) - offset_of(rewrite->text),
            "a rewrite names another instant");
    const auto seconds = [](std::string_view t) { return t.substr(17, t.size() - zone_of(t).size() - 17); };
    require(seconds(text) == seconds(rewrite->text), "a rewrite changed the seconds or their fraction");
    return 0;
}

const dlm_fuzz::target_registration registration{"date_time", &one_input};

}  // namespace dlm_fuzz_date_time
