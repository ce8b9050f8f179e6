// netlog edit ID — amend an interaction, ask or favour in place, keeping its id.
#include "common.hpp"
#include "context.hpp"
#include "render.hpp"

#include "netlog/due.hpp"
#include "netlog/error.hpp"
#include "netlog/text.hpp"
#include "netlog/validate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace netlog {
namespace {

// A date the journal holds but cannot read is left in the record after the edit: it is
// not written back. `option` is what sets it right.
void refuse_unreadable(bool unreadable, EntryId id, const char* field, const char* option) {
    if (unreadable) {
        throw usage_error(fmt::format("{} has {} stored as no date netlog can read; give {} to "
                                      "set it right; nothing changed",
                                      format_id(id), field, option));
    }
}

// What to change; an option not given is nullopt (or empty, or false).
struct EditOptions {
    std::string id;
    std::optional<std::string> on, kind, note, what, by, via;
    std::optional<int> weight;
    std::vector<std::string> tags;
    bool them = false;
    bool me = false;
};

// The options each type of entry takes.
std::vector<std::string_view> options_for(EntryId::Type type) {
    switch (type) {
    case EntryId::Type::interaction:
        return {"--on", "--kind", "--note", "--tag", "--them", "--me"};
    case EntryId::Type::ask:
        return {"--what", "--on", "--by", "--via", "--note"};
    case EntryId::Type::favour:
        return {"--what", "--weight", "--on"};
    }
    return {};
}

std::string_view type_name(EntryId::Type type) {
    switch (type) {
    case EntryId::Type::interaction:
        return "interaction";
    case EntryId::Type::ask:
        return "ask";
    case EntryId::Type::favour:
        return "favour";
    }
    return "";
}

// "--on, --what or --weight"
std::string one_of(const std::vector<std::string_view>& options) {
    std::string text;
    for (std::size_t i = 0; i < options.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == options.size() ? " or " : ", ") + std::string(options[i]);
    }
    return text;
}

// Refuses, before anything is read, options that do not apply to the entry's type
// (the type is in the id) and an edit with nothing to change.
void check_options(const EditOptions& o, EntryId id) {
    const std::pair<std::string_view, bool> given[] = {{"--on", o.on.has_value()},
                                                       {"--kind", o.kind.has_value()},
                                                       {"--note", o.note.has_value()},
                                                       {"--tag", !o.tags.empty()},
                                                       {"--them", o.them},
                                                       {"--me", o.me},
                                                       {"--what", o.what.has_value()},
                                                       {"--weight", o.weight.has_value()},
                                                       {"--by", o.by.has_value()},
                                                       {"--via", o.via.has_value()}};
    auto takes = options_for(id.type);
    std::vector<std::string_view> wrong;
    bool any = false;
    for (auto [name, is_given] : given) {
        any = any || is_given;
        if (is_given && std::find(takes.begin(), takes.end(), name) == takes.end()) {
            wrong.push_back(name);
        }
    }
    std::string entry = fmt::format("{} {}", type_name(id.type), format_id(id));
    if (!wrong.empty()) {
        throw usage_error(fmt::format("{} {} not for {}: it takes {}; nothing changed",
                                      fmt::join(wrong, ", "), wrong.size() == 1 ? "is" : "are",
                                      entry, one_of(takes)));
    }
    if (!any) {
        throw usage_error(fmt::format("say what to change in {}: {}", entry, one_of(takes)));
    }
}

// The entry an edit starts from, as the journal has it; refused when there is none
// (`where` is the command that lists that kind of entry).
template <typename Entry>
Entry found_or_refused(std::optional<Entry> found, EntryId id, std::string_view where) {
    if (!found) {
        throw usage_error(fmt::format("no {} {} in the journal (see `netlog {}`); nothing changed",
                                      type_name(id.type), format_id(id), where));
    }
    return std::move(*found);
}

