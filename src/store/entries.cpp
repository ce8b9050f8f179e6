// Interactions, favours and asks.
#include "impl.hpp"
#include "record_rows.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>

#include <functional>

namespace netlog {
namespace {

// A favour's id and fields (records::favour), then nothing.
const std::string& favour_columns() {
    static const std::string columns = "f.id, " + store::record_columns(records::favour, "f");
    return columns;
}

Favour read_favour(SQLite::Statement& st) {
    Favour f;
    f.id = st.getColumn(0).getInt64();
    store::read_record(st, records::favour, f, 1);
    return f;
}

// An ask's id and fields (records::ask), then the name of the person asked.
const std::string& ask_columns() {
    static const std::string columns =
        "a.id, " + store::record_columns(records::ask, "a") +
        ", (SELECT name FROM people p WHERE p.id = a.person_id)";
    return columns;
}

// The asks `due` lists: open and due by :due_by, or replied incoming and promised by it.
// Both through asks_status: the unary + keeps SQLite from walking every incoming ask
// in asks_in instead (the only index it knows as well as the other, without ANALYZE).
constexpr const char* asks_due_by = R"(((a.status = 'open' AND a.due_on <= :due_by)
  OR (a.status = 'replied' AND +a.direction = 'in' AND a.by_on <= :due_by)))";

Ask read_ask(SQLite::Statement& st) {
    Ask a;
    a.id = st.getColumn(0).getInt64();
    const int c = store::read_record(st, records::ask, a, 1);
    a.person_name = st.getColumn(c).getString();
    return a;
}

void stamp(std::string& uuid, std::string& created_at, std::string& updated_at,
           const std::string& now) {
    if (uuid.empty()) {
        uuid = new_uuid();
    }
    if (created_at.empty()) {
        created_at = now;
    }
    if (updated_at.empty()) {
        updated_at = now;
    }
}

} // namespace

JournalEntries::InteractionBulk::InteractionBulk(Journal& journal) : m_journal(journal) {
    auto& db = store::impl_of(m_journal).db;
    m_before = db.execAndGet("SELECT coalesce(max(id), 0) FROM interactions").getInt64();
    // The search index's trigger and the one that keeps each person's totals row by
    // row: both are made good in one statement each at finish().
    m_triggers = std::make_unique<store::SetAside>(
        db, "trigger", "name IN ('search_interactions_added', 'interaction_people_added')");
}

JournalEntries::InteractionBulk::~InteractionBulk() = default;

void JournalEntries::InteractionBulk::finish() {
    if (m_triggers->empty()) {
        return;
    }
    auto& db = store::impl_of(m_journal).db;
    SQLite::Statement st(db, "INSERT INTO search_interactions (rowid, note) SELECT id, note FROM "
                             "interactions WHERE id > ?");
    st.bind(1, m_before);
    st.exec();
    // m_before is a number: the totals of the people of the new interactions.
    db.exec(store::refresh_totals(fmt::format(
        "id IN (SELECT person_id FROM interaction_people WHERE interaction_id > {})", m_before)));
    m_triggers->restore();
}

void JournalEntries::add_interaction(Interaction& interaction) {
    auto& db = m_impl->db;
    stamp(interaction.uuid, interaction.created_at, interaction.updated_at, m_impl->now);
    // Compiled once per journal: an INSERT compiles the table's triggers with it, and
    // `import calendar` adds thousands (compiling was 80% of its time).
    static const std::string insert =
        store::record_insert(records::interaction, store::next_entry_id("interactions"));
    SQLite::Statement& st = m_impl->cached(insert);
    store::bind_record(st, records::interaction, interaction, false, m_impl->now);
    st.exec();
    interaction.id = db.getLastInsertRowid();
    // Its trigger adds the row of interaction_people, with the date.
    SQLite::Statement& link = m_impl->cached("INSERT OR IGNORE INTO interaction_members "
                                             "(interaction_id, person_id) VALUES (?, ?)");
    for (std::int64_t person : interaction.person_ids) {
        link.reset();
        link.bind(1, interaction.id);
        link.bind(2, person);
        link.exec();
    }
}

void JournalEntries::add_favour(Favour& favour) {
    auto& db = m_impl->db;
    stamp(favour.uuid, favour.created_at, favour.updated_at, m_impl->now);
    static const std::string insert =
        store::record_insert(records::favour, store::next_entry_id("favours"));
    SQLite::Statement& st = m_impl->cached(insert);
    store::bind_record(st, records::favour, favour, false, m_impl->now);
    st.exec();
    favour.id = db.getLastInsertRowid();
}

std::optional<Favour> JournalEntries::favour_by_id(std::int64_t id) {
    SQLite::Statement st(m_impl->db, fmt::format("SELECT {} FROM favours f WHERE f.id = ?", favour_columns()));
    st.bind(1, id);
    if (!st.executeStep()) {
        return std::nullopt;
    }
    return read_favour(st);
}

