#include "netlog/dates.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace netlog {

using namespace std::chrono;

namespace {

constexpr std::string_view date_forms =
    "use YYYY-MM-DD, today, yesterday, a weekday, last friday, 3d ago, in 2 weeks";
constexpr std::string_view duration_forms =
    "use 2d, 1w, 3m, 1y or 2 days, 1 week, 3 months, 1 year";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Trimmed, ASCII-lowercased, inner runs of white space made one ' ': the form matched below.
std::string normalize(std::string_view text) {
    std::string out;
    bool pending_space = false;
    for (char c : text) {
        if (is_space(c)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space)
            out += ' ';
        pending_space = false;
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

// The user's text for an error message: trimmed, control characters escaped so
// the message stays on one line and cannot drive the terminal.
std::string shown(std::string_view text) { return printable(trim(text)); }

// "dddd-dd-dd": the shape of an ISO date, possible or not.
bool looks_iso(std::string_view text) {
    if (text.size() != 10)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i)
        if (i == 4 || i == 7 ? text[i] != '-' : !is_digit(text[i]))
            return false;
    return true;
}

bool in_range(Date d) {
    const int y = int(d.ymd().year());
    return y >= 1 && y <= 9999;
}

// Largest count per unit: 100 years.
int max_count(Duration::Unit unit) {
    switch (unit) {
    case Duration::Unit::days:
        return 36525;
    case Duration::Unit::weeks:
        return 36525 / 7;
    case Duration::Unit::months:
        return 1200;
    case Duration::Unit::years:
        return 100;
    }
    return 0;
}

std::optional<Duration::Unit> unit_named(std::string_view word) {
    using U = Duration::Unit;
    struct Name {
        std::string_view word;
        U unit;
    };
    static constexpr std::array<Name, 12> names{{
        {"d", U::days},
        {"day", U::days},
        {"days", U::days},
        {"w", U::weeks},
        {"week", U::weeks},
        {"weeks", U::weeks},
        {"m", U::months},
        {"month", U::months},
        {"months", U::months},
        {"y", U::years},
        {"year", U::years},
        {"years", U::years},
    }};
    for (const auto& n : names)
        if (n.word == word)
            return n.unit;
    return std::nullopt;
}

enum class Problem { none, syntax, negative, zero, too_long };

struct Scanned {
    Duration duration;
    Problem problem = Problem::none;
};

// Reads "<count>[ ]<unit>" from normalized text, reporting what is wrong instead of throwing
// so that parse_duration and parse_date can each word the error their own way.
Scanned scan_duration(std::string_view text) {
    const bool negative = !text.empty() && text.front() == '-';
    if (negative)
        text.remove_prefix(1);
    std::size_t digits = 0;
    while (digits < text.size() && is_digit(text[digits]))
        ++digits;
    std::string_view unit_text = text.substr(digits);
    if (!unit_text.empty() && unit_text.front() == ' ')
        unit_text.remove_prefix(1);
    const auto unit = unit_named(unit_text);
    if (digits == 0 || !unit)
        return {{}, Problem::syntax};

    Scanned result;
    result.duration.unit = *unit;
    const auto [end, ec] =
        std::from_chars(text.data(), text.data() + digits, result.duration.count);
    if (ec == std::errc::result_out_of_range || result.duration.count > max_count(*unit))
        result.problem = Problem::too_long;
    else if (negative && result.duration.count != 0)
        result.problem = Problem::negative;
    else if (result.duration.count == 0)
        result.problem = Problem::zero;
    return result;
}

// shift() without the range check, for callers that report range errors themselves.
Date shift_unchecked(Date d, Duration dur, int sign) {
    const int n = sign < 0 ? -dur.count : dur.count;
    switch (dur.unit) {
    case Duration::Unit::days:
        return add_days(d, n);
    case Duration::Unit::weeks:
        return add_days(d, 7 * n);
    case Duration::Unit::months:
        return add_months(d, n);
    case Duration::Unit::years:
        return add_months(d, 12 * n);
    }
    return d;
}

std::optional<weekday> weekday_named(std::string_view word) {
    struct Name {
        std::string_view word;
        unsigned day; // 0 = Sunday, as std::chrono::weekday counts
    };
    static constexpr std::array<Name, 17> names{{
        {"sun", 0},
        {"sunday", 0},
        {"mon", 1},
        {"monday", 1},
        {"tue", 2},
        {"tues", 2},
        {"tuesday", 2},
        {"wed", 3},
        {"wednesday", 3},
        {"thu", 4},
        {"thur", 4},
        {"thurs", 4},
        {"thursday", 4},
        {"fri", 5},
        {"friday", 5},
        {"sat", 6},
        {"saturday", 6},
    }};
    for (const auto& n : names)
        if (n.word == word)
            return weekday{n.day};
    return std::nullopt;
}

// The nearest `wd` strictly before (`sign` -1) or strictly after (+1) `today`.
Date nearest_weekday(Date today, weekday wd, int sign) {
    const int ahead = int((wd - weekday{today.days}).count()); // 0..6
    if (sign > 0)
        return add_days(today, ahead == 0 ? 7 : ahead);
    const int behind = (7 - ahead) % 7;
    return add_days(today, behind == 0 ? -7 : -behind);
}

} // namespace

Date Date::from_ymd(int y, unsigned m, unsigned d) {
    const bool ok = y >= 1 && y <= 9999 && year_month_day{year{y}, month{m}, day{d}}.ok();
    if (!ok)
        throw usage_error("not a calendar date: " + std::to_string(y) + "-" + std::to_string(m) +
                          "-" + std::to_string(d));
    return Date{sys_days{year{y} / month{m} / day{d}}};
}

std::string format_date(Date d) {
    const auto ymd = d.ymd();
    const int year = int(ymd.year());
    if (year < 0 || year > 9999) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, unsigned(ymd.month()),
                      unsigned(ymd.day()));
        return buf;
    }
    // By hand: listings format a date per row, and snprintf costs 50x more.
    const unsigned month = unsigned(ymd.month()), day = unsigned(ymd.day());
    const char text[10] = {char('0' + year / 1000),      char('0' + year / 100 % 10),
                           char('0' + year / 10 % 10),   char('0' + year % 10),
                           '-',                          char('0' + month / 10),
                           char('0' + month % 10),       '-',
                           char('0' + day / 10),         char('0' + day % 10)};
    return std::string(text, sizeof text);
}

