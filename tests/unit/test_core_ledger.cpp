// The ledger behind `owe`: ordering of balances, the register, and the FIFO
// `since` the journal maintains (checked against a journal on disk).
#include "temp_journal.hpp"

#include "netlog/journal.hpp"
#include "netlog/ledger.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace netlog;
using netlog::testing::iso;
using netlog::testing::TempJournal;

namespace {

Balance person(const char* handle, long long gave, long long got, const char* since = nullptr) {
    Balance b;
    b.person = handle;
    b.name = handle;
    b.gave = gave;
    b.got = got;
    if (since) {
        b.since = iso(since);
    }
    return b;
}

Favour favour(std::int64_t id, Direction direction, int weight, const char* on,
              const char* what = "") {
    Favour f;
    f.id = id;
    f.direction = direction;
    f.weight = weight;
    f.on = iso(on);
    f.what = what;
    return f;
}

std::vector<std::string> handles(const std::vector<Balance>& balances) {
    std::vector<std::string> result;
    for (const auto& b : balances) {
        result.push_back(b.person);
    }
    return result;
}

} // namespace

TEST_CASE("a positive balance is 'you owe', a negative one 'owe you', zero is settled") {
    CHECK(balance_group(person("a", 0, 2)) == BalanceGroup::you_owe);
    CHECK(balance_group(person("b", 3, 1)) == BalanceGroup::owe_you);
    CHECK(balance_group(person("c", 2, 2)) == BalanceGroup::settled);
    CHECK(balance_group(person("d", 0, 0)) == BalanceGroup::settled);
}

TEST_CASE("owe lists you-owe largest first, then owe-you most negative first, ties by oldest since") {
    std::vector<Balance> people{
        person("settled-b", 1, 1),
        person("owes-me-2-aug", 2, 0, "2026-08-01"),
        person("i-owe-3-oct", 0, 3, "2026-10-01"),
        person("owes-me-4", 4, 0, "2026-10-01"),
        person("i-owe-3-sep", 0, 3, "2026-09-01"),
        person("settled-a", 0, 0),
        person("owes-me-2-jul", 2, 0, "2026-07-01"),
        person("i-owe-5", 1, 6, "2026-11-01"),
    };
    sort_balances(people);
    CHECK(handles(people) == std::vector<std::string>{"i-owe-5", "i-owe-3-sep", "i-owe-3-oct",
                                                      "owes-me-4", "owes-me-2-jul", "owes-me-2-aug",
                                                      "settled-a", "settled-b"});
}

TEST_CASE("equal balance and since fall back to the handle") {
    std::vector<Balance> people{person("zed", 0, 1, "2026-10-01"), person("amy", 0, 1, "2026-10-01")};
    sort_balances(people);
    CHECK(handles(people) == std::vector<std::string>{"amy", "zed"});
}

TEST_CASE("the register runs oldest first, got adding and gave subtracting the weight") {
    // Given out of order; same-day favours keep their id order.
    auto lines = ledger_register({
        favour(4, Direction::gave, 3, "2026-10-15", "intro to a designer"),
        favour(1, Direction::got, 2, "2026-09-01", "reviewed my deck"),
        favour(3, Direction::got, 1, "2026-10-15", "lent a book"),
        favour(2, Direction::gave, 1, "2026-09-20", "coffee"),
    });
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].favour.id == 1);
    CHECK(lines[0].balance == 2);   // got 2
    CHECK(lines[1].favour.id == 2);
    CHECK(lines[1].balance == 1);   // gave 1
    CHECK(lines[2].favour.id == 3);
    CHECK(lines[2].balance == 2);   // got 1
    CHECK(lines[3].favour.id == 4);
    CHECK(lines[3].balance == -1);  // gave 3: now they owe you 1
    CHECK(lines[3].favour.what == "intro to a designer");
}

TEST_CASE("a person with no favours has an empty register") {
    CHECK(ledger_register({}).empty());
}

