// The empty-networking audit (`netlog audit`): one section of figures per habit,
// each with a score 0–100, an overall score, and the findings to act on first.
// docs/audit.md defines every figure and score so that a user can recompute them;
// audit_sections() carries the same one-line definitions into the JSON (`basis`).
// Pure: no clock, no I/O; built from the maintained per-person totals and the asks.
#pragma once

#include "netlog/config.hpp"
#include "netlog/due.hpp"
#include "netlog/model.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netlog {

// An ask as the audit reads it: the record and, for an outgoing ask, whether its
// person had an interaction dated on or before the day it was asked.
// For an outgoing ask made in the last `introduction_window_days` days to someone I
// do not know directly (reach_of() in netlog/reach.hpp), by today's journal: the
// strength of the best introduction path to them (0: none) and of the path through
// the ask's --via (0: no --via, or one that is no path).
// (Not nested in AuditAsk: clang cannot default-construct a nested struct with member
// initializers inside std::optional before the enclosing class is complete.)
struct AuditIntroduction {
    int best = 0;
    int taken = 0;
};

struct AuditAsk {
    Ask ask;
    bool met_before = false;
    std::optional<AuditIntroduction> introduction; // see AuditIntroduction; unset otherwise
};

// How far back the audit judges asks' introductions (purposeful.via_strongest …): the
// paths are today's, so an old ask would be judged by a journal that was not there.
inline constexpr int introduction_window_days = 90;

// Everything the audit looks at.
struct AuditInput {
    Date today;
    // Every person, with handle, tier, cadence_days, added_on and the maintained
    // totals (interactions, reached_me, last_interaction, last_contact, gave, got, since).
    std::vector<PersonSummary> people;
    std::vector<AuditAsk> asks;
    // Cadences ([cadence], see cadence_of()), [ask] vague and [reciprocate] after.
    Config config;
};

// Each section's figures are counts, except median_reply_days. A score is
// nullopt when the section has nothing to judge (it is then left out of the overall).
struct EmptySection {
    long long people = 0, never_met = 0, met_once_long_ago = 0;
    std::optional<int> score;
};
struct PurposefulSection {
    long long asks_out = 0, to_strangers = 0, vague = 0, flagged = 0;
    // Recent asks to people reached by introduction (AuditAsk::introduction), when a
    // path existed: through the strongest introducer, through a weaker one (or a --via
    // that is no path), and without --via. Not in the score.
    long long via_strongest = 0, via_weaker = 0, path_not_taken = 0;
    std::optional<int> score;
};
struct InvestSection {
    long long inner = 0, inner_within_cadence = 0, network = 0, network_within_cadence = 0,
              dormant = 0;
    std::optional<int> score;
};
struct ActQuicklySection {
    long long asks_in = 0, responded = 0, replied_within_window = 0, overdue_now = 0,
              quick_declines = 0;
    std::optional<double> median_reply_days;
    std::optional<int> score;
};
struct ReciprocateSection {
    long long people_with_favours = 0, you_owe = 0, owed_to_you = 0, owing_long = 0,
              one_sided_take = 0, one_sided_give = 0, they_reached_out = 0, you_reached_out = 0;
    std::optional<int> score;
};

// Something to act on: a person or an ask, and the netlog command that deals with it.
struct Finding {
    std::string section;             // "act_quickly", "reciprocate", "invest", "purposeful", "empty"
    std::string person;              // handle
    std::optional<std::int64_t> ask; // the ask it is about, if any
    std::string text;                // one line, may quote stored text (print it with printable())
    std::string command;             // e.g. "netlog ask reply a7"; NOTE and WHAT are the user's words
    int days = 0;                    // how long it has stood (orders findings within a section)
};

struct Audit {
    Date today;
    EmptySection empty;
    PurposefulSection purposeful;
    InvestSection invest;
    ActQuicklySection act_quickly;
    ReciprocateSection reciprocate;
    std::optional<int> score;  // mean of the section scores that are not null
    // Every finding, in the order `--top N` takes them: the worst of each section
    // in turn (act_quickly, reciprocate, invest, purposeful, empty), then the
    // second worst of each, and so on.
    std::vector<Finding> findings;
};

// Builds the audit one record at a time, so that a big journal is never held in
// memory: add() every person and every ask, in any order, then finish() once.
class Auditor {
public:
    Auditor(Date today, Config config);
    void add(const PersonSummary& p);
    void add(const AuditAsk& a);
    // The figures, scores and findings. Never divides by zero: with nothing added,
    // every count is 0, every score and the median null, and there are no findings.
    // Only the first `with_text` findings get their text and command (`audit --top N`
    // shows N of tens of thousands); the others keep section, person, ask and days.
    // An incoming ask added without its text ("") gets it from `ask_texts`, asked once
    // for the ids of those among the findings worded: the journal's reader need not
    // read the texts of thousands of open asks for the few the audit quotes.
    using AskTexts = std::function<std::unordered_map<std::int64_t, std::string>(
        const std::vector<std::int64_t>& ids)>;
    Audit finish(std::size_t with_text = static_cast<std::size_t>(-1),
                 const AskTexts& ask_texts = {});

    // A finding as add() notes it: what its text is made of, made into words only
    // for the findings finish() is asked to word.
    struct Pending {
        enum class Kind : unsigned char { never, once, invest, reciprocate, purposeful, act_quickly };
        explicit Pending(Kind k) : kind(k) {}
        Kind kind;
        bool flag = false;          // purposeful: to a stranger; invest: ever contacted
        Tier tier = Tier::none;
        int days = 0;               // Finding::days
        std::int64_t ask = 0;       // the ask's id (0: none)
        long long number = 0;       // balance (reciprocate), cadence (invest)
        Date date;                  // added_on, last contact, since, asked_on
        std::string person;         // handle
        std::string what;           // the ask's text (purposeful, act_quickly)
        std::string phrase;         // purposeful: the vague phrase, "" when none
    };

private:
    Date m_today;
    Config m_config;
    VaguePhrases m_vague;  // m_config's, folded once for all the asks
    Audit m_audit;
    std::vector<int> m_reply_days;               // for median_reply_days
    std::array<std::vector<Pending>, 5> m_found;  // per section, in the order they take turns
};

// The audit of `input` (Auditor over its people and asks).
Audit run_audit(const AuditInput& input);

// A section as the JSON and the docs describe it: its figures by name, in a fixed
// order, each with its value (a count, or a number of days; nullopt for null) and
// its one-line definition.
struct AuditFigure {
    std::string_view name;
    std::optional<double> value;
    std::string_view basis;
};
struct AuditSectionView {
    std::string_view name;   // "empty" …, the JSON key
    std::string_view title;  // "Empty connections" …
    std::optional<int> score;
    std::string_view score_basis;
    std::vector<AuditFigure> figures;
};
std::vector<AuditSectionView> audit_sections(const Audit& audit);

} // namespace netlog
