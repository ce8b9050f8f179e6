// The import json merge: another journal's records merged into this one.
#include "impl.hpp"
#include "record_rows.hpp"

#include "netlog/error.hpp"
#include "netlog/records.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <unordered_map>
#include <unordered_set>

namespace netlog {

using Json = nlohmann::ordered_json;

namespace {


// The table of the records of `type` ("person", "interaction", "ask", "favour").
const char* table_of(const std::string& type) {
    return type == "person"        ? "people"
           : type == "interaction" ? "interactions"
           : type == "ask"         ? "asks"
                                   : "favours";
}

} // namespace

// --- merge ---------------------------------------------------------------------------------

// The merge writes its own SQL rather than add_person/add_interaction …: it keeps the
// incoming uuids and timestamps, replaces rows in place, and holds its statements
// prepared across a million records.
//
// It also drops the triggers that keep the per-person totals, for the length of its
// transaction, and recomputes the totals of the people it touched once at the end
// (store::refresh_totals, the triggers' own SQL). Row by row, the ledger trigger
// re-reads all of a person's favours on every insert: a million-record export would
// take minutes instead of seconds. DDL is transactional in SQLite: a rollback (error,
// dry run, kill) brings the triggers back with everything else.
struct JournalSync::Merge::State {
    Journal& journal;
    SQLite::Database& db;
    store::StatementCache statement;
    std::unordered_map<std::string, std::int64_t> person_ids; // uuid -> id, seen so far

    // --- what finish() does, once every record is in --------------------------------
    // What waits for someone the file names before their own record.

    // A person whose introducer was not known yet when they came.
    struct PendingIntroducer {
        std::int64_t person_id;
        std::string introducer; // the introducer's uuid
    };
    std::vector<PendingIntroducer> pending_introducers;
    // A person here merged, by the file's deletion record, into someone not known yet.
    struct PendingMerge {
        std::int64_t person_id;
        Json deletion; // the record, with its merged_into and deleted_at
    };
    std::vector<PendingMerge> pending_merges;
    // When the rows that the record being applied names, and that were deleted here,
    // were deleted (reference() fills it).
    std::vector<std::string> references_deleted_at;
    // Records not brought back because they were deleted here at or after their last
    // change, by uuid (people, interactions and asks: what a later record may name).
    std::unordered_map<std::string, Json> set_aside;
    // The updated_at of the record being applied: the time its references are needed.
    std::string needed_at;
    // A person introduced, by a record made after their introducer was deleted here, by
    // someone whose record had not come yet: linked (and brought back) by finish().
    struct PendingRestore {
        std::int64_t person_id;
        std::string introducer;
        std::string needed_at;
    };
    std::vector<PendingRestore> pending_restores;
    Report report;
    std::unordered_map<std::string, std::size_t> kept_index; // person uuid -> report.kept
    bool has_deletions; // the deleted table has rows

    // --- what the merge sets aside while it writes ---------------------------------
    // The totals' triggers from the first write the triggers would follow to finish()
    // (drop_triggers(), restore_triggers()). Into a journal with no history yet, the
    // history's indexes too, from that first write to the first deletion or finish()
    // (drop_indexes(), make_indexes()). Whatever finish() did not make again (it never
    // ran, or failed), the destructor does.
    //
    // Where an import into a journal without history is in filling it:
    enum class Fill {
        onto_history,     // the journal had interactions, asks or favours: indexes stay
        empty,            // it had none, and nothing is written yet: the first write
                          // sets the indexes aside
        without_indexes,  // set aside: rows go in unindexed
        indexed,          // made again, sorted, at once
    };
    Fill fill;
    bool filled_empty() const { return fill == Fill::without_indexes || fill == Fill::indexed; }
    store::SetAside indexes;   // the secondary indexes of the history's tables, while off
    store::SetAside structure; // the triggers that fill interaction_people, while off
    store::SetAside search;    // the search index's triggers of interactions and asks
    std::optional<store::SetAside> totals; // the totals' triggers, while off
    std::unordered_set<std::int64_t> touched;  // people whose totals must be recomputed
    // The INSERT and UPDATE of each table write() fills, made once.
    std::unordered_map<std::string, std::pair<std::string, std::string>> write_sql;
    std::unordered_map<std::string, std::string> find_sql; // find()'s SELECT of each table

    // Before the first write that the triggers would follow; a merge that changes
    // nothing writes nothing.
    void drop_triggers() {
        if (totals) {
            return;
        }
        statement.reset_all();
        totals = store::SetAside::totals_triggers(db);
        if (fill == Fill::empty) {
            drop_indexes();
        }
    }

    // An import into a journal with no history yet (a new machine, a restore) fills
    // the tables without their secondary indexes, and makes each index once, sorted,
    // at the end: row by row, a million interactions go into 60 MiB of index pages
    // at random places, against a 24 MiB cache — for most rows a page read and one
    // written back to the WAL, per index. Meanwhile only inserts, and updates found
    // by id or uuid, run; make_indexes() comes before anything that looks rows up by
    // these indexes (a deletion, the totals).
    //
    // Likewise interaction_people, keyed by person: it is filled at once, sorted, from
    // interaction_members, and the triggers that fill it row by row are off meanwhile.
    void drop_indexes() {
        fill = Fill::without_indexes;
        indexes = store::SetAside(
            db, "index", "tbl_name IN ('interactions', 'interaction_members', 'asks', 'favours')");
        structure = store::SetAside(
            db, "trigger", fmt::format("name LIKE '{}%'", store::structural_triggers));
        // The search index of interactions and asks too: made at once from the
        // tables ('rebuild'), 0.7 s for a million interactions; row by row, its trigger
        // was 15 of the 40 s of CPU of such an import.
        search = store::SetAside(db, "trigger",
                                 fmt::format("name GLOB '{0}interactions_*' OR name GLOB "
                                             "'{0}asks_*'",
                                             store::search_triggers));
    }

