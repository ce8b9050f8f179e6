#include "netlog/dates.hpp"
#include "netlog/error.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <string>

using namespace netlog;

namespace {

Date iso(const char* text) {
    const auto d = parse_iso_date(text);
    REQUIRE_MESSAGE(d.has_value(), text);
    return *d;
}

// Every test runs on Thursday 2026-11-26 unless it says otherwise.
const Date today = Date::from_ymd(2026, 11, 26);

std::string past(const char* text, Date on = today) {
    return format_date(parse_date(text, on, DateSense::past));
}
std::string future(const char* text, Date on = today) {
    return format_date(parse_date(text, on, DateSense::future));
}

// The message of the usage error `parse_date` throws for `text`.
std::string date_error(const char* text, DateSense sense = DateSense::past, Date on = today) {
    try {
        parse_date(text, on, sense);
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
        return e.what();
    }
    FAIL("no error for '" << text << "'");
    return {};
}

std::string duration_error(const char* text, bool allow_zero = false) {
    try {
        parse_duration(text, allow_zero);
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
        return e.what();
    }
    FAIL("no error for '" << text << "'");
    return {};
}

} // namespace

TEST_CASE("the fixed test day is a Thursday") {
    CHECK(std::chrono::weekday{today.days} == std::chrono::Thursday);
}

TEST_CASE("dates print as zero-padded YYYY-MM-DD") {
    CHECK(format_date(today) == "2026-11-26");
    CHECK(format_date(Date::from_ymd(1, 1, 1)) == "0001-01-01");
    CHECK(format_date(Date::from_ymd(9999, 12, 31)) == "9999-12-31");
}

TEST_CASE("Date::from_ymd refuses impossible dates") {
    CHECK_THROWS_AS(Date::from_ymd(2026, 2, 30), Error);
    CHECK_THROWS_AS(Date::from_ymd(0, 1, 1), Error);
    CHECK_THROWS_AS(Date::from_ymd(10000, 1, 1), Error);
}

TEST_CASE("an ISO date parses strictly") {
    CHECK(parse_iso_date("2026-11-26") == today);
    CHECK(parse_iso_date("0001-01-01") == Date::from_ymd(1, 1, 1));
    CHECK(parse_iso_date("9999-12-31") == Date::from_ymd(9999, 12, 31));
    for (const char* bad : {"2026-1-26", "26-11-2026", "2026/11/26", "2026-11-26x", " 2026-11-26",
                            "20261126", "2026-11-2a", "+026-11-26", "", "99999-01-01"})
        CHECK_MESSAGE(!parse_iso_date(bad), bad);
}

TEST_CASE("every day of three centuries reads back as it was written") {
    for (Date d = Date::from_ymd(1900, 1, 1); d <= Date::from_ymd(2199, 12, 31); d = add_days(d, 1)) {
        const auto back = parse_iso_date(format_date(d));
        REQUIRE_MESSAGE(back, format_date(d));
        REQUIRE(*back == d);
    }
}

TEST_CASE("impossible ISO dates are refused, never rolled over") {
    for (const char* bad : {"2026-02-30", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00",
                            "0000-01-01", "2027-02-29", "2100-02-29"})
        CHECK_MESSAGE(!parse_iso_date(bad), bad);
    CHECK(date_error("2026-02-30") == "bad date '2026-02-30' (no such day in the calendar)");
}

TEST_CASE("leap days exist only in leap years") {
    CHECK(parse_iso_date("2028-02-29") == Date::from_ymd(2028, 2, 29));
    CHECK(parse_iso_date("2000-02-29") == Date::from_ymd(2000, 2, 29));
    CHECK(!parse_iso_date("2027-02-29"));
    CHECK(!parse_iso_date("1900-02-29"));
}

TEST_CASE("days_between counts whole days, negative backwards") {
    CHECK(days_between(today, iso("2026-12-03")) == 7);
    CHECK(days_between(iso("2026-12-03"), today) == -7);
    CHECK(days_between(today, today) == 0);
    CHECK(days_between(iso("2028-02-28"), iso("2028-03-01")) == 2);
}

TEST_CASE("add_days crosses month and year ends") {
    CHECK(add_days(iso("2026-12-31"), 1) == iso("2027-01-01"));
    CHECK(add_days(iso("2028-03-01"), -1) == iso("2028-02-29"));
}

