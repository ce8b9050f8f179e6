// netlog audit [--top N] — the empty-networking audit: a score per habit, the
// figures behind it, and the findings to act on first. docs/audit.md defines it all.
#include "context.hpp"
#include "render.hpp"

#include "netlog/audit.hpp"
#include "netlog/error.hpp"
#include "netlog/reach.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>
#include <cmath>

namespace netlog {
namespace {

constexpr const char* overall_basis =
    "mean of the section scores that are not null, rounded (halves up); null when all are null";

// A figure's value: counts as integers, a median of .5 days as a real number.
Json figure_json(const std::optional<double>& value) {
    if (!value) {
        return nullptr;
    }
    if (std::floor(*value) == *value) {
        return static_cast<long long>(*value);
    }
    return *value;
}

// An outgoing ask of the last introduction_window_days to someone I do not know
// directly, with its introduction judged by the path finder `who` uses (AuditAsk::
// introduction); nullopt for any other ask.
// `tier_none`: the person is of tier none (from the audit's pass over people).
std::optional<AuditAsk> judge_introduction(Journal& journal, const AuditAsk& a, bool tier_none,
                                           Context& ctx) {
    if (a.ask.direction != AskDirection::out ||
        days_between(a.ask.asked_on, ctx.today) > introduction_window_days ||
        !tier_none || journal.people().has_one_to_one(a.ask.person_id)) {
        return std::nullopt;  // known directly (reach_of): no introduction needed
    }
    // The ask itself is no evidence that its --via knew them.
    auto evidence = journal.people().introduction_evidence(a.ask.person_id, path_interactions_read);
    for (auto& e : evidence) {
        if (a.ask.via_id && e.introducer.id == *a.ask.via_id) {
            --e.asks_via;
            e.asks_via_done -= a.ask.status == AskStatus::done;
        }
    }
    auto paths = introduction_paths(evidence, ctx.today, ctx.config);
    AuditAsk judged = a;
    judged.introduction.emplace();
    if (!paths.empty()) {
        judged.introduction->best = paths.front().strength;
    }
    for (const auto& path : paths) {
        if (a.ask.via_id && path.via_id == *a.ask.via_id) {
            judged.introduction->taken = path.strength;
        }
    }
    return judged;
}

Json score_json(const std::optional<int>& score) { return score ? Json(*score) : Json(nullptr); }

Json audit_json(const Audit& audit, int top) {
    Json sections = Json::object();
    for (const auto& view : audit_sections(audit)) {
        Json section{{"score", score_json(view.score)}};
        Json basis = Json::object();
        for (const auto& figure : view.figures) {
            section[std::string(figure.name)] = figure_json(figure.value);
            basis[std::string(figure.name)] = figure.basis;
        }
        basis["score"] = view.score_basis;
        section["basis"] = basis;
        sections[std::string(view.name)] = section;
    }
    Json findings = Json::array();
    for (size_t i = 0; i < audit.findings.size() && i < static_cast<size_t>(top); ++i) {
        const Finding& f = audit.findings[i];
        findings.push_back(Json{{"section", f.section},
                                {"person", f.person},
                                {"ask", f.ask ? Json(ask_id(*f.ask)) : Json(nullptr)},
                                {"text", f.text},
                                {"command", f.command}});
    }
    return Json{{"today", format_date(audit.today)},
                {"score", score_json(audit.score)},
                {"basis", Json{{"score", overall_basis}}},
                {"sections", sections},
                {"findings", findings},
                {"findings_total", audit.findings.size()}};
}

// "1 person" / "3 people".
std::string count(long long n, const char* one, const char* many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// "████████░░  80" in the score's colour; a grey bar and "–" without a score.
std::string score_bar(const Output& out, const std::optional<int>& score) {
    constexpr int cells = 10;
    if (!score) {
        return out.paint(Style::dim, "░░░░░░░░░░   –  nothing to judge yet");
    }
    int filled = (*score + 5) / 10;
    std::string bar;
    for (int i = 0; i < cells; ++i) {
        bar += i < filled ? "█" : "░";
    }
    Style style = *score >= 80 ? Style::green : *score >= 50 ? Style::yellow : Style::red;
    return out.paint(style, fmt::format("{}  {:>3}", bar, *score));
}

// Each section's figures in plain words, a line or two.
std::vector<std::string> section_words(const Audit& a, std::string_view section,
                                       const std::string& after) {
    if (section == "empty") {
        const auto& s = a.empty;
        return {fmt::format("{} of {} you never met; {} met only once, more than a year ago",
                            s.never_met, count(s.people, "person", "people"), s.met_once_long_ago)};
    }
    if (section == "purposeful") {
        const auto& s = a.purposeful;
        if (s.asks_out == 0) {
            return {"no asks made yet"};
        }
        return {fmt::format("{} made: {} to someone you had not met, without an introduction; {} "
                            "vague",
                            count(s.asks_out, "ask", "asks"), s.to_strangers, s.vague)};
    }
    if (section == "invest") {
        const auto& s = a.invest;
        return {fmt::format("{} of {} inner-circle and {} of {} network people in touch within their "
                            "cadence; {} dormant",
                            s.inner_within_cadence, s.inner, s.network_within_cadence, s.network,
                            count(s.dormant, "trusted contact", "trusted contacts"))};
    }
    if (section == "act_quickly") {
        const auto& s = a.act_quickly;
        if (s.asks_in == 0) {
            return {"no asks to you yet"};
        }
        std::string median = "no replies yet";
        if (auto days = s.median_reply_days) {
            median = fmt::format("median reply {} day{}", *days, *days == 1 ? "" : "s");
        }
        return {fmt::format("{} to you: {} of {} answered within the reply window ({}), {} "
                            "overdue now; {}",
                            count(s.asks_in, "ask", "asks"), s.replied_within_window, s.responded,
                            count(s.quick_declines, "quick decline", "quick declines"),
                            s.overdue_now, median)};
    }
    const auto& s = a.reciprocate;
    if (s.people_with_favours == 0) {
        return {"no favours in the ledger yet",
                fmt::format("they reached out {}, you {}", count(s.they_reached_out, "time", "times"),
                            count(s.you_reached_out, "time", "times"))};
    }
    return {fmt::format("you owe {}, owed to you {} (in favour units), across {}; {} you have "
                        "owed for more than {}",
                        s.you_owe, s.owed_to_you, count(s.people_with_favours, "person", "people"),
                        s.owing_long, after),
            fmt::format("one-sided: {} only gave to you, {} only took from you; they reached out "
                        "{}, you {}",
                        s.one_sided_take, s.one_sided_give, count(s.they_reached_out, "time", "times"),
                        count(s.you_reached_out, "time", "times"))};
}

std::string section_label(std::string_view section) {
    std::string label(section);
    std::replace(label.begin(), label.end(), '_', ' ');
    return label;
}

void print_audit(const Output& out, const Audit& audit, int top, const std::string& after) {
    auto views = audit_sections(audit);
    int width = display_width("Overall");
    for (const auto& view : views) {
        width = std::max(width, display_width(view.title));
    }
    std::string text = fmt::format("Empty-networking audit, {}\n\n", format_date(audit.today));
    for (const auto& view : views) {
        text += fmt::format("{}  {}\n", out.paint(Style::bold, pad_right(view.title, width)),
                            score_bar(out, view.score));
        for (const auto& line : section_words(audit, view.name, after)) {
            text += wrap("  " + line, out.width, 4) + "\n";
        }
    }
    text += fmt::format("\n{}  {}\n", out.paint(Style::bold, pad_right("Overall", width)),
                        score_bar(out, audit.score));
    size_t shown = std::min(audit.findings.size(), static_cast<size_t>(top));
    if (shown > 0) {
        text += fmt::format("\n{} ({} of {})\n", out.paint(Style::bold, "To act on"), shown,
                            audit.findings.size());
        int label_width = 0;
        for (size_t i = 0; i < shown; ++i) {
            label_width = std::max(label_width, display_width(section_label(audit.findings[i].section)));
        }
        for (size_t i = 0; i < shown; ++i) {
            const Finding& f = audit.findings[i];
            // A finding too long for the terminal wraps under its own text.
            const std::string label = pad_right(section_label(f.section), label_width);
            const int indent = label_width + 4;
            std::string finding = wrap("  " + label + "  " + printable(f.text), out.width, indent);
            text += "  " + out.paint(Style::dim, label) + finding.substr(2 + label.size()) + "\n";
            std::string command =
                wrap(std::string(static_cast<size_t>(indent), ' ') + printable(f.command), out.width,
                     indent + 2);
            text += out.style_printable(Style::cyan, command) + "\n";
        }
    } else if (audit.findings.empty()) {
        text += "\nNothing to act on.\n";
    }
    out.print(text);
}

int run_audit(Context& ctx, int top) {
    if (top < 0) {
        throw usage_error(fmt::format("--top {} must be 0 or more", top));
    }
    Journal& journal = ctx.journal(Journal::Mode::read);
    Auditor auditor(ctx.today, ctx.config);
    // Who is of tier none, for judging asks' introductions (people come first).
    std::unordered_set<std::int64_t> tier_none;
    journal.ledger().scan_for_audit(
        [&](const PersonSummary& p) {
            auditor.add(p);
            if (p.tier == Tier::none) {
                tier_none.insert(p.id);
            }
        },
        [&](const AuditAsk& a) {
            if (auto judged = judge_introduction(journal, a,
                                                 tier_none.count(a.ask.person_id) > 0, ctx)) {
                auditor.add(*judged);
            } else {
                auditor.add(a);
            }
        });
    // Only the findings shown are put into words (there may be tens of thousands).
    Audit audit = auditor.finish(static_cast<std::size_t>(top),
                                 [&](const std::vector<std::int64_t>& ids) {
                                     return journal.ledger().ask_texts(ids);
                                 });
    // Asks always name a person, so no people means an empty journal.
    bool nothing = audit.empty.people == 0;
    if (ctx.out.json) {
        ctx.out.emit(audit_json(audit, top));
    } else if (nothing) {
        ctx.out.print("nothing to audit yet: the journal has no people. Log a meeting with "
                      "`netlog add WHO NOTE --new`, an ask with `netlog ask WHO TEXT --new`, "
                      "then run `netlog audit` again");
    } else {
        print_audit(ctx.out, audit, top, format_duration(ctx.config.reciprocate_after));
    }
    return 0;
}

} // namespace

void setup_audit(CLI::App& app, Registry& registry) {
    auto top = std::make_shared<int>(5);
    CLI::App* cmd = add_command(app, "audit", "The empty-networking audit: a score per habit, "
                                              "its figures, and what to act on first");
    cmd->add_option("--top", *top, "List the N findings to act on first (default 5; 0 for none)")
        ->type_name("N");
    registry.on(cmd, [top](Context& ctx) { return run_audit(ctx, *top); });
}

} // namespace netlog