    void make_indexes() {
        if (fill != Fill::without_indexes) {
            return;
        }
        statement.reset_all();
        // With temp_store = MEMORY (2, the journal's), SQLite sorts a whole index in
        // memory at once; with files, it sorts runs of
        // the page cache's size, in a buffer it grows by doubling (twice that at the
        // peak, on top of the cache itself): a smaller cache meanwhile, so that the
        // peak memory stays the import's own. SQLite refuses to switch to files in a
        // transaction that has used its temporary database already (a merge before
        // this one on the same connection): the sort then takes the memory.
        const int temp_store = db.execAndGet("PRAGMA temp_store").getInt();
        const int cache_size = db.execAndGet("PRAGMA cache_size").getInt();
        bool switched = false;
        if (temp_store == 2) {
            try {
                db.exec("PRAGMA temp_store = FILE");
                switched = true;
            } catch (const SQLite::Exception&) {
                // As said: in memory.
            }
        }
        db.exec("PRAGMA cache_size = -6144");
        indexes.restore();
        if (!structure.empty()) {
            db.exec(R"(INSERT INTO interaction_people (person_id, on_date, interaction_id)
                SELECT w.person_id, i.on_date, w.interaction_id
                FROM interaction_with w JOIN interactions i ON i.id = w.interaction_id
                ORDER BY 1, 2, 3)");
            structure.restore();
        }
        if (!search.empty()) {
            db.exec("INSERT INTO search_interactions (search_interactions) VALUES ('rebuild')");
            db.exec("INSERT INTO search_asks (search_asks) VALUES ('rebuild')");
            search.restore();
        }
        db.exec(fmt::format("PRAGMA cache_size = {}", cache_size));
        if (switched) {
            db.exec("PRAGMA temp_store = MEMORY");
        }
        fill = Fill::indexed;
    }

    void restore_triggers() {
        if (totals) {
            totals->restore();
            totals.reset();
        }
    }

    // Marks the people `sql` selects (bound to `id`) as touched.
    void touch(const char* sql, std::int64_t id) {
        auto& st = statement(sql);
        st.bind(1, id);
        while (st.executeStep()) {
            touched.insert(st.getColumn(0).getInt64());
        }
    }

    // Recomputes the totals of every touched person.
    void refresh_touched() {
        if (touched.empty()) {
            return;
        }
        statement.reset_all();
        db.exec("CREATE TEMP TABLE merge_touched (id INTEGER PRIMARY KEY)");
        {
            SQLite::Statement insert(db, "INSERT INTO temp.merge_touched (id) VALUES (?)");
            for (std::int64_t id : touched) {
                insert.reset();
                insert.bind(1, id);
                insert.exec();
            }
        }
        const std::string where = "id IN (SELECT id FROM temp.merge_touched)";
        if (filled_empty()) {
            // Thousands of people, a million links: see refresh_totals_given_them.
            db.exec("CREATE TEMP TABLE merge_them (id INTEGER PRIMARY KEY)");
            db.exec("INSERT INTO temp.merge_them (id) SELECT id FROM interactions WHERE them = 1");
            db.exec(store::refresh_totals_given_them(where, "temp.merge_them"));
            db.exec("DROP TABLE temp.merge_them");
        } else {
            db.exec(store::refresh_totals(where));
        }
        db.exec("DROP TABLE temp.merge_touched");
        touched.clear();
    }

    // A row found by uuid: its id and updated_at.
    struct Row {
        std::int64_t id = 0;
        std::string updated_at;
    };

    // finish(): links the people whose introducer came later in the file than they did.
    void link_introducers() {
        for (const auto& [id, uuid] : pending_introducers) {
            auto introducer = person_here(uuid);
            if (!introducer.id && !introducer.known) {
                throw usage_error(fmt::format("a person is introduced by {}, who is neither in "
                                              "the journal nor in the file",
                                              uuid));
            }
            if (introducer.id && *introducer.id != id) {
                set_introducer(id, *introducer.id);
            }
        }
        pending_introducers.clear();
    }

    // finish(): the file's merges of people here into someone who came later in it.
    void apply_pending_merges() {
        for (const auto& [id, record] : pending_merges) {
            const std::string into = record["merged_into"].get<std::string>();
            auto target = person_after_merges(into);
            if (!target.id && !target.known) {
                throw usage_error(fmt::format("{} was merged into {}, who is neither in the "
                                              "journal nor in the file",
                                              record["uuid"].get<std::string>(), into));
            }
            recorded_as_of(record["deleted_at"].get<std::string>(),
                           [&] { merge_person(id, target, record); });
        }
        pending_merges.clear();
    }

    // finish(): links the people introduced, by a record made after their introducer
    // was deleted here, by someone whose record came later in the file (and brings
    // them back as of that record).
    void link_restored_introducers() {
        for (const auto& pending : pending_restores) {
            needed_at = pending.needed_at;
            bool found = false;
            auto introducer = person_as_of(pending.introducer, found);
            if (introducer && *introducer != pending.person_id) {
                set_introducer(pending.person_id, *introducer);
            }
        }
        pending_restores.clear();
    }

    void set_introducer(std::int64_t person_id, std::int64_t introducer_id) {
        auto& st = statement("UPDATE people SET introduced_by = ? WHERE id = ?");
        st.bind(1, introducer_id);
        st.bind(2, person_id);
        st.exec();
    }

    explicit State(Journal& j)
        : journal(j), db(store::impl_of(j).db), statement(db),
          has_deletions(db.execAndGet("SELECT EXISTS (SELECT 1 FROM deleted)").getInt() != 0),
          fill(db.execAndGet("SELECT NOT EXISTS (SELECT 1 FROM interactions) AND NOT EXISTS "
                             "(SELECT 1 FROM asks) AND NOT EXISTS (SELECT 1 FROM favours)")
                       .getInt() != 0
                   ? Fill::empty
                   : Fill::onto_history) {}

    std::optional<Row> find(const char* table, const std::string& uuid) {
        std::string& sql = find_sql[table]; // made once: a look-up for each record
        if (sql.empty()) {
            // An interaction's updated_at: as export gives it (moved by a merge: later).
            sql = std::string_view(table) == "interactions"
                      ? fmt::format("SELECT i.id, {} FROM interactions i WHERE i.uuid = ?",
                                    store::interaction_stamp)
                      : fmt::format("SELECT id, updated_at FROM {} WHERE uuid = ?", table);
        }
        auto& st = statement(sql);
        st.bind(1, uuid);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return Row{st.getColumn(0).getInt64(), st.getColumn(1).getString()};
    }

