// The empty-networking audit on a hand-built journal: every figure, score and
// finding below was worked out by hand (today is 2026-11-26), as docs/audit.md
// tells a user to do it.
#include "temp_journal.hpp"

#include "netlog/audit.hpp"
#include "netlog/journal.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace netlog;
using netlog::testing::iso;

namespace {

const Date today = Date::from_ymd(2026, 11, 26);

std::optional<Date> maybe(const char* text) {
    return text ? std::optional<Date>(iso(text)) : std::nullopt;
}

struct Totals {
    int interactions = 0, reached_me = 0;
    const char* last_interaction = nullptr;
    const char* last_contact = nullptr;
    long long gave = 0, got = 0;
    const char* since = nullptr;
};

Person person(std::int64_t id, const char* handle, Tier tier, const char* added_on, Totals t) {
    Person p;
    p.id = id;
    p.handle = handle;
    p.name = handle;
    p.tier = tier;
    p.added_on = iso(added_on);
    p.interactions = t.interactions;
    p.reached_me = t.reached_me;
    p.last_interaction = maybe(t.last_interaction);
    p.last_contact = maybe(t.last_contact);
    p.gave = t.gave;
    p.got = t.got;
    p.since = maybe(t.since);
    return p;
}

// An ask as the fixtures need it; the reply date (due_on) is derived: incoming
// asks get the default 2-day reply window, outgoing ones the 7-day follow-up.
AuditAsk ask(std::int64_t id, AskDirection direction, const char* who, const char* what,
             const char* asked_on, AskStatus status = AskStatus::open,
             const char* replied_on = nullptr, const char* closed_on = nullptr,
             bool met_before = false, std::optional<std::int64_t> via = std::nullopt) {
    Ask a;
    a.id = id;
    a.direction = direction;
    a.person = who;
    a.what = what;
    a.asked_on = iso(asked_on);
    a.due_on = add_days(a.asked_on, direction == AskDirection::in ? 2 : 7);
    a.status = status;
    a.replied_on = maybe(replied_on);
    a.closed_on = maybe(closed_on);
    a.via_id = via;
    if (via) {
        a.via = "ann";
    }
    return {a, met_before, std::nullopt};
}

// The default config: cadences inner 30 days, network 90, weak 365, none none;
// [reciprocate] after 30d; the default vague phrases.
AuditInput empty_input() {
    AuditInput in;
    in.today = today;
    return in;
}

// Seven people and twelve asks; the comments give what each one adds up to.
AuditInput sample() {
    AuditInput in = empty_input();
    // inner, in touch 16 days ago (within 30); gave 2 got 1: owes me 1.
    in.people.push_back(person(1, "ann", Tier::inner, "2025-01-01",
                               {5, 2, "2026-11-10", "2026-11-10", 2, 1, "2026-06-01"}));
    // inner, last contact 86 days ago: dormant (56 past 30); got 2, gave 0 since
    // 2026-09-01 (86 days > 30): I owe, for long, one-sided take.
    in.people.push_back(person(2, "bob", Tier::inner, "2025-01-01",
                               {3, 0, "2026-09-01", "2026-09-01", 0, 2, "2026-09-01"}));
    // inner, added 6 days ago, never met, never contacted: not within, not dormant yet.
    in.people.push_back(person(3, "cat", Tier::inner, "2026-11-20", {}));
    // network, met once 543 days ago (they reached out): met once long ago, dormant
    // (453 past 90); gave 1: one-sided give, owes me 1.
    in.people.push_back(person(4, "dan", Tier::network, "2024-01-01",
                               {1, 1, "2025-06-01", "2025-06-01", 1, 0, "2025-06-01"}));
    // network with a 14-day cadence, last contact (an ask) 6 days ago: within; settled 1/1.
    Person eve = person(5, "eve", Tier::network, "2026-01-01",
                        {2, 0, "2026-11-01", "2026-11-20", 1, 1, nullptr});
    eve.cadence_days = 14;
    in.people.push_back(eve);
    // weak, never met (added 298 days ago), contacted by an ask only.
    in.people.push_back(person(6, "fay", Tier::weak, "2026-02-01",
                               {0, 0, nullptr, "2026-11-24", 0, 0, nullptr}));
    // none, never met; got 1 six days ago: I owe, but not for long; one-sided take.
    in.people.push_back(person(7, "gus", Tier::none, "2026-03-01",
                               {0, 0, nullptr, "2026-11-20", 0, 1, "2026-11-20"}));

    using D = AskDirection;
    using S = AskStatus;
    // Outgoing.
    in.asks.push_back(ask(1, D::out, "ann", "Intro to the CFO at Acme", "2026-10-01", S::done,
                           nullptr, "2026-10-20", true));
    // stranger (not met before, no via) and vague; open: a finding.
    in.asks.push_back(ask(2, D::out, "fay", "Could I pick your brain about pricing?", "2026-11-20"));
    // not met before, but through ann: not a stranger.
    in.asks.push_back(ask(3, D::out, "gus", "Review my deck", "2026-11-01", S::open, nullptr,
                           nullptr, false, 1));
    // stranger and vague ("catch up"), but dropped: counted, no finding.
    in.asks.push_back(ask(4, D::out, "dan", "Let's CATCH UP over lunch", "2025-05-01", S::dropped,
                           nullptr, "2025-06-01"));
    // met before, vague ("quick chat"); open: a finding.
    in.asks.push_back(ask(5, D::out, "eve", "Quick chat about hiring", "2026-11-15", S::open,
                           nullptr, nullptr, true));
    // Incoming; each reply date is asked + 2.
    // replied after 1 day: within.
    in.asks.push_back(ask(6, D::in, "ann", "Feedback on my CV", "2026-11-01", S::replied,
                           "2026-11-02"));
    // declined straight from open after 1 day: the decline is the reply; quick decline.
    in.asks.push_back(ask(7, D::in, "bob", "Speak at our meetup", "2026-11-05", S::declined,
                           nullptr, "2026-11-06"));
    // replied after 6 days: late.
    in.asks.push_back(ask(8, D::in, "eve", "Referral for a job", "2026-11-10", S::done,
                           "2026-11-16", "2026-11-20"));
    // open, reply date 2026-11-22 passed 4 days ago: overdue now, a finding.
    in.asks.push_back(ask(9, D::in, "fay", "Advice on fundraising", "2026-11-20"));
    // open, reply date 2026-11-27 still ahead: not judged yet.
    in.asks.push_back(ask(10, D::in, "dan", "Read my draft", "2026-11-25"));
    // dropped without a response: not judged.
    in.asks.push_back(ask(11, D::in, "gus", "Join a panel", "2026-11-10", S::dropped, nullptr,
                           "2026-11-15"));
    // declined after 4 days: a response, late, not a quick decline.
    in.asks.push_back(ask(12, D::in, "cat", "Sponsor our event", "2026-11-18", S::declined,
                           "2026-11-22", "2026-11-22"));
    return in;
}

} // namespace

