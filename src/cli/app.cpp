// run(): the command line, the context every command gets, and the one place
// where errors become "netlog: …" and an exit code.
#include "context.hpp"

#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/run.hpp"
#include "netlog/text.hpp"
#include "netlog/version.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <ctime>
#include <map>
#include <optional>
#include <set>
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

namespace {

// "; give a file path with OPTION", "a plain file path" for a URI, and the path it
// refused as a file's name, when it names one.
std::string file_path_remedy(const char* option, bool plain, const std::string& path) {
    std::string text = fmt::format("; give a {}file path with {}", plain ? "plain " : "", option);
    if (!path.empty()) {
        text += fmt::format(" (./{} for a file of that name)", path);
    }
    return text;
}

} // namespace

std::string error_message(const Error& e) {
    std::string message = e.what();
    const char* journal_options = "--journal or NETLOG_JOURNAL";
    switch (e.remedy()) {
    case Remedy::none: break;
    case Remedy::choose_journal:
        message += " — point --journal or NETLOG_JOURNAL at your journal";
        break;
    case Remedy::journal_file_path:
        message += file_path_remedy(journal_options, false, e.subject());
        break;
    case Remedy::journal_plain_file_path:
        message += file_path_remedy(journal_options, true, e.subject());
        break;
    case Remedy::journal_option_file_path:
        message += file_path_remedy("--journal", false, e.subject());
        break;
    case Remedy::journal_option_plain_file_path:
        message += file_path_remedy("--journal", true, e.subject());
        break;
    case Remedy::argument_file_path:
        message += file_path_remedy("FILE", false, e.subject());
        break;
    case Remedy::argument_plain_file_path:
        message += file_path_remedy("FILE", true, e.subject());
        break;
    case Remedy::start_journal:
        message += "; start one with `netlog people add NAME` or `netlog add WHO NOTE --new`";
        break;
    case Remedy::salvage:
        message += "; netlog check --salvage OUT writes what can be read into a new journal";
        break;
    case Remedy::salvage_known:
        message += " — netlog check --salvage OUT writes what can be read into a new journal, "
                   "and netlog check forgets this once the journal reads whole";
        break;
    case Remedy::run_check: message += "; run `netlog check`"; break;
    case Remedy::check_names_fix:
        message += "; `netlog check` names the record and how to set it right";
        break;
    case Remedy::quote_search: message += ": netlog who '\"AND\"' '\"series a\"' rust*"; break;
    }
    return message;
}

Journal& Context::journal(Journal::Mode mode) {
    if (!m_journal || (mode == Journal::Mode::write && m_mode == Journal::Mode::read)) {
        m_journal.reset();
        m_journal = Journal::open(journal_path, mode);
        m_mode = mode;
        if (!now.empty()) {
            m_journal->set_clock(now);
        }
    }
    return *m_journal;
}

namespace {

// The local calendar date now: with `now` (utc_timestamp_now(), read next to it), the
// only reading of the clock (core is handed `today`, the journal `now`).
Date local_today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    if (localtime_r(&now, &local) == nullptr) // no usable time zone: fall back to UTC
        return Date{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::from_time_t(now))};
    return Date::from_ymd(local.tm_year + 1900, unsigned(local.tm_mon + 1),
                          unsigned(local.tm_mday));
}


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
    if (ctx.global.config_given && ctx.global.config.empty()) {
        throw usage_error("--config is empty; give the config file's path, or leave --config "
                          "out for NETLOG_CONFIG or the default");
    }
    if (ctx.global.journal_given) {
        check_file_path(ctx.global.journal, "journal", PathSource::journal_option);
    }
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
    ctx.now = utc_timestamp_now();

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

// A command that met damage in the journal leaves a note of it beside the journal, so
// that writes refuse it until `check` finds it whole (see remember_damage); the first
// finding is kept.
void remember_if_damaged(const Context& ctx, const Error& e, const std::string& command) {
    if (e.kind() == ErrorKind::damaged && !ctx.journal_path.empty() &&
        !known_damage(ctx.journal_path)) {
        remember_damage(ctx.journal_path,
                        fmt::format("found on {} by netlog {}", format_date(ctx.today), command));
    }
}

