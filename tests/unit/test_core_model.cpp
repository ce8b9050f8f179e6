#include "netlog/error.hpp"
#include "netlog/model.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace netlog;

namespace {

Date day(const char* iso) { return *parse_iso_date(iso); }

Favour favour(std::int64_t id, Direction direction, const char* on, int weight = 1) {
    Favour f;
    f.id = id;
    f.direction = direction;
    f.on = day(on);
    f.weight = weight;
    return f;
}

constexpr auto gave = Direction::gave;
constexpr auto got = Direction::got;

// unreciprocated_since over every order of `favours`: the answer must not depend on it.
std::optional<Date> since_in_any_order(std::vector<Favour> favours) {
    auto expected = unreciprocated_since(favours);
    std::sort(favours.begin(), favours.end(),
              [](const Favour& a, const Favour& b) { return a.id < b.id; });
    do {
        CHECK(unreciprocated_since(favours) == expected);
    } while (std::next_permutation(favours.begin(), favours.end(),
                                   [](const Favour& a, const Favour& b) { return a.id < b.id; }));
    return expected;
}

} // namespace

TEST_CASE("entry ids are a type letter and a positive number") {
    const std::vector<std::pair<std::string, EntryId>> good{
        {"i42", {EntryId::Type::interaction, 42}},
        {"a7", {EntryId::Type::ask, 7}},
        {"f19", {EntryId::Type::favour, 19}},
        {"i1", {EntryId::Type::interaction, 1}},
        {"I3", {EntryId::Type::interaction, 3}},
        {"f007", {EntryId::Type::favour, 7}},
        {"a999999999999999999", {EntryId::Type::ask, 999999999999999999}},
    };
    for (const auto& [text, id] : good) {
        CAPTURE(text);
        EntryId parsed = parse_entry_id(text);
        CHECK(parsed.type == id.type);
        CHECK(parsed.number == id.number);
    }
    CHECK(format_id({EntryId::Type::interaction, 42}) == "i42");
    CHECK(format_id({EntryId::Type::ask, 7}) == "a7");
    CHECK(format_id({EntryId::Type::favour, 19}) == "f19");
    CHECK(interaction_id(5) == "i5");
    CHECK(ask_id(6) == "a6");
    CHECK(favour_id(7) == "f7");
    for (const auto& text : {"i12", "a1", "f123456"}) {
        CHECK(format_id(parse_entry_id(text)) == text);
    }
}

TEST_CASE("malformed ids are usage errors") {
    for (const char* text : {"", "i", "x9", "9", "i0", "a00", "i-1", "i+1", "i 1", " i1", "i1 ",
                             "i1a", "ii1", "f1.5", "i0x1", "i99999999999999999999",
                             "i9223372036854775808", "i١", "é1", "interaction1"}) {
        CAPTURE(text);
        try {
            parse_entry_id(text);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.kind() == ErrorKind::usage);
            CHECK(std::string(e.what()).find("i42") != std::string::npos);
        }
    }
}

TEST_CASE("a typed id must be of its type") {
    CHECK(parse_typed_id("a7", EntryId::Type::ask) == 7);
    CHECK(parse_typed_id("f2", EntryId::Type::favour) == 2);
    CHECK_THROWS_AS(parse_typed_id("i7", EntryId::Type::ask), Error);
    CHECK_THROWS_AS(parse_typed_id("a7", EntryId::Type::favour), Error);
    CHECK_THROWS_AS(parse_typed_id("7", EntryId::Type::ask), Error);
}

TEST_CASE("tiers parse from their names only") {
    for (Tier t : {Tier::inner, Tier::network, Tier::weak, Tier::none}) {
        CHECK(parse_tier(to_string(t)) == t);
    }
    CHECK(to_string(Tier::network) == "network");
    for (const char* text : {"", "close", "inner ", " weak", "in", "nones"}) {
        CAPTURE(text);
        CHECK_FALSE(parse_tier(text).has_value());
    }
}

TEST_CASE("a balance is got minus gave") {
    Person p;
    p.gave = 3;
    p.got = 5;
    CHECK(p.balance() == 2);
    p.gave = 7;
    CHECK(p.balance() == -2);
}

TEST_CASE("no favours, or as many given as received, leave nothing unreciprocated") {
    CHECK_FALSE(unreciprocated_since({}).has_value());
    CHECK_FALSE(since_in_any_order({favour(1, got, "2026-09-01"), favour(2, gave, "2026-10-01")}));
    CHECK_FALSE(since_in_any_order({favour(1, got, "2026-09-01"), favour(2, got, "2026-10-01"),
                                    favour(3, gave, "2026-11-01", 2)}));
    CHECK_FALSE(since_in_any_order({favour(1, gave, "2026-09-01", 5), favour(2, got, "2026-01-01", 5)}));
}

TEST_CASE("got Sep, got Oct, gave Nov: I owe one unit since Oct") {
    CHECK(since_in_any_order({favour(1, got, "2026-09-01"), favour(2, got, "2026-10-01"),
                              favour(3, gave, "2026-11-01")}) == day("2026-10-01"));
}

