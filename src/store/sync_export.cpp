// Export: the whole journal streamed out as records, one per person, interaction,
// favour, ask and deletion.
#include "impl.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>
#include <vector>
#include <unordered_map>
#include <unordered_set>

namespace netlog {

namespace {

using Kind = ExportField::Kind;

// A record's fields, filled from the row `rows` stands on: the views point into
// SQLite's row, valid until the next step. One per query, reused from row to row.
class Fields {
public:
    explicit Fields(const store::Rows& rows) : m_rows(rows) {}

    void clear() { m_fields.clear(); }
    void constant(const char* key, std::string_view text) {
        m_fields.push_back({key, Kind::text, text, 0});
    }
    // Column `c`, as text (SQLiteCpp's getString(): "" for NULL).
    void text(const char* key, int c) { m_fields.push_back({key, Kind::text, m_rows.text(c), 0}); }
    void text_or_null(const char* key, int c) {
        if (m_rows.is_null(c)) {
            m_fields.push_back({key, Kind::null, {}, 0});
        } else {
            text(key, c);
        }
    }
    // Column `c` as SQLiteCpp's getInt() reads it: 32 bits.
    void integer(const char* key, int c) {
        m_fields.push_back({key, Kind::integer, {}, static_cast<int>(m_rows.int64(c))});
    }
    void integer_or_null(const char* key, int c) {
        if (m_rows.is_null(c)) {
            m_fields.push_back({key, Kind::null, {}, 0});
        } else {
            integer(key, c);
        }
    }
    void boolean(const char* key, int c) {
        m_fields.push_back({key, Kind::boolean, {}, static_cast<int>(m_rows.int64(c)) != 0});
    }
    void json(const char* key, int c, Kind kind) { m_fields.push_back({key, kind, m_rows.text(c), 0}); }
    void json_text(const char* key, std::string_view text) {
        m_fields.push_back({key, Kind::json, text, 0});
    }

