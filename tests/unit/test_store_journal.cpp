// The journal through its API on temporary files: creation, versions, refusals, and the
// per-person totals the triggers maintain, checked against a recomputation from the rows.
#include "store/impl.hpp"
#include "temp_journal.hpp"

#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/journal.hpp"
#include "netlog/model.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace netlog;
namespace fs = std::filesystem;

namespace {

// A folder of its own under TMPDIR, removed with everything in it.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "netlog-unit-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

Date day(const char* iso) { return *parse_iso_date(iso); }

int pragma(Journal& journal, const std::string& name) {
    return store::impl_of(journal).db.execAndGet("PRAGMA " + name).getInt();
}

Person new_person(Journal& journal, const std::string& name, Date added = day("2026-01-01")) {
    Person p;
    p.name = name;
    p.handle = journal.people().unique_handle(name);
    p.added_on = added;
    journal.people().add_person(p);
    return p;
}

// What the maintained columns must hold, computed in C++ from the rows themselves.
struct Totals {
    int interactions = 0;
    int reached_me = 0;
    std::optional<Date> first_interaction, last_interaction, last_contact, since;
    long long gave = 0, got = 0;
    bool operator==(const Totals&) const = default;
};

std::string text(const std::optional<Date>& d) { return d ? format_date(*d) : "-"; }

doctest::String toString(const Totals& t) {
    return fmt::format("interactions {} reached_me {} first_interaction {} last_interaction {} "
                       "last_contact {} gave {} got {} since {}",
                       t.interactions, t.reached_me, text(t.first_interaction),
                       text(t.last_interaction),
                       text(t.last_contact), t.gave, t.got, text(t.since))
        .c_str();
}

void later(std::optional<Date>& latest, std::optional<Date> d) {
    if (d && (!latest || *d > *latest)) {
        latest = d;
    }
}

Totals recomputed(Journal& journal, std::int64_t person) {
    auto& db = store::impl_of(journal).db;
    Totals t;
    SQLite::Statement in(db, "SELECT i.on_date, i.them FROM interaction_people ip "
                             "JOIN interactions i ON i.id = ip.interaction_id WHERE ip.person_id = ?");
    in.bind(1, person);
    while (in.executeStep()) {
        ++t.interactions;
        t.reached_me += in.getColumn(1).getInt();
        auto on = parse_iso_date(in.getColumn(0).getString());
        later(t.last_interaction, on);
        if (!t.first_interaction || *on < *t.first_interaction) {
            t.first_interaction = on;
        }
    }
    t.last_contact = t.last_interaction;
    SQLite::Statement asks(db, "SELECT asked_on, replied_on, closed_on, status FROM asks "
                               "WHERE person_id = ?");
    asks.bind(1, person);
    while (asks.executeStep()) {
        later(t.last_contact, store::optional_date(asks.getColumn(0)));
        later(t.last_contact, store::optional_date(asks.getColumn(1)));
        std::string status = asks.getColumn(3).getString();
        if (status == "done" || status == "declined") {
            later(t.last_contact, store::optional_date(asks.getColumn(2)));
        }
    }
    auto favours = journal.entries().favours_of(person);
    for (const auto& f : favours) {
        (f.direction == Direction::gave ? t.gave : t.got) += f.weight;
    }
    t.since = unreciprocated_since(favours);
    return t;
}

// first_interaction is no field of Person (only the audit reads it): read here.
Totals maintained(Journal& journal, const Person& p) {
    Totals t;
    SQLite::Statement first(store::impl_of(journal).db, "SELECT first_interaction FROM people WHERE id = ?");
    first.bind(1, p.id);
    first.executeStep();
    t.first_interaction = store::optional_date(first.getColumn(0));
    t.interactions = p.interactions;
    t.reached_me = p.reached_me;
    t.last_interaction = p.last_interaction;
    t.last_contact = p.last_contact;
    t.gave = p.gave;
    t.got = p.got;
    t.since = p.since;
    return t;
}

std::vector<std::int64_t> ids(Journal& journal, const char* table) {
    SQLite::Statement st(store::impl_of(journal).db, fmt::format("SELECT id FROM {} ORDER BY id", table));
    std::vector<std::int64_t> result;
    while (st.executeStep()) {
        result.push_back(st.getColumn(0).getInt64());
    }
    return result;
}

void check_totals(Journal& journal) {
    for (std::int64_t id : ids(journal, "people")) {
        Person p = *journal.people().person_by_id(id);
        CAPTURE(p.handle);
        CHECK(maintained(journal, p) == recomputed(journal, id));
    }
    // Each person's link to an interaction keeps the interaction's date.
    CHECK(store::impl_of(journal)
              .db
              .execAndGet("SELECT count(*) FROM interaction_people ip JOIN interactions i "
                          "ON i.id = ip.interaction_id WHERE ip.on_date IS NOT i.on_date")
              .getInt() == 0);
}

Interaction add_interaction(Journal& journal, Date on, std::vector<std::int64_t> people,
                            bool them = false) {
    Interaction in;
    in.on = on;
    in.note = "met";
    in.them = them;
    in.person_ids = std::move(people);
    journal.entries().add_interaction(in);
    return in;
}

Favour add_favour(Journal& journal, std::int64_t person, Direction direction, Date on, int weight,
                  std::optional<std::int64_t> interaction = std::nullopt) {
    Favour f;
    f.person_id = person;
    f.direction = direction;
    f.on = on;
    f.weight = weight;
    f.what = "help";
    f.interaction_id = interaction;
    journal.entries().add_favour(f);
    return f;
}

Ask add_ask(Journal& journal, std::int64_t person, Date asked, AskStatus status,
            std::optional<Date> replied = std::nullopt, std::optional<Date> closed = std::nullopt) {
    Ask a;
    a.direction = AskDirection::in;
    a.person_id = person;
    a.what = "a review";
    a.asked_on = asked;
    a.due_on = add_days(asked, 2);
    a.status = status;
    a.replied_on = replied;
    a.closed_on = closed;
    journal.entries().add_ask(a);
    return a;
}

} // namespace