TEST_CASE("empty connections: people, never met, met once more than a year ago") {
    Audit a = run_audit(sample());
    CHECK(a.empty.people == 7);
    CHECK(a.empty.never_met == 3);          // cat, fay, gus (asks do not count)
    CHECK(a.empty.met_once_long_ago == 1);  // dan, 543 days ago
    CHECK(a.empty.score == 43);             // 100 × 3/7 = 42.86
}

TEST_CASE("purposeful: asks to strangers without --via and vague asks, each flagged once") {
    Audit a = run_audit(sample());
    CHECK(a.purposeful.asks_out == 5);
    CHECK(a.purposeful.to_strangers == 2);  // a2, a4 (a3 went through ann)
    CHECK(a.purposeful.vague == 3);         // a2 "pick your brain", a4 "catch up", a5 "quick chat"
    CHECK(a.purposeful.flagged == 3);       // a2, a4, a5
    CHECK(a.purposeful.score == 40);        // 100 × (5 − 3)/5
}

TEST_CASE("invest: inner and network people within their cadence, and the dormant ones") {
    Audit a = run_audit(sample());
    CHECK(a.invest.inner == 3);
    CHECK(a.invest.inner_within_cadence == 1);    // ann; cat was never contacted
    CHECK(a.invest.network == 2);
    CHECK(a.invest.network_within_cadence == 1);  // eve, by her own 14-day cadence
    CHECK(a.invest.dormant == 2);                 // bob, dan
    CHECK(a.invest.score == 40);                  // 100 × (1 + 1)/(3 + 2)
}

