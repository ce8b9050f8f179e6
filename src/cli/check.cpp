// netlog check — integrity of the journal, silent when all is well;
// netlog backup FILE — a consistent copy of it.
#include "context.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

namespace netlog {

void setup_check(CLI::App& app, Registry& registry) {
    CLI::App* cmd = add_command(app, "check", "Check the journal's integrity and totals "
                                              "(silent when all is well)");
    registry.on(cmd, [](Context& ctx) {
        auto problems = ctx.journal(Journal::Mode::read).check();
        if (ctx.out.json) {
            ctx.out.emit(Json{{"ok", problems.empty()}, {"problems", problems}});
        } else {
            // Like every error: on stderr, one line each, starting "netlog: ".
            for (const auto& p : problems) {
                fmt::print(stderr, "netlog: {}\n", printable(p));
            }
        }
        return problems.empty() ? exit_ok : exit_journal;
    });
}

void setup_backup(CLI::App& app, Registry& registry) {
    auto file = std::make_shared<std::string>();
    CLI::App* cmd = add_command(app, "backup", "Write a consistent copy of the journal to FILE");
    cmd->add_option("file", *file, "Where to write the copy (must not exist)")
        ->required()
        ->type_name("FILE");
    registry.on(cmd, [file](Context& ctx) {
        ctx.journal(Journal::Mode::read).backup(*file);
        if (ctx.out.json) {
            ctx.out.emit(Json{{"backup", *file}});
        } else {
            ctx.out.info(fmt::format("backed up {} to {}", printable(ctx.journal_path.string()),
                                     printable(*file)));
        }
        return 0;
    });
}

} // namespace netlog
