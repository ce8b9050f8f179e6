#include "netlog/audit.hpp"

#include "netlog/due.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

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

// Where each section's findings go in Auditor::m_found: the order they take turns.
enum FindingSlot : std::size_t {
    act_quickly_slot,
    reciprocate_slot,
    invest_slot,
    purposeful_slot,
    empty_slot,
};

} // namespace

Auditor::Auditor(Date today, Config config)
    : m_today(today), m_config(std::move(config)), m_vague(m_config) {
    m_audit.today = today;
}

void Auditor::add(const PersonSummary& p) {
    using Kind = Pending::Kind;
    // Empty connections.
    EmptySection& e = m_audit.empty;
    ++e.people;
    bool never = p.interactions == 0;
    bool once_long_ago = p.interactions == 1 && p.last_interaction &&
                         days_between(*p.last_interaction, m_today) > long_ago_days;
    e.never_met += never;
    e.met_once_long_ago += once_long_ago;
    // Tier none already says "no relationship"; any other tier claims one.
    if ((never || once_long_ago) && p.tier != Tier::none) {
        Pending f{never ? Kind::never : Kind::once};
        f.person = p.handle;
        f.tier = p.tier;
        f.date = never ? p.added_on : *p.last_interaction;
        f.days = days_between(f.date, m_today);
        m_found[empty_slot].push_back(std::move(f));
    }

    // Invest in your network.
    if (p.tier == Tier::inner || p.tier == Tier::network) {
        InvestSection& s = m_audit.invest;
        bool inner = p.tier == Tier::inner;
        auto cadence = cadence_of(p, m_config);
        bool within = p.last_contact &&
                      (!cadence || days_between(*p.last_contact, m_today) <= *cadence);
        (inner ? s.inner : s.network) += 1;
        (inner ? s.inner_within_cadence : s.network_within_cadence) += within;
        // Like `due`'s reconnect: never contacted counts from the day they were added.
        Date from = p.last_contact.value_or(p.added_on);
        if (cadence && days_between(from, m_today) > *cadence) {
            ++s.dormant;
            Pending f{Kind::invest};
            f.person = p.handle;
            f.tier = p.tier;
            f.flag = p.last_contact.has_value();
            f.date = from;
            f.number = *cadence;
            f.days = days_between(from, m_today) - *cadence;
            m_found[invest_slot].push_back(std::move(f));
        }
    }

    // Reciprocate.
    ReciprocateSection& r = m_audit.reciprocate;
    r.they_reached_out += p.reached_me;
    r.you_reached_out += p.interactions - p.reached_me;
    if (p.gave == 0 && p.got == 0) {
        return;
    }
    ++r.people_with_favours;
    long long balance = p.balance();
    r.you_owe += std::max(balance, 0LL);
    r.owed_to_you += std::max(-balance, 0LL);
    r.one_sided_take += p.got > 0 && p.gave == 0;
    r.one_sided_give += p.gave > 0 && p.got == 0;
    // As `due` has it: owed for long once since + [reciprocate] after is past.
    if (balance > 0 && p.since && shift(*p.since, m_config.reciprocate_after, 1) < m_today) {
        ++r.owing_long;
        Pending f{Kind::reciprocate};
        f.person = p.handle;
        f.number = balance;
        f.date = *p.since;
        f.days = days_between(*p.since, m_today);
        m_found[reciprocate_slot].push_back(std::move(f));
    }
}

