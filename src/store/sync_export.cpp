// Export: the whole journal streamed out as records, one per person, interaction,
// favour, ask and deletion.
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

namespace {

Json text_or_null(const SQLite::Column& column) {
    return column.isNull() ? Json(nullptr) : Json(column.getString());
}

Json tags_array(const SQLite::Column& column) {
    return Json(store::tags_from_json(column.getString()));
}

} // namespace

void Journal::export_records(const std::function<void(const Json&)>& each) {
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

    SQLite::Statement people(db, R"(SELECT p.uuid, p.handle, p.name, p.tier, p.cadence_days,
        (SELECT i.uuid FROM people i WHERE i.id = p.introduced_by), p.source, p.email, p.company,
        p.role, p.url, p.notes, p.tags, p.added_on, p.snooze_until, p.external_id, p.created_at,
        p.updated_at, (SELECT json_group_array(email) FROM (SELECT email FROM person_emails
          WHERE person_id = p.id ORDER BY position)) FROM people p ORDER BY p.id)");
    while (people.executeStep()) {
        auto c = [&](int i) { return people.getColumn(i); };
        each(Json{{"type", "person"},
                  {"uuid", c(0).getString()},
                  {"handle", c(1).getString()},
                  {"name", c(2).getString()},
                  {"tier", c(3).getString()},
                  {"cadence_days", c(4).isNull() ? Json(nullptr) : Json(c(4).getInt())},
                  {"introduced_by", text_or_null(c(5))},
                  {"source", c(6).getString()},
                  {"email", text_or_null(c(7))},
                  {"emails", tags_array(c(18))},
                  {"company", text_or_null(c(8))},
                  {"role", text_or_null(c(9))},
                  {"url", text_or_null(c(10))},
                  {"notes", text_or_null(c(11))},
                  {"tags", tags_array(c(12))},
                  {"added_on", c(13).getString()},
                  {"snooze_until", text_or_null(c(14))},
                  {"external_id", text_or_null(c(15))},
                  {"created_at", c(16).getString()},
                  {"updated_at", c(17).getString()}});
    }

    SQLite::Statement asks(db, R"(SELECT a.uuid, a.direction,
        (SELECT uuid FROM people WHERE id = a.person_id), (SELECT uuid FROM people WHERE id = a.via),
        a.what, a.asked_on, a.due_on, a.by_on, a.status, a.replied_on, a.closed_on, a.note,
        a.created_at, a.updated_at, a.nudged_on, a.source FROM asks a ORDER BY a.id)");
    while (asks.executeStep()) {
        auto c = [&](int i) { return asks.getColumn(i); };
        each(Json{{"type", "ask"},
                  {"uuid", c(0).getString()},
                  {"direction", c(1).getString()},
                  {"person", c(2).getString()},
                  {"via", text_or_null(c(3))},
                  {"what", c(4).getString()},
                  {"asked_on", c(5).getString()},
                  {"due_on", c(6).getString()},
                  {"by", text_or_null(c(7))},
                  {"status", c(8).getString()},
                  {"replied_on", text_or_null(c(9))},
                  {"closed_on", text_or_null(c(10))},
                  {"note", c(11).getString()},
                  {"nudged_on", Json::parse(c(14).getString())},
                  {"source", text_or_null(c(15))},
                  {"created_at", c(12).getString()},
                  {"updated_at", c(13).getString()}});
    }

    // The people of an interaction in uuid order, so that an export is the same
    // whatever the ids of the journal it came from.
    // Their updated_at: that of the `people merge` that moved them, when later.
    SQLite::Statement interactions(db, fmt::format(R"(SELECT i.uuid, i.on_date, i.kind, i.note,
        i.tags, i.them, (SELECT json_group_array(u) FROM (SELECT p.uuid AS u FROM interaction_with w
           JOIN people p ON p.id = w.person_id WHERE w.interaction_id = i.id ORDER BY p.uuid)),
        i.created_at, {}, i.source, i.source_seq FROM interactions i ORDER BY i.id)",
                                                   store::interaction_stamp));
    while (interactions.executeStep()) {
        auto c = [&](int i) { return interactions.getColumn(i); };
        each(Json{{"type", "interaction"},
                  {"uuid", c(0).getString()},
                  {"on", c(1).getString()},
                  {"kind", c(2).getString()},
                  {"note", c(3).getString()},
                  {"tags", tags_array(c(4))},
                  {"them", c(5).getInt() != 0},
                  {"people", Json::parse(c(6).getString())},
                  {"source", text_or_null(c(9))},
                  {"source_seq", c(10).isNull() ? Json(nullptr) : Json(c(10).getInt())},
                  {"created_at", c(7).getString()},
                  {"updated_at", c(8).getString()}});
    }

    SQLite::Statement favours(db,
                              R"(SELECT f.uuid, (SELECT uuid FROM people WHERE id = f.person_id),
        f.direction, f.weight, f.what, f.on_date,
        (SELECT uuid FROM interactions WHERE id = f.interaction_id),
        (SELECT uuid FROM asks WHERE id = f.ask_id), f.created_at, f.updated_at
        FROM favours f ORDER BY f.id)");
    while (favours.executeStep()) {
        auto c = [&](int i) { return favours.getColumn(i); };
        each(Json{{"type", "favour"},
                  {"uuid", c(0).getString()},
                  {"person", c(1).getString()},
                  {"direction", c(2).getString()},
                  {"weight", c(3).getInt()},
                  {"what", c(4).getString()},
                  {"on", c(5).getString()},
                  {"interaction", text_or_null(c(6))},
                  {"ask", text_or_null(c(7))},
                  {"created_at", c(8).getString()},
                  {"updated_at", c(9).getString()}});
    }

    SQLite::Statement deleted(
        db, "SELECT uuid, type, deleted_at, merged_into FROM deleted ORDER BY deleted_at, uuid");
    while (deleted.executeStep()) {
        Json record{{"type", "deleted"},
                    {"uuid", deleted.getColumn(0).getString()},
                    {"deleted_type", deleted.getColumn(1).getString()},
                    {"deleted_at", deleted.getColumn(2).getString()}};
        if (!deleted.getColumn(3).isNull()) { // `people merge`: where their rows went
            record["merged_into"] = deleted.getColumn(3).getString();
        }
        each(record);
    }
    snapshot.commit();
}

} // namespace netlog
