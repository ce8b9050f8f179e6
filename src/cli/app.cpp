// run(): the command line, the context every command gets, and the one place
// where errors become "netlog: …" and an exit code.
#include "context.hpp"

#include "netlog/error.hpp"
#include "netlog/run.hpp"
#include "netlog/text.hpp"
#include "netlog/version.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace netlog {

CLI::App* add_command(CLI::App& parent, const std::string& name, const std::string& description) {
    CLI::App* app = parent.add_subcommand(name, description);
    app->fallthrough();
    return app;
}

Journal& Context::journal(Journal::Mode mode) {
    if (!m_journal || (mode == Journal::Mode::write && m_mode == Journal::Mode::read)) {
        m_journal.reset();
        m_journal = Journal::open(journal_path, mode);
        m_mode = mode;
    }
    return *m_journal;
}

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? value : "";
}

std::string home_dir() {
    std::string home = env("HOME");
    if (home.empty()) {
        throw config_error("HOME is not set; set it, or give --journal and --config");
    }
    return home;
}

fs::path xdg_dir(const char* variable, const char* fallback) {
    std::string dir = env(variable);
    // The XDG spec: a relative path in these variables is invalid and ignored.
    if (dir.empty() || dir.front() != '/') {
        return fs::path(home_dir()) / fallback;
    }
    return dir;
}

// Resolves config, journal path, today and colour from the global options,
// the environment and the config file, in the order netlog(1) documents.
void prepare(Context& ctx) {
    std::vector<std::string> warnings;
    fs::path config_path;
    bool explicit_config = true;
    if (!ctx.global.config.empty()) {
        config_path = ctx.global.config;
    } else if (!env("NETLOG_CONFIG").empty()) {
        config_path = env("NETLOG_CONFIG");
    } else {
        config_path = xdg_dir("XDG_CONFIG_HOME", ".config") / "netlog" / "config.toml";
        explicit_config = false;
    }
    std::error_code ec;
    if (explicit_config && !fs::exists(config_path, ec)) {
        throw config_error(fmt::format("config {} does not exist; create it or drop --config/"
                                       "NETLOG_CONFIG to use the defaults",
                                       config_path.string()));
    }
    std::string home = env("HOME");
    ctx.config = load_config(config_path, home, warnings);

    std::string color = ctx.global.color;
    if (color.empty() && ctx.config.color != "auto") {
        color = ctx.config.color;
    }
    if (color == "always") {
        ctx.out.color = true;
    } else if (color == "never") {
        ctx.out.color = false;
    } else {
        ctx.out.color = env("NO_COLOR").empty() && env("TERM") != "dumb" && ::isatty(1);
    }
    if (ctx.out.json) {
        ctx.out.color = false;
    }
    for (const auto& w : warnings) {
        ctx.out.warn(w);
    }

    std::string today = !ctx.global.today.empty() ? ctx.global.today : env("NETLOG_TODAY");
    Date real_today = local_today();
    ctx.today = today.empty() ? real_today : parse_date(today, real_today, DateSense::past);

    if (!ctx.global.journal.empty()) {
        ctx.journal_path = ctx.global.journal;
    } else if (!env("NETLOG_JOURNAL").empty()) {
        ctx.journal_path = env("NETLOG_JOURNAL");
    } else if (ctx.config.journal) {
        ctx.journal_path = *ctx.config.journal;
    } else {
        ctx.journal_path = xdg_dir("XDG_DATA_HOME", ".local/share") / "netlog" / "journal.db";
    }
}

// The deepest subcommand the user chose, e.g. `people add` rather than `people`.
CLI::App* chosen_command(CLI::App& app) {
    CLI::App* current = &app;
    for (;;) {
        auto chosen = current->get_subcommands();
        if (chosen.empty()) {
            return current;
        }
        current = chosen.front();
    }
}

std::string command_path(const CLI::App* app) {
    std::string path;
    for (; app && app->get_parent(); app = app->get_parent()) {
        path = path.empty() ? app->get_name() : app->get_name() + " " + path;
    }
    return path;
}

// A command's option names, each long name then its short ones: --help -h --on …
std::vector<std::string> option_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::Option* opt : app.get_options()) {
        if (opt->nonpositional()) {
            for (const auto& name : opt->get_lnames()) {
                names.push_back("--" + name);
            }
            for (const auto& name : opt->get_snames()) {
                names.push_back("-" + name);
            }
        }
    }
    return names;
}

// `netlog _commands`: every command and its options, one command a line, for the
// completion scripts and the test that keeps the docs in step with the code. The
// first line, with no command words, holds netlog's global options.
void list_commands(const CLI::App& app, std::ostream& os) {
    if (!app.get_parent()) {
        std::string sep;
        for (const auto& name : option_names(app)) {
            os << sep << name;
            sep = " ";
        }
        os << '\n';
    }
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_name().front() == '_') {
            continue;  // the scripting commands themselves
        }
        os << command_path(sub);
        for (const auto& name : option_names(*sub)) {
            os << ' ' << name;
        }
        os << '\n';
        list_commands(*sub, os);
    }
}

std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return printable(trim(text));
}

} // namespace