// The names of the fields whose value differs, in the order given.
std::vector<std::string>
changed_fields(std::initializer_list<std::pair<const char*, bool>> fields) {
    std::vector<std::string> names;
    for (auto [name, differs] : fields) {
        if (differs) {
            names.emplace_back(name);
        }
    }
    return names;
}

// The record as the command prints it in --json, with what sync compares.
Json stamped(Json record, const std::string& uuid, const std::string& created_at,
             const std::string& updated_at) {
    record["uuid"] = uuid;
    record["created_at"] = created_at;
    record["updated_at"] = updated_at;
    return record;
}

// Prints the outcome: the names of the fields that changed, and the entry as it is now.
void report(Context& ctx, EntryId id, const std::vector<std::string>& changed, Json record,
            const std::string& table) {
    if (ctx.out.json) {
        ctx.out.emit(Json{{"edited", format_id(id)},
                          {"changed", changed},
                          {std::string(type_name(id.type)), std::move(record)}});
        return;
    }
    ctx.out.info(changed.empty()
                     ? fmt::format("{} already reads so; nothing changed", format_id(id))
                     : fmt::format("updated {}: {}", ctx.out.paint(Style::bold, format_id(id)),
                                   fmt::join(changed, ", ")));
    ctx.out.info(table);
}

int edit_interaction(Context& ctx, const EditOptions& o, EntryId id) {
    std::optional<Date> on;
    if (o.on) {
        on = past_date(*o.on, ctx.today, "an interaction");
    }
    std::optional<std::string> kind;
    if (o.kind) {
        kind = checked_kind(*o.kind, ctx.config);
    }
    if (o.note) {
        check_text("note", *o.note, TextRule::required);
    }
    checked_tags(o.tags);

    Journal& journal = ctx.journal(Journal::Mode::write);
    journal.read_unreadable_dates(); // an edit is how such a date is set right
    Journal::WriteTransaction tx(journal);
    const auto was = found_or_refused(journal.entries().interaction_by_id(id.number), id, "log");
    Interaction in = was;
    in.on = on.value_or(in.on);
    in.kind = kind.value_or(in.kind);
    if (o.note) {
        in.note = trim(*o.note);
    }
    edit_tags(in.tags, o.tags);
    if (o.them || o.me) {
        in.them = o.them;
    }
    refuse_unreadable(in.on == unreadable_date, id, "its date", "--on DATE");
    std::vector<std::string> changed = changed_fields({{"on", in.on != was.on},
                                                       {"kind", in.kind != was.kind},
                                                       {"note", in.note != was.note},
                                                       {"tags", in.tags != was.tags},
                                                       {"them", in.them != was.them}});
    if (!changed.empty()) {
        journal.entries().update_interaction(in);
        // A favour logged with the interaction carries its date (`add --gave/--got`):
        // it moves with it. One dated otherwise was set apart on purpose and stays.
        for (auto& f : in.favours) {
            if (f.on == was.on && in.on != was.on) {
                f.on = in.on;
                journal.entries().update_favour(f);
            }
        }
        tx.commit();
    }
    Interaction now = *journal.entries().interaction_by_id(id.number);
    report(ctx, id, changed,
           stamped(interaction_json(now), now.uuid, now.created_at, now.updated_at),
           interaction_table({now}, ctx.out));
    return 0;
}

