// Import of contacts (LinkedIn, vCard): matching each card to a person already in
// the journal, or adding it.
#include "impl.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace netlog {

using Json = nlohmann::ordered_json;

Journal Journal::open_scratch() {
    auto impl = std::make_unique<Impl>(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 0);
    for (const auto& step : store::migrations()) {
        impl->db.exec(step);
    }
    impl->db.exec("PRAGMA foreign_keys = ON");
    return Journal(std::move(impl));
}

// --- contacts --------------------------------------------------------------------------------

struct JournalSync::ContactImport::State {
    Journal& journal;
    store::StatementCache statement;

    explicit State(Journal& j) : journal(j), statement(store::impl_of(j).db) {}

    // The first id `st` selects, if any.
    static std::optional<std::int64_t> first_id(SQLite::Statement& st) {
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return st.getColumn(0).getInt64();
    }

    // People an earlier record of this import matched or added: two records of one
    // file are two people, even of one name ("Ryan Murphy" at two companies).
    std::unordered_set<std::int64_t> taken;

    std::optional<std::int64_t> match(const std::string& key,
                                      const std::vector<std::string>& emails,
                                      const std::string& name, const std::string& source) {
        if (!key.empty()) {
            auto& st = statement("SELECT id FROM people WHERE external_id = ? ORDER BY id LIMIT 1");
            st.bind(1, key);
            if (auto id = first_id(st)) {
                return id;
            }
        }
        for (const auto& email : emails) {
            auto& st = statement("SELECT person_id FROM person_emails WHERE email = ? COLLATE "
                                 "NOCASE ORDER BY person_id");
            st.bind(1, email);
            while (st.executeStep()) {
                if (!taken.count(st.getColumn(0).getInt64())) {
                    return st.getColumn(0).getInt64();
                }
            }
        }
        // The exact name, accents and all ("Carla Martín" is not "Carla Martin"); the
        // folded name_key only finds the candidates through its index.
        auto& st = statement(R"(SELECT id, source, name FROM people WHERE name_key = ?1
            AND (?2 = '' OR external_id IS NULL OR external_id = ?2) ORDER BY id)");
        st.bind(1, fold(name));
        st.bind(2, key);
        std::vector<std::pair<std::int64_t, std::string>> named;
        while (st.executeStep()) {
            if (st.getColumn(2).getString() == name && !taken.count(st.getColumn(0).getInt64())) {
                named.emplace_back(st.getColumn(0).getInt64(), st.getColumn(1).getString());
            }
        }
        if (named.size() == 1) {
            return named.front().first;
        }
        for (const auto& [id, from] : named) {
            if (from == source) {
                return id;
            }
        }
        return std::nullopt;
    }

    void claim(std::int64_t person_id, const std::string& key) {
        auto& st =
            statement("UPDATE people SET external_id = ? WHERE id = ? AND external_id IS NULL");
        st.bind(1, key);
        st.bind(2, person_id);
        st.exec();
    }
};

JournalSync::ContactImport::ContactImport(Journal& journal)
    : m_state(std::make_unique<State>(journal)) {}
JournalSync::ContactImport::~ContactImport() = default;

std::optional<Person> JournalSync::ContactImport::match(const std::string& key,
                                                    const std::vector<std::string>& emails,
                                                    const std::string& name,
                                                    const std::string& source) {
    auto id = m_state->match(key, emails, name, source);
    if (!id) {
        return std::nullopt;
    }
    m_state->taken.insert(*id);
    return m_state->journal.people().person_by_id(*id);
}

void JournalSync::ContactImport::add(Person& person, const std::string& key) {
    person.handle = m_state->journal.people().unique_handle(person.handle);
    person.external_id = key.empty() ? std::nullopt : std::optional(key);
    m_state->journal.people().add_person(person); // its INSERT prepared once, for every row
    m_state->taken.insert(person.id);
}

void JournalSync::ContactImport::claim(std::int64_t person_id, const std::string& key) {
    m_state->claim(person_id, key);
}

// --- export ------------------------------------------------------------------------------

} // namespace netlog
