// netlog add WHO[,WHO…] NOTE — log an interaction right after it happened.
#include "context.hpp"
#include "render.hpp"
#include "common.hpp"
#include "resolve.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"
#include "netlog/validate.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {
namespace {

struct AddOptions {
    std::string who;
    std::string note;
    std::string on = "today";
    std::string kind = "meet";
    std::vector<std::string> tags;
    bool them = false;
    std::vector<std::string> gave;
    std::vector<std::string> got;
    int weight = 1;
    bool create = false;
    std::string tier;
};

// One of the interaction's people named by `token`: their handle, or the start of the
// handle or of a word of the name, without accents (`jose` for José Álvarez).
std::vector<const Person*> people_in(const std::vector<Person>& people, const std::string& token) {
    std::string typed = loose_fold(token);
    std::string typed_handle = loose_fold(handle_base(token));
    std::vector<const Person*> found;
    for (const auto& p : people) {
        std::string handle = loose_fold(p.handle);
        std::string name = loose_fold(p.name);
        bool word = name.starts_with(typed) || name.find(" " + typed) != std::string::npos;
        if (handle == typed_handle) {
            return {&p};
        }
        if ((!typed_handle.empty() && handle.starts_with(typed_handle)) || word) {
            found.push_back(&p);
        }
    }
    return found;
}

// A --gave/--got text "WHO:TEXT" names the one person of the interaction it is with
// ("jose:the venue"); any other text is a favour with each of them. A WHO: that names
// someone in the journal who is not in the interaction is refused.
std::pair<const Person*, std::string> favour_of(Journal& journal, const std::vector<Person>& people,
                                                const std::string& option, const std::string& raw) {
    std::string text = trim(raw);
    std::size_t colon = text.find(':');
    if (colon == std::string::npos || colon == 0) {
        return {nullptr, text};
    }
    std::string token = text.substr(0, colon);
    if (token.find_first_of(" \t") != std::string::npos) {
        return {nullptr, text};
    }
    std::string rest = trim(text.substr(colon + 1));
    auto found = people_in(people, token);
    if (found.size() > 1) {
        throw usage_error(fmt::format("{} {}: '{}' is several people of this interaction; give "
                                      "the handle before the ':'",
                                      option, printable(text), printable(token)));
    }
    bool in_journal = found.empty() && (journal.people().person_by_handle(token) ||
                                        !people_with_name(journal, token).empty());
    if (in_journal) {
        throw usage_error(fmt::format("{} {}: {} is not in this interaction; add them to WHO, "
                                      "or drop '{}:'",
                                      option, printable(text), printable(token), printable(token)));
    }
    if (found.empty()) {
        return {nullptr, text};
    }
    if (rest.empty()) {
        throw usage_error(fmt::format("{} {}: say what after the ':'", option, printable(text)));
    }
    check_text(option + " text", rest, TextRule::required);
    return {found.front(), rest};
}

int run_add(Context& ctx, const AddOptions& o) {
    check_text("note", o.note, TextRule::required);
    Interaction in;
    in.on = past_date(o.on, ctx.today, "an interaction");
    in.kind = checked_kind(o.kind, ctx.config);
    in.note = trim(o.note);
    in.tags = checked_tags(o.tags);
    in.them = o.them;
    check_weight(o.weight);
    for (const auto& text : o.gave) {
        check_text("--gave text", text, TextRule::required);
    }
    for (const auto& text : o.got) {
        check_text("--got text", text, TextRule::required);
    }
    if (!o.tier.empty() && !o.create) {
        throw usage_error("--tier is for people added with --new; use `netlog people set WHO "
                          "--tier T` to change a tier");
    }

    Journal& journal = ctx.journal(Journal::Mode::write);
    Journal::WriteTransaction tx(journal);
    std::vector<Person> created;
    auto people = people_named(journal, o.who, o.create, tier_option(o.tier, Tier::weak),
                               ctx.today, created, ctx.out);
    for (const auto& p : people) {
        in.person_ids.push_back(p.id);
    }
    journal.entries().add_interaction(in);
    struct Entry {
        Direction direction;
        const Person* only;  // nullptr: each of them
        std::string what;
    };
    std::vector<Entry> entries;
    for (auto [direction, texts] : {std::pair{Direction::gave, &o.gave},
                                    std::pair{Direction::got, &o.got}}) {
        for (const auto& text : *texts) {
            auto [only, what] = favour_of(journal, people,
                                          direction == Direction::gave ? "--gave" : "--got", text);
            entries.push_back({direction, only, what});
        }
    }
    std::vector<Favour> favours;
    for (const auto& p : people) {
        for (const auto& entry : entries) {
            if (entry.only && entry.only->id != p.id) {
                continue;
            }
            Favour f;
            f.person_id = p.id;
            f.person = p.handle;
            f.direction = entry.direction;
            f.weight = o.weight;
            f.what = entry.what;
            f.on = in.on;
            f.interaction_id = in.id;
            journal.entries().add_favour(f);
            favours.push_back(f);
        }
    }
    tx.commit();

    // Only now: a failed commit (a full disk) must not have said "new person".
    for (const auto& p : created) {
        announce_new_person(ctx.out, p);
    }
    std::vector<std::string> handles;
    for (const auto& p : people) {
        handles.push_back(p.handle);
    }
    if (ctx.out.json) {
        Json ids = Json::array();
        for (const auto& f : favours) {
            ids.push_back(favour_id(f.id));
        }
        ctx.out.emit(Json{{"interaction", interaction_id(in.id)},
                          {"on", format_date(in.on)},
                          {"kind", in.kind},
                          {"favours", ids},
                          {"people", handles}});
        return 0;
    }
    std::string with;
    for (const auto& h : handles) {
        with += (with.empty() ? "" : ", ") + h;
    }
    ctx.out.info(fmt::format("added {} {} with {} on {}",
                             ctx.out.paint(Style::bold, interaction_id(in.id)), in.kind,
                             printable(with), format_date(in.on)));
    for (const auto& f : favours) {
        ctx.out.info(fmt::format("  {} {} {}: {} ({})", favour_id(f.id), to_string(f.direction),
                                 f.person, printable(f.what), f.weight));
    }
    return 0;
}
} // namespace

