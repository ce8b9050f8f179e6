// netlog export — the whole journal as JSON Lines on stdout, written as it is read.
#include "context.hpp"
#include "progress.hpp"

#include "netlog/error.hpp"
#include "netlog/io.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace netlog {
namespace {

int run_export(Context& ctx) {
    Journal& journal = ctx.journal(Journal::Mode::read);
    // The progress line (stderr on a terminal): records written of the total,
    // which export_records() announces first.
    Progress progress(ctx.out, "export", Progress::Unit::records);
    std::uint64_t written = 0;
    std::uint64_t total = 0;
    journal.set_progress([&total](std::uint64_t, std::uint64_t all) { total = all; });
    // The lines go into one buffer, written out a block at a time.
    std::string buffer = export_line(export_header(schema_version, ctx.now));
    constexpr std::size_t block = 1 << 16;
    buffer.reserve(2 * block);
    auto write_out = [&buffer] {
        std::fwrite(buffer.data(), 1, buffer.size(), stdout);
        buffer.clear();
    };
    auto write = [&](std::span<const ExportField> record) {
        append_export_line(buffer, record);
        if (buffer.size() >= block) {
            write_out();
        }
        progress.update(++written, total);
    };
    try {
        journal.sync().export_records(write);
    } catch (...) {
        journal.set_progress(nullptr);
        write_out(); // what was read, as before
        throw;
    }
    journal.set_progress(nullptr);
    write_out();
    progress.finish();
    if (std::fflush(stdout) != 0 || std::ferror(stdout)) {
        throw journal_error(fmt::format("cannot write the export: {}; nothing is complete "
                                        "on stdout",
                                        std::strerror(errno)));
    }
    return 0;
}

} // namespace

void setup_export(CLI::App& app, Registry& registry) {
    CLI::App* cmd = add_command(app, "export",
                                "Everything in the journal as JSON Lines, to stdout (for "
                                "`import json` on another machine, or scripts)");
    registry.on(cmd, [](Context& ctx) { return run_export(ctx); });
}

} // namespace netlog
