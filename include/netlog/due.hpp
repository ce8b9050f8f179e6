// What needs action and when: the dates asks and relationships fall due, the
// purposefulness check on an outgoing ask, and the `due` report itself.
// Pure functions of (records, config, today): no clock, no journal.
#pragma once

#include "netlog/config.hpp"
#include "netlog/dates.hpp"
#include "netlog/model.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netlog {

// The cadence that applies to a person (their override, else their tier's); nullopt
// for a tier without one (`none`) and no override.
std::optional<int> cadence_of(const PersonSummary& p, const Config& config);

// When the person's reconnect reminder falls due: last contact (or the day they were
// added, if never contacted) + cadence, pushed back to the end of a snooze; nullopt
// without a cadence.
std::optional<Date> next_due(const PersonSummary& p, const Config& config);

// Due to reconnect by `by`: next_due() falls on or before it (a snooze ending on `by`
// no longer holds the person back). The one rule behind `due`'s reconnect section and
// `people --stale` (by = today).
bool is_stale(const PersonSummary& p, const Config& config, Date by);

// An ask's due date: for `in` the reply date (asked + reply window), for `out` the
// follow-up date (the latest nudge + follow-up window if nudged, else `by` if given,
// else asked + follow-up window).
// Throws Error(usage) when the date would fall outside years 0001-9999.
Date ask_due_on(AskDirection direction, Date asked_on, const std::optional<Date>& by,
                const Config& config, const std::vector<Date>& nudged_on = {});

// `ask nudge`: I followed up my outgoing ask on `on`. Adds the day to ask.nudged_on
// (oldest first) and moves its follow-up date to `on` + reply.follow_up. Throws
// Error(usage), the ask unchanged, for an incoming ask, an ask that is not open, or a
// day before the ask was made.
void nudge(Ask& ask, Date on, const Config& config);

// The first configured vague phrase (config `ask.vague`) that `text` holds,
// compared fold()ed (case- and accent-insensitive); nullopt when none.
std::optional<std::string> vague_phrase(const std::string& text, const Config& config);

// vague_phrase() for many texts (the audit's asks): the phrases are folded once.
class VaguePhrases {
public:
    explicit VaguePhrases(const Config& config);
    // The first phrase `text` holds, as configured; nullopt when none.
    std::optional<std::string> find(std::string_view text) const;

private:
    std::vector<std::pair<std::string, std::string>> m_phrases;  // (as configured, folded)
};

// One line of the `due` report.
struct DueItem {
    std::string person;  // handle
    std::string name;
    Date due_on;
    int days_overdue = 0;  // today - due_on: 1 the day after the due date, negative when upcoming
    std::optional<std::int64_t> ask;  // the ask it is about (replies, promises, follow-ups)
    std::string what;                 // the ask's text; "" for reconnect and reciprocate
    std::optional<Date> last_contact; // reconnect: the last contact, nullopt if never
    long long balance = 0;            // reciprocate: what you owe them
    std::optional<Date> since;        // reciprocate: the oldest unreciprocated favour

    bool overdue() const { return days_overdue > 0; }
    // Overdue or due today: what needs action now (not only upcoming under --within).
    bool now() const { return days_overdue >= 0; }
};

// The five sections of `due`, in the order they are listed.
enum class DueSection { replies, promises, follow_ups, reconnect, reciprocate };

// Where the store finds a section's candidates: the open or replied asks
// (JournalLedger::asks_for_due), or the people its pre-filter admits (people_for_due).
enum class DueSource { asks, people };

