// `people merge`: folding a duplicate person into another, and how a merge is recorded
// so that `import json` on another machine folds that machine's rows the same way.
#include "impl.hpp"

#include <fmt/format.h>

#include <exception>
#include <algorithm>

namespace netlog {
namespace {

// Runs `sql` with ?1 = from, ?2 = into, ?3 = stamp (those it has); returns the rows changed.
int run(SQLite::Database& db, const std::string& sql, std::int64_t from, std::int64_t into,
        const std::optional<std::string>& stamp) {
    SQLite::Statement st(db, sql);
    int parameters = st.getBindParameterCount();
    st.bind(1, from);
    if (parameters >= 2) {
        st.bind(2, into);
    }
    if (parameters >= 3) {
        store::bind_optional(st, 3, stamp);
    }
    return st.exec();
}

} // namespace

namespace store {

SetAside::SetAside(SQLite::Database& db, const char* type, const std::string& where)
    : m_db(&db), m_unwinding(std::uncaught_exceptions()) {
    SQLite::Statement st(db, fmt::format("SELECT name, sql FROM sqlite_master WHERE type = ? "
                                         "AND sql IS NOT NULL AND ({}) ORDER BY name",
                                         where));
    st.bind(1, type);
    std::vector<std::string> names;
    while (st.executeStep()) {
        names.push_back(st.getColumn(0).getString());
        m_sql.push_back(st.getColumn(1).getString());
    }
    st.reset();
    for (const auto& name : names) {
        db.exec(fmt::format("DROP {} \"{}\"", type, name));
    }
}

SetAside SetAside::totals_triggers(SQLite::Database& db) {
    return SetAside(db, "trigger",
                    fmt::format("name NOT LIKE '{}%' AND name NOT LIKE '{}%' AND name NOT LIKE '{}%'",
                                structural_triggers, retired_ids_triggers, search_triggers));
}

SetAside::SetAside(SetAside&& other) noexcept
    : m_db(other.m_db), m_sql(std::move(other.m_sql)), m_unwinding(other.m_unwinding) {
    other.m_sql.clear();
}

SetAside& SetAside::operator=(SetAside&& other) noexcept {
    if (this != &other) {
        m_db = other.m_db;
        m_sql = std::move(other.m_sql);
        other.m_sql.clear();
        m_unwinding = other.m_unwinding;
    }
    return *this;
}

SetAside::~SetAside() {
    if (m_sql.empty() || std::uncaught_exceptions() > m_unwinding) {
        return; // the rollback brings them back
    }
    try {
        restore();
    } catch (const SQLite::Exception&) {
        // Nothing to do in a destructor: the transaction then fails to commit
        // what it left out, or rolls back.
    }
}

void SetAside::restore() {
    // What is made is forgotten at once: a failure leaves the rest for the rollback.
    while (!m_sql.empty()) {
        const std::string sql = std::move(m_sql.front());
        m_sql.erase(m_sql.begin());
        m_db->exec(sql);
    }
}

std::string next_entry_id(const char* table) {
    return fmt::format("(SELECT max(coalesce((SELECT max(id) FROM {0}), 0), "
                       "coalesce((SELECT last FROM retired_ids WHERE entry = '{0}'), 0)) + 1)",
                       table);
}

JournalPeople::PersonMerge move_history(SQLite::Database& db, std::int64_t from, std::int64_t into,
                                  const std::optional<std::string>& stamp) {
    JournalPeople::PersonMerge moved;
    // The favour and ask triggers would recompute both people's totals for every row
    // moved (150 ms for 200 favours): they are off, and INTO's totals recomputed once.
    // (With an import they are off already, and this drops nothing.)
    SetAside triggers = SetAside::totals_triggers(db);
    // Interactions INTO was in already keep INTO once: WHO's membership goes (and with
    // it, by its trigger, WHO's row of interaction_people). No alias stands for that
    // change: those few take the stamp themselves.
    const char* shared = R"(SELECT interaction_id FROM interaction_people WHERE person_id = ?1
        INTERSECT SELECT interaction_id FROM interaction_people WHERE person_id = ?2)";
    if (stamp) {
        run(db, fmt::format("UPDATE interactions SET updated_at = ?3 WHERE id IN ({})", shared),
            from, into, stamp);
    } else {
        // Another journal's merge (an import): their stamp stays what export gives, the
        // later of their own and that of an alias of WHO's, which is about to go.
        run(db,
            fmt::format("UPDATE interactions AS i SET updated_at = {} WHERE id IN ({})",
                        store::interaction_stamp, shared),
            from, into, std::nullopt);
    }
    moved.shared = run(db,
                       fmt::format("DELETE FROM interaction_members WHERE interaction_id IN ({}) "
                                   "AND person_id IN {}",
                                   shared, store::ids_naming_person),
                       from, into, std::nullopt);
    // The others: their rows of interaction_people, one range, move to INTO's; their
    // interaction_members rows stay, and WHO's id becomes an alias of INTO. Those of
    // someone merged into WHO before are INTO's now too.
    moved.interactions = moved.shared + run(db, R"(INSERT INTO interaction_people
        (person_id, on_date, interaction_id)
        SELECT ?2, on_date, interaction_id FROM interaction_people WHERE person_id = ?1)",
                                            from, into, std::nullopt);
    run(db, "DELETE FROM interaction_people WHERE person_id = ?1", from, into, std::nullopt);
    run(db, R"(UPDATE person_aliases SET person_id = ?2, merged_at = coalesce(?3, merged_at)
        WHERE person_id = ?1)", from, into, stamp);
    run(db, "INSERT INTO person_aliases (id, person_id, merged_at) VALUES (?1, ?2, ?3)", from,
        into, stamp);
    moved.favours = run(db, R"(UPDATE favours SET person_id = ?2,
        updated_at = coalesce(?3, updated_at) WHERE person_id = ?1)",
                        from, into, stamp);
    // An ask with INTO through INTO is an ask with INTO: no `via`.
    moved.asks = run(db, R"(UPDATE asks SET person_id = ?2,
        via = CASE WHEN via = ?2 THEN NULL ELSE via END,
        updated_at = coalesce(?3, updated_at) WHERE person_id = ?1)",
                     from, into, stamp);
    moved.asks_via = run(db, R"(UPDATE asks SET via = CASE WHEN person_id = ?2 THEN NULL ELSE ?2 END,
        updated_at = coalesce(?3, updated_at) WHERE via = ?1)",
                         from, into, stamp);
    moved.introduced = run(db, R"(UPDATE people SET introduced_by = ?2,
        updated_at = coalesce(?3, updated_at) WHERE introduced_by = ?1 AND id <> ?2)",
                           from, into, stamp);
    // `from` goes: only INTO's totals matter. `into` is an id, not text anyone typed.
    db.exec(refresh_totals(fmt::format("id = {}", into)));
    triggers.restore();
    return moved;
}

} // namespace store

