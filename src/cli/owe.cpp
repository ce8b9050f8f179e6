// netlog owe [WHO] [--all] — the reciprocity ledger: who owes whom, or one
// person's favours as a register with a running balance.
#include "context.hpp"
#include "render.hpp"
#include "resolve.hpp"

#include "netlog/error.hpp"
#include "netlog/ledger.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

namespace netlog {
namespace {

struct OweOptions {
    std::string who;
    bool all = false;
};

std::string since_text(const std::optional<Date>& since, Date today) {
    if (!since) {
        return "-";
    }
    // By hand: `owe` makes one a person (fmt::format costs several times more).
    std::string text = format_date(*since);
    text += " (";
    text += std::to_string(days_between(*since, today));
    text += "d)";
    return text;
}

void print_balances(Context& ctx, std::vector<Balance> people, bool all) {
    sort_balances(people);
    if (ctx.out.json) {
        Json list = Json::array();
        for (const auto& p : people) {
            list.push_back(Json{{"person", p.person},
                                {"name", p.name},
                                {"balance", p.balance()},
                                {"gave", p.gave},
                                {"got", p.got},
                                {"since", date_or_null(p.since)}});
        }
        Json doc = Json::object();
        doc["balances"] = std::move(list);
        ctx.out.emit(std::move(doc));
        return;
    }
    if (people.empty()) {
        ctx.out.print(all ? "no favours in the ledger yet; record one with `netlog add WHO NOTE "
                            "--gave TEXT` (or --got TEXT)"
                          : "nobody owes anybody: no open balances (`netlog owe --all` also lists "
                            "settled ones)");
        return;
    }
    // One table for every group, so that the columns line up across the groups;
    // its rendered rows are then dealt out under the group headings.
    Table table({"HANDLE", "NAME", "BALANCE", "GAVE", "GOT", "SINCE"},
                {Table::Align::left, Table::Align::left, Table::Align::right, Table::Align::right,
                 Table::Align::right, Table::Align::left});
    table.fit(0, 12);
    table.fit(1, 12);
    for (const auto& p : people) {
        table.add_row({p.person, printable(p.name), balance_words(p.balance()),
                       std::to_string(p.gave), std::to_string(p.got), since_text(p.since, ctx.today)});
    }
    std::vector<std::string_view> lines;
    Output indented = ctx.out;  // the rows are dealt out two columns in
    indented.width = ctx.out.width > 2 ? ctx.out.width - 2 : ctx.out.width;
    const std::string rendered = table.render(indented);
    lines.reserve(people.size() + 1);
    for (std::size_t start = 0; start < rendered.size();) {
        std::size_t end = rendered.find('\n', start);
        if (end == std::string::npos) {
            end = rendered.size();
        }
        lines.push_back(std::string_view(rendered).substr(start, end - start));
        start = end + 1;
    }
    // The totals of the groups, in one pass.
    long long totals[3] = {0, 0, 0};
    for (const auto& p : people) {
        totals[static_cast<int>(balance_group(p))] += p.balance();
    }
    std::string text;
    text.reserve(rendered.size() + 2 * lines.size() + 256);
    std::optional<BalanceGroup> group;
    for (size_t i = 0; i < people.size(); ++i) {
        BalanceGroup g = balance_group(people[i]);
        if (g != group) {
            long long total = totals[static_cast<int>(g)];
            const char* heading = g == BalanceGroup::you_owe   ? "you owe"
                                  : g == BalanceGroup::owe_you ? "owe you"
                                                               : "settled";
            std::string sum = g == BalanceGroup::settled
                                  ? ""
                                  : ctx.out.paint(Style::dim, fmt::format("  total {}", total < 0 ? -total : total));
            // The column headers once, under the first heading.
            text += fmt::format("{}{}{}\n{}", group ? "\n" : "", ctx.out.paint(Style::bold, heading),
                                sum, group ? "" : "  " + std::string(lines[0]) + "\n");
            group = g;
        }
        text += "  ";
        text += lines[i + 1];
        text += '\n';
    }
    ctx.out.print(text);
}

void print_register(Context& ctx, const Person& p, const std::vector<RegisterLine>& entries) {
    if (ctx.out.json) {
        Json list = Json::array();
        for (const auto& line : entries) {
            const Favour& f = line.favour;
            list.push_back(Json{{"id", favour_id(f.id)},
                                {"on", format_date(f.on)},
                                {"direction", std::string(to_string(f.direction))},
                                {"weight", f.weight},
                                {"what", f.what},
                                {"balance", line.balance},
                                {"interaction", f.interaction_id ? Json(interaction_id(*f.interaction_id))
                                                                 : Json(nullptr)},
                                {"ask", f.ask_id ? Json(ask_id(*f.ask_id)) : Json(nullptr)}});
        }
        ctx.out.emit(Json{{"person", p.handle},
                          {"name", p.name},
                          {"balance", p.balance()},
                          {"gave", p.gave},
                          {"got", p.got},
                          {"since", date_or_null(p.since)},
                          {"entries", list}});
        return;
    }
    const Output& out = ctx.out;
    std::string who = fmt::format("{} ({})", out.paint(Style::bold, p.handle), printable(p.name));
    if (entries.empty()) {
        out.print(fmt::format("no favours with {} yet; record one with `netlog add {} NOTE --gave "
                              "TEXT` (or --got TEXT)",
                              who, p.handle));
        return;
    }
    std::string summary;
    if (p.balance() > 0) {
        summary = fmt::format("you owe {} {}", who, p.balance());
    } else if (p.balance() < 0) {
        summary = fmt::format("{} owes you {}", who, -p.balance());
    } else {
        summary = fmt::format("you and {} are even", who);
    }
    if (p.since) {
        summary += fmt::format(", since {} ({} days)", format_date(*p.since),
                               days_between(*p.since, ctx.today));
    }
    Table table({"ID", "DATE", "DIR", "WHAT", "AMOUNT", "BALANCE"},
                {Table::Align::left, Table::Align::left, Table::Align::left, Table::Align::left,
                 Table::Align::right, Table::Align::right});
    table.fit(3, 12);
    for (const auto& line : entries) {
        const Favour& f = line.favour;
        long long amount = f.direction == Direction::got ? f.weight : -f.weight;
        table.add_row({favour_id(f.id), format_date(f.on), std::string(to_string(f.direction)),
                       printable(f.what), signed_number(amount), balance_words(line.balance)});
    }
    out.print(summary + "\n" + table.render(out));
}

int run_owe(Context& ctx, const OweOptions& o) {
    if (o.all && !o.who.empty()) {
        throw usage_error("--all is for the list of balances; `netlog owe WHO` already shows "
                          "all of WHO's favours");
    }
    Journal& journal = ctx.journal(Journal::Mode::read);
    if (o.who.empty()) {
        print_balances(ctx, journal.ledger().balances(o.all), o.all);
        return 0;
    }
    Person p = resolve_person(journal, o.who);
    print_register(ctx, p, ledger_register(journal.entries().favours_of(p.id)));
    return 0;
}
} // namespace

void setup_owe(CLI::App& app, Registry& registry) {
    auto opt = std::make_shared<OweOptions>();
    CLI::App* cmd = add_command(app, "owe", "Who owes whom: balances of favours, or one person's "
                                            "ledger with a running balance");
    cmd->add_option("who", opt->who,
                    "Show this person's favours, oldest first, with a running balance")
        ->type_name("WHO");
    cmd->add_flag("--all", opt->all,
                  "Also list settled people (at least one favour, balance 0)");
    registry.on(cmd, [opt](Context& ctx) { return run_owe(ctx, *opt); });
}

} // namespace netlog
