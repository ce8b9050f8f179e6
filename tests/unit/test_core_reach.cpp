#include "netlog/error.hpp"
#include "netlog/reach.hpp"
#include "netlog/search.hpp"

#include <doctest/doctest.h>

using namespace netlog;

namespace {

const Date today = Date::from_ymd(2026, 11, 26);

Date days_ago(int n) {
    return add_days(today, -n);
}

Person contact(std::int64_t id, const char* handle, Tier tier, std::optional<Date> last) {
    Person p;
    p.id = id;
    p.handle = handle;
    p.tier = tier;
    p.last_contact = last;
    return p;
}

IntroEvidence met(Person p, int times, Date last) {
    IntroEvidence e;
    e.introducer = std::move(p);
    e.shared = times;
    e.last_shared = last;
    return e;
}

} // namespace

TEST_CASE("trust in an introducer comes from the tier and the cadence") {
    Config config;
    CHECK(trust_strength(contact(1, "a", Tier::inner, days_ago(30)), today, config) == 3);
    CHECK(trust_strength(contact(1, "a", Tier::inner, days_ago(31)), today, config) == 2);
    CHECK(trust_strength(contact(1, "a", Tier::inner, std::nullopt), today, config) == 2);
    CHECK(trust_strength(contact(1, "a", Tier::network, days_ago(90)), today, config) == 2);
    CHECK(trust_strength(contact(1, "a", Tier::network, days_ago(91)), today, config) == 1);
    CHECK(trust_strength(contact(1, "a", Tier::weak, days_ago(1)), today, config) == 0);
    CHECK(trust_strength(contact(1, "a", Tier::none, days_ago(1)), today, config) == 0);
    Person own = contact(1, "a", Tier::inner, days_ago(50));
    own.cadence_days = 60; // their own cadence wins
    CHECK(trust_strength(own, today, config) == 3);
}

TEST_CASE("an introducer knows the target by introduction, asks through them, shared meetings") {
    IntroEvidence e = met(contact(1, "a", Tier::inner, today), 1, days_ago(10));
    CHECK(acquaintance_strength(e, today) == 1);
    e.shared = 2;
    CHECK(acquaintance_strength(e, today) == 2);
    e.shared = 7;
    CHECK(acquaintance_strength(e, today) == 3);
    e.last_shared = days_ago(366); // one less when over a year ago
    CHECK(acquaintance_strength(e, today) == 2);
    e.shared = 1;
    CHECK(acquaintance_strength(e, today) == 1); // never below 1
    e.asks_via = 1;
    CHECK(acquaintance_strength(e, today) == 2);
    e.asks_via_done = 1;
    CHECK(acquaintance_strength(e, today) == 3);
    IntroEvidence intro;
    intro.introduced = true;
    CHECK(acquaintance_strength(intro, today) == 3);
    IntroEvidence favours; // a favour between me and the target, with them there
    favours.favours_seen = 1;
    CHECK(acquaintance_strength(favours, today) == 2);
    favours.favours_seen = 2;
    CHECK(acquaintance_strength(favours, today) == 3);
}

TEST_CASE("paths come strongest weakest link first, and weak contacts are never offered") {
    Config config;
    std::vector<IntroEvidence> evidence{
        met(contact(1, "ned-network", Tier::network, days_ago(390)), 1, days_ago(390)),
        met(contact(2, "wes-weak", Tier::weak, days_ago(1)), 9, days_ago(1)),
        met(contact(3, "ivy-inner", Tier::inner, days_ago(27)), 3, days_ago(56)),
        met(contact(4, "nia-network", Tier::network, days_ago(5)), 1, days_ago(5)),
    };
    auto paths = introduction_paths(evidence, today, config);
    REQUIRE(paths.size() == 3);
    CHECK(paths[0].via == "ivy-inner");
    CHECK(paths[0].strength == 3);
    // nia: min(2, 1) = 1 with links adding up to 3; ned: min(1, 1) = 1, adding up to 2.
    CHECK(paths[1].via == "nia-network");
    CHECK(paths[2].via == "ned-network");
    CHECK(paths[2].strength == 1);
    CHECK(paths[2].evidence.size() == 2);
}

TEST_CASE("reach: a tier other than none or a one-to-one is direct") {
    Person p = contact(1, "t", Tier::weak, std::nullopt);
    CHECK(reach_of(p, false, {}) == Reach::direct);
    p.tier = Tier::none;
    CHECK(reach_of(p, false, {}) == Reach::none);
    CHECK(reach_of(p, true, {}) == Reach::direct);
    CHECK(reach_of(p, false, {IntroPath{}}) == Reach::introduction);
}

TEST_CASE("the search query quotes words with punctuation and keeps FTS5 syntax") {
    CHECK(fts_query({"rust"}) == "rust");
    CHECK(fts_query({"rust*", " series "}) == "rust* series");
    CHECK(fts_query({"pied-piper", "o'brien"}) == "\"pied-piper\" \"o'brien\"");
    CHECK(fts_query({"\"series a\""}) == "\"series a\"");
    CHECK(fts_query({"AND"}) == "AND"); // FTS5 refuses it; the store says how to quote
    CHECK_THROWS_AS(fts_query({}), Error);
    CHECK_THROWS_AS(fts_query({"", "  "}), Error);
}

TEST_CASE("relevance: field weights, and at most three interactions or asks counted") {
    std::vector<SearchHit> hits{{1, "name", "", "x"},          {2, "notes", "", "x"},
                                {2, "interaction", "i1", "x"}, {2, "interaction", "i2", "x"},
                                {2, "interaction", "i3", "x"}, {2, "interaction", "i4", "x"},
                                {2, "ask", "a1", "x"}};
    auto matches = group_hits(hits);
    REQUIRE(matches.size() == 2);
    CHECK(matches[0].person.id == 2);
    CHECK(matches[0].relevance == 2 + 3 + 1);
    CHECK(matches[0].hits.size() == 5);
    CHECK(matches[1].relevance == 5);
    matches[1].person.tier = Tier::inner;
    rate_reach(matches[1]);
    CHECK(matches[1].score == 9);
    matches[0].person.tier = Tier::none;
    rate_reach(matches[0]);
    CHECK(matches[0].score == 6);
    rank_matches(matches);
    CHECK(matches[0].person.id == 1);
}
