// netlog check --salvage OUT: every row of a damaged journal that can still be read,
// copied into a new journal.
//
// Debian's and most distributions' libsqlite3 do not carry SQLite's recovery API
// (sqlite3_recover_*, in ext/recover, built into the sqlite3 shell only; Debian 12's
// 3.40 has none), and netlog links the system library. So this is the `.recover`
// approach done through SQL: the source is opened read-only with writable_schema on
// (which lets SQLite open a file shorter than its header says), and each table is read
// in key order; where a read meets a damaged page, it goes on past it, from the next
// key that can be reached. What comes out is put back together as netlog keeps it: rows
// that name a lost record are dropped (a favour of a lost interaction) or unlinked (an
// introducer that was lost), who-was-at-each-interaction by person is rebuilt from the
// interactions' own list, and every maintained total is recomputed from the history.
#include "impl.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace netlog {
namespace {

bool is_damage(int code) {
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_IOERR;
}

std::string sql_name(const std::string& name) { return "\"" + name + "\""; }

struct Column {
    std::string name;
    int key = 0;  // position in the primary key, 1-based; 0 if not part of it
};

std::vector<Column> columns_of(SQLite::Database& db, const std::string& table) {
    std::vector<Column> columns;
    SQLite::Statement st(db, "SELECT name, pk FROM pragma_table_info(?)");
    st.bind(1, table);
    while (st.executeStep()) {
        columns.push_back({st.getColumn(0).getString(), st.getColumn(1).getInt()});
    }
    return columns;
}

// Copies the rows of `table` that can be read from `from` into `to` (same columns, but
// those the source lacks), in key order, going on past damaged pages. Rowid tables are
// read by rowid, the others by their primary key (netlog's all start with an integer).
SalvageReport::Table copy_table(SQLite::Database& from, SQLite::Database& to,
                                const std::string& table, bool without_rowid) {
    SalvageReport::Table report;
    report.name = table;
    std::vector<Column> source = columns_of(from, table);
    std::vector<std::string> names;
    std::vector<std::string> keys;
    for (const Column& c : columns_of(to, table)) {
        for (const Column& s : source) {
            if (s.name == c.name) {
                names.push_back(sql_name(c.name));
            }
        }
    }
    if (names.empty()) {
        report.unreadable = true;
        return report;
    }
    if (without_rowid) {
        std::vector<Column> key_columns;
        for (const Column& s : source) {
            if (s.key > 0) {
                key_columns.push_back(s);
            }
        }
        std::sort(key_columns.begin(), key_columns.end(),
                  [](const Column& a, const Column& b) { return a.key < b.key; });
        for (const Column& k : key_columns) {
            keys.push_back(sql_name(k.name));
        }
    } else {
        keys.push_back("rowid");
    }
    std::string list, marks, key_list;
    for (std::size_t i = 0; i < names.size(); ++i) {
        list += (i ? ", " : "") + names[i];
        marks += i ? ", ?" : "?";
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        key_list += (i ? ", " : "") + keys[i];
    }
    std::string select = fmt::format("SELECT {}, {} FROM {}", key_list, list, sql_name(table));
    std::string order = fmt::format(" ORDER BY {}", key_list);
    sqlite3_stmt* ins = nullptr;
    std::string insert = fmt::format("INSERT OR IGNORE INTO {} ({}) VALUES ({})", sql_name(table),
                                     list, marks);
    if (sqlite3_prepare_v2(to.getHandle(), insert.c_str(), -1, &ins, nullptr) != SQLITE_OK) {
        sqlite3_finalize(ins);
        throw SQLite::Exception(to.getHandle());
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> finalize_insert(ins, sqlite3_finalize);
    // Where a read meets a damaged page, it starts again further on in the first key
    // column (an integer in every netlog table): just past the last row read, then, while
    // nothing can be read, further and further out.
    std::optional<sqlite3_int64> start;
    std::optional<sqlite3_int64> last;  // first key column of the last row read
    sqlite3_int64 skip = 1;
    int tries = 0;
    for (;;) {
        std::string sql = select;
        if (start) {
            sql += fmt::format(" WHERE {} >= ?", keys[0]);
        }
        sql += order;
        sqlite3_stmt* st = nullptr;
        int rc = sqlite3_prepare_v2(from.getHandle(), sql.c_str(), -1, &st, nullptr);
        if (rc != SQLITE_OK) {
            sqlite3_finalize(st);
            report.unreadable = true;
            return report;
        }
        if (start) {
            sqlite3_bind_int64(st, 1, *start);
        }
        bool read_one = false;
        bool integer_key = true;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            read_one = true;
            integer_key = sqlite3_column_type(st, 0) == SQLITE_INTEGER;
            last = sqlite3_column_int64(st, 0);
            for (std::size_t i = 0; i < names.size(); ++i) {
                sqlite3_bind_value(ins, static_cast<int>(i + 1),
                                   sqlite3_column_value(st, static_cast<int>(keys.size() + i)));
            }
            int done = sqlite3_step(ins);
            if (done == SQLITE_DONE && sqlite3_changes(to.getHandle()) == 1) {
                ++report.copied;
            } else {
                ++report.dropped;  // values the damage garbled past netlog's constraints
            }
            sqlite3_reset(ins);
        }
        sqlite3_finalize(st);
        if (rc == SQLITE_DONE) {
            return report;
        }
        if (!is_damage(rc) || !integer_key) {
            report.unreadable = true;
            return report;
        }
        if (read_one || !start) {
            report.gaps.push_back(last ? fmt::format("after {}", *last) : "from the start");
            start = last ? *last + 1 : 0;
            skip = 1;
            tries = 0;
            if (read_one) {
                continue;
            }
        }
        if (++tries > 16) {
            skip *= 2;
        }
        if (skip > (sqlite3_int64{1} << 40)) {
            return report;  // nothing readable further on
        }
        *start += skip;
    }
}

// Opens the damaged journal for reading only, without its -wal if it must (a folder
// it cannot write to), with the schema readable past a short file.
std::unique_ptr<SQLite::Database> open_damaged(const fs::path& source, std::string& how) {
    auto usable = [](SQLite::Database& db) {
        // Only on this read-only connection; set before anything is read (the pragma
        // would read the schema first, and fail on a file shorter than its header says).
        sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_WRITABLE_SCHEMA, 1, nullptr);
        db.execAndGet("SELECT count(*) FROM sqlite_master");
    };
    try {
        auto db = std::make_unique<SQLite::Database>(source.string(), SQLite::OPEN_READONLY);
        usable(*db);
        how = "";
        return db;
    } catch (const SQLite::Exception&) {
    }
    std::string uri = "file:" + source.string() + "?immutable=1";
    auto db = std::make_unique<SQLite::Database>(uri, SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    try {
        usable(*db);
    } catch (const SQLite::Exception& e) {
        throw journal_error(fmt::format("the journal {} is damaged ({}) past salvage: not "
                                        "even its list of tables can be read — restore it "
                                        "from a backup",
                                        source.string(), e.getErrorStr()));
    }
    how = "without its -wal file";
    return db;
}

} // namespace

