// The `import json` merge (JournalSync::Merge) on scratch journals: records of another
// journal, as its export writes them, applied one by one, and what the journal holds
// then. The sync model these check: ARCHITECTURE.md, "The sync model".
#include "store/impl.hpp"

#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/journal.hpp"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace {

using netlog::Journal;
using netlog::JournalSync;
using Json = nlohmann::ordered_json;
using Outcome = JournalSync::Merge::Outcome;

// Uuids of the other journal's records (version 4, lowercase, as netlog writes them).
const char* const ann = "a0000000-0000-4000-8000-000000000001";
const char* const bob = "b0000000-0000-4000-8000-000000000002";
const char* const cy = "c0000000-0000-4000-8000-000000000003";
const char* const lunch = "d0000000-0000-4000-8000-000000000004";

// A time of 2026-11-20, hour `h`: stamps that compare as the merge compares them.
std::string at(int h) {
    return "2026-11-20T" + std::string(h < 10 ? "0" : "") + std::to_string(h) + ":00:00.000Z";
}

// A record checked as the reader checks each (missing nullable keys made null).
Json checked(Json record) {
    netlog::check_export_record(record);
    return record;
}

Json person(const char* uuid, const char* handle, const std::string& updated_at,
            Json introduced_by = nullptr) {
    return checked(Json{{"type", "person"}, {"uuid", uuid}, {"handle", handle},
                        {"name", handle}, {"tier", "weak"}, {"introduced_by", introduced_by},
                        {"source", "manual"}, {"tags", Json::array()},
                        {"added_on", "2026-11-01"}, {"created_at", at(1)},
                        {"updated_at", updated_at}});
}

Json interaction(const char* uuid, std::vector<const char*> people,
                 const std::string& updated_at, const char* note = "lunch") {
    Json with = Json::array();
    for (const char* p : people) {
        with.push_back(p);
    }
    return checked(Json{{"type", "interaction"}, {"uuid", uuid}, {"on", "2026-11-10"},
                        {"kind", "meet"}, {"note", note}, {"tags", Json::array()},
                        {"them", false}, {"people", with}, {"created_at", at(1)},
                        {"updated_at", updated_at}});
}

Json deletion(const std::string& uuid, const char* type, const std::string& deleted_at,
              Json merged_into = nullptr) {
    return checked(Json{{"type", "deleted"}, {"uuid", uuid}, {"deleted_type", type},
                        {"deleted_at", deleted_at}, {"merged_into", merged_into}});
}

// A scratch journal, its clock set after every stamp the tests use, and SQL to read it.
struct Scratch {
    Journal journal = Journal::open_scratch();
    SQLite::Database& db = netlog::store::impl_of(journal).db;

    Scratch() { journal.set_clock("2026-11-25T12:00:00.000Z"); }

    // Applies `records` in one merge, as `import json` does: person deletions foreseen,
    // each record applied, finish(), commit.
    std::vector<Outcome> merge(const std::vector<Json>& records) {
        Journal::WriteTransaction tx(journal);
        JournalSync::Merge merge(journal);
        for (const auto& r : records) {
            merge.foresee(r);
        }
        std::vector<Outcome> outcomes;
        for (const auto& r : records) {
            outcomes.push_back(merge.apply(r));
        }
        merge.finish();
        tx.commit();
        return outcomes;
    }

    std::optional<std::string> text(const std::string& sql, const std::string& bound) {
        SQLite::Statement st(db, sql);
        st.bind(1, bound);
        if (!st.executeStep() || st.getColumn(0).isNull()) {
            return std::nullopt;
        }
        return st.getColumn(0).getString();
    }
    std::optional<std::string> name_of(const std::string& uuid) {
        return text("SELECT name FROM people WHERE uuid = ?", uuid);
    }
    std::optional<std::string> deleted_at(const std::string& uuid) {
        return text("SELECT deleted_at FROM deleted WHERE uuid = ?", uuid);
    }
    // The uuids of the people an interaction is with, sorted.
    std::vector<std::string> people_of(const std::string& interaction) {
        SQLite::Statement st(db, "SELECT p.uuid FROM interactions i JOIN interaction_with w "
                                 "ON w.interaction_id = i.id JOIN people p ON p.id = "
                                 "w.person_id WHERE i.uuid = ? ORDER BY 1");
        st.bind(1, interaction);
        std::vector<std::string> uuids;
        while (st.executeStep()) {
            uuids.push_back(st.getColumn(0).getString());
        }
        return uuids;
    }
    // Every index and trigger of the journal, as SQLite keeps their SQL.
    std::vector<std::string> schema() {
        SQLite::Statement st(db, "SELECT type || ' ' || name || ': ' || sql FROM sqlite_master "
                                 "WHERE type IN ('index', 'trigger') AND sql IS NOT NULL "
                                 "ORDER BY 1");
        std::vector<std::string> objects;
        while (st.executeStep()) {
            objects.push_back(st.getColumn(0).getString());
        }
        return objects;
    }
    bool has_interaction(const std::string& uuid) {
        return text("SELECT uuid FROM interactions WHERE uuid = ?", uuid).has_value();
    }
    // A person's own row, changed here at `updated_at` (as a command here would).
    void touch_person(const std::string& uuid, const std::string& updated_at) {
        SQLite::Statement st(db, "UPDATE people SET updated_at = ? WHERE uuid = ?");
        st.bind(1, updated_at);
        st.bind(2, uuid);
        REQUIRE(st.exec() == 1);
    }
    // Deleted here at `when`, as `people rm` records it.
    void remove_person(const std::string& uuid, const std::string& when) {
        const auto id = text("SELECT id FROM people WHERE uuid = ?", uuid);
        REQUIRE(id);
        journal.set_clock(when);
        {
            Journal::WriteTransaction tx(journal);
            journal.people().remove_person(std::stoll(*id));
            tx.commit();
        }
        journal.set_clock("2026-11-25T12:00:00.000Z");
        REQUIRE(deleted_at(uuid) == when);
    }
};

} // namespace

