// People: lookups for WHO resolution, listing, and changes.
#include "impl.hpp"
#include "record_rows.hpp"

#include "netlog/error.hpp"
#include "netlog/records.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

namespace netlog {
namespace {

// The columns read_person() reads from `people p`: every field of records::person,
// then the id and the maintained totals.
const std::string& person_columns() {
    static const std::string columns =
        store::record_columns(records::person, "p") +
        ", p.id, p.interactions, p.reached_me, p.last_interaction, p.last_contact, p.gave, "
        "p.got, p.since";
    return columns;
}

Person read_person(SQLite::Statement& st) {
    using store::read_value;
    Person p;
    int c = store::read_record(st, records::person, p);
    read_value(st.getColumn(c++), p.id);
    read_value(st.getColumn(c++), p.interactions);
    read_value(st.getColumn(c++), p.reached_me);
    read_value(st.getColumn(c++), p.last_interaction);
    read_value(st.getColumn(c++), p.last_contact);
    p.gave = st.getColumn(c++).getInt64();
    p.got = st.getColumn(c++).getInt64();
    read_value(st.getColumn(c++), p.since);
    return p;
}

// The query matches the handle, name, company or email, each folded as the query is
// ("societe" and "Société" find "Société Générale"). Done here, not in SQL: company
// and email are stored as typed, and SQLite's lower() knows only ASCII.
bool matches_query(const PersonSummary& p, const std::optional<std::string>& company,
                   const std::optional<std::string>& email, const std::string& query) {
    auto holds = [&](std::string_view text) { return fold(text).find(query) != std::string::npos; };
    return p.handle.find(query) != std::string::npos || holds(p.name) ||
           (company && holds(*company)) || (email && holds(*email));
}

std::vector<Person> read_people(SQLite::Statement& st) {
    std::vector<Person> people;
    while (st.executeStep()) {
        people.push_back(read_person(st));
    }
    return people;
}

} // namespace

namespace store {

void read_summary(const Rows& row, PersonSummary& p) {
    p.id = row.int64(0);
    p.handle.assign(row.text(1));
    p.name.assign(row.text(2));
    p.tier = parse_tier(row.text(3)).value_or(Tier::none);
    p.cadence_days.reset();
    if (!row.is_null(4)) {
        p.cadence_days = static_cast<int>(row.int64(4));
    }
    p.added_on = row.date(5);
    p.snooze_until = row.optional_date(6);
    p.interactions = static_cast<int>(row.int64(7));
    p.reached_me = static_cast<int>(row.int64(8));
    p.last_interaction = row.optional_date(9);
    p.last_contact = row.optional_date(10);
    p.gave = row.int64(11);
    p.got = row.int64(12);
    p.since = row.optional_date(13);
}

} // namespace store

std::optional<Person> JournalPeople::person_by_id(std::int64_t id) {
    SQLite::Statement st(m_impl->db, fmt::format("SELECT {} FROM people p WHERE p.id = ?", person_columns()));
    st.bind(1, id);
    auto people = read_people(st);
    if (people.empty()) {
        return std::nullopt;
    }
    return people.front();
}

std::vector<Person> JournalPeople::people_by_ids(const std::vector<std::int64_t>& ids) {
    // One statement for them all: a statement each costs its compilation (~50 µs).
    std::string list = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        list += (i ? "," : "") + std::to_string(ids[i]);
    }
    list += "]";
    SQLite::Statement st(m_impl->db,
                         fmt::format("SELECT {} FROM json_each(?) j JOIN people p ON p.id = j.value "
                                     "ORDER BY j.key",
                                     person_columns()));
    st.bind(1, list);
    return read_people(st);
}

std::optional<Person> JournalPeople::person_by_handle(const std::string& handle) {
    SQLite::Statement st(m_impl->db,
                         fmt::format("SELECT {} FROM people p WHERE p.handle = ?", person_columns()));
    st.bind(1, handle);
    auto people = read_people(st);
    if (people.empty()) {
        return std::nullopt;
    }
    return people.front();
}

std::vector<Person> JournalPeople::people_by_name_key(const std::string& name_key) {
    SQLite::Statement st(m_impl->db, fmt::format("SELECT {} FROM people p WHERE p.name_key = ? "
                                                 "ORDER BY p.handle",
                                                 person_columns()));
    st.bind(1, name_key);
    return read_people(st);
}

