// What the store's files share: the open database and small row helpers.
#pragma once

#include "netlog/journal.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

namespace netlog {
namespace store {

// What the journal and its areas (JournalPeople …) share: each area holds a pointer
// to the one Impl of its journal.
struct Impl {
    std::filesystem::path path;
    SQLite::Database db;
    // What every write stamps (created_at, updated_at, deleted_at): see Journal::now().
    std::string now;

    Impl(std::filesystem::path p, int flags, int busy_timeout_ms)
        : path(std::move(p)), db(path.string(), flags, busy_timeout_ms) {}
    // Opens `filename` (a URI, with OPEN_URI in flags) for the journal at `p`.
    Impl(std::filesystem::path p, const std::string& filename, int flags, int busy_timeout_ms)
        : path(std::move(p)), db(filename, flags, busy_timeout_ms) {}

    // `sql` compiled once per journal, reset and unbound, for a query run once per
    // match or per ask (`who`, the audit's introductions): compiling is ~50 µs.
    SQLite::Statement& cached(const std::string& sql) {
        auto& st = statements[sql];
        if (!st) {
            st = std::make_unique<SQLite::Statement>(db, sql);
        } else {
            st->reset();
            st->clearBindings();
        }
        return *st;
    }
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> statements;
    // Journal::set_progress(): called now and then by long work, when set.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

inline Impl& impl_of(Journal& journal) { return *journal.m_impl; }

// Refuses (Error(usage)) a `what` ("backup", "salvage") file that is no new plain
// file in an existing folder: "", ":memory:", a URI, a folder, a symbolic link (even a
// dangling one), an existing file, a missing folder.
void check_new_file(const std::filesystem::path& target, const char* what);

// SQL of every schema version, in order: migrations[v] takes a journal from
// version v to v + 1. Never edit a released entry; append a new one.
const std::vector<std::string>& migrations();

// SQL that recomputes every maintained total (interactions, reached_me,
// last_interaction, first_interaction, last_contact, gave, got, since) of the people
// matched by `where`, exactly as the triggers keep them: for bulk writes made with the
// triggers dropped. (interaction_people.on_date is no total: its writers set it.)
std::string refresh_totals(const std::string& where);
// The same, with reached_me counted against `them`, a table of the ids of the
// interactions with them = 1 made for it: for a bulk write that recomputes thousands
// of people, one look-up in that small table a link instead of a read of the
// interaction at a random place in its table (import json of a million: 3.3 -> 0.8 s).
std::string refresh_totals_given_them(const std::string& where, const std::string& them);

// What listings and reports read of a person, from `people p`: id, handle, name, tier,
// cadence_days, added_on, snooze_until and the maintained totals interactions,
// reached_me, last_interaction, last_contact, gave, got, since (not uuid, notes, tags…).
// Columns selected after them start at index summary_column_count.
inline constexpr const char* summary_columns = R"(p.id, p.handle, p.name, p.tier,
  p.cadence_days, p.added_on, p.snooze_until, p.interactions, p.reached_me,
  p.last_interaction, p.last_contact, p.gave, p.got, p.since)";
inline constexpr int summary_column_count = 14;

// A query read through SQLite's C API, for the loops over every person or every ask
// (`people`, `due`, `audit`): SQLiteCpp's getColumn() makes a Column holding a copy of
// a shared_ptr, two atomic operations and a few calls per value read, which was a
// tenth of `audit` (500,000 values). Errors are SQLite::Exception, as with SQLiteCpp.
class Rows {
public:
    Rows(SQLite::Database& db, const std::string& sql);
    ~Rows();
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;

    // Binds a named parameter (":name"); a date as YYYY-MM-DD, NULL for nullopt.
    void bind(const char* name, const std::string& value);
    void bind(const char* name, const std::optional<Date>& value);
    void bind(const char* name, std::int64_t value);
    // The next row; false after the last.
    bool step();

    // The current row's columns, counted from 0. Texts are valid until the next step.
    bool is_null(int column) const;
    std::int64_t int64(int column) const;
    std::string_view text(int column) const;  // "" for NULL
    std::optional<std::string> optional_text(int column) const;
    // Throws journal_error naming the column when it holds no YYYY-MM-DD date.
    Date date(int column) const;
    std::optional<Date> optional_date(int column) const;

private:
    int parameter(const char* name) const;

    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// Reads summary_columns into `p`, reusing its strings' storage from row to row.
void read_summary(const Rows& row, PersonSummary& p);

// Column reading that keeps NULL apart from "" (SQLiteCpp's getText() does not).
std::optional<std::string> optional_text(const SQLite::Column& column);
std::optional<Date> optional_date(const SQLite::Column& column);
Date date_column(const SQLite::Column& column);
// Set by Journal::read_unreadable_dates(): an unreadable date reads as unreadable_date.
extern bool unreadable_dates_read;

// Binding that writes NULL for nullopt.
void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::string>& value);
void bind_optional(SQLite::Statement& statement, int index, const std::optional<Date>& value);
void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& value);

// A person's addresses, primary first, as person_emails keeps them: `replace_emails`
// deletes theirs and inserts `emails`, with the two statements given (prepared once
// by a bulk import): `DELETE FROM person_emails WHERE person_id = ?` and
// `INSERT INTO person_emails (person_id, position, email) VALUES (?, ?, ?)`.
inline constexpr const char* delete_emails_sql = "DELETE FROM person_emails WHERE person_id = ?";
inline constexpr const char* insert_email_sql =
    "INSERT INTO person_emails (person_id, position, email) VALUES (?, ?, ?)";
void replace_emails(SQLite::Statement& remove, SQLite::Statement& insert, std::int64_t person_id,
                    const std::vector<std::string>& emails);
// The same, preparing its statements.
void replace_emails(SQLite::Database& db, std::int64_t person_id,
                    const std::vector<std::string>& emails);
// A person's addresses as a JSON array, primary first: SQL for the column list of a
// query over `people p`.
inline constexpr const char* emails_column =
    "(SELECT json_group_array(email) FROM (SELECT email FROM person_emails "
    "WHERE person_id = p.id ORDER BY position))";

// Tags are stored as a JSON array of strings.
std::string tags_to_json(const std::vector<std::string>& tags);
std::vector<std::string> tags_from_json(const std::string& json);
// Dates (an ask's nudged_on) are stored as a JSON array of "YYYY-MM-DD", oldest first.
std::string dates_to_json(const std::vector<Date>& dates);
std::vector<Date> dates_from_json(const std::string& json);

// Records that the row with `uuid` was deleted at `at`, for export and merges. What
// goes together (an interaction and its favours) gets one time: an import of these
// records elsewhere removes them together, and stamps them so.
void record_deletion(SQLite::Database& db, const std::string& type, const std::string& uuid,
                     const std::string& at);

// Statements prepared once and reused: for an import of thousands of records,
// preparing them costs more than running them.
class StatementCache {
public:
    explicit StatementCache(SQLite::Database& db) : m_db(db) {}

