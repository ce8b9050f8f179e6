// netlog show WHO — a person's card.
#include "common.hpp"
#include "context.hpp"
#include "render.hpp"
#include "resolve.hpp"

#include "netlog/records.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

namespace netlog {

namespace {

int run_show(Context& ctx, const std::string& who) {
    constexpr int timeline_length = 10;
    Journal& journal = ctx.journal(Journal::Mode::read);
    Person p = resolve_person(journal, who);
    auto interactions = journal.entries().recent_interactions(p.id, std::nullopt, timeline_length);
    JournalEntries::AskFilter open_asks;
    open_asks.person_id = p.id;
    open_asks.open_only = true;
    auto asks = journal.entries().list_asks(open_asks);
    auto introduced = journal.people().people_introduced_by(p.id);
    auto cadence = cadence_of(p, ctx.config);
    auto due = next_due(p, ctx.config);

    if (ctx.out.json) {
        Json person = person_json(p);
        person["cadence"] = cadence ? Json(*cadence) : Json(nullptr);
        person["next_due"] = date_or_null(due);
        Json intros = Json::array();
        for (const auto& h : introduced) {
            intros.push_back(h);
        }
        person["introduced"] = intros;
        Json ask_list = Json::array();
        for (const auto& a : asks) {
            ask_list.push_back(ask_json(a));
        }
        Json timeline = Json::array();
        for (const auto& in : interactions) {
            timeline.push_back(interaction_json(in));
        }
        ctx.out.emit(Json{{"person", person}, {"asks", ask_list}, {"interactions", timeline}});
        return 0;
    }

    const Output& out = ctx.out;
    std::string card = fmt::format("{} ({})\n", out.paint(Style::bold, p.name), printable(p.handle));
    if (out.width > 0 && display_width(printable(p.name + " (" + p.handle + ")")) > out.width) {
        // A long name and its handle: a line each, cut to the terminal.
        card = fmt::format("{}\n  ({})\n",
                           out.style_printable(Style::bold,
                                               truncate_to_width(printable(p.name), out.width)),
                           truncate_to_width(printable(p.handle), out.width - 4));
    }
    // A value too long for the terminal wraps under itself (a hanging indent).
    auto line = [&](const char* label, const std::string& value) {
        const std::string padded = pad_right(label, 13);
        std::string text = wrap(padded + " " + value, out.width > 0 ? out.width - 2 : 0, 14);
        std::string indented;
        for (char c : text.substr(padded.size())) {
            indented += c;
            if (c == '\n') {
                indented += "  ";
            }
        }
        card += "  " + out.paint(Style::dim, padded) + indented + "\n";
    };
    line("tier", std::string(to_string(p.tier)));
    line("cadence", cadence ? fmt::format("{} days{}", *cadence, p.cadence_days ? "" : " (tier)")
                            : "none");
    line("last contact", date_text(p.last_contact));
    if (due) {
        std::string when = format_date(*due);
        if (*due < ctx.today) {
            when = out.paint(Style::red, fmt::format("{} ({} days overdue)", when,
                                                     days_between(*due, ctx.today)));
        } else if (*due == ctx.today) {
            when = out.paint(Style::red, when + " (due today)");
        }
        line("next due", when);
    }
    if (p.snooze_until && *p.snooze_until > ctx.today) {
        line("snoozed until", format_date(*p.snooze_until));
    }
    std::string balance = balance_words(p.balance());
    if (p.since) {
        balance += " since " + format_date(*p.since);
    }
    line("balance", balance);
    line("interactions", std::to_string(p.interactions));
    if (auto emails = email_list(p); emails.size() > 1) {
        std::string others;
        for (std::size_t i = 1; i < emails.size(); ++i) {
            others += (others.empty() ? "" : ", ") + printable(emails[i]);
        }
        line("email", printable(emails.front()) + " (also " + others + ")");
    } else if (p.email) {
        line("email", printable(*p.email));
    }
    // Every other text field shown (company, role, url, notes…), as records.hpp lists them.
    for (const records::Field& field : records::person.fields) {
        if (field.kind == records::Kind::optional_text && field.shown && field.key != "email") {
            if (const auto& value = p.*std::get<std::optional<std::string> Person::*>(field.member)) {
                line(field.key.data(), printable(*value)); // the keys are literals
            }
        }
    }
    if (!p.tags.empty()) {
        std::string tags;
        for (const auto& t : p.tags) {
            tags += (tags.empty() ? "" : ", ") + printable(t);
        }
        line("tags", tags);
    }
    if (!p.introduced_by_handle.empty()) {
        line("introduced by", p.introduced_by_handle);
    }
    if (!introduced.empty()) {
        std::string list;
        for (const auto& h : introduced) {
            list += (list.empty() ? "" : ", ") + printable(h);
        }
        line("introduced", list);
    }
    line("added", fmt::format("{} ({})", format_date(p.added_on), printable(p.source)));
    if (!asks.empty()) {
        card += "\n" + out.paint(Style::bold, "Open asks") + "\n";
        for (const auto& a : asks) {
            std::string nudged;
            if (!a.nudged_on.empty()) {
                nudged = fmt::format(" ({}, last {})", nudges_text(a.nudged_on.size()),
                                     format_date(a.nudged_on.back()));
            }
            std::string head = fmt::format("  {}  {}  ", ask_id(a.id),
                                           a.direction == AskDirection::in ? "they asked" : "you asked");
            std::string tail = fmt::format("  due {}{}", format_date(a.due_on), nudged);
            int room = out.width > 0 ? out.width - display_width(head) - display_width(tail) : 0;
            std::string what = printable(a.what);
            card += head + (out.width > 0 ? truncate_to_width(what, std::max(8, room)) : what) + tail + "\n";
            if (!a.note.empty()) {
                card += wrap("      note: " + printable(a.note), out.width, 12) + "\n";
            }
        }
    }
    if (!interactions.empty()) {
        card += "\n" + out.paint(Style::bold, "Timeline") + "\n";
        card += interaction_table(interactions, out);
    }
    out.print(card);
    return 0;
}

} // namespace

void setup_show(CLI::App& app, Registry& registry) {
    auto who = std::make_shared<std::string>();
    CLI::App* cmd = add_command(app, "show", "A person's card: tier, cadence, last contact, "
                                             "balance, open asks, timeline, intros");
    cmd->add_option("who", *who, "The person")->required()->type_name("WHO");
    registry.on(cmd, [who](Context& ctx) { return run_show(ctx, *who); });
}

} // namespace netlog