std::vector<Person> JournalPeople::people_by_prefix(const std::string& handle_prefix,
                                             const std::string& name_prefix) {
    // substr()/instr() rather than LIKE, so that '%' and '_' typed by the user are plain text.
    // An empty prefix (WHO "!!!" has no handle letters) would match everyone: it matches no one.
    SQLite::Statement st(m_impl->db, fmt::format(R"(SELECT {} FROM people p
        WHERE (?1 <> '' AND (substr(p.handle, 1, length(?1)) = ?1 OR instr(p.handle, '-' || ?1) > 0))
           OR (?2 <> '' AND (substr(p.name_key, 1, length(?2)) = ?2 OR instr(p.name_key, ' ' || ?2) > 0))
        ORDER BY p.handle)",
                                                 person_columns()));
    st.bind(1, handle_prefix);
    st.bind(2, name_prefix);
    return read_people(st);
}

std::vector<std::pair<std::string, std::string>> JournalPeople::person_names() {
    SQLite::Statement st(m_impl->db, "SELECT handle, name FROM people ORDER BY handle");
    std::vector<std::pair<std::string, std::string>> names;
    while (st.executeStep()) {
        names.emplace_back(st.getColumn(0).getString(), st.getColumn(1).getString());
    }
    return names;
}

std::string JournalPeople::unique_handle(const std::string& base) {
    SQLite::Statement st(m_impl->db, "SELECT 1 FROM people WHERE handle = ?");
    for (int n = 1;; ++n) {
        std::string candidate = n == 1 ? base : fmt::format("{}-{}", base, n);
        st.reset();
        st.bind(1, candidate);
        if (!st.executeStep()) {
            return candidate;
        }
    }
}

void JournalPeople::list_people(const PeopleFilter& filter,
                          const std::function<void(const PersonSummary&)>& each) {
    // Only what a listing, its filters and next_due() read: a whole person is 26
    // columns, the introducer's handle looked up, tags parsed.
    std::string sql = fmt::format("SELECT {}, p.company, p.email FROM people p WHERE 1",
                                  store::summary_columns);
    if (filter.tier) {
        sql += " AND p.tier = :tier";
    }
    if (filter.tag) {
        sql += " AND EXISTS (SELECT 1 FROM json_each(p.tags) WHERE value = :tag)";
    }
    if (filter.empty) {
        sql += " AND p.interactions = 0";
    }
    // Walking the handle index and seeking each row costs less than sorting (2x).
    sql += " ORDER BY p.handle";
    store::Rows rows(m_impl->db, sql);
    if (filter.tier) {
        rows.bind(":tier", std::string(to_string(*filter.tier)));
    }
    if (filter.tag) {
        rows.bind(":tag", *filter.tag);
    }
    PersonSummary p; // reused: its strings keep their storage from row to row
    while (rows.step()) {
        store::read_summary(rows, p);
        if (!filter.query.empty() &&
            !matches_query(p, rows.optional_text(store::summary_column_count),
                           rows.optional_text(store::summary_column_count + 1), filter.query)) {
            continue;
        }
        if (filter.keep && !filter.keep(p)) {
            continue;
        }
        each(p);
    }
}

void JournalPeople::add_person(Person& person) {
    person.uuid = person.uuid.empty() ? new_uuid() : person.uuid;
    const std::string& now = m_impl->now;
    if (person.created_at.empty()) {
        person.created_at = now;
    }
    if (person.updated_at.empty()) {
        person.updated_at = now;
    }
    // Cached: compiling it (with the triggers it fires) costs more than running it, and
    // an import adds thousands.
    static const std::string insert = store::record_insert(records::person, store::next_person_id);
    SQLite::Statement& st = m_impl->cached(insert);
    store::bind_record(st, records::person, person, false, now);
    st.exec();
    person.id = m_impl->db.getLastInsertRowid();
    store::replace_emails(m_impl->cached(store::delete_emails_sql),
                          m_impl->cached(store::insert_email_sql), person.id, email_list(person));
}

void JournalPeople::update_person(const Person& person) {
    static const std::string update = store::record_update(records::person);
    SQLite::Statement& st = m_impl->cached(update);
    st.bind(store::bind_record(st, records::person, person, true, m_impl->now), person.id);
    st.exec();
    store::replace_emails(m_impl->cached(store::delete_emails_sql),
                          m_impl->cached(store::insert_email_sql), person.id, email_list(person));
}

