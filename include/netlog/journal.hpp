// The SQLite journal: opening, creating, migrating, and every query netlog makes.
// The only door to SQLiteCpp; everything here throws netlog::Error.
//
// `Journal` keeps the journal's lifecycle (open, the write transaction, the clock,
// the progress line); what it reads and writes is split by area, each in its own
// header and reached through an accessor: people(), entries(), ledger(), sync(),
// maintenance(). An area is a handle onto the open database, as cheap to copy as a
// pointer and valid while the journal is.
#pragma once

#include "netlog/journal_entries.hpp"
#include "netlog/journal_ledger.hpp"
#include "netlog/journal_maintenance.hpp"
#include "netlog/journal_people.hpp"
#include "netlog/journal_sync.hpp"
#include "netlog/audit.hpp"
#include "netlog/config.hpp"
#include "netlog/ledger.hpp"
#include "netlog/model.hpp"
#include "netlog/search.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace netlog {

class Journal;
namespace store {
class SetAside;
struct Impl;  // src/store/impl.hpp: the open database, for the store's own files
// The journal's Impl, for the store's files (and its unit tests) alone.
Impl& impl_of(Journal& journal);
}

// The schema version this netlog writes (PRAGMA user_version).
inline constexpr int schema_version = 8;

// What a stored date netlog cannot read reads as, under Journal::read_unreadable_dates():
// far before any date netlog takes (years 0001 to 9999), never written back.
inline constexpr Date unreadable_date{std::chrono::sys_days{std::chrono::days{-1'000'000}}};

class Journal {
public:
    enum class Mode {
        read,   // never creates the file; a missing journal is Error(journal)
        write,  // creates it (0600, folder 0700) and migrates it forward
    };

    // Opens the journal at `path`. Refuses (Error(journal), file untouched) a file
    // that is not SQLite, a SQLite file that is not a netlog journal, and a journal
    // from a newer netlog. WAL, foreign keys and a busy timeout are always on.
    static Journal open(const std::filesystem::path& path, Mode mode);

    // The one timestamp (UTC, milliseconds) every write through this journal stamps:
    // created_at, updated_at, deleted_at. The clock is read once, when the journal is
    // opened; set_clock() replaces it (the CLI passes the `now` it read at start, as
    // it passes `today`), so that every row one command writes carries the same time.
    void set_clock(std::string now);
    const std::string& now() const;

    Journal(Journal&&) noexcept;
    Journal& operator=(Journal&&) noexcept;
    ~Journal();

    const std::filesystem::path& path() const;

    // A stored date that is no YYYY-MM-DD date stops every read of its record (Error
    // naming the column), except after read_unreadable_dates(), when it reads as
    // `unreadable_date`: `edit` and `people set` read the record so, and set it right
    // (or refuse to write it back while such a date is left in it).
    void read_unreadable_dates();

    // One write transaction per command: BEGIN IMMEDIATE, so that a second writer
    // waits (busy timeout) instead of failing. Rolls back unless committed.
    class WriteTransaction {
    public:
        // A dry run is never committed, and until it ends, what it changes stays in
        // memory: not a page of it reaches the journal or its WAL.
        enum class Intent { commit, dry_run };
        explicit WriteTransaction(Journal& journal, Intent intent = Intent::commit);
        ~WriteTransaction();
        void commit();
        WriteTransaction(const WriteTransaction&) = delete;
        WriteTransaction& operator=(const WriteTransaction&) = delete;

    private:
        Journal& m_journal;
        Intent m_intent;
        bool m_done = false;
    };

    // The areas of the journal (netlog/journal_*.hpp), each a handle onto it.
    JournalPeople people();            // people: lookups, listing, add, set, rm, merge, who
    JournalEntries entries();          // interactions, favours, asks, captured records
    JournalLedger ledger();            // due, owe, audit
    JournalSync sync();                // export, import json, address-book imports
    JournalMaintenance maintenance();  // check, backup (and check --salvage, static)

    // An empty journal in memory, for `import --dry-run` when there is no journal file
    // yet (a dry run never creates one).
    static Journal open_scratch();

    // Long work (check, backup, export_records) calls this now and then, when set, with
    // how much of it is done: steps of a known total (rows, pages). For the progress
    // line of the CLI; the store never prints. nullptr takes it away.
    void set_progress(std::function<void(std::uint64_t done, std::uint64_t total)> progress);

private:
    friend store::Impl& store::impl_of(Journal& journal);
    using Impl = store::Impl;
    explicit Journal(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// The UTC timestamp netlog stamps on records: 2026-11-26T06:09:08.123Z.
std::string utc_timestamp_now();
// A random (version 4) UUID in lowercase hex.
std::string new_uuid();

} // namespace netlog

namespace netlog {
// Turns an exception from the store (SQLite's own included) into a one-line
// Error(journal) naming the journal: locked too long, disk full, I/O error …
class Error;
Error translate_store_error(const std::exception& e, const std::filesystem::path& path);
// "the journal PATH is damaged (WHAT); netlog check --salvage OUT …": Error(damaged).
Error damaged_journal_error(const std::filesystem::path& path, const std::string& what);

// Damage found once is remembered beside the journal, in PATH-damaged (mode 0600), until
// a check finds the journal whole again: a write would otherwise go on into a journal
// whose damage lies where that write does not read. Journal::open(write) refuses a journal
// known damaged. `what` is one line: when and how the damage was found.
std::filesystem::path damage_marker(const std::filesystem::path& journal);
void remember_damage(const std::filesystem::path& journal, const std::string& what);
std::optional<std::string> known_damage(const std::filesystem::path& journal);
void forget_damage(const std::filesystem::path& journal);
// Where a path was given, which decides the option a refused one's remedy names.
enum class PathSource {
    journal,         // the journal: --journal, NETLOG_JOURNAL, the config or the default
    journal_option,  // the journal, given with --journal
    argument,        // a command's file argument (backup FILE, check --salvage OUT)
};
// Refuses (Error(usage), with the Remedy of `source`) a path SQLite would not take as
// a plain file: "", ":memory:", a "file:" URI. `what` names it ("journal", "backup").
void check_file_path(const std::filesystem::path& path, const char* what, PathSource source);
} // namespace netlog