std::optional<Date> parse_iso_date(std::string_view text) {
    // Unrolled: the audit reads 200,000 dates from the journal.
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    unsigned digit[10];
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        digit[i] = unsigned(static_cast<unsigned char>(text[i])) - '0';  // below '0': huge
        if (digit[i] > 9)
            return std::nullopt;
    }
    const int y = int(digit[0] * 1000 + digit[1] * 100 + digit[2] * 10 + digit[3]);
    const year_month_day ymd{year{y}, month{digit[5] * 10 + digit[6]}, day{digit[8] * 10 + digit[9]}};
    if (y < 1 || !ymd.ok())
        return std::nullopt;
    return Date{sys_days{ymd}};
}

int days_between(Date from, Date to) {
    return int((to.days - from.days).count());
}

Date add_days(Date d, int days) {
    return Date{d.days + std::chrono::days{days}};
}

Date add_months(Date d, int months) {
    const auto ymd = d.ymd();
    const year_month ym = year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
    const day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
    return Date{sys_days{ym / std::min(ymd.day(), last)}};
}

int Duration::to_days() const {
    switch (unit) {
    case Unit::days:
        return count;
    case Unit::weeks:
        return count * 7;
    case Unit::months:
        return count * 30;
    case Unit::years:
        return count * 365;
    }
    return count;
}