JournalPeople::PersonMerge JournalPeople::merge_person(std::int64_t from, std::int64_t into) {
    auto& db = m_impl->db;
    // The rows moved are all over the file, two pages each (1,400 interactions: 12 MiB):
    // with SQLite's default 2 MiB cache they spill to the WAL and are read back (19,000
    // writes instead of 15,000). Enough cache for them, and no more.
    db.exec("PRAGMA cache_size = -16384");
    Person who = *person_by_id(from);
    Person target = *person_by_id(into);
    const std::string stamp = m_impl->now;
    // Fills INTO's empty fields from WHO's; never overwrites what INTO has (core's rule).
    // Their external_id too: what an import matched WHO by (a LinkedIn profile, a vCard
    // UID) now finds INTO, so that importing that file again does not bring WHO back.
    std::vector<std::string> filled = fill_person(target, who, FillMode::fill_empty);
    PersonMerge moved = store::move_history(db, from, into, stamp);
    moved.filled = std::move(filled);
    remove_person(from); // nothing of theirs is left to go with them
    update_person(target);
    SQLite::Statement mark(db, "UPDATE people SET updated_at = ?1 WHERE id = ?2");
    mark.bind(1, stamp);
    mark.bind(2, into);
    mark.exec();
    SQLite::Statement gone(db, "UPDATE deleted SET merged_into = ?1, deleted_at = ?2 "
                               "WHERE uuid = ?3");
    gone.bind(1, target.uuid);
    gone.bind(2, stamp);
    gone.bind(3, who.uuid);
    gone.exec();
    return moved;
}

} // namespace netlog
