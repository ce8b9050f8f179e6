// The journal's history: interactions, favours and asks, and the records a capture
// (import mail, import calendar) wrote.
// Reached through Journal::entries() (netlog/journal.hpp); implemented in
// src/store/entries.cpp.
#pragma once

#include "netlog/model.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace netlog {

class Journal;
namespace store {
struct Impl;  // src/store/impl.hpp
class SetAside;
}

class JournalEntries {
public:
    explicit JournalEntries(store::Impl& impl) : m_impl(&impl) {}

    void add_interaction(Interaction& interaction);  // with person_ids; sets id, uuid

    // For thousands of add_interaction() in one write transaction (capture): the new
    // interactions go into the search index, and their people's totals are recomputed,
    // in one statement each at finish() instead of trigger runs for every row (0.08 s
    // instead of 1.3 s for the index of 57,000 events). Between the two, the totals of
    // those people are not kept: nothing may read them before finish(). Unfinished (an
    // error, a dry run), the transaction's rollback undoes it all. Made on the journal,
    // as its WriteTransaction is.
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

private:
    store::Impl* m_impl;
};

} // namespace netlog
