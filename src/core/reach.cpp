// The path finder: who can introduce me to whom, and how strongly (netlog/reach.hpp).
#include "netlog/reach.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {

std::string_view strength_word(int strength) {
    switch (strength) {
    case 3:
        return "strong";
    case 2:
        return "good";
    case 1:
        return "thin";
    default:
        return "none";
    }
}

namespace {

// Whether I was in touch with them within their cadence (their own, else their tier's).
bool within_cadence(const PersonSummary& p, Date today, const Config& config) {
    std::optional<int> cadence = p.cadence_days ? p.cadence_days : config.cadence_days(p.tier);
    return cadence && p.last_contact && days_between(*p.last_contact, today) <= *cadence;
}

} // namespace

int trust_strength(const PersonSummary& introducer, Date today, const Config& config) {
    bool recent = within_cadence(introducer, today, config);
    switch (introducer.tier) {
    case Tier::inner:
        return recent ? 3 : 2;
    case Tier::network:
        return recent ? 2 : 1;
    default:
        return 0;
    }
}

int acquaintance_strength(const IntroEvidence& e, Date today) {
    int strength = 0;
    if (e.introduced || e.asks_via_done > 0) {
        strength = 3;
    } else if (e.asks_via > 0) {
        strength = 2;
    }
    if (e.favours_seen > 0) {
        strength = std::max(strength, e.favours_seen >= 2 ? 3 : 2);
    }
    if (e.shared > 0) {
        int met = std::min(e.shared, 3);
        if (e.last_shared && days_between(*e.last_shared, today) > 365) {
            met = std::max(met - 1, 1);
        }
        strength = std::max(strength, met);
    }
    return strength;
}

std::vector<IntroPath> introduction_paths(const std::vector<IntroEvidence>& evidence, Date today,
                                          const Config& config) {
    std::vector<IntroPath> paths;
    for (const IntroEvidence& e : evidence) {
        IntroPath path;
        path.trust = trust_strength(e.introducer, today, config);
        path.acquaintance = acquaintance_strength(e, today);
        if (path.trust == 0 || path.acquaintance == 0) {
            continue;
        }
        path.via = e.introducer.handle;
        path.via_id = e.introducer.id;
        path.strength = std::min(path.trust, path.acquaintance);
        path.last_shared = e.last_shared;
        const PersonSummary& p = e.introducer;
        std::optional<int> cadence = p.cadence_days ? p.cadence_days : config.cadence_days(p.tier);
        path.evidence.push_back(fmt::format(
            "you → {}: {} ({}): {}, {}", p.handle, strength_word(path.trust), path.trust,
            to_string(p.tier),
            p.last_contact ? fmt::format("last contact {} ({} the {}-day cadence)",
                                         format_date(*p.last_contact),
                                         within_cadence(p, today, config) ? "within" : "past",
                                         cadence.value_or(0))
                           : std::string("never in touch")));
        std::vector<std::string> knows;
        if (e.introduced) {
            knows.push_back("introduced them");
        }
        if (e.shared > 0) {
            knows.push_back(
                fmt::format("met them {}, last {}",
                            e.shared == 1 ? std::string("once") : fmt::format("{} times", e.shared),
                            e.last_shared ? format_date(*e.last_shared) : "?"));
        }
        if (e.asks_via > 0) {
            knows.push_back(fmt::format("introduced you {} {} ({} done)", e.asks_via,
                                        e.asks_via == 1 ? "time" : "times", e.asks_via_done));
        }
        if (e.favours_seen > 0) {
            knows.push_back(fmt::format("was there when {} passed between you and them",
                                        e.favours_seen == 1
                                            ? std::string("a favour")
                                            : fmt::format("{} favours", e.favours_seen)));
        }
        std::string joined;
        for (const auto& k : knows) {
            joined += (joined.empty() ? "" : "; ") + k;
        }
        path.evidence.push_back(fmt::format("{} → them: {} ({}): {}", p.handle,
                                            strength_word(path.acquaintance), path.acquaintance,
                                            joined));
        paths.push_back(std::move(path));
    }
    std::sort(paths.begin(), paths.end(), [](const IntroPath& a, const IntroPath& b) {
        if (a.strength != b.strength) {
            return a.strength > b.strength;
        }
        int other_a = a.trust + a.acquaintance, other_b = b.trust + b.acquaintance;
        if (other_a != other_b) {
            return other_a > other_b;
        }
        if (a.last_shared != b.last_shared) {
            return a.last_shared > b.last_shared; // nullopt (never met) last
        }
        return a.via < b.via;
    });
    return paths;
}

std::string_view to_string(Reach reach) {
    switch (reach) {
    case Reach::direct:
        return "direct";
    case Reach::introduction:
        return "introduction";
    default:
        return "none";
    }
}

Reach reach_of(const Person& target, bool one_to_one, const std::vector<IntroPath>& paths) {
    if (target.tier != Tier::none || one_to_one) {
        return Reach::direct;
    }
    return paths.empty() ? Reach::none : Reach::introduction;
}

} // namespace netlog
