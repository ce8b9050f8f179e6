// How to reach someone: directly, through a trusted contact's introduction, or not yet.
// The one path finder behind `netlog who` and `netlog ask`'s --via candidates and its
// purposefulness warning, so that the two never disagree about who can introduce whom.
// netlog(1) "REACHING SOMEONE" states the rule so that a user can check it by hand.
// Pure: the store gathers the evidence (JournalPeople::introduction_evidence), today is given.
#pragma once

#include "netlog/config.hpp"
#include "netlog/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netlog {

// What the journal knows of one possible introducer of a target: a person other than
// the target and me, with what links them to the target.
struct IntroEvidence {
    PersonSummary introducer; // id, handle, tier, cadence_days and last_contact: what trust needs
    bool introduced = false; // they introduced the target (`people … --via`)
    int shared = 0;          // interactions both were at
    std::optional<Date> last_shared;
    int asks_via = 0;      // my asks to the target that went through them
    int asks_via_done = 0; // of those, done
    int favours_seen = 0;  // favours between me and the target at interactions they were at
};

// How many of a target's newest interactions the path finder reads for who was there
// with them (JournalPeople::introduction_evidence): someone met 1,400 times costs this many.
// (500 made `ask` that warns, on the benchmark's busiest person, 3 ms slower than one
// that does not; 100, 0.6 ms.)
inline constexpr int path_interactions_read = 100;

// A link's strength: 3 strong, 2 good, 1 thin (0: no link).
std::string_view strength_word(int strength);

// me → introducer: inner within their cadence 3; inner past it (or never contacted) or
// network within theirs 2; network past it 1; weak and none 0 (never an introducer).
int trust_strength(const PersonSummary& introducer, Date today, const Config& config);

// introducer → target: the strongest of: introduced them 3; an ask to the target
// through them that was done 3, not done 2; a favour between me and the target at an
// interaction they were at: two or more 3, one 2; shared interactions 3 for three or
// more, 2 for two, 1 for one, one less (never below 1) when the latest was over a year ago.
int acquaintance_strength(const IntroEvidence& evidence, Date today);

// One way to the target: me → via → target.
struct IntroPath {
    std::string via; // the introducer's handle
    std::int64_t via_id = 0;
    int strength = 0;     // the weakest link: min(trust, acquaintance)
    int trust = 0;        // me → via
    int acquaintance = 0; // via → target
    std::optional<Date> last_shared;
    std::vector<std::string> evidence; // in words: "inner, last contact 2026-11-01 …"
};

// The introduction paths the evidence gives, strongest weakest link first; ties: the
// stronger other link, then the latest shared interaction, then the handle. People
// whose trust is 0 (weak, none) are never offered.
std::vector<IntroPath> introduction_paths(const std::vector<IntroEvidence>& evidence, Date today,
                                          const Config& config);

// How a person can be reached.
enum class Reach { direct, introduction, none };
std::string_view to_string(Reach reach);

// Direct when I have a relationship with them: a tier other than `none`, or an
// interaction with just the two of us (`one_to_one`). Else an introduction when a path
// exists, else none.
Reach reach_of(const Person& target, bool one_to_one, const std::vector<IntroPath>& paths);

} // namespace netlog
