#include "netlog/due.hpp"
#include "netlog/error.hpp"

#include <doctest/doctest.h>

using namespace netlog;

namespace {

// Every test runs on Thursday 2026-11-26 unless it says otherwise.
const Date today = Date::from_ymd(2026, 11, 26);

Date iso(const char* text) {
    const auto d = parse_iso_date(text);
    REQUIRE_MESSAGE(d.has_value(), text);
    return *d;
}

Date days_ago(int n) { return add_days(today, -n); }

Person person(std::int64_t id, const char* handle, Tier tier, Date added = days_ago(1000)) {
    Person p;
    p.id = id;
    p.handle = handle;
    p.name = std::string("Name of ") + handle;
    p.tier = tier;
    p.added_on = added;
    return p;
}

Ask ask(std::int64_t id, const Person& p, AskDirection direction, AskStatus status, Date due_on) {
    Ask a;
    a.id = id;
    a.person_id = p.id;
    a.person = p.handle;
    a.person_name = p.name;
    a.direction = direction;
    a.status = status;
    a.asked_on = add_days(due_on, -2);
    a.due_on = due_on;
    a.what = "intro to Dana";
    return a;
}

DueReport due(const std::vector<PersonSummary>& people, const std::vector<Ask>& asks,
              std::optional<Duration> within = std::nullopt, Config config = {}) {
    return compute_due(people, asks, config, today, within);
}

const Duration three_days{3, Duration::Unit::days};

} // namespace

TEST_CASE("an incoming ask is due today, not overdue, on the last day of its reply window") {
    Person alice = person(1, "alice", Tier::none);
    auto report = due({alice}, {ask(7, alice, AskDirection::in, AskStatus::open, today)});
    REQUIRE(report[DueSection::replies].size() == 1);
    CHECK(report[DueSection::replies][0].days_overdue == 0);
    CHECK_FALSE(report.any_overdue());
    CHECK(report.any_now());
    CHECK(due({alice}, {ask(7, alice, AskDirection::in, AskStatus::open, add_days(today, 1))})
              .empty());
}

TEST_CASE("an item due today sorts after the overdue ones of its section") {
    Person a = person(1, "a", Tier::none);
    auto report = due({a}, {ask(1, a, AskDirection::in, AskStatus::open, today),
                            ask(2, a, AskDirection::in, AskStatus::open, days_ago(1))});
    REQUIRE(report[DueSection::replies].size() == 2);
    CHECK(report[DueSection::replies][0].ask == 2);
    CHECK(report[DueSection::replies][1].ask == 1);
}

TEST_CASE("an incoming ask is 1 day overdue the day after its reply window") {
    Person alice = person(1, "alice", Tier::none);
    auto report = due({alice}, {ask(7, alice, AskDirection::in, AskStatus::open, days_ago(1))});
    REQUIRE(report[DueSection::replies].size() == 1);
    const DueItem& item = report[DueSection::replies].front();
    CHECK(item.person == "alice");
    CHECK(item.name == "Name of alice");
    CHECK(item.ask == 7);
    CHECK(item.what == "intro to Dana");
    CHECK(item.due_on == days_ago(1));
    CHECK(item.days_overdue == 1);
    CHECK(report.any_overdue());
    CHECK(report.size() == 1);
}

TEST_CASE("an ask's item is named from the ask, whoever else the report reads") {
    Person alice = person(1, "alice", Tier::none);
    // The journal hands compute_due only the people who may be due themselves.
    auto report = due({}, {ask(7, alice, AskDirection::in, AskStatus::open, days_ago(1))});
    REQUIRE(report[DueSection::replies].size() == 1);
    CHECK(report[DueSection::replies].front().person == "alice");
    CHECK(report[DueSection::replies].front().name == "Name of alice");
}

TEST_CASE("a replied incoming ask falls due at its --by date, never without one") {
    Person alice = person(1, "alice", Tier::none);
    Ask with_by = ask(1, alice, AskDirection::in, AskStatus::replied, days_ago(30));
    with_by.by = days_ago(2);
    Ask by_today = ask(2, alice, AskDirection::in, AskStatus::replied, days_ago(30));
    by_today.by = today;
    Ask without_by = ask(3, alice, AskDirection::in, AskStatus::replied, days_ago(30));
    auto report = due({alice}, {with_by, by_today, without_by});
    CHECK(report[DueSection::replies].empty());
    REQUIRE(report[DueSection::promises].size() == 2);
    CHECK(report[DueSection::promises][0].ask == 1);
    CHECK(report[DueSection::promises][0].due_on == days_ago(2));
    CHECK(report[DueSection::promises][0].days_overdue == 2);
    CHECK(report[DueSection::promises][1].ask == 2);  // due today
    CHECK(report[DueSection::promises][1].days_overdue == 0);
}