TEST_CASE("add_months clamps the day to the end of the month") {
    CHECK(add_months(iso("2026-01-31"), 1) == iso("2026-02-28"));
    CHECK(add_months(iso("2028-01-31"), 1) == iso("2028-02-29"));
    CHECK(add_months(iso("2026-03-31"), -1) == iso("2026-02-28"));
    CHECK(add_months(iso("2026-05-31"), 1) == iso("2026-06-30"));
    CHECK(add_months(iso("2028-02-29"), 12) == iso("2029-02-28"));
    CHECK(add_months(iso("2026-11-26"), 2) == iso("2027-01-26"));
    CHECK(add_months(iso("2026-01-15"), -1) == iso("2025-12-15"));
}

TEST_CASE("today, yesterday and tomorrow are relative to the given day") {
    for (auto sense : {DateSense::past, DateSense::future}) {
        CHECK(parse_date("today", today, sense) == today);
        CHECK(parse_date("yesterday", today, sense) == iso("2026-11-25"));
        CHECK(parse_date("tomorrow", today, sense) == iso("2026-11-27"));
    }
}

TEST_CASE("an ISO date is taken as is in both senses") {
    CHECK(past("2020-01-01") == "2020-01-01");
    CHECK(future("2030-06-15") == "2030-06-15");
}

TEST_CASE("a weekday name for --on is the most recent one, today included") {
    CHECK(past("thursday") == "2026-11-26");
    CHECK(past("wed") == "2026-11-25");
    CHECK(past("friday") == "2026-11-20");
    CHECK(past("sat") == "2026-11-21");
    CHECK(past("sunday") == "2026-11-22");
    CHECK(past("mon") == "2026-11-23");
    CHECK(past("tuesday") == "2026-11-24");
}

TEST_CASE("a weekday name for --by is the next one, strictly after today") {
    CHECK(future("thu") == "2026-12-03");
    CHECK(future("friday") == "2026-11-27");
    CHECK(future("wednesday") == "2026-12-02");
    CHECK(future("sun") == "2026-11-29");
}

TEST_CASE("weekday abbreviations: 3 letters, tues, thur, thurs") {
    for (const char* name : {"tue", "tues", "tuesday"})
        CHECK_MESSAGE(past(name) == "2026-11-24", name);
    for (const char* name : {"thu", "thur", "thurs", "thursday"})
        CHECK_MESSAGE(past(name) == "2026-11-26", name);
    for (const char* name : {"wed", "fri", "sat", "sun", "mon"})
        CHECK_MESSAGE(parse_date(name, today, DateSense::past) <= today, name);
    CHECK_THROWS_AS(parse_date("thursd", today, DateSense::past), Error);
    CHECK_THROWS_AS(parse_date("fr", today, DateSense::past), Error);
}

TEST_CASE("last <weekday> is strictly before today, whatever the sense") {
    CHECK(past("last thursday") == "2026-11-19");
    CHECK(past("last friday") == "2026-11-20");
    CHECK(future("last friday") == "2026-11-20");
    CHECK(past("last wed") == "2026-11-25");
}

TEST_CASE("next <weekday> is strictly after today, whatever the sense") {
    CHECK(future("next thursday") == "2026-12-03");
    CHECK(past("next thursday") == "2026-12-03");
    CHECK(past("next fri") == "2026-11-27");
    CHECK(future("next wednesday") == "2026-12-02");
}

TEST_CASE("N ago and -N point into the past") {
    CHECK(future("3d ago") == "2026-11-23");
    CHECK(future("2 weeks ago") == "2026-11-12");
    CHECK(future("1 month ago") == "2026-10-26");
    CHECK(future("1y ago") == "2025-11-26");
    CHECK(future("-3d") == "2026-11-23");
    CHECK(future("-1w") == "2026-11-19");
}

TEST_CASE("in N and +N point into the future") {
    CHECK(past("in 2 weeks") == "2026-12-10");
    CHECK(past("in 3 days") == "2026-11-29");
    CHECK(past("in 1m") == "2026-12-26");
    CHECK(past("+2w") == "2026-12-10");
    CHECK(past("+1y") == "2027-11-26");
}