// `text` cut at its newlines (no empty last line for a final newline).
std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) {
            end = text.size();
        }
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
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

// Every command in the tree under `app`, `app` first.
void each_command(CLI::App& app, const std::function<void(CLI::App&)>& visit) {
    visit(app);
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        each_command(*sub, visit);
    }
}

// Numbers are decimal: CLI11 reads "010" as octal 8 and "0x10" as 16. Leading zeros
// are dropped ("010" is 10); anything but an optional sign and digits is refused.
std::string decimal_number(std::string& text) {
    std::string digits = trim(text);
    std::string sign;
    if (!digits.empty() && (digits.front() == '-' || digits.front() == '+')) {
        sign = digits.substr(0, 1) == "-" ? "-" : "";
        digits.erase(0, 1);
    }
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(),
                                       [](char c) { return c >= '0' && c <= '9'; })) {
        return fmt::format("'{}' is not a whole number (give decimal digits, e.g. 3)", printable(text));
    }
    std::size_t first = std::min(digits.find_first_not_of('0'), digits.size() - 1);
    text = sign + digits.substr(first);
    return "";
}

// What the command line can hold: option names (with whether they take a value)
// and command names, over every command.
struct Vocabulary {
    std::map<std::string, bool> options;  // "--tier" -> takes a value
    std::set<std::string> commands;
};

Vocabulary vocabulary(CLI::App& app) {
    Vocabulary words;
    each_command(app, [&](CLI::App& command) {
        if (command.get_parent()) {
            words.commands.insert(command.get_name());
        }
        for (const CLI::Option* opt : command.get_options()) {
            bool value = opt->get_type_size_max() > 0;
            for (const auto& name : opt->get_lnames()) {
                words.options["--" + name] = value;
            }
            for (const auto& name : opt->get_snames()) {
                words.options["-" + name] = value;
            }
        }
    });
    return words;
}

// netlog's `--` names a person whose handle is a command word: `people set -- add
// --tier inner`. For CLI11 every word after `--` is an argument, --tier included, so
// the options that follow such a name (and their values) are moved before the `--`.
void options_before_separator(std::vector<std::string>& args, const Vocabulary& words) {
    auto separator = std::find(args.begin(), args.end(), "--");
    if (separator == args.end() || separator + 1 == args.end() ||
        !words.commands.contains(*(separator + 1))) {
        return;
    }
    std::vector<std::string> moved, kept;
    for (auto it = separator + 2; it != args.end(); ++it) {
        std::string name = it->substr(0, it->find('='));
        auto known = words.options.find(name);
        if (known == words.options.end()) {
            kept.push_back(*it);
            continue;
        }
        moved.push_back(*it);
        if (known->second && name == *it && it + 1 != args.end()) {
            moved.push_back(*++it);
        }
    }
    std::vector<std::string> result(args.begin(), separator);
    result.insert(result.end(), moved.begin(), moved.end());
    result.insert(result.end(), separator, separator + 2);
    result.insert(result.end(), kept.begin(), kept.end());
    args = std::move(result);
}