int edit_ask(Context& ctx, const EditOptions& o, EntryId id) {
    if (o.what) {
        check_text("ask text", *o.what, TextRule::required);
    }
    std::optional<Date> on;
    if (o.on) {
        on = past_date(*o.on, ctx.today, "an ask event");
    }
    // --by "" and --via "" take the date or the person away.
    bool clear_by = o.by && trim(*o.by).empty();
    std::optional<Date> by;
    if (o.by && !clear_by) {
        by = parse_date(*o.by, ctx.today, DateSense::future);
    }
    if (o.note) {
        check_text("--note", *o.note, TextRule::optional);
    }

    Journal& journal = ctx.journal(Journal::Mode::write);
    journal.read_unreadable_dates(); // an edit is how such a date is set right
    Journal::WriteTransaction tx(journal);
    const auto was = found_or_refused(journal.entries().ask_by_id(id.number), id, "ask list --all");
    Ask ask = was;
    std::string aid = ask_id(ask.id);
    if (o.what) {
        ask.what = trim(*o.what);
    }
    ask.asked_on = on.value_or(ask.asked_on);
    if (o.by) {
        ask.by = by;
    }
    if (o.via && ask.direction == AskDirection::in) {
        throw usage_error(fmt::format("--via is for asks you make (someone introduces you); {} "
                                      "was asked of you; nothing changed",
                                      aid));
    }
    if (o.via && trim(*o.via).empty()) {
        ask.via_id.reset();
        ask.via.clear();
    } else if (o.via) {
        set_ask_via(journal, ask, *o.via);
    }
    if (o.note) {
        ask.note = trim(*o.note);
    }
    refuse_unreadable(ask.asked_on == unreadable_date, id, "the date it was asked", "--on DATE");
    refuse_unreadable(ask.by == unreadable_date, id, "the date it is needed by",
                      "--by DATE (or --by \"\")");
    refuse_unreadable(ask.replied_on == unreadable_date || ask.closed_on == unreadable_date, id,
                      "the date it was replied to or closed",
                      "the sqlite3 UPDATE that `netlog check` names");
    if (o.on || o.by || ask.due_on == unreadable_date) { // a due date is made of the others
        if (ask.by && *ask.by < ask.asked_on) {
            throw usage_error(fmt::format("--by {} is before {} was asked ({}); nothing changed",
                                          format_date(*ask.by), aid, format_date(ask.asked_on)));
        }
        for (auto [event, date] : {std::pair{std::string_view("replied to"), ask.replied_on},
                                   std::pair{to_string(ask.status), ask.closed_on}}) {
            if (date && *date < ask.asked_on) {
                throw usage_error(fmt::format("{} was {} on {}, before {}; nothing changed", aid,
                                              event, format_date(*date),
                                              format_date(ask.asked_on)));
            }
        }
        // The due date follows the dates it is made of; an edit of the text alone
        // leaves it as it was, even if the reply window has been configured anew since.
        if (!ask.nudged_on.empty() && ask.nudged_on.front() < ask.asked_on) {
            throw usage_error(fmt::format("{} was nudged on {}, before {}; nothing changed", aid,
                                          format_date(ask.nudged_on.front()),
                                          format_date(ask.asked_on)));
        }
        ask.due_on =
            ask_due_on(ask.direction, ask.asked_on, ask.by, ctx.config, ask.nudged_on);
    }
    std::vector<std::string> changed =
        changed_fields({{"what", ask.what != was.what},
                        {"asked_on", ask.asked_on != was.asked_on},
                        {"by", ask.by != was.by},
                        {"due_on", ask.due_on != was.due_on},
                        {"via", ask.via_id != was.via_id},
                        {"note", ask.note != was.note}});
    if (!changed.empty()) {
        journal.entries().update_ask(ask);
        tx.commit();
    }
    Ask now = *journal.entries().ask_by_id(id.number);
    Json record = ask_json(now);
    record["note"] = now.note;
    report(ctx, id, changed, stamped(record, now.uuid, now.created_at, now.updated_at),
           ask_table({now}, ctx.out, ctx.today));
    return 0;
}

