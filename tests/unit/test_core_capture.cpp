// The decisions of capture (netlog/capture.hpp): threads, replies owed, strangers,
// events — pure functions of the headers, so built here by hand.
#include "netlog/capture.hpp"

#include <doctest/doctest.h>

using namespace netlog;

namespace {

const std::set<std::string> me{"me@work.example"};

MailMessage message(std::string id, std::string from, std::vector<std::string> to,
                    std::string subject, int day, std::vector<std::string> references = {}) {
    MailMessage m;
    m.message_id = std::move(id);
    m.from = {std::move(from), ""};
    for (auto& a : to) {
        m.to.push_back({a, ""});
    }
    m.subject = std::move(subject);
    m.on = Date::from_ymd(2024, 3, static_cast<unsigned>(day));
    m.time = 1709251200LL + day * 86400LL;
    m.references = std::move(references);
    return m;
}

const std::map<std::string, KnownPerson> known{{"dana@x.example", {1, Tier::inner}},
                                               {"lee@x.example", {2, Tier::weak}}};

} // namespace

TEST_CASE("a subject loses its reply and forward prefixes and list tags, and is folded") {
    CHECK(normalized_subject("Re: RE: Fwd: [team] Budget  Review") == "budget review");
    CHECK(normalized_subject("AW: Über uns") == "uber uns");
    CHECK(normalized_subject("Re[2]: plan") == "plan");
    CHECK(normalized_subject("Regarding: the plan") == "regarding: the plan");
    CHECK(normalized_subject("") == "");
}

TEST_CASE("no-reply senders are told apart from people") {
    CHECK(is_no_reply_address("noreply@github.com"));
    CHECK(is_no_reply_address("No-Reply@x.org"));
    CHECK(is_no_reply_address("do_not_reply@x.org")); // separators ignored
    CHECK(is_no_reply_address("mailer-daemon@x.org"));
    CHECK_FALSE(is_no_reply_address("dana@x.example"));
}

TEST_CASE("messages thread by References, then by subject among the same people within 30 days") {
    std::vector<MailMessage> m{
        message("a", "dana@x.example", {"me@work.example"}, "Plan", 1),
        message("b", "me@work.example", {"dana@x.example"}, "Re: Plan", 2, {"a"}),
        message("c", "dana@x.example", {"me@work.example"}, "Re: Plan", 3), // no References
        message("d", "dana@x.example", {"me@work.example"}, "Plan", 31 - 0), // 28 days on
        message("e", "lee@x.example", {"me@work.example"}, "Plan", 4), // other people
    };
    auto threads = group_threads(m, me);
    REQUIRE(threads.size() == 2);
    CHECK(threads[0].root == "a");
    CHECK(threads[0].messages == std::vector<std::size_t>{0, 1, 2, 3});
    CHECK(threads[1].messages == std::vector<std::size_t>{4});
}

TEST_CASE("a thread's day is one email interaction; they wrote first or I did") {
    std::vector<MailMessage> m{
        message("a", "dana@x.example", {"me@work.example"}, "Plan", 1),
        message("b", "me@work.example", {"dana@x.example"}, "Re: Plan", 1, {"a"}),
        message("c", "me@work.example", {"dana@x.example", "stranger@y.example"}, "Re: Plan", 2,
                {"a", "b"}),
    };
    auto plan = plan_mail(m, me, known, "trusted");
    REQUIRE(plan.interactions.size() == 2);
    CHECK(plan.interactions[0].source == "mail:a/2024-03-01");
    CHECK(plan.interactions[0].them);
    CHECK(plan.interactions[0].people == std::vector<std::int64_t>{1});
    CHECK_FALSE(plan.interactions[1].them);
    CHECK(plan.interactions[1].people == std::vector<std::int64_t>{1}); // no stranger
    CHECK(plan.replies_owed.empty()); // my message is the latest
    CHECK(plan.replies_seen.size() == 3); // "a" twice (days 1 and 2), "b" named by c
}

TEST_CASE("a reply is owed to a trusted person who wrote last, to me in To") {
    std::vector<MailMessage> m{message("a", "dana@x.example", {"me@work.example"}, "Intro?", 5)};
    auto plan = plan_mail(m, me, known, "trusted");
    REQUIRE(plan.replies_owed.size() == 1);
    CHECK(plan.replies_owed[0].source == "mail-ask:a");
    CHECK(plan.replies_owed[0].person == 1);
    CHECK(plan.replies_owed[0].asked_on == Date::from_ymd(2024, 3, 5));
    CHECK(plan_mail(m, me, known, "off").replies_owed.empty());

    std::vector<MailMessage> weak{message("b", "lee@x.example", {"me@work.example"}, "Hi", 5)};
    CHECK(plan_mail(weak, me, known, "trusted").replies_owed.empty());
    CHECK(plan_mail(weak, me, known, "known").replies_owed.size() == 1);

    // Me in Cc only: not to me directly.
    auto cc = message("c", "dana@x.example", {"lee@x.example"}, "FYI", 5);
    cc.cc.push_back({"me@work.example", ""});
    CHECK(plan_mail({cc}, me, known, "known").replies_owed.empty());
}

TEST_CASE("strangers with a two-way exchange only") {
    std::vector<MailMessage> m{
        message("a", "sam@y.example", {"me@work.example"}, "Hello", 1),
        message("b", "me@work.example", {"sam@y.example"}, "Re: Hello", 2, {"a"}),
        message("c", "bea@y.example", {"me@work.example"}, "Pitch", 3),
        message("d", "me@work.example", {"cy@y.example"}, "Cold email", 3),
    };
    m[0].from.name = "Sam S";
    auto strangers = two_way_strangers(m, me, known);
    REQUIRE(strangers.size() == 1);
    CHECK(strangers[0].email == "sam@y.example");
    CHECK(strangers[0].name == "Sam S");
}

TEST_CASE("an event: cancelled, declined by me, the organizer, a conference") {
    CalendarEvent e;
    e.people = {{"dana@x.example", "Dana", false}, {"me@work.example", "", false},
                {"lee@x.example", "", true}};
    auto made = plan_event(e, me, known);
    REQUIRE(made);
    CHECK(made->kind == "meet");
    CHECK(made->people == std::vector<std::int64_t>{1}); // Lee declined: not there
    e.conference = true;
    CHECK(plan_event(e, me, known)->kind == "call");
    e.people[1].declined = true;
    CHECK_FALSE(plan_event(e, me, known));
    e.people[1].declined = false;
    e.cancelled = true;
    CHECK_FALSE(plan_event(e, me, known));
    CalendarEvent alone;
    alone.people = {{"me@work.example", "", false}};
    CHECK_FALSE(plan_event(alone, me, known));
}
