// netlog log [WHO] — recent interactions, newest first, with their ids.
#include "context.hpp"
#include "common.hpp"
#include "render.hpp"
#include "resolve.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

namespace netlog {

// The interactions as a table: id, date, kind, people, note (favours marked).
std::string interaction_table(const std::vector<Interaction>& interactions, const Output& out) {
    Table table({"ID", "DATE", "KIND", "WITH", "NOTE"});
    table.fit(3, 12);
    table.fit(4, 16);
    // On a terminal a long WITH list names the first people that fit and counts the rest:
    // "dana-li, sam +4".
    const int with_room = out.width > 0 ? std::max(16, out.width / 4) : 0;
    for (const auto& in : interactions) {
        std::string with;
        for (size_t i = 0; i < in.people.size(); ++i) {
            std::string next = (with.empty() ? "" : ", ") + in.people[i];
            std::string more = i + 1 < in.people.size()
                                   ? fmt::format(" +{}", in.people.size() - i - 1)
                                   : "";
            if (with_room > 0 && !with.empty() &&
                display_width(with + next + more) > with_room) {
                with += fmt::format(" +{}", in.people.size() - i);
                break;
            }
            with += next;
        }
        table.add_row({interaction_id(in.id), format_date(in.on), in.kind + (in.them ? "*" : ""),
                       with, printable(in.note)});
        for (const auto& f : in.favours) {
            table.add_detail(fmt::format("{} {} {}: {} ({})", favour_id(f.id), to_string(f.direction),
                                         f.person, printable(f.what), f.weight));
        }
    }
    return table.render(out);
}

struct LogOptions {
    std::string who;
    std::string since;
    int limit = 20;
};

namespace {

int run_log(Context& ctx, const LogOptions& o) {
    if (o.limit < 1) {
        throw usage_error(fmt::format("--limit {} must be at least 1", o.limit));
    }
    std::optional<Date> since;
    if (!o.since.empty()) {
        since = parse_date(o.since, ctx.today, DateSense::past);
    }
    Journal& journal = ctx.journal(Journal::Mode::read);
    std::optional<std::int64_t> person;
    if (!o.who.empty()) {
        person = resolve_person(journal, o.who).id;
    }
    auto interactions = journal.entries().recent_interactions(person, since, o.limit);
    if (ctx.out.json) {
        Json list = Json::array();
        for (const auto& in : interactions) {
            list.push_back(interaction_json(in));
        }
        ctx.out.emit(Json{{"interactions", list}});
        return 0;
    }
    if (interactions.empty()) {
        ctx.out.print("no interactions yet; log one with `netlog add WHO NOTE`");
        return 0;
    }
    ctx.out.print(interaction_table(interactions, ctx.out));
    return 0;
}

} // namespace

void setup_log(CLI::App& app, Registry& registry) {
    auto opt = std::make_shared<LogOptions>();
    CLI::App* cmd = add_command(app, "log", "Recent interactions, newest first, with their ids");
    cmd->add_option("who", opt->who, "Only interactions with this person")->type_name("WHO");
    cmd->add_option("--since", opt->since, "Only interactions on or after DATE")->type_name("DATE");
    cmd->add_option("--limit", opt->limit, "At most N interactions (default 20)")->type_name("N");
    registry.on(cmd, [opt](Context& ctx) { return run_log(ctx, *opt); });
}

} // namespace netlog