int edit_favour(Context& ctx, const EditOptions& o, EntryId id) {
    if (o.what) {
        check_text("favour text", *o.what, TextRule::required);
    }
    if (o.weight) {
        check_weight(*o.weight);
    }
    std::optional<Date> on;
    if (o.on) {
        on = past_date(*o.on, ctx.today, "a favour");
    }

    Journal& journal = ctx.journal(Journal::Mode::write);
    journal.read_unreadable_dates(); // an edit is how such a date is set right
    Journal::WriteTransaction tx(journal);
    const auto was = found_or_refused(journal.entries().favour_by_id(id.number), id, "owe WHO");
    Favour favour = was;
    if (o.what) {
        favour.what = trim(*o.what);
    }
    favour.weight = o.weight.value_or(favour.weight);
    favour.on = on.value_or(favour.on);
    refuse_unreadable(favour.on == unreadable_date, id, "its date", "--on DATE");
    std::vector<std::string> changed = changed_fields({{"what", favour.what != was.what},
                                                       {"weight", favour.weight != was.weight},
                                                       {"on", favour.on != was.on}});
    if (!changed.empty()) {
        journal.entries().update_favour(favour);
        tx.commit();
    }
    Favour now = *journal.entries().favour_by_id(id.number);
    Table table({"ID", "DATE", "DIR", "WHO", "WEIGHT", "WHAT"},
                {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::left,
                 Table::Align::right, Table::Align::left});
    table.add_row({favour_id(now.id), format_date(now.on), std::string(to_string(now.direction)),
                   now.person, std::to_string(now.weight),
                   truncate_to_width(printable(now.what), 60)});
    report(ctx, id, changed, stamped(favour_json(now), now.uuid, now.created_at, now.updated_at),
           table.render(ctx.out));
    return 0;
}

int run_edit(Context& ctx, const EditOptions& opt) {
    EntryId id = parse_entry_id(trim(opt.id));
    check_options(opt, id);
    switch (id.type) {
    case EntryId::Type::interaction:
        return edit_interaction(ctx, opt, id);
    case EntryId::Type::ask:
        return edit_ask(ctx, opt, id);
    case EntryId::Type::favour:
        return edit_favour(ctx, opt, id);
    }
    return 0;
}

} // namespace

void setup_edit(CLI::App& app, Registry& registry) {
    auto opt = std::make_shared<EditOptions>();
    CLI::App* cmd = add_command(app, "edit",
                                "Amend an interaction, ask or favour in place, "
                                "keeping its id");
    cmd->footer(fmt::format("An interaction (i42) takes {}; an ask (a7) {}; a favour (f19) {}. "
                            "Last contact, balances and `due` follow the edit.",
                            one_of(options_for(EntryId::Type::interaction)),
                            one_of(options_for(EntryId::Type::ask)),
                            one_of(options_for(EntryId::Type::favour))));
    cmd->add_option("id", opt->id, "i42 (interaction), a7 (ask) or f19 (favour)")
        ->required()
        ->type_name("ID");
    cmd->add_option("--on", opt->on, "The new date it happened or was asked (never in the future)")
        ->type_name("DATE");
    cmd->add_option("--kind", opt->kind,
                    "Interaction: the new kind (meet, call, … or a configured one)")
        ->type_name("KIND");
    cmd->add_option("--note", opt->note,
                    "Interaction: the new note; ask: its note (\"\" clears it)")
        ->type_name("TEXT");
    cmd->add_option("--tag", opt->tags, "Interaction: add a tag (repeatable; -TAG removes it)")
        ->type_name("TAG")
        ->allow_extra_args(false);
    auto* them = cmd->add_flag("--them", opt->them, "Interaction: they reached out");
    cmd->add_flag("--me", opt->me, "Interaction: you reached out")->excludes(them);
    cmd->add_option("--what", opt->what, "Ask or favour: the new text")->type_name("TEXT");
    cmd->add_option("--weight", opt->weight, "Favour: the new weight (1–1000)")->type_name("N");
    cmd->add_option("--by", opt->by,
                    "Ask: when it is needed (\"\" for no date); moves its due date")
        ->type_name("DATE");
    cmd->add_option("--via", opt->via, "Ask you made: who introduces you (\"\" for nobody)")
        ->type_name("WHO");
    registry.on(cmd, [opt](Context& ctx) { return run_edit(ctx, *opt); });
}

} // namespace netlog
