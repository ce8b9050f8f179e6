// What `due` and the ask's purposefulness check read. `due` runs from cron every
// day, so it reads only the per-person columns the schema's triggers maintain and
// the open asks (asks_status index): its cost follows people + open asks, never
// the number of interactions or favours.
#include "impl.hpp"

namespace netlog {

std::vector<Person> Journal::people_for_due() {
    // In the table's own order: walking the handle index would seek each row, and the
    // report sorts what is due anyway.
    SQLite::Statement st(m_impl->db, R"(SELECT id, handle, name, tier, cadence_days, added_on,
        snooze_until, last_contact, gave, got, since FROM people)");
    std::vector<Person> people;
    while (st.executeStep()) {
        Person p;
        p.id = st.getColumn(0).getInt64();
        p.handle = st.getColumn(1).getText();
        p.name = st.getColumn(2).getText();
        p.tier = parse_tier(st.getColumn(3).getText()).value_or(Tier::none);
        if (!st.getColumn(4).isNull()) {
            p.cadence_days = st.getColumn(4).getInt();
        }
        p.added_on = store::date_column(st.getColumn(5));
        p.snooze_until = store::optional_date(st.getColumn(6));
        p.last_contact = store::optional_date(st.getColumn(7));
        p.gave = st.getColumn(8).getInt64();
        p.got = st.getColumn(9).getInt64();
        p.since = store::optional_date(st.getColumn(10));
        people.push_back(std::move(p));
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
