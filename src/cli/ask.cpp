// netlog ask — record a request for help, either way, and follow it through:
// ask WHO TEXT | ask --from WHO TEXT | ask list | ask reply | nudge | done | decline | drop.
#include "common.hpp"
#include "context.hpp"
#include "render.hpp"
#include "resolve.hpp"

#include "netlog/due.hpp"
#include "netlog/error.hpp"
#include "netlog/reach.hpp"
#include "netlog/text.hpp"
#include "netlog/validate.hpp"

#include <fmt/format.h>

namespace netlog {
namespace {

struct NewAskOptions {
    std::string who;
    std::string text;
    std::string from;
    std::string via;
    std::string by;
    std::string on = "today";
    bool create = false;
    std::string tier;
};

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        out += (out.empty() ? "" : ", ") + item;
    }
    return out;
}

// How many --via candidates a warning names: someone met a thousand times has hundreds
// of trusted contacts in common with you, and a warning is read, not searched.
constexpr std::size_t via_candidates_named = 5;

// The purposefulness check on an outgoing ask (netlog(1) "Be purposeful"): asking a
// stranger without an introduction, or asking vaguely. Returns the warnings; without
// --via they name the trusted people who could introduce you (`candidates`).
std::vector<std::string> purposefulness_warnings(Journal& journal, const Ask& ask,
                                                 const Person& person, const Config& config,
                                                 Date today,
                                                 std::vector<std::string>& candidates) {
    bool stranger = person.interactions == 0 && !ask.via_id;
    auto phrase = vague_phrase(ask.what, config);
    // Only a stranger needs an introduction; a vague ask to someone you have met needs
    // a specific request, not a go-between.
    if (stranger) {
        // The path finder `who` uses: the strongest introducers first.
        auto paths = introduction_paths(
            journal.people().introduction_evidence(person.id, path_interactions_read), today, config);
        for (std::size_t i = 0; i < paths.size() && i < via_candidates_named; ++i) {
            candidates.push_back(paths[i].via);
        }
    }
    std::string named = candidates.empty() ? "" : "--via candidates: " + joined(candidates);
    std::vector<std::string> warnings;
    if (stranger) {
        warnings.push_back(fmt::format(
            "you have no interaction with {} and gave no --via: ask through someone who knows "
            "them ({})",
            person.handle,
            candidates.empty() ? "no trusted contact (inner/network) introduced or met them; "
                                 "find one, or log how you know them with `netlog add`"
                               : named));
    }
    if (phrase) {
        // A stranger's warning has named the candidates already.
        warnings.push_back(fmt::format("'{}' is vague (config ask.vague): say what exactly you "
                                       "need from {}",
                                       printable(*phrase), person.handle));
    }
    return warnings;
}

