// iCalendar with libical: events, their attendees, and recurrences expanded with
// libical's own iterator. The file is parsed whole (a calendar of 5,000 events is a
// few MiB); nothing of it but the fields below is looked at.
#include "codec.hpp"
#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

namespace fs = std::filesystem;

namespace netlog {

namespace {

// More occurrences than a daily event has in 30 years: a rule that would make more
// is cut there (and said).
constexpr long long max_occurrences = 20000;
constexpr std::uintmax_t max_calendar_bytes = 512ULL * 1024 * 1024;

// "mailto:Ada@X.org" -> "ada@x.org"; "" when it is not an address.
std::string address_of(const char* value) {
    if (value == nullptr) {
        return "";
    }
    std::string v = trim(value);
    if (io::ascii_lower(v.substr(0, 7)) == "mailto:") {
        v = v.substr(7);
    }
    v = io::ascii_lower(trim(v));
    return v.find('@') != std::string::npos && is_valid_utf8(v) ? v : "";
}

EventPerson person_of(icalproperty* prop, const char* value) {
    EventPerson p;
    p.email = address_of(value);
    if (icalparameter* cn = icalproperty_get_first_parameter(prop, ICAL_CN_PARAMETER)) {
        p.name = io::one_line(icalparameter_get_cn(cn));
    }
    if (icalparameter* ps = icalproperty_get_first_parameter(prop, ICAL_PARTSTAT_PARAMETER)) {
        p.declined = icalparameter_get_partstat(ps) == ICAL_PARTSTAT_DECLINED;
    }
    return p;
}

bool has_conference(icalcomponent* event) {
    static const char* const hosts[] = {"meet.google.com", "zoom.us/", "teams.microsoft.com",
                                        "webex.com", "whereby.com", "meet.jit.si",
                                        "teams.live.com", "facetime.apple.com"};
    for (icalproperty* p = icalcomponent_get_first_property(event, ICAL_ANY_PROPERTY); p;
         p = icalcomponent_get_next_property(event, ICAL_ANY_PROPERTY)) {
        const std::string name = io::ascii_lower(icalproperty_get_property_name(p)
                                                 ? icalproperty_get_property_name(p)
                                                 : "");
        if (name == "x-google-conference" || name == "conference" ||
            name == "x-microsoft-skypeteamsmeetingurl" ||
            name == "x-microsoft-onlinemeetingconflink") {
            return true;
        }
        if (name == "location" || name == "url" || name == "description") {
            const char* v = icalproperty_get_value_as_string(p);
            const std::string value = v ? io::ascii_lower(v) : "";
            for (const char* host : hosts) {
                if (value.find(host) != std::string::npos) {
                    return true;
                }
            }
        }
    }
    return false;
}

bool valid_time(const icaltimetype& t) {
    return !icaltime_is_null_time(t) && icaltime_is_valid_time(t) && t.year >= 1 &&
           t.year <= 9999 && t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31;
}

Date date_of(const icaltimetype& t) {
    return Date::from_ymd(t.year, static_cast<unsigned>(t.month), static_cast<unsigned>(t.day));
}

// The occurrence's key: its start as iCalendar writes it, the zone left out
// (RECURRENCE-ID names an occurrence by its start in the event's own zone).
std::string occurrence_key(icaltimetype t) {
    t.zone = nullptr;
    const char* text = icaltime_as_ical_string(t);
    std::string key = text ? text : "";
    if (!key.empty() && key.back() == 'Z') {
        key.pop_back();
    }
    return key;
}

// The zone of DTSTART when it names one nobody knows: neither the file's VTIMEZONEs
// nor libical's built-in ones.
std::optional<std::string> unknown_tzid(icalcomponent* root, icalcomponent* event) {
    icalproperty* start = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
    if (!start) {
        return std::nullopt;
    }
    icalparameter* tz = icalproperty_get_first_parameter(start, ICAL_TZID_PARAMETER);
    if (!tz || !icalparameter_get_tzid(tz)) {
        return std::nullopt;
    }
    const char* tzid = icalparameter_get_tzid(tz);
    if (icalcomponent_get_timezone(root, tzid) || icaltimezone_get_builtin_timezone(tzid) ||
        icaltimezone_get_builtin_timezone_from_tzid(tzid)) {
        return std::nullopt;
    }
    return std::string(tzid);
}

struct Root {
    void operator()(icalcomponent* c) const { icalcomponent_free(c); }
};

} // namespace

std::vector<CalendarEvent> read_calendar(const std::string& path, Date today,
                                         CalendarReadSummary& summary) {
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        throw usage_error(fmt::format("cannot read {}: no such file", printable(path)));
    }
    if (fs::is_directory(path, ec)) {
        throw usage_error(fmt::format("cannot read {}: it is a folder", printable(path)));
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw journal_error(fmt::format("cannot read {}: {}", printable(path), std::strerror(errno)));
    }
    std::string text;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        text.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (text.size() > max_calendar_bytes) {
            throw usage_error(fmt::format("{}: over 512 MiB, not a calendar", printable(path)));
        }
    }
    if (in.bad()) {
        throw journal_error(fmt::format("cannot read {}: {}", printable(path), std::strerror(errno)));
    }
    return read_calendar_text(text, path, today, summary);
}