TEST_CASE("a fresh journal has the current schema, WAL and foreign keys") {
    TempDir dir;
    fs::path path = dir.path / "new" / "journal.db";
    Journal journal = Journal::open(path, Journal::Mode::write);
    CHECK(pragma(journal, "user_version") == schema_version);
    CHECK(pragma(journal, "application_id") == 0x4E544C47);
    CHECK(pragma(journal, "foreign_keys") == 1);
    CHECK(store::impl_of(journal).db.execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK((fs::status(path).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write));
    CHECK((fs::status(path.parent_path()).permissions() & fs::perms::all) == fs::perms::owner_all);
    CHECK(journal.path() == path);
}

TEST_CASE("reading never creates a journal") {
    TempDir dir;
    fs::path path = dir.path / "journal.db";
    try {
        Journal::open(path, Journal::Mode::read);
        FAIL("opened");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::journal);
        CHECK(std::string(e.what()).find("no journal yet") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(path));
}

TEST_CASE("a journal reopens with its data and its version") {
    TempDir dir;
    fs::path path = dir.path / "journal.db";
    {
        Journal journal = Journal::open(path, Journal::Mode::write);
        new_person(journal, "ann");
    }
    for (auto mode : {Journal::Mode::read, Journal::Mode::write}) {
        Journal journal = Journal::open(path, mode);
        CHECK(pragma(journal, "user_version") == schema_version);
        REQUIRE(journal.people().person_by_handle("ann"));
        CHECK(journal.people().person_by_handle("ann")->added_on == day("2026-01-01"));
    }
}

TEST_CASE("files that are not netlog journals of this version are refused untouched") {
    TempDir dir;
    fs::path path = dir.path / "journal.db";
    auto bytes = [&] {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    auto refused = [&](const std::string& expected) {
        std::string before = bytes();
        for (auto mode : {Journal::Mode::read, Journal::Mode::write}) {
            try {
                Journal::open(path, mode);
                FAIL("opened");
            } catch (const Error& e) {
                CHECK(e.kind() == ErrorKind::journal);
                CHECK(std::string(e.what()).find(expected) != std::string::npos);
            }
            CHECK(bytes() == before);
            CHECK_FALSE(fs::exists(path.string() + "-wal"));
        }
    };
    SUBCASE("not SQLite") {
        std::ofstream(path) << "BEGIN:VCARD\nFN:Ann\nEND:VCARD\n";
        refused("not an SQLite database");
    }
    SUBCASE("another program's SQLite") {
        {
            SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            db.exec("PRAGMA journal_mode = WAL");
            db.exec("CREATE TABLE t (x); DROP TABLE t;");
        }
        refused("not a netlog journal");
    }
    SUBCASE("a newer netlog's journal") {
        { Journal::open(path, Journal::Mode::write); }
        {
            SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
            db.exec(fmt::format("PRAGMA user_version = {}", schema_version + 1));
        }
        refused("newer netlog");
    }
}

TEST_CASE("maintained totals follow adds and removals") {
    TempDir dir;
    Journal journal = Journal::open(dir.path / "journal.db", Journal::Mode::write);
    Person ann = new_person(journal, "ann");
    Person bob = new_person(journal, "bob");
    auto get = [&](const Person& p) { return *journal.people().person_by_id(p.id); };

    Interaction old_one = add_interaction(journal, day("2026-03-01"), {ann.id, bob.id}, true);
    Interaction new_one = add_interaction(journal, day("2026-05-01"), {ann.id});
    add_interaction(journal, day("2026-04-01"), {ann.id});  // older than the latest
    CHECK(get(ann).interactions == 3);
    CHECK(get(ann).reached_me == 1);
    CHECK(get(ann).last_contact == day("2026-05-01"));
    CHECK(get(bob).last_contact == day("2026-03-01"));
    check_totals(journal);

    Favour got_sep = add_favour(journal, ann.id, Direction::got, day("2026-09-01"), 1, new_one.id);
    add_favour(journal, ann.id, Direction::got, day("2026-10-01"), 1);
    Favour gave_nov = add_favour(journal, ann.id, Direction::gave, day("2026-11-01"), 1);
    CHECK(get(ann).balance() == 1);
    CHECK(get(ann).since == day("2026-10-01"));
    check_totals(journal);

    CHECK(journal.entries().remove_entry({EntryId::Type::favour, gave_nov.id}));
    CHECK(get(ann).since == day("2026-09-01"));
    check_totals(journal);

    // Removing an interaction takes its favours and resets the dates.
    CHECK(journal.entries().remove_entry({EntryId::Type::interaction, new_one.id}));
    CHECK_FALSE(journal.entries().favour_by_id(got_sep.id));
    CHECK(get(ann).last_contact == day("2026-04-01"));
    CHECK(get(ann).since == day("2026-10-01"));
    check_totals(journal);

    Ask ask = add_ask(journal, bob.id, day("2026-06-01"), AskStatus::open);
    CHECK(get(bob).last_contact == day("2026-06-01"));
    ask.status = AskStatus::done;
    ask.replied_on = day("2026-06-03");
    ask.closed_on = day("2026-06-09");
    journal.entries().update_ask(ask);
    CHECK(get(bob).last_contact == day("2026-06-09"));
    ask.status = AskStatus::dropped;  // dropping is not contact
    journal.entries().update_ask(ask);
    CHECK(get(bob).last_contact == day("2026-06-03"));
    check_totals(journal);
    CHECK(journal.entries().remove_entry({EntryId::Type::ask, ask.id}));
    CHECK(get(bob).last_contact == day("2026-03-01"));

    // Removing Ann leaves Bob's shared interaction, and Bob's totals, as they were.
    CHECK_FALSE(journal.entries().remove_entry({EntryId::Type::ask, ask.id}));
    journal.people().remove_person(ann.id);
    CHECK_FALSE(journal.people().person_by_id(ann.id));
    CHECK(get(bob).interactions == 1);
    CHECK(journal.entries().interaction_by_id(old_one.id));
    check_totals(journal);
}

TEST_CASE("a person's timeline and first interaction follow an interaction moved to another date") {
    TempDir dir;
    Journal journal = Journal::open(dir.path / "journal.db", Journal::Mode::write);
    Person ann = new_person(journal, "ann");
    Person bob = new_person(journal, "bob");
    Interaction march = add_interaction(journal, day("2026-03-01"), {ann.id, bob.id});
    Interaction may = add_interaction(journal, day("2026-05-01"), {ann.id});
    auto timeline = [&](const Person& p) {
        std::vector<std::int64_t> order;
        for (const auto& in : journal.entries().recent_interactions(p.id, std::nullopt, 10)) {
            order.push_back(in.id);
        }
        return order;
    };
    CHECK(timeline(ann) == std::vector<std::int64_t>{may.id, march.id});
    // What `netlog edit` does: the shared interaction moves after May.
    SQLite::Statement st(store::impl_of(journal).db, "UPDATE interactions SET on_date = ? WHERE id = ?");
    st.bind(1, "2026-06-01");
    st.bind(2, march.id);
    st.exec();
    CHECK(timeline(ann) == std::vector<std::int64_t>{march.id, may.id});
    CHECK(timeline(bob) == std::vector<std::int64_t>{march.id});
    CHECK(journal.entries().recent_interactions(bob.id, day("2026-06-01"), 10).size() == 1);
    CHECK(journal.entries().recent_interactions(ann.id, day("2026-05-02"), 10).size() == 1);
    check_totals(journal);
    CHECK(maintained(journal, *journal.people().person_by_id(ann.id)).first_interaction == day("2026-05-01"));
    CHECK(maintained(journal, *journal.people().person_by_id(bob.id)).first_interaction == day("2026-06-01"));
    CHECK(journal.maintenance().check().empty());
}

TEST_CASE("maintained totals equal a full recomputation after any sequence of changes") {
    TempDir dir;
    Journal journal = Journal::open(dir.path / "journal.db", Journal::Mode::write);
    std::mt19937 random(1126);
    auto pick = [&](const std::vector<std::int64_t>& from) {
        return from[random() % from.size()];
    };
    auto some_day = [&] { return add_days(day("2026-01-01"), static_cast<int>(random() % 60)); };
    for (int k = 0; k < 6; ++k) {
        new_person(journal, fmt::format("p{}", k));
    }
    for (int step = 0; step < 400; ++step) {
        auto people = ids(journal, "people");
        auto interactions = ids(journal, "interactions");
        auto favours = ids(journal, "favours");
        auto asks = ids(journal, "asks");
        auto& db = store::impl_of(journal).db;
        int op = static_cast<int>(random() % 12);
        CAPTURE(step);
        CAPTURE(op);
        Journal::WriteTransaction tx(journal);
        if (people.size() < 2 || op == 0) {
            new_person(journal, fmt::format("q{}", step), some_day());
        } else if (op <= 2) {
            std::vector<std::int64_t> with{pick(people), pick(people), pick(people)};
            with.resize(1 + random() % 3);
            Interaction in = add_interaction(journal, some_day(), with, random() % 3 == 0);
            for (std::int64_t p : with) {
                if (random() % 2) {
                    add_favour(journal, p, random() % 2 ? Direction::gave : Direction::got, in.on,
                               1 + static_cast<int>(random() % 4), in.id);
                }
            }
        } else if (op == 3) {
            add_favour(journal, pick(people), random() % 2 ? Direction::gave : Direction::got,
                       some_day(), 1 + static_cast<int>(random() % 4));
        } else if (op == 4) {
            Date asked = some_day();
            auto status = static_cast<AskStatus>(random() % 5);
            std::optional<Date> replied, closed;
            if (status != AskStatus::open && random() % 2) {
                replied = add_days(asked, static_cast<int>(random() % 5));
            }
            if (status != AskStatus::open && status != AskStatus::replied) {
                closed = add_days(asked, static_cast<int>(random() % 9));
            }
            add_ask(journal, pick(people), asked, status, replied, closed);
        } else if (op == 5 && !asks.empty()) {
            Ask a = *journal.entries().ask_by_id(pick(asks));
            a.status = static_cast<AskStatus>(random() % 5);
            a.closed_on = add_days(a.asked_on, static_cast<int>(random() % 20));
            journal.entries().update_ask(a);
        } else if (op == 6 && !interactions.empty()) {
            CHECK(journal.entries().remove_entry({EntryId::Type::interaction, pick(interactions)}));
        } else if (op == 7 && !favours.empty()) {
            CHECK(journal.entries().remove_entry({EntryId::Type::favour, pick(favours)}));
        } else if (op == 8 && !asks.empty()) {
            CHECK(journal.entries().remove_entry({EntryId::Type::ask, pick(asks)}));
        } else if (op == 9 && random() % 4 == 0) {
            journal.people().remove_person(pick(people));
        } else if (op == 10 && !interactions.empty()) {
            // What `edit` will do: move an interaction, flip who reached out.
            SQLite::Statement st(db, "UPDATE interactions SET on_date = ?, them = 1 - them WHERE id = ?");
            st.bind(1, format_date(some_day()));
            st.bind(2, pick(interactions));
            st.exec();
        } else if (op == 11 && !favours.empty()) {
            // A favour moved to someone else with another weight (what `people merge` does).
            SQLite::Statement st(db, "UPDATE favours SET person_id = ?, weight = ?, on_date = ? WHERE id = ?");
            st.bind(1, pick(people));
            st.bind(2, 1 + static_cast<int>(random() % 4));
            st.bind(3, format_date(some_day()));
            st.bind(4, pick(favours));
            st.exec();
        }
        tx.commit();
        check_totals(journal);
    }
    CHECK(ids(journal, "interactions").size() > 10);
    CHECK(ids(journal, "favours").size() > 10);
}

TEST_CASE("a rolled-back transaction leaves the totals as they were") {
    TempDir dir;
    Journal journal = Journal::open(dir.path / "journal.db", Journal::Mode::write);
    Person ann = new_person(journal, "ann");
    add_interaction(journal, day("2026-02-01"), {ann.id});
    {
        Journal::WriteTransaction tx(journal);
        Interaction in = add_interaction(journal, day("2026-03-01"), {ann.id});
        add_favour(journal, ann.id, Direction::got, in.on, 3, in.id);
    }
    Person p = *journal.people().person_by_id(ann.id);
    CHECK(p.interactions == 1);
    CHECK(p.last_contact == day("2026-02-01"));
    CHECK(p.got == 0);
    check_totals(journal);
}

// Item 4 of issue 17: the clock is read once. Every row one command writes carries
// the `now` the journal was given, whatever the write: adds, updates, removals
// (deletion records), a merge, an address-book import.
TEST_CASE("every stamp a journal writes is the one now it was given") {
    netlog::testing::TempJournal t;
    const std::string now = "2026-11-26T09:30:00.123Z";
    t.journal->set_clock(now);
    CHECK(t.journal->now() == now);
    Journal::WriteTransaction tx(*t.journal);
    const std::int64_t ann = t.add_person("ann");
    const std::int64_t bo = t.add_person("bo");
    const std::int64_t cy = t.add_person("cy");
    const std::int64_t met = t.add_interaction("2026-11-01", {ann, bo});
    t.add_interaction("2026-11-02", {cy});
    const std::int64_t favour = t.add_favour(ann, Direction::got, 1, "2026-11-01");
    const std::int64_t ask = t.add_ask(bo, AskDirection::in, "2026-11-03");
    Person p = t.get(ann);
    p.company = "Northwind";
    t.journal->people().update_person(p);
    Ask a = *t.journal->entries().ask_by_id(ask);
    a.status = AskStatus::replied;
    a.replied_on = netlog::testing::iso("2026-11-04");
    t.journal->entries().update_ask(a);
    Favour f;
    f.id = favour;
    f.person_id = ann;
    f.direction = Direction::gave;
    f.weight = 2;
    f.on = netlog::testing::iso("2026-11-01");
    t.journal->entries().update_favour(f);
    t.add_favour(bo, Direction::gave, 1, "2026-11-05");
    CHECK(t.journal->entries().remove_entry(EntryId{EntryId::Type::interaction, met}));
    t.journal->people().merge_person(cy, bo);
    {
        JournalSync::ContactImport contacts(*t.journal);
        Person imported;
        imported.name = "Dee";
        imported.handle = "dee";
        imported.source = "vcard";
        imported.added_on = netlog::testing::iso("2026-11-06");
        contacts.add(imported, "");
    }
    tx.commit();

    std::map<std::string, int> stamps;  // "type key" -> how many carry `now`
    int records = 0;
    t.journal->sync().export_records([&](std::span<const ExportField> fields) {
        std::string line;
        append_export_line(line, fields);
        const auto record = nlohmann::ordered_json::parse(line);
        ++records;
        for (const char* key : {"created_at", "updated_at", "deleted_at"}) {
            if (record.contains(key)) {
                CAPTURE(record.dump());
                CHECK(record[key] == now);
                ++stamps[record["type"].get<std::string>() + " " + key];
            }
        }
    });
    CHECK(records >= 8);
    CHECK(stamps["person updated_at"] == 3);  // ann, bo, dee (cy merged away)
    CHECK(stamps["deleted deleted_at"] >= 2);  // the interaction, cy
    CHECK(stamps["ask updated_at"] == 1);
    CHECK(stamps["favour updated_at"] == 2);
}

TEST_CASE("removing a person records the deletion of every row that goes with them") {
    // After merges on two machines, an ask and its favour can name different people;
    // so can a favour of an interaction that goes. Each row that cascades away is
    // recorded as deleted, or another journal's import would bring it back (or differ).
    TempDir dir;
    Journal journal = Journal::open(dir.path / "journal.db", Journal::Mode::write);
    Person ann = new_person(journal, "ann");
    Person bob = new_person(journal, "bob");
    Ask ask = add_ask(journal, ann.id, day("2026-06-01"), AskStatus::done, std::nullopt,
                      day("2026-06-05"));
    Favour of_ask = add_favour(journal, bob.id, Direction::got, day("2026-06-05"), 1);
    Interaction solo = add_interaction(journal, day("2026-06-10"), {ann.id});
    Favour of_meeting = add_favour(journal, bob.id, Direction::gave, day("2026-06-10"), 1, solo.id);
    Favour kept = add_favour(journal, bob.id, Direction::gave, day("2026-06-11"), 1);
    store::impl_of(journal).db.exec("UPDATE favours SET ask_id = " + std::to_string(ask.id) +
                           " WHERE id = " + std::to_string(of_ask.id));
    journal.people().remove_person(ann.id);
    auto deleted = [&](const std::string& uuid) {
        SQLite::Statement st(store::impl_of(journal).db, "SELECT count(*) FROM deleted WHERE uuid = ?");
        st.bind(1, uuid);
        st.executeStep();
        return st.getColumn(0).getInt() == 1;
    };
    CHECK(deleted(ask.uuid));
    CHECK(deleted(solo.uuid));
    CHECK(deleted(of_ask.uuid));
    CHECK(deleted(of_meeting.uuid));
    CHECK_FALSE(deleted(kept.uuid));
    CHECK(journal.entries().favour_by_id(of_ask.id) == std::nullopt);
    CHECK(journal.entries().favour_by_id(of_meeting.id) == std::nullopt);
    CHECK(journal.entries().favour_by_id(kept.id).has_value());
}
