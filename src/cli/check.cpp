// netlog check — integrity of the journal, silent when all is well;
// netlog backup FILE — a consistent copy of it.
#include "context.hpp"
#include "progress.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {

namespace {

// A problem `check` found, with the command that sets it right.
std::string problem_text(const CheckProblem& problem) {
    using Fix = CheckProblem::Fix;
    const std::string& record = problem.record;
    std::string command;
    switch (problem.fix) {
    case Fix::none: return problem.what;
    case Fix::person_added: command = "netlog people set " + record + " --added YYYY-MM-DD"; break;
    case Fix::person_snooze: command = "netlog people set " + record + " --snooze off"; break;
    case Fix::entry_on: command = "netlog edit " + record + " --on YYYY-MM-DD"; break;
    case Fix::ask_due: command = "netlog edit " + record + " --on " + problem.detail; break;
    case Fix::ask_by: command = "netlog edit " + record + " --by YYYY-MM-DD"; break;
    case Fix::by_hand:
        return problem.what + "; after `netlog backup`, set it right in the sqlite3 shell: " +
               problem.detail;
    }
    return problem.what + "; set it right with `" + command + "`";
}

std::vector<std::string> problem_texts(const std::vector<CheckProblem>& problems) {
    std::vector<std::string> texts;
    texts.reserve(problems.size());
    for (const auto& p : problems) {
        texts.push_back(problem_text(p));
    }
    return texts;
}

// `check --salvage OUT`: the report of what was copied and what was lost.
int run_salvage(Context& ctx, const std::string& out) {
    SalvageReport report = JournalMaintenance::salvage(ctx.journal_path, out);
    long long lost_rows = 0;
    bool gaps = !report.lost.empty();
    Json tables = Json::object();
    std::vector<std::string> lines;
    for (const auto& t : report.tables) {
        lost_rows += t.dropped + t.orphans;
        gaps = gaps || !t.gaps.empty() || t.unreadable;
        tables[t.name] = Json{{"copied", t.copied}, {"dropped", t.dropped},
                              {"orphans", t.orphans}, {"unlinked", t.unlinked},
                              {"damaged_after", t.gaps}, {"unreadable", t.unreadable}};
        std::string line = fmt::format("  {:<20} {} read", t.name, t.copied);
        if (t.dropped > 0) {
            line += fmt::format(", {} garbled rows dropped", t.dropped);
        }
        if (t.orphans > 0) {
            line += fmt::format(", {} of them dropped because what they name was lost", t.orphans);
        }
        if (t.unlinked > 0) {
            line += fmt::format(", {} kept with a lost reference cleared", t.unlinked);
        }
        for (const auto& gap : t.gaps) {
            line += fmt::format("; damaged pages skipped {} (rows there are lost)",
                                gap == "from the start" ? gap : "after row " + gap.substr(6));
        }
        if (t.unreadable) {
            line += "; the rest could not be read";
        }
        lines.push_back(line);
    }
    const std::vector<std::string> problems = problem_texts(report.problems);
    bool whole = !gaps && lost_rows == 0 && problems.empty();
    if (ctx.out.json) {
        ctx.out.emit(Json{{"salvage", out},
                          {"journal", ctx.journal_path.string()},
                          {"complete", whole},
                          {"opened", report.opened},
                          {"tables", tables},
                          {"lost", report.lost},
                          {"problems", problems}});
    } else {
        std::string text = fmt::format("salvaged {} into {}{}:\n",
                                        printable(ctx.journal_path.string()), printable(out),
                                        report.opened.empty() ? "" : " (read " + report.opened + ")");
        for (const auto& line : lines) {
            text += line + "\n";
        }
        for (const auto& lost : report.lost) {
            text += "  lost: " + printable(lost) + "\n";
        }
        for (const auto& p : problems) {
            text += "  the new journal: " + printable(p) + "\n";
        }
        text += whole ? "every row was read; the totals were recomputed\n"
                      : "some rows were lost (above); the totals were recomputed from what "
                        "was read — check the new journal, then use it with --journal\n";
        ctx.out.print(text);
    }
    return 0;
}

int run_check(Context& ctx, bool full) {
    Journal& journal = ctx.journal(Journal::Mode::read);
    std::vector<std::string> problems;
    {
        Progress progress(ctx.out, "check", Progress::Unit::steps);
        journal.set_progress([&](std::uint64_t done, std::uint64_t total) {
            progress.update(done, total);
        });
        problems = problem_texts(journal.maintenance().check(full));
        journal.set_progress(nullptr);
    }
    bool damaged = std::any_of(problems.begin(), problems.end(),
                               [](const std::string& p) { return p.starts_with("integrity: "); });
    if (damaged) {
        problems.push_back(error_message(damaged_journal_error(ctx.journal_path, "see above")));
        if (!known_damage(ctx.journal_path)) {
            remember_damage(ctx.journal_path,
                            fmt::format("found on {} by netlog check", format_date(ctx.today)));
        }
    } else if (auto damage = known_damage(ctx.journal_path)) {
        forget_damage(ctx.journal_path);
        if (!ctx.out.quiet && !ctx.out.json) {
            fmt::print(stderr, "netlog: the journal reads whole again (damage {}): writes "
                               "are allowed again\n",
                       printable(*damage));
        }
    }
    if (ctx.out.json) {
        ctx.out.emit(Json{{"ok", problems.empty()}, {"problems", problems}});
    } else {
        // Like every error: on stderr, one line each, starting "netlog: ".
        for (const auto& p : problems) {
            fmt::print(stderr, "netlog: {}\n", printable(p));
        }
    }
    return problems.empty() ? exit_ok : exit_journal;
}

} // namespace