    // When the row with `uuid` was deleted here, if it was.
    std::optional<std::string> deleted_at(const std::string& uuid) {
        if (!has_deletions) {
            return std::nullopt; // most merges into a new journal: spare a lookup a record
        }
        auto& st = statement("SELECT deleted_at FROM deleted WHERE uuid = ?");
        st.bind(1, uuid);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return st.getColumn(0).getString();
    }

    // The person `uuid` was merged into here, if they were (by `people merge` or by an
    // import of another journal's merge).
    std::optional<std::string> merged_into(const std::string& uuid) {
        if (!has_deletions) {
            return std::nullopt;
        }
        auto& st = statement("SELECT merged_into FROM deleted WHERE uuid = ?");
        st.bind(1, uuid);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return store::optional_text(st.getColumn(0));
    }

    // Where a person's uuid leads here: their id; for someone merged into another, that
    // one's id (merges chain); no id when deleted here, and then `known` is false when
    // the uuid was never here at all.
    struct PersonRef {
        std::optional<std::int64_t> id;
        bool known = true;
        std::optional<std::string> deleted_at; // when there is no id but `known`
        std::string uuid;                      // the uuid the merges lead to
    };
    PersonRef person_here(const std::string& uuid) {
        std::string at = uuid;
        for (int hops = 0; hops < 100; ++hops) {
            if (auto it = person_ids.find(at); it != person_ids.end()) {
                return {it->second, true, std::nullopt, at};
            }
            if (auto row = find("people", at)) {
                person_ids.emplace(at, row->id);
                return {row->id, true, std::nullopt, at};
            }
            auto into = merged_into(at);
            if (!into) {
                auto deleted = deleted_at(at);
                return {std::nullopt, deleted.has_value(), deleted, at};
            }
            at = *into;
        }
        return {std::nullopt, true, std::nullopt, at}; // merges in a circle: as if deleted
    }

    // The file's merges of people (uuid -> (merged_at, into)), read ahead by foresee().
    std::unordered_map<std::string, std::pair<std::string, std::string>> merges_ahead;

    // Where a person's uuid leads once the file's merges still to come are applied too:
    // a person here whom the file merges into another further on (and who did not
    // change here since, which would keep them) leads on to that one. A merge of the
    // file into someone it merges away later goes where that one goes: as the record
    // of an entry that names them does (person_as_of).
    PersonRef person_after_merges(const std::string& uuid) {
        PersonRef ref = person_here(uuid);
        for (int hops = 0; hops < 100 && ref.id; ++hops) {
            auto ahead = merges_ahead.find(ref.uuid);
            if (ahead == merges_ahead.end()) {
                break;
            }
            auto row = find("people", ref.uuid);
            if (!row || made_after(row->updated_at, ahead->second.first)) {
                break;
            }
            ref = person_here(ahead->second.second);
        }
        return ref;
    }

    // --- a deletion takes only what was there, unchanged, when it was made ---------------
    //
    // The one rule of both directions: a record whose updated_at is after a deletion of
    // what it names was made after that deletion, and keeps what it names. Here, a
    // deletion from the file keeps a person whom rows changed since name
    // (remove_person_as_of); from the file, a record made after a deletion here brings
    // back what it names (restore), from the record of it that the file held earlier.

    // True when a record of `needed_at` was made after a deletion at `deleted_at`.
    static bool made_after(const std::string& needed_at, const std::string& deleted_at) {
        return needed_at > deleted_at;
    }

    // The person a record names (by `uuid`) as of when that record was made: brought
    // back when deleted here before it (and their record came earlier in the file);
    // none, as the deletion took them, when they were brought back by this import but
    // the record is from before that deletion. `found` is false for a uuid never here.
    std::optional<std::int64_t> person_as_of(const std::string& uuid, bool& found) {
        PersonRef person = person_here(uuid);
        found = person.id || person.known;
        if (person.id) {
            auto outlived = outlived_deletion(person.uuid);
            if (!outlived) {
                return person.id;
            }
            if (!made_after(needed_at, *outlived)) {
                references_deleted_at.push_back(*outlived);
                return std::nullopt;
            }
            count_need(person.uuid);
            return person.id;
        }
        if (!person.deleted_at) {
            return std::nullopt;
        }
        if (made_after(needed_at, *person.deleted_at)) {
            if (auto id = restore(person.uuid, *person.deleted_at)) {
                count_need(person.uuid);
                return id;
            }
            // Merged here into someone deleted whom nothing brings back: the person the
            // record names comes back instead (they keep the record of their merge).
            if (person.uuid != uuid) {
                if (auto id = restore(uuid, *person.deleted_at)) {
                    person_ids[uuid] = *id;
                    back_from_merge[uuid] = *person.deleted_at;
                    count_need(uuid);
                    return id;
                }
            }
        }
        references_deleted_at.push_back(*person.deleted_at);
        return std::nullopt;
    }

    void count_need(const std::string& person_uuid, long long rows = 1) {
        if (auto it = kept_index.find(person_uuid); it != kept_index.end()) {
            report.kept[it->second].needed_by += rows;
        }
    }

    // When the person `uuid`, who is here, was deleted (plainly, not merged) on either
    // machine: kept by rows made after that, they keep the record of it, so that what
    // was older goes wherever it comes from, and the deletion is not applied twice.
    //
    // Or merged here into someone deleted since, and brought back by this import for a
    // record made after that deletion (person_as_of): what named them went with it.
    std::optional<std::string> outlived_deletion(const std::string& uuid) {
        if (!has_deletions) {
            return std::nullopt;
        }
        if (auto it = back_from_merge.find(uuid); it != back_from_merge.end()) {
            return it->second;
        }
        auto& st = statement("SELECT deleted_at FROM deleted WHERE uuid = ? AND merged_into IS NULL");
        st.bind(1, uuid);
        if (!st.executeStep()) {
            return std::nullopt;
        }
        return st.getColumn(0).getString();
    }
    // People merged here into someone deleted, brought back instead of them: uuid ->
    // when that one was deleted. (A person kept with the record of their merge because
    // they changed after it is not one: nothing of theirs went.)
    std::unordered_map<std::string, std::string> back_from_merge;

