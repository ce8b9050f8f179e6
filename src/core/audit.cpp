#include "netlog/audit.hpp"

#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>

namespace netlog {
namespace {

// How long ago "long ago" is for met_once_long_ago.
constexpr int long_ago_days = 365;
// How much of an ask's text a finding quotes.
constexpr int quoted_width = 40;

// round(100 × part / whole), halves up, in integers; nullopt when whole is 0.
std::optional<int> percent(long long part, long long whole) {
    if (whole <= 0) {
        return std::nullopt;
    }
    return static_cast<int>((200 * part + whole) / (2 * whole));
}

std::string days_text(int days) { return fmt::format("{} day{}", days, days == 1 ? "" : "s"); }

std::string quoted(const std::string& what) {
    return fmt::format("\"{}\"", truncate_to_width(what, quoted_width));
}

// The first response to an incoming ask: its reply, or the done/decline that
// came straight from open (which counts as the reply, on that day).
std::optional<Date> first_response(const Ask& a) {
    if (a.replied_on) {
        return a.replied_on;
    }
    if (a.status == AskStatus::done || a.status == AskStatus::declined) {
        return a.closed_on;
    }
    return std::nullopt;
}

std::optional<double> median(std::vector<int> values) {
    if (values.empty()) {
        return std::nullopt;
    }
    std::sort(values.begin(), values.end());
    size_t n = values.size();
    if (n % 2 == 1) {
        return values[n / 2];
    }
    return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

void audit_empty(const AuditInput& in, Audit& audit, std::vector<Finding>& findings) {
    EmptySection& s = audit.empty;
    for (const Person& p : in.people) {
        ++s.people;
        bool never = p.interactions == 0;
        bool once_long_ago = p.interactions == 1 && p.last_interaction &&
                             days_between(*p.last_interaction, in.today) > long_ago_days;
        s.never_met += never;
        s.met_once_long_ago += once_long_ago;
        // Tier none already says "no relationship"; any other tier claims one.
        if ((never || once_long_ago) && p.tier != Tier::none) {
            Finding f{"empty", p.handle, std::nullopt, "", "", 0};
            if (never) {
                f.days = days_between(p.added_on, in.today);
                f.text = fmt::format("you never met {} ({}), added {}", p.handle,
                                     to_string(p.tier), format_date(p.added_on));
            } else {
                f.days = days_between(*p.last_interaction, in.today);
                f.text = fmt::format("you met {} ({}) once, {} ago", p.handle, to_string(p.tier),
                                     days_text(f.days));
            }
            f.text += "; meet them, or be honest and set their tier to none";
            f.command = fmt::format("netlog people set {} --tier none", p.handle);
            findings.push_back(std::move(f));
        }
    }
    s.score = percent(s.people - s.never_met - s.met_once_long_ago, s.people);
}

void audit_purposeful(const AuditInput& in, Audit& audit, std::vector<Finding>& findings) {
    PurposefulSection& s = audit.purposeful;
    for (const AuditAsk& entry : in.asks) {
        const Ask& a = entry.ask;
        if (a.direction != AskDirection::out) {
            continue;
        }
        ++s.asks_out;
        bool stranger = !a.via_id && !entry.met_before;
        auto phrase = vague_phrase_in(a.what, in.vague_phrases);
        s.to_strangers += stranger;
        s.vague += phrase.has_value();
        s.flagged += stranger || phrase;
        bool live = a.status == AskStatus::open || a.status == AskStatus::replied;
        if ((stranger || phrase) && live) {
            std::string what;
            if (phrase) {
                what = fmt::format("is vague (\"{}\")", *phrase);
            }
            if (stranger) {
                what += fmt::format("{}went to someone you had not met, without an introduction",
                                    phrase ? " and " : "");
            }
            findings.push_back(
                {"purposeful", a.person, a.id,
                 fmt::format("your ask {} to {} {}; drop it and ask again{}{}", quoted(a.what),
                             a.person, what, phrase ? " for something specific" : "",
                             stranger ? " through someone who knows them (--via)" : ""),
                 fmt::format("netlog ask drop {}", ask_id(a.id)), days_between(a.asked_on, in.today)});
        }
    }
    s.score = percent(s.asks_out - s.flagged, s.asks_out);
}

void audit_invest(const AuditInput& in, Audit& audit, std::vector<Finding>& findings) {
    InvestSection& s = audit.invest;
    for (const Person& p : in.people) {
        if (p.tier != Tier::inner && p.tier != Tier::network) {
            continue;
        }
        bool inner = p.tier == Tier::inner;
        auto cadence = in.cadence ? in.cadence(p) : std::nullopt;
        bool within = p.last_contact &&
                      (!cadence || days_between(*p.last_contact, in.today) <= *cadence);
        (inner ? s.inner : s.network) += 1;
        (inner ? s.inner_within_cadence : s.network_within_cadence) += within;
        // Like `due`'s reconnect: never contacted counts from the day they were added.
        Date from = p.last_contact.value_or(p.added_on);
        if (cadence && days_between(from, in.today) > *cadence) {
            ++s.dormant;
            int over = days_between(from, in.today) - *cadence;
            std::string when = p.last_contact
                                   ? fmt::format("no contact with {} ({}) since {}", p.handle,
                                                 to_string(p.tier), format_date(from))
                                   : fmt::format("no contact ever with {} ({}), added {}",
                                                 p.handle, to_string(p.tier), format_date(from));
            findings.push_back({"invest", p.handle, std::nullopt,
                                fmt::format("{}: {} past the {}-day cadence", when,
                                            days_text(over), *cadence),
                                fmt::format("netlog add {} NOTE", p.handle), over});
        }
    }
    s.score = percent(s.inner_within_cadence + s.network_within_cadence, s.inner + s.network);
}

void audit_act_quickly(const AuditInput& in, Audit& audit, std::vector<Finding>& findings) {
    ActQuicklySection& s = audit.act_quickly;
    std::vector<int> reply_days;
    for (const AuditAsk& entry : in.asks) {
        const Ask& a = entry.ask;
        if (a.direction != AskDirection::in) {
            continue;
        }
        ++s.asks_in;
        auto response = first_response(a);
        if (response) {
            ++s.responded;
            reply_days.push_back(days_between(a.asked_on, *response));
            s.replied_within_window += *response <= a.due_on;
            s.quick_declines += a.status == AskStatus::declined && *response <= a.due_on;
        } else if (a.status == AskStatus::open && a.due_on < in.today) {
            ++s.overdue_now;
            int over = days_between(a.due_on, in.today);
            findings.push_back({"act_quickly", a.person, a.id,
                                fmt::format("{} asked {} on {}; your reply is {} overdue "
                                            "(a quick no counts too)",
                                            a.person, quoted(a.what), format_date(a.asked_on),
                                            days_text(over)),
                                fmt::format("netlog ask reply {}", ask_id(a.id)), over});
        }
    }
    s.median_reply_days = median(std::move(reply_days));
    s.score = percent(s.replied_within_window, s.responded + s.overdue_now);
}

void audit_reciprocate(const AuditInput& in, Audit& audit, std::vector<Finding>& findings) {
    ReciprocateSection& s = audit.reciprocate;
    for (const Person& p : in.people) {
        s.they_reached_out += p.reached_me;
        s.you_reached_out += p.interactions - p.reached_me;
        if (p.gave == 0 && p.got == 0) {
            continue;
        }
        ++s.people_with_favours;
        long long balance = p.balance();
        s.you_owe += std::max(balance, 0LL);
        s.owed_to_you += std::max(-balance, 0LL);
        s.one_sided_take += p.got > 0 && p.gave == 0;
        s.one_sided_give += p.gave > 0 && p.got == 0;
        if (balance > 0 && p.since) {
            int age = days_between(*p.since, in.today);
            if (age > in.reciprocate_after_days) {
                ++s.owing_long;
                findings.push_back({"reciprocate", p.handle, std::nullopt,
                                    fmt::format("you owe {} {} since {} ({})", p.handle, balance,
                                                format_date(*p.since), days_text(age)),
                                    fmt::format("netlog add {} NOTE --gave WHAT", p.handle), age});
            }
        }
    }
    s.score = percent(s.people_with_favours - s.owing_long, s.people_with_favours);
}

} // namespace

std::optional<std::string> vague_phrase_in(std::string_view text,
                                           const std::vector<std::string>& phrases) {
    std::string folded = fold(text);
    for (const auto& phrase : phrases) {
        std::string needle = fold(phrase);
        if (!needle.empty() && folded.find(needle) != std::string::npos) {
            return phrase;
        }
    }
    return std::nullopt;
}

Audit run_audit(const AuditInput& input) {
    Audit audit;
    audit.today = input.today;
    // One list of findings per section, in the order findings take turns.
    std::array<std::vector<Finding>, 5> found;
    audit_act_quickly(input, audit, found[0]);
    audit_reciprocate(input, audit, found[1]);
    audit_invest(input, audit, found[2]);
    audit_purposeful(input, audit, found[3]);
    audit_empty(input, audit, found[4]);

    long long sum = 0, count = 0;
    for (auto score : {audit.empty.score, audit.purposeful.score, audit.invest.score,
                       audit.act_quickly.score, audit.reciprocate.score}) {
        if (score) {
            sum += *score;
            ++count;
        }
    }
    // The mean, rounded halves up, as percent() rounds.
    if (count > 0) {
        audit.score = static_cast<int>((2 * sum + count) / (2 * count));
    }

    size_t longest = 0;
    for (auto& list : found) {
        std::stable_sort(list.begin(), list.end(), [](const Finding& a, const Finding& b) {
            return std::tuple(-a.days, a.ask.value_or(0), std::string_view(a.person)) <
                   std::tuple(-b.days, b.ask.value_or(0), std::string_view(b.person));
        });
        longest = std::max(longest, list.size());
    }
    for (size_t rank = 0; rank < longest; ++rank) {
        for (auto& list : found) {
            if (rank < list.size()) {
                audit.findings.push_back(std::move(list[rank]));
            }
        }
    }
    return audit;
}

std::vector<AuditSectionView> audit_sections(const Audit& a) {
    auto n = [](long long v) { return std::optional<double>(static_cast<double>(v)); };
    return {
        {"empty", "Empty connections", a.empty.score,
         "round(100 × (people − never_met − met_once_long_ago) / people); null when people is 0",
         {{"people", n(a.empty.people), "people in the journal"},
          {"never_met", n(a.empty.never_met),
           "people with no interaction at all (asks do not count)"},
          {"met_once_long_ago", n(a.empty.met_once_long_ago),
           "people with exactly one interaction, dated more than 365 days before today"}}},
        {"purposeful", "Purposeful asks", a.purposeful.score,
         "round(100 × (asks_out − flagged) / asks_out); null when asks_out is 0",
         {{"asks_out", n(a.purposeful.asks_out), "outgoing asks (netlog ask WHO …), any status"},
          {"to_strangers", n(a.purposeful.to_strangers),
           "outgoing asks without --via to someone with no interaction dated on or before the ask"},
          {"vague", n(a.purposeful.vague),
           "outgoing asks whose text contains a phrase of [ask] vague (case and accents ignored)"},
          {"flagged", n(a.purposeful.flagged),
           "outgoing asks that are to_strangers or vague or both, each counted once"}}},
        {"invest", "Invest in your network", a.invest.score,
         "round(100 × (inner_within_cadence + network_within_cadence) / (inner + network)); "
         "null when inner + network is 0",
         {{"inner", n(a.invest.inner), "people of tier inner"},
          {"inner_within_cadence", n(a.invest.inner_within_cadence),
           "inner people whose last contact is at most their cadence before today (never "
           "contacted: not within)"},
          {"network", n(a.invest.network), "people of tier network"},
          {"network_within_cadence", n(a.invest.network_within_cadence),
           "network people whose last contact is at most their cadence before today (never "
           "contacted: not within)"},
          {"dormant", n(a.invest.dormant),
           "inner and network people whose last contact (never contacted: the day they were "
           "added) is more than their cadence before today"}}},
        {"act_quickly", "Act quickly", a.act_quickly.score,
         "round(100 × replied_within_window / (responded + overdue_now)); null when that is 0",
         {{"asks_in", n(a.act_quickly.asks_in), "incoming asks (netlog ask --from WHO …), any status"},
          {"responded", n(a.act_quickly.responded),
           "incoming asks with a first response: a reply, or done or decline straight from open"},
          {"replied_within_window", n(a.act_quickly.replied_within_window),
           "incoming asks whose first response is on or before their reply date (due_on)"},
          {"median_reply_days", a.act_quickly.median_reply_days,
           "median, over responded asks, of the days from asked to first response (mean of the "
           "two middle values when even); null when none"},
          {"overdue_now", n(a.act_quickly.overdue_now),
           "incoming asks still open, with no response, whose reply date is before today"},
          {"quick_declines", n(a.act_quickly.quick_declines),
           "incoming asks declined, with the first response on or before the reply date"}}},
        {"reciprocate", "Reciprocate", a.reciprocate.score,
         "round(100 × (people_with_favours − owing_long) / people_with_favours); null when "
         "people_with_favours is 0",
         {{"people_with_favours", n(a.reciprocate.people_with_favours),
           "people with at least one favour, either way"},
          {"you_owe", n(a.reciprocate.you_owe),
           "sum of the positive balances (got − gave, in weight units)"},
          {"owed_to_you", n(a.reciprocate.owed_to_you),
           "sum of the negative balances, as a positive number"},
          {"owing_long", n(a.reciprocate.owing_long),
           "people you owe whose oldest unreciprocated favour (since) is more than [reciprocate] "
           "after days before today"},
          {"one_sided_take", n(a.reciprocate.one_sided_take),
           "people who gave you something (got > 0) and got nothing back (gave = 0)"},
          {"one_sided_give", n(a.reciprocate.one_sided_give),
           "people you gave something (gave > 0) who gave nothing back (got = 0)"},
          {"they_reached_out", n(a.reciprocate.they_reached_out),
           "interactions they started (add --them), counted once per person in them"},
          {"you_reached_out", n(a.reciprocate.you_reached_out),
           "interactions you started, counted once per person in them"}}},
    };
}

} // namespace netlog
