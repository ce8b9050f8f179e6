// The SQLite journal: opening, creating, migrating, and every query netlog makes.
// The only door to SQLiteCpp; everything here throws netlog::Error.
#pragma once

#include "netlog/audit.hpp"
#include "netlog/config.hpp"
#include "netlog/ledger.hpp"
#include "netlog/model.hpp"
#include "netlog/search.hpp"

#include <nlohmann/json_fwd.hpp>

#include <array>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace netlog {

namespace store {
class SetAside;
}
struct DuePrefilter;  // netlog/due.hpp

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

    // --- people ---------------------------------------------------------------
    std::optional<Person> person_by_id(std::int64_t id);
    // The people with these ids, in that order (ids of nobody left out).
    std::vector<Person> people_by_ids(const std::vector<std::int64_t>& ids);
    std::optional<Person> person_by_handle(const std::string& handle);
    // People whose folded name equals `name_key` exactly.
    std::vector<Person> people_by_name_key(const std::string& name_key);
    // People whose handle (or a '-'-separated part of it) starts with `handle_prefix`,
    // or whose folded name (or a word of it) starts with `name_prefix`.
    std::vector<Person> people_by_prefix(const std::string& handle_prefix,
                                         const std::string& name_prefix);
    // Every (handle, name), for "did you mean" suggestions.
    std::vector<std::pair<std::string, std::string>> person_names();
    // A free handle: `base`, else base-2, base-3 …
    std::string unique_handle(const std::string& base);

    struct PeopleFilter {
        std::string query;               // folded; matches handle, name, company, email
        std::optional<Tier> tier;
        std::optional<std::string> tag;
        bool empty = false;              // never met (no interaction)
        // When set, only the people it holds for (`people --stale`: is_stale(), a core rule).
        std::function<bool(const Person&)> keep;
    };
    // Calls `each` with every person the filter lets through, in handle order, one at a
    // time (a listing of 10,000 people is never held). Only id, handle, name, tier,
    // cadence_days, added_on, snooze_until, the maintained totals, company and email
    // are filled.
    void list_people(const PeopleFilter& filter, const std::function<void(const Person&)>& each);

    // Inserts `person` (uuid, timestamps and id are set); handle must be free.
    void add_person(Person& person);
    // Writes every user field of `person` back (by id); bumps updated_at.
    void update_person(const Person& person);
    // Handles of the people `person_id` introduced.
    std::vector<std::string> people_introduced_by(std::int64_t person_id);
    // Number of interactions, favours and asks that name the person.
    int history_count(std::int64_t person_id);
    // Removes the person and everything that names them; records the deletion.
    void remove_person(std::int64_t person_id);

    // What `people merge` moved from one person (WHO) to another (INTO).
    struct PersonMerge {
        int interactions = 0;  // interactions WHO was in, now INTO's
        int shared = 0;        // of those, the ones INTO was in already (in them once)
        int favours = 0;
        int asks = 0;          // asks to or from WHO
        int asks_via = 0;      // asks through WHO
        int introduced = 0;    // people WHO introduced
        std::vector<std::string> filled;  // INTO's fields taken from WHO, as `export` names them
    };
    // Folds person `from` into person `into`: everything of theirs moves to `into`
    // (one updated_at on every row changed), `into`'s empty fields are filled from
    // theirs (the higher tier, the earlier added_on, tags joined), and `from` is removed,
    // recorded as merged into `into` so that `import json` elsewhere moves that journal's
    // rows of `from` too. In the caller's WriteTransaction; totals stay right.
    PersonMerge merge_person(std::int64_t from, std::int64_t into);

    // --- interactions and favours ----------------------------------------------
    void add_interaction(Interaction& interaction);  // with person_ids; sets id, uuid

    // For thousands of add_interaction() in one write transaction (capture): the new
    // interactions go into the search index, and their people's totals are recomputed,
    // in one statement each at finish() instead of trigger runs for every row (0.08 s
    // instead of 1.3 s for the index of 57,000 events). Between the two, the totals of
    // those people are not kept: nothing may read them before finish(). Unfinished (an
    // error, a dry run), the transaction's rollback undoes it all.
    class InteractionBulk {
    public:
        explicit InteractionBulk(Journal& journal);
        ~InteractionBulk();
        void finish();

    private:
        Journal& m_journal;
        std::int64_t m_before = 0;                // the highest interaction id before the bulk
        std::unique_ptr<store::SetAside> m_triggers; // the two triggers set aside
    };
    void add_favour(Favour& favour);                 // sets id, uuid
    std::optional<Interaction> interaction_by_id(std::int64_t id);
    std::optional<Favour> favour_by_id(std::int64_t id);
    // Newest first; only those with `person_id` when given; on or after `since`.
    std::vector<Interaction> recent_interactions(std::optional<std::int64_t> person_id,
                                                 std::optional<Date> since, int limit);
    // Favours of one person, oldest first.
    std::vector<Favour> favours_of(std::int64_t person_id);
    // Write the entry's own fields back (by id), keeping its id and uuid, and bump
    // updated_at. An interaction: date, kind, note, tags, who reached out (not its
    // people or favours). A favour: direction, weight, text, date. The triggers keep
    // the per-person totals right.
    void update_interaction(const Interaction& interaction);
    void update_favour(const Favour& favour);

    // Removes an interaction (with its favours), an ask (with its favour) or a
    // favour; records the deletion. Returns false when there is no such entry.
    bool remove_entry(EntryId id);

    // --- captured records (import mail, import calendar) ---------------------------
    // The interaction or ask with this uuid, if any: its id, and for an interaction the
    // SEQUENCE the capture last wrote (nullopt once the user edited it by hand).
    struct Captured {
        std::int64_t id = 0;
        std::optional<int> source_seq;
    };
    std::optional<Captured> captured(EntryId::Type type, const std::string& uuid);
    // Whether a record of this uuid was deleted here (a capture does not bring it back).
    bool was_deleted(const std::string& uuid);
    // A newer version of a captured event: date, kind, note and source_seq; bumps updated_at.
    void update_captured_interaction(std::int64_t id, Date on, const std::string& kind,
                                     const std::string& note, int source_seq);
    // Every address of every person, lowercased, with the person it belongs to (the
    // oldest person when two share one): id, handle, name and tier filled.
    std::vector<std::pair<std::string, Person>> people_by_email();

    // --- asks --------------------------------------------------------------------
    void add_ask(Ask& ask);  // sets id, uuid
    std::optional<Ask> ask_by_id(std::int64_t id);
    void update_ask(const Ask& ask);  // status and dates; bumps updated_at
    struct AskFilter {
        std::optional<std::int64_t> person_id;
        bool open_only = false;  // open or replied
        std::optional<AskDirection> direction;
        // With open_only: only the open asks due by this day and the replied incoming
        // asks promised by it (what `due` lists).
        std::optional<Date> due_by;
    };
    std::vector<Ask> list_asks(const AskFilter& filter);

    // --- due (src/store/due_queries.cpp) ------------------------------------------
    // The people who fall due to reconnect (their own cadence and snooze counted) or
    // to reciprocate by the horizon, with the columns `due` reads: id, handle, name,
    // tier, cadence_days, added_on, snooze_until and the maintained totals last_contact,
    // gave, got and since (the rest left empty), in no set order.
    // One pass over people, never over their history; with list_asks(due_by) it is
    // all `due` reads.
    // `filter` is due_prefilter() (netlog/due.hpp): the rule's own parameters.
    std::vector<Person> people_for_due(const DuePrefilter& filter);
    // The asks `due` lists by `due_by`: list_asks() with open_only and due_by, with only
    // the fields compute_due() reads (id, direction, person, person_name, what, due_on,
    // by, status) and in no particular order (compute_due() sorts them).
    // `known`: people read already (people_for_due()), whose handle and name it may
    // take instead of reading them again.
    std::vector<Ask> asks_for_due(Date due_by, const std::vector<Person>& known = {});

    // --- who and the path finder (src/store/search.cpp) -----------------------------
    // Full-text search (FTS5) of `fts_query` (see fts_query() in netlog/search.hpp) over
    // people's name, company, role, tags and notes — all of them — and the notes of
    // interactions and the text and notes of asks, the newest `history_limit` matching
    // of each. Error(usage) saying how to quote when
    // FTS5 cannot parse the query.
    std::vector<SearchHit> search(const std::string& fts_query, int history_limit);
    // Everyone else who could introduce me to `person_id`: who introduced them, who was
    // at their interactions (the newest `history_limit` of them), and who was the via of
    // my asks to them; with tier, cadence and last contact. Any tier: the path finder
    // (introduction_paths) keeps the trusted.
    std::vector<IntroEvidence> introduction_evidence(std::int64_t person_id, int history_limit);
    // Whether `person_id` had an interaction with nobody else there.
    bool has_one_to_one(std::int64_t person_id);

    // --- owe and audit (src/store/ledger_queries.cpp) -------------------------------
    // Both read the maintained per-person totals in one pass over people and never
    // scan the history (whether an ask went to someone not met yet is their maintained
    // first interaction's date against the ask's).
    // People with a non-zero balance; with `settled` also those whose favours even
    // out (at least one favour). Unordered: see sort_balances().
    std::vector<Balance> balances(bool settled);
    // The audit's one pass: `visit_person` with every person (id, handle, name, tier,
    // cadence_days, added_on, snooze_until and the totals interactions … since filled),
    // then `visit_ask` with every ask, one at a time, in no set order. An outgoing ask
    // has id, person_id, person, via_id, what, asked_on and status, and `met_before`
    // when it has no --via (the person had an interaction dated on or before the ask);
    // an incoming one id, person_id, person, asked_on, due_on, status, replied_on,
    // closed_on, and `what` while it is open ("" after).
    void scan_for_audit(const std::function<void(const Person&)>& visit_person,
                        const std::function<void(const AuditAsk&)>& visit_ask);

    // --- import and export (src/store/sync_contacts.cpp, sync_export.cpp, sync_merge.cpp) -------------------------------------
    // An empty journal in memory, for `import --dry-run` when there is no journal file
    // yet (a dry run never creates one).
    static Journal open_scratch();

    // `import linkedin|vcard`: finds and adds people, with its statements prepared once
    // for the whole file (a LinkedIn export has thousands of rows).
    class ContactImport {
    public:
        explicit ContactImport(Journal& journal);
        ~ContactImport();
        // The person an import brings in again, if they are here: the one an earlier
        // import tied to `key` ("vcard:UID", "linkedin:URL"); else the oldest with one
        // of `emails` (ignoring ASCII case); else the one whose name is exactly `name`
        // (accents count: "Martín" is not "Martin") — leaving out people tied to
        // another key (someone else of that name); among several, the oldest from
        // `source`, else nobody. But by email or name, never one that an earlier
        // record of this import matched or added: two rows of a file are two people.
        // Only the fields an import merges are read (id, handle, name, source, email,
        // emails, company, role, url, notes): read the whole person with person_by_id
        // before update_person.
        std::optional<Person> match(const std::string& key, const std::vector<std::string>& emails,
                                    const std::string& name, const std::string& source);
        // Adds `person` (an imported one: no cadence, introducer, tags or snooze) with a
        // free handle (their handle, else with a suffix), tied to `key` unless it is "";
        // sets id, uuid and timestamps.
        void add(Person& person, const std::string& key);
        // Ties `key` to the person unless they have a key already. Bookkeeping, not an
        // edit: updated_at stays.
        void claim(std::int64_t person_id, const std::string& key);

    private:
        struct State;
        std::unique_ptr<State> m_state;
    };

    // Calls `each` with every record as `netlog export` writes it — people, asks,
    // interactions, favours, deletions, each in id order — from one snapshot, one row
    // at a time. References are uuids; maintained totals are left out.
    // Each record is its fields, valid until `each` returns.
    void export_records(const std::function<void(std::span<const ExportField>)>& each);

    // `import json`: folds another journal's export into this one, record by record,
    // inside the caller's WriteTransaction. Records come checked (check_export_record
    // in netlog/io.hpp) and in export order. Until finish(), the per-person totals are
    // not kept (see sync_merge.cpp).
    class Merge {
    public:
        enum class Outcome { added, updated, skipped, removed };

        // A person a deletion would have taken, kept because entries made after the
        // deletion name them (`import json` warns, naming them).
        struct KeptPerson {
            std::string handle;
            std::string name;
            std::string deleted_at;  // the deletion they outlived
            bool deleted_here;       // deleted in this journal (else in the file's)
            long long needed_by = 0; // entries made after the deletion that name them
        };
        // What the deletions and merges of the file did here, row by row: what a
        // deletion took with it, what a merge moved to the person it merged into, and
        // who was kept. Counts are by record type ("person", "interaction", "favour", "ask").
        struct Report {
            std::map<std::string, long long> removed;
            std::map<std::string, long long> moved; // "person": the people merged away
            std::vector<KeptPerson> kept;
        };

        explicit Merge(Journal& journal);
        ~Merge();
        // A record with a uuid already here replaces it only when its updated_at is
        // newer; one deleted here at or after its updated_at is not brought back, unless
        // a record made after that deletion names it further on; a deletion takes only
        // what was there, unchanged, when it was made: a row changed after it stays, and
        // keeps the person it names (report().kept). A person whose
        // handle is taken by someone else gets a suffix. Error(usage) when a record
        // names a uuid that is neither in the journal nor earlier in the file.
        Outcome apply(const nlohmann::ordered_json& record);
        // Before the first apply(): the file's deletion records of people (checked, as
        // person_deletions() in netlog/io.hpp reads them ahead). A person deleted or
        // merged on both machines keeps the later record on both; this takes it at
        // once, so that every record of the file that names them, or someone merged
        // into them, follows it — not the older record, which it replaces later on.
        void foresee(const nlohmann::ordered_json& deletion);
        // Links the introducers that came later in the file than the people they
        // introduced (Error(usage) for one that never came) and brings the per-person
        // totals up to date. Call after the last record, before committing.
        void finish();
        // What the deletions and merges applied so far did (complete after finish()).
        const Report& report() const;

    private:
        struct State;
        std::unique_ptr<State> m_state;
    };

    // --- check and backup (src/store/check.cpp) -------------------------------------

    // Problems found by SQLite's checks and by recomputing every maintained total from
    // the history; empty when all is well. SQLite's quick_check reads every page and
    // checks each b-tree; `full` runs integrity_check instead, which also compares
    // every index with its table (about 3 s more for a million interactions).
    std::vector<std::string> check(bool full = false);
    // A consistent copy of the journal at `target` (mode 0600): a new file in an existing
    // folder (else Error(usage)), written to a temporary file beside it, checked
    // (SQLite's quick_check, the schema), synced and renamed, so that it is whole or
    // absent. A failure is Error(journal) naming the backup file.
    void backup(const std::filesystem::path& target);

    // Long work (check, backup, export_records) calls this now and then, when set, with
    // how much of it is done: steps of a known total (rows, pages). For the progress
    // line of the CLI; the store never prints.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;

    // `check --salvage OUT`: copies every row that can be read from the (damaged)
    // journal at `source` into a new journal at `target` (a new file, as for backup),
    // drops or unlinks the rows that name a lost one, recomputes the totals, and says
    // what was lost. Never writes to `source`.
    static struct SalvageReport salvage(const std::filesystem::path& source,
                                        const std::filesystem::path& target);

    // Low-level access for the store's own files.
    struct Impl;
    Impl& impl() { return *m_impl; }

private:
    explicit Journal(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// What `check --salvage` copied and lost.
struct SalvageReport {
    struct Table {
        std::string name;
        long long copied = 0;    // rows read and written into the new journal
        long long dropped = 0;   // rows read whose values no longer pass the schema's checks
        long long orphans = 0;   // rows dropped because a row they name was lost
        long long unlinked = 0;  // rows kept, with a reference to a lost row cleared
        std::vector<std::string> gaps;  // "after 41": where damaged pages were skipped
        bool unreadable = false;        // rows past some point could not be reached at all
    };
    std::vector<Table> tables;
    int source_version = 0;
    std::string opened;               // "" or how the journal had to be opened
    std::vector<std::string> lost;    // what else could not be read
    std::vector<std::string> problems;  // what `check` finds in the new journal (none, normally)
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
// Refuses (Error(usage)) a path SQLite would not take as a plain file: "", ":memory:",
// a "file:" URI. `what` names it ("journal", "backup"), `option` says where it is given.
void check_file_path(const std::filesystem::path& path, const char* what, const char* option);
} // namespace netlog
