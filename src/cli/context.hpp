// What a command gets: the config, today, the output sink and the journal.
#pragma once

#include "output.hpp"

#include "netlog/config.hpp"
#include "netlog/dates.hpp"
#include "netlog/journal.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace netlog {

// The global options, accepted before or after the command.
struct GlobalOptions {
    std::string journal;
    std::string config;
    bool journal_given = false;  // even as "", which is refused, not taken for "not given"
    bool config_given = false;
    std::string color;  // "" = not given
    std::string today;
    bool json = false;
    bool quiet = false;
};

class Context {
public:
    GlobalOptions global;
    Config config;
    Date today;
    // The clock, read once at start (UTC, milliseconds): the created_at, updated_at and
    // deleted_at of every row this command writes, and export's exported_at.
    std::string now;
    Output out;
    std::filesystem::path journal_path;

    // The journal, opened once per command. Reads never create it.
    Journal& journal(Journal::Mode mode);

private:
    std::optional<Journal> m_journal;
    std::optional<Journal::Mode> m_mode;
};

// What each command file registers: its CLI11 subcommand and the function that
// runs it once the whole command line is parsed and the context is ready.
using Runner = std::function<int(Context&)>;
struct Registry {
    std::vector<std::pair<CLI::App*, Runner>> runners;
    void on(CLI::App* app, Runner run) { runners.emplace_back(app, std::move(run)); }
    // What a command sets on the output before the config is read, so that it holds
    // from the first line on: `due --digest` holds back even the config's warnings.
    std::vector<std::pair<CLI::App*, std::function<void(Output&)>>> output_setups;
    void before_config(CLI::App* app, std::function<void(Output&)> setup) {
        output_setups.emplace_back(app, std::move(setup));
    }
};

// An error's message as netlog prints it: what happened (what()) and, for an error
// that names a remedy, which command or option fixes it. The store only names the
// remedy (netlog/error.hpp); its words, with the options and commands, are the CLI's.
std::string error_message(const Error& e);

// A subcommand with netlog's conventions: global options may follow it.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description);

// Each command file's setup (one per file in src/cli/).
void setup_add(CLI::App& app, Registry& registry);
void setup_log(CLI::App& app, Registry& registry);
void setup_rm(CLI::App& app, Registry& registry);
void setup_edit(CLI::App& app, Registry& registry);    // src/cli/edit.cpp
void setup_people(CLI::App& app, Registry& registry);
void setup_show(CLI::App& app, Registry& registry);
void setup_ask(CLI::App& app, Registry& registry);     // src/cli/ask.cpp
void setup_who(CLI::App& app, Registry& registry);     // src/cli/who.cpp
void setup_due(CLI::App& app, Registry& registry);     // src/cli/due.cpp
void setup_owe(CLI::App& app, Registry& registry);     // src/cli/owe.cpp
void setup_audit(CLI::App& app, Registry& registry);   // src/cli/audit.cpp
void setup_import(CLI::App& app, Registry& registry);  // src/cli/import.cpp
void setup_capture(CLI::App& import, Registry& registry); // src/cli/capture.cpp: import mail|calendar
void setup_export(CLI::App& app, Registry& registry);  // src/cli/export.cpp
void setup_check(CLI::App& app, Registry& registry);   // src/cli/check.cpp
void setup_backup(CLI::App& app, Registry& registry);  // src/cli/check.cpp

} // namespace netlog
