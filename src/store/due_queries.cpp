// What `due` and the ask's purposefulness check read. `due` runs from cron every
// day, so it reads only the per-person columns the schema's triggers maintain and
// the open asks (asks_status index): its cost follows people + open asks, never
// the number of interactions or favours.
#include "impl.hpp"

#include <fmt/format.h>

namespace netlog {

std::vector<Person> Journal::people_for_due(const DueFilter& filter) {
    // In the table's own order: walking the handle index would seek each row, and the
    // report sorts what is due anyway. Dates are ISO text: they compare as strings.
    // The WHERE is compute_due()'s own test, so that only the people listed are read
    // (a third of them in the benchmark, where most owe a favour).
    // The cheaper test first: SQLite stops at the first term of an OR that holds. The
    // people of the asks listed come too: the report names them.
    store::Rows rows(m_impl->db, fmt::format(R"(SELECT {} FROM people p WHERE
      (p.got > p.gave AND p.since <= :owed)
      OR (coalesce(p.last_contact, p.added_on) <= CASE
            WHEN p.cadence_days IS NOT NULL THEN date(:horizon, '-' || p.cadence_days || ' days')
            WHEN p.tier = 'inner' THEN :inner WHEN p.tier = 'network' THEN :network
            WHEN p.tier = 'weak' THEN :weak ELSE :none END
          AND (p.snooze_until IS NULL OR p.snooze_until <= :horizon))
      OR p.id IN (SELECT a.person_id FROM asks a WHERE {}))",
                                             store::summary_columns, store::asks_due_by));
    rows.bind(":horizon", format_date(filter.horizon));
    rows.bind(":due_by", format_date(filter.horizon));
    for (Tier tier : {Tier::inner, Tier::network, Tier::weak, Tier::none}) {
        rows.bind(fmt::format(":{}", to_string(tier)).c_str(),
                  filter.contact_by[static_cast<std::size_t>(tier)]);
    }
    rows.bind(":owed", format_date(filter.owed_since));
    std::vector<Person> people;
    Person p;
    while (rows.step()) {
        store::read_summary(rows, p);
        people.push_back(p);
    }
    return people;
}

std::vector<std::string> Journal::via_candidates(std::int64_t person_id) {
    SQLite::Statement st(m_impl->db, R"(SELECT handle FROM people
        WHERE tier IN ('inner', 'network') AND id <> ?1
          AND (id = (SELECT introduced_by FROM people WHERE id = ?1)
               OR id IN (SELECT other.person_id FROM interaction_people mine
                         JOIN interaction_people other ON other.interaction_id = mine.interaction_id
                         WHERE mine.person_id = ?1))
        ORDER BY handle)");
    st.bind(1, person_id);
    std::vector<std::string> handles;
    while (st.executeStep()) {
        handles.push_back(st.getColumn(0).getString());
    }
    return handles;
}

} // namespace netlog
