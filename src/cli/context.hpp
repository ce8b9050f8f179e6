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
};

// A subcommand with netlog's conventions: global options may follow it.
CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description);

// Each command file's setup (one per file in src/cli/).
void setup_add(CLI::App& app, Registry& registry);
void setup_log(CLI::App& app, Registry& registry);
void setup_rm(CLI::App& app, Registry& registry);
void setup_people(CLI::App& app, Registry& registry);
void setup_show(CLI::App& app, Registry& registry);

} // namespace netlog
