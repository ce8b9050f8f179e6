// netlog check and netlog backup: integrity of the journal, and a consistent copy.
#include "impl.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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
    // Dates the commands cannot read: `people`, `show`, `audit`, `log` stop at the first
    // (Error(journal) naming the column), so `check` names every one, its record and the
    // command that sets it right (`edit` and `people set` read such a record, see
    // Journal::read_unreadable_dates); the two dates no option sets, an UPDATE in the
    // sqlite3 shell (the triggers keep every total in step with it).
    // date(x, '+0 days') is x only for a real YYYY-MM-DD day (it rolls 02-30 over).
    {
        struct DateColumn {
            const char* table;
            const char* column;
            const char* record;  // SQL naming the record as netlog does
            const char* fix;     // SQL of the command that sets it right, or null
            const char* key;     // SQL of the WHERE that finds it again, for an UPDATE
        };
        const char* by_handle = "'handle = ''' || handle || ''''";
        const char* by_id = "'id = ' || id";
        const DateColumn columns[] = {
            {"people", "added_on", "'person ' || handle",
             "'netlog people set ' || handle || ' --added YYYY-MM-DD'", by_handle},
            {"people", "snooze_until", "'person ' || handle",
             "'netlog people set ' || handle || ' --snooze off'", by_handle},
            {"interactions", "on_date", "'interaction i' || id",
             "'netlog edit i' || id || ' --on YYYY-MM-DD'", by_id},
            {"favours", "on_date", "'favour f' || id", "'netlog edit f' || id || ' --on YYYY-MM-DD'",
             by_id},
            {"asks", "asked_on", "'ask a' || id", "'netlog edit a' || id || ' --on YYYY-MM-DD'",
             by_id},
            {"asks", "due_on", "'ask a' || id", "'netlog edit a' || id || ' --on ' || asked_on",
             by_id},
            {"asks", "by_on", "'ask a' || id", "'netlog edit a' || id || ' --by YYYY-MM-DD'",
             by_id},
            {"asks", "replied_on", "'ask a' || id", nullptr, by_id},
            {"asks", "closed_on", "'ask a' || id", nullptr, by_id},
        };
        for (const auto& c : columns) {
            SQLite::Statement st(db, fmt::format("SELECT {0}, quote({1}), {3}, {4} FROM {2} WHERE "
                                                 "{1} IS NOT NULL AND (date({1}, '+0 days') IS NOT "
                                                 "{1} OR {1} < '0001') ORDER BY id",
                                                 c.record, c.column, c.table, c.key,
                                                 c.fix ? c.fix : "NULL"));
            while (st.executeStep()) {
                const std::string record = st.getColumn(0).getString();
                const std::string value = st.getColumn(1).getString();
                if (c.fix) {
                    problems.push_back(fmt::format(
                        "date: {} has {} {}, not a YYYY-MM-DD date, and the commands that read "
                        "it fail; set it right with `{}`",
                        record, c.column, value, st.getColumn(3).getString()));
                } else {
                    problems.push_back(fmt::format(
                        "date: {} has {} {}, not a YYYY-MM-DD date, and the commands that read "
                        "it fail; after `netlog backup`, set it right in the sqlite3 shell: "
                        "UPDATE {} SET {} = 'YYYY-MM-DD' WHERE {};",
                        record, c.column, value, c.table, c.column, st.getColumn(2).getString()));
                }
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
            problems.push_back(fmt::format(
                "email: person {} has primary email {} but the first of their emails is {}",
                st.getColumn(0).getString(), st.getColumn(1).getString(),
                st.getColumn(2).getString()));
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
        Person p;
        std::optional<Date> since;
        try {
            p = *person_by_id(id);
            since = unreciprocated_since(favours_of(id));
        } catch (const Error&) {
            continue;  // a date no command can read: named above
        }
        if (since != p.since) {
            problems.push_back(fmt::format("total: since of {} is '{}' but the history says '{}'",
                                           p.handle, p.since ? format_date(*p.since) : "",
                                           since ? format_date(*since) : ""));
        }
    }
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
    check_file_path(target, what, "FILE");
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

void Journal::backup(const std::filesystem::path& target) {
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