    // Brings back the row `uuid`, deleted here at `deleted_at`, from its record set
    // aside earlier in the file; its id, or nullopt when the file held none (or it
    // cannot come back: what it names is gone too). Its own references are resolved as
    // of the record that needs it.
    std::optional<std::int64_t> restore(const std::string& uuid, const std::string& deleted_at) {
        auto it = set_aside.find(uuid);
        if (it == set_aside.end()) {
            return std::nullopt;
        }
        const Json record = std::move(it->second);
        set_aside.erase(it);
        const std::string type = record["type"].get<std::string>();
        std::vector<std::string> outer = std::move(references_deleted_at);
        references_deleted_at.clear();
        bool written = true;
        if (type == "person") {
            write_person(record, std::nullopt);
        } else if (type == "interaction") {
            written = write_interaction(record, std::nullopt);
        } else if (type == "ask") {
            written = write_ask(record, std::nullopt);
        }
        references_deleted_at = std::move(outer);
        auto row = written ? find(table_of(type), uuid) : std::nullopt;
        if (!row) {
            return std::nullopt;
        }
        if (type != "person") {
            forget_deletion(uuid); // a person keeps it: see outlived_deletion()
        }
        if (type == "person") {
            kept_index.emplace(uuid, report.kept.size());
            report.kept.push_back(KeptPerson{record["handle"].get<std::string>(),
                                             record["name"].get<std::string>(), deleted_at, true,
                                             0});
            touched.insert(row->id);
        }
        return row->id;
    }

    // The id of the row `uuid` names in `table` (a merged person: the one they were
    // merged into); nullopt when it was deleted here. Error(usage) when it is unknown.
    std::optional<std::int64_t> reference(const char* table, const std::string& uuid,
                                          const Json& record, const char* field) {
        if (std::string_view(table) == "people") {
            bool found = false;
            auto id = person_as_of(uuid, found);
            if (found) {
                return id;
            }
        } else if (auto row = find(table, uuid)) {
            return row->id;
        } else if (auto deleted = deleted_at(uuid)) {
            if (made_after(needed_at, *deleted)) {
                if (auto id = restore(uuid, *deleted)) {
                    return id;
                }
            }
            references_deleted_at.push_back(*deleted);
            return std::nullopt;
        }
        throw usage_error(fmt::format(
            "{} {}: \"{}\" names {} which is neither in the journal nor earlier in the file",
            record["type"].get<std::string>(), record["uuid"].get<std::string>(), field, uuid));
    }

    void forget_deletion(const std::string& uuid) {
        auto& st = statement("DELETE FROM deleted WHERE uuid = ?");
        st.bind(1, uuid);
        st.exec();
    }

    // `merged_into`: the uuid of the person a merged person went into.
    void record_deletion(const std::string& uuid, const std::string& type, const std::string& at,
                         const std::optional<std::string>& merged_into = std::nullopt) {
        has_deletions = true;
        auto& st = statement("INSERT OR REPLACE INTO deleted (uuid, type, deleted_at, merged_into) "
                             "VALUES (?, ?, ?, ?)");
        st.bind(1, uuid);
        st.bind(2, type);
        st.bind(3, at);
        store::bind_optional(st, 4, merged_into);
        st.exec();
    }

    // Binds a JSON string or null; `value` must outlive the statement's run.
    static void bind(SQLite::Statement& st, int index, const Json& value) {
        if (value.is_null()) {
            st.bind(index);
        } else if (value.is_string()) {
            st.bindNoCopy(index, value.get_ref<const std::string&>());
        } else if (value.is_boolean()) {
            st.bind(index, value.get<bool>() ? 1 : 0);
        } else if (value.is_number_integer()) {
            st.bind(index, value.get<std::int64_t>());
        } else {
            st.bind(index, value.dump()); // tags: stored as JSON text
        }
    }

    // INSERT or UPDATE of a row of `type` from record `r`: every field with a column
    // (records.hpp) takes the record's value, or the one `given` for its key (a
    // reference resolved to an id here, a free handle); a folded column, its field's
    // value folded. Returns the row id.
    using Given = std::initializer_list<std::pair<std::string_view, std::reference_wrapper<const Json>>>;
    std::int64_t write(const records::RecordType& type, const Json& r, Given given,
                       const std::optional<Row>& existing) {
        auto& [insert, update] = write_sql[std::string(type.table)];
        if (insert.empty()) {
            // past the ids of people merged away, or of removed entries, too: never reused
            insert = store::record_insert(type, type.table == "people"
                                                    ? std::string(store::next_person_id)
                                                    : store::next_entry_id(type.table.data()));
            update = store::record_update(type, store::Columns::every);
        }
        auto& st = statement(existing ? update : insert);
        int index = 1;
        for (const records::Field& field : type.fields) {
            if (field.column.empty()) {
                continue;
            }
            auto it = std::find_if(given.begin(), given.end(),
                                   [&](const auto& g) { return g.first == field.key; });
            const Json& value = it != given.end() ? it->second.get() : r[std::string(field.key)];
            bind(st, index++, value);
            if (!field.folded_column.empty()) {
                st.bind(index++, fold(value.get_ref<const std::string&>()));
            }
        }
        if (existing) {
            st.bind(index, existing->id);
        }
        st.exec();
        return existing ? existing->id : db.getLastInsertRowid();
    }

    // A handle for the incoming person `id` (0 when new): theirs, or with a suffix
    // when someone else here has it.
    std::string free_handle(const std::string& handle, std::int64_t id) {
        auto& st = statement("SELECT id FROM people WHERE handle = ?");
        st.bind(1, handle);
        if (!st.executeStep() || st.getColumn(0).getInt64() == id) {
            return handle;
        }
        return journal.people().unique_handle(handle);
    }

