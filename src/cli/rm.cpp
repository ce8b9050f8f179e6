// netlog rm ID… — remove interactions, asks or favours by id.
#include "context.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {

namespace {

int run_rm(Context& ctx, const std::vector<std::string>& ids) {
    std::vector<EntryId> entries;
    for (const auto& text : ids) {
        EntryId id = parse_entry_id(text);
        bool repeated = std::any_of(entries.begin(), entries.end(), [&](const EntryId& e) {
            return e.type == id.type && e.number == id.number;
        });
        if (!repeated) {
            entries.push_back(id);
        }
    }
    // Favours first: an interaction or an ask takes its favours with it, so in
    // `rm i3 f7` (f7 one of i3's) f7 must go before i3 does, not be missed after.
    std::vector<EntryId> order = entries;
    std::stable_partition(order.begin(), order.end(),
                          [](const EntryId& e) { return e.type == EntryId::Type::favour; });
    Journal& journal = ctx.journal(Journal::Mode::write);
    Journal::WriteTransaction tx(journal);
    for (const auto& id : order) {
        if (!journal.entries().remove_entry(id)) {
            throw usage_error(fmt::format("no entry {} in the journal (see `netlog log`, "
                                          "`netlog ask list --all`); nothing was removed",
                                          format_id(id)));
        }
    }
    tx.commit();
    Json removed = Json::array();
    for (const auto& id : entries) {
        removed.push_back(format_id(id));
    }
    if (ctx.out.json) {
        ctx.out.emit(Json{{"removed", removed}});
    } else {
        for (const auto& id : removed) {
            ctx.out.info(fmt::format("removed {}", id.get<std::string>()));
        }
    }
    return 0;
}

} // namespace

void setup_rm(CLI::App& app, Registry& registry) {
    auto ids = std::make_shared<std::vector<std::string>>();
    CLI::App* cmd = add_command(app, "rm", "Remove an interaction, ask or favour by its id");
    cmd->add_option("id", *ids, "i42 (interaction, with its favours), a7 (ask), f19 (favour)")
        ->required()
        ->type_name("ID…");
    registry.on(cmd, [ids](Context& ctx) { return run_rm(ctx, *ids); });
}

} // namespace netlog