void Auditor::add(const AuditAsk& entry) {
    using Kind = Pending::Kind;
    const Ask& a = entry.ask;
    if (a.direction == AskDirection::out) {
        PurposefulSection& s = m_audit.purposeful;
        ++s.asks_out;
        bool stranger = !a.via_id && !entry.met_before;
        auto phrase = m_vague.find(a.what);
        s.to_strangers += stranger;
        s.vague += phrase.has_value();
        s.flagged += stranger || phrase;
        if (entry.introduction && entry.introduction->best > 0) {
            const auto& intro = *entry.introduction;
            if (!a.via_id) {
                ++s.path_not_taken;
            } else if (intro.taken >= intro.best) {
                ++s.via_strongest;
            } else {
                ++s.via_weaker;
            }
        }
        bool live = a.status == AskStatus::open || a.status == AskStatus::replied;
        if ((stranger || phrase) && live) {
            Pending f{Kind::purposeful};
            f.person = a.person;
            f.ask = a.id;
            f.what = a.what;
            f.flag = stranger;
            if (phrase) {
                // A vague phrase of the config is never empty (VaguePhrases drops those).
                f.phrase = std::move(*phrase);
            }
            f.days = days_between(a.asked_on, m_today);
            m_found[purposeful_slot].push_back(std::move(f));
        }
        return;
    }
    ActQuicklySection& s = m_audit.act_quickly;
    ++s.asks_in;
    auto response = first_response(a);
    if (response) {
        ++s.responded;
        m_reply_days.push_back(days_between(a.asked_on, *response));
        s.replied_within_window += *response <= a.due_on;
        s.quick_declines += a.status == AskStatus::declined && *response <= a.due_on;
    } else if (a.status == AskStatus::open && a.due_on < m_today) {
        ++s.overdue_now;
        Pending f{Kind::act_quickly};
        f.person = a.person;
        f.ask = a.id;
        f.what = a.what;
        f.date = a.asked_on;
        f.days = days_between(a.due_on, m_today);
        m_found[act_quickly_slot].push_back(std::move(f));
    }
}

namespace {

// The finding `f` stands for, in words.
Finding word(const Auditor::Pending& f) {
    using Kind = Auditor::Pending::Kind;
    Finding out;
    out.person = f.person;
    out.days = f.days;
    if (f.ask != 0) {
        out.ask = f.ask;
    }
    switch (f.kind) {
    case Kind::never:
    case Kind::once:
        out.section = "empty";
        out.text = f.kind == Kind::never
                       ? fmt::format("you never met {} ({}), added {}", f.person,
                                     to_string(f.tier), format_date(f.date))
                       : fmt::format("you met {} ({}) once, {} ago", f.person, to_string(f.tier),
                                     days_text(f.days));
        out.text += "; meet them, or be honest and set their tier to none";
        out.command = fmt::format("netlog people set {} --tier none", f.person);
        break;
    case Kind::invest: {
        out.section = "invest";
        std::string when = f.flag ? fmt::format("no contact with {} ({}) since {}", f.person,
                                                to_string(f.tier), format_date(f.date))
                                  : fmt::format("no contact ever with {} ({}), added {}",
                                                f.person, to_string(f.tier), format_date(f.date));
        out.text = fmt::format("{}: {} past the {}-day cadence", when, days_text(f.days), f.number);
        out.command = fmt::format("netlog add {} \"…\"", f.person);
        break;
    }
    case Kind::reciprocate:
        out.section = "reciprocate";
        out.text = fmt::format("you owe {} {} since {} ({})", f.person, f.number,
                               format_date(f.date), days_text(f.days));
        out.command = fmt::format("netlog add {} \"…\" --gave \"…\"", f.person);
        break;
    case Kind::purposeful: {
        out.section = "purposeful";
        const bool vague = !f.phrase.empty();
        std::string what;
        if (vague) {
            what = fmt::format("is vague (\"{}\")", f.phrase);
        }
        if (f.flag) {
            what += fmt::format("{}went to someone you had not met, without an introduction",
                                vague ? " and " : "");
        }
        out.text = fmt::format("your ask {} to {} {}; drop it and ask again{}{}", quoted(f.what),
                               f.person, what, vague ? " for something specific" : "",
                               f.flag ? " through someone who knows them (--via)" : "");
        out.command = fmt::format("netlog ask drop {}", ask_id(f.ask));
        break;
    }
    case Kind::act_quickly:
        out.section = "act_quickly";
        out.text = fmt::format("{} asked {} on {}; your reply is {} overdue (a quick no counts too)",
                               f.person, quoted(f.what), format_date(f.date), days_text(f.days));
        out.command = fmt::format("netlog ask reply {}", ask_id(f.ask));
        break;
    }
    return out;
}

const char* section_of(Auditor::Pending::Kind kind) {
    using Kind = Auditor::Pending::Kind;
    switch (kind) {
    case Kind::never:
    case Kind::once: return "empty";
    case Kind::invest: return "invest";
    case Kind::reciprocate: return "reciprocate";
    case Kind::purposeful: return "purposeful";
    case Kind::act_quickly: return "act_quickly";
    }
    return "";
}

} // namespace

