// What `due` reads. `due` runs from cron every
// day, so it reads only the per-person columns the schema's triggers maintain and
// the open asks (asks_status index): its cost follows people + open asks, never
// the number of interactions or favours.
#include "impl.hpp"

#include "netlog/due.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {

std::vector<Person> Journal::people_for_due(const DuePrefilter& filter) {
    // In the table's own order: walking the handle index would seek each row, and the
    // report sorts what is due anyway. Dates are ISO text: they compare as strings.
    // The WHERE is compute_due()'s own test, so that only the people listed are read
    // (a third of them in the benchmark, where most owe a favour).
    // The cheaper test first: SQLite stops at the first term of an OR that holds.
    store::Rows rows(m_impl->db, fmt::format(R"(SELECT {} FROM people p WHERE
      (p.got > p.gave AND p.since <= :owed)
      OR (coalesce(p.last_contact, p.added_on) <= CASE
            WHEN p.cadence_days IS NOT NULL THEN date(:horizon, '-' || p.cadence_days || ' days')
            WHEN p.tier = 'inner' THEN :inner WHEN p.tier = 'network' THEN :network
            WHEN p.tier = 'weak' THEN :weak ELSE :none END
          AND (p.snooze_until IS NULL OR p.snooze_until <= :horizon)))",
                                             store::summary_columns));
    rows.bind(":horizon", format_date(filter.horizon));
    for (Tier tier : all_tiers) {
        rows.bind(fmt::format(":{}", to_string(tier)).c_str(),
                  filter.contact_by[static_cast<std::size_t>(tier)]);
    }
    rows.bind(":owed", format_date(filter.owed_since));
    std::vector<Person> people;
    while (rows.step()) {
        store::read_summary(rows, people.emplace_back());
    }
    return people;
}

std::vector<Ask> Journal::asks_for_due(Date due_by) {
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
    store::Rows rows(m_impl->db, fmt::format(R"(SELECT a.id, a.direction, p.handle, p.name, a.what,
        a.due_on, a.by_on, a.status FROM asks a {} LEFT JOIN people p ON p.id = a.person_id
        WHERE (a.status = 'open' AND a.due_on <= :due_by)
           OR (a.status = 'replied' AND +a.direction = 'in' AND a.by_on <= :due_by))",
                                             many ? "NOT INDEXED" : ""));
    rows.bind(":due_by", format_date(due_by));
    std::vector<Ask> asks;
    while (rows.step()) {
        Ask& a = asks.emplace_back();
        a.id = rows.int64(0);
        a.direction = rows.text(1) == "in" ? AskDirection::in : AskDirection::out;
        a.person.assign(rows.text(2));
        a.person_name.assign(rows.text(3));
        a.what.assign(rows.text(4));
        a.due_on = rows.date(5);
        a.by = rows.optional_date(6);
        a.status = rows.text(7) == "open" ? AskStatus::open : AskStatus::replied;
    }
    return asks;
}

} // namespace netlog
