// What `due` and the ask's purposefulness check read. `due` runs from cron every
// day, so it reads only the per-person columns the schema's triggers maintain and
// the open asks (asks_status index): its cost follows people + open asks, never
// the number of interactions or favours.
#include "impl.hpp"

#include "netlog/due.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {

std::vector<Person> Journal::people_for_due(const DueFilter& filter) {
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
    for (Tier tier : {Tier::inner, Tier::network, Tier::weak, Tier::none}) {
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

Journal::DueFilter Journal::due_filter(Date horizon, const Config& config) {
    DueFilter filter;
    filter.horizon = horizon;
    for (Tier tier : {Tier::inner, Tier::network, Tier::weak, Tier::none}) {
        if (auto cadence = config.cadence_days(tier)) {
            filter.contact_by[static_cast<std::size_t>(tier)] = add_days(horizon, -*cadence);
        }
    }
    filter.owed_since = latest_owed_since(horizon, config);
    return filter;
}

std::vector<std::string> Journal::via_candidates(std::int64_t person_id, std::size_t limit) {
    std::vector<std::string> handles;
    auto add = [&](SQLite::Statement& st) {
        while (handles.size() < limit && st.executeStep()) {
            std::string handle = st.getColumn(0).getString();
            if (std::find(handles.begin(), handles.end(), handle) == handles.end()) {
                handles.push_back(std::move(handle));
            }
        }
    };
    SQLite::Statement introducer(m_impl->db, R"(SELECT p.handle FROM people who
        JOIN people p ON p.id = who.introduced_by
        WHERE who.id = ?1 AND p.tier IN ('inner', 'network'))");
    introducer.bind(1, person_id);
    add(introducer);
    // Down interaction_people (person_id, on_date, interaction_id): newest first, sorting only
    // the people of one interaction, so that a person met 1,400 times costs only the
    // interactions read up to the limit.
    SQLite::Statement met(m_impl->db, R"(SELECT p.handle FROM interaction_people mine
        JOIN interaction_with other ON other.interaction_id = mine.interaction_id
        JOIN people p ON p.id = other.person_id
        WHERE mine.person_id = ?1 AND other.person_id <> ?1 AND p.tier IN ('inner', 'network')
        ORDER BY mine.on_date DESC, mine.interaction_id DESC, p.handle)");
    met.bind(1, person_id);
    add(met);
    return handles;
}

} // namespace netlog