Audit Auditor::finish(std::size_t with_text, const AskTexts& ask_texts) {
    Audit audit = std::move(m_audit);
    audit.empty.score = percent(audit.empty.people - audit.empty.never_met -
                                    audit.empty.met_once_long_ago,
                                audit.empty.people);
    const auto& p = audit.purposeful;
    audit.purposeful.score = percent(p.asks_out - p.flagged, p.asks_out);
    const auto& i = audit.invest;
    audit.invest.score = percent(i.inner_within_cadence + i.network_within_cadence, i.inner + i.network);
    auto& q = audit.act_quickly;
    q.median_reply_days = median(std::move(m_reply_days));
    q.score = percent(q.replied_within_window, q.responded + q.overdue_now);
    const auto& r = audit.reciprocate;
    audit.reciprocate.score = percent(r.people_with_favours - r.owing_long, r.people_with_favours);

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

    // Sorted by index (stable: ties keep the order they were added in), not moving
    // the findings themselves.
    std::size_t longest = 0;
    std::size_t total = 0;
    std::array<std::vector<std::uint32_t>, 5> order;
    for (std::size_t slot = 0; slot < m_found.size(); ++slot) {
        const auto& list = m_found[slot];
        auto& idx = order[slot];
        idx.resize(list.size());
        for (std::uint32_t k = 0; k < idx.size(); ++k) {
            idx[k] = k;
        }
        std::stable_sort(idx.begin(), idx.end(), [&list](std::uint32_t x, std::uint32_t y) {
            const Pending& a = list[x];
            const Pending& b = list[y];
            return std::tuple(-a.days, a.ask, std::string_view(a.person)) <
                   std::tuple(-b.days, b.ask, std::string_view(b.person));
        });
        longest = std::max(longest, list.size());
        total += list.size();
    }
    // The order --top takes them in: the worst of each section in turn, then the
    // second worst of each, and so on.
    std::vector<Pending*> ranked;
    ranked.reserve(total);
    for (std::size_t rank = 0; rank < longest; ++rank) {
        for (std::size_t slot = 0; slot < m_found.size(); ++slot) {
            if (rank < order[slot].size()) {
                ranked.push_back(&m_found[slot][order[slot][rank]]);
            }
        }
    }
    const std::size_t worded = std::min(with_text, ranked.size());
    // The incoming asks among them added without their text get it now, in one call.
    std::vector<Pending*> untexted;
    std::vector<std::int64_t> ids;
    for (std::size_t k = 0; ask_texts && k < worded; ++k) {
        if (ranked[k]->kind == Pending::Kind::act_quickly && ranked[k]->what.empty()) {
            untexted.push_back(ranked[k]);
            ids.push_back(ranked[k]->ask);
        }
    }
    if (!ids.empty()) {
        auto texts = ask_texts(ids);
        for (Pending* f : untexted) {
            if (auto it = texts.find(f->ask); it != texts.end()) {
                f->what = std::move(it->second);
            }
        }
    }
    audit.findings.reserve(total);
    for (std::size_t k = 0; k < ranked.size(); ++k) {
        Pending& f = *ranked[k];
        if (k < worded) {
            audit.findings.push_back(word(f));
        } else {
            Finding bare;
            bare.section = section_of(f.kind);
            bare.person = std::move(f.person);
            if (f.ask != 0) {
                bare.ask = f.ask;
            }
            bare.days = f.days;
            audit.findings.push_back(std::move(bare));
        }
    }
    return audit;
}

Audit run_audit(const AuditInput& input) {
    Auditor auditor(input.today, input.config);
    for (const auto& p : input.people) {
        auditor.add(p);
    }
    for (const auto& a : input.asks) {
        auditor.add(a);
    }
    return auditor.finish();
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
           "outgoing asks that are to_strangers or vague or both, each counted once"},
          {"via_strongest", n(a.purposeful.via_strongest),
           "outgoing asks of the last 90 days to someone you do not know directly, with a "
           "path to them today, that went --via an introducer of the strongest path"},
          {"via_weaker", n(a.purposeful.via_weaker),
           "the same asks that went --via a weaker introducer (or one with no path to them)"},
          {"path_not_taken", n(a.purposeful.path_not_taken),
           "the same asks made without --via although a path existed"}}},
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
           "people you owe whose oldest unreciprocated favour (since) plus [reciprocate] after "
           "is before today"},
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