    std::span<const ExportField> record() const { return m_fields; }

private:
    const store::Rows& m_rows;
    std::vector<ExportField> m_fields;
};

} // namespace

void Journal::export_records(const std::function<void(std::span<const ExportField>)>& each) {
    auto& db = m_impl->db;
    // One read transaction: a snapshot, even while another netlog writes (WAL).
    SQLite::Transaction snapshot(db);
    // For a progress line: how many records there are, announced once (0 done).
    if (progress) {
        progress(0, static_cast<std::uint64_t>(
                        db.execAndGet("SELECT (SELECT count(*) FROM people) + (SELECT count(*) "
                                      "FROM asks) + (SELECT count(*) FROM interactions) + (SELECT "
                                      "count(*) FROM favours) + (SELECT count(*) FROM deleted)")
                            .getInt64()));
    }

    // Rows are read through store::Rows and written by the caller from SQLite's own
    // buffers: SQLiteCpp's Column (a shared_ptr copy a value) and a std::string a
    // value were a fifth of `export`.
    {
        store::Rows people(db, R"(SELECT p.uuid, p.handle, p.name, p.tier, p.cadence_days,
        (SELECT i.uuid FROM people i WHERE i.id = p.introduced_by), p.source, p.email, p.company,
        p.role, p.url, p.notes, p.tags, p.added_on, p.snooze_until, p.external_id, p.created_at,
        p.updated_at, (SELECT json_group_array(email) FROM (SELECT email FROM person_emails
          WHERE person_id = p.id ORDER BY position)) FROM people p ORDER BY p.id)");
        Fields f(people);
        while (people.step()) {
            f.clear();
            f.constant("type", "person");
            f.text("uuid", 0);
            f.text("handle", 1);
            f.text("name", 2);
            f.text("tier", 3);
            f.integer_or_null("cadence_days", 4);
            f.text_or_null("introduced_by", 5);
            f.text("source", 6);
            f.text_or_null("email", 7);
            f.json("emails", 18, Kind::tags);
            f.text_or_null("company", 8);
            f.text_or_null("role", 9);
            f.text_or_null("url", 10);
            f.text_or_null("notes", 11);
            f.json("tags", 12, Kind::tags);
            f.text("added_on", 13);
            f.text_or_null("snooze_until", 14);
            f.text_or_null("external_id", 15);
            f.text("created_at", 16);
            f.text("updated_at", 17);
            each(f.record());
        }
    }

    {
        store::Rows asks(db, R"(SELECT a.uuid, a.direction,
        (SELECT uuid FROM people WHERE id = a.person_id), (SELECT uuid FROM people WHERE id = a.via),
        a.what, a.asked_on, a.due_on, a.by_on, a.status, a.replied_on, a.closed_on, a.note,
        a.created_at, a.updated_at, a.nudged_on, a.source FROM asks a ORDER BY a.id)");
        Fields f(asks);
        while (asks.step()) {
            f.clear();
            f.constant("type", "ask");
            f.text("uuid", 0);
            f.text("direction", 1);
            f.text("person", 2);
            f.text_or_null("via", 3);
            f.text("what", 4);
            f.text("asked_on", 5);
            f.text("due_on", 6);
            f.text_or_null("by", 7);
            f.text("status", 8);
            f.text_or_null("replied_on", 9);
            f.text_or_null("closed_on", 10);
            f.text("note", 11);
            f.json("nudged_on", 14, Kind::json);
            f.text_or_null("source", 15);
            f.text("created_at", 12);
            f.text("updated_at", 13);
            each(f.record());
        }
    }

    {
        // Who was at each interaction, as the uuids of the people they are now (an
        // alias: the person they were merged into), in uuid order so that an export is
        // the same whatever the ids of the journal it came from. Read in one walk of
        // interaction_members (keyed by interaction) beside the interactions, with the
        // people's uuids and the aliases in memory: a subquery a row (the view, a
        // look-up of each person, a sort) was half of `export`'s SQLite time. A list
        // with a uuid that is not plain text, or a member not kept as an integer,
        // comes from that subquery as before.
        std::unordered_map<std::int64_t, std::string> uuid_of;
        bool all_text = true;
        {
            store::Rows people(db, "SELECT id, uuid, typeof(uuid) = 'text' FROM people");
            while (people.step()) {
                uuid_of.emplace(people.int64(0), people.text(1));
                all_text = all_text && people.int64(2) != 0;
            }
        }
        std::unordered_map<std::int64_t, std::int64_t> alias_of;
        {
            store::Rows aliases(
                db, "SELECT id, person_id, typeof(person_id) = 'integer' FROM person_aliases");
            while (aliases.step()) {
                alias_of.emplace(aliases.int64(0), aliases.int64(1));
                all_text = all_text && aliases.int64(2) != 0;
            }
        }
        const std::string people_sql = R"(SELECT json_group_array(u) FROM (SELECT p.uuid AS u
           FROM interaction_with w JOIN people p ON p.id = w.person_id
           WHERE w.interaction_id = i.id ORDER BY p.uuid))";
        // Their updated_at: that of the `people merge` that moved them, when later.
        store::Rows interactions(
            db, fmt::format(R"(SELECT i.uuid, i.on_date, i.kind, i.note, i.tags, i.them, {},
        i.created_at, {}, i.source, i.source_seq, i.id FROM interactions i ORDER BY i.id)",
                            all_text ? "NULL" : people_sql,
                            alias_of.empty() ? "max(i.updated_at, '')" : store::interaction_stamp));
        store::Rows members(db, R"(SELECT interaction_id, person_id, typeof(interaction_id) =
            'integer', typeof(person_id) = 'integer' FROM interaction_members
            ORDER BY interaction_id)");
        bool member = all_text && members.step();
        std::vector<std::string_view> uuids;
        std::string list;
        Fields f(interactions);
        while (interactions.step()) {
            std::string_view people = interactions.text(6);
            if (all_text) {
                const std::int64_t id = interactions.int64(11);
                bool plain = true;
                uuids.clear();
                for (; member; member = members.step()) {
                    if (members.int64(2) == 0) {
                        continue; // names no interaction
                    }
                    const std::int64_t of = members.int64(0);
                    if (of > id) {
                        break;
                    }
                    if (of < id) {
                        continue;
                    }
                    std::int64_t person = members.int64(1);
                    plain = plain && members.int64(3) != 0;
                    if (auto alias = alias_of.find(person); alias != alias_of.end()) {
                        person = alias->second;
                    }
                    if (auto uuid = uuid_of.find(person); uuid != uuid_of.end()) {
                        const std::string& text = uuid->second;
                        plain = plain && std::all_of(text.begin(), text.end(), [](char c) {
                                    return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\';
                                });
                        uuids.push_back(text);
                    }
                }
                if (plain) {
                    std::sort(uuids.begin(), uuids.end());
                    list = "[";
                    for (const auto& uuid : uuids) {
                        list += list.size() == 1 ? "\"" : ",\"";
                        list += uuid;
                        list += '"';
                    }
                    list += ']';
                } else {
                    std::string sql = people_sql;
                    sql.replace(sql.find("i.id"), 4, ":id");
                    store::Rows one_list(db, "SELECT (" + sql + ")");
                    one_list.bind(":id", id);
                    one_list.step();
                    list = one_list.text(0);
                }
                people = list;
            }
            f.clear();
            f.constant("type", "interaction");
            f.text("uuid", 0);
            f.text("on", 1);
            f.text("kind", 2);
            f.text("note", 3);
            f.json("tags", 4, Kind::tags);
            f.boolean("them", 5);
            f.json_text("people", people);
            f.text_or_null("source", 9);
            f.integer_or_null("source_seq", 10);
            f.text("created_at", 7);
            f.text("updated_at", 8);
            each(f.record());
        }
    }

    {
        store::Rows favours(db, R"(SELECT f.uuid, (SELECT uuid FROM people WHERE id = f.person_id),
        f.direction, f.weight, f.what, f.on_date,
        (SELECT uuid FROM interactions WHERE id = f.interaction_id),
        (SELECT uuid FROM asks WHERE id = f.ask_id), f.created_at, f.updated_at
        FROM favours f ORDER BY f.id)");
        Fields f(favours);
        while (favours.step()) {
            f.clear();
            f.constant("type", "favour");
            f.text("uuid", 0);
            f.text("person", 1);
            f.text("direction", 2);
            f.integer("weight", 3);
            f.text("what", 4);
            f.text("on", 5);
            f.text_or_null("interaction", 6);
            f.text_or_null("ask", 7);
            f.text("created_at", 8);
            f.text("updated_at", 9);
            each(f.record());
        }
    }

    {
        store::Rows deleted(
            db, "SELECT uuid, type, deleted_at, merged_into FROM deleted ORDER BY deleted_at, uuid");
        Fields f(deleted);
        while (deleted.step()) {
            f.clear();
            f.constant("type", "deleted");
            f.text("uuid", 0);
            f.text("deleted_type", 1);
            f.text("deleted_at", 2);
            if (!deleted.is_null(3)) { // `people merge`: where their rows went
                f.text("merged_into", 3);
            }
            each(f.record());
        }
    }
    snapshot.commit();
}

} // namespace netlog
