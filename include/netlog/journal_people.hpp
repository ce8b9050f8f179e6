// The journal's people: lookups, the listing, adding, changing, removing and merging
// a person, and the search `who` and the path finder read.
// Reached through Journal::people() (netlog/journal.hpp); implemented in
// src/store/people.cpp, merge.cpp (merge_person), entries.cpp (people_by_email) and
// search.cpp (search, introduction_evidence, has_one_to_one).
#pragma once

#include "netlog/model.hpp"
#include "netlog/search.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace netlog {

namespace store {
struct Impl;  // src/store/impl.hpp
}

class JournalPeople {
public:
    explicit JournalPeople(store::Impl& impl) : m_impl(&impl) {}

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
        std::function<bool(const PersonSummary&)> keep;
    };
    // Calls `each` with every person the filter lets through, in handle order, one at a
    // time (a listing of 10,000 people is never held). Only id, handle, name, tier,
    // cadence_days, added_on, snooze_until, the maintained totals, company and email
    // are filled.
    void list_people(const PeopleFilter& filter,
                     const std::function<void(const PersonSummary&)>& each);

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

    // Every address of every person, lowercased, with the person it belongs to (the
    // oldest person when two share one): id, handle, name and tier filled.
    std::vector<std::pair<std::string, Person>> people_by_email();

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

private:
    store::Impl* m_impl;
};

} // namespace netlog