// Everything that is said once per section: its JSON key, its text heading
// (`heading_overdue` when every item listed is overdue, else `heading`: nothing is
// called overdue that is not), the words of the digest's summary, whether it counts
// for `due --exit-code`, and the store query that pre-filters its candidates. The
// JSON, the text, the digest, --exit-code and the pre-filter all walk this array;
// what differs by section beyond it is a switch on DueSection (no default: the
// compiler names a section a switch misses).
struct DueSectionInfo {
    DueSection section;
    const char* key;              // JSON key
    const char* heading;          // "Promises due"
    const char* heading_overdue;  // "Promises overdue"
    const char* one;              // "1 reply overdue"
    const char* many;             // "2 replies overdue"
    const char* one_today;        // "1 reply due today"
    const char* many_today;       // "2 replies due today"
    bool counts_for_exit_code;    // an item listed makes `due --exit-code` exit 1
    DueSource source;             // its pre-filter
};
inline constexpr DueSectionInfo due_sections[] = {
    {DueSection::replies, "replies", "Replies you owe", "Replies you owe", "reply overdue",
     "replies overdue", "reply due today", "replies due today", true, DueSource::asks},
    {DueSection::promises, "promises", "Promises due", "Promises overdue", "promise overdue",
     "promises overdue", "promise due today", "promises due today", true, DueSource::asks},
    {DueSection::follow_ups, "follow_ups", "Follow-ups", "Follow-ups", "follow-up", "follow-ups",
     "follow-up due today", "follow-ups due today", true, DueSource::asks},
    {DueSection::reconnect, "reconnect", "Reconnect", "Reconnect", "to reconnect", "to reconnect",
     "to reconnect today", "to reconnect today", true, DueSource::people},
    {DueSection::reciprocate, "reciprocate", "Reciprocate", "Reciprocate", "to reciprocate",
     "to reciprocate", "to reciprocate today", "to reciprocate today", true, DueSource::people},
};
inline constexpr std::size_t due_section_count = std::size(due_sections);
// due_sections[i] is section i: DueReport indexes its sections by the enum.
static_assert([] {
    for (std::size_t i = 0; i < due_section_count; ++i) {
        if (static_cast<std::size_t>(due_sections[i].section) != i) {
            return false;
        }
    }
    return true;
}());

// The report: each section's items, most urgent (most days overdue) first.
//   replies      incoming asks still open past their reply date
//   promises     incoming asks replied, not finished, past their `by`
//   follow_ups   outgoing asks still open past their follow-up date
//   reconnect    people past their cadence (snoozes respected): is_stale()
//   reciprocate  people owed for longer than `reciprocate.after`
struct DueReport {
    Date today;
    std::array<std::vector<DueItem>, due_section_count> sections;

    std::vector<DueItem>& operator[](DueSection s) { return sections[static_cast<std::size_t>(s)]; }
    const std::vector<DueItem>& operator[](DueSection s) const {
        return sections[static_cast<std::size_t>(s)];
    }
    bool empty() const;
    bool any_overdue() const;
    bool any_now() const;  // anything overdue or due today
    std::size_t size() const;
    // What `due --exit-code` exits 1 for: an item in a section that counts for it.
    bool any_for_exit_code() const;
};

// The section an ask is listed in when due: replies (incoming, open), promises
// (incoming, replied, with a `by`), follow-ups (outgoing, open); nullopt for none.
std::optional<DueSection> due_section_of(const Ask& ask);

// The last due date `due` lists: today (what is overdue or due today), or today + within.
Date due_horizon(Date today, const std::optional<Duration>& within);

// The latest day a favour can have been owed since (Person::since) and fall due to
// return (config `reciprocate.after` later) by `horizon`.
Date latest_owed_since(Date horizon, const Config& config);

// The parameters of the store's pre-filter of `due`'s people (JournalLedger::people_for_due),
// derived from the rule's own (cadence_of(), the tiers' cadences, reciprocate.after),
// so that the SQL admits everyone compute_due() lists by `horizon`.
struct DuePrefilter {
    Date horizon;
    // By Tier: the latest last contact (or day added, if never contacted) that makes
    // a person of that tier, without a cadence of their own, due to reconnect by the
    // horizon; nullopt: the tier has no cadence. (A person's own cadence_days is
    // counted back from the horizon in the SQL itself.)
    std::array<std::optional<Date>, std::size(all_tiers)> contact_by;
    // The latest `since` that makes a favour owed due to return by the horizon.
    Date owed_since;
};
DuePrefilter due_prefilter(Date horizon, const Config& config);

// Computes the report from the people (the maintained columns last_contact,
// added_on, cadence_days, tier, snooze_until, gave, got and since are what count)
// and the open or replied asks (an ask's item names its person from the ask's
// person and person_name). `people` may leave out anyone who is not due. An item is listed when it is due today or
// before (days_overdue >= 0); with `within`, also when it falls due by today + within.
// Cost: O(people + asks) plus sorting. The items' strings are moved from `people` and
// `asks` (pass them with std::move when they are not needed after).
DueReport compute_due(std::vector<PersonSummary> people, std::vector<Ask> asks, const Config& config,
                      Date today, const std::optional<Duration>& within);

} // namespace netlog