TEST_CASE("a bare duration follows the sense") {
    CHECK(past("3d") == "2026-11-23");
    CHECK(future("3d") == "2026-11-29");
    CHECK(past("1m") == "2026-10-26");
    CHECK(future("1m") == "2026-12-26");
    CHECK(past("2 weeks") == "2026-11-12");
    CHECK(future("1 year") == "2027-11-26");
}

TEST_CASE("a zero offset is today") {
    CHECK(past("0d ago") == "2026-11-26");
    CHECK(future("in 0 days") == "2026-11-26");
}

TEST_CASE("relative months clamp to the end of the month") {
    CHECK(past("1m", iso("2026-03-31")) == "2026-02-28");
    CHECK(future("in 1 month", iso("2028-01-31")) == "2028-02-29");
    CHECK(past("1y ago", iso("2028-02-29")) == "2027-02-28");
}

TEST_CASE("dates are case-insensitive and ignore surrounding and doubled spaces") {
    CHECK(past("  TODAY ") == "2026-11-26");
    CHECK(past("Last FRIDAY") == "2026-11-20");
    CHECK(past("In 2 Weeks") == "2026-12-10");
    CHECK(past("3D AGO") == "2026-11-23");
    CHECK(past("last   friday") == "2026-11-20");
    CHECK(past("\t2  weeks   ago\n") == "2026-11-12");
}

TEST_CASE("last week, last month and last year are one such unit back; next ones ahead") {
    CHECK(past("last week") == "2026-11-19");
    CHECK(past("Last Month") == "2026-10-26");
    CHECK(past("last year") == "2025-11-26");
    CHECK(past("next week") == "2026-12-03");
}

TEST_CASE("garbage dates are usage errors that list the accepted forms") {
    for (const char* bad : {"", "   ", "soon", "last", "next fortnight", "friday next", "3x ago", "in",
                            "ago", "--3d", "+-3d", "in -3d", "3d ago ago", "1.5d", "3", "d",
                            "2026-11-26 12:00", "last 3d", "in friday"})
        CHECK_MESSAGE(date_error(bad).find(
                          "(use YYYY-MM-DD, today, yesterday, a weekday, last friday, 3d ago, "
                          "in 2 weeks)") != std::string::npos,
                      bad);
    CHECK(date_error(" soon ") == "bad date 'soon' (use YYYY-MM-DD, today, yesterday, a weekday, "
                                  "last friday, 3d ago, in 2 weeks)");
}

TEST_CASE("a bad date message stays on one line") {
    const std::string message = date_error("a\nb\x1b");
    CHECK(message.find('\n') == std::string::npos);
    CHECK(message.find('\x1b') == std::string::npos);
    CHECK(message.find("'a b\\x1b'") != std::string::npos);
}

TEST_CASE("relative dates more than 100 years away are refused") {
    CHECK(date_error("101y ago") == "bad date '101y ago' (at most 100 years back or ahead)");
    CHECK(date_error("in 99999999999999 days").find("at most 100 years") != std::string::npos);
    CHECK(past("100y ago") == "1926-11-26");
}

TEST_CASE("dates outside years 0001-9999 are refused") {
    const Date last = iso("9999-12-31");
    const Date first = iso("0001-01-01");
    CHECK(date_error("tomorrow", DateSense::past, last) ==
          "bad date 'tomorrow' (outside years 0001-9999)");
    CHECK(date_error("next friday", DateSense::past, last).find("outside") != std::string::npos);
    CHECK(date_error("in 1d", DateSense::past, last).find("outside") != std::string::npos);
    CHECK(date_error("yesterday", DateSense::past, first).find("outside") != std::string::npos);
    CHECK(date_error("1y", DateSense::past, first).find("outside") != std::string::npos);
    CHECK(date_error("friday", DateSense::past, first).find("outside") != std::string::npos);
    CHECK(past("today", first) == "0001-01-01");
}

