// The store's pre-filter of `due` (JournalLedger::people_for_due) against compute_due():
// the rule lives in the core, and the SQL must pick exactly the people it lists,
// on the boundary days too (due today, a snooze ending today, a cadence of its own).
#include "temp_journal.hpp"

#include "netlog/due.hpp"

#include <fmt/format.h>

#include <random>
#include <set>

using namespace netlog;
using namespace netlog::testing;

namespace {

const Date today = Date::from_ymd(2026, 11, 26);

std::set<std::string> listed(const DueReport& report) {
    std::set<std::string> handles;
    for (const auto& item : report[DueSection::reconnect]) {
        handles.insert(item.person);
    }
    for (const auto& item : report[DueSection::reciprocate]) {
        handles.insert(item.person);
    }
    return handles;
}

} // namespace

TEST_CASE("people_for_due picks exactly the people compute_due lists, around the horizon") {
    TempJournal t;
    Config config;
    std::vector<std::int64_t> ids;
    auto add = [&](const std::string& handle, Tier tier, int days_since_contact,
                   std::optional<int> cadence = std::nullopt,
                   std::optional<Date> snooze = std::nullopt) {
        Person p;
        p.handle = handle;
        p.name = handle;
        p.tier = tier;
        p.added_on = iso("2025-01-01");
        p.cadence_days = cadence;
        p.snooze_until = snooze;
        t.journal->people().add_person(p);
        t.add_interaction(format_date(add_days(today, -days_since_contact)).c_str(), {p.id});
        ids.push_back(p.id);
        return p.id;
    };
    // Inner: 30 days. Due yesterday, today, tomorrow, in two days.
    for (int days : {31, 30, 29, 28}) {
        add(fmt::format("inner-{}", days), Tier::inner, days);
    }
    for (int days : {91, 90, 89}) {
        add(fmt::format("network-{}", days), Tier::network, days);
    }
    for (int days : {11, 10, 9}) {
        add(fmt::format("own-{}", days), Tier::none, days, 10);
    }
    // Overdue by cadence, snoozed until yesterday, today, tomorrow.
    for (int days : {1, 0, -1}) {
        add(fmt::format("snoozed-{}", days), Tier::inner, 100, std::nullopt,
            add_days(today, -days));
    }
    // Owed since 31, 30, 29 days (reciprocate.after 30 days); none has a cadence.
    for (int days : {31, 30, 29}) {
        std::int64_t id = add(fmt::format("owed-{}", days), Tier::none, 400);
        t.add_favour(id, Direction::got, 1, format_date(add_days(today, -days)).c_str());
    }

    std::vector<PersonSummary> everyone;
    for (std::int64_t id : ids) {
        everyone.push_back(t.get(id));
    }
    for (std::optional<Duration> within :
         {std::optional<Duration>{}, std::optional<Duration>{Duration{1, Duration::Unit::days}},
          std::optional<Duration>{Duration{1, Duration::Unit::months}}}) {
        for (Date day : {add_days(today, -1), today, add_days(today, 1)}) {
            CAPTURE(format_date(day));
            CAPTURE(within.has_value());
            const Date horizon = due_horizon(day, within);
            std::vector<PersonSummary> picked =
                t.journal->ledger().people_for_due(due_prefilter(horizon, config));
            std::set<std::string> sql;
            for (const auto& p : picked) {
                sql.insert(p.handle);
            }
            const auto core = listed(compute_due(everyone, {}, config, day, within));
            CHECK(sql == core);
            CHECK(listed(compute_due(picked, {}, config, day, within)) == core);
        }
    }
    // And today itself: due today is listed.
    const auto now = listed(compute_due(everyone, {}, config, today, std::nullopt));
    CHECK(now == std::set<std::string>{"inner-31", "inner-30", "network-91", "network-90",
                                       "own-11", "own-10", "snoozed-1", "snoozed-0", "owed-31",
                                       "owed-30"});
}

namespace {

// A random journal for the property below: people of every tier, some with a cadence
// of their own (1 day too), added on random days, met on random days or never,
// snoozed until random days around the dates tested, owing or owed favours.
struct RandomJournal {
    TempJournal t;
    std::vector<PersonSummary> everyone;
    std::vector<Ask> asks;  // every ask, whatever its status