int run_new_ask(Context& ctx, const NewAskOptions& opt) {
    Ask ask;
    std::string who = opt.who;
    std::string text = opt.text;
    if (!opt.from.empty()) {
        // `ask --from WHO TEXT`: the one positional is the text.
        if (!text.empty()) {
            throw usage_error("with --from WHO give only the TEXT: `netlog ask --from WHO TEXT`");
        }
        ask.direction = AskDirection::in;
        text = who;
        who = opt.from;
        if (!opt.via.empty()) {
            throw usage_error("--via is for asks you make (someone introduces you); drop it with "
                              "--from");
        }
    }
    if (trim(who).empty() || text.empty()) {
        throw usage_error("say whom you ask and what: `netlog ask WHO TEXT`, or `netlog ask --from "
                          "WHO TEXT` when they ask you");
    }
    check_text("ask text", text, TextRule::required);
    ask.what = trim(text);
    ask.asked_on = past_date(opt.on, ctx.today, "an ask event");
    if (!opt.by.empty()) {
        ask.by = parse_date(opt.by, ctx.today, DateSense::future);
        if (*ask.by < ask.asked_on) {
            throw usage_error(fmt::format("--by {} is before the ask was made ({})",
                                          format_date(*ask.by), format_date(ask.asked_on)));
        }
    }
    ask.due_on = ask_due_on(ask.direction, ask.asked_on, ask.by, ctx.config);
    if (!opt.tier.empty() && !opt.create) {
        throw usage_error("--tier is for people added with --new; use `netlog people set WHO "
                          "--tier T` to change a tier");
    }

    Journal& journal = ctx.journal(Journal::Mode::write);
    Journal::WriteTransaction tx(journal);
    bool created = false;
    Person person = opt.create ? resolve_or_create(journal, who, tier_option(opt.tier, Tier::weak),
                                                   ctx.today, created, ctx.out)
                               : resolve_person(journal, who, true);
    ask.person_id = person.id;
    ask.person = person.handle;
    if (!opt.via.empty()) {
        set_ask_via(journal, ask, opt.via);
    }
    std::vector<std::string> warnings, candidates;
    if (ask.direction == AskDirection::out) {
        warnings = purposefulness_warnings(journal, ask, person, ctx.config, ctx.today, candidates);
    }
    if (!warnings.empty() && ctx.config.purposeful_strict) {
        // Throwing rolls the transaction back: no ask, and no person made by --new.
        throw usage_error(fmt::format("refused (config ask.purposeful = \"strict\"): {}; nothing "
                                      "was stored",
                                      joined(warnings)));
    }
    journal.entries().add_ask(ask);
    tx.commit();

    if (created) {
        announce_new_person(ctx.out, person);
    }
    for (const auto& w : warnings) {
        ctx.out.warn(w);
    }
    if (ctx.out.json) {
        Json j{{"ask", ask_id(ask.id)}};
        const Json fields = ask_json(ask);
        for (const auto& [key, value] : fields.items()) {
            if (key != "id") {
                j[key] = value;
            }
        }
        j["warnings"] = warnings;
        j["via_candidates"] = candidates;
        j["new_person"] = created;
        ctx.out.emit(j);
        return 0;
    }
    if (ask.direction == AskDirection::in) {
        ctx.out.info(fmt::format("added {}: {} asked you on {}; reply by {}{}",
                                 ctx.out.paint(Style::bold, ask_id(ask.id)), person.handle,
                                 format_date(ask.asked_on), format_date(ask.due_on),
                                 ask.by ? ", they need it by " + format_date(*ask.by) : ""));
    } else {
        ctx.out.info(fmt::format("added {}: you asked {}{} on {}; follow up on {}",
                                 ctx.out.paint(Style::bold, ask_id(ask.id)), person.handle,
                                 ask.via.empty() ? "" : " via " + ask.via,
                                 format_date(ask.asked_on), format_date(ask.due_on)));
    }
    return 0;
}

// CLI11 takes a word that names a subcommand for the subcommand even after a
// positional (`netlog ask bob list` runs `ask list`): refuse instead of dropping words.
void check_no_stray_words(const NewAskOptions& ask, const char* subcommand) {
    if (!ask.who.empty() || !ask.text.empty()) {
        throw usage_error(fmt::format("'{}' is a subcommand of ask; to ask someone that, put the "
                                      "words after `--`: netlog ask -- WHO \"{}\"",
                                      subcommand, subcommand));
    }
}

struct AskListOptions {
    std::string who;
    bool open = false;
    bool all = false;
    bool in = false;
    bool out = false;
};

int run_ask_list(Context& ctx, const AskListOptions& opt) {
    Journal& journal = ctx.journal(Journal::Mode::read);
    JournalEntries::AskFilter filter;
    if (!opt.who.empty()) {
        filter.person_id = resolve_person(journal, opt.who).id;
    }
    filter.open_only = !opt.all;
    if (opt.in) {
        filter.direction = AskDirection::in;
    } else if (opt.out) {
        filter.direction = AskDirection::out;
    }
    auto asks = journal.entries().list_asks(filter);
    if (ctx.out.json) {
        Json list = Json::array();
        for (const auto& a : asks) {
            list.push_back(ask_json(a));
        }
        ctx.out.emit(Json{{"asks", list}});
        return 0;
    }
    if (asks.empty()) {
        ctx.out.print(opt.all ? "no asks; record one with `netlog ask WHO TEXT`"
                              : "no open asks (`--all` shows finished ones)");
        return 0;
    }
    ctx.out.print(ask_table(asks, ctx.out, ctx.today));
    return 0;
}

void setup_list(CLI::App& ask, Registry& registry, std::shared_ptr<const NewAskOptions> ask_opt) {
    auto opt = std::make_shared<AskListOptions>();
    CLI::App* cmd = add_command(ask, "list", "List asks (open or replied unless --all)");
    cmd->add_option("who", opt->who, "Only asks to or from this person")->type_name("WHO");
    auto* open = cmd->add_flag("--open", opt->open, "Only asks still open or replied (the default)");
    cmd->add_flag("--all", opt->all, "Also finished asks: done, declined, dropped")->excludes(open);
    auto* in = cmd->add_flag("--in", opt->in, "Only asks made to you");
    cmd->add_flag("--out", opt->out, "Only asks you made")->excludes(in);
    registry.on(cmd, [opt, ask_opt](Context& ctx) {
        check_no_stray_words(*ask_opt, "list");
        return run_ask_list(ctx, *opt);
    });
}