    std::int64_t write_person(const Json& r, const std::optional<Row>& existing) {
        Json introducer = nullptr;
        bool introducer_pending = false;
        std::optional<std::string> introducer_deleted; // needed, deleted here, not back yet
        if (!r["introduced_by"].is_null()) {
            const std::string uuid = r["introduced_by"].get<std::string>();
            bool found = false;
            auto person = person_as_of(uuid, found);
            // Not by themselves: by someone merged into them.
            if (person && !(existing && *person == existing->id)) {
                introducer = *person;
            }
            introducer_pending = !found;
            if (auto deleted = person_here(uuid).deleted_at;
                found && !person && deleted && made_after(needed_at, *deleted)) {
                introducer_deleted = uuid; // their record may come further on
            }
        }
        const Json handle = free_handle(r["handle"].get<std::string>(), existing ? existing->id : 0);
        std::int64_t id =
            write(records::person, r, {{"handle", handle}, {"introduced_by", introducer}}, existing);
        person_ids[r["uuid"].get<std::string>()] = id;
        store::replace_emails(statement(store::delete_emails_sql),
                              statement(store::insert_email_sql), id,
                              r["emails"].get<std::vector<std::string>>());
        if (introducer_pending) {
            pending_introducers.emplace_back(id, r["introduced_by"].get<std::string>());
        }
        if (introducer_deleted) {
            pending_restores.push_back({id, *introducer_deleted, needed_at});
        }
        return id;
    }