void setup_check(CLI::App& app, Registry& registry) {
    CLI::App* cmd = add_command(app, "check", "Check the journal's integrity and totals "
                                              "(silent when all is well)");
    auto salvage = std::make_shared<std::string>();
    cmd->add_option("--salvage", *salvage,
                    "Copy every row that can be read from a damaged journal into the new "
                    "journal OUT, and say what was lost")
        ->type_name("OUT");
    auto full = std::make_shared<bool>(false);
    cmd->add_flag("--full", *full,
                  "Also compare every index with its table (SQLite's integrity_check; "
                  "slower)");
    registry.on(cmd, [salvage, full, cmd](Context& ctx) -> int {
        return cmd->count("--salvage") > 0 ? run_salvage(ctx, *salvage) : run_check(ctx, *full);
    });
}

namespace {

int run_backup(Context& ctx, const std::string& file) {
    Journal& journal = ctx.journal(Journal::Mode::read);
    {
        Progress progress(ctx.out, "backup", Progress::Unit::bytes);
        journal.set_progress([&](std::uint64_t done, std::uint64_t total) {
            progress.update(done, total);
        });
        try {
            journal.maintenance().backup(file);
        } catch (...) {
            journal.set_progress(nullptr);
            throw;
        }
        journal.set_progress(nullptr);
    }
    if (ctx.out.json) {
        ctx.out.emit(Json{{"backup", file}});
    } else {
        ctx.out.info(fmt::format("backed up {} to {} (the copy was checked)",
                                 printable(ctx.journal_path.string()), printable(file)));
    }
    return 0;
}

} // namespace

void setup_backup(CLI::App& app, Registry& registry) {
    auto file = std::make_shared<std::string>();
    CLI::App* cmd = add_command(app, "backup", "Write a consistent copy of the journal to FILE");
    cmd->add_option("file", *file, "Where to write the copy (must not exist)")
        ->required()
        ->type_name("FILE");
    registry.on(cmd, [file](Context& ctx) { return run_backup(ctx, *file); });
}

} // namespace netlog