SalvageReport JournalMaintenance::salvage(const fs::path& source, const fs::path& target) {
    check_file_path(source, "journal", PathSource::journal);
    store::check_new_file(target, "salvage");
    std::error_code ec;
    if (!fs::is_regular_file(source, ec)) {
        throw journal_error(fmt::format("no journal file at {} to salvage", source.string()));
    }
    SalvageReport report;
    auto from = open_damaged(source, report.opened);
    int version = schema_version;
    try {
        int application = from->execAndGet("PRAGMA application_id").getInt();
        if (application != 0x4E544C47) {
            throw journal_error(fmt::format("{} is not a netlog journal; nothing to salvage",
                                            source.string()));
        }
        version = from->execAndGet("PRAGMA user_version").getInt();
    } catch (const SQLite::Exception&) {
        report.lost.push_back("the journal's header (taken as this netlog's schema)");
    }
    if (version < 1 || version > schema_version) {
        throw journal_error(fmt::format("{} has schema {}, which this netlog cannot salvage",
                                        source.string(), version));
    }
    report.source_version = version;

    fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    std::string temp = (folder / ("." + target.filename().string() + ".netlog-XXXXXX")).string();
    int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        throw journal_error(fmt::format("cannot write salvage {}: {}", target.string(),
                                        std::strerror(errno)));
    }
    ::close(fd);
    try {
        {
            SQLite::Database to(temp, SQLite::OPEN_READWRITE);
            to.exec("PRAGMA journal_mode = OFF");  // a new file: a failure removes it all
            to.exec("PRAGMA synchronous = OFF");
            to.exec("BEGIN");
            const auto& steps = store::migrations();
            for (int v = 0; v < version; ++v) {
                to.exec(steps.at(static_cast<std::size_t>(v)));
            }
            // Copied as they were, totals included; recomputed below.
            store::SetAside triggers(to, "trigger", "1");
            std::vector<std::pair<std::string, bool>> tables;
            {
                SQLite::Statement st(to, "SELECT name, sql LIKE '%WITHOUT ROWID%' FROM "
                                         "sqlite_master WHERE type = 'table' AND name NOT "
                                         "LIKE 'sqlite%' ORDER BY rowid");
                while (st.executeStep()) {
                    tables.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getInt() != 0);
                }
            }
            // The migrations seed retired_ids for an empty journal; the source's own
            // rows say which ids were given out, so they replace the seed (a table whose
            // rows were lost gets its seed back below).
            if (version >= 5) {
                to.exec("DELETE FROM retired_ids");
            }
            for (const auto& [table, without_rowid] : tables) {
                if (version >= 4 && table == "interaction_people") {
                    continue;  // rebuilt from interaction_members below
                }
                if (version >= 7 && table.rfind("search_", 0) == 0) {
                    continue;  // the full-text indexes and their tables: rebuilt below
                }
                report.tables.push_back(copy_table(*from, to, table, without_rowid));
            }
            // Rows that name a lost row: unlinked where netlog would (ON DELETE SET
            // NULL: an introducer, a via), else dropped, until none is left.
            for (bool changed = true; changed;) {
                changed = false;
                for (auto& t : report.tables) {
                    SQLite::Statement fks(to, "SELECT \"from\", \"table\", coalesce(\"to\", "
                                              "'rowid'), on_delete FROM "
                                              "pragma_foreign_key_list(?)");
                    fks.bind(1, t.name);
                    std::vector<std::array<std::string, 4>> list;
                    while (fks.executeStep()) {
                        list.push_back({fks.getColumn(0).getString(), fks.getColumn(1).getString(),
                                        fks.getColumn(2).getString(), fks.getColumn(3).getString()});
                    }
                    for (const auto& [column, parent, key, on_delete] : list) {
                        std::string missing = fmt::format(
                            "{0} IS NOT NULL AND {0} NOT IN (SELECT {1} FROM {2})",
                            sql_name(column), sql_name(key), sql_name(parent));
                        if (on_delete == "SET NULL") {
                            to.exec(fmt::format("UPDATE {} SET {} = NULL WHERE {}", sql_name(t.name),
                                                sql_name(column), missing));
                            t.unlinked += to.getChanges();
                        } else {
                            int n = to.exec(fmt::format("DELETE FROM {} WHERE {}", sql_name(t.name),
                                                        missing));
                            t.orphans += n;
                            changed = changed || n > 0;
                        }
                    }
                }
            }
            triggers.restore();
            for (int v = version; v < schema_version; ++v) {
                to.exec(store::migrations().at(static_cast<std::size_t>(v)));
            }
            // Schema 4 on: members naming no one known, interactions with no one left.
            auto count_into = [&](const char* table, int n) {
                for (auto& t : report.tables) {
                    if (t.name == table) {
                        t.orphans += n;
                    }
                }
            };
            triggers = store::SetAside(to, "trigger", "1");
            count_into("interaction_members",
                       to.exec("DELETE FROM interaction_members WHERE person_id NOT IN "
                               "(SELECT id FROM people UNION ALL SELECT id FROM person_aliases)"));
            int nobody = to.exec("DELETE FROM interactions WHERE id NOT IN "
                                 "(SELECT interaction_id FROM interaction_members)");
            count_into("interactions", nobody);
            if (nobody > 0) {
                count_into("favours", to.exec("DELETE FROM favours WHERE interaction_id IS NOT "
                                              "NULL AND interaction_id NOT IN (SELECT id FROM "
                                              "interactions)"));
            }
            to.exec("DELETE FROM interaction_people");
            to.exec("INSERT OR IGNORE INTO interaction_people (person_id, on_date, "
                    "interaction_id) SELECT w.person_id, i.on_date, i.id FROM interaction_with w "
                    "JOIN interactions i ON i.id = w.interaction_id");
            to.exec(store::refresh_totals("1"));
            if (version >= 7) {
                for (const char* index : {"search_people", "search_interactions", "search_asks"}) {
                    to.exec(fmt::format("INSERT INTO {0}({0}) VALUES ('rebuild')", index));
                }
            }
            if (version >= 5) {
                // Ids past every row kept: a lost row's id may come back, a kept one's never.
                for (const char* table : {"interactions", "asks", "favours"}) {
                    to.exec(fmt::format("INSERT OR IGNORE INTO retired_ids (entry, last) SELECT "
                                        "'{0}', coalesce(max(id), 0) FROM {0}",
                                        table));
                }
            }
            triggers.restore();
            to.exec("PRAGMA application_id = 1314147399");  // "NTLG"
            to.exec(fmt::format("PRAGMA user_version = {}", schema_version));
            to.exec("COMMIT");
            to.exec("PRAGMA journal_mode = WAL");
        }
        // What netlog itself makes of it: the same check as `netlog check`.
        report.problems = Journal::open(temp, Journal::Mode::read).maintenance().check();
        {
            int out = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
            if (out >= 0) {
                ::fsync(out);
                ::close(out);
            }
        }
        fs::remove(temp + "-wal", ec);
        fs::remove(temp + "-shm", ec);
        if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) != 0 &&
            !(errno == EINVAL && ::link(temp.c_str(), target.c_str()) == 0)) {
            throw std::runtime_error(std::strerror(errno));
        }
        fs::remove(temp, ec);
        ::chmod(target.c_str(), 0600);
    } catch (const Error&) {
        fs::remove(temp, ec);
        fs::remove(temp + "-wal", ec);
        fs::remove(temp + "-shm", ec);
        throw;
    } catch (const std::exception& e) {
        fs::remove(temp, ec);
        fs::remove(temp + "-wal", ec);
        fs::remove(temp + "-shm", ec);
        throw journal_error(fmt::format("cannot write salvage {}: {}", target.string(), e.what()));
    }
    return report;
}

} // namespace netlog
