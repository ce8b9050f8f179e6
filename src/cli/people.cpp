// netlog people — list people; people add | set | rm | merge.
#include "common.hpp"
#include "context.hpp"
#include "render.hpp"
#include "resolve.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"
#include "netlog/validate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace netlog {
namespace {

std::string io_lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

// The fields `people add` and `people set` share. Empty strings mean "not given";
// for `set`, an explicit "" clears a field.
struct PersonFields {
    std::string tier;
    std::string cadence;
    std::optional<std::string> via;
    std::optional<std::string> company, role, url, note;
    std::vector<std::string> emails;    // --email, repeatable: added in order
    std::vector<std::string> rm_emails; // --rm-email (set only)
    std::vector<std::string> tags;
    std::string snooze;
};

void add_person_options(CLI::App* cmd, PersonFields& f, bool is_set) {
    cmd->add_option("--tier", f.tier, "inner, network, weak or none")
        ->type_name("TIER")
        ->check(CLI::IsMember(tier_names()));
    cmd->add_option("--cadence", f.cadence,
                    is_set ? "How often to be in touch (30d, 3m…; `tier` = the tier's default)"
                           : "How often to be in touch, overriding the tier's (30d, 3m…)")
        ->type_name("DURATION");
    cmd->add_option("--via", f.via, is_set ? "Who introduced them (\"\" for nobody)"
                                           : "Who introduced them")
        ->type_name("WHO");
    cmd->add_option("--email", f.emails,
                    is_set ? "Add an email address (repeatable; the first one is the primary; "
                             "\"\" removes them all)"
                           : "An email address (repeatable; the first is the primary one)")
        ->allow_extra_args(false)
        ->type_name("E");
    if (is_set) {
        cmd->add_option("--rm-email", f.rm_emails, "Remove an email address (repeatable)")
            ->allow_extra_args(false)
            ->type_name("E");
    }
    cmd->add_option("--company", f.company, "Company")->type_name("C");
    cmd->add_option("--role", f.role, "Role or position")->type_name("R");
    cmd->add_option("--url", f.url, "A profile or web address")->type_name("URL");
    cmd->add_option("--tag", f.tags, is_set ? "Add a tag (repeatable; -TAG removes it)"
                                            : "A tag (repeatable)")
        ->allow_extra_args(false)
        ->type_name("TAG");
    cmd->add_option("--note", f.note, "Notes about them")->type_name("TEXT");
}

std::optional<std::string> optional_field(const std::string& field,
                                          const std::optional<std::string>& value,
                                          std::size_t limit = max_field_bytes) {
    if (!value) {
        return std::nullopt;
    }
    std::string v = trim(*value);
    check_text(field, v, TextRule::optional, limit);
    return v;
}

// --email adds addresses (the first one a person has is the primary), "" removes them
// all; --rm-email removes one, and the next becomes the primary.
void apply_emails(Person& p, const PersonFields& f) {
    auto same = [](const std::string& a, const std::string& b) {
        return io_lower(a) == io_lower(b);
    };
    std::vector<std::string> list = email_list(p);
    for (const auto& given : f.rm_emails) {
        std::string email = trim(given);
        auto it = std::find_if(list.begin(), list.end(),
                               [&](const std::string& e) { return same(e, email); });
        if (it == list.end()) {
            throw usage_error(fmt::format(
                "--rm-email {}: {} has no such address{}", printable(email), p.handle,
                list.empty() ? "" : fmt::format(" (they have {})", printable(fmt::format(
                                                                       "{}", fmt::join(list, ", "))))));
        }
        list.erase(it);
    }
    for (const auto& given : f.emails) {
        std::string email = trim(given);
        if (email.empty()) {
            list.clear();
            continue;
        }
        check_email("--email", email);
        if (std::none_of(list.begin(), list.end(),
                         [&](const std::string& e) { return same(e, email); })) {
            list.push_back(email);
        }
    }
    p.email = list.empty() ? std::nullopt : std::optional<std::string>(list.front());
    p.emails = list;
}

// Applies the given fields to `p`; `today` anchors --snooze.
void apply_fields(Journal& journal, Person& p, const PersonFields& f, Date today) {
    p.tier = tier_option(f.tier, p.tier);
    if (f.cadence == "tier" || f.cadence == "default") {
        p.cadence_days.reset();
    } else if (!f.cadence.empty()) {
        p.cadence_days = parse_duration(f.cadence).to_days();
    }
    if (f.via && trim(*f.via).empty()) {
        p.introduced_by.reset();
    } else if (f.via) {
        Person via = resolve_person(journal, *f.via);
        if (via.id == p.id && p.id != 0) {
            throw usage_error("a person cannot introduce themselves");
        }
        p.introduced_by = via.id;
    }
    // For each optional text field: "" clears it, anything else sets it.
    auto set = [](std::optional<std::string>& target, std::optional<std::string> value) {
        if (value) {
            target = value->empty() ? std::nullopt : std::move(value);
        }
    };
    apply_emails(p, f);
    set(p.company, optional_field("--company", f.company));
    set(p.role, optional_field("--role", f.role));
    set(p.url, optional_field("--url", f.url));
    set(p.notes, optional_field("--note", f.note, max_text_bytes));
    edit_tags(p.tags, f.tags);
    if (f.snooze == "off" || f.snooze == "none") {
        p.snooze_until.reset();
    } else if (!f.snooze.empty()) {
        Date until = parse_date(f.snooze, today, DateSense::future);
        if (until <= today) {
            throw usage_error(fmt::format("--snooze {} is not in the future; give a date or a "
                                          "duration like 2w",
                                          printable(f.snooze)));
        }
        p.snooze_until = until;
    }
}

// Lists the people `filter` lets through, read one at a time: only the table's cells
// (or the JSON summaries) are held, never every Person.
void print_people(Context& ctx, const JournalPeople::PeopleFilter& filter) {
    Journal& journal = ctx.journal(Journal::Mode::read);
    if (ctx.out.json) {
        ctx.out.emit_list("people", [&](const auto& each) {
            journal.people().list_people(filter,
                                [&](const PersonSummary& p) { each(person_summary_json(p)); });
        });
        return;
    }
    Table table({"HANDLE", "NAME", "TIER", "LAST", "MET", "BALANCE"},
                {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::left,
                 Table::Align::right, Table::Align::right});
    table.fit(0, 12);
    table.fit(1, 12);
    journal.people().list_people(filter, [&](const PersonSummary& p) {
        table.add_row({p.handle, printable(p.name), std::string(to_string(p.tier)),
                       date_text(p.last_contact), std::to_string(p.interactions),
                       p.balance() == 0 ? "-" : balance_words(p.balance())});
    });
    if (table.empty()) {
        ctx.out.print("nobody matches; add someone with `netlog people add NAME`");
        return;
    }
    ctx.out.print(table.render(ctx.out));
}

struct PeopleListOptions {
    std::string query;
    std::string tier;
    std::string tag;
    bool empty = false;
    bool stale = false;
};

int run_people_list(Context& ctx, const PeopleListOptions& opt) {
    JournalPeople::PeopleFilter filter;
    filter.query = fold(opt.query);
    if (!opt.tier.empty()) {
        filter.tier = tier_option(opt.tier, Tier::none);
    }
    if (!opt.tag.empty()) {
        filter.tag = trim(opt.tag);
    }
    filter.empty = opt.empty;
    if (opt.stale) {
        // As `due` lists them: the same rule, today included.
        filter.keep = [&ctx](const PersonSummary& p) {
            return is_stale(p, ctx.config, ctx.today);
        };
    }
    print_people(ctx, filter);
    return 0;
}

void setup_list(CLI::App* cmd, Registry& registry) {
    auto opt = std::make_shared<PeopleListOptions>();
    cmd->add_option("query", opt->query, "Only people whose handle, name, company or email holds QUERY")
        ->type_name("QUERY");
    cmd->add_option("--tier", opt->tier, "Only this tier")
        ->type_name("TIER")
        ->check(CLI::IsMember(tier_names()));
    cmd->add_option("--tag", opt->tag, "Only people with this tag")->type_name("TAG");
    cmd->add_flag("--empty", opt->empty, "Only people you never met (no interaction)");
    cmd->add_flag("--stale", opt->stale, "Only people due to reconnect, today included (as `due` lists them)");
    registry.on(cmd, [opt](Context& ctx) { return run_people_list(ctx, *opt); });
}

struct PeopleAddOptions {
    std::string name;
    PersonFields fields;
    bool again = false;
};

int run_people_add(Context& ctx, const PeopleAddOptions& opt) {
    Person p;
    p.name = checked_name(opt.name);
    p.tier = Tier::weak;
    p.added_on = ctx.today;
    // -TAG removes a tag in `people set`; here there is none to remove, and dropping
    // the value without a word would hide the mistake.
    for (const auto& t : opt.fields.tags) {
        if (trim(t).starts_with('-')) {
            throw usage_error(fmt::format("--tag {}: a new person has no tags to remove "
                                          "(-TAG removes a tag in `people set`)",
                                          printable(t)));
        }
    }
    Journal& journal = ctx.journal(Journal::Mode::write);
    Journal::WriteTransaction tx(journal);
    if (!opt.again) {
        if (auto same = people_with_name(journal, p.name); !same.empty()) {
            throw usage_error(fmt::format(
                "{} ({}) is already in the journal; use that handle, or add --again if "
                "another person of that name is meant",
                same.front().handle, printable(same.front().name)));
        }
    }
    apply_fields(journal, p, opt.fields, ctx.today);
    p.handle = journal.people().unique_handle(handle_base(p.name));
    journal.people().add_person(p);
    tx.commit();
    if (ctx.out.json) {
        ctx.out.emit(Json{{"person", person_json(*journal.people().person_by_id(p.id))}});
    } else {
        ctx.out.info(fmt::format("added {} ({}, {})", ctx.out.paint(Style::bold, p.handle),
                                 printable(p.name), to_string(p.tier)));
    }
    return 0;
}

void setup_people_add(CLI::App& people, Registry& registry) {
    auto opt = std::make_shared<PeopleAddOptions>();
    CLI::App* cmd = add_command(people, "add", "Add a person (tier weak unless --tier says)");
    cmd->add_option("name", opt->name, "Their name; the handle is made from it")
        ->required()
        ->type_name("NAME");
    add_person_options(cmd, opt->fields, false);
    cmd->add_flag("--again", opt->again,
                  "Add them even though someone of that name is in the journal (a second person)");
    registry.on(cmd, [opt](Context& ctx) { return run_people_add(ctx, *opt); });
}

struct PeopleSetOptions {
    std::string who;
    std::optional<std::string> name;
    std::optional<std::string> handle;
    std::optional<std::string> added;
    PersonFields fields;
};

int run_people_set(Context& ctx, const PeopleSetOptions& opt) {
    std::optional<Date> added;
    if (opt.added) {
        added = past_date(*opt.added, ctx.today, "a person's added date");
    }
    Journal& journal = ctx.journal(Journal::Mode::write);
    journal.read_unreadable_dates(); // `people set` is how such a date is set right
    Journal::WriteTransaction tx(journal);
    Person p = resolve_person(journal, opt.who);
    p.added_on = added.value_or(p.added_on);
    if (opt.name) {
        p.name = checked_name(*opt.name);
    }
    if (opt.handle) {
        std::string handle = trim(*opt.handle);
        check_field("handle", handle, TextRule::required);
        if (!is_valid_handle(handle)) {
            throw usage_error(fmt::format("'{}' is not a handle: use lowercase letters, digits "
                                          "and single '-', like '{}'",
                                          printable(handle), handle_base(handle)));
        }
        auto other = journal.people().person_by_handle(handle);
        if (other && other->id != p.id) {
            throw usage_error(fmt::format("handle '{}' is taken by {}", handle, other->name));
        }
        p.handle = handle;
    }
    apply_fields(journal, p, opt.fields, ctx.today);
    for (auto [unreadable, what, option] :
         {std::tuple{p.added_on == unreadable_date, "the day they were added", "--added DATE"},
          std::tuple{p.snooze_until == unreadable_date, "a snooze",
                     "--snooze DATE (or --snooze off)"}}) {
        if (unreadable) {
            throw usage_error(fmt::format("{} has {} stored as no date netlog can read; give "
                                          "{} to set it right; nothing changed",
                                          p.handle, what, option));
        }
    }
    journal.people().update_person(p);
    tx.commit();
    if (ctx.out.json) {
        ctx.out.emit(Json{{"person", person_json(*journal.people().person_by_id(p.id))}});
    } else {
        ctx.out.info(fmt::format("updated {}", ctx.out.paint(Style::bold, p.handle)));
    }
    return 0;
}

void setup_people_set(CLI::App& people, Registry& registry) {
    auto opt = std::make_shared<PeopleSetOptions>();
    CLI::App* cmd = add_command(people, "set", "Change a person's name, handle, tier or details");
    cmd->add_option("who", opt->who, "The person")->required()->type_name("WHO");
    cmd->add_option("--name", opt->name, "A new display name (the handle stays)")->type_name("NAME");
    cmd->add_option("--handle", opt->handle, "A new handle")->type_name("H");
    add_person_options(cmd, opt->fields, true);
    cmd->add_option("--snooze", opt->fields.snooze,
                    "Quiet their reconnect reminder until DATE or for a DURATION (off to end it)")
        ->type_name("DATE|DURATION");
    cmd->add_option("--added", opt->added,
                    "The day they were added to the journal (never in the future)")
        ->type_name("DATE");
    registry.on(cmd, [opt](Context& ctx) { return run_people_set(ctx, *opt); });
}

struct PeopleRmOptions {
    std::string who;
    bool force = false;
};

int run_people_rm(Context& ctx, const PeopleRmOptions& opt) {
    Journal& journal = ctx.journal(Journal::Mode::write);
    Journal::WriteTransaction tx(journal);
    Person p = resolve_person(journal, opt.who);
    int history = journal.people().history_count(p.id);
    if (history > 0 && !opt.force) {
        throw usage_error(fmt::format("{} has {} entries (interactions, favours, asks); "
                                      "use --force to remove them too",
                                      p.handle, history));
    }
    journal.people().remove_person(p.id);
    tx.commit();
    if (ctx.out.json) {
        ctx.out.emit(Json{{"removed", p.handle}, {"entries", history}});
    } else {
        ctx.out.info(fmt::format("removed {}{}", p.handle,
                                 history ? fmt::format(" and {} entries", history) : ""));
    }
    return 0;
}

void setup_people_rm(CLI::App& people, Registry& registry) {
    auto opt = std::make_shared<PeopleRmOptions>();
    CLI::App* cmd = add_command(people, "rm", "Remove a person (refused if they have history)");
    cmd->add_option("who", opt->who, "The person")->required()->type_name("WHO");
    cmd->add_flag("--force", opt->force, "Also remove their interactions, favours and asks");
    registry.on(cmd, [opt](Context& ctx) { return run_people_rm(ctx, *opt); });
}

// "12 interactions (2 shared), 3 favours …": the counts that are not zero.
std::string moved_summary(const JournalPeople::PersonMerge& m) {
    std::vector<std::string> parts;
    auto count = [&](int n, const char* one, const char* many) {
        if (n > 0) {
            parts.push_back(fmt::format("{} {}", n, n == 1 ? one : many));
        }
    };
    count(m.interactions, "interaction", "interactions");
    if (m.shared > 0) {
        parts.back() += fmt::format(" ({} shared)", m.shared);
    }
    count(m.favours, "favour", "favours");
    count(m.asks, "ask", "asks");
    count(m.asks_via, "ask via them", "asks via them");
    count(m.introduced, "introduction", "introductions");
    std::string text = parts.empty() ? "no history" : fmt::format("{}", fmt::join(parts, ", "));
    if (!m.filled.empty()) {
        text += fmt::format("; filled {}", fmt::join(m.filled, ", "));
    }
    return text;
}

struct PeopleMergeOptions {
    std::string who;
    std::string into;
    bool dry_run = false;
};

int run_people_merge(Context& ctx, const PeopleMergeOptions& opt) {
    Journal& journal = ctx.journal(Journal::Mode::write);
    Journal::WriteTransaction tx(journal);
    Person who = resolve_person(journal, opt.who);
    Person into = resolve_person(journal, opt.into);
    if (who.id == into.id) {
        throw usage_error(fmt::format("WHO and INTO are both {}: name the duplicate, then "
                                      "the person to keep",
                                      into.handle));
    }
    // A dry run does the very same work and rolls it back: it cannot say other
    // than what the merge would do.
    JournalPeople::PersonMerge moved = journal.people().merge_person(who.id, into.id);
    if (!opt.dry_run) {
        tx.commit();
    }
    if (ctx.out.json) {
        ctx.out.emit(Json{{"merged", who.handle},
                          {"into", into.handle},
                          {"dry_run", opt.dry_run},
                          {"interactions", moved.interactions},
                          {"shared_interactions", moved.shared},
                          {"favours", moved.favours},
                          {"asks", moved.asks},
                          {"asks_via", moved.asks_via},
                          {"introduced", moved.introduced},
                          {"filled", moved.filled}});
        return 0;
    }
    std::string text = fmt::format("{} into {}: {}", who.handle,
                                   ctx.out.paint(Style::bold, into.handle),
                                   moved_summary(moved));
    if (opt.dry_run) {
        ctx.out.print("dry run, nothing written: would merge " + text);
    } else {
        ctx.out.info("merged " + text);
    }
    return 0;
}

void setup_people_merge(CLI::App& people, Registry& registry) {
    auto opt = std::make_shared<PeopleMergeOptions>();
    CLI::App* cmd = add_command(people, "merge",
                                "Fold a duplicate person into another: their history moves, "
                                "they go");
    cmd->add_option("who", opt->who, "The duplicate, removed once their history has moved")
        ->required()
        ->type_name("WHO");
    cmd->add_option("into", opt->into,
                    "The person who stays; their empty fields are filled from WHO's")
        ->required()
        ->type_name("INTO");
    cmd->add_flag("--dry-run", opt->dry_run, "Say what would move; write nothing");
    registry.on(cmd, [opt](Context& ctx) { return run_people_merge(ctx, *opt); });
}

} // namespace

void setup_people(CLI::App& app, Registry& registry) {
    CLI::App* people = add_command(app, "people", "List people; add, change or remove them");
    setup_list(people, registry);
    setup_people_add(*people, registry);
    setup_people_set(*people, registry);
    setup_people_rm(*people, registry);
    setup_people_merge(*people, registry);
}

} // namespace netlog