TEST_CASE("an open incoming ask with --by is a reply owed, not a promise") {
    Person alice = person(1, "alice", Tier::none);
    Ask a = ask(1, alice, AskDirection::in, AskStatus::open, days_ago(3));
    a.by = days_ago(1);
    auto report = due({alice}, {a});
    REQUIRE(report[DueSection::replies].size() == 1);
    CHECK(report[DueSection::replies][0].days_overdue == 3);
    CHECK(report[DueSection::promises].empty());
}

TEST_CASE("an outgoing ask needs a follow-up on its follow-up date") {
    Person bob = person(2, "bob", Tier::none);
    auto report = due({bob}, {ask(1, bob, AskDirection::out, AskStatus::open, today),
                              ask(2, bob, AskDirection::out, AskStatus::open, days_ago(1)),
                              ask(3, bob, AskDirection::out, AskStatus::replied, days_ago(9)),
                              ask(4, bob, AskDirection::out, AskStatus::open, add_days(today, 1))});
    REQUIRE(report[DueSection::follow_ups].size() == 2);
    CHECK(report[DueSection::follow_ups][0].ask == 2);
    CHECK(report[DueSection::follow_ups][0].days_overdue == 1);
    CHECK(report[DueSection::follow_ups][1].ask == 1);
    CHECK(report[DueSection::follow_ups][1].days_overdue == 0);
    CHECK(report[DueSection::replies].empty());
    CHECK(report[DueSection::promises].empty());
}

TEST_CASE("reconnect counts the cadence from the last contact") {
    Person at_edge = person(1, "at-edge", Tier::inner);
    at_edge.last_contact = days_ago(30);  // inner: 30 days, due today
    Person past = person(2, "past", Tier::inner);
    past.last_contact = days_ago(31);
    Person network = person(3, "network", Tier::network);
    network.last_contact = days_ago(95);
    Person weak = person(4, "weak", Tier::weak);
    weak.last_contact = days_ago(364);
    auto report = due({at_edge, past, network, weak}, {});
    REQUIRE(report[DueSection::reconnect].size() == 3);
    CHECK(report[DueSection::reconnect][0].person == "network");  // most overdue first
    CHECK(report[DueSection::reconnect][0].days_overdue == 5);
    CHECK(report[DueSection::reconnect][0].last_contact == days_ago(95));
    CHECK(report[DueSection::reconnect][1].person == "past");
    CHECK(report[DueSection::reconnect][1].days_overdue == 1);
    CHECK(report[DueSection::reconnect][1].due_on == days_ago(1));
    CHECK(report[DueSection::reconnect][2].person == "at-edge");
    CHECK(report[DueSection::reconnect][2].days_overdue == 0);
}

TEST_CASE("a never-contacted person counts from the day they were added") {
    Person fresh = person(1, "fresh", Tier::inner, days_ago(29));
    Person old = person(2, "old", Tier::inner, days_ago(40));
    auto report = due({fresh, old}, {});
    REQUIRE(report[DueSection::reconnect].size() == 1);
    CHECK(report[DueSection::reconnect][0].person == "old");
    CHECK(report[DueSection::reconnect][0].days_overdue == 10);
    CHECK_FALSE(report[DueSection::reconnect][0].last_contact.has_value());
}

TEST_CASE("tier none has no cadence unless the person has an override") {
    Person none = person(1, "none", Tier::none, days_ago(5000));
    Person override = person(2, "override", Tier::none, days_ago(20));
    override.cadence_days = 14;
    auto report = due({none, override}, {});
    REQUIRE(report[DueSection::reconnect].size() == 1);
    CHECK(report[DueSection::reconnect][0].person == "override");
    CHECK(report[DueSection::reconnect][0].days_overdue == 6);
}

TEST_CASE("a person's cadence override wins over the tier's, and the config sets tiers") {
    Person p = person(1, "p", Tier::inner);
    p.last_contact = days_ago(31);
    p.cadence_days = 60;
    Person q = person(2, "q", Tier::network);
    q.last_contact = days_ago(11);
    Config config;
    config.cadence_network = Duration{10, Duration::Unit::days};
    auto report = due({p, q}, {}, std::nullopt, config);
    REQUIRE(report[DueSection::reconnect].size() == 1);
    CHECK(report[DueSection::reconnect][0].person == "q");
    CHECK(report[DueSection::reconnect][0].days_overdue == 1);
}