std::vector<CalendarEvent> read_calendar_text(const std::string& text, const std::string& path,
                                              Date today, CalendarReadSummary& summary) {
    if (text.find("BEGIN:VCALENDAR") == std::string::npos) {
        throw usage_error(fmt::format("{}: not an iCalendar file (no BEGIN:VCALENDAR)",
                                      printable(path)));
    }
    std::unique_ptr<icalcomponent, Root> root(icalparser_parse_string(text.c_str()));
    if (!root) {
        throw usage_error(fmt::format("{}: not an iCalendar file", printable(path)));
    }

    // Occurrences by source: the overrides (RECURRENCE-ID) replace the rule's own.
    std::map<std::string, CalendarEvent> by_source;
    std::vector<CalendarEvent> overrides;
    auto skip = [&](const std::string& where, const std::string& reason, const std::string& why) {
        summary.skipped.push_back({where, reason, why});
    };
    icalcomponent* top = root.get();
    std::vector<icalcomponent*> events;
    auto collect = [&](icalcomponent* calendar) {
        for (icalcomponent* e = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
             e; e = icalcomponent_get_next_component(calendar, ICAL_VEVENT_COMPONENT)) {
            events.push_back(e);
        }
    };
    if (icalcomponent_isa(top) == ICAL_VEVENT_COMPONENT) {
        events.push_back(top);
    } else if (icalcomponent_isa(top) == ICAL_XROOT_COMPONENT) { // several VCALENDARs
        for (icalcomponent* c = icalcomponent_get_first_component(top, ICAL_VCALENDAR_COMPONENT); c;
             c = icalcomponent_get_next_component(top, ICAL_VCALENDAR_COMPONENT)) {
            collect(c);
        }
    } else {
        collect(top);
    }

    int index = 0;
    for (icalcomponent* e : events) {
        ++index;
        ++summary.events;
        const char* uid_text = icalcomponent_get_uid(e);
        const std::string uid = io::one_line(uid_text);
        const std::string where =
            uid.empty() ? fmt::format("{}:event {}", path, index) : fmt::format("{}:UID {}", path, uid);
        if (uid.empty()) {
            skip(where, "no UID", "an event without a UID");
            continue;
        }
        for (icalproperty* p = icalcomponent_get_first_property(e, ICAL_XLICERROR_PROPERTY); p;
             p = icalcomponent_get_next_property(e, ICAL_XLICERROR_PROPERTY)) {
            const char* error = icalproperty_get_xlicerror(p);
            const std::string message = error ? error : "";
            if (message.find("RRULE") != std::string::npos ||
                message.find("DTSTART") != std::string::npos) {
                skip(where, "bad event", "libical: " + io::one_line(error));
                goto next_event;
            }
        }
        {
            if (auto tzid = unknown_tzid(icalcomponent_get_parent(e) ? icalcomponent_get_parent(e)
                                                                     : top,
                                         e)) {
                skip(where, "unknown TZID", "unknown time zone \"" + printable(*tzid) + "\"");
                continue;
            }
            const icaltimetype start = icalcomponent_get_dtstart(e);
            if (!valid_time(start)) {
                skip(where, "no DTSTART", "no readable DTSTART");
                continue;
            }
            CalendarEvent base;
            base.where = where;
            base.sequence = std::max(0, icalcomponent_get_sequence(e));
            base.summary = io::one_line(icalcomponent_get_summary(e));
            base.cancelled = icalcomponent_get_status(e) == ICAL_STATUS_CANCELLED;
            base.conference = has_conference(e);
            if (icalproperty* org = icalcomponent_get_first_property(e, ICAL_ORGANIZER_PROPERTY)) {
                EventPerson p = person_of(org, icalproperty_get_organizer(org));
                if (!p.email.empty()) {
                    base.people.push_back(p);
                }
            }
            for (icalproperty* a = icalcomponent_get_first_property(e, ICAL_ATTENDEE_PROPERTY); a;
                 a = icalcomponent_get_next_property(e, ICAL_ATTENDEE_PROPERTY)) {
                EventPerson p = person_of(a, icalproperty_get_attendee(a));
                if (p.email.empty()) {
                    continue;
                }
                auto same = std::find_if(base.people.begin(), base.people.end(),
                                         [&](const EventPerson& q) { return q.email == p.email; });
                if (same == base.people.end()) {
                    base.people.push_back(p);
                } else if (p.declined) {
                    same->declined = true; // the organizer listed again, as having declined
                }
            }

            const icaltimetype rid = icalcomponent_get_recurrenceid(e);
            if (valid_time(rid)) { // one occurrence of a recurring event, changed
                base.source = "ical:" + uid + "/" + occurrence_key(rid);
                base.on = date_of(start);
                if (base.on > today) {
                    ++summary.future;
                } else {
                    overrides.push_back(base);
                }
                continue;
            }
            icalproperty* rrule = icalcomponent_get_first_property(e, ICAL_RRULE_PROPERTY);
            if (!rrule) {
                base.source = "ical:" + uid;
                base.on = date_of(start);
                if (base.on > today) {
                    ++summary.future;
                } else {
                    by_source[base.source] = base;
                }
                continue;
            }
            const icalrecurrencetype rule = icalproperty_get_rrule(rrule);
            if (rule.freq == ICAL_NO_RECURRENCE) {
                skip(where, "bad RRULE", "an RRULE libical cannot read");
                continue;
            }
            std::vector<Date> excluded;
            for (icalproperty* x = icalcomponent_get_first_property(e, ICAL_EXDATE_PROPERTY); x;
                 x = icalcomponent_get_next_property(e, ICAL_EXDATE_PROPERTY)) {
                const icaltimetype t = icalproperty_get_exdate(x);
                if (valid_time(t)) {
                    excluded.push_back(date_of(t));
                }
            }
            // libical's iterator leaks its ICU calendar when it refuses a start (year 224,
            // found by fuzz_calendar): such a start is refused here first. Recurring
            // meetings began after 1900 and before 2200.
            if (start.year < 1900 || start.year > 2200) {
                skip(where, "bad RRULE", "a recurring event starting outside 1900-2200");
                continue;
            }
            icalrecur_iterator* it = icalrecur_iterator_new(rule, start);
            if (!it) {
                skip(where, "bad RRULE", "an RRULE libical cannot expand");
                continue;
            }
            long long made = 0;
            for (icaltimetype t = icalrecur_iterator_next(it); valid_time(t);
                 t = icalrecur_iterator_next(it)) {
                const Date on = date_of(t);
                if (on > today) {
                    ++summary.future;
                    break;
                }
                if (++made > max_occurrences) {
                    skip(where, "too many occurrences",
                         fmt::format("more than {} occurrences; the rest left out", max_occurrences));
                    break;
                }
                if (std::find(excluded.begin(), excluded.end(), on) != excluded.end()) {
                    continue;
                }
                CalendarEvent occurrence = base;
                occurrence.on = on;
                occurrence.source = "ical:" + uid + "/" + occurrence_key(t);
                by_source[occurrence.source] = std::move(occurrence);
                ++summary.expanded;
            }
            icalrecur_iterator_free(it);
        }
    next_event:;
    }
    for (auto& o : overrides) {
        by_source[o.source] = std::move(o);
    }
    std::vector<CalendarEvent> out;
    out.reserve(by_source.size());
    for (auto& [source, event] : by_source) {
        out.push_back(std::move(event));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const CalendarEvent& a, const CalendarEvent& b) { return a.on < b.on; });
    return out;
}

} // namespace netlog