std::vector<std::string> JournalPeople::people_introduced_by(std::int64_t person_id) {
    // `+handle` keeps the planner off the handle index: with no index on
    // introduced_by it would walk that index and look up every person's row
    // (10,000 seeks for `show`); a plain scan then sorting the few matches is 3x cheaper.
    SQLite::Statement st(m_impl->db,
                         "SELECT handle FROM people WHERE introduced_by = ? ORDER BY handle");
    st.bind(1, person_id);
    std::vector<std::string> handles;
    while (st.executeStep()) {
        handles.push_back(st.getColumn(0).getString());
    }
    return handles;
}

int JournalPeople::history_count(std::int64_t person_id) {
    SQLite::Statement st(m_impl->db, R"(SELECT
        (SELECT count(*) FROM interaction_people WHERE person_id = ?1)
      + (SELECT count(*) FROM favours WHERE person_id = ?1)
      + (SELECT count(*) FROM asks WHERE person_id = ?1 OR via = ?1))");
    st.bind(1, person_id);
    st.executeStep();
    return st.getColumn(0).getInt();
}

void JournalPeople::remove_person(std::int64_t person_id) {
    auto& db = m_impl->db;
    // Record every deletion first, so that a merge with another machine's export
    // does not bring back what cascades away with the person.
    SQLite::Statement rows(db, R"(
        WITH solo AS (SELECT ip.interaction_id AS id FROM interaction_people ip
          WHERE ip.person_id = ?1
            AND NOT EXISTS (SELECT 1 FROM interaction_with o
                            WHERE o.interaction_id = ip.interaction_id AND o.person_id <> ?1))
        SELECT 'favour', uuid FROM favours WHERE person_id = ?1
        -- Someone else's favours of their asks and of the interactions that go: they
        -- cascade away too (after merges on two machines, an ask and its favour can
        -- name different people).
        UNION ALL SELECT 'favour', f.uuid FROM favours f JOIN asks a ON a.id = f.ask_id
          WHERE a.person_id = ?1 AND f.person_id <> ?1
        UNION ALL SELECT 'favour', uuid FROM favours
          WHERE interaction_id IN (SELECT id FROM solo) AND person_id <> ?1
            AND (ask_id IS NULL OR ask_id NOT IN (SELECT id FROM asks WHERE person_id = ?1))
        UNION ALL SELECT 'ask', uuid FROM asks WHERE person_id = ?1
        UNION ALL SELECT 'interaction', i.uuid FROM interactions i JOIN solo ON solo.id = i.id
        UNION ALL SELECT 'person', uuid FROM people WHERE id = ?1)");
    rows.bind(1, person_id);
    std::vector<std::pair<std::string, std::string>> gone;
    while (rows.executeStep()) {
        gone.emplace_back(rows.getColumn(0).getString(), rows.getColumn(1).getString());
    }
    const std::string& now = m_impl->now;
    for (const auto& [type, uuid] : gone) {
        store::record_deletion(db, type, uuid, now);
    }
    // Interactions with nobody else go with them; shared ones just lose them.
    SQLite::Statement solo(db, R"(DELETE FROM interactions WHERE id IN (
        SELECT ip.interaction_id FROM interaction_people ip WHERE ip.person_id = ?1
          AND NOT EXISTS (SELECT 1 FROM interaction_with o
                          WHERE o.interaction_id = ip.interaction_id AND o.person_id <> ?1)))");
    solo.bind(1, person_id);
    solo.exec();
    // In the others, they are named by their id or by that of someone merged into them;
    // those keep the stamp export gives them, though an alias that made it goes (so
    // that a journal applying this deletion from an export stamps them alike).
    SQLite::Statement keep(db, fmt::format(R"(UPDATE interactions AS i SET updated_at = {}
        WHERE id IN (SELECT interaction_id FROM interaction_people WHERE person_id = ?1))",
                                           store::interaction_stamp));
    keep.bind(1, person_id);
    keep.exec();
    SQLite::Statement shared(db, fmt::format(R"(DELETE FROM interaction_members
        WHERE interaction_id IN (SELECT interaction_id FROM interaction_people WHERE person_id = ?1)
          AND person_id IN {})", store::ids_naming_person));
    shared.bind(1, person_id);
    shared.exec();
    SQLite::Statement del(db, "DELETE FROM people WHERE id = ?");
    del.bind(1, person_id);
    del.exec();
}

} // namespace netlog
