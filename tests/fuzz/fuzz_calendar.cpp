// Fuzz target: the calendar path (src/io/calendar.cpp) — libical's parser and its
// recurrence iterator included — and plan_event on what it reads.
#include "fuzz.hpp"

#include "netlog/capture.hpp"
#include "netlog/io.hpp"
#include "netlog/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace netlog;
    const std::string text = fuzz::input_text(data, size);
    CalendarReadSummary summary;
    std::vector<CalendarEvent> events;
    try {
        events = read_calendar_text(text, "fuzz.ics", Date::from_ymd(2026, 11, 26), summary);
    } catch (const Error& e) {
        fuzz::require_kind(e, ErrorKind::usage);
        return 0;
    }
    const std::set<std::string> me{"me@example.org"};
    std::map<std::string, KnownPerson> known;
    for (const auto& event : events) {
        fuzz::require(event.on <= Date::from_ymd(2026, 11, 26), "no event after today");
        fuzz::require(is_valid_utf8(event.summary), "a summary is valid UTF-8");
        for (const auto& p : event.people) {
            known.emplace(p.email, KnownPerson{static_cast<std::int64_t>(known.size() + 1),
                                               Tier::inner});
        }
    }
    for (const auto& event : events) {
        plan_event(event, me, known);
    }
    return 0;
}
