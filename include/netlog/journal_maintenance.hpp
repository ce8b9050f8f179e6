// The journal's upkeep: `check`, `backup` and `check --salvage`.
// Reached through Journal::maintenance() (netlog/journal.hpp); implemented in
// src/store/check.cpp and salvage.cpp.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace netlog {

namespace store {
struct Impl;  // src/store/impl.hpp
}
struct SalvageReport;

// One problem `check` found (JournalMaintenance::check): what is wrong, on one line, and for a
// date no command can read, what sets it right. The store names the record; the CLI
// words the command (src/cli/check.cpp).
struct CheckProblem {
    enum class Fix {
        none,
        person_added,   // `people set HANDLE --added DATE`
        person_snooze,  // `people set HANDLE --snooze off`
        entry_on,       // `edit ID --on DATE` (an interaction, a favour or an ask)
        ask_due,        // `edit ID --on ASKED_ON`: an ask's due date follows its own
        ask_by,         // `edit ID --by DATE`
        by_hand,        // no option sets it: after a backup, `detail` in the sqlite3 shell
    };
    std::string what;    // "date: ask a1 has by_on 'x', not a YYYY-MM-DD date, and …"
    Fix fix = Fix::none;
    std::string record;  // the handle or the id (i3, f2, a1) the command names
    std::string detail;  // the ask's date (ask_due) or the SQL UPDATE (by_hand)
};

class JournalMaintenance {
public:
    explicit JournalMaintenance(store::Impl& impl) : m_impl(&impl) {}

    // Problems found by SQLite's checks and by recomputing every maintained total from
    // the history; empty when all is well. SQLite's quick_check reads every page and
    // checks each b-tree; `full` runs integrity_check instead, which also compares
    // every index with its table (about 3 s more for a million interactions).
    std::vector<CheckProblem> check(bool full = false);
    // A consistent copy of the journal at `target` (mode 0600): a new file in an existing
    // folder (else Error(usage)), written to a temporary file beside it, checked
    // (SQLite's quick_check, the schema), synced and renamed, so that it is whole or
    // absent. A failure is Error(journal) naming the backup file.
    void backup(const std::filesystem::path& target);

    // `check --salvage OUT`: copies every row that can be read from the (damaged)
    // journal at `source` into a new journal at `target` (a new file, as for backup),
    // drops or unlinks the rows that name a lost one, recomputes the totals, and says
    // what was lost. Never writes to `source`.
    static SalvageReport salvage(const std::filesystem::path& source,
                                 const std::filesystem::path& target);

private:
    store::Impl* m_impl;
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
    std::vector<CheckProblem> problems;  // what `check` finds in the new journal (none, normally)
};

} // namespace netlog