    // Returns false when the record cannot come in because what it belongs to was
    // deleted here (as it would have gone with it).
    bool write_interaction(const Json& r, const std::optional<Row>& existing) {
        Json ids = Json::array();
        for (const auto& uuid : r["people"]) {
            if (auto id = reference("people", uuid.get<std::string>(), r, "people")) {
                ids.push_back(*id);
            }
        }
        if (ids.empty()) {
            return false;
        }
        std::int64_t id = write(records::interaction, r, {}, existing);
        for (const auto& person : ids) {
            touched.insert(person.get<std::int64_t>());
        }
        if (existing) {
            const std::string people = ids.dump();
            touch("SELECT person_id FROM interaction_with WHERE interaction_id = ?", id);
            // A member may be named by the id of someone merged into them here.
            auto& unlink = statement(R"(DELETE FROM interaction_members WHERE interaction_id = ?1
                AND coalesce((SELECT person_id FROM person_aliases a
                              WHERE a.id = interaction_members.person_id), person_id)
                    NOT IN (SELECT value FROM json_each(?2)))");
            unlink.bind(1, id);
            unlink.bind(2, people);
            unlink.exec();
            // The rows of interaction_people kept take the interaction's date: the
            // trigger that moves it along with the interaction's is dropped for the merge.
            auto& date = statement(R"(UPDATE interaction_people SET on_date = ?3
                WHERE person_id IN (SELECT value FROM json_each(?2)) AND interaction_id = ?1
                  AND on_date <> ?3)");
            date.bind(1, id);
            date.bind(2, people);
            date.bind(3, r["on"].get<std::string>());
            date.exec();
        }
        // Its trigger adds the row of interaction_people (but into an empty journal:
        // make_indexes() fills interaction_people at once). Kept, a member may be
        // there by the id of someone merged into them; new, by two uuids of one person.
        auto& link = statement(
            existing ? R"(INSERT INTO interaction_members (interaction_id, person_id)
                SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM interaction_with
                                                WHERE interaction_id = ?1 AND person_id = ?2))"
                     : "INSERT OR IGNORE INTO interaction_members (interaction_id, person_id) "
                       "VALUES (?1, ?2)");
        for (const auto& person : ids) {
            link.reset();
            link.bind(1, id);
            link.bind(2, person.get<std::int64_t>());
            link.exec();
        }
        return true;
    }

    bool write_ask(const Json& r, const std::optional<Row>& existing) {
        auto person = reference("people", r["person"].get<std::string>(), r, "person");
        if (!person) {
            return false;
        }
        Json via = nullptr;
        if (!r["via"].is_null()) {
            // Through the person asked (one merged into the other): no via, as a merge here makes it.
            if (auto id = reference("people", r["via"].get<std::string>(), r, "via");
                id && *id != *person) {
                via = *id;
            }
        }
        touched.insert(*person);
        if (existing) {
            touch("SELECT person_id FROM asks WHERE id = ?", existing->id);
        }
        const Json person_id = *person;
        write(records::ask, r, {{"person", person_id}, {"via", via}}, existing);
        return true;
    }

    bool write_favour(const Json& r, const std::optional<Row>& existing) {
        // Every reference is resolved, even after one is gone: a favour goes with the
        // first of them deleted (Merge::apply), whichever the other journal met first.
        auto person = reference("people", r["person"].get<std::string>(), r, "person");
        bool gone = !person;
        Json links[2] = {nullptr, nullptr};
        const char* tables[2] = {"interactions", "asks"};
        const char* fields[2] = {"interaction", "ask"};
        for (int i = 0; i < 2; ++i) {
            if (!r[fields[i]].is_null()) {
                auto id = reference(tables[i], r[fields[i]].get<std::string>(), r, fields[i]);
                gone = gone || !id;
                links[i] = id ? Json(*id) : Json();
            }
        }
        if (gone) {
            return false;
        }
        touched.insert(*person);
        if (existing) {
            touch("SELECT person_id FROM favours WHERE id = ?", existing->id);
        }
        const Json person_id = *person;
        write(records::favour, r,
              {{"person", person_id}, {"interaction", links[0]}, {"ask", links[1]}}, existing);
        return true;
    }

    // What names person `id` here: each row, with when it last changed (an interaction
    // or ask: or a favour of it), and whether it goes with them (else it loses them).
    struct Dependent {
        std::string type; // "favour", "ask", "interaction"; "via", "introduced": a link
        std::int64_t id;
        std::string changed_at;
        bool goes; // an interaction with nobody else goes; a shared one loses them
    };
    std::vector<Dependent> dependents_of(std::int64_t id) {
        auto& st = statement(fmt::format(R"(
            SELECT 'favour', f.id, f.updated_at, 1 FROM favours f WHERE f.person_id = ?1
            UNION ALL SELECT 'ask', a.id, max(a.updated_at, coalesce(
                (SELECT max(updated_at) FROM favours WHERE ask_id = a.id), '')), 1
              FROM asks a WHERE a.person_id = ?1
            UNION ALL SELECT 'via', a.id, a.updated_at, 0 FROM asks a WHERE a.via = ?1
            UNION ALL SELECT 'introduced', p.id, p.updated_at, 0 FROM people p
              WHERE p.introduced_by = ?1
            UNION ALL SELECT 'interaction', i.id, max({}, coalesce(
                (SELECT max(updated_at) FROM favours WHERE interaction_id = i.id), '')),
              NOT EXISTS (SELECT 1 FROM interaction_with o
                          WHERE o.interaction_id = i.id AND o.person_id <> ?1)
              FROM interactions i JOIN interaction_people ip ON ip.interaction_id = i.id
              WHERE ip.person_id = ?1)",
                                         store::interaction_stamp));
        st.bind(1, id);
        std::vector<Dependent> rows;
        while (st.executeStep()) {
            rows.push_back(Dependent{st.getColumn(0).getString(), st.getColumn(1).getInt64(),
                                     st.getColumn(2).getString(), st.getColumn(3).getInt() != 0});
        }
        return rows;
    }

    // Removes an interaction, ask or favour as a deletion from the file does, counting
    // it and the favours that go with it.
    void remove_entry(const std::string& type, std::int64_t id) {
        touch(type == "interaction"
                  ? "SELECT person_id FROM interaction_with WHERE interaction_id = ?1 "
                    "UNION SELECT person_id FROM favours WHERE interaction_id = ?1"
              : type == "ask" ? "SELECT person_id FROM asks WHERE id = ?1 "
                                "UNION SELECT person_id FROM favours WHERE ask_id = ?1"
                              : "SELECT person_id FROM favours WHERE id = ?1",
              id);
        if (type != "favour") {
            auto& favours = statement(type == "interaction"
                                          ? "SELECT count(*) FROM favours WHERE interaction_id = ?"
                                          : "SELECT count(*) FROM favours WHERE ask_id = ?");
            favours.bind(1, id);
            favours.executeStep();
            report.removed["favour"] += favours.getColumn(0).getInt64();
        }
        auto entry = type == "interaction" ? EntryId::Type::interaction
                     : type == "ask"       ? EntryId::Type::ask
                                           : EntryId::Type::favour;
        if (journal.entries().remove_entry(EntryId{entry, id})) {
            report.removed[type]++;
        }
    }

    // Another journal's deletion, at `at`, of the person `id`: what names them and was
    // there, unchanged, at `at` goes (as it went there); what changed since stays, and
    // keeps them (as does `keep_them`). Returns how many rows keep them (0 and not
    // `keep_them`: they went).
    long long remove_person_as_of(std::int64_t id, const std::string& uuid,
                                  const std::string& at, bool keep_them = false) {
        auto rows = dependents_of(id);
        long long needed = std::count_if(rows.begin(), rows.end(), [&](const Dependent& d) {
            return made_after(d.changed_at, at);
        });
        touched.insert(id);
        if (needed == 0 && !keep_them) {
            remove_person_with(id, uuid, rows);
            return 0;
        }
        // Favours first: those of an ask or interaction that goes are counted with it.
        std::stable_partition(rows.begin(), rows.end(),
                              [](const Dependent& d) { return d.type == "favour"; });
        for (const auto& d : rows) {
            if (made_after(d.changed_at, at)) {
                continue;
            }
            if (d.type == "via") {
                auto& st = statement("UPDATE asks SET via = NULL WHERE id = ?");
                st.bind(1, d.id);
                st.exec();
            } else if (d.type == "introduced") {
                auto& st = statement("UPDATE people SET introduced_by = NULL WHERE id = ?");
                st.bind(1, d.id);
                st.exec();
            } else if (d.goes) {
                remove_entry(d.type, d.id);
            } else { // a shared interaction: they leave it, by any id that names them
                // Its stamp stays what export gives, though an alias of theirs that
                // made it goes (see store::move_history).
                auto& keep = statement(fmt::format(
                    "UPDATE interactions AS i SET updated_at = {} WHERE id = ?", store::interaction_stamp));
                keep.bind(1, d.id);
                keep.exec();
                auto& st = statement(fmt::format(R"(DELETE FROM interaction_members
                    WHERE interaction_id = ?2 AND person_id IN {})",
                                                 store::ids_naming_person));
                st.bind(1, id);
                st.bind(2, d.id);
                st.exec();
            }
        }
        return needed;
    }

    // Removes person `id` and what goes with them (`rows`, dependents_of them), counted.
    void remove_person_with(std::int64_t id, const std::string& uuid,
                            const std::vector<Dependent>& rows) {
        for (const auto& d : rows) {
            if (d.goes && d.type == "favour") {
                report.removed["favour"]++;
            } else if (d.goes) {
                report.removed[d.type]++;
                // Those of someone else, that go with it.
                auto& st = statement(d.type == "interaction"
                                         ? "SELECT count(*) FROM favours WHERE interaction_id = "
                                           "?1 AND person_id <> ?2"
                                         : "SELECT count(*) FROM favours WHERE ask_id = ?1 AND "
                                           "person_id <> ?2");
                st.bind(1, d.id);
                st.bind(2, id);
                st.executeStep();
                report.removed["favour"] += st.getColumn(0).getInt64();
            }
        }
        report.removed["person"]++;
        journal.people().remove_person(id);
        person_ids.erase(uuid);
    }

    // True when a favour of interaction or ask `id` changed after `at`: it keeps it.
    bool has_favour_after(const std::string& type, std::int64_t id, const std::string& at) {
        auto& st = statement(type == "interaction"
                                 ? "SELECT EXISTS (SELECT 1 FROM favours WHERE interaction_id = ?1 "
                                   "AND updated_at > ?2)"
                                 : "SELECT EXISTS (SELECT 1 FROM favours WHERE ask_id = ?1 "
                                   "AND updated_at > ?2)");
        st.bind(1, id);
        st.bind(2, at);
        st.executeStep();
        return st.getColumn(0).getInt() != 0;
    }

    Outcome apply_deletion(const Json& r) {
        make_indexes(); // what goes with a row is found by them
        const std::string uuid = r["uuid"].get<std::string>();
        const std::string type = r["deleted_type"].get<std::string>();
        const std::string at = r["deleted_at"].get<std::string>();
        const Json& into = r["merged_into"];
        auto row = find(table_of(type), uuid);
        if (auto here = deleted_at(uuid); here && !(row && made_after(at, *here))) {
            // Deleted on both machines (or merged into two people): the later record
            // stands on both. (The rows a merge moved follow the later one by their own
            // updated_at.)
            const std::string target = into.is_string() ? into.get<std::string>() : "";
            if (std::pair(at, target) > std::pair(*here, merged_into(uuid).value_or(""))) {
                record_deletion(uuid, type, at,
                                into.is_string() ? std::optional(target) : std::nullopt);
            }
            return Outcome::skipped;
        }
        // Changed here after it was deleted there: it stays. A person keeps the record
        // of it (outlived_deletion()), and loses, as a plain deletion says, what is older.
        const bool changed_after = row && made_after(row->updated_at, at);
        if (changed_after && (type != "person" || into.is_string())) {
            if (type == "person") {
                record_deletion(uuid, type, at, into.get<std::string>());
            }
            return Outcome::skipped;
        }
        if (row && type != "person" && type != "favour" && has_favour_after(type, row->id, at)) {
            return Outcome::skipped; // a favour made after the deletion keeps it
        }
        if (row) {
            drop_triggers();
            long long kept_by = 0;
            recorded_as_of(at, [&] {
            if (type == "person" && into.is_string()) {
                // Merged there: their rows here go where theirs went there, none is lost.
                auto target = person_after_merges(into.get<std::string>());
                // Someone further on in the file, or deleted here: a deletion record
                // further on may lead their uuid elsewhere (merged into two people).
                if (!target.id) {
                    pending_merges.push_back({row->id, r});
                } else {
                    merge_person(row->id, target, r);
                }
            } else if (type == "person") {
                kept_by = remove_person_as_of(row->id, uuid, at, changed_after);
            } else {
                remove_entry(type, row->id);
            }
            });
            if (kept_by > 0 || changed_after) {
                auto& name = statement("SELECT handle, name FROM people WHERE id = ?");
                name.bind(1, row->id);
                name.executeStep();
                report.kept.push_back(KeptPerson{name.getColumn(0).getString(),
                                                 name.getColumn(1).getString(), at, false,
                                                 kept_by});
                record_deletion(uuid, type, at); // they keep it: see outlived_deletion()
                return Outcome::skipped;
            }
        }
        record_deletion(uuid, type, at,
                        into.is_string() ? std::optional(into.get<std::string>()) : std::nullopt);
        return row ? Outcome::removed : Outcome::added;
    }

    // An interaction here that the file's record of it shows with people deleted here:
    // when the last of those went. Should a deletion further on in the file take the
    // people it still has here, it went at that time if later (it went with the last
    // of its people, on whichever machine), as the other journal records it.
    std::unordered_map<std::string, std::string> members_gone_at;

    void note_members_gone(const std::string& uuid, const Json& people) {
        if (!has_deletions) {
            return;
        }
        std::string last;
        for (const auto& person : people) {
            PersonRef ref = person_here(person.get<std::string>());
            if (!ref.id && ref.deleted_at && *ref.deleted_at > last) {
                last = *ref.deleted_at;
            }
        }
        if (!last.empty()) {
            members_gone_at[uuid] = last;
        }
    }

    // Runs `change`, with what it records as deleted recorded as deleted at `at`: what
    // goes with a row went when it was deleted there, not now (so that both journals
    // hold the same deletions).
    template <class Change>
    void recorded_as_of(const std::string& at, Change&& change) {
        const std::int64_t recorded =
            db.execAndGet("SELECT coalesce(max(rowid), 0) FROM deleted").getInt64();
        entries_went_at.reset();
        change();
        auto& restamp = statement("UPDATE deleted SET deleted_at = ? WHERE rowid > ?");
        restamp.bind(1, at);
        restamp.bind(2, recorded);
        restamp.exec();
        if (entries_went_at && *entries_went_at > at) {
            auto& entries = statement(
                "UPDATE deleted SET deleted_at = ? WHERE rowid > ? AND type <> 'person'");
            entries.bind(1, *entries_went_at);
            entries.bind(2, recorded);
            entries.exec();
        }
        entries_went_at.reset();
        if (!members_gone_at.empty()) {
            auto& gone = statement("SELECT rowid, uuid, deleted_at FROM deleted WHERE rowid > ? "
                                   "AND type = 'interaction'");
            gone.bind(1, recorded);
            std::vector<std::pair<std::int64_t, std::string>> later;
            while (gone.executeStep()) {
                auto it = members_gone_at.find(gone.getColumn(1).getString());
                if (it != members_gone_at.end() && it->second > gone.getColumn(2).getString()) {
                    later.emplace_back(gone.getColumn(0).getInt64(), it->second);
                }
            }
            gone.reset();
            for (const auto& [rowid, when] : later) {
                auto& st = statement("UPDATE deleted SET deleted_at = ? WHERE rowid = ?");
                st.bind(1, when);
                st.bind(2, rowid);
                st.exec();
            }
        }
    }
    // Set by a change under recorded_as_of when the entries it removed went later than
    // the deletion it applies: with a merge into someone deleted (here, at that time),
    // they went with that deletion, as the other journal records them.
    std::optional<std::string> entries_went_at;

    // Applies another journal's merge of the person `id` (record `r`) into `target`:
    // moves their rows here as they are (their updated_at stays: that merge is not an
    // edit of them here), then removes them. Deleted here, the target is brought back
    // (from their record earlier in the file) when rows made after that deletion
    // follow them, and then keeps only those, as their deletion here says; else the
    // rows just go with them.
    void merge_person(std::int64_t id, PersonRef target, const Json& r) {
        if (!target.id && target.deleted_at) {
            const std::string deleted = *target.deleted_at;
            auto rows = dependents_of(id);
            bool needed = std::any_of(rows.begin(), rows.end(), [&](const Dependent& d) {
                return made_after(d.changed_at, deleted);
            });
            if (needed) {
                target.id = restore(target.uuid, deleted);
            }
            if (needed && !target.id) {
                // Nothing brings the target back: WHO stays, for the rows made after it
                // went, as the other journal keeps them when these rows reach it; the
                // older rows go, as they went with the target there.
                const std::string at = std::max(r["deleted_at"].get<std::string>(), deleted);
                const std::string uuid = r["uuid"].get<std::string>();
                // (Under the caller's recorded_as_of: what goes, goes at `at`.)
                entries_went_at = at;
                long long kept_by = remove_person_as_of(id, uuid, at, true);
                auto& name = statement("SELECT handle, name FROM people WHERE id = ?");
                name.bind(1, id);
                name.executeStep();
                report.kept.push_back(KeptPerson{name.getColumn(0).getString(),
                                                 name.getColumn(1).getString(), at, false,
                                                 kept_by});
                record_deletion(uuid, "person", r["deleted_at"].get<std::string>(),
                                r["merged_into"].get<std::string>());
                return;
            }
        }
        if (target.id && *target.id != id) {
            auto moved = store::move_history(db, id, *target.id, std::nullopt);
            report.moved["person"]++;
            report.moved["interaction"] += moved.interactions;
            report.moved["favour"] += moved.favours;
            report.moved["ask"] += moved.asks;
            touched.insert(*target.id);
            journal.people().remove_person(id);
            if (auto outlived = outlived_deletion(target.uuid)) {
                // Kept for the newer rows: the older ones go as the deletion took them.
                long long needed = remove_person_as_of(*target.id, target.uuid, *outlived);
                count_need(target.uuid, needed);
            }
        } else {
            if (target.deleted_at) {
                entries_went_at = *target.deleted_at;
            }
            remove_person_with(id, r["uuid"].get<std::string>(), dependents_of(id));
        }
        person_ids.erase(r["uuid"].get<std::string>());
        // remove_person recorded a plain deletion, stamped now: the record's own one.
        record_deletion(r["uuid"].get<std::string>(), "person", r["deleted_at"].get<std::string>(),
                        r["merged_into"].get<std::string>());
    }
};

