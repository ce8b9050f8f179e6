// The journal's exchanges with others: `export`, `import json` (Merge) and the address
// book imports (ContactImport).
// Reached through Journal::sync() (netlog/journal.hpp); implemented in
// src/store/sync_contacts.cpp, sync_export.cpp and sync_merge.cpp. ContactImport and
// Merge are made on the journal (they add, update and remove people and entries),
// inside the caller's WriteTransaction.
#pragma once

#include "netlog/model.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
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
struct Impl;  // src/store/impl.hpp
}

class JournalSync {
public:
    explicit JournalSync(store::Impl& impl) : m_impl(&impl) {}

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
        // emails, company, role, url, notes): read the whole person with
        // people().person_by_id before people().update_person.
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

private:
    store::Impl* m_impl;
};

} // namespace netlog