    // `sql`, prepared on first use, reset and unbound for this one.
    SQLite::Statement& operator()(const std::string& sql) {
        auto& st = m_statements[sql];
        if (!st) {
            st = std::make_unique<SQLite::Statement>(m_db, sql);
        } else {
            st->reset();
            st->clearBindings();
        }
        return *st;
    }

    // Ends every statement still stepping, as schema changes need.
    void reset_all() {
        for (auto& [sql, st] : m_statements) {
            st->reset();
        }
    }

private:
    SQLite::Database& m_db;
    std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> m_statements;
};

// Schema objects (triggers, indexes) set aside for a bulk write, which then makes good
// in one statement what they would have done row by row: dropped when this is made,
// made again by restore(), in the order they were dropped. Those of `type` ("trigger",
// "index"; the ones SQLite makes itself stay) that match the SQL condition `where` on
// sqlite_master. No statement may be stepping meanwhile.
//
// DDL is transactional in SQLite: when an exception unwinds past this, the
// transaction's rollback brings them back, and the destructor leaves them to it. On
// any other way out the destructor restores what restore() was not called for.
class SetAside {
public:
    SetAside() = default;
    SetAside(SQLite::Database& db, const char* type, const std::string& where);
    // Every trigger but the structural, search and retired_ids ones: those that keep
    // the per-person totals, for a bulk write that recomputes the totals it touched
    // (refresh_totals) once instead of a row at a time.
    static SetAside totals_triggers(SQLite::Database& db);
    SetAside(SetAside&& other) noexcept;
    SetAside& operator=(SetAside&& other) noexcept;
    SetAside(const SetAside&) = delete;
    SetAside& operator=(const SetAside&) = delete;
    ~SetAside();

    void restore();
    bool empty() const { return m_sql.empty(); }

private:
    SQLite::Database* m_db = nullptr;
    std::vector<std::string> m_sql; // their CREATE statements, not yet run again
    int m_unwinding = 0;            // std::uncaught_exceptions() when made
};

// The prefix of the triggers that keep interaction_people in step with
// interaction_members: SetAside::totals_triggers() leaves them.
inline constexpr const char* structural_triggers = "interaction_members_";
// The prefix of the triggers that keep the full-text indexes (search_people,
// search_interactions, search_asks) current: SetAside::totals_triggers() leaves them too.
inline constexpr const char* search_triggers = "search_";

// The prefix of the triggers that keep retired_ids (schema version 5): the highest id
// a removed interaction, ask or favour had. SetAside::totals_triggers() leaves them.
inline constexpr const char* retired_ids_triggers = "retired_ids_";

// The id a new interaction, ask or favour (`table`) gets: past every id it ever gave,
// those of removed rows too (retired_ids), so that an id is never reused.
std::string next_entry_id(const char* table);

// The id a new person gets: past every person's and every alias's (person_aliases keeps
// the ids of people merged away, which interaction_members still names; SQLite alone
// would give the highest one again).
inline constexpr const char* next_person_id =
    "(SELECT max(coalesce((SELECT max(id) FROM people), 0), "
    "coalesce((SELECT max(id) FROM person_aliases), 0)) + 1)";

// The ids by which interaction_members names person ?1: theirs, and those of the
// people merged into them (person_aliases).
inline constexpr const char* ids_naming_person =
    "(SELECT ?1 UNION ALL SELECT id FROM person_aliases WHERE person_id = ?1)";

// The updated_at of interaction `i` (an alias) for export and import: the later of its
// own and that of the `people merge` that moved it (see version 4 of the schema).
inline constexpr const char* interaction_stamp =
    "max(i.updated_at, coalesce((SELECT max(a.merged_at) FROM interaction_members m "
    "JOIN person_aliases a ON a.id = m.person_id WHERE m.interaction_id = i.id), ''))";

// Moves every row that names person `from` to person `into`: their interactions (INTO
// once in those they shared), favours, asks, asks via them, people they introduced;
// recomputes INTO's totals. `stamp`, when given, becomes the updated_at of every row
// changed (a merge made here); an import applying another machine's merge leaves it.
// `from` itself stays, with nothing left that names it.
JournalPeople::PersonMerge move_history(SQLite::Database& db, std::int64_t from, std::int64_t into,
                                  const std::optional<std::string>& stamp);

} // namespace store
} // namespace netlog
