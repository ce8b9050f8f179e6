// Fuzz target: the date and duration syntax (src/core/dates.cpp) and LinkedIn's
// date forms (parse_linkedin_date).
//
// Input: optional "TODAY\n" then the text. TODAY, parsed like --today, moves "today"
// (to 9999-12-31, say) so that the arithmetic near the calendar's ends is reached.
#include "fuzz.hpp"

#include "netlog/dates.hpp"
#include "netlog/io.hpp"

using namespace netlog;
using netlog::fuzz::require;

namespace {

const Date default_today = Date::from_ymd(2026, 11, 26);

// A date netlog produced must print as YYYY-MM-DD and parse back to itself.
void require_printable(Date d) {
    std::string text = format_date(d);
    require(text.size() == 10, "a parsed date prints as YYYY-MM-DD");
    require(parse_iso_date(text) == d, "a printed date parses back to itself");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input = fuzz::input_text(data, size);
    Date today = default_today;
    std::string text = input;
    if (auto newline = input.find('\n'); newline != std::string::npos) {
        text = input.substr(newline + 1);
        try {
            today = parse_date(input.substr(0, newline), default_today, DateSense::past);
            require_printable(today);
        } catch (const Error& e) {
            fuzz::require_kind(e, ErrorKind::usage);
        }
    }

    if (auto iso = parse_iso_date(text)) {
        require(format_date(*iso) == text, "an ISO date round-trips exactly");
    }
    for (bool allow_zero : {false, true}) {
        try {
            Duration d = parse_duration(text, allow_zero);
            require(d.count >= 0 && (allow_zero || d.count > 0), "a duration's count is in range");
            require(d.to_days() <= 36525 + 365, "a duration is at most 100 years");
            require(parse_duration(format_duration(d), allow_zero) == d,
                    "a printed duration parses back to itself");
        } catch (const Error& e) {
            fuzz::require_kind(e, ErrorKind::usage);
        }
    }
    for (DateSense sense : {DateSense::past, DateSense::future}) {
        try {
            require_printable(parse_date(text, today, sense));
        } catch (const Error& e) {
            fuzz::require_kind(e, ErrorKind::usage);
        }
    }
    if (auto linkedin = parse_linkedin_date(text)) {
        require_printable(*linkedin);
    }
    return 0;
}