JournalSync::Merge::Merge(Journal& journal) : m_state(std::make_unique<State>(journal)) {
    // A merge reaches into the uuid indexes all over: a bigger page cache keeps more
    // of them in memory. Fixed, so that memory does not grow with the file; 32 MiB
    // gained nothing over 24, and 16 leaves room for the reader's uuid types (20 MiB
    // for a million interactions) under 64 MiB (with 20: 66.6 MiB at the peak).
    store::impl_of(journal).db.exec("PRAGMA cache_size = -16384");
}

JournalSync::Merge::~Merge() {
    // What finish() did not make again (nothing, once it ran): the caller's transaction
    // rolls back, which restores it too; this keeps the schema whole even if it were
    // committed.
    try {
        m_state->make_indexes();
        m_state->restore_triggers();
    } catch (...) {
        // The transaction is gone already, and with it the drop.
    }
}

JournalSync::Merge::Outcome JournalSync::Merge::apply(const Json& record) {
    State& s = *m_state;
    const std::string type = record["type"].get<std::string>();
    if (type == "deleted") {
        return s.apply_deletion(record);
    }
    const std::string uuid = record["uuid"].get<std::string>();
    const std::string updated_at = record["updated_at"].get<std::string>();
    auto deleted = s.deleted_at(uuid);
    if (deleted && !State::made_after(updated_at, *deleted)) {
        // Deleted here after its last change: stays deleted, unless a record made after
        // that deletion names it further on.
        if (type != "favour") {
            s.set_aside.insert_or_assign(uuid, record);
        }
        return Outcome::skipped;
    }
    auto existing = s.find(table_of(type), uuid);
    if (type == "interaction" && existing) {
        s.note_members_gone(uuid, record["people"]);
    }
    if (existing && existing->updated_at >= updated_at) {
        return Outcome::skipped;
    }
    if (type != "person") {
        s.drop_triggers(); // people have none
    }
    s.references_deleted_at.clear();
    s.needed_at = updated_at;
    bool written = true;
    if (type == "person") {
        s.write_person(record, existing);
    } else if (type == "interaction") {
        written = s.write_interaction(record, existing);
    } else if (type == "ask") {
        written = s.write_ask(record, existing);
    } else {
        written = s.write_favour(record, existing);
    }
    if (!written) {
        // It would have gone with what it names, deleted here: it is recorded as
        // deleted then, as the journal it comes from records it when that deletion
        // reaches it. (An interaction goes with the last of its people, an ask with its
        // person, a favour with the first of its person, interaction and ask.)
        const auto& times = s.references_deleted_at;
        if (times.empty()) {
            return Outcome::skipped; // named someone merged in a circle: no time to give
        }
        std::string at = type == "interaction" ? *std::max_element(times.begin(), times.end())
                         : type == "ask"       ? times.front()
                                               : *std::min_element(times.begin(), times.end());
        if (existing) {
            // Its older version here goes too, as the newer one went there.
            s.recorded_as_of(at, [&] { s.remove_entry(type, existing->id); });
        }
        if (deleted != at) {
            s.record_deletion(uuid, type, at);
        }
        return existing ? Outcome::removed : Outcome::skipped;
    }
    if (deleted && type != "person") {
        s.forget_deletion(uuid); // changed there after it was deleted here: it is back
    } else if (deleted && !existing) { // back, keeping the record: see outlived_deletion()
        s.report.kept.push_back(KeptPerson{record["handle"].get<std::string>(),
                                           record["name"].get<std::string>(), *deleted, true, 0});
    }
    return existing ? Outcome::updated : Outcome::added;
}