    explicit RandomJournal(unsigned seed, int people) {
        std::mt19937 rng(seed);
        auto pick = [&rng](int lo, int hi) {
            return std::uniform_int_distribution<int>(lo, hi)(rng);
        };
        const Date base = Date::from_ymd(2026, 1, 1);
        std::vector<std::int64_t> ids;
        for (int i = 0; i < people; ++i) {
            Person p;
            p.handle = fmt::format("p{}", i);
            p.name = p.handle;
            p.tier = all_tiers[static_cast<std::size_t>(pick(0, 3))];
            p.added_on = add_days(base, pick(0, 400));
            if (pick(0, 2) == 0) {
                p.cadence_days = pick(0, 3) == 0 ? pick(1, 3) : pick(1, 400);
            }
            if (pick(0, 1) == 0) {
                p.snooze_until = add_days(base, pick(300, 800));
            }
            t.journal->people().add_person(p);
            for (int n = pick(0, 2); n > 0; --n) {
                t.add_interaction(format_date(add_days(p.added_on, pick(0, 300))).c_str(), {p.id});
            }
            for (int n = pick(0, 2); n > 0; --n) {
                t.add_favour(p.id, pick(0, 2) == 0 ? Direction::gave : Direction::got, pick(1, 3),
                             format_date(add_days(p.added_on, pick(0, 300))).c_str());
            }
            for (int n = pick(0, 2); n > 0; --n) {
                Ask a;
                a.person_id = p.id;
                a.direction = pick(0, 1) == 0 ? AskDirection::in : AskDirection::out;
                a.what = "something";
                a.asked_on = add_days(p.added_on, pick(0, 300));
                a.due_on = add_days(a.asked_on, pick(0, 30));
                if (pick(0, 1) == 0) {
                    a.by = add_days(a.asked_on, pick(0, 60));
                }
                t.journal->entries().add_ask(a);
                a.status = all_ask_statuses[static_cast<std::size_t>(
                    pick(0, static_cast<int>(std::size(all_ask_statuses)) - 1))];
                if (a.status != AskStatus::open) {
                    a.replied_on = a.asked_on;
                }
                if (a.status != AskStatus::open && a.status != AskStatus::replied) {
                    a.closed_on = a.asked_on;
                }
                t.journal->entries().update_ask(a);
            }
            ids.push_back(p.id);
        }
        for (std::int64_t id : ids) {
            everyone.push_back(t.get(id));
        }
        asks = t.journal->entries().list_asks({});
    }
};

std::set<std::int64_t> ask_ids(const std::vector<DueItem>& items) {
    std::set<std::int64_t> out;
    for (const auto& item : items) {
        out.insert(*item.ask);
    }
    return out;
}

std::set<std::string> handles(const std::vector<DueItem>& items) {
    std::set<std::string> out;
    for (const auto& item : items) {
        out.insert(item.person);
    }
    return out;
}

} // namespace

// Property: for random people and asks, days, snoozes, cadences and configs (fixed
// seeds), the SQL pre-filter of every section (due_sections) never drops anyone
// compute_due() lists — with it, `due` reads the same report as from everything — and
// `people --stale` (is_stale() on today) lists
// exactly `due`'s reconnect section.
TEST_CASE("the due pre-filter drops nobody compute_due lists, and people --stale agrees with due") {
    std::array<std::size_t, due_section_count> listed{};  // so that no section is vacuous
    for (unsigned seed : {1u, 2u, 3u, 17u}) {
        CAPTURE(seed);
        RandomJournal r(seed, 150);
        std::mt19937 rng(seed * 7919);
        auto pick = [&rng](int lo, int hi) {
            return std::uniform_int_distribution<int>(lo, hi)(rng);
        };
        std::vector<Config> configs(2);
        configs[1].cadence_inner = Duration{pick(1, 6), Duration::Unit::weeks};
        configs[1].cadence_network = Duration{pick(1, 5), Duration::Unit::months};
        configs[1].cadence_weak = Duration{1, Duration::Unit::years};
        configs[1].reciprocate_after = Duration{pick(1, 3), Duration::Unit::months};
        for (const Config& config : configs) {
            for (int round = 0; round < 12; ++round) {
                const Date today = add_days(Date::from_ymd(2026, 1, 1), pick(300, 800));
                std::optional<Duration> within;
                if (round % 3 == 1) {
                    within = Duration{pick(1, 20), Duration::Unit::days};
                } else if (round % 3 == 2) {
                    within = Duration{pick(1, 3), Duration::Unit::months};
                }
                CAPTURE(format_date(today));
                const Date horizon = due_horizon(today, within);
                const auto picked = r.t.journal->ledger().people_for_due(due_prefilter(horizon, config));
                std::set<std::string> admitted;
                for (const auto& p : picked) {
                    admitted.insert(p.handle);
                }
                const DueReport full = compute_due(r.everyone, r.asks, config, today, within);
                const auto candidates = r.t.journal->ledger().asks_for_due(horizon);
                const DueReport filtered = compute_due(picked, candidates, config, today, within);
                for (const auto& info : due_sections) {
                    CAPTURE(info.key);
                    listed[static_cast<std::size_t>(info.section)] += full[info.section].size();
                    switch (info.source) {
                    case DueSource::people:
                        for (const auto& handle : handles(full[info.section])) {
                            CHECK_MESSAGE(admitted.count(handle) == 1, handle);
                        }
                        CHECK(handles(filtered[info.section]) == handles(full[info.section]));
                        break;
                    case DueSource::asks:
                        CHECK(ask_ids(filtered[info.section]) == ask_ids(full[info.section]));
                        break;
                    }
                }

                JournalPeople::PeopleFilter stale;
                stale.keep = [&](const PersonSummary& p) { return is_stale(p, config, today); };
                std::set<std::string> people_stale;
                r.t.journal->people().list_people(stale,
                                         [&](const PersonSummary& p) { people_stale.insert(p.handle); });
                const DueReport now = compute_due(r.everyone, {}, config, today, std::nullopt);
                CHECK(people_stale == handles(now[DueSection::reconnect]));
            }
        }
    }
    for (const auto& info : due_sections) {
        CAPTURE(info.key);
        CHECK(listed[static_cast<std::size_t>(info.section)] > 20);
    }
}
