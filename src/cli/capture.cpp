// netlog import mail PATH… | import calendar FILE.ics — the journal fills itself from
// the mail and calendar files a user already has (issue #18). The readers (src/io)
// give headers and events; the decisions are core's (netlog/capture.hpp); this file
// stores them in one write transaction and reports. Nothing leaves the machine.
//
// A captured record's uuid is capture_uuid(source), so a re-import finds what an
// earlier one made (and changes nothing), and two machines make the same records.
// A record the user deleted is not made again; an ask the user closed stays closed;
// an interaction the user edited is left as it is.
#include "common.hpp"
#include "context.hpp"
#include "resolve.hpp"

#include "netlog/capture.hpp"
#include "netlog/due.hpp"
#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <unistd.h>

namespace fs = std::filesystem;

namespace netlog {
namespace {

struct CaptureOptions {
    std::vector<std::string> paths;
    std::vector<std::string> me; // --me ADDR…
    bool dry_run = false;
    bool strict = false;
    bool add_new = false;  // --new (mail): add two-way correspondents
    std::string since;     // --since DATE: read nothing older
};

// My addresses: --me, else the config's [me] emails; none is a usage error.
std::set<std::string> my_addresses(const Context& ctx, const CaptureOptions& opt,
                                   const char* what) {
    std::set<std::string> me;
    for (std::string address : opt.me) {
        address = trim(address);
        std::transform(address.begin(), address.end(), address.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        const std::size_t at = address.find('@');
        if (at == std::string::npos || at == 0 || at + 1 == address.size()) {
            throw usage_error(fmt::format("--me {}: not an address like me@example.org",
                                          printable(address)));
        }
        me.insert(address);
    }
    if (me.empty()) {
        me.insert(ctx.config.me_emails.begin(), ctx.config.me_emails.end());
    }
    if (me.empty()) {
        throw usage_error(fmt::format(
            "import {} needs your own addresses to tell your mail from theirs: give --me "
            "you@example.org, or set [me] emails = [\"you@example.org\"] in the config "
            "(netlog-config(5))",
            what));
    }
    return me;
}

// What a capture writes through: the journal (or, for a dry run with none yet, an
// empty one in memory), one transaction, new interactions in bulk
// (JournalEntries::InteractionBulk), and the people known by their addresses, with their
// handles by id.
struct CaptureSession {
    std::optional<Journal> scratch;
    Journal& journal;
    Journal::WriteTransaction tx;
    JournalEntries::InteractionBulk bulk;
    std::map<std::int64_t, std::string> handles;
    std::map<std::string, KnownPerson> known;

    CaptureSession(Context& ctx, bool dry_run)
        : journal(import_target(ctx, dry_run, scratch)),
          tx(journal, dry_run ? Journal::WriteTransaction::Intent::dry_run
                              : Journal::WriteTransaction::Intent::commit),
          bulk(journal) {
        for (auto& [email, person] : journal.people().people_by_email()) {
            known.emplace(email, KnownPerson{person.id, person.tier}); // the oldest keeps it
            handles[person.id] = person.handle;
        }
    }

    // The new interactions into the search index and their people's totals, then the
    // commit. (A dry run rolls back instead.)
    void commit() {
        bulk.finish();
        tx.commit();
    }
};

// --since, if given: the first day a capture takes.
std::optional<Date> capture_since(const Context& ctx, const CaptureOptions& opt) {
    if (opt.since.empty()) {
        return std::nullopt;
    }
    return parse_date(opt.since, ctx.today, DateSense::past);
}

std::map<std::string, long long> reasons_of(const std::vector<CaptureSkip>& skipped) {
    std::map<std::string, long long> reasons;
    for (const auto& s : skipped) {
        reasons[s.reason]++;
    }
    return reasons;
}

// Warns about each skip, or under --strict refuses the whole import.
void report_skips(Context& ctx, const CaptureOptions& opt, const std::vector<CaptureSkip>& skipped) {
    if (opt.strict && !skipped.empty()) {
        throw usage_error(fmt::format("{}: {}; --strict: nothing imported ({} unreadable)",
                                      printable(skipped.front().where), skipped.front().why,
                                      skipped.size()));
    }
    for (const auto& s : skipped) {
        ctx.out.warn(fmt::format("{}: {}; skipped", printable(s.where), s.why));
    }
}

// Counts a captured interaction: added, or already there (or deleted here: left out).
enum class Stored { added, unchanged, updated };

Stored store_interaction(Journal& journal, Interaction in) {
    in.uuid = capture_module().capture_uuid(*in.source);
    if (journal.entries().captured(EntryId::Type::interaction, in.uuid) || journal.entries().was_deleted(in.uuid)) {
        return Stored::unchanged;
    }
    journal.entries().add_interaction(in);
    return Stored::added;
}

// --- mail ---------------------------------------------------------------------------------

struct MailCounts {
    long long read = 0, bulk = 0, not_mine = 0, strangers = 0, older = 0, future = 0, matched = 0;
    long long added = 0, unchanged = 0, opened = 0, closed = 0;
};

int import_mail(Context& ctx, const CaptureOptions& opt) {
    const std::set<std::string> me = my_addresses(ctx, opt, "mail");
    const std::optional<Date> since = capture_since(ctx, opt);
    CaptureSession session(ctx, opt.dry_run);
    Journal& journal = session.journal;
    auto& handles = session.handles;
    auto& known = session.known;

    MailCounts n;
    MailReadSummary summary;
    std::vector<MailMessage> messages;
    const bool tty = isatty(STDERR_FILENO) && !ctx.out.json && !ctx.global.quiet;
    auto is_me = [&](const std::string& e) { return me.count(e) > 0; };
    auto names_known = [&](const MailMessage& m) {
        if (known.count(m.from.email) && !is_me(m.from.email)) {
            return true;
        }
        for (const auto* list : {&m.to, &m.cc}) {
            for (const auto& a : *list) {
                if (known.count(a.email) && !is_me(a.email)) {
                    return true;
                }
            }
        }
        return false;
    };
    auto keep = [&](MailMessage&& m) {
        if (tty && summary.read % 1000 == 0) {
            std::fprintf(stderr, "\rnetlog: %lld messages read", summary.read);
        }
        if (m.bulk) {
            ++n.bulk;
            return;
        }
        if (since && m.on < *since) {
            ++n.older;
            return;
        }
        if (m.on > ctx.today) {
            ++n.future;
            return;
        }
        auto in = [&](const std::vector<MailAddress>& list) {
            return std::any_of(list.begin(), list.end(),
                               [&](const MailAddress& a) { return is_me(a.email); });
        };
        if (!is_me(m.from.email) && !in(m.to) && !in(m.cc)) {
            ++n.not_mine;
            return;
        }
        if (!opt.add_new && !names_known(m)) {
            ++n.strangers; // nothing is kept about people not in the journal
            return;
        }
        m.where.clear();
        messages.push_back(std::move(m));
    };
    for (const auto& path : opt.paths) {
        capture_module().read_mail(path, keep, summary);
    }
    if (tty && summary.read >= 1000) {
        std::fprintf(stderr, "\r\033[K");
    }
    n.read = summary.read;
    report_skips(ctx, opt, summary.skipped);

    Json added_people = Json::array();
    if (opt.add_new) {
        for (const MailAddress& stranger : two_way_strangers(messages, me, known)) {
            if (stranger.email.size() > 254) {
                continue; // longer than any address can be (RFC 5321)
            }
            Person p;
            std::string name = stranger.name;
            if (name.empty() || name.find('@') != std::string::npos) {
                name = stranger.email.substr(0, stranger.email.find('@'));
            }
            try {
                p.name = checked_name(name);
            } catch (const Error&) {
                try {
                    p.name = checked_name(stranger.email.substr(0, stranger.email.find('@')));
                } catch (const Error&) {
                    continue; // no name a person can have: left out
                }
            }
            std::string base = handle_base(p.name);
            if (base.empty()) {
                base = "person";
            }
            p.handle = journal.people().unique_handle(base);
            p.tier = Tier::weak;
            p.source = "mail";
            p.email = stranger.email;
            p.emails = {stranger.email};
            p.added_on = ctx.today;
            journal.people().add_person(p);
            known[stranger.email] = KnownPerson{p.id, p.tier};
            handles[p.id] = p.handle;
            added_people.push_back(Json{{"handle", p.handle}, {"name", p.name}, {"email", stranger.email}});
        }
        // Only messages with someone of the journal in them are used.
        std::erase_if(messages, [&](const MailMessage& m) { return !names_known(m); });
        n.strangers = 0;
    }
    n.matched = static_cast<long long>(messages.size());

    const MailPlan plan = plan_mail(messages, me, known, ctx.config.replies_owed);
    messages.clear();
    messages.shrink_to_fit();
    Json interactions = Json::array();
    for (const auto& day : plan.interactions) {
        Interaction in;
        in.on = day.on;
        in.kind = "email";
        in.note = day.note;
        in.them = day.them;
        in.person_ids = day.people;
        in.source = day.source;
        in.source_seq = 0;
        if (store_interaction(journal, in) == Stored::added) {
            ++n.added;
            Json people = Json::array();
            for (auto id : day.people) {
                people.push_back(handles[id]);
            }
            interactions.push_back(Json{{"on", format_date(day.on)}, {"note", day.note},
                                        {"people", people}});
        } else {
            ++n.unchanged;
        }
    }
    // My replies, the earliest for each message: close the replies owed for it.
    std::map<std::string, Date> replied;
    for (const auto& seen : plan.replies_seen) {
        auto [it, fresh] = replied.emplace(seen.message_id, seen.on);
        if (!fresh && seen.on < it->second) {
            it->second = seen.on;
        }
    }
    Json opened = Json::array(), closed = Json::array();
    for (const auto& owed : plan.replies_owed) {
        const std::string uuid = capture_module().capture_uuid(owed.source);
        if (journal.entries().captured(EntryId::Type::ask, uuid) || journal.entries().was_deleted(uuid)) {
            continue; // made before: never reopened, never made again
        }
        Ask ask;
        ask.uuid = uuid;
        ask.direction = AskDirection::in;
        ask.person_id = owed.person;
        ask.what = owed.what;
        ask.asked_on = owed.asked_on;
        ask.due_on = ask_due_on(ask.direction, ask.asked_on, std::nullopt, ctx.config);
        ask.source = owed.source;
        journal.entries().add_ask(ask);
        ++n.opened;
        opened.push_back(Json{{"ask", ask_id(ask.id)}, {"person", handles[owed.person]},
                              {"what", owed.what}, {"asked_on", format_date(owed.asked_on)},
                              {"due_on", format_date(ask.due_on)}});
    }
    for (const auto& [message_id, on] : replied) {
        auto found = journal.entries().captured(
            EntryId::Type::ask, capture_module().capture_uuid("mail-ask:" + message_id));
        if (!found) {
            continue;
        }
        auto ask = journal.entries().ask_by_id(found->id);
        if (!ask || ask->status != AskStatus::open || on < ask->asked_on) {
            continue; // closed by the user, or answered already: left as it is
        }
        ask->status = AskStatus::replied;
        ask->replied_on = on;
        journal.entries().update_ask(*ask);
        ++n.closed;
        closed.push_back(Json{{"ask", ask_id(ask->id)}, {"person", ask->person},
                              {"replied_on", format_date(on)}});
    }
    if (!opt.dry_run) {
        session.commit();
    }

    const auto reasons = reasons_of(summary.skipped);
    if (ctx.out.json) {
        ctx.out.emit(Json{{"paths", opt.paths},
                          {"dry_run", opt.dry_run},
                          {"me", std::vector<std::string>(me.begin(), me.end())},
                          {"messages",
                           Json{{"read", n.read},
                                {"bulk", n.bulk},
                                {"not_mine", n.not_mine},
                                {"strangers", n.strangers},
                                {"older", n.older},
                                {"future", n.future},
                                {"matched", n.matched},
                                {"skipped", static_cast<long long>(summary.skipped.size())}}},
                          {"skipped_reasons", reasons},
                          {"people_added", added_people},
                          {"interactions", Json{{"added", n.added}, {"unchanged", n.unchanged}}},
                          {"added", interactions},
                          {"replies_owed", Json{{"opened", opened}, {"closed", closed}}}});
        return 0;
    }
    std::string text = fmt::format(
        "{}: {} message{} read, {} ignored as bulk, {} matched; {} interaction{} added, {} "
        "unchanged; {} repl{} owed opened, {} closed",
        fmt::format(fmt::runtime(opt.dry_run ? "dry run of mail {}, nothing written" : "imported mail {}"),
                    opt.paths.size() == 1 ? printable(opt.paths.front())
                                          : fmt::format("({} paths)", opt.paths.size())),
        n.read, n.read == 1 ? "" : "s", n.bulk, n.matched, n.added, n.added == 1 ? "" : "s", n.unchanged, n.opened,
        n.opened == 1 ? "y" : "ies", n.closed);
    if (!added_people.empty()) {
        text += fmt::format("; {} new {} (tier weak)", added_people.size(),
                            added_people.size() == 1 ? "person" : "people");
    }
    if (!summary.skipped.empty()) {
        text += fmt::format("; {} skipped", summary.skipped.size());
    }
    if (opt.dry_run) {
        ctx.out.print(text);
    } else {
        ctx.out.info(text);
    }
    return 0;
}

// --- calendar -------------------------------------------------------------------------------

int import_calendar(Context& ctx, const CaptureOptions& opt) {
    const std::set<std::string> me = my_addresses(ctx, opt, "calendar");
    const std::optional<Date> since = capture_since(ctx, opt);
    const std::string& file = opt.paths.front();
    CalendarReadSummary summary;
    std::vector<CalendarEvent> events = capture_module().read_calendar(file, ctx.today, summary);
    report_skips(ctx, opt, summary.skipped);

    CaptureSession session(ctx, opt.dry_run);
    Journal& journal = session.journal;
    auto& handles = session.handles;
    auto& known = session.known;
    long long added = 0, updated = 0, unchanged = 0, ignored = 0, cancelled = 0, older = 0;
    Json list = Json::array();
    for (const CalendarEvent& event : events) {
        if (since && event.on < *since) {
            ++older;
            continue;
        }
        if (event.cancelled) {
            ++cancelled;
            continue;
        }
        auto made = plan_event(event, me, known);
        if (!made) {
            ++ignored; // declined, or nobody of the journal there
            continue;
        }
        Interaction in;
        in.on = event.on;
        in.kind = made->kind;
        in.note = event.summary;
        in.person_ids = made->people;
        in.source = event.source;
        in.source_seq = event.sequence;
        in.uuid = capture_module().capture_uuid(event.source);
        std::string action = "added";
        if (auto found = journal.entries().captured(EntryId::Type::interaction, in.uuid)) {
            // A newer SEQUENCE updates it, unless the user edited it (source_seq NULL).
            if (found->source_seq && event.sequence > *found->source_seq) {
                journal.entries().update_captured_interaction(found->id, in.on, in.kind, in.note,
                                                    event.sequence);
                ++updated;
                action = "updated";
            } else {
                ++unchanged;
                continue;
            }
        } else if (journal.entries().was_deleted(in.uuid)) {
            ++unchanged;
            continue;
        } else {
            journal.entries().add_interaction(in);
            ++added;
        }
        if (!ctx.out.json) {
            continue; // the list of changes is for --json alone
        }
        Json people = Json::array();
        for (auto id : made->people) {
            people.push_back(handles[id]);
        }
        list.push_back(Json{{"action", action}, {"on", format_date(event.on)}, {"kind", in.kind},
                            {"note", event.summary}, {"people", people}});
    }
    if (!opt.dry_run) {
        session.commit();
    }
    if (ctx.out.json) {
        ctx.out.emit(Json{{"file", file},
                          {"dry_run", opt.dry_run},
                          {"me", std::vector<std::string>(me.begin(), me.end())},
                          {"events",
                           Json{{"read", summary.events},
                                {"expanded", summary.expanded},
                                {"future", summary.future},
                                {"cancelled", cancelled},
                                {"older", older},
                                {"ignored", ignored},
                                {"skipped", static_cast<long long>(summary.skipped.size())}}},
                          {"skipped_reasons", reasons_of(summary.skipped)},
                          {"interactions",
                           Json{{"added", added}, {"updated", updated}, {"unchanged", unchanged}}},
                          {"changes", list}});
        return 0;
    }
    std::string text = fmt::format(
        "{}: {} event{} read ({} occurrence{} expanded, {} skipped, {} cancelled); {} "
        "interaction{} added, {} updated, {} unchanged",
        fmt::format(fmt::runtime(opt.dry_run ? "dry run of calendar {}, nothing written" : "imported calendar {}"),
                    printable(file)),
        summary.events, summary.events == 1 ? "" : "s", summary.expanded,
        summary.expanded == 1 ? "" : "s", summary.skipped.size(), cancelled, added,
        added == 1 ? "" : "s", updated, unchanged);
    if (opt.dry_run) {
        ctx.out.print(text);
    } else {
        ctx.out.info(text);
    }
    return 0;
}

} // namespace

void setup_capture(CLI::App& import, Registry& registry) {
    {
        auto opt = std::make_shared<CaptureOptions>();
        CLI::App* cmd = add_command(
            import, "mail",
            "Emails with people of the journal, from Maildir folders and mbox files (headers only)");
        cmd->add_option("path", opt->paths,
                        "A Maildir folder (cur/, new/), a folder of them or of .mbox files, "
                        "or an mbox file (Thunderbird, mutt, Gmail Takeout)")
            ->required()
            ->type_name("PATH");
        cmd->add_option("--me", opt->me,
                        "One of my own addresses (repeatable; default: config [me] emails)")
            ->type_name("ADDR");
        cmd->add_flag("--new", opt->add_new,
                      "Add correspondents not in the journal with a two-way exchange (tier weak)");
        cmd->add_option("--since", opt->since, "Read nothing older than DATE")->type_name("DATE");
        cmd->add_flag("--dry-run", opt->dry_run, "Say what would be added and closed; write nothing");
        cmd->add_flag("--strict", opt->strict,
                      "Refuse everything if any message cannot be read (default: skip it "
                      "with a warning)");
        registry.on(cmd, [opt](Context& ctx) { return import_mail(ctx, *opt); });
    }
    {
        auto opt = std::make_shared<CaptureOptions>();
        CLI::App* cmd = add_command(
            import, "calendar",
            "Meetings and calls with people of the journal, from an iCalendar (.ics) file");
        cmd->add_option("file", opt->paths, "An .ics export (Google, Apple, Thunderbird, Outlook)")
            ->required()
            ->expected(1)
            ->type_name("FILE");
        cmd->add_option("--me", opt->me,
                        "One of my own addresses (repeatable; default: config [me] emails)")
            ->type_name("ADDR");
        cmd->add_option("--since", opt->since, "Leave out events before DATE")->type_name("DATE");
        cmd->add_flag("--dry-run", opt->dry_run, "Say what would be added and updated; write nothing");
        cmd->add_flag("--strict", opt->strict,
                      "Refuse the whole file if any event cannot be read (default: skip it "
                      "with a warning)");
        registry.on(cmd, [opt](Context& ctx) { return import_calendar(ctx, *opt); });
    }
}

} // namespace netlog