TEST_CASE("a gave unit is matched against the oldest got unit whatever its own date") {
    // Gave in January is matched against February's got: March's is left.
    CHECK(since_in_any_order({favour(1, gave, "2026-01-01"), favour(2, got, "2026-02-01"),
                              favour(3, got, "2026-03-01")}) == day("2026-03-01"));
}

TEST_CASE("weights count as units") {
    // Sep weighs 2: one unit of it is still unmatched after one gave.
    CHECK(since_in_any_order({favour(1, got, "2026-09-01", 2), favour(2, gave, "2026-10-01")}) ==
          day("2026-09-01"));
    // Sep 1 + Oct 3 against 2 gave: Sep and one Oct unit matched, Oct still stands.
    CHECK(since_in_any_order({favour(1, got, "2026-09-01"), favour(2, got, "2026-10-01", 3),
                              favour(3, gave, "2026-11-01", 2)}) == day("2026-10-01"));
    // 3 got in Sep, nothing back: since Sep.
    CHECK(since_in_any_order({favour(1, got, "2026-09-01", 3)}) == day("2026-09-01"));
    // A heavy gave matches the whole got side and more: the gave side stands.
    CHECK(since_in_any_order({favour(1, got, "2026-09-01"), favour(2, got, "2026-10-01"),
                              favour(3, gave, "2026-11-01", 5)}) == day("2026-11-01"));
}

TEST_CASE("when they owe me, since is on the gave side") {
    CHECK(since_in_any_order({favour(1, gave, "2026-01-10"), favour(2, gave, "2026-02-10"),
                              favour(3, got, "2026-03-10")}) == day("2026-02-10"));
    CHECK(since_in_any_order({favour(1, gave, "2026-05-01")}) == day("2026-05-01"));
    CHECK(since_in_any_order({favour(1, gave, "2026-01-10", 4), favour(2, gave, "2026-02-10"),
                              favour(3, got, "2026-03-10", 3)}) == day("2026-01-10"));
}

TEST_CASE("favours on the same day are taken in id order") {
    CHECK(since_in_any_order({favour(5, got, "2026-09-01", 2), favour(9, got, "2026-09-01"),
                              favour(7, gave, "2026-09-02", 2)}) == day("2026-09-01"));
}

TEST_CASE("unreciprocated_since agrees with a unit-by-unit FIFO") {
    // Expands every favour into units and matches them one by one, as SPEC.md says.
    std::mt19937 random(20261126);
    for (int round = 0; round < 500; ++round) {
        std::vector<Favour> favours;
        int count = static_cast<int>(random() % 7);
        for (int k = 0; k < count; ++k) {
            Favour f;
            f.id = k + 1;
            f.direction = random() % 2 ? gave : got;
            f.weight = static_cast<int>(random() % 4) + 1;
            f.on = add_days(day("2026-01-01"), static_cast<int>(random() % 5));
            favours.push_back(f);
        }
        auto sorted = favours;
        std::sort(sorted.begin(), sorted.end(), [](const Favour& a, const Favour& b) {
            return a.on != b.on ? a.on < b.on : a.id < b.id;
        });
        std::vector<Date> gave_units, got_units;
        for (const auto& f : sorted) {
            for (int u = 0; u < f.weight; ++u) {
                (f.direction == gave ? gave_units : got_units).push_back(f.on);
            }
        }
        std::size_t matched = std::min(gave_units.size(), got_units.size());
        std::optional<Date> expected;
        if (got_units.size() > matched) {
            expected = got_units[matched];
        } else if (gave_units.size() > matched) {
            expected = gave_units[matched];
        }
        CAPTURE(round);
        CHECK(unreciprocated_since(favours) == expected);
    }
}

// fill_person(): the one rule behind `people merge` and an address-book import.
namespace {

Person person_with(const char* handle, std::int64_t id) {
    Person p;
    p.id = id;
    p.handle = handle;
    p.name = handle;
    p.added_on = Date::from_ymd(2026, 3, 1);
    return p;
}

} // namespace

TEST_CASE("fill_person fills only what into lacks, in export's field order, and never lowers a tier") {
    Person into = person_with("ann", 1);
    into.tier = Tier::network;
    into.company = "Northwind";
    into.tags = {"data"};
    Person from = person_with("ann-2", 2);
    from.tier = Tier::inner;
    from.cadence_days = 14;
    from.introduced_by = 9;
    from.email = "ann@example.org";
    from.emails = {"ann@example.org", "ann@home.example"};
    from.company = "Fabrikam";
    from.role = "CTO";
    from.notes = "met at the meetup";
    from.tags = {"data", "ml"};
    from.snooze_until = Date::from_ymd(2027, 1, 1);
    from.added_on = Date::from_ymd(2025, 5, 5);
    using Fields = std::vector<std::string>;
    fill_person(into, from, FillMode::fill_empty);
    Person again = into;
    CHECK(fill_person(again, from, FillMode::fill_empty).empty());  // nothing new a second time
    CHECK(into.tier == Tier::inner);
    CHECK(into.company == "Northwind");  // kept: fill_empty never overwrites
    CHECK(into.role == "CTO");
    CHECK(into.email == "ann@example.org");
    CHECK(into.emails == Fields{"ann@example.org", "ann@home.example"});
    CHECK(into.tags == Fields{"data", "ml"});
    CHECK(into.added_on == Date::from_ymd(2025, 5, 5));

    Person lower = person_with("bo", 3);
    lower.tier = Tier::inner;
    Person weak = person_with("bo-2", 4);
    weak.tier = Tier::weak;
    CHECK(fill_person(lower, weak, FillMode::fill_empty).empty());
    CHECK(lower.tier == Tier::inner);
}