TEST_CASE("a merged record with a newer updated_at replaces the one here") {
    Scratch s;
    CHECK(s.merge({person(ann, "ann", at(2))}) == std::vector{Outcome::added});
    Json newer = person(ann, "ann", at(3));
    newer["name"] = "Ann Lee";
    CHECK(s.merge({newer}) == std::vector{Outcome::updated});
    CHECK(s.name_of(ann) == "Ann Lee");
}

TEST_CASE("a merged record older than the one here, or as old, changes nothing") {
    Scratch s;
    Json here = person(ann, "ann", at(5));
    here["name"] = "Ann Lee";
    s.merge({here});
    Json older = person(ann, "ann", at(4));
    older["name"] = "Ann Old";
    Json as_old = person(ann, "ann", at(5));
    as_old["name"] = "Ann Same";
    CHECK(s.merge({older, as_old}) == std::vector{Outcome::skipped, Outcome::skipped});
    CHECK(s.name_of(ann) == "Ann Lee");
}

TEST_CASE("a deletion older than the row's last change leaves the row; a newer one takes it") {
    Scratch s;
    s.merge({person(ann, "ann", at(2)), interaction(lunch, {ann}, at(5))});
    CHECK(s.merge({deletion(lunch, "interaction", at(4))}) == std::vector{Outcome::skipped});
    CHECK(s.has_interaction(lunch));
    CHECK_FALSE(s.deleted_at(lunch));

    CHECK(s.merge({deletion(lunch, "interaction", at(6))}) == std::vector{Outcome::removed});
    CHECK_FALSE(s.has_interaction(lunch));
    CHECK(s.deleted_at(lunch) == at(6));
    // And the row, arriving again as it was before that deletion, stays deleted.
    CHECK(s.merge({interaction(lunch, {ann}, at(5))}) == std::vector{Outcome::skipped});
    CHECK_FALSE(s.has_interaction(lunch));
}

TEST_CASE("a merged_into record moves the merged person's rows to whom they were merged into") {
    Scratch s;
    s.merge({person(ann, "ann", at(2)), person(bob, "bob", at(2)),
             interaction(lunch, {bob}, at(3))});
    CHECK(s.people_of(lunch) == std::vector<std::string>{bob});
    const auto bob_id = s.text("SELECT id FROM people WHERE uuid = ?", bob);
    REQUIRE(bob_id);

    CHECK(s.merge({deletion(bob, "person", at(4), ann)}) == std::vector{Outcome::removed});
    CHECK_FALSE(s.name_of(bob));
    CHECK(s.people_of(lunch) == std::vector<std::string>{ann});
    CHECK(s.text("SELECT merged_into FROM deleted WHERE uuid = ?", bob) == ann);
    // bob's id here is an alias of ann's now.
    CHECK(s.text("SELECT p.uuid FROM person_aliases a JOIN people p ON p.id = a.person_id "
                 "WHERE a.id = ?",
                 *bob_id) == ann);
}

TEST_CASE("a record naming someone deleted here after it was made is not brought back") {
    Scratch s;
    s.merge({person(ann, "ann", at(2))});
    s.remove_person(ann, at(6));
    // Made before the deletion: it would have gone with ann; recorded as deleted.
    CHECK(s.merge({interaction(lunch, {ann}, at(5))}) == std::vector{Outcome::skipped});
    CHECK_FALSE(s.has_interaction(lunch));
    CHECK_FALSE(s.name_of(ann));
    CHECK(s.deleted_at(lunch) == at(6));
}

