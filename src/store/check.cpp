// netlog check and netlog backup: integrity of the journal, and a consistent copy.
#include "impl.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>

#include <sys/stat.h>

namespace netlog {

std::vector<std::string> Journal::check() {
    auto& db = m_impl->db;
    std::vector<std::string> problems;
    {
        SQLite::Statement st(db, "PRAGMA integrity_check");
        while (st.executeStep()) {
            std::string line = st.getColumn(0).getString();
            if (line != "ok") {
                problems.push_back("integrity: " + line);
            }
        }
    }
    {
        SQLite::Statement st(db, "PRAGMA foreign_key_check");
        while (st.executeStep()) {
            problems.push_back(fmt::format("foreign key: row {} of {} points to a missing {}",
                                           st.getColumn(1).getInt64(), st.getColumn(0).getString(),
                                           st.getColumn(2).getString()));
        }
    }
    // Who was at each interaction, two ways: by interaction (interaction_members, through
    // person_aliases) and by person (interaction_people). They must say the same. (With
    // no one named twice and nothing extra by person, only a count that differs leaves
    // something missing there: the search for it, 3 s a million, runs only then.)
    {
        SQLite::Statement st(db, R"(
            SELECT 'names ' || m.person_id || ', who is neither a person nor merged into one',
                   m.interaction_id
              FROM interaction_members m
              WHERE NOT EXISTS (SELECT 1 FROM people WHERE id = m.person_id)
                AND NOT EXISTS (SELECT 1 FROM person_aliases WHERE id = m.person_id)
            UNION ALL
            SELECT 'names person ' || w.person_id || ' twice', w.interaction_id
              FROM interaction_with w GROUP BY w.interaction_id, w.person_id HAVING count(*) > 1
            UNION ALL
            SELECT 'is missing from the interactions of person ' || person_id, interaction_id
              FROM (SELECT interaction_id, person_id FROM interaction_with
                    EXCEPT SELECT interaction_id, person_id FROM interaction_people)
              WHERE (SELECT count(*) FROM interaction_members) <>
                    (SELECT count(*) FROM interaction_people)
            UNION ALL
            SELECT 'is among the interactions of person ' || ip.person_id || ' but not with them',
                   ip.interaction_id
              FROM interaction_people ip WHERE NOT EXISTS (SELECT 1 FROM interaction_with w
                WHERE w.interaction_id = ip.interaction_id AND w.person_id = ip.person_id)
            UNION ALL
            SELECT 'of nobody', i.id FROM interactions i
              WHERE NOT EXISTS (SELECT 1 FROM interaction_members WHERE interaction_id = i.id)
            UNION ALL
            SELECT 'names ' || a.id || ', merged away, who is a person too', NULL
              FROM person_aliases a WHERE EXISTS (SELECT 1 FROM people WHERE id = a.id)
            ORDER BY 2, 1)");
        while (st.executeStep()) {
            problems.push_back(
                st.getColumn(1).isNull()
                    ? fmt::format("people: person_aliases {}", st.getColumn(0).getString())
                    : fmt::format("people: interaction {} {}",
                                  interaction_id(st.getColumn(1).getInt64()),
                                  st.getColumn(0).getString()));
        }
    }
    // The date each interaction_people row keeps of its interaction.
    {
        SQLite::Statement st(db, R"(SELECT i.id, p.handle, ip.on_date, i.on_date
            FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
            JOIN people p ON p.id = ip.person_id WHERE ip.on_date IS NOT i.on_date
            ORDER BY i.id, p.handle)");
        while (st.executeStep()) {
            problems.push_back(fmt::format("total: the date of interaction {} kept for {} is '{}' "
                                           "but the interaction says '{}'",
                                           interaction_id(st.getColumn(0).getInt64()),
                                           st.getColumn(1).getString(),
                                           st.getColumn(2).getString(), st.getColumn(3).getString()));
        }
    }
    // Every maintained total against a recomputation from the history.
    SQLite::Statement totals(db, R"(
        WITH met AS (
          SELECT ip.person_id, count(*) AS n, sum(i.them) AS them, max(i.on_date) AS last,
                 min(i.on_date) AS first
          FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
          GROUP BY ip.person_id),
        ledger AS (
          SELECT person_id, sum(CASE WHEN direction = 'gave' THEN weight ELSE 0 END) AS gave,
                 sum(CASE WHEN direction = 'got' THEN weight ELSE 0 END) AS got
          FROM favours GROUP BY person_id),
        asked AS (
          SELECT person_id, max(max(asked_on, coalesce(replied_on, ''),
                 CASE WHEN status IN ('done', 'declined') THEN coalesce(closed_on, '') ELSE '' END,
                 coalesce(json_extract(nudged_on, '$[#-1]'), ''))) AS last
          FROM asks GROUP BY person_id)
        SELECT p.id, p.handle,
               p.interactions, coalesce(met.n, 0),
               p.reached_me, coalesce(met.them, 0),
               coalesce(p.last_interaction, ''), coalesce(met.last, ''),
               coalesce(p.last_contact, ''),
               max(coalesce(met.last, ''), coalesce(asked.last, '')),
               p.gave, coalesce(ledger.gave, 0), p.got, coalesce(ledger.got, 0),
               coalesce(p.first_interaction, ''), coalesce(met.first, '')
        FROM people p LEFT JOIN met ON met.person_id = p.id
          LEFT JOIN ledger ON ledger.person_id = p.id LEFT JOIN asked ON asked.person_id = p.id
        ORDER BY p.handle)");
    const char* names[] = {"interactions", "reached_me", "last_interaction", "last_contact", "gave",
                           "got", "first_interaction"};
    std::vector<std::int64_t> with_favours;
    while (totals.executeStep()) {
        std::string handle = totals.getColumn(1).getString();
        for (int k = 0; k < 7; ++k) {
            std::string stored = totals.getColumn(2 + 2 * k).getString();
            std::string actual = totals.getColumn(3 + 2 * k).getString();
            if (stored != actual) {
                problems.push_back(fmt::format("total: {} of {} is '{}' but the history says '{}'",
                                               names[k], handle, stored, actual));
            }
        }
        if (totals.getColumn(10).getInt64() + totals.getColumn(12).getInt64() > 0) {
            with_favours.push_back(totals.getColumn(0).getInt64());
        }
    }
    for (std::int64_t id : with_favours) {
        Person p = *person_by_id(id);
        auto since = unreciprocated_since(favours_of(id));
        if (since != p.since) {
            problems.push_back(fmt::format("total: since of {} is '{}' but the history says '{}'",
                                           p.handle, p.since ? format_date(*p.since) : "",
                                           since ? format_date(*since) : ""));
        }
    }
    return problems;
}

void Journal::backup(const std::filesystem::path& target) {
    std::error_code ec;
    if (std::filesystem::exists(target, ec)) {
        throw usage_error(fmt::format("{} exists already; give a new file name", target.string()));
    }
    // VACUUM INTO writes a consistent, compacted copy while others may keep writing.
    mode_t old_mask = ::umask(077);
    try {
        SQLite::Statement st(m_impl->db, "VACUUM INTO ?");
        st.bind(1, target.string());
        st.exec();
    } catch (...) {
        ::umask(old_mask);
        std::filesystem::remove(target, ec);
        throw;
    }
    ::umask(old_mask);
}

} // namespace netlog
