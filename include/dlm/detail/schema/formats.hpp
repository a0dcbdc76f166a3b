#ifndef DLM_DETAIL_SCHEMA_FORMATS_HPP
#define DLM_DETAIL_SCHEMA_FORMATS_HPP

// Checks for the JSON Schema `format` values STAC uses, written as small linear scanners instead of
// std::regex (libstdc++'s regex recurses once per character and overflows the stack on long input).
// Every function reads its argument once from left to right, allocates nothing and never recurses.

#include <cstddef>
#include <string_view>

#include <dlm/detail/json/text.hpp>

namespace dlm::detail {

/// The longest fraction of a second `is_time`/`is_date_time` accept. RFC 3339 sets no bound; real
/// timestamps stop at 9 digits (nanoseconds), so 64 only rejects input that is clearly not a time.
inline constexpr std::size_t max_fraction_digits = 64;

namespace format_scan {

[[nodiscard]] constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_alpha(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
[[nodiscard]] constexpr bool is_hex(char c) noexcept {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// Reads exactly `count` decimal digits at `text[at]` into `value`, advancing `at`.
[[nodiscard]] constexpr bool read_digits(std::string_view text, std::size_t& at, std::size_t count, int& value) noexcept {
    if (text.size() - at < count) {
        return false;
    }
    value = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const char c = text[at + i];
        if (!is_digit(c)) {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    at += count;
    return true;
}

/// Consumes `expected` at `text[at]`.
[[nodiscard]] constexpr bool read_char(std::string_view text, std::size_t& at, char expected) noexcept {
    if (at < text.size() && text[at] == expected) {
        ++at;
        return true;
    }
    return false;
}

[[nodiscard]] constexpr bool is_leap_year(int year) noexcept {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

[[nodiscard]] constexpr int days_in_month(int year, int month) noexcept {
    constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

/// RFC 3339 full-date: 4DIGIT "-" 2DIGIT "-" 2DIGIT, a real day of the proleptic Gregorian calendar.
[[nodiscard]] constexpr bool read_full_date(std::string_view text, std::size_t& at) noexcept {
    int year = 0;
    int month = 0;
    int day = 0;
    return read_digits(text, at, 4, year) && read_char(text, at, '-') && read_digits(text, at, 2, month) &&
           month >= 1 && month <= 12 && read_char(text, at, '-') && read_digits(text, at, 2, day) && day >= 1 &&
           day <= days_in_month(year, month);
}

/// RFC 3339 full-time: partial-time time-offset. A leap second (:60) is accepted only where it can
/// occur, at 23:59 UTC once the offset is applied (as the JSON Schema test suite expects).
[[nodiscard]] constexpr bool read_full_time(std::string_view text, std::size_t& at) noexcept {
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!(read_digits(text, at, 2, hour) && hour <= 23 && read_char(text, at, ':') &&
          read_digits(text, at, 2, minute) && minute <= 59 && read_char(text, at, ':') &&
          read_digits(text, at, 2, second) && second <= 60)) {
        return false;
    }
    if (read_char(text, at, '.')) {
        std::size_t digits = 0;
        while (at < text.size() && is_digit(text[at])) {
            ++at;
            if (++digits > max_fraction_digits) {
                return false;
            }
        }
        if (digits == 0) {
            return false;
        }
    }
    int offset_minutes = 0;
    if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
        ++at;
    } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
        const int sign = text[at] == '-' ? -1 : 1;
        ++at;
        int offset_hour = 0;
        int offset_minute = 0;
        if (!(read_digits(text, at, 2, offset_hour) && offset_hour <= 23 && read_char(text, at, ':') &&
              read_digits(text, at, 2, offset_minute) && offset_minute <= 59)) {
            return false;
        }
        offset_minutes = sign * (offset_hour * 60 + offset_minute);
    } else {
        return false;
    }
    if (second == 60) {
        constexpr int minutes_per_day = 24 * 60;
        const int utc = ((hour * 60 + minute - offset_minutes) % minutes_per_day + minutes_per_day) % minutes_per_day;
        return utc == minutes_per_day - 1;
    }
    return true;
}

// ---- RFC 3986 / RFC 3987 ----------------------------------------------------------------------

[[nodiscard]] constexpr bool is_unreserved(char c) noexcept {
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

[[nodiscard]] constexpr bool is_sub_delim(char c) noexcept {
    switch (c) {
        case '!': case '$': case '&': case '\'': case '(': case ')':
        case '*': case '+': case ',': case ';': case '=': return true;
        default: return false;
    }
}

/// RFC 3987 ucschar: the non-ASCII code points an IRI may hold outside the query's private use.
[[nodiscard]] constexpr bool is_ucschar(char32_t c) noexcept {
    if ((c >= 0xA0 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFEF)) {
        return true;
    }
    if (c < 0x10000 || c > 0xEFFFD) {
        return false;
    }
    // Planes 1 to 14: everything but the last two code points of each plane; plane 14 starts at E1000.
    return (c & 0xFFFFu) <= 0xFFFDu && (c < 0xE0000 || c >= 0xE1000);
}

/// RFC 3987 iprivate, allowed in an IRI's query only.
[[nodiscard]] constexpr bool is_iprivate(char32_t c) noexcept {
    return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xF0000 && c <= 0xFFFFD) || (c >= 0x100000 && c <= 0x10FFFD);
}

/// Which ASCII characters a URI component may hold besides unreserved ones and %XX.
enum class component { userinfo, host, path, path_first_segment_no_colon, query, fragment };

[[nodiscard]] constexpr bool is_allowed_ascii(char c, component part) noexcept {
    if (is_unreserved(c) || is_sub_delim(c)) {
        return true;
    }
    switch (part) {
        case component::userinfo: return c == ':';
        case component::host: return false;
        case component::path: return c == ':' || c == '@' || c == '/';
        case component::path_first_segment_no_colon: return c == '@' || c == '/';
        case component::query:
        case component::fragment: return c == ':' || c == '@' || c == '/' || c == '?';
    }
    return false;
}

/// Checks every character of one component: allowed ASCII, well-formed %XX, and for an IRI the
/// non-ASCII code points RFC 3987 allows there.
[[nodiscard]] constexpr bool scan_component(std::string_view text, component part, bool iri) noexcept {
    for (std::size_t at = 0; at < text.size();) {
        const char c = text[at];
        if (c == '%') {
            if (text.size() - at < 3 || !is_hex(text[at + 1]) || !is_hex(text[at + 2])) {
                return false;
            }
            at += 3;
        } else if (static_cast<unsigned char>(c) >= 0x80) {
            if (!iri) {
                return false;
            }
            const utf8_char decoded = decode_utf8(text, at);
            if (!decoded.valid ||
                !(is_ucschar(decoded.code_point) || (part == component::query && is_iprivate(decoded.code_point)))) {
                return false;
            }
            at += decoded.length;
        } else if (is_allowed_ascii(c, part)) {
            ++at;
        } else {
            return false;
        }
    }
    return true;
}

/// dec-octet "." dec-octet "." dec-octet "." dec-octet, without leading zeros.
[[nodiscard]] constexpr bool is_ipv4_address(std::string_view text) noexcept {
    std::size_t at = 0;
    for (int octet = 0; octet < 4; ++octet) {
        if (octet > 0 && !read_char(text, at, '.')) {
            return false;
        }
        const std::size_t begin = at;
        int value = 0;
        while (at < text.size() && is_digit(text[at]) && at - begin < 3) {
            value = value * 10 + (text[at] - '0');
            ++at;
        }
        const std::size_t length = at - begin;
        if (length == 0 || value > 255 || (length > 1 && text[begin] == '0')) {
            return false;
        }
    }
    return at == text.size();
}

/// RFC 3986 IPv6address: eight 16-bit groups, or fewer with one "::", the last two possibly an IPv4 address.
[[nodiscard]] constexpr bool is_ipv6_address(std::string_view text) noexcept {
    std::size_t groups = 0;
    bool compressed = false;
    std::size_t at = 0;
    if (text.substr(0, 2) == "::") {
        compressed = true;
        at = 2;
    } else if (!text.empty() && text[0] == ':') {
        return false;
    }
    while (at < text.size()) {
        std::size_t end = text.find(':', at);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view piece = text.substr(at, end - at);
        if (piece.find('.') != std::string_view::npos) {
            if (end != text.size() || !is_ipv4_address(piece)) {
                return false;
            }
            groups += 2;
            break;
        }
        if (piece.empty() || piece.size() > 4) {
            return false;
        }
        for (const char c : piece) {
            if (!is_hex(c)) {
                return false;
            }
        }
        ++groups;
        if (end == text.size()) {
            break;
        }
        if (end + 1 < text.size() && text[end + 1] == ':') {
            if (compressed) {
                return false;
            }
            compressed = true;
            at = end + 2;
        } else {
            at = end + 1;
            if (at == text.size()) {
                return false;  // a single trailing colon
            }
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

/// The inside of an IP-literal: IPv6address or IPvFuture ("v" 1*HEXDIG "." 1*( unreserved / sub-delims / ":" )).
/// IPv6 zone identifiers (RFC 6874) are not accepted.
[[nodiscard]] constexpr bool is_ip_literal_content(std::string_view text) noexcept {
    if (!text.empty() && (text[0] == 'v' || text[0] == 'V')) {
        std::size_t at = 1;
        const std::size_t hex_begin = at;
        while (at < text.size() && is_hex(text[at])) {
            ++at;
        }
        if (at == hex_begin || !read_char(text, at, '.') || at == text.size()) {
            return false;
        }
        for (; at < text.size(); ++at) {
            if (!(is_unreserved(text[at]) || is_sub_delim(text[at]) || text[at] == ':')) {
                return false;
            }
        }
        return true;
    }
    return is_ipv6_address(text);
}

/// authority = [ userinfo "@" ] host [ ":" port ].
[[nodiscard]] constexpr bool is_authority(std::string_view text, bool iri) noexcept {
    const std::size_t at_sign = text.find('@');
    if (at_sign != std::string_view::npos) {
        if (!scan_component(text.substr(0, at_sign), component::userinfo, iri)) {
            return false;
        }
        text.remove_prefix(at_sign + 1);
    }
    std::string_view port;
    if (!text.empty() && text[0] == '[') {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos || !is_ip_literal_content(text.substr(1, close - 1))) {
            return false;
        }
        const std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest[0] != ':') {
                return false;
            }
            port = rest.substr(1);
        }
    } else {
        const std::size_t colon = text.find(':');
        if (colon != std::string_view::npos) {
            port = text.substr(colon + 1);
            text = text.substr(0, colon);
        }
        if (!scan_component(text, component::host, iri)) {
            return false;
        }
    }
    for (const char c : port) {
        if (!is_digit(c)) {
            return false;
        }
    }
    return true;
}

/// URI / IRI reference: with `require_scheme` only an absolute form (scheme ":" hier-part [ "?" query ] [ "#" fragment ]).
[[nodiscard]] constexpr bool is_reference(std::string_view text, bool iri, bool require_scheme) noexcept {
    const std::size_t first_delimiter = text.find_first_of(":/?#");
    bool has_scheme = false;
    if (first_delimiter != std::string_view::npos && text[first_delimiter] == ':') {
        // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        has_scheme = first_delimiter > 0 && is_alpha(text[0]);
        for (std::size_t i = 1; has_scheme && i < first_delimiter; ++i) {
            const char c = text[i];
            has_scheme = is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
        }
        if (!has_scheme) {
            return false;  // not a scheme, and a relative path's first segment cannot hold ':'
        }
        text.remove_prefix(first_delimiter + 1);
    }
    if (require_scheme && !has_scheme) {
        return false;
    }
    const std::size_t hash = text.find('#');
    if (hash != std::string_view::npos) {
        if (!scan_component(text.substr(hash + 1), component::fragment, iri)) {
            return false;
        }
        text = text.substr(0, hash);
    }
    const std::size_t question = text.find('?');
    if (question != std::string_view::npos) {
        if (!scan_component(text.substr(question + 1), component::query, iri)) {
            return false;
        }
        text = text.substr(0, question);
    }
    if (text.substr(0, 2) == "//") {
        const std::size_t path_begin = text.find('/', 2);
        const std::string_view authority =
            text.substr(2, path_begin == std::string_view::npos ? std::string_view::npos : path_begin - 2);
        if (!is_authority(authority, iri)) {
            return false;
        }
        return path_begin == std::string_view::npos || scan_component(text.substr(path_begin), component::path, iri);
    }
    if (has_scheme) {
        return scan_component(text, component::path, iri);
    }
    // relative-ref: path-noscheme's first segment has no ':' (already guaranteed by the scheme check
    // above, kept explicit here so the rule reads as the RFC states it).
    const std::size_t slash = text.find('/');
    const std::string_view first_segment = text.substr(0, slash);
    return scan_component(first_segment, component::path_first_segment_no_colon, iri) &&
           (slash == std::string_view::npos || scan_component(text.substr(slash), component::path, iri));
}

// ---- RFC 5321 / RFC 5322 mailbox --------------------------------------------------------------

[[nodiscard]] constexpr bool is_atext(char c) noexcept {
    if (is_alpha(c) || is_digit(c)) {
        return true;
    }
    switch (c) {
        case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
        case '/': case '=': case '?': case '^': case '_': case '`': case '{': case '|': case '}': case '~':
            return true;
        default: return false;
    }
}

/// A domain name: labels of letters, digits and hyphens (1 to 63 characters, no hyphen at either end)
/// separated by single dots.
[[nodiscard]] constexpr bool is_hostname(std::string_view text) noexcept {
    if (text.empty() || text.size() > 253) {
        return false;
    }
    std::size_t label_length = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '.') {
            if (label_length == 0 || label_length > 63 || text[i - 1] == '-') {
                return false;
            }
            label_length = 0;
        } else if (is_alpha(text[i]) || is_digit(text[i]) || (text[i] == '-' && label_length > 0)) {
            ++label_length;
        } else {
            return false;
        }
    }
    return true;
}

}  // namespace format_scan

/// JSON Schema `date` (RFC 3339 full-date): YYYY-MM-DD, year 0000-9999, a real calendar day.
[[nodiscard]] constexpr bool is_date(std::string_view text) noexcept {
    std::size_t at = 0;
    return format_scan::read_full_date(text, at) && at == text.size();
}

/// JSON Schema `time` (RFC 3339 full-time): hh:mm:ss[.fraction] then Z or [+-]hh:mm; 1 to
/// `max_fraction_digits` fraction digits; :60 only at 23:59 UTC.
[[nodiscard]] constexpr bool is_time(std::string_view text) noexcept {
    std::size_t at = 0;
    return format_scan::read_full_time(text, at) && at == text.size();
}

/// JSON Schema `date-time` (RFC 3339 date-time, used by STAC `datetime`, `created`, ...): full-date,
/// `T` or `t` (not a space: JSON Schema follows the ABNF), full-time. `z` and `t` may be lower case.
[[nodiscard]] constexpr bool is_date_time(std::string_view text) noexcept {
    std::size_t at = 0;
    return format_scan::read_full_date(text, at) && at < text.size() && (text[at] == 'T' || text[at] == 't') &&
           format_scan::read_full_time(text, ++at) && at == text.size();
}

/// JSON Schema `uri`: an absolute RFC 3986 URI (scheme ":" hier-part, optional query and fragment), ASCII only.
[[nodiscard]] constexpr bool is_uri(std::string_view text) noexcept {
    return format_scan::is_reference(text, false, true);
}

/// JSON Schema `uri-reference`: an RFC 3986 URI or relative reference (the empty string included).
[[nodiscard]] constexpr bool is_uri_reference(std::string_view text) noexcept {
    return format_scan::is_reference(text, false, false);
}

/// JSON Schema `iri`: an absolute RFC 3987 IRI (a URI that may also hold UTF-8 ucschar code points).
[[nodiscard]] constexpr bool is_iri(std::string_view text) noexcept {
    return format_scan::is_reference(text, true, true);
}

/// JSON Schema `iri-reference` (STAC link `href`): an RFC 3987 IRI or relative reference.
[[nodiscard]] constexpr bool is_iri_reference(std::string_view text) noexcept {
    return format_scan::is_reference(text, true, false);
}

/// JSON Schema `email`: local "@" domain, ASCII only. The local part is a dot-atom or a quoted string
/// (at most 64 bytes); the domain is a host name or an address literal `[1.2.3.4]` / `[IPv6:...]`;
/// the whole address is at most 254 bytes (RFC 5321's limits). Comments and folding white space are not accepted.
[[nodiscard]] constexpr bool is_email(std::string_view text) noexcept {
    using namespace format_scan;
    if (text.size() > 254) {
        return false;
    }
    std::size_t at = 0;
    if (read_char(text, at, '"')) {
        for (;;) {
            if (at == text.size()) {
                return false;
            }
            const char c = text[at++];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (at == text.size() || text[at] < ' ' || text[at] > '~') {
                    return false;
                }
                ++at;
            } else if (c < ' ' || c > '~') {
                return false;
            }
        }
    } else {
        bool after_dot = true;  // no leading dot, no two dots in a row, no trailing dot
        while (at < text.size() && text[at] != '@') {
            if (text[at] == '.') {
                if (after_dot) {
                    return false;
                }
                after_dot = true;
            } else if (is_atext(text[at])) {
                after_dot = false;
            } else {
                return false;
            }
            ++at;
        }
        if (after_dot) {
            return false;
        }
    }
    if (at > 64 || !read_char(text, at, '@')) {
        return false;
    }
    const std::string_view domain = text.substr(at);
    if (domain.size() >= 2 && domain.front() == '[' && domain.back() == ']') {
        const std::string_view literal = domain.substr(1, domain.size() - 2);
        if (literal.substr(0, 5) == "IPv6:") {
            return is_ipv6_address(literal.substr(5));
        }
        return is_ipv4_address(literal);
    }
    return is_hostname(domain);
}

}  // namespace dlm::detail

#endif  // DLM_DETAIL_SCHEMA_FORMATS_HPP