TEST_CASE("a record made after its person was deleted here brings them back, named kept") {
    Scratch s;
    s.merge({person(ann, "ann", at(2))});
    s.remove_person(ann, at(6));
    // The other journal's export: ann as she was before the deletion here, then an
    // interaction with her made after it.
    Journal::WriteTransaction tx(s.journal);
    JournalSync::Merge merge(s.journal);
    CHECK(merge.apply(person(ann, "ann", at(2))) == Outcome::skipped);
    CHECK(merge.apply(interaction(lunch, {ann}, at(7))) == Outcome::added);
    merge.finish();
    tx.commit();
    CHECK(s.has_interaction(lunch));
    CHECK(s.name_of(ann) == "ann");
    CHECK(s.people_of(lunch) == std::vector<std::string>{ann});
    REQUIRE(merge.report().kept.size() == 1);
    CHECK(merge.report().kept[0].handle == "ann");
    CHECK(merge.report().kept[0].deleted_at == at(6));
    CHECK(merge.report().kept[0].deleted_here);
}

TEST_CASE("an interaction with two people, one deleted here and one in the file, goes with "
          "the later deletion") {
    Scratch s;
    s.merge({person(ann, "ann", at(2)), person(bob, "bob", at(2)),
             interaction(lunch, {ann, bob}, at(3))});
    s.remove_person(ann, at(5)); // the interaction stays, with bob
    CHECK(s.people_of(lunch) == std::vector<std::string>{bob});
    // The other journal deleted bob later; its export still names ann in the
    // interaction, which is older than both deletions.
    CHECK(s.merge({person(ann, "ann", at(2)), interaction(lunch, {ann, bob}, at(3)),
                   deletion(bob, "person", at(7))}) ==
          std::vector{Outcome::skipped, Outcome::skipped, Outcome::removed});
    CHECK_FALSE(s.name_of(ann));
    CHECK_FALSE(s.name_of(bob));
    CHECK_FALSE(s.has_interaction(lunch));
    CHECK(s.deleted_at(lunch) == at(7));
    CHECK(s.journal.maintenance().check().empty());
}

TEST_CASE("an introducer further on in the file is linked by finish(), not before") {
    Scratch s;
    Journal::WriteTransaction tx(s.journal);
    JournalSync::Merge merge(s.journal);
    CHECK(merge.apply(person(bob, "bob", at(2), ann)) == Outcome::added);
    CHECK(merge.apply(person(ann, "ann", at(2))) == Outcome::added);
    const auto introducer = [&] {
        return s.text("SELECT i.uuid FROM people p JOIN people i ON i.id = p.introduced_by "
                      "WHERE p.uuid = ?",
                      bob);
    };
    CHECK_FALSE(introducer());
    merge.finish();
    CHECK(introducer() == ann);
    tx.commit();
}

TEST_CASE("an introducer neither here nor in the file fails finish()") {
    Scratch s;
    Journal::WriteTransaction tx(s.journal);
    JournalSync::Merge merge(s.journal);
    merge.apply(person(bob, "bob", at(2), cy));
    CHECK_THROWS_WITH_AS(merge.finish(),
                         doctest::Contains("is neither in the journal nor in the file"),
                         netlog::Error);
}

TEST_CASE("an import into a journal without history fills it without its indexes and makes "
          "them again, at a deletion and at the end") {
    Scratch s;
    const auto schema = s.schema();
    REQUIRE(schema.size() > 10);
    Journal::WriteTransaction tx(s.journal);
    JournalSync::Merge merge(s.journal);
    merge.apply(person(ann, "ann", at(2)));
    merge.apply(person(bob, "bob", at(2)));
    merge.apply(interaction(lunch, {ann, bob}, at(3)));
    CHECK(s.schema().size() < schema.size()); // set aside while the history fills
    merge.apply(deletion(cy, "interaction", at(4)));
    merge.apply(interaction(cy, {bob}, at(5), "coffee"));
    merge.finish();
    CHECK(s.schema() == schema);
    tx.commit();
    // interaction_people and the totals, made at once, are what the triggers make.
    CHECK(s.people_of(lunch) == std::vector<std::string>{ann, bob});
    CHECK(s.text("SELECT count(*) FROM interaction_people WHERE interaction_id = "
                 "(SELECT id FROM interactions WHERE uuid = ?)",
                 lunch) == "2");
    CHECK(s.text("SELECT interactions FROM people WHERE uuid = ?", bob) == "2");
    CHECK(s.journal.maintenance().check().empty());
}

TEST_CASE("a merge left unfinished gives back what it set aside") {
    Scratch s;
    s.merge({person(ann, "ann", at(2)), interaction(lunch, {ann}, at(3))});
    const auto schema = s.schema();
    for (bool empty_history : {false, true}) {
        CAPTURE(empty_history);
        Scratch fresh;
        Scratch& t = empty_history ? fresh : s;
        Journal::WriteTransaction tx(t.journal);
        {
            JournalSync::Merge merge(t.journal);
            merge.apply(person(bob, "bob", at(2)));
            merge.apply(interaction(cy, {bob}, at(3), "coffee"));
            CHECK(t.schema().size() < schema.size());
        }
        CHECK(t.schema() == schema);
    }
}