TEST_CASE("a snoozed person is left out until the snooze ends") {
    Person p = person(1, "p", Tier::inner);
    p.last_contact = days_ago(100);
    p.snooze_until = add_days(today, 1);
    CHECK(due({p}, {})[DueSection::reconnect].empty());
    // The reminder comes back when the snooze ends: due that day, overdue the next.
    p.snooze_until = today;
    REQUIRE(due({p}, {})[DueSection::reconnect].size() == 1);
    CHECK(due({p}, {})[DueSection::reconnect][0].days_overdue == 0);
    p.snooze_until = days_ago(1);
    auto report = due({p}, {});
    REQUIRE(report[DueSection::reconnect].size() == 1);
    CHECK(report[DueSection::reconnect][0].days_overdue == 1);
    // A snooze that ended before the cadence did changes nothing.
    p.snooze_until = days_ago(90);
    CHECK(due({p}, {})[DueSection::reconnect][0].days_overdue == 70);
}

TEST_CASE("--within lists what falls due in the next days, with negative days overdue") {
    Person p = person(1, "p", Tier::inner);
    p.last_contact = days_ago(27);  // due in 3 days
    Person q = person(2, "q", Tier::inner);
    q.last_contact = days_ago(26);  // due in 4 days
    Person snoozed = person(3, "snoozed", Tier::inner);
    snoozed.last_contact = days_ago(200);
    snoozed.snooze_until = add_days(today, 2);
    Ask today_ask = ask(5, p, AskDirection::in, AskStatus::open, today);
    auto report = due({p, q, snoozed}, {today_ask}, three_days);
    REQUIRE(report[DueSection::reconnect].size() == 2);
    CHECK(report[DueSection::reconnect][0].person == "snoozed");
    CHECK(report[DueSection::reconnect][0].days_overdue == -2);
    CHECK(report[DueSection::reconnect][1].person == "p");
    CHECK(report[DueSection::reconnect][1].days_overdue == -3);
    REQUIRE(report[DueSection::replies].size() == 1);
    CHECK(report[DueSection::replies][0].days_overdue == 0);
    CHECK_FALSE(report.any_overdue());
    CHECK_FALSE(report.empty());
}

TEST_CASE("--within counts a month as a calendar month") {
    Person p = person(1, "p", Tier::none);
    Ask a = ask(1, p, AskDirection::out, AskStatus::open, iso("2026-12-26"));
    CHECK(due({p}, {a}, Duration{1, Duration::Unit::months})[DueSection::follow_ups].size() == 1);
    a.due_on = iso("2026-12-27");
    CHECK(due({p}, {a}, Duration{1, Duration::Unit::months})[DueSection::follow_ups].empty());
}

TEST_CASE("reciprocate lists people owed for longer than reciprocate.after") {
    Person owed = person(1, "owed", Tier::none);
    owed.got = 3;
    owed.gave = 1;
    owed.since = days_ago(31);
    Person edge = person(2, "edge", Tier::none);
    edge.got = 1;
    edge.since = days_ago(30);  // due today: listed, not yet overdue
    Person they_owe = person(3, "they-owe", Tier::none);
    they_owe.gave = 2;
    they_owe.since = days_ago(400);
    auto report = due({owed, edge, they_owe}, {});
    REQUIRE(report[DueSection::reciprocate].size() == 2);
    CHECK(report[DueSection::reciprocate][0].person == "owed");
    CHECK(report[DueSection::reciprocate][0].balance == 2);
    CHECK(report[DueSection::reciprocate][0].since == days_ago(31));
    CHECK(report[DueSection::reciprocate][0].days_overdue == 1);
    CHECK(report[DueSection::reciprocate][1].person == "edge");
    CHECK(report[DueSection::reciprocate][1].days_overdue == 0);

    Config config;
    config.reciprocate_after = Duration{1, Duration::Unit::weeks};
    CHECK(due({owed, edge, they_owe}, {}, std::nullopt, config)[DueSection::reciprocate].size() == 2);
    config.reciprocate_after = Duration{60, Duration::Unit::days};
    CHECK(due({owed, edge, they_owe}, {}, std::nullopt, config)[DueSection::reciprocate].empty());
}

TEST_CASE("finished asks and people without anything due give an empty report") {
    Person p = person(1, "p", Tier::inner);
    p.last_contact = today;
    auto report = due({p}, {});
    CHECK(report.empty());
    CHECK(report.today == today);
}

