// The one exception type netlog throws, and the exit codes it maps to.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace netlog {

// Exit codes, as documented in netlog(1) EXIT STATUS.
enum ExitCode : int {
    exit_ok = 0,
    exit_overdue = 1,  // `due --exit-code` found something overdue
    exit_usage = 2,    // usage or bad input: unknown person, bad date, bad option
    exit_journal = 3,  // journal or config problem
};

// What went wrong, which decides the exit code.
enum class ErrorKind {
    usage,    // the user typed something we cannot accept (exit 2)
    journal,  // the journal cannot be opened, read or written (exit 3)
    config,   // the config file is broken (exit 3)
    damaged,  // the journal's file is damaged: salvage what can be read (exit 3)
};

// Which command or option fixes an error, when one does. The layer that finds the
// problem says what happened and names the remedy; the CLI, which knows the options
// and commands, words it (error_message() in src/cli/app.cpp), so that src/store never
// names a command-line option or command.
enum class Remedy {
    none,
    choose_journal,     // "… left untouched — point --journal or NETLOG_JOURNAL at your journal"
    // A path that is no plain file (a folder, a device, SQLite's ":memory:" or "file:"
    // URI): "…; give a file path with OPTION" (--journal or NETLOG_JOURNAL; --journal
    // alone when the CLI checks that option; FILE for a command's own file argument),
    // "a plain file path" for a URI, and when the error names a subject (the path
    // refused), " (./PATH for a file of that name)".
    journal_file_path,
    journal_plain_file_path,
    journal_option_file_path,
    journal_option_plain_file_path,
    argument_file_path,
    argument_plain_file_path,
    start_journal,      // "no journal yet …; start one with `netlog people add NAME` …"
    salvage,            // "…; netlog check --salvage OUT writes what can be read …"
    salvage_known,      // known damage: salvage, and `netlog check` forgets it once whole
    run_check,          // "…; run `netlog check`"
    check_names_fix,    // a bad date read: "…; `netlog check` names the record and …"
    quote_search,       // a search's syntax: ": netlog who '\"AND\"' '\"series a\"' rust*"
};

// Thrown by every layer; caught once in run(), printed as "netlog: <what()>".
// Messages say what was wrong and how to fix it, on one line.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message, Remedy remedy = Remedy::none,
          std::string subject = {})
        : std::runtime_error(message), m_kind(kind), m_remedy(remedy),
          m_subject(std::move(subject)) {}
    ErrorKind kind() const { return m_kind; }
    // What fixes it; what() says only what happened when this is not Remedy::none.
    Remedy remedy() const { return m_remedy; }
    // What the remedy names, when its wording needs it (a refused path), else empty.
    const std::string& subject() const { return m_subject; }
    int exit_code() const { return m_kind == ErrorKind::usage ? exit_usage : exit_journal; }

private:
    ErrorKind m_kind;
    Remedy m_remedy;
    std::string m_subject;
};

inline Error usage_error(const std::string& message) { return Error(ErrorKind::usage, message); }
inline Error journal_error(const std::string& message) { return Error(ErrorKind::journal, message); }
inline Error config_error(const std::string& message) { return Error(ErrorKind::config, message); }

} // namespace netlog