TEST_CASE("act quickly: first responses within the reply window, median, overdue, quick declines") {
    Audit a = run_audit(sample());
    CHECK(a.act_quickly.asks_in == 7);
    CHECK(a.act_quickly.responded == 4);              // a6, a7, a8, a12
    CHECK(a.act_quickly.replied_within_window == 2);  // a6, a7
    REQUIRE(a.act_quickly.median_reply_days);
    CHECK(*a.act_quickly.median_reply_days == 2.5);   // days 1, 1, 4, 6 -> (1 + 4)/2
    CHECK(a.act_quickly.overdue_now == 1);            // a9
    CHECK(a.act_quickly.quick_declines == 1);         // a7 (a12 was late)
    CHECK(a.act_quickly.score == 40);                 // 100 × 2/(4 + 1)
}

TEST_CASE("reciprocate: sums of balances, long debts, one-sided relationships, who reached out") {
    Audit a = run_audit(sample());
    CHECK(a.reciprocate.people_with_favours == 5);  // all but cat and fay
    CHECK(a.reciprocate.you_owe == 3);              // bob 2 + gus 1
    CHECK(a.reciprocate.owed_to_you == 2);          // ann 1 + dan 1
    CHECK(a.reciprocate.owing_long == 1);           // bob, 86 days > 30
    CHECK(a.reciprocate.one_sided_take == 2);       // bob, gus
    CHECK(a.reciprocate.one_sided_give == 1);       // dan
    CHECK(a.reciprocate.they_reached_out == 3);     // ann 2 + dan 1
    CHECK(a.reciprocate.you_reached_out == 8);      // ann 3 + bob 3 + eve 2
    CHECK(a.reciprocate.score == 80);               // 100 × (5 − 1)/5
}

TEST_CASE("the overall score is the rounded mean of the section scores") {
    Audit a = run_audit(sample());
    CHECK(a.score == 49);  // (43 + 40 + 40 + 40 + 80)/5 = 48.6
}

TEST_CASE("findings take turns by section, worst first, with the command that acts on them") {
    Audit a = run_audit(sample());
    struct Expected {
        const char* section;
        const char* person;
        std::optional<std::int64_t> ask;
        const char* command;
    };
    std::vector<Expected> expected{
        {"act_quickly", "fay", 9, "netlog ask reply a9"},
        {"reciprocate", "bob", std::nullopt, "netlog add bob \"…\" --gave \"…\""},
        {"invest", "dan", std::nullopt, "netlog add dan \"…\""},           // 453 days past
        {"purposeful", "eve", 5, "netlog ask drop a5"},                     // 11 days old
        {"empty", "dan", std::nullopt, "netlog people set dan --tier none"},  // met 543 days ago
        {"invest", "bob", std::nullopt, "netlog add bob \"…\""},           // 56 days past
        {"purposeful", "fay", 2, "netlog ask drop a2"},                     // 6 days old
        {"empty", "fay", std::nullopt, "netlog people set fay --tier none"},  // added 298 days ago
        {"empty", "cat", std::nullopt, "netlog people set cat --tier none"},  // added 6 days ago
    };
    REQUIRE(a.findings.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
        CAPTURE(i);
        CHECK(a.findings[i].section == expected[i].section);
        CHECK(a.findings[i].person == expected[i].person);
        CHECK(a.findings[i].ask == expected[i].ask);
        CHECK(a.findings[i].command == expected[i].command);
    }
    CHECK(a.findings[0].text ==
          "fay asked \"Advice on fundraising\" on 2026-11-20; your reply is 4 days overdue "
          "(a quick no counts too)");
    CHECK(a.findings[1].text == "you owe bob 2 since 2026-09-01 (86 days)");
    CHECK(a.findings[2].text == "no contact with dan (network) since 2025-06-01: 453 days past the "
                                "90-day cadence");
    CHECK(a.findings[6].text.find("is vague (\"pick your brain\") and went to someone you had not "
                                  "met") != std::string::npos);
    CHECK(a.findings[8].text.rfind("you never met cat (inner), added 2026-11-20", 0) == 0);
}