// The steps of an ask's life after it was made.
enum class Step { reply, nudge, done, decline, drop };

struct AskStepOptions {
    Step step = Step::reply;
    std::string id;
    std::string on = "today";
    int weight = 1;
    std::optional<std::string> note;
};

bool finished(AskStatus status) {
    return status == AskStatus::done || status == AskStatus::declined ||
           status == AskStatus::dropped;
}

// Moves `ask` one step on, or throws Error(usage) when the step is not allowed:
// open → replied → done | declined | dropped, and done/declined straight from open
// count as the reply, on that day.
void take_step(Ask& ask, Step step, Date on, const Config& config) {
    std::string id = ask_id(ask.id);
    if (step == Step::nudge) {
        nudge(ask, on, config);
        return;
    }
    if (finished(ask.status)) {
        throw usage_error(fmt::format("{} is already {} (on {}); nothing changed", id,
                                      to_string(ask.status), date_text(ask.closed_on)));
    }
    if (step == Step::reply && ask.status == AskStatus::replied) {
        throw usage_error(fmt::format("{} already has its reply (on {}); finish it with `netlog ask "
                                      "done|decline|drop {}`",
                                      id, date_text(ask.replied_on), id));
    }
    if (on < ask.asked_on) {
        throw usage_error(fmt::format("{} is before {} was asked ({}); nothing changed",
                                      format_date(on), id, format_date(ask.asked_on)));
    }
    if (ask.replied_on && on < *ask.replied_on && step != Step::drop) {
        throw usage_error(fmt::format("{} is before the reply to {} ({}); nothing changed",
                                      format_date(on), id, format_date(*ask.replied_on)));
    }
    switch (step) {
    case Step::reply:
        ask.status = AskStatus::replied;
        ask.replied_on = on;
        return;
    case Step::done:
    case Step::decline:
        ask.status = step == Step::done ? AskStatus::done : AskStatus::declined;
        ask.replied_on = ask.replied_on.value_or(on);
        ask.closed_on = on;
        return;
    case Step::drop:
        ask.status = AskStatus::dropped;
        ask.closed_on = on;
        return;
    case Step::nudge: return;  // above
    }
}

int run_ask_step(Context& ctx, const AskStepOptions& opt) {
    const Step step = opt.step;
    std::int64_t number = parse_typed_id(trim(opt.id), EntryId::Type::ask);
    Date on = past_date(opt.on, ctx.today, "an ask event");
    if (step == Step::done) {
        check_weight(opt.weight);
        if (opt.note) {
            check_text("--note", *opt.note, TextRule::optional);
        }
    }
    Journal& journal = ctx.journal(Journal::Mode::write);
    Journal::WriteTransaction tx(journal);
    auto found = journal.entries().ask_by_id(number);
    if (!found) {
        throw usage_error(fmt::format("no ask {} in the journal (see `netlog ask list --all`)",
                                      ask_id(number)));
    }
    Ask ask = *found;
    take_step(ask, step, on, ctx.config);
    if (opt.note) {
        ask.note = trim(*opt.note);
    }
    journal.entries().update_ask(ask);
    // Done means the favour happened: incoming, I gave; outgoing, they gave me.
    std::optional<Favour> favour;
    if (step == Step::done) {
        Favour f;
        f.person_id = ask.person_id;
        f.person = ask.person;
        f.direction = ask.direction == AskDirection::in ? Direction::gave : Direction::got;
        f.weight = opt.weight;
        f.what = ask.what;
        f.on = on;
        f.ask_id = ask.id;
        journal.entries().add_favour(f);
        favour = f;
    }
    tx.commit();

    std::string id = ask_id(ask.id);
    if (ctx.out.json) {
        Json j{{"ask", id},
               {"status", std::string(to_string(ask.status))},
               {"person", ask.person},
               {"replied_on", date_or_null(ask.replied_on)},
               {"closed_on", date_or_null(ask.closed_on)}};
        if (step == Step::nudge) {
            j["nudges"] = ask.nudged_on.size();
            j["nudged_on"] = nudged_on_json(ask);
            j["due_on"] = format_date(ask.due_on);
        }
        if (favour) {
            j["favour"] = favour_id(favour->id);
        }
        ctx.out.emit(j);
        return 0;
    }
    if (step == Step::nudge) {
        ctx.out.info(fmt::format("{} nudged on {} ({}, {} so far); follow up next on {}",
                                 ctx.out.paint(Style::bold, id), format_date(on), ask.person,
                                 nudges_text(ask.nudged_on.size()), format_date(ask.due_on)));
        return 0;
    }
    ctx.out.info(fmt::format("{} {} on {} ({})", ctx.out.paint(Style::bold, id),
                             to_string(ask.status), format_date(on), ask.person));
    if (favour) {
        ctx.out.info(fmt::format("  {} {} {}: {} ({})", favour_id(favour->id),
                                 to_string(favour->direction), favour->person,
                                 truncate_to_width(printable(favour->what), 60), favour->weight));
    }
    return 0;
}

