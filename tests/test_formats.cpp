#include <ctime>
#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include <dlm/detail/schema/formats.hpp>

namespace dlm_test_formats {  // each test file has a namespace of its own: the runner is a unity build

using namespace dlm::detail;
using namespace std::string_literals;

TEST_CASE("is_date_time accepts RFC 3339 date-times", "[formats]") {
    const std::string text = GENERATE(values<std::string>({
        "2021-01-01T00:00:00Z",
        "1985-04-12T23:20:50.52Z",
        "1996-12-19T16:39:57-08:00",
        "1937-01-01T12:00:27.87+00:20",
        "2020-02-29T12:00:00Z",           // leap year
        "2000-02-29T00:00:00+00:00",      // divisible by 400
        "0000-02-29T00:00:00Z",           // year 0000 is in the ABNF (4DIGIT) and a leap year
        "9999-12-31T23:59:59.999999999+23:59",
        "2021-01-01t00:00:00z",           // RFC 3339 allows lower-case t and z
        "1990-12-31T23:59:60Z",           // leap second at 23:59 UTC
        "1990-12-31T15:59:60-08:00",      // the same leap second, local time
        "1990-12-31T23:59:60.5Z",
        "2021-06-30T00:29:60+00:30",      // 23:59:60 UTC on the previous day
        "2021-04-30T10:00:00.1Z",
    }));
    CAPTURE(text);
    CHECK(is_date_time(text));
}

TEST_CASE("is_date_time rejects what RFC 3339 does not allow", "[formats]") {
    const std::string text = GENERATE(values<std::string>({
        "",
        "2021-02-29T00:00:00Z",           // 2021 is not a leap year
        "1900-02-29T00:00:00Z",           // divisible by 100, not by 400
        "2021-04-31T00:00:00Z",
        "2021-13-01T00:00:00Z",
        "2021-00-01T00:00:00Z",
        "2021-01-00T00:00:00Z",
        "2021-01-32T00:00:00Z",
        "2021-01-01T00:00:00|02:00",      // valijson's sign class accepted '|'
        "20210-01-01T00:00:00Z",          // five-digit year
        "021-01-01T00:00:00Z",
        "+2021-01-01T00:00:00Z",
        "2021-1-01T00:00:00Z",
        "2021-01-1T00:00:00Z",
        "2021-01-01T24:00:00Z",
        "2021-01-01T00:60:00Z",
        "2021-01-01T00:00:61Z",
        "2021-01-01T22:59:60Z",           // a leap second only happens at 23:59 UTC
        "2021-01-01T23:58:60Z",
        "1990-12-31T23:59:60+01:00",      // 22:59:60 UTC
        "2021-01-01T00:00:00",            // the offset is required
        "2021-01-01 00:00:00Z",           // a space separator is only an RFC 3339 note, not the ABNF
        "2021-01-01T00:00Z",              // seconds are required
        "2021-01-01T00:00:00.Z",          // a fraction needs a digit
        "2021-01-01T00:00:00,5Z",
        "2021-01-01T00:00:00+24:00",
        "2021-01-01T00:00:00+02:60",
        "2021-01-01T00:00:00+0200",
        "2021-01-01T00:00:00+02",
        "2021-01-01T00:00:00Z ",
        " 2021-01-01T00:00:00Z",
        "2021-01-01T00:00:00ZZ",
        "2021-01-01T00:00:00\0"s,
        "2021-01-01T00:00:00Z\0"s,
        "2021-01-01",
        "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x91-01-01T00:00:00Z",  // full-width digits
        "2021-01-01X00:00:00Z",
    }));
    CAPTURE(text);
    CHECK_FALSE(is_date_time(text));
}

TEST_CASE("is_date_time caps the fraction and survives hostile lengths", "[formats]") {
    const std::string prefix = "2021-01-01T00:00:00.";
    CHECK(is_date_time(prefix + std::string(max_fraction_digits, '5') + "Z"));
    CHECK_FALSE(is_date_time(prefix + std::string(max_fraction_digits + 1, '5') + "Z"));
    // libstdc++'s std::regex overflows the stack near 26k characters; these must simply be false.
    for (const std::size_t length : {std::size_t{26'300}, std::size_t{1} << 20}) {
        CHECK_FALSE(is_date_time(std::string(length, '2') + "-01-01T00:00:00Z"));
        CHECK_FALSE(is_date_time(prefix + std::string(length, '5') + "Z"));
        CHECK_FALSE(is_date_time(std::string(length, 'x')));
        CHECK_FALSE(is_date(std::string(length, '1')));
        CHECK_FALSE(is_time("00:00:00." + std::string(length, '0') + "Z"));
    }
}

TEST_CASE("is_date follows the Gregorian calendar", "[formats]") {
    CHECK(is_date("2021-02-28"));
    CHECK(is_date("2020-02-29"));
    CHECK(is_date("2000-02-29"));
    CHECK(is_date("0000-01-01"));
    CHECK(is_date("9999-12-31"));
    CHECK_FALSE(is_date("2021-02-29"));
    CHECK_FALSE(is_date("2100-02-29"));
    CHECK_FALSE(is_date("2021-06-31"));
    CHECK_FALSE(is_date("2021-01-01T00:00:00Z"));
    CHECK_FALSE(is_date("2021-01-01 "));
    CHECK_FALSE(is_date("2021/01/01"));
    CHECK_FALSE(is_date("10000-01-01"));

    // Every day of 1896 to 2104 against the C library's calendar (timegm normalizes an impossible day
    // into the next month, so the day survives the round trip only when it exists).
    for (int year = 1896; year <= 2104; ++year) {
        for (int month = 1; month <= 12; ++month) {
            for (int day = 1; day <= 31; ++day) {
                std::tm fields{};
                fields.tm_year = year - 1900;
                fields.tm_mon = month - 1;
                fields.tm_mday = day;
                fields.tm_hour = 12;
                const std::time_t seconds = timegm(&fields);
                std::tm back{};
                gmtime_r(&seconds, &back);
                const bool exists = back.tm_mday == day;
                const auto two_digits = [](int value) { return (value < 10 ? "0" : "") + std::to_string(value); };
                const std::string text = std::to_string(year) + "-" + two_digits(month) + "-" + two_digits(day);
                if (is_date(text) != exists) {
                    FAIL_CHECK(text << ": is_date says " << !exists);
                }
            }
        }
    }
}

TEST_CASE("is_time is RFC 3339 full-time: an offset is required", "[formats]") {
    CHECK(is_time("23:59:59Z"));
    CHECK(is_time("00:00:00+00:00"));
    CHECK(is_time("08:30:06.283185Z"));
    CHECK(is_time("23:59:60Z"));
    CHECK(is_time("15:59:60-08:00"));
    CHECK(is_time("00:59:60+01:00"));
    CHECK(is_time("12:00:00z"));
    CHECK_FALSE(is_time("12:00:00"));
    CHECK_FALSE(is_time("22:59:60Z"));
    CHECK_FALSE(is_time("23:59:60+01:00"));
    CHECK_FALSE(is_time("24:00:00Z"));
    CHECK_FALSE(is_time("1:00:00Z"));
    CHECK_FALSE(is_time("01:00:00.Z"));
    CHECK_FALSE(is_time("01:00:00-00:0"));
    CHECK_FALSE(is_time(""));
}

TEST_CASE("is_uri accepts absolute RFC 3986 URIs", "[formats]") {
    const std::string text = GENERATE(values<std::string>({
        "https://example.com",
        "http://example.com/path/to/item.json?query=1&b=2#fragment",
        "https://schemas.stacspec.org/v1.0.0-beta.3/extensions/dl-model/json-schema/schema.json",
        "urn:isbn:0451450523",
        "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
        "mailto:John.Doe@example.com",
        "tel:+1-816-555-1212",
        "news:comp.infosystems.www.servers.unix",
        "file:///tmp/model.pt",
        "s3://bucket/models/weights%20v1.pt",
        "http://[2001:db8::1]:8080/",
        "http://[2001:0db8:85a3:0000:0000:8a2e:0370:7334]",
        "http://[::1]",
        "http://[::]/",
        "http://[::ffff:192.0.2.128]/",
        "http://[1:2:3:4:5:6:7::]/",
        "http://[1:2:3:4:5:6:1.2.3.4]/",
        "http://[v1.fe80::a+en1]/",
        "ldap://[2001:db8::7]/c=GB?objectClass?one",
        "http://192.168.0.1:80/",
        "http://user:password@host:80/path",
        "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com",
        "http://example.com:",            // an empty port is allowed
        "http://",                        // an empty host is allowed (reg-name may be empty)
        "a:",                             // scheme and an empty path
        "x-y+z.1:rootless/path:with:colons",
        "http://example.com/%7Euser?%C3%A9#%20",
        "https://example.com/a?b?c/d#e?f/g",
    }));
    CAPTURE(text);
    CHECK(is_uri(text));
    CHECK(is_uri_reference(text));
    CHECK(is_iri(text));
    CHECK(is_iri_reference(text));
}

TEST_CASE("is_uri rejects relative references and malformed URIs", "[formats]") {
    const std::string text = GENERATE(values<std::string>({
        "",
        "example.com",                    // a relative reference
        "//example.com/a",                // network-path reference
        "/absolute/path",
        "1http://example.com",            // a scheme starts with a letter
        "ht,tp://example.com",
        ":no-scheme",
        "http://exa mple.com/",
        "http://example.com/a b",
        "http://example.com/a\tb",
        "http://example.com/%zz",
        "http://example.com/%4",
        "http://example.com/%",
        "http://[::1",
        "http://[::1]x/",
        "http://[1:2:3:4:5:6:7:8:9]/",
        "http://[1:2:3:4:5:6:7]/",        // seven groups need a ::
        "http://[1:2:3:4:5:6:7:8::]/",
        "http://[::1::2]/",
        "http://[:1:2:3:4:5:6:7]/",
        "http://[1:2:3:4:5:6:7:]/",
        "http://[12345::1]/",
        "http://[g::1]/",
        "http://[1.2.3.4]/",
        "http://[::256.1.1.1]/",
        "http://[::01.1.1.1]/",           // dec-octet has no leading zero
        "http://[::1.2.3]/",
        "http://[fe80::1%25en0]/",        // RFC 6874 zone identifiers are not accepted
        "http://[v1]/",
        "http://[vz.x]/",
        "http://host:80a/",
        "http://a@b@c/",
        "http://example.com/[x]",
        "http://example.com/a#b#c",
        "http://example.com/\\x",
        "\\\\server\\share",
        "http://example.com/\"",
        "http://example.com/<x>",
        "http://ex\xC3\xA4mple.com/",     // non-ASCII: an IRI, not a URI
        "http://example.com/\xFF",
        "http://example.com/\x7F",
        "http://example.com/\0"s,
    }));
    CAPTURE(text);
    CHECK_FALSE(is_uri(text));
}

TEST_CASE("is_uri_reference also accepts relative references", "[formats]") {
    for (const std::string_view text : {"", "a", "item.json", "./item.json", "../catalog.json", "/path", "//host/path",
                                        "//host", "?q=1", "#frag", "a/b:c", "./a:b", "a?b:c", "a#b:c", "%41"}) {
        CAPTURE(text);
        CHECK(is_uri_reference(text));
        CHECK(is_iri_reference(text));
        CHECK(is_uri(text) == false);
    }
    for (const std::string_view text : {"a:b c", "1a:b", ":b", "a b", "%", "%g0", "\\\\server\\share", "a#b#c",
                                        "//[::1", "//a@b@c", "é.json"}) {
        CAPTURE(text);
        CHECK_FALSE(is_uri_reference(text));
    }
}

TEST_CASE("is_iri and is_iri_reference allow RFC 3987 non-ASCII characters", "[formats]") {
    const std::string iri = "https://例え.テスト/パス/ファイル.json?クエリ=値#断片";
    CHECK(is_iri(iri));
    CHECK(is_iri_reference(iri));
    CHECK_FALSE(is_uri(iri));
    CHECK(is_iri("http://user\xC3\xA9@ex\xC3\xA4mple.com/"));
    CHECK(is_iri_reference("../ファイル.json"));
    CHECK(is_iri("http://x/\xF0\x9F\x98\x80"));               // U+1F600 (plane 1)
    // Private use characters are allowed in the query only.
    CHECK(is_iri("http://x/?\xEE\x80\x80"));                  // U+E000
    CHECK_FALSE(is_iri("http://x/\xEE\x80\x80"));
    CHECK_FALSE(is_iri("http://x/#\xEE\x80\x80"));
    // Not ucschar: noncharacters, C1 controls, bidi-free ranges excluded by RFC 3987.
    CHECK_FALSE(is_iri("http://x/\xEF\xBF\xBE"));             // U+FFFE
    CHECK_FALSE(is_iri("http://x/\xF0\x9F\xBF\xBF"));         // U+1FFFF
    CHECK_FALSE(is_iri("http://x/\xC2\x85"));                 // U+0085
    CHECK_FALSE(is_iri("http://x/\xEF\xB7\x90"));             // U+FDD0
    // Ill-formed UTF-8 is never an IRI.
    CHECK_FALSE(is_iri("http://x/\xFF"));
    CHECK_FALSE(is_iri("http://x/\xC3"));
    CHECK_FALSE(is_iri("http://x/\xED\xA0\x80"));             // encoded surrogate
    CHECK_FALSE(is_iri_reference("a b"));
    CHECK_FALSE(is_iri("パス:x"));                            // the scheme stays ASCII
}

TEST_CASE("is_email checks a reasonable RFC 5321 mailbox", "[formats]") {
    for (const std::string_view text :
         {"joe.bloggs@example.com", "a@b", "te~st@example.com", "user+tag@sub.example.co.uk", "\"joe bloggs\"@example.com",
          "\"a\\\"b\"@example.com", "\"a@b\"@example.com", "joe@[127.0.0.1]", "joe@[IPv6:::1]",
          "joe@[IPv6:2001:db8::1]", "a.b.c@x-y.z", "!#$%&'*+-/=?^_`{|}~@example.com", "1@2.3"}) {
        CAPTURE(text);
        CHECK(is_email(text));
    }
    for (const std::string_view text :
         {"", "@example.com", "joe@", "joe", ".joe@example.com", "joe.@example.com", "jo..e@example.com",
          "joe bloggs@example.com", "joe@exa mple.com", "joe@invalid=domain.com", "joe@[127.0.0.300]",
          "joe@[::1]", "joe@[IPv6:1::2::3]", "joe@-example.com", "joe@example-.com", "joe@example..com",
          "joe@example.com.", "j\xC3\xB6" "e@example.com", "a@b@c", "\"unterminated@example.com", "\"a\"b@example.com",
          "joe@example.com\n", "\"a\x01\"@example.com"}) {
        CAPTURE(text);
        CHECK_FALSE(is_email(text));
    }
    SECTION("RFC 5321 lengths: 64 bytes of local part, 63 per label, 254 in all") {
        CHECK(is_email(std::string(64, 'a') + "@example.com"));
        CHECK_FALSE(is_email(std::string(65, 'a') + "@example.com"));
        CHECK(is_email("a@" + std::string(63, 'b') + ".com"));
        CHECK_FALSE(is_email("a@" + std::string(64, 'b') + ".com"));
        const std::string domain = std::string(63, 'd') + "." + std::string(63, 'd') + "." + std::string(63, 'd') + ".";
        CHECK(is_email("a@" + domain + std::string(60, 'd')));  // 254 bytes
        CHECK_FALSE(is_email("a@" + domain + std::string(61, 'd')));
    }
}

TEST_CASE("format checks stay linear and safe on hostile input", "[formats]") {
    for (const std::size_t length : {std::size_t{26'300}, std::size_t{4} << 20}) {
        const std::string digits(length, '1');
        const std::string letters(length, 'a');
        CHECK_FALSE(is_uri(digits));
        CHECK(is_uri("a:" + letters));
        CHECK(is_iri_reference(letters));
        CHECK(is_uri("http://example.com/" + letters + "?" + letters + "#" + letters));
        CHECK_FALSE(is_uri("http://example.com/" + letters + " "));
        CHECK_FALSE(is_uri("http://[" + std::string(length, ':') + "]/"));
        CHECK_FALSE(is_uri(std::string(length, '%')));
        CHECK_FALSE(is_email(letters + "@example.com"));
        CHECK_FALSE(is_email(std::string(length, '@')));
    }
}

}  // namespace dlm_test_formats