TEST_CASE("an empty journal gives zero figures, null scores and no findings") {
    Audit a = run_audit(empty_input());
    CHECK(a.empty.people == 0);
    CHECK_FALSE(a.empty.score);
    CHECK_FALSE(a.purposeful.score);
    CHECK_FALSE(a.invest.score);
    CHECK_FALSE(a.act_quickly.score);
    CHECK_FALSE(a.act_quickly.median_reply_days);
    CHECK_FALSE(a.reciprocate.score);
    CHECK_FALSE(a.score);
    CHECK(a.findings.empty());
    for (const auto& view : audit_sections(a)) {
        CAPTURE(view.name);
        CHECK_FALSE(view.score);
        for (const auto& figure : view.figures) {
            CAPTURE(figure.name);
            if (figure.name == "median_reply_days") {
                CHECK_FALSE(figure.value);
            } else {
                CHECK(figure.value == 0.0);
            }
        }
    }
}

TEST_CASE("a section without data is left out of the overall score") {
    AuditInput in = empty_input();
    // One weak person met last week: empty 100; no asks, no inner/network, no favours.
    in.people.push_back(person(1, "ann", Tier::weak, "2026-01-01",
                               {1, 0, "2026-11-19", "2026-11-19", 0, 0, nullptr}));
    Audit a = run_audit(in);
    CHECK(a.empty.score == 100);
    CHECK_FALSE(a.purposeful.score);
    CHECK_FALSE(a.invest.score);
    CHECK_FALSE(a.act_quickly.score);
    CHECK_FALSE(a.reciprocate.score);
    CHECK(a.score == 100);
    CHECK(a.findings.empty());
}

TEST_CASE("scores round halves up") {
    AuditInput in = empty_input();
    // 8 people of tier none, one met recently: 100 × 1/8 = 12.5 -> 13.
    for (int i = 0; i < 8; ++i) {
        std::string handle = "p" + std::to_string(i);
        in.people.push_back(person(i + 1, handle.c_str(), Tier::none, "2026-01-01",
                                   i == 0 ? Totals{1, 0, "2026-11-01", "2026-11-01"} : Totals{}));
    }
    CHECK(run_audit(in).empty.score == 13);
}

TEST_CASE("'long ago' is more than 365 days; 'within cadence' is at most the cadence") {
    AuditInput in = empty_input();
    // Met once exactly 365 days ago: not long ago; 366 days: long ago.
    in.people.push_back(person(1, "a", Tier::none, "2020-01-01",
                               {1, 0, "2025-11-26", "2025-11-26"}));
    in.people.push_back(person(2, "b", Tier::none, "2020-01-01",
                               {1, 0, "2025-11-25", "2025-11-25"}));
    // Inner, last contact exactly 30 days ago: within; 31 days: dormant.
    in.people.push_back(person(3, "c", Tier::inner, "2020-01-01",
                               {2, 0, "2026-10-27", "2026-10-27"}));
    in.people.push_back(person(4, "d", Tier::inner, "2020-01-01",
                               {2, 0, "2026-10-26", "2026-10-26"}));
    Audit a = run_audit(in);
    CHECK(a.empty.met_once_long_ago == 1);
    CHECK(a.invest.inner_within_cadence == 1);
    CHECK(a.invest.dormant == 1);
}

