// Local calendar dates, durations, and the date syntax users type.
// Nothing here reads the clock: `today` is always passed in.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace netlog {

// A calendar date (no time, no zone). Ordered, printable as YYYY-MM-DD.
struct Date {
    std::chrono::sys_days days{};

    static Date from_ymd(int y, unsigned m, unsigned d);
    std::chrono::year_month_day ymd() const { return std::chrono::year_month_day{days}; }
    auto operator<=>(const Date&) const = default;
};

// "2026-11-26". Years outside 0001..9999 are never produced (parse refuses them).
std::string format_date(Date d);

// Strict ISO date YYYY-MM-DD; nullopt if malformed or impossible (2026-02-30).
std::optional<Date> parse_iso_date(std::string_view text);

// Whole days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);
Date add_days(Date d, int days);
// Calendar months; the day is clamped to the month's end (Jan 31 + 1 month = Feb 28/29).
Date add_months(Date d, int months);

// A length of time as users write it: 2d, 1w, 3m (months), 1y.
struct Duration {
    enum class Unit { days, weeks, months, years };
    int count = 0;
    Unit unit = Unit::days;

    // Approximate length in days, for cadences and windows (w=7, m=30, y=365).
    int to_days() const;
    auto operator<=>(const Duration&) const = default;
};

// "2d", "1w", "3m", "1y", also "2 days", "3 weeks", "1 month", "2 years".
// Throws Error(usage) naming the text on anything else, on zero-or-negative
// counts when `allow_zero` is false, and on counts over 100 years.
Duration parse_duration(std::string_view text, bool allow_zero = false);
std::string format_duration(Duration d);

// Calendar arithmetic: add (or with sign -1 subtract) a duration.
Date shift(Date d, Duration dur, int sign);

// Which way an ambiguous date ("friday", "3d") points.
enum class DateSense {
    past,    // --on: the most recent friday (today included), 3d = 3 days ago
    future,  // --by: the next friday after today, 3d = in 3 days
};

// Parses every date form netlog accepts: 2026-11-26, today, yesterday, tomorrow,
// weekday names (mon, monday …), "last friday", "next friday", "3d ago", "-3d",
// "+2w", "in 2 weeks", and a bare duration. Case-insensitive.
// Throws Error(usage) "bad date 'X' (use YYYY-MM-DD, today, yesterday, friday, 3d ago …)".
Date parse_date(std::string_view text, Date today, DateSense sense);

} // namespace netlog