TEST_CASE("fill_person names every field it changed, and emails only when email did not change") {
    Person into = person_with("ann", 1);
    into.tier = Tier::network;
    into.company = "Northwind";
    into.tags = {"data"};
    Person from = person_with("ann-2", 2);
    from.tier = Tier::inner;
    from.cadence_days = 14;
    from.introduced_by = 9;
    from.email = "ann@example.org";
    from.emails = {"ann@example.org", "ann@home.example"};
    from.company = "Fabrikam";
    from.role = "CTO";
    from.notes = "met at the meetup";
    from.tags = {"data", "ml"};
    from.snooze_until = Date::from_ymd(2027, 1, 1);
    from.added_on = Date::from_ymd(2025, 5, 5);
    using Fields = std::vector<std::string>;
    CHECK(fill_person(into, from, FillMode::fill_empty) ==
          Fields{"tier", "cadence_days", "introduced_by", "email", "role", "notes", "tags",
                 "added_on", "snooze_until"});

    Person has_mail = person_with("cy", 5);
    has_mail.email = "cy@work.example";
    has_mail.emails = {"cy@work.example"};
    Person other = person_with("cy-2", 6);
    other.email = "cy@home.example";
    other.emails = {"cy@home.example"};
    CHECK(fill_person(has_mail, other, FillMode::fill_empty) == Fields{"emails"});
    CHECK(has_mail.email == "cy@work.example");
    CHECK(has_mail.emails == Fields{"cy@work.example", "cy@home.example"});
}

TEST_CASE("fill_person drops into's introduction by from, and never makes into its own introducer") {
    Person into = person_with("ann", 1);
    into.introduced_by = 2;  // introduced by the duplicate itself
    Person from = person_with("ann-2", 2);
    from.introduced_by = 7;
    CHECK(fill_person(into, from, FillMode::fill_empty) == std::vector<std::string>{"introduced_by"});
    CHECK(into.introduced_by == 7);

    Person a = person_with("a", 1);
    Person b = person_with("b", 2);
    b.introduced_by = 1;  // from was introduced by into: into does not introduce itself
    CHECK(fill_person(a, b, FillMode::fill_empty).empty());
    CHECK(!a.introduced_by);
}

TEST_CASE("fill_person with follow_source takes the newer company, role and primary email") {
    using Fields = std::vector<std::string>;
    Person into = person_with("ann", 1);
    into.email = "ann@old.example";
    into.emails = {"ann@old.example"};
    into.company = "Northwind";
    into.role = "Engineer";
    into.url = "https://old.example";
    Person from = person_with("ann-2", 0);
    from.email = "ann@new.example";
    from.emails = {"ann@new.example"};
    from.company = "Fabrikam";
    from.role = "CTO";
    from.url = "https://new.example";
    Person kept = into;
    CHECK(fill_person(kept, from, FillMode::fill_empty) == Fields{"emails"});
    CHECK(kept.company == "Northwind");
    CHECK(fill_person(into, from, FillMode::follow_source) == Fields{"email", "company", "role"});
    CHECK(into.email == "ann@new.example");
    CHECK(into.emails == Fields{"ann@new.example", "ann@old.example"});
    CHECK(into.company == "Fabrikam");
    CHECK(into.url == "https://old.example");  // url and notes are only filled

    // A primary that is still one of theirs stays primary.
    Person both = person_with("bo", 1);
    both.email = "bo@a.example";
    both.emails = {"bo@a.example"};
    Person source = person_with("bo-2", 0);
    source.email = "bo@b.example";
    source.emails = {"bo@b.example", "bo@a.example"};
    CHECK(fill_person(both, source, FillMode::follow_source) == Fields{"emails"});
    CHECK(both.email == "bo@a.example");
}

TEST_CASE("fill_person counts an empty text as missing, on either side") {
    Person into = person_with("ann", 1);
    into.company = "";
    into.role = "Engineer";
    Person from = person_with("ann-2", 2);
    from.company = "Fabrikam";
    from.role = "";
    CHECK(fill_person(into, from, FillMode::fill_empty) == std::vector<std::string>{"company"});
    CHECK(into.company == "Fabrikam");
    CHECK(into.role == "Engineer");
}