std::vector<Favour> JournalEntries::favours_of(std::int64_t person_id) {
    SQLite::Statement st(m_impl->db, fmt::format("SELECT {} FROM favours f WHERE f.person_id = ? "
                                                 "ORDER BY f.on_date, f.id",
                                                 favour_columns()));
    st.bind(1, person_id);
    std::vector<Favour> favours;
    while (st.executeStep()) {
        favours.push_back(read_favour(st));
    }
    return favours;
}

// An edit by hand: a captured interaction is the user's from now on (source_seq NULL).
void JournalEntries::update_interaction(const Interaction& interaction) {
    static const std::string update = store::record_update(records::interaction, store::Columns::edited,
                                                           "source_seq = NULL");
    SQLite::Statement st(m_impl->db, update);
    st.bind(store::bind_record(st, records::interaction, interaction, true, m_impl->now),
            interaction.id);
    st.exec();
}

void JournalEntries::update_favour(const Favour& favour) {
    static const std::string update = store::record_update(records::favour);
    SQLite::Statement st(m_impl->db, update);
    st.bind(store::bind_record(st, records::favour, favour, true, m_impl->now), favour.id);
    st.exec();
}

namespace {

// Interactions selected by `tail` (joins, WHERE, ORDER, LIMIT over `i`), with their
// people and favours: one indexed query each, so the cost follows the rows returned.
std::vector<Interaction> query_interactions(SQLite::Database& db, const std::string& tail,
                                            const std::function<void(SQLite::Statement&)>& bind) {
    // updated_at as export gives it: that of the `people merge` that moved it, if later.
    static const std::string columns =
        "i.id, " + store::record_columns(records::interaction, "i", store::interaction_stamp);
    SQLite::Statement st(db, fmt::format("SELECT {} FROM interactions i {}", columns, tail));
    bind(st);
    std::vector<Interaction> result;
    while (st.executeStep()) {
        Interaction& in = result.emplace_back();
        in.id = st.getColumn(0).getInt64();
        store::read_record(st, records::interaction, in, 1);
    }
    SQLite::Statement people(db, R"(SELECT p.id, p.handle FROM interaction_with w
        JOIN people p ON p.id = w.person_id WHERE w.interaction_id = ? ORDER BY p.handle)");
    SQLite::Statement favours(db, fmt::format("SELECT {} FROM favours f WHERE f.interaction_id = ? "
                                              "ORDER BY f.id",
                                              favour_columns()));
    for (auto& in : result) {
        people.reset();
        people.bind(1, in.id);
        while (people.executeStep()) {
            in.person_ids.push_back(people.getColumn(0).getInt64());
            in.people.push_back(people.getColumn(1).getString());
        }
        favours.reset();
        favours.bind(1, in.id);
        while (favours.executeStep()) {
            in.favours.push_back(read_favour(favours));
        }
    }
    return result;
}

} // namespace

std::vector<Interaction> JournalEntries::recent_interactions(std::optional<std::int64_t> person_id,
                                                      std::optional<Date> since, int limit) {
    std::string tail;
    if (person_id) {
        // A person's interactions newest first are one range of interaction_people,
        // keyed (person_id, on_date, interaction_id): the date is kept there.
        tail = "JOIN interaction_people ip ON ip.interaction_id = i.id AND ip.person_id = :person "
               "WHERE 1";
        if (since) {
            tail += " AND ip.on_date >= :since";
        }
        tail += " ORDER BY ip.on_date DESC, ip.interaction_id DESC LIMIT :limit";
    } else {
        tail = "WHERE 1";
        if (since) {
            tail += " AND i.on_date >= :since";
        }
        tail += " ORDER BY i.on_date DESC, i.id DESC LIMIT :limit";
    }
    return query_interactions(m_impl->db, tail, [&](SQLite::Statement& st) {
        if (person_id) {
            st.bind(":person", *person_id);
        }
        if (since) {
            st.bind(":since", format_date(*since));
        }
        st.bind(":limit", limit);
    });
}

std::optional<Interaction> JournalEntries::interaction_by_id(std::int64_t id) {
    auto found = query_interactions(m_impl->db, "WHERE i.id = ?",
                                    [&](SQLite::Statement& st) { st.bind(1, id); });
    if (found.empty()) {
        return std::nullopt;
    }
    return found.front();
}

bool JournalEntries::remove_entry(EntryId id) {
    auto& db = m_impl->db;
    const char* table = id.type == EntryId::Type::interaction ? "interactions"
                        : id.type == EntryId::Type::ask       ? "asks"
                                                              : "favours";
    const char* type = id.type == EntryId::Type::interaction ? "interaction"
                       : id.type == EntryId::Type::ask       ? "ask"
                                                             : "favour";
    SQLite::Statement find(db, fmt::format("SELECT uuid FROM {} WHERE id = ?", table));
    find.bind(1, id.number);
    if (!find.executeStep()) {
        return false;
    }
    const std::string& now = m_impl->now;
    store::record_deletion(db, type, find.getColumn(0).getString(), now);
    // What cascades away with it (favours of an interaction or ask) is recorded too.
    if (id.type != EntryId::Type::favour) {
        SQLite::Statement dependants(db, fmt::format("SELECT uuid FROM favours WHERE {} = ?",
                                                     id.type == EntryId::Type::ask ? "ask_id"
                                                                                   : "interaction_id"));
        dependants.bind(1, id.number);
        while (dependants.executeStep()) {
            store::record_deletion(db, "favour", dependants.getColumn(0).getString(), now);
        }
    }
    SQLite::Statement del(db, fmt::format("DELETE FROM {} WHERE id = ?", table));
    del.bind(1, id.number);
    del.exec();
    return true;
}