TEST_CASE("since is the oldest unmatched unit, first in first out") {
    // The spec's example: got Sep, got Oct, gave Nov -> balance 1, since Oct.
    CHECK(unreciprocated_since({favour(1, Direction::got, 1, "2026-09-01"),
                                favour(2, Direction::got, 1, "2026-10-01"),
                                favour(3, Direction::gave, 1, "2026-11-01")}) == iso("2026-10-01"));
    // Weights are units: got 3 in Sep, gave 2 -> one Sep unit is still open.
    CHECK(unreciprocated_since({favour(1, Direction::got, 3, "2026-09-01"),
                                favour(2, Direction::gave, 2, "2026-10-01")}) == iso("2026-09-01"));
    // The other way round: gave Jan and Mar, got Feb -> the Mar unit is open.
    CHECK(unreciprocated_since({favour(1, Direction::gave, 1, "2026-01-01"),
                                favour(2, Direction::got, 1, "2026-02-01"),
                                favour(3, Direction::gave, 1, "2026-03-01")}) == iso("2026-03-01"));
    // Balanced: no since.
    CHECK_FALSE(unreciprocated_since({favour(1, Direction::got, 2, "2026-09-01"),
                                      favour(2, Direction::gave, 1, "2026-10-01"),
                                      favour(3, Direction::gave, 1, "2026-11-01")}));
    CHECK_FALSE(unreciprocated_since({}));
}

TEST_CASE("the journal maintains gave, got and a FIFO since through every favour write") {
    TempJournal t;
    std::int64_t ann = t.add_person("ann");
    std::int64_t bob = t.add_person("bob");

    Person p = t.get(ann);
    CHECK(p.gave == 0);
    CHECK(p.got == 0);
    CHECK_FALSE(p.since);

    std::int64_t sep = t.add_favour(ann, Direction::got, 2, "2026-09-01");
    t.add_favour(ann, Direction::got, 1, "2026-10-01");
    p = t.get(ann);
    CHECK(p.got == 3);
    CHECK(p.balance() == 3);
    CHECK(p.since == iso("2026-09-01"));

    // Giving 2 back matches both Sep units: the Oct unit is now the oldest open one.
    std::int64_t nov = t.add_favour(ann, Direction::gave, 2, "2026-11-01");
    p = t.get(ann);
    CHECK(p.gave == 2);
    CHECK(p.balance() == 1);
    CHECK(p.since == iso("2026-10-01"));
    CHECK(p.since == unreciprocated_since(t.journal->entries().favours_of(ann)));

    // Removing the Sep favour: gave 2 now outweighs got 1 -> they owe me 1, since Nov.
    CHECK(t.journal->entries().remove_entry({EntryId::Type::favour, sep}));
    p = t.get(ann);
    CHECK(p.balance() == -1);
    CHECK(p.since == iso("2026-11-01"));
    CHECK(p.since == unreciprocated_since(t.journal->entries().favours_of(ann)));

    // Removing the Nov favour: got 1 in Oct remains.
    CHECK(t.journal->entries().remove_entry({EntryId::Type::favour, nov}));
    p = t.get(ann);
    CHECK(p.gave == 0);
    CHECK(p.got == 1);
    CHECK(p.since == iso("2026-10-01"));

    // Someone else's favours leave ann alone.
    t.add_favour(bob, Direction::gave, 4, "2026-05-01");
    CHECK(t.get(ann).since == iso("2026-10-01"));
    CHECK(t.get(bob).balance() == -4);
    CHECK(t.get(bob).since == iso("2026-05-01"));
}

TEST_CASE("balances() lists non-zero balances; settled adds people with favours, never those without") {
    TempJournal t;
    std::int64_t ann = t.add_person("ann");
    std::int64_t bob = t.add_person("bob");
    std::int64_t cat = t.add_person("cat");
    t.add_person("dan");  // no favours at all
    t.add_favour(ann, Direction::got, 1, "2026-09-01");
    t.add_favour(bob, Direction::gave, 2, "2026-09-01");
    t.add_favour(cat, Direction::gave, 1, "2026-09-01");
    t.add_favour(cat, Direction::got, 1, "2026-10-01");

    auto open = t.journal->ledger().balances(false);
    sort_balances(open);
    CHECK(handles(open) == std::vector<std::string>{"ann", "bob"});
    CHECK(open[0].since == iso("2026-09-01"));

    auto all = t.journal->ledger().balances(true);
    sort_balances(all);
    CHECK(handles(all) == std::vector<std::string>{"ann", "bob", "cat"});
    CHECK(all[2].balance() == 0);
    CHECK_FALSE(all[2].since);
}
