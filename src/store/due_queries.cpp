// What `due` reads. `due` runs from cron every
// day, so it reads only the per-person columns the schema's triggers maintain and
// the open asks (asks_status index): its cost follows people + open asks, never
// the number of interactions or favours.
#include "impl.hpp"

#include "netlog/due.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

namespace netlog {
namespace {

// A section's pre-filter: the SQL test a row must pass to be a candidate for it, and
// its cost (the cheaper test goes first: SQLite stops at the first term of an OR that
// holds). Dates are ISO text: they compare as strings. Each is the section's own rule
// in core/due.cpp, in SQL, over the rule's parameters (DuePrefilter: :horizon, the
// tiers' contact-by days :inner …, :owed; asks: :due_by).
struct Prefilter {
    int cost;
    const char* sql;
};

Prefilter prefilter(DueSection section) {
    switch (section) {
    // The open asks falling due, both ways: replies (in) and follow-ups (out) share it.
    case DueSection::replies:
    case DueSection::follow_ups: return {0, "a.status = 'open' AND a.due_on <= :due_by"};
    case DueSection::promises:
        return {1, "a.status = 'replied' AND +a.direction = 'in' AND a.by_on <= :due_by"};
    // is_stale(): last contact + cadence (own, else the tier's), pushed to a snooze's end.
    case DueSection::reconnect:
        return {1, R"(coalesce(p.last_contact, p.added_on) <= CASE
            WHEN p.cadence_days IS NOT NULL THEN date(:horizon, '-' || p.cadence_days || ' days')
            WHEN p.tier = 'inner' THEN :inner WHEN p.tier = 'network' THEN :network
            WHEN p.tier = 'weak' THEN :weak ELSE :none END
          AND (p.snooze_until IS NULL OR p.snooze_until <= :horizon))"};
    case DueSection::reciprocate: return {0, "p.got > p.gave AND p.since <= :owed"};
    }
    return {0, "0"};
}

// The WHERE that admits a candidate of any section read from `source`: their
// pre-filters OR-ed, cheapest first, each once.
std::string prefilter_where(DueSource source) {
    std::vector<Prefilter> tests;
    for (const auto& info : due_sections) {
        const Prefilter test = prefilter(info.section);
        if (info.source == source &&
            std::none_of(tests.begin(), tests.end(), [&](const Prefilter& t) {
                return std::string_view(t.sql) == test.sql;
            })) {
            tests.push_back(test);
        }
    }
    std::stable_sort(tests.begin(), tests.end(),
                     [](const Prefilter& a, const Prefilter& b) { return a.cost < b.cost; });
    std::string where;
    for (const auto& test : tests) {
        where += where.empty() ? "(" : "\n      OR (";
        where += test.sql;
        where += ')';
    }
    return where.empty() ? "0" : where;
}

// An ask of asks_for_due() from columns 0-5: id, direction, what, due_on, by_on, status.
Ask& read_ask(const store::Rows& rows, Ask& a) {
    a.id = rows.int64(0);
    a.direction = rows.text(1) == "in" ? AskDirection::in : AskDirection::out;
    a.what.assign(rows.text(2));
    a.due_on = rows.date(3);
    a.by = rows.optional_date(4);
    a.status = rows.text(5) == "open" ? AskStatus::open : AskStatus::replied;
    return a;
}

} // namespace

std::vector<PersonSummary> JournalLedger::people_for_due(const DuePrefilter& filter) {
    // In the table's own order: walking the handle index would seek each row, and the
    // report sorts what is due anyway.
    // The WHERE is compute_due()'s own test, so that only the people listed are read
    // (a third of them in the benchmark, where most owe a favour).
    static const std::string where = prefilter_where(DueSource::people);
    store::Rows rows(m_impl->db, fmt::format("SELECT {} FROM people p WHERE {}",
                                             store::summary_columns, where));
    rows.bind(":horizon", format_date(filter.horizon));
    for (Tier tier : all_tiers) {
        rows.bind(fmt::format(":{}", to_string(tier)).c_str(),
                  filter.contact_by[static_cast<std::size_t>(tier)]);
    }
    rows.bind(":owed", format_date(filter.owed_since));
    std::vector<PersonSummary> people;
    while (rows.step()) {
        store::read_summary(rows, people.emplace_back());
    }
    return people;
}

std::vector<Ask> JournalLedger::asks_for_due(Date due_by, const std::vector<PersonSummary>& known) {
    // list_asks()'s WHERE for due_by (through asks_status), without its ORDER BY (a sort
    // of every row listed) and its three look-ups of the person per row: one join
    // reads the handle and the name. LEFT: an ask is listed even if its person row were
    // missing, as with list_asks()'s subqueries.
    // When open and replied asks are many (a sixteenth of them or more), one walk
    // through the table costs less than a look-up in it for each (issue #20's journal
    // has 25,000 open).
    store::Rows counts(m_impl->db, "SELECT (SELECT count(*) FROM asks WHERE status IN "
                                   "('open', 'replied')), (SELECT count(*) FROM asks)");
    counts.step();
    const bool many = counts.int64(0) * 16 >= counts.int64(1) && counts.int64(0) > 256;
    static const std::string where = prefilter_where(DueSource::asks);
    std::vector<Ask> asks;
    asks.reserve(static_cast<std::size_t>(counts.int64(0)));
    if (!many) {
        store::Rows rows(m_impl->db, fmt::format(R"(SELECT a.id, a.direction, a.what, a.due_on,
            a.by_on, a.status, p.handle, p.name FROM asks a
            LEFT JOIN people p ON p.id = a.person_id WHERE {})",
                                                 where));
        rows.bind(":due_by", format_date(due_by));
        while (rows.step()) {
            Ask& a = read_ask(rows, asks.emplace_back());
            a.person.assign(rows.text(6));
            a.person_name.assign(rows.text(7));
        }
        return asks;
    }
    // Many: each ask's person is matched by id in C++, instead of the join's look-up of
    // the person for each ask (a sixth of `due` on issue #20's journal): among `known`
    // first (read already, in id order), else read here.
    store::Rows rows(m_impl->db, fmt::format(R"(SELECT a.id, a.direction, a.what, a.due_on,
        a.by_on, a.status, a.person_id FROM asks a NOT INDEXED WHERE {})",
                                             where));
    rows.bind(":due_by", format_date(due_by));
    const bool known_in_order = std::is_sorted(
        known.begin(), known.end(), [](const PersonSummary& x, const PersonSummary& y) { return x.id < y.id; });
    std::vector<std::pair<std::int64_t, std::size_t>> unknown;  // (person id, index in asks)
    while (rows.step()) {
        Ask& a = read_ask(rows, asks.emplace_back());
        const std::int64_t person_id = rows.int64(6);
        auto it = known_in_order ? std::lower_bound(known.begin(), known.end(), person_id,
                                                    [](const PersonSummary& p, std::int64_t id) {
                                                        return p.id < id;
                                                    })
                                 : known.end();
        if (it != known.end() && it->id == person_id) {
            a.person.assign(it->handle);
            a.person_name.assign(it->name);
        } else {
            unknown.emplace_back(person_id, asks.size() - 1);
        }
    }
    if (unknown.empty()) {
        return asks;
    }
    // The others in one walk through people, in id order (the person of an ask that
    // has none keeps "", as with the LEFT JOIN).
    std::sort(unknown.begin(), unknown.end());
    store::Rows people(m_impl->db, "SELECT id, handle, name FROM people ORDER BY id");
    bool more = people.step();
    for (const auto& [person_id, index] : unknown) {
        while (more && people.int64(0) < person_id) {
            more = people.step();
        }
        if (more && people.int64(0) == person_id) {
            asks[index].person.assign(people.text(1));
            asks[index].person_name.assign(people.text(2));
        }
    }
    return asks;
}

} // namespace netlog
