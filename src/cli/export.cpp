// netlog export — the whole journal as JSON Lines on stdout, written as it is read.
#include "context.hpp"

#include "netlog/error.hpp"
#include "netlog/io.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace netlog {

void setup_export(CLI::App& app, Registry& registry) {
    CLI::App* cmd = add_command(app, "export",
                                "Everything in the journal as JSON Lines, to stdout (for "
                                "`import json` on another machine, or scripts)");
    registry.on(cmd, [](Context& ctx) {
        Journal& journal = ctx.journal(Journal::Mode::read);
        auto write = [](const Json& record) {
            std::string line = export_line(record);
            std::fwrite(line.data(), 1, line.size(), stdout);
        };
        write(export_header(schema_version, utc_timestamp_now()));
        journal.export_records(write);
        if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
            throw journal_error(fmt::format("cannot write the export: {}; nothing is complete "
                                            "on stdout",
                                            std::strerror(errno)));
        }
        return 0;
    });
}

} // namespace netlog