TEST_CASE("items of a section are sorted most overdue first, then by person and ask") {
    Person a = person(1, "a", Tier::none);
    Person b = person(2, "b", Tier::none);
    auto report = due({a, b}, {ask(4, b, AskDirection::in, AskStatus::open, days_ago(2)),
                               ask(3, a, AskDirection::in, AskStatus::open, days_ago(2)),
                               ask(2, a, AskDirection::in, AskStatus::open, days_ago(2)),
                               ask(1, b, AskDirection::in, AskStatus::open, days_ago(5))});
    REQUIRE(report[DueSection::replies].size() == 4);
    CHECK(report[DueSection::replies][0].ask == 1);
    CHECK(report[DueSection::replies][1].ask == 2);
    CHECK(report[DueSection::replies][2].ask == 3);
    CHECK(report[DueSection::replies][3].ask == 4);
}

TEST_CASE("an incoming ask's reply date is asked + reply window; --by does not move it") {
    Config config;
    CHECK(ask_due_on(AskDirection::in, iso("2026-11-26"), std::nullopt, config) ==
          iso("2026-11-28"));
    CHECK(ask_due_on(AskDirection::in, iso("2026-11-26"), iso("2026-12-20"), config) ==
          iso("2026-11-28"));
    config.reply_window = Duration{1, Duration::Unit::weeks};
    CHECK(ask_due_on(AskDirection::in, iso("2026-11-26"), std::nullopt, config) ==
          iso("2026-12-03"));
}

TEST_CASE("an outgoing ask's follow-up date is --by, else asked + follow-up window") {
    Config config;
    CHECK(ask_due_on(AskDirection::out, iso("2026-11-26"), std::nullopt, config) ==
          iso("2026-12-03"));
    CHECK(ask_due_on(AskDirection::out, iso("2026-11-26"), iso("2026-11-27"), config) ==
          iso("2026-11-27"));
    config.follow_up = Duration{1, Duration::Unit::months};
    CHECK(ask_due_on(AskDirection::out, iso("2026-01-31"), std::nullopt, config) ==
          iso("2026-02-28"));
}

TEST_CASE("a vague phrase matches case- and accent-insensitively anywhere in the text") {
    Config config;
    CHECK(vague_phrase("Could I PICK YOUR BRAIN sometime?", config) == "pick your brain");
    CHECK(vague_phrase("let's catch up", config) == "catch up");
    CHECK_FALSE(vague_phrase("Intro to the Acme CTO about the Q3 data pipeline", config));
    config.vague = {"café"};
    CHECK(vague_phrase("a quick CAFE?", config) == "café");
    config.vague = {""};
    CHECK_FALSE(vague_phrase("anything", config));
}

TEST_CASE("next_due pushes the reminder to the end of a snooze") {
    Config config;
    Person p = person(1, "p", Tier::network);
    p.last_contact = iso("2026-01-01");
    CHECK(next_due(p, config) == iso("2026-04-01"));
    p.snooze_until = iso("2026-05-01");
    CHECK(next_due(p, config) == iso("2026-05-01"));
    CHECK(cadence_of(p, config) == 90);
    p.tier = Tier::none;
    CHECK_FALSE(next_due(p, config));
}

TEST_CASE("a nudge moves an outgoing ask's follow-up to follow_up after the latest nudge") {
    Person bob = person(2, "bob", Tier::none);
    Ask a = ask(1, bob, AskDirection::out, AskStatus::open, days_ago(2));
    a.asked_on = days_ago(9);
    a.by = days_ago(2);
    Config config;
    nudge(a, days_ago(1), config);
    CHECK(a.nudged_on == std::vector<Date>{days_ago(1)});
    CHECK(a.due_on == add_days(today, 6));  // follow_up 7 days after the nudge, not --by
    nudge(a, days_ago(5), config);          // an earlier one, entered late
    CHECK(a.nudged_on == std::vector<Date>{days_ago(5), days_ago(1)});
    CHECK(a.due_on == add_days(today, 6));
    CHECK(ask_due_on(a.direction, a.asked_on, a.by, config, a.nudged_on) == a.due_on);
    CHECK(due({bob}, {a})[DueSection::follow_ups].empty());
}

TEST_CASE("a nudge is refused for an incoming ask, one not open, or a day before the ask") {
    Person bob = person(2, "bob", Tier::none);
    Config config;
    Ask in = ask(1, bob, AskDirection::in, AskStatus::open, today);
    CHECK_THROWS_AS(nudge(in, today, config), Error);
    Ask replied = ask(2, bob, AskDirection::out, AskStatus::replied, today);
    CHECK_THROWS_AS(nudge(replied, today, config), Error);
    Ask early = ask(3, bob, AskDirection::out, AskStatus::open, today);
    early.asked_on = days_ago(3);
    CHECK_THROWS_AS(nudge(early, days_ago(4), config), Error);
    CHECK(early.nudged_on.empty());
}