TEST_CASE("durations parse in compact and word forms") {
    using U = Duration::Unit;
    CHECK(parse_duration("2d") == Duration{2, U::days});
    CHECK(parse_duration("1w") == Duration{1, U::weeks});
    CHECK(parse_duration("3m") == Duration{3, U::months});
    CHECK(parse_duration("1y") == Duration{1, U::years});
    CHECK(parse_duration("2 days") == Duration{2, U::days});
    CHECK(parse_duration("1 day") == Duration{1, U::days});
    CHECK(parse_duration("1 week") == Duration{1, U::weeks});
    CHECK(parse_duration("3 weeks") == Duration{3, U::weeks});
    CHECK(parse_duration("1 month") == Duration{1, U::months});
    CHECK(parse_duration("3 months") == Duration{3, U::months});
    CHECK(parse_duration("1 year") == Duration{1, U::years});
    CHECK(parse_duration("2 years") == Duration{2, U::years});
    CHECK(parse_duration(" 2D ") == Duration{2, U::days});
    CHECK(parse_duration("10days") == Duration{10, U::days});
    CHECK(parse_duration("007d") == Duration{7, U::days});
}

TEST_CASE("garbage durations are usage errors naming the text") {
    for (const char* bad : {"", "soon", "d", "2", "2x", "1.5d", "2 dayz", "+2d", "2d ago",
                            "two days", "2 d d", "0x10d"})
        CHECK_MESSAGE(duration_error(bad).find("(use 2d, 1w, 3m, 1y or 2 days, 1 week, 3 months, "
                                               "1 year)") != std::string::npos,
                      bad);
    CHECK(duration_error("soon") ==
          "bad duration 'soon' (use 2d, 1w, 3m, 1y or 2 days, 1 week, 3 months, 1 year)");
}

TEST_CASE("zero durations are refused unless allowed; negative ones always") {
    CHECK(duration_error("0d") == "bad duration '0d' (must be more than zero)");
    CHECK(parse_duration("0d", true) == Duration{0, Duration::Unit::days});
    CHECK(parse_duration("0 weeks", true) == Duration{0, Duration::Unit::weeks});
    CHECK(duration_error("-1d") == "bad duration '-1d' (must not be negative)");
    CHECK(duration_error("-1d", true) == "bad duration '-1d' (must not be negative)");
}

TEST_CASE("durations longer than 100 years are refused, naming the limit") {
    CHECK(parse_duration("100y") == Duration{100, Duration::Unit::years});
    CHECK(parse_duration("1200m") == Duration{1200, Duration::Unit::months});
    CHECK(parse_duration("5217w") == Duration{5217, Duration::Unit::weeks});
    CHECK(parse_duration("36525d") == Duration{36525, Duration::Unit::days});
    CHECK(duration_error("101y") == "bad duration '101y' (at most 100 years)");
    for (const char* bad : {"1201m", "5218w", "36526d", "99999999999999999999d", "2147483648d"})
        CHECK_MESSAGE(duration_error(bad).find("at most 100 years") != std::string::npos, bad);
}

TEST_CASE("Duration::to_days uses d=1, w=7, m=30, y=365") {
    CHECK(parse_duration("2d").to_days() == 2);
    CHECK(parse_duration("2w").to_days() == 14);
    CHECK(parse_duration("3m").to_days() == 90);
    CHECK(parse_duration("1y").to_days() == 365);
    CHECK(parse_duration("100y").to_days() == 36500);
}

TEST_CASE("format_duration gives the compact form, which parses back") {
    for (const char* text : {"2d", "1w", "3m", "1y"}) {
        CHECK(format_duration(parse_duration(text)) == text);
    }
    CHECK(format_duration(parse_duration("3 months")) == "3m");
}

TEST_CASE("shift adds or subtracts calendar durations") {
    CHECK(shift(today, parse_duration("1w"), 1) == iso("2026-12-03"));
    CHECK(shift(today, parse_duration("1w"), -1) == iso("2026-11-19"));
    CHECK(shift(iso("2026-01-31"), parse_duration("1m"), 1) == iso("2026-02-28"));
    CHECK(shift(iso("2028-02-29"), parse_duration("1y"), 1) == iso("2029-02-28"));
    CHECK(shift(iso("2028-02-29"), parse_duration("4y"), 1) == iso("2032-02-29"));
}

TEST_CASE("shift refuses results outside years 0001-9999") {
    CHECK_THROWS_WITH_AS(shift(iso("9999-12-31"), parse_duration("1d"), 1),
                         "date out of range: 9999-12-31 + 1d is outside years 0001-9999", Error);
    CHECK_THROWS_AS(shift(iso("0001-06-01"), parse_duration("1y"), -1), Error);
}
