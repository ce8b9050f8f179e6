// The queries behind `owe` and `audit`. They read the per-person totals that the
// schema's triggers maintain, so their cost follows the number of people (and of
// asks), never the size of the history.
#include "impl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace netlog {
namespace {

constexpr const char* totals_columns = R"(
  id, handle, name, tier, cadence_days, added_on, snooze_until, interactions, reached_me,
  last_interaction, last_contact, gave, got, since)";

Person read_totals(SQLite::Statement& st) {
    using namespace store;
    Person p;
    p.id = st.getColumn(0).getInt64();
    p.handle = st.getColumn(1).getString();
    p.name = st.getColumn(2).getString();
    p.tier = parse_tier(st.getColumn(3).getString()).value_or(Tier::none);
    if (!st.getColumn(4).isNull()) {
        p.cadence_days = st.getColumn(4).getInt();
    }
    p.added_on = date_column(st.getColumn(5));
    p.snooze_until = optional_date(st.getColumn(6));
    p.interactions = st.getColumn(7).getInt();
    p.reached_me = st.getColumn(8).getInt();
    p.last_interaction = optional_date(st.getColumn(9));
    p.last_contact = optional_date(st.getColumn(10));
    p.gave = st.getColumn(11).getInt64();
    p.got = st.getColumn(12).getInt64();
    p.since = optional_date(st.getColumn(13));
    return p;
}

std::vector<Person> query_totals(SQLite::Database& db, const std::string& tail) {
    SQLite::Statement st(db, fmt::format("SELECT {} FROM people {}", totals_columns, tail));
    std::vector<Person> people;
    while (st.executeStep()) {
        people.push_back(read_totals(st));
    }
    return people;
}

} // namespace

std::vector<Person> Journal::balances(bool settled) {
    return query_totals(m_impl->db, settled ? "WHERE gave > 0 OR got > 0" : "WHERE gave <> got");
}

std::vector<Person> Journal::people_totals() {
    return query_totals(m_impl->db, "ORDER BY handle");
}

std::vector<AuditAsk> Journal::audit_asks() {
    // Met before the ask: the maintained totals answer most cases (no interaction at
    // all; the last one on or before the ask); only the rest look at that person's
    // interactions, and stop at the first one on or before the ask.
    SQLite::Statement st(m_impl->db, R"(SELECT a.id FROM asks a JOIN people p ON p.id = a.person_id
        WHERE a.direction = 'out' AND p.interactions > 0
          AND CASE WHEN p.last_interaction <= a.asked_on THEN 1
                   ELSE EXISTS (SELECT 1 FROM interaction_people ip
                                JOIN interactions i ON i.id = ip.interaction_id
                                WHERE ip.person_id = a.person_id AND i.on_date <= a.asked_on) END)");
    std::unordered_set<std::int64_t> met_before;
    while (st.executeStep()) {
        met_before.insert(st.getColumn(0).getInt64());
    }
    std::vector<AuditAsk> asks;
    for (auto& a : list_asks({})) {
        bool met = met_before.count(a.id) > 0;
        asks.push_back({std::move(a), met});
    }
    std::sort(asks.begin(), asks.end(),
              [](const AuditAsk& x, const AuditAsk& y) { return x.ask.id < y.ask.id; });
    return asks;
}

} // namespace netlog
