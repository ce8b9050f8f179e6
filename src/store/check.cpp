// netlog check and netlog backup: integrity of the journal, and a consistent copy.
#include "impl.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <functional>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace netlog {
namespace {

// "YYYY-MM-DD" as the number YYYYMMDD (their text order is the numbers' order, and
// the text comes back exactly); 0 for any other text.
std::uint32_t day_key(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return 0;
    }
    std::uint32_t key = 0;
    for (std::size_t i = 0; i < 10; ++i) {
        if (i == 4 || i == 7) {
            continue;
        }
        if (text[i] < '0' || text[i] > '9') {
            return 0;
        }
        key = key * 10 + static_cast<std::uint32_t>(text[i] - '0');
    }
    return key;
}

std::string day_text(std::uint32_t key) {
    if (key == 0) {
        return "";
    }
    // day_key() made it of eight digits: YYYYMMDD.
    std::string text = "0000-00-00";
    for (int i = 9; i >= 0; --i) {
        if (i == 4 || i == 7) {
            continue;
        }
        text[static_cast<std::size_t>(i)] = static_cast<char>('0' + key % 10);
        key /= 10;
    }
    return text;
}

// What the history says of a person, from interaction_people and interactions.
struct Met {
    std::int64_t person = 0;
    long long count = 0, them = 0;
    std::uint32_t last = 0, first = 0;
};

