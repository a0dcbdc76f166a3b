#ifndef DLM_DETAIL_MIGRATE_DATE_TIME_HPP
#define DLM_DETAIL_MIGRATE_DATE_TIME_HPP

// Date-times in the form STAC's schemas require: RFC 3339's date-time production (JSON Schema's `date-time`) and in
// UTC (every STAC version says so; the 1.0.0 and 1.1.0 schemas add the pattern `(\+00:00|Z)$`). Published documents
// also use forms that name the same instant differently; they are rewritten, never guessed at.

#include <dlm/detail/schema/formats.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dlm::detail::migrate {

/// A date-time rewritten to the form STAC requires, and why.
struct date_time_rewrite {
    std::string text;
    std::string reason;
};

/// YYYY-MM-DDThh:mm:ss from numbers in range.
[[nodiscard]] inline std::string format_date_time(int year, int month, int day, int hour, int minute, int second) {
    std::string out;
    const auto digits = [&out](int value, int width) {
        for (int place = width == 4 ? 1000 : 10; place > 0; place /= 10) out += static_cast<char>('0' + value / place % 10);
    };
    digits(year, 4);
    out += '-';
    digits(month, 2);
    out += '-';
    digits(day, 2);
    out += 'T';
    digits(hour, 2);
    out += ':';
    digits(minute, 2);
    out += ':';
    digits(second, 2);
    return out;
}

/// True when `text` is a date-time as STAC's schemas accept it: RFC 3339, ending in `Z` or `+00:00`.
[[nodiscard]] inline bool is_stac_date_time(std::string_view text) {
    const auto ends_with = [text](std::string_view end) {
        return text.size() >= end.size() && text.substr(text.size() - end.size()) == end;
    };
    return is_date_time(text) && (ends_with("Z") || ends_with("+00:00"));
}

/// The same instant as `text` in the form STAC requires, when `text` names one exactly but in another form: a space
/// between date and time (RFC 3339 section 5.6 lets applications choose it for readability; the ABNF that JSON Schema
/// follows has only `T`), lower-case `t` or `z`, an offset without its colon (`+0000`, ISO 8601's basic format), or an
/// offset other than UTC (converted: the instant is the same). Nothing when `text` is in that form already, or when a
/// part is missing (a date alone, a time without its offset): the document does not say which time or which zone.
[[nodiscard]] inline std::optional<date_time_rewrite> stac_date_time(std::string_view text) {
    if (is_stac_date_time(text)) return std::nullopt;
    const auto number = [text](std::size_t at, std::size_t length, int& out) {
        if (at + length > text.size()) return false;
        out = 0;
        for (std::size_t i = at; i < at + length; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!number(0, 4, year) || text.size() < 20 || text[4] != '-' || !number(5, 2, month) || text[7] != '-' ||
        !number(8, 2, day) || !number(11, 2, hour) || text[13] != ':' || !number(14, 2, minute) || text[16] != ':' ||
        !number(17, 2, second)) {
        return std::nullopt;
    }
    const char separator = text[10];
    if (separator != 'T' && separator != 't' && separator != ' ') return std::nullopt;
    std::size_t at = 19;
    if (at < text.size() && text[at] == '.') {
        ++at;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    }
    const std::string_view fraction = text.substr(19, at - 19);
    const std::string_view zone = text.substr(at);

    int offset = 0;  // minutes east of UTC
    bool colon_added = false;
    if (zone != "Z" && zone != "z") {
        int zone_hours = 0, zone_minutes = 0;
        const bool sign = !zone.empty() && (zone[0] == '+' || zone[0] == '-');
        const bool extended = zone.size() == 6 && zone[3] == ':' && number(at + 1, 2, zone_hours) && number(at + 4, 2, zone_minutes);
        const bool basic = zone.size() == 5 && number(at + 1, 2, zone_hours) && number(at + 3, 2, zone_minutes);
        if (!sign || !(extended || basic) || zone_hours > 23 || zone_minutes > 59) return std::nullopt;
        colon_added = basic;
        offset = (zone[0] == '-' ? -1 : 1) * (zone_hours * 60 + zone_minutes);
    }
    // The text with only its spelling changed must be a date-time (a real day, a valid time) before any arithmetic.
    if (!is_date_time(format_date_time(year, month, day, hour, minute, second) + std::string(fraction) + "Z") ||
        (second == 60 && offset != 0)) {
        return std::nullopt;  // a leap second away from UTC: RFC 3339 places it at 23:59:60Z only
    }

    const bool to_utc = offset != 0 || zone == "-00:00" || zone == "-0000";  // -00:00: UTC, local offset unknown
    if (offset != 0) {
        int minutes = hour * 60 + minute - offset;
        const auto days_in = [](int y, int m) {
            constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            return m == 2 && leap ? 29 : days[m - 1];
        };
        if (minutes < 0) {
            minutes += 24 * 60;
            if (--day == 0) {
                if (--month == 0) {
                    month = 12;
                    --year;
                }
                day = days_in(year, month);
            }
        } else if (minutes >= 24 * 60) {
            minutes -= 24 * 60;
            if (++day > days_in(year, month)) {
                day = 1;
                if (++month == 13) {
                    month = 1;
                    ++year;
                }
            }
        }
        hour = minutes / 60;
        minute = minutes % 60;
        if (year < 0 || year > 9999) return std::nullopt;
    }
    date_time_rewrite result;
    result.text = format_date_time(year, month, day, hour, minute, second) + std::string(fraction) + (zone == "+00:00" || zone == "+0000" ? "+00:00" : "Z");

    std::string why;
    const auto add = [&why](std::string_view part) { why += (why.empty() ? "" : ", ") + std::string(part); };
    if (separator == ' ') add("`T` in place of the space between date and time");
    if (separator == 't' || zone == "z") add("upper-case `T` and `Z`");
    if (colon_added && !to_utc) add("a colon in the offset");
    if (to_utc) add("in UTC, as STAC requires (offset " + std::string(zone) + " applied)");
    result.reason = "the same instant in RFC 3339's form: " + why;
    return result;
}

}  // namespace dlm::detail::migrate

#endif  // DLM_DETAIL_MIGRATE_DATE_TIME_HPP