TEST_CASE("an incoming ask answered on its reply date is within the window; the day after is not") {
    AuditInput in = empty_input();
    in.asks.push_back(ask(1, AskDirection::in, "a", "x", "2026-11-01", AskStatus::replied,
                           "2026-11-03"));
    in.asks.push_back(ask(2, AskDirection::in, "a", "y", "2026-11-01", AskStatus::replied,
                           "2026-11-04"));
    in.asks.push_back(ask(3, AskDirection::in, "a", "z", "2026-11-01", AskStatus::replied,
                           "2026-11-02"));
    Audit a = run_audit(in);
    CHECK(a.act_quickly.replied_within_window == 2);
    CHECK(a.act_quickly.median_reply_days == 2.0);  // days 1, 2, 3: the middle one
    CHECK(a.act_quickly.score == 67);               // 100 × 2/3 = 66.7
}

TEST_CASE("vague asks follow the configured phrases") {
    AuditInput in = sample();
    in.config.vague = {"LUNCH"};  // only a4, "Let's CATCH UP over lunch"
    Audit a = run_audit(in);
    CHECK(a.purposeful.vague == 1);
    CHECK(a.purposeful.flagged == 2);  // a2 (a stranger), a4
}

TEST_CASE("[reciprocate] after decides how long a debt may stand, in calendar units") {
    AuditInput in = sample();
    // bob's since 2026-09-01 + 3 months = 2026-12-01: not yet past.
    in.config.reciprocate_after = parse_duration("3m");
    CHECK(run_audit(in).reciprocate.owing_long == 0);
    // + 2 months = 2026-11-01: past.
    in.config.reciprocate_after = parse_duration("2m");
    CHECK(run_audit(in).reciprocate.owing_long == 1);
}

TEST_CASE("every figure has a name and a definition, in the JSON key order") {
    Audit a = run_audit(sample());
    auto views = audit_sections(a);
    REQUIRE(views.size() == 5);
    std::vector<std::string> names;
    for (const auto& v : views) {
        names.emplace_back(v.name);
        CHECK_FALSE(v.score_basis.empty());
        for (const auto& f : v.figures) {
            CAPTURE(f.name);
            CHECK_FALSE(f.basis.empty());
        }
    }
    CHECK(names == std::vector<std::string>{"empty", "purposeful", "invest", "act_quickly",
                                            "reciprocate"});
    CHECK(views[3].figures[3].name == "median_reply_days");
    CHECK(views[3].figures[3].value == 2.5);
}