// Whether who was at each interaction (both ways), the dates interaction_people keeps,
// and every maintained total but `since` agree with the history, in one pass over
// each table (issue #20: the SQL below, with a look-up per row, took ~10 s on a
// million interactions). false as soon as anything is off, or irregular (a date
// that is not YYYY-MM-DD, an id past 2^31, a `them` that is not 0 or 1): then check()
// runs the SQL, which words every problem. `with_favours` gets the people whose stored
// gave or got is not 0, and `since` their stored since, for the check of `since`.
bool history_agrees(SQLite::Database& db, std::vector<std::int64_t>& with_favours,
                    std::vector<std::string>& since, const std::function<void()>& step) {
    constexpr std::int64_t id_limit = std::int64_t{1} << 31;
    std::vector<std::uint32_t> date_of;  // by interaction id; 0: no such interaction
    std::vector<std::uint8_t> flags;     // 1: them, 2: has someone
    {
        store::Rows rows(db, "SELECT id, on_date, them FROM interactions");
        while (rows.step()) {
            const std::int64_t id = rows.int64(0);
            const std::uint32_t day = day_key(rows.text(1));
            if (id < 1 || id >= id_limit || day == 0 || rows.is_null(2) ||
                (rows.text(2) != "0" && rows.text(2) != "1")) {
                return false;
            }
            if (static_cast<std::size_t>(id) >= date_of.size()) {
                const auto size = std::max<std::size_t>(static_cast<std::size_t>(id) + 1,
                                                        date_of.size() * 3 / 2);
                date_of.resize(size, 0);
                flags.resize(size, 0);
            }
            date_of[static_cast<std::size_t>(id)] = day;
            flags[static_cast<std::size_t>(id)] = rows.text(2) == "1" ? 1 : 0;
        }
    }
    step();
    auto interaction = [&](std::int64_t id) -> bool {
        return id >= 1 && static_cast<std::size_t>(id) < date_of.size() &&
               date_of[static_cast<std::size_t>(id)] != 0;
    };
    std::vector<std::int64_t> people;  // ids, ascending (rowid order)
    {
        store::Rows rows(db, "SELECT id FROM people ORDER BY id");
        while (rows.step()) {
            people.push_back(rows.int64(0));
        }
    }
    auto is_person = [&](std::int64_t id) {
        return std::binary_search(people.begin(), people.end(), id);
    };
    std::vector<std::pair<std::int64_t, std::int64_t>> aliases;  // id → person, by id
    {
        store::Rows rows(db, "SELECT id, person_id FROM person_aliases ORDER BY id");
        while (rows.step()) {
            if (is_person(rows.int64(0))) {
                return false;
            }
            aliases.emplace_back(rows.int64(0), rows.int64(1));
        }
    }
    // Who was at each interaction, by interaction: (interaction, person as merged).
    using Pair = std::pair<std::uint32_t, std::uint32_t>;
    std::vector<Pair> with;
    {
        store::Rows rows(db, "SELECT interaction_id, person_id FROM interaction_members");
        while (rows.step()) {
            const std::int64_t id = rows.int64(0);
            std::int64_t person = rows.int64(1);
            auto alias = std::lower_bound(aliases.begin(), aliases.end(),
                                          std::pair<std::int64_t, std::int64_t>(person, INT64_MIN));
            if (alias != aliases.end() && alias->first == person) {
                person = alias->second;
            }
            if (!interaction(id) || person < 1 || person >= id_limit || !is_person(person)) {
                return false;
            }
            flags[static_cast<std::size_t>(id)] |= 2;
            with.emplace_back(static_cast<std::uint32_t>(id), static_cast<std::uint32_t>(person));
        }
    }
    step();
    for (std::size_t id = 1; id < date_of.size(); ++id) {
        if (date_of[id] != 0 && (flags[id] & 2) == 0) {
            return false;  // of nobody
        }
    }
    if (!std::is_sorted(with.begin(), with.end())) {
        std::sort(with.begin(), with.end());
    }
    if (std::adjacent_find(with.begin(), with.end()) != with.end()) {
        return false;  // someone named twice
    }
    // By person, with the date each row keeps, and the totals the history gives.
    std::vector<Pair> by_person;
    by_person.reserve(with.size());
    std::vector<Met> met;
    {
        store::Rows rows(db, "SELECT person_id, on_date, interaction_id FROM interaction_people");
        while (rows.step()) {
            const std::int64_t person = rows.int64(0);
            const std::int64_t id = rows.int64(2);
            if (!interaction(id) || person < 1 || person >= id_limit) {
                return false;
            }
            const std::uint32_t day = date_of[static_cast<std::size_t>(id)];
            if (day_key(rows.text(1)) != day) {
                return false;  // the date kept is not the interaction's
            }
            by_person.emplace_back(static_cast<std::uint32_t>(id),
                                   static_cast<std::uint32_t>(person));
            if (met.empty() || met.back().person != person) {
                if (!met.empty() && met.back().person > person) {
                    return false;  // not in the table's order: take the SQL's way
                }
                met.push_back({person, 0, 0, day, day});
            }
            Met& m = met.back();
            ++m.count;
            m.them += flags[static_cast<std::size_t>(id)] & 1;
            m.last = std::max(m.last, day);
            m.first = std::min(m.first, day);
        }
    }
    step();
    std::sort(by_person.begin(), by_person.end());
    if (by_person != with) {
        return false;  // someone missing one way or the other
    }
    // The stored totals against those, and the ledger's and the asks'.
    store::Rows totals(db, R"(
        WITH ledger AS (
          SELECT person_id, sum(CASE WHEN direction = 'gave' THEN weight ELSE 0 END) AS gave,
                 sum(CASE WHEN direction = 'got' THEN weight ELSE 0 END) AS got
          FROM favours GROUP BY person_id),
        asked AS (
          SELECT person_id, max(max(asked_on, coalesce(replied_on, ''),
                 CASE WHEN status IN ('done', 'declined') THEN coalesce(closed_on, '') ELSE '' END,
                 coalesce(json_extract(nudged_on, '$[#-1]'), ''))) AS last
          FROM asks GROUP BY person_id)
        SELECT p.id, p.interactions, p.reached_me, coalesce(p.last_interaction, ''),
               coalesce(p.last_contact, ''), coalesce(p.first_interaction, ''),
               p.gave, coalesce(ledger.gave, 0), p.got, coalesce(ledger.got, 0),
               coalesce(asked.last, ''), coalesce(p.since, '')
        FROM people p LEFT JOIN ledger ON ledger.person_id = p.id
          LEFT JOIN asked ON asked.person_id = p.id)");
    while (totals.step()) {
        const std::int64_t person = totals.int64(0);
        auto it = std::lower_bound(met.begin(), met.end(), person,
                                   [](const Met& m, std::int64_t id) { return m.person < id; });
        const Met none{person, 0, 0, 0, 0};
        const Met& m = it != met.end() && it->person == person ? *it : none;
        const std::string last = day_text(m.last);
        const std::string asked(totals.text(10));
        if (totals.text(1) != std::to_string(m.count) || totals.text(2) != std::to_string(m.them) ||
            totals.text(3) != last || totals.text(4) != std::max(last, asked) ||
            totals.text(5) != day_text(m.first) || totals.text(6) != totals.text(7) ||
            totals.text(8) != totals.text(9)) {
            return false;
        }
        if (totals.int64(6) + totals.int64(8) > 0) {
            with_favours.push_back(person);
            since.emplace_back(totals.text(11));
        }
    }
    if (!std::is_sorted(with_favours.begin(), with_favours.end())) {
        std::vector<std::size_t> order(with_favours.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        std::sort(order.begin(), order.end(),
                  [&](std::size_t a, std::size_t b) { return with_favours[a] < with_favours[b]; });
        std::vector<std::int64_t> ids;
        std::vector<std::string> texts;
        for (std::size_t i : order) {
            ids.push_back(with_favours[i]);
            texts.push_back(std::move(since[i]));
        }
        with_favours = std::move(ids);
        since = std::move(texts);
    }
    return true;
}

// Whether the stored `since` of each of `people` (ascending ids; `stored` their
// stored since) is what their favours give, in one pass over favours (the SQL way
// reads each person and their favours, a statement each). false when one is not,
// or a date cannot be read: then check() words it the SQL's way.
bool since_agrees(SQLite::Database& db, const std::vector<std::int64_t>& people,
                  const std::vector<std::string>& stored) {
    std::vector<std::optional<Date>> actual(people.size());
    {
        store::Rows rows(db, "SELECT person_id, direction, weight, on_date, id FROM favours "
                             "ORDER BY person_id");
        std::vector<Favour> favours;
        std::int64_t current = 0;
        auto flush = [&] {
            auto it = std::lower_bound(people.begin(), people.end(), current);
            if (it != people.end() && *it == current) {
                actual[static_cast<std::size_t>(it - people.begin())] = unreciprocated_since(favours);
            }
            favours.clear();
        };
        while (rows.step()) {
            const std::int64_t person = rows.int64(0);
            if (person != current) {
                flush();
                current = person;
            }
            auto on = parse_iso_date(rows.text(3));
            if (!on) {
                return false;
            }
            Favour& f = favours.emplace_back();
            f.direction = rows.text(1) == "got" ? Direction::got : Direction::gave;
            f.weight = static_cast<int>(rows.int64(2));
            f.on = *on;
            f.id = rows.int64(4);
        }
        flush();
    }
    for (std::size_t i = 0; i < people.size(); ++i) {
        std::optional<Date> since;
        if (!stored[i].empty()) {
            since = parse_iso_date(stored[i]);
            if (!since) {
                return false;
            }
        }
        if (since != actual[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

std::vector<CheckProblem> JournalMaintenance::check(bool full) {
    auto& db = m_impl->db;
    std::vector<CheckProblem> problems;
    auto found = [&problems](std::string what) {
        problems.push_back({std::move(what), CheckProblem::Fix::none, {}, {}});
    };
    // --full reads every page, most several times (integrity_check): through a memory
    // map, not a copy into the page cache for each read (a third of its time was the
    // kernel copying pages). The mapped pages are the file's own, but they count in
    // the resident size while it runs (390 MiB on a 1M-interaction journal). The
    // quick check reads each page about once: the map saves it 5 % of its CPU, so it
    // stays under 50 MiB without one (issue #20).
    if (full) {
        db.exec("PRAGMA mmap_size = 2147418112");
    }
    struct Unmap {
        SQLite::Database& db;
        bool mapped;
        ~Unmap() {
            try {
                if (mapped) {
                    db.exec("PRAGMA mmap_size = 0");
                }
            } catch (...) {
            }
        }
    } unmap{db, full};
    // Steps for the progress line: integrity, foreign keys, the history's three tables,
    // the dates, the totals, the favours.
    constexpr std::uint64_t steps = 8;
    std::uint64_t done = 0;
    auto step = [&] {
        if (m_impl->progress) {
            m_impl->progress(++done, steps);
        }
    };
    {
        SQLite::Statement st(db, full ? "PRAGMA integrity_check" : "PRAGMA quick_check");
        while (st.executeStep()) {
            std::string line = st.getColumn(0).getString();
            if (line != "ok") {
                found("integrity: " + line);
            }
        }
    }
    step();
    {
        SQLite::Statement st(db, "PRAGMA foreign_key_check");
        while (st.executeStep()) {
            found(fmt::format("foreign key: row {} of {} points to a missing {}",
                                           st.getColumn(1).getInt64(), st.getColumn(0).getString(),
                                           st.getColumn(2).getString()));
        }
    }
    step();
    // The history and the totals: in one pass over each table when all is well; the SQL
    // below, which words each problem, runs only when something is off.
    std::vector<std::int64_t> with_favours;
    std::vector<std::string> since_stored;
    const bool agrees = history_agrees(db, with_favours, since_stored, step);
    done = 5;
    if (!agrees) {
        with_favours.clear();
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
                found(
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
                found(fmt::format("total: the date of interaction {} kept for {} is '{}' "
                                               "but the interaction says '{}'",
                                               interaction_id(st.getColumn(0).getInt64()),
                                               st.getColumn(1).getString(),
                                               st.getColumn(2).getString(), st.getColumn(3).getString()));
            }
        }
    }
    // Dates the commands cannot read: `people`, `show`, `audit`, `log` stop at the first
    // (Error(journal) naming the column), so `check` names every one, its record and
    // what sets it right (`edit` and `people set` read such a record, see
    // Journal::read_unreadable_dates); the two dates no option sets, an UPDATE in the
    // sqlite3 shell (the triggers keep every total in step with it).
    // date(x, '+0 days') is x only for a real YYYY-MM-DD day (it rolls 02-30 over).
    {
        using Fix = CheckProblem::Fix;
        struct DateColumn {
            const char* table;
            const char* column;
            const char* record;  // SQL naming the record as netlog does
            Fix fix;
            const char* name;    // SQL of the handle or id the fix names
            const char* key;     // SQL of the WHERE that finds it again, for an UPDATE
        };
        const char* by_handle = "'handle = ''' || handle || ''''";
        const char* by_id = "'id = ' || id";
        const DateColumn columns[] = {
            {"people", "added_on", "'person ' || handle", Fix::person_added, "handle", by_handle},
            {"people", "snooze_until", "'person ' || handle", Fix::person_snooze, "handle",
             by_handle},
            {"interactions", "on_date", "'interaction i' || id", Fix::entry_on, "'i' || id",
             by_id},
            {"favours", "on_date", "'favour f' || id", Fix::entry_on, "'f' || id", by_id},
            {"asks", "asked_on", "'ask a' || id", Fix::entry_on, "'a' || id", by_id},
            {"asks", "due_on", "'ask a' || id", Fix::ask_due, "'a' || id", by_id},
            {"asks", "by_on", "'ask a' || id", Fix::ask_by, "'a' || id", by_id},
            {"asks", "replied_on", "'ask a' || id", Fix::by_hand, "'a' || id", by_id},
            {"asks", "closed_on", "'ask a' || id", Fix::by_hand, "'a' || id", by_id},
        };
        for (const auto& c : columns) {
            SQLite::Statement st(db, fmt::format("SELECT {0}, quote({1}), {3}, {4}, {5} FROM {2} "
                                                 "WHERE {1} IS NOT NULL AND (date({1}, '+0 days') "
                                                 "IS NOT {1} OR {1} < '0001') ORDER BY id",
                                                 c.record, c.column, c.table, c.key, c.name,
                                                 c.fix == Fix::ask_due ? "asked_on" : "NULL"));
            while (st.executeStep()) {
                CheckProblem problem{
                    fmt::format("date: {} has {} {}, not a YYYY-MM-DD date, and the commands "
                                "that read it fail",
                                st.getColumn(0).getString(), c.column, st.getColumn(1).getString()),
                    c.fix, st.getColumn(3).getString(), st.getColumn(4).getString()};
                if (c.fix == Fix::by_hand) {
                    problem.detail = fmt::format("UPDATE {} SET {} = 'YYYY-MM-DD' WHERE {};",
                                                 c.table, c.column, st.getColumn(2).getString());
                }
                problems.push_back(std::move(problem));
            }
        }
    }
    // A person's primary email is kept twice: as people.email (what lists and imports
    // read) and first in person_emails (every address); they must agree.
    {
        SQLite::Statement st(db, R"(
            SELECT p.handle, quote(p.email), quote(e.email) FROM people p
            LEFT JOIN person_emails e ON e.person_id = p.id
                 AND e.position = (SELECT min(position) FROM person_emails WHERE person_id = p.id)
            WHERE nullif(p.email, '') IS NOT e.email ORDER BY p.id)");
        while (st.executeStep()) {
            found(fmt::format(
                "email: person {} has primary email {} but the first of their emails is {}",
                st.getColumn(0).getString(), st.getColumn(1).getString(),
                st.getColumn(2).getString()));
        }
    }
    step();
    if (!agrees) {
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
        while (totals.executeStep()) {
            std::string handle = totals.getColumn(1).getString();
            for (int k = 0; k < 7; ++k) {
                std::string stored = totals.getColumn(2 + 2 * k).getString();
                std::string actual = totals.getColumn(3 + 2 * k).getString();
                if (stored != actual) {
                    found(fmt::format("total: {} of {} is '{}' but the history says '{}'",
                                                   names[k], handle, stored, actual));
                }
            }
            if (totals.getColumn(10).getInt64() + totals.getColumn(12).getInt64() > 0) {
                with_favours.push_back(totals.getColumn(0).getInt64());
            }
        }
    }
    step();
    if (!agrees || !since_agrees(db, with_favours, since_stored)) {
        for (std::int64_t id : with_favours) {
            Person p;
            std::optional<Date> since;
            try {
                p = *JournalPeople(*m_impl).person_by_id(id);
                since = unreciprocated_since(JournalEntries(*m_impl).favours_of(id));
            } catch (const Error&) {
                continue;  // a date no command can read: named above
            }
            if (since != p.since) {
                found(fmt::format("total: since of {} is '{}' but the history says '{}'",
                                               p.handle, p.since ? format_date(*p.since) : "",
                                               since ? format_date(*since) : ""));
            }
        }
    }
    step();
    return problems;
}

namespace {

// "disk full", "I/O error (…)": what went wrong writing the backup, for a message that
// names the backup file, not the journal.
std::string backup_problem(const std::exception& e) {
    if (const auto* sql = dynamic_cast<const SQLite::Exception*>(&e)) {
        switch (sql->getErrorCode()) {
        case SQLITE_FULL:
            return "disk full";
        case SQLITE_IOERR:
            return fmt::format("I/O error ({}); check free space and file size limits",
                               sql->getErrorStr());
        case SQLITE_CANTOPEN:
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return fmt::format("{}; check the folder's permissions", sql->getErrorStr());
        default:
            return sql->getErrorStr();
        }
    }
    return e.what();
}

// Opens the copy just written and checks it: SQLite's quick check of every page, and
// the header of a netlog journal of the source's version.
void verify_backup(const std::filesystem::path& copy, int version) {
    SQLite::Database db(copy.string(), SQLite::OPEN_READONLY);
    std::string result = db.execAndGet("PRAGMA quick_check").getString();
    if (result != "ok") {
        throw std::runtime_error("the copy does not pass SQLite's check: " + result);
    }
    int copied = db.execAndGet("PRAGMA user_version").getInt();
    if (copied != version) {
        throw std::runtime_error(
            fmt::format("the copy has schema {}, the journal {}", copied, version));
    }
}

void sync_file(const std::filesystem::path& path, int flags) {
    int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        int error = errno;
        if (fd >= 0) {
            ::close(fd);
        }
        throw std::runtime_error(fmt::format("cannot sync: {}", std::strerror(error)));
    }
    ::close(fd);
}

} // namespace

void store::check_new_file(const std::filesystem::path& target, const char* what) {
    namespace fs = std::filesystem;
    check_file_path(target, what, PathSource::argument);
    std::error_code ec;
    auto status = fs::symlink_status(target, ec);
    if (fs::is_directory(fs::status(target, ec))) {
        throw usage_error(fmt::format("{} {} is a folder; give a file name in it, e.g. {}", what,
                                      target.string(),
                                      (target / "journal-backup.db").string()));
    }
    if (fs::is_symlink(status)) {  // dangling, or it would be a folder or exist
        throw usage_error(fmt::format("{} {} is a symbolic link; give a new file name "
                                      "(netlog never writes through a link)",
                                      what, target.string()));
    }
    if (fs::exists(status)) {
        throw usage_error(
            fmt::format("{} {} exists already; give a new file name", what, target.string()));
    }
    fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    if (!fs::is_directory(folder, ec)) {
        throw usage_error(fmt::format("the folder {} of {} {} does not exist; create it "
                                      "first, or give a file in an existing folder",
                                      folder.string(), what, target.string()));
    }
}

void JournalMaintenance::backup(const std::filesystem::path& target) {
    namespace fs = std::filesystem;
    store::check_new_file(target, "backup");
    fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    // A temporary file beside the target (mode 0600, from mkstemp), written, checked,
    // synced, then renamed: a backup killed on the way leaves no partial file under
    // the name asked for, and the rename is atomic on one file system.
    std::string temp = (folder / ("." + target.filename().string() + ".netlog-XXXXXX")).string();
    int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        throw journal_error(fmt::format("cannot write backup {}: {}", target.string(),
                                        std::strerror(errno)));
    }
    ::close(fd);
    try {
        {
            // VACUUM INTO writes a consistent, compacted copy while others may keep
            // writing; it takes an empty file as its target.
            SQLite::Statement st(m_impl->db, "VACUUM INTO ?");
            st.bind(1, temp);
            // Progress: the bytes of the copy written so far, of the journal's size,
            // looked at every few thousand steps of SQLite's machine.
            struct Watch {
                const std::string* file;
                const std::function<void(std::uint64_t, std::uint64_t)>* progress;
                std::uint64_t total;
            } watch{&temp, &m_impl->progress, 0};
            if (m_impl->progress) {
                watch.total = static_cast<std::uint64_t>(
                    m_impl->db.execAndGet("PRAGMA page_count").getInt64() *
                    m_impl->db.execAndGet("PRAGMA page_size").getInt64());
                sqlite3_progress_handler(
                    m_impl->db.getHandle(), 20000,
                    [](void* data) {
                        const auto* w = static_cast<const Watch*>(data);
                        struct stat info {};
                        if (::stat(w->file->c_str(), &info) == 0) {
                            (*w->progress)(static_cast<std::uint64_t>(info.st_size), w->total);
                        }
                        return 0;
                    },
                    &watch);
            }
            struct Unwatch {
                sqlite3* db;
                ~Unwatch() { sqlite3_progress_handler(db, 0, nullptr, nullptr); }
            } unwatch{m_impl->db.getHandle()};
            try {
                st.exec();
            } catch (const SQLite::Exception& e) {
                if (e.getErrorCode() == SQLITE_CORRUPT || e.getErrorCode() == SQLITE_NOTADB) {
                    throw damaged_journal_error(m_impl->path, e.getErrorStr());
                }
                throw;
            }
        }
        verify_backup(temp, m_impl->db.execAndGet("PRAGMA user_version").getInt());
        sync_file(temp, O_RDONLY);
        // No clobbering: a file made at the target meanwhile stays, and we say so.
        int renamed = ::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(),
                                  RENAME_NOREPLACE);
        if (renamed != 0 && errno == EINVAL && ::link(temp.c_str(), target.c_str()) == 0) {
            ::unlink(temp.c_str());  // a file system without RENAME_NOREPLACE: link is as safe
            renamed = 0;
        }
        if (renamed != 0) {
            if (errno == EEXIST) {
                throw usage_error(fmt::format("backup {} exists already; give a new file name",
                                              target.string()));
            }
            throw std::runtime_error(std::strerror(errno));
        }
        sync_file(folder, O_RDONLY | O_DIRECTORY);
    } catch (const Error&) {
        std::error_code ec;
        fs::remove(temp, ec);
        throw;
    } catch (const std::exception& e) {
        std::error_code ec;
        fs::remove(temp, ec);
        throw journal_error(
            fmt::format("cannot write backup {}: {}", target.string(), backup_problem(e)));
    }
}

} // namespace netlog