// The closest of `candidates` to `typed`, if it is close enough to be a likely typo.
std::optional<std::string> closest(const std::string& typed, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    if (typed.size() <= 2) {
        return best;  // `-x`: any short option is as close as any other
    }
    int best_distance = std::max(2, static_cast<int>(typed.size()) / 3) + 1;
    for (const auto& candidate : candidates) {
        int distance = edit_distance(typed, candidate);
        if (candidate.starts_with(typed) && typed.size() > 2) {
            distance = std::min(distance, 1);  // `--with` for `--within`
        }
        if (distance < best_distance && distance < static_cast<int>(candidate.size())) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

// The words of the command line CLI11 did not take, in the order they were typed.
std::vector<std::string> not_understood(CLI::App& app, const std::vector<std::string>& typed) {
    std::vector<std::string> left = app.remaining(true);
    std::vector<std::string> in_order;
    bool options_ended = false;
    for (const auto& word : typed) {
        auto found = std::find(left.begin(), left.end(), word);
        if (word == "--" && !options_ended) {
            options_ended = true;
        } else if (found != left.end()) {
            in_order.push_back(word);
            left.erase(found);
        }
    }
    in_order.insert(in_order.end(), left.begin(), left.end());
    return in_order;
}

// "netlog: …" for the words CLI11 could not place: an unknown command or option named,
// with the closest one there is; extra words after `add WHO NOTE` are a note to quote.
std::string extras_message(CLI::App& app, CLI::App* where, const std::vector<std::string>& extras) {
    std::string path = command_path(where);
    std::string help = fmt::format("see `netlog {}--help`", path.empty() ? "" : path + " ");
    std::string listed;
    for (const auto& word : extras) {
        listed += (listed.empty() ? "'" : ", '") + printable(word) + "'";
    }
    const std::string& first = extras.front();
    if (first.size() > 1 && first.front() == '-') {
        std::vector<std::string> names = option_names(*where);
        for (const auto& name : option_names(app)) {
            names.push_back(name);
        }
        std::string typed = first.substr(0, first.find('='));
        auto near = closest(typed, names);
        return fmt::format("{}did not understand {} — no option {}{} ({})",
                           path.empty() ? "" : path + ": ", listed, printable(typed),
                           near ? fmt::format("; did you mean `{}`?", *near) : "", help);
    }
    if (where == &app) {
        std::vector<std::string> names;
        for (const CLI::App* sub : app.get_subcommands([](const CLI::App* a) {
                 return !a->get_name().starts_with('_');
             })) {
            names.push_back(sub->get_name());
        }
        auto near = closest(first, names);
        return fmt::format("did not understand {} — no command '{}'{} ({})", listed,
                           printable(first), near ? fmt::format("; did you mean `{}`?", *near) : "",
                           help);
    }
    if (path == "add") {
        return fmt::format("add takes one NOTE, but {} followed it: quote the note, as in "
                           "`netlog add WHO \"met at the fair\"`",
                           listed);
    }
    return fmt::format("{}: did not understand {}: too many arguments; quote a text of several "
                       "words ({})",
                       path, listed, help);
}

// Help text fit to the terminal: a line too wide wraps under its description (the
// text after the gap of two or more spaces that follows an option or command name).
constexpr int help_column = 30;  // CLI11's Formatter::column_width() by default

std::string fit_help(const std::string& help) {
    int width = output_width();
    if (width <= 0) {
        return help;
    }
    std::string result;
    for (const auto& line : split_lines(help)) {
        std::size_t first = line.find_first_not_of(' ');
        std::size_t gap = first == std::string::npos ? std::string::npos : line.find("  ", first);
        std::size_t description = gap == std::string::npos ? std::string::npos
                                                           : line.find_first_not_of(' ', gap);
        // An option too long for its column has one space before its description:
        // wrap under the column where the others' descriptions start.
        // A paragraph (a description, the footer) starts at column 0 and wraps there.
        int indent = first == 0 ? 0
                     : description != std::string::npos && static_cast<int>(description) < width / 2
                         ? static_cast<int>(description)
                         : std::min(help_column, width / 2);
        result += wrap(line, width, indent);
        result += '\n';
    }
    return result;
}

std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\n') {
            c = ' ';
        }
    }
    return printable(trim(text));
}

// `_handles PREFIX` (completion): the handles of the people whose handle or name
// starts with PREFIX, in any case and without accents (`José`, `Da`, `М`); nothing
// without a journal.
int run_handles(Context& c, const std::string& prefix) {
    std::error_code ec;
    if (!fs::exists(c.journal_path, ec)) {
        return 0;
    }
    std::string typed = loose_fold(prefix);
    std::string typed_handle = loose_fold(handle_base(prefix));
    for (const auto& [handle, name] : c.journal(Journal::Mode::read).people().person_names()) {
        std::string key = loose_fold(name);
        std::string handle_key = loose_fold(handle);
        bool match = typed.empty() || handle.starts_with(prefix) ||
                     (!typed_handle.empty() && handle_key.starts_with(typed_handle)) ||
                     key.starts_with(typed);
        if (match) {
            c.out.print(printable(handle));
        }
    }
    return 0;
}