int run(int argc, char** argv) {
    // A write past `ulimit -f` must fail as an I/O error that we report, not kill us.
    std::signal(SIGXFSZ, SIG_IGN);

    for (int i = 1; i < argc; ++i) {
        if (!is_valid_utf8(argv[i])) {
            fmt::print(stderr, "netlog: argument {} is not valid UTF-8\n", i);
            return exit_usage;
        }
    }

    Context ctx;
    CLI::App app{"netlog keeps a private journal of real professional relationships: who you "
                 "met, what you asked and gave, and whom you owe a reply.",
                 "netlog"};
    app.fallthrough();
    // One command per run. Without this CLI11 takes a later word that names a command
    // for a second command: `help add` would run `add`, `people log` would list everyone
    // and ignore `log`. With it, such a word is the first command's argument (inherited by
    // every subcommand: `people add set` adds a person named "set").
    app.require_subcommand(0, 1);
    app.footer("Run `netlog help COMMAND` for a command's options; `man netlog` for everything.");
    app.set_help_flag("-h,--help", "Print help and exit (also: netlog help COMMAND)");
    app.add_option("-j,--journal", ctx.global.journal, "Journal file (NETLOG_JOURNAL)")
        ->type_name("PATH");
    app.add_option("-c,--config", ctx.global.config, "Config file (NETLOG_CONFIG)")
        ->type_name("PATH");
    app.add_flag("--json", ctx.global.json, "Machine-readable output: one JSON document");
    app.add_option("--color", ctx.global.color, "Colour: auto, always or never (NO_COLOR is respected)")
        ->type_name("WHEN")
        ->check(CLI::IsMember({"auto", "always", "never"}));
    app.add_option("--today", ctx.global.today, "Act as if today were DATE (NETLOG_TODAY)")
        ->type_name("DATE");
    app.add_flag("-q,--quiet", ctx.global.quiet, "Print nothing but errors and what was asked for");
    bool show_version = false;
    app.add_flag("-V,--version", show_version, "Print the version and the git revision");

    Registry registry;
    setup_add(app, registry);
    setup_ask(app, registry);
    setup_who(app, registry);
    setup_owe(app, registry);
    setup_due(app, registry);
    setup_audit(app, registry);
    setup_people(app, registry);
    setup_show(app, registry);
    setup_log(app, registry);
    setup_rm(app, registry);
    setup_edit(app, registry);
    setup_import(app, registry);
    setup_export(app, registry);
    setup_check(app, registry);
    setup_backup(app, registry);

    std::vector<std::string> help_topic;
    CLI::App* help = add_command(app, "help", "Show help for netlog or one of its commands");
    help->add_option("command", help_topic, "The command, e.g. `people add`");
    CLI::App* commands = add_command(app, "_commands", "");
    commands->group("");  // hidden: for completion scripts and doc checks
    // `_handles` and `_asks` feed the completion scripts, which run them on every TAB:
    // with no journal yet they print nothing rather than an error.
    CLI::App* handles = add_command(app, "_handles", "");
    handles->group("");
    registry.on(handles, [](Context& c) {
        std::error_code ec;
        if (!fs::exists(c.journal_path, ec)) {
            return 0;
        }
        for (const auto& [handle, name] : c.journal(Journal::Mode::read).person_names()) {
            c.out.print(printable(handle));
        }
        return 0;
    });
    CLI::App* asks = add_command(app, "_asks", "");  // the ids of open (or replied) asks
    asks->group("");
    registry.on(asks, [](Context& c) {
        std::error_code ec;
        if (!fs::exists(c.journal_path, ec)) {
            return 0;
        }
        Journal::AskFilter open;
        open.open_only = true;
        for (const Ask& ask : c.journal(Journal::Mode::read).list_asks(open)) {
            c.out.print(ask_id(ask.id));
        }
        return 0;
    });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp&) {
        std::cout << app.help();
        return exit_ok;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << app.help("", CLI::AppFormatMode::All);
        return exit_ok;
    } catch (const CLI::ParseError& e) {
        CLI::App* where = chosen_command(app);
        std::string path = command_path(where);
        fmt::print(stderr, "netlog: {} (see `netlog {}--help`)\n", one_line(e.what()),
                   path.empty() ? "" : path + " ");
        return exit_usage;
    }

    if (show_version) {
        fmt::print("netlog {} ({})\n", version, git_revision);
        return exit_ok;
    }
    CLI::App* chosen = chosen_command(app);
    if (chosen == &app) {
        std::cout << app.help();
        return exit_ok;
    }
    if (chosen == help) {
        CLI::App* topic = &app;
        for (const auto& word : help_topic) {
            try {
                topic = topic->get_subcommand(word);
            } catch (const CLI::OptionNotFound&) {
                fmt::print(stderr, "netlog: no command '{}' (see `netlog --help`)\n",
                           printable(word));
                return exit_usage;
            }
        }
        // App::help() would describe the chosen `help` command instead of netlog itself.
        std::string parent = topic == &app ? "" : command_path(topic->get_parent());
        std::cout << (topic == &app ? app.get_formatter()->make_help(&app, "netlog",
                                                                     CLI::AppFormatMode::Normal)
                                    : topic->help(parent.empty() ? "netlog" : "netlog " + parent));
        return exit_ok;
    }
    if (chosen == commands) {
        list_commands(app, std::cout);
        return exit_ok;
    }

    ctx.out.json = ctx.global.json;
    ctx.out.quiet = ctx.global.quiet;
    for (const auto& [command, setup] : registry.output_setups) {
        if (command == chosen) {
            setup(ctx.out);
        }
    }
    try {
        prepare(ctx);
        for (const auto& [command, runner] : registry.runners) {
            if (command == chosen) {
                int code = runner(ctx);
                std::fflush(stdout);
                return code;
            }
        }
        // A command group such as `people` without its own runner: show its help.
        std::cout << chosen->help();
        return exit_ok;
    } catch (const Error& e) {
        fmt::print(stderr, "netlog: {}\n", one_line(e.what()));
        return e.exit_code();
    } catch (const std::bad_alloc&) {
        fmt::print(stderr, "netlog: out of memory\n");
        return exit_journal;
    } catch (const std::exception& e) {
        fmt::print(stderr, "netlog: {}\n", one_line(translate_store_error(e, ctx.journal_path).what()));
        return exit_journal;
    }
}

} // namespace netlog
