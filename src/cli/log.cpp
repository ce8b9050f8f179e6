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
    for (const auto& in : interactions) {
        std::string with;
        for (const auto& h : in.people) {
            with += (with.empty() ? "" : ",") + h;
        }
        std::string note = truncate_to_width(printable(in.note), 60);
        for (const auto& f : in.favours) {
            note += fmt::format(" [{} {} {}]", f.direction == Direction::gave ? "gave" : "got",
                                f.person, truncate_to_width(printable(f.what), 30));
        }
        table.add_row({interaction_id(in.id), format_date(in.on), in.kind + (in.them ? "*" : ""),
                       with, note});
    }
    return table.render(out);
}

void setup_log(CLI::App& app, Registry& registry) {
    struct LogOptions {
        std::string who;
        std::string since;
        int limit = 20;
    };
    auto opt = std::make_shared<LogOptions>();
    CLI::App* cmd = add_command(app, "log", "Recent interactions, newest first, with their ids");
    cmd->add_option("who", opt->who, "Only interactions with this person")->type_name("WHO");
    cmd->add_option("--since", opt->since, "Only interactions on or after DATE")->type_name("DATE");
    cmd->add_option("--limit", opt->limit, "At most N interactions (default 20)")->type_name("N");
    registry.on(cmd, [opt](Context& ctx) {
        if (opt->limit < 1) {
            throw usage_error(fmt::format("--limit {} must be at least 1", opt->limit));
        }
        std::optional<Date> since;
        if (!opt->since.empty()) {
            since = parse_date(opt->since, ctx.today, DateSense::past);
        }
        Journal& journal = ctx.journal(Journal::Mode::read);
        std::optional<std::int64_t> person;
        if (!opt->who.empty()) {
            person = resolve_person(journal, opt->who).id;
        }
        auto interactions = journal.recent_interactions(person, since, opt->limit);
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
    });
}

} // namespace netlog
