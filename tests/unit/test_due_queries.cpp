// The store's pre-filter of `due` (Journal::people_for_due) against compute_due():
// the rule lives in the core, and the SQL must pick exactly the people it lists,
// on the boundary days too (due today, a snooze ending today, a cadence of its own).
#include "temp_journal.hpp"

#include "netlog/due.hpp"

#include <fmt/format.h>

#include <set>

using namespace netlog;
using namespace netlog::testing;

namespace {

const Date today = Date::from_ymd(2026, 11, 26);

std::set<std::string> listed(const DueReport& report) {
    std::set<std::string> handles;
    for (const auto& item : report.reconnect) {
        handles.insert(item.person);
    }
    for (const auto& item : report.reciprocate) {
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
        t.journal->add_person(p);
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

    std::vector<Person> everyone;
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
            std::vector<Person> picked =
                t.journal->people_for_due(Journal::due_filter(horizon, config));
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