void JournalEntries::add_ask(Ask& ask) {
    auto& db = m_impl->db;
    stamp(ask.uuid, ask.created_at, ask.updated_at, m_impl->now);
    static const std::string insert =
        store::record_insert(records::ask, store::next_entry_id("asks"));
    SQLite::Statement& st = m_impl->cached(insert);
    store::bind_record(st, records::ask, ask, false, m_impl->now);
    st.exec();
    ask.id = db.getLastInsertRowid();
}

std::optional<Ask> JournalEntries::ask_by_id(std::int64_t id) {
    SQLite::Statement st(m_impl->db, fmt::format("SELECT {} FROM asks a WHERE a.id = ?", ask_columns()));
    st.bind(1, id);
    if (!st.executeStep()) {
        return std::nullopt;
    }
    return read_ask(st);
}

void JournalEntries::update_ask(const Ask& ask) {
    static const std::string update = store::record_update(records::ask);
    SQLite::Statement st(m_impl->db, update);
    st.bind(store::bind_record(st, records::ask, ask, true, m_impl->now), ask.id);
    st.exec();
}

std::vector<Ask> JournalEntries::list_asks(const AskFilter& filter) {
    std::string sql = fmt::format("SELECT {} FROM asks a WHERE 1", ask_columns());
    if (filter.person_id) {
        sql += " AND a.person_id = :person";
    }
    if (filter.open_only && filter.due_by) {
        sql += fmt::format(" AND {}", asks_due_by);
    } else if (filter.open_only) {
        sql += " AND a.status IN ('open', 'replied')";
    }
    if (filter.direction) {
        sql += " AND a.direction = :direction";
    }
    sql += " ORDER BY a.due_on, a.id";
    SQLite::Statement st(m_impl->db, sql);
    if (filter.person_id) {
        st.bind(":person", *filter.person_id);
    }
    if (filter.direction) {
        st.bind(":direction", std::string(to_string(*filter.direction)));
    }
    if (filter.open_only && filter.due_by) {
        st.bind(":due_by", format_date(*filter.due_by));
    }
    std::vector<Ask> asks;
    while (st.executeStep()) {
        asks.push_back(read_ask(st));
    }
    return asks;
}

} // namespace netlog

namespace netlog {

std::optional<JournalEntries::Captured> JournalEntries::captured(EntryId::Type type, const std::string& uuid) {
    SQLite::Statement& st = m_impl->cached(type == EntryId::Type::interaction
                                               ? "SELECT id, source_seq FROM interactions WHERE uuid = ?"
                                               : "SELECT id, NULL FROM asks WHERE uuid = ?");
    st.bind(1, uuid);
    if (!st.executeStep()) {
        return std::nullopt;
    }
    Captured c;
    c.id = st.getColumn(0).getInt64();
    if (!st.getColumn(1).isNull()) {
        c.source_seq = st.getColumn(1).getInt();
    }
    st.reset();
    return c;
}

bool JournalEntries::was_deleted(const std::string& uuid) {
    SQLite::Statement& st = m_impl->cached("SELECT 1 FROM deleted WHERE uuid = ?");
    st.bind(1, uuid);
    const bool found = st.executeStep();
    st.reset();
    return found;
}

void JournalEntries::update_captured_interaction(std::int64_t id, Date on, const std::string& kind,
                                          const std::string& note, int source_seq) {
    SQLite::Statement st(m_impl->db, R"(UPDATE interactions SET
        on_date = ?, kind = ?, note = ?, source_seq = ?, updated_at = ? WHERE id = ?)");
    st.bind(1, format_date(on));
    st.bind(2, kind);
    st.bind(3, note);
    st.bind(4, source_seq);
    st.bind(5, m_impl->now);
    st.bind(6, id);
    st.exec();
}

std::vector<std::pair<std::string, Person>> JournalPeople::people_by_email() {
    SQLite::Statement st(m_impl->db, R"(SELECT lower(e.email), p.id, p.handle, p.name, p.tier
        FROM person_emails e JOIN people p ON p.id = e.person_id ORDER BY p.id, e.position)");
    std::vector<std::pair<std::string, Person>> out;
    while (st.executeStep()) {
        Person p;
        p.id = st.getColumn(1).getInt64();
        p.handle = st.getColumn(2).getString();
        p.name = st.getColumn(3).getString();
        p.tier = parse_tier(st.getColumn(4).getString()).value_or(Tier::none);
        out.emplace_back(st.getColumn(0).getString(), std::move(p));
    }
    return out;
}

} // namespace netlog