void setup_step(CLI::App& ask, Registry& registry, Step step,
                std::shared_ptr<const NewAskOptions> ask_opt) {
    auto opt = std::make_shared<AskStepOptions>();
    opt->step = step;
    const char* name = step == Step::reply     ? "reply"
                       : step == Step::nudge   ? "nudge"
                       : step == Step::done    ? "done"
                       : step == Step::decline ? "decline"
                                               : "drop";
    const char* description =
        step == Step::reply     ? "The reply happened (yours to an incoming ask, theirs to yours)"
        : step == Step::nudge   ? "You followed up your open ask: the next follow-up falls due "
                                  "reply.follow_up later"
        : step == Step::done    ? "The ask was done; records the favour (in: you gave, out: you got)"
        : step == Step::decline ? "Said no (to an incoming ask: a quick no is a good reply)"
                                : "The ask is no longer relevant";
    CLI::App* cmd = add_command(ask, name, description);
    cmd->add_option("id", opt->id, "The ask's id, like a7")->required()->type_name("ID");
    if (step != Step::drop) {
        cmd->add_option("--on", opt->on, "When it happened (default today; never in the future)")
            ->type_name("DATE");
    }
    if (step == Step::done) {
        cmd->add_option("--weight", opt->weight, "Weight of the favour (1–1000, default 1)")
            ->type_name("N");
        cmd->add_option("--note", opt->note, "A note on how it went")->type_name("TEXT");
    }
    registry.on(cmd, [opt, ask_opt, name](Context& ctx) {
        check_no_stray_words(*ask_opt, name);
        return run_ask_step(ctx, *opt);
    });
}

} // namespace

std::string ask_table(const std::vector<Ask>& asks, const Output& out, Date today) {
    Table table({"ID", "DIR", "WHO", "VIA", "ASKED", "DUE", "STATUS", "WHAT"});
    table.fit(2, 10);
    table.fit(3, 6);
    table.fit(7, 16);
    for (const auto& a : asks) {
        bool late = (a.status == AskStatus::open && a.due_on < today);
        table.add_row({ask_id(a.id), std::string(to_string(a.direction)), a.person,
                       a.via.empty() ? "-" : a.via, format_date(a.asked_on),
                       format_date(a.due_on), ask_status_text(a),
                       printable(a.what)},
                      late ? Style::red : Style::plain);
        if (!a.note.empty()) {
            table.add_detail("note: " + a.note);
        }
    }
    return table.render(out);
}

void setup_ask(CLI::App& app, Registry& registry) {
    auto opt = std::make_shared<NewAskOptions>();
    CLI::App* cmd = add_command(app, "ask", "Record an ask (yours or theirs) and follow it through");
    cmd->footer("A person whose handle is list, reply, nudge, done, decline or drop is named after "
                "`--`: netlog ask -- list \"…\"");
    cmd->add_option("who", opt->who, "Whom you ask (with --from: leave out, give only TEXT)")
        ->type_name("WHO");
    cmd->add_option("text", opt->text, "What you ask for: something specific")->type_name("TEXT");
    cmd->add_option("--from", opt->from, "They ask you: WHO made the ask (you owe a reply)")
        ->type_name("WHO");
    cmd->add_option("--via", opt->via, "Who introduces you (for an ask to someone you never met)")
        ->type_name("WHO");
    cmd->add_option("--by", opt->by,
                    "When it is needed: yours, the follow-up date; theirs, when to have it done")
        ->type_name("DATE");
    cmd->add_option("--on", opt->on, "When the ask was made (default today; never in the future)")
        ->type_name("DATE");
    cmd->add_flag("--new", opt->create, "Add the person if they are not in the journal yet");
    cmd->add_option("--tier", opt->tier, "Tier of a person added with --new (default weak)")
        ->type_name("TIER")
        ->check(CLI::IsMember(tier_names()));
    registry.on(cmd, [opt](Context& ctx) { return run_new_ask(ctx, *opt); });

    setup_list(*cmd, registry, opt);
    for (Step step : {Step::reply, Step::nudge, Step::done, Step::decline, Step::drop}) {
        setup_step(*cmd, registry, step, opt);
    }
}

} // namespace netlog