// `_asks` (completion): the ids of the open (or replied) asks; nothing without a journal.
int run_asks(Context& c) {
    std::error_code ec;
    if (!fs::exists(c.journal_path, ec)) {
        return 0;
    }
    JournalEntries::AskFilter open;
    open.open_only = true;
    for (const Ask& ask : c.journal(Journal::Mode::read).entries().list_asks(open)) {
        c.out.print(ask_id(ask.id));
    }
    return 0;
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
    auto handle_prefix = std::make_shared<std::string>();
    handles->add_option("prefix", *handle_prefix, "");
    registry.on(handles, [handle_prefix](Context& c) { return run_handles(c, *handle_prefix); });
    CLI::App* asks = add_command(app, "_asks", "");  // the ids of open (or replied) asks
    asks->group("");
    registry.on(asks, [](Context& c) { return run_asks(c); });

    Vocabulary words = vocabulary(app);
    each_command(app, [](CLI::App& command) {
        for (CLI::Option* opt : command.get_options()) {
            if (opt->get_type_name() == "N") {
                opt->transform(CLI::Validator(decimal_number, "", "decimal"));
            }
        }
    });
    std::vector<std::string> typed(argv + 1, argv + argc);
    options_before_separator(typed, words);
    std::vector<std::string> args(typed.rbegin(), typed.rend());  // CLI11 takes them reversed

    try {
        app.parse(args);
    } catch (const CLI::CallForHelp&) {
        std::cout << fit_help(app.help());
        return exit_ok;
    } catch (const CLI::CallForAllHelp&) {
        std::cout << fit_help(app.help("", CLI::AppFormatMode::All));
        return exit_ok;
    } catch (const CLI::ExtrasError&) {
        CLI::App* where = chosen_command(app);
        auto extras = not_understood(app, typed);
        if (!extras.empty()) {
            fmt::print(stderr, "netlog: {}\n", one_line(extras_message(app, where, extras)));
            return exit_usage;
        }
        std::string path = command_path(where);
        fmt::print(stderr, "netlog: too many arguments (see `netlog {}--help`)\n",
                   path.empty() ? "" : path + " ");
        return exit_usage;
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
        std::cout << fit_help(app.help());
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
        std::cout << fit_help(topic == &app ? app.get_formatter()->make_help(
                                                  &app, "netlog", CLI::AppFormatMode::Normal)
                                            : topic->help(parent.empty() ? "netlog"
                                                                         : "netlog " + parent));
        return exit_ok;
    }
    if (chosen == commands) {
        list_commands(app, std::cout);
        return exit_ok;
    }

    ctx.global.journal_given = app.count("--journal") > 0;
    ctx.global.config_given = app.count("--config") > 0;
    ctx.out.json = ctx.global.json;
    ctx.out.quiet = ctx.global.quiet;
    ctx.out.width = ctx.out.json ? 0 : output_width();
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
        std::cout << fit_help(chosen->help());
        return exit_ok;
    } catch (const Error& e) {
        remember_if_damaged(ctx, e, command_path(chosen));
        fmt::print(stderr, "netlog: {}\n", one_line(error_message(e)));
        return e.exit_code();
    } catch (const std::bad_alloc&) {
        fmt::print(stderr, "netlog: out of memory\n");
        return exit_journal;
    } catch (const std::exception& e) {
        Error error = translate_store_error(e, ctx.journal_path);
        remember_if_damaged(ctx, error, command_path(chosen));
        fmt::print(stderr, "netlog: {}\n", one_line(error_message(error)));
        return exit_journal;
    }
}

} // namespace netlog
