// What `due` and the ask's purposefulness check read. `due` runs from cron every
// day, so it reads only the per-person columns the schema's triggers maintain and
// the open asks (asks_status index): its cost follows people + open asks, never
// the number of interactions or favours.
#include "impl.hpp"

#include <fmt/format.h>

namespace netlog {

std::vector<Person> Journal::people_for_due() {
    // In the table's own order: walking the handle index would seek each row, and the
    // report sorts what is due anyway.
    SQLite::Statement st(m_impl->db, fmt::format("SELECT {} FROM people p", store::summary_columns));
    std::vector<Person> people;
    Person p;
    while (st.executeStep()) {
        store::read_summary(st, p);
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