Duration parse_duration(std::string_view text, bool allow_zero) {
    const Scanned s = scan_duration(normalize(text));
    const std::string bad = "bad duration '" + shown(text) + "' (";
    switch (s.problem) {
    case Problem::none:
        return s.duration;
    case Problem::syntax:
        throw usage_error(bad + std::string(duration_forms) + ")");
    case Problem::negative:
        throw usage_error(bad + "must not be negative)");
    case Problem::too_long:
        throw usage_error(bad + "at most 100 years)");
    case Problem::zero:
        if (allow_zero)
            return s.duration;
        throw usage_error(bad + "must be more than zero)");
    }
    return s.duration;
}

std::string format_duration(Duration d) {
    constexpr std::array<char, 4> letters{'d', 'w', 'm', 'y'};
    return std::to_string(d.count) + letters[static_cast<std::size_t>(d.unit)];
}

Date shift(Date d, Duration dur, int sign) {
    const Date result = shift_unchecked(d, dur, sign);
    if (!in_range(result))
        throw usage_error("date out of range: " + format_date(d) + (sign < 0 ? " - " : " + ") +
                          format_duration(dur) + " is outside years 0001-9999");
    return result;
}

Date parse_date(std::string_view text, Date today, DateSense sense) {
    const std::string s = normalize(text);
    const auto fail = [&](std::string_view why) -> Date {
        throw usage_error("bad date '" + shown(text) + "' (" + std::string(why) + ")");
    };
    const auto checked = [&](Date d) { return in_range(d) ? d : fail("outside years 0001-9999"); };
    // A signed duration from today; any other problem with it makes the whole text unknown.
    const auto offset = [&](std::string_view dur, int sign) {
        const Scanned scanned = scan_duration(dur);
        switch (scanned.problem) {
        case Problem::none:
        case Problem::zero:
            return checked(shift_unchecked(today, scanned.duration, sign));
        case Problem::too_long:
            return fail("at most 100 years back or ahead");
        case Problem::syntax:
        case Problem::negative:
            break;
        }
        return fail(date_forms);
    };
    const int sense_sign = sense == DateSense::past ? -1 : 1;

    if (const auto iso = parse_iso_date(s))
        return *iso;
    if (looks_iso(s))
        return fail("no such day in the calendar");
    if (s == "today")
        return today;
    if (s == "yesterday")
        return checked(add_days(today, -1));
    if (s == "tomorrow")
        return checked(add_days(today, 1));
    if (const auto wd = weekday_named(s)) {
        // In the past sense "friday" may be today; in the future sense never.
        if (sense == DateSense::past && weekday{today.days} == *wd)
            return today;
        return checked(nearest_weekday(today, *wd, sense_sign));
    }
    const std::string_view sv = s;
    for (const auto& [prefix, sign] :
         {std::pair{std::string_view("last "), -1}, std::pair{std::string_view("next "), 1}}) {
        if (!sv.starts_with(prefix))
            continue;
        const std::string_view rest = sv.substr(prefix.size());
        if (const auto wd = weekday_named(rest))
            return checked(nearest_weekday(today, *wd, sign));
        // "last week", "next month": one such unit from today.
        for (const auto& [unit, dur] : {std::pair{std::string_view("week"), std::string_view("1w")},
                                        std::pair{std::string_view("month"), std::string_view("1m")},
                                        std::pair{std::string_view("year"), std::string_view("1y")}})
            if (rest == unit)
                return offset(dur, sign);
        return fail(date_forms);
    }
    if (sv.ends_with(" ago"))
        return offset(sv.substr(0, sv.size() - 4), -1);
    if (sv.starts_with("in "))
        return offset(sv.substr(3), 1);
    if (sv.starts_with('-'))
        return offset(sv.substr(1), -1);
    if (sv.starts_with('+'))
        return offset(sv.substr(1), 1);
    return offset(sv, sense_sign);
}

} // namespace netlog