void setup_add(CLI::App& app, Registry& registry) {
    auto opt = std::make_shared<AddOptions>();
    CLI::App* cmd = add_command(app, "add", "Log an interaction, with favours given and received");
    cmd->add_option("who", opt->who, "Who: handles or names, separated by commas")
        ->required()
        ->type_name("WHO[,WHO…]");
    cmd->add_option("note", opt->note, "What happened")->required()->type_name("NOTE");
    cmd->add_option("--on", opt->on, "When it happened (default today; never in the future)")
        ->type_name("DATE");
    cmd->add_option("--kind", opt->kind,
                    "meet, call, coffee, message, email, event, intro, or a configured kind")
        ->type_name("KIND");
    cmd->add_option("--tag", opt->tags, "A tag (repeatable)")->type_name("TAG")->allow_extra_args(false);
    cmd->add_flag("--them", opt->them, "They reached out (default: you did)");
    cmd->add_option("--gave", opt->gave,
                    "A favour you gave each of them (repeatable); WHO:TEXT gives it to one of them")
        ->type_name("TEXT")
        ->allow_extra_args(false);
    cmd->add_option("--got", opt->got,
                    "A favour each of them gave you (repeatable); WHO:TEXT, from one of them")
        ->type_name("TEXT")
        ->allow_extra_args(false);
    cmd->add_option("--weight", opt->weight, "Weight of each favour (1–1000, default 1)")
        ->type_name("N");
    cmd->add_flag("--new", opt->create, "Add people who are not in the journal yet");
    cmd->add_option("--tier", opt->tier, "Tier of people added with --new (default weak)")
        ->type_name("TIER")
        ->check(CLI::IsMember(tier_names()));
    registry.on(cmd, [opt](Context& ctx) { return run_add(ctx, *opt); });
}

} // namespace netlog
