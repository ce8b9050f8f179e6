// Export: the whole journal streamed out as records, one per person, interaction,
// favour, ask and deletion.
#include "impl.hpp"
#include "record_rows.hpp"

#include "netlog/error.hpp"
#include "netlog/records.hpp"
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
    bool is_null(int c) const { return m_rows.is_null(c); }

private:
    const store::Rows& m_rows;
    std::vector<ExportField> m_fields;
};

// The SELECT of every record of `type` for `export` (store::record_columns), an
// interaction's id after its fields (for the members read beside them).
std::string export_select(const records::RecordType& type, std::string_view alias,
                          std::string_view members = {}, std::string_view updated_at = {},
                          std::string_view order = "id") {
    std::string columns =
        store::record_columns(type, alias, updated_at, store::Reading::export_, members);
    if (type.table == "interactions") {
        columns += ", i.id";
    }
    return fmt::format("SELECT {} FROM {} {} ORDER BY {}.{}", columns, type.table, alias, alias,
                       order);
}

// The record of the row `f` stands on, its fields in the columns export_select() made;
// `members`: an interaction's people, as a JSON list.
std::span<const ExportField> export_record(const records::RecordType& type, Fields& f,
                                           std::string_view members = {}) {
    using records::Kind;
    f.clear();
    f.constant("type", type.type);
    int c = 0;
    for (const records::Field& field : type.fields) {
        const char* key = field.key.data(); // the tables' keys are literals
        switch (field.kind) {
        case Kind::uuid:
        case Kind::text:
        case Kind::handle:
        case Kind::choice:
        case Kind::date:
        case Kind::timestamp:
        case Kind::reference:
            f.text(key, c);
            break;
        case Kind::optional_text:
        case Kind::optional_date:
        case Kind::optional_reference:
            if (!f.is_null(c) || !field.omitted_when_null) {
                f.text_or_null(key, c);
            }
            break;
        case Kind::integer:
            f.integer(key, c);
            break;
        case Kind::optional_integer:
            f.integer_or_null(key, c);
            break;
        case Kind::boolean:
            f.boolean(key, c);
            break;
        case Kind::tags:
        case Kind::emails:
            f.json(key, c, ExportField::Kind::tags);
            break;
        case Kind::dates:
            f.json(key, c, ExportField::Kind::json);
            break;
        case Kind::members:
            f.json_text(key, members);
            break;
        }
        ++c;
    }
    return f.record();
}

} // namespace

void JournalSync::export_records(const std::function<void(std::span<const ExportField>)>& each) {
    auto& db = m_impl->db;
    // One read transaction: a snapshot, even while another netlog writes (WAL).
    SQLite::Transaction snapshot(db);
    // For a progress line: how many records there are, announced once (0 done).
    if (m_impl->progress) {
        m_impl->progress(0, static_cast<std::uint64_t>(
                        db.execAndGet("SELECT (SELECT count(*) FROM people) + (SELECT count(*) "
                                      "FROM asks) + (SELECT count(*) FROM interactions) + (SELECT "
                                      "count(*) FROM favours) + (SELECT count(*) FROM deleted)")
                            .getInt64()));
    }

    // Rows are read through store::Rows and written by the caller from SQLite's own
    // buffers: SQLiteCpp's Column (a shared_ptr copy a value) and a std::string a
    // value were a fifth of `export`.
    {
        store::Rows people(db, export_select(records::person, "p"));
        Fields f(people);
        while (people.step()) {
            each(export_record(records::person, f));
        }
    }

    {
        store::Rows asks(db, export_select(records::ask, "a"));
        Fields f(asks);
        while (asks.step()) {
            each(export_record(records::ask, f));
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
            db, export_select(records::interaction, "i", all_text ? "NULL" : "(" + people_sql + ")",
                              alias_of.empty() ? "max(i.updated_at, '')" : store::interaction_stamp));
        const int id_column = static_cast<int>(records::interaction.fields.size());
        const int people_column = static_cast<int>(
            records::field(records::interaction, "people") - records::interaction.fields.data());
        store::Rows members(db, R"(SELECT interaction_id, person_id, typeof(interaction_id) =
            'integer', typeof(person_id) = 'integer' FROM interaction_members
            ORDER BY interaction_id)");
        bool member = all_text && members.step();
        std::vector<std::string_view> uuids;
        std::string list;
        Fields f(interactions);
        while (interactions.step()) {
            std::string_view people = interactions.text(people_column);
            if (all_text) {
                const std::int64_t id = interactions.int64(id_column);
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
            each(export_record(records::interaction, f, people));
        }
    }

    {
        store::Rows favours(db, export_select(records::favour, "f"));
        Fields f(favours);
        while (favours.step()) {
            each(export_record(records::favour, f));
        }
    }

    {
        store::Rows deleted(db, export_select(records::deletion, "d", {}, {}, "deleted_at, d.uuid"));
        Fields f(deleted);
        while (deleted.step()) {
            each(export_record(records::deletion, f));
        }
    }
    snapshot.commit();
}

} // namespace netlog