TEST_CASE("the journal tells whether each outgoing ask went to someone met on or before it") {
    testing::TempJournal t;
    std::int64_t ann = t.add_person("ann");
    std::int64_t bob = t.add_person("bob");
    std::int64_t cat = t.add_person("cat");
    // ann's interactions: logged in March and June, then one backdated to January,
    // so her first-logged interaction is not her earliest.
    t.add_interaction("2026-03-01", {ann});
    t.add_interaction("2026-06-01", {ann});
    t.add_interaction("2026-01-01", {ann});
    t.add_interaction("2026-09-01", {cat});
    std::map<std::int64_t, bool> expected{
        {t.add_ask(ann, AskDirection::out, "2026-04-01"), true},   // after the first-logged one
        {t.add_ask(ann, AskDirection::out, "2026-01-15"), true},   // only the backdated one is before
        {t.add_ask(ann, AskDirection::out, "2025-12-01"), false},  // before all of them
        {t.add_ask(ann, AskDirection::out, "2026-07-01"), true},   // after the last one
        {t.add_ask(bob, AskDirection::out, "2026-05-01"), false},  // bob was never met
        {t.add_ask(cat, AskDirection::out, "2026-08-01"), false},  // cat was met later
        {t.add_ask(cat, AskDirection::out, "2026-09-01"), true},   // the same day counts
    };
    std::int64_t via = t.add_ask(bob, AskDirection::out, "2026-05-02", ann);
    std::int64_t in = t.add_ask(bob, AskDirection::in, "2026-05-03");

    std::vector<std::string> people;
    std::map<std::int64_t, AuditAsk> asks;
    Auditor auditor(iso("2026-11-26"), Config{});
    t.journal->ledger().scan_for_audit(
        [&](const PersonSummary& p) {
            people.push_back(p.handle);
            auditor.add(p);
        },
        [&](const AuditAsk& a) {
            asks[a.ask.id] = a;
            auditor.add(a);
        });
    CHECK(people == std::vector<std::string>{"ann", "bob", "cat"});
    REQUIRE(asks.size() == 9);
    for (auto [id, met] : expected) {
        CAPTURE(id);
        CHECK(asks[id].met_before == met);
    }
    CHECK(asks[via].ask.via_id == ann);
    CHECK(asks[via].ask.person == "bob");
    CHECK(asks[in].ask.direction == AskDirection::in);
    CHECK(asks[in].ask.due_on == iso("2026-05-10"));

    Audit a = auditor.finish();
    CHECK(a.purposeful.asks_out == 8);
    CHECK(a.purposeful.to_strangers == 3);  // ann's December ask, bob's, cat's August ask
    CHECK(a.act_quickly.asks_in == 1);
    CHECK(a.empty.people == 3);
    CHECK(a.empty.never_met == 1);  // bob
}

TEST_CASE("the audit reads the texts of the incoming asks it quotes, and only those") {
    testing::TempJournal t;
    std::int64_t ann = t.add_person("ann");
    t.add_interaction("2026-11-20", {ann});  // met: no finding but the asks'
    std::vector<std::int64_t> in;  // overdue on 2026-11-26, the oldest first
    for (const char* on : {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04"}) {
        in.push_back(t.add_ask(ann, AskDirection::in, on));
    }
    auto audit = [&](std::size_t top, std::vector<std::vector<std::int64_t>>& asked) {
        Auditor auditor(iso("2026-11-26"), Config{});
        t.journal->ledger().scan_for_audit([&](const PersonSummary& p) { auditor.add(p); },
                                           [&](const AuditAsk& a) {
                                               CHECK(a.ask.what.empty());  // not read here
                                               auditor.add(a);
                                           });
        return auditor.finish(top, [&](const std::vector<std::int64_t>& ids) {
            asked.push_back(ids);
            return t.journal->ledger().ask_texts(ids);
        });
    };
    std::vector<std::vector<std::int64_t>> asked;
    Audit a = audit(2, asked);
    // Once, for the two worded: the oldest two asks (the others have no text).
    REQUIRE(asked.size() == 1);
    CHECK(asked[0] == std::vector<std::int64_t>{in[0], in[1]});
    REQUIRE(a.findings.size() == 4);
    CHECK(a.findings[0].text ==
          "ann asked \"Review section 2\" on 2026-10-01; your reply is 49 days overdue (a quick no "
          "counts too)");
    CHECK(a.findings[1].text.find("\"Review section 2\" on 2026-10-02") != std::string::npos);
    CHECK(a.findings[2].text.empty());
    CHECK(a.findings[3].ask == in[3]);

    asked.clear();
    a = audit(0, asked);  // nothing worded: nothing read
    CHECK(asked.empty());
    CHECK(a.findings.size() == 4);

    // Ids that are not in the journal are left out; many are read in one walk.
    std::vector<std::int64_t> many(300);
    for (std::size_t k = 0; k < many.size(); ++k) {
        many[k] = static_cast<std::int64_t>(k) + 1;
    }
    auto texts = t.journal->ledger().ask_texts(many);
    CHECK(texts.size() == 4);
    CHECK(texts.at(in[2]) == "Review section 2");
    CHECK(t.journal->ledger().ask_texts({in[3], 999}).size() == 1);
}