void JournalSync::Merge::foresee(const Json& r) {
    State& s = *m_state;
    if (r.value("type", "") != "deleted" || r.value("deleted_type", "") != "person") {
        return;
    }
    const std::string uuid = r["uuid"].get<std::string>();
    const std::string at = r["deleted_at"].get<std::string>();
    const Json& into = r["merged_into"];
    // Only a deletion here that this one will replace (apply_deletion, deleted on
    // both machines): a person still here goes by their deletion in its turn.
    const std::string target = into.is_string() ? into.get<std::string>() : "";
    if (into.is_string()) {
        s.merges_ahead[uuid] = {at, target};
    }
    auto here = s.deleted_at(uuid);
    if (!here || s.find("people", uuid)) {
        return;
    }
    if (std::pair(at, target) > std::pair(*here, s.merged_into(uuid).value_or(""))) {
        s.record_deletion(uuid, "person", at,
                          into.is_string() ? std::optional(target) : std::nullopt);
    }
}

const JournalSync::Merge::Report& JournalSync::Merge::report() const {
    return m_state->report;
}

void JournalSync::Merge::finish() {
    State& s = *m_state;
    s.make_indexes();
    s.link_introducers();
    s.apply_pending_merges();
    s.link_restored_introducers();
    s.refresh_touched();
    s.restore_triggers();
}

} // namespace netlog
