// netlog due — what needs action today: replies owed, promises, follow-ups,
// people to reconnect with, favours to return. Made for a daily cron digest.
#include "context.hpp"
#include "render.hpp"

#include "netlog/due.hpp"
#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {
namespace {

struct DueOptions {
    std::string within;
    bool digest = false;
    bool exit_code = false;
};

// The command that clears the item. Handles are shell-safe (letters, digits, '-').
// Strings are put together by hand here and below: `due` makes thousands of them,
// and fmt::format costs several times more.
std::string clearing_command(DueSection section, const DueItem& item) {
    switch (section) {
    case DueSection::replies: return "netlog ask reply " + ask_id(*item.ask);
    // I follow up (nudge); `ask reply` is for when they answer.
    case DueSection::follow_ups: return "netlog ask nudge " + ask_id(*item.ask);
    case DueSection::promises: return "netlog ask done " + ask_id(*item.ask);
    case DueSection::reconnect: return "netlog add " + item.person + " \"…\"";
    case DueSection::reciprocate: return "netlog add " + item.person + " \"…\" --gave \"…\"";
    }
    return "";
}

// What the item is about, in a few words.
std::string what_of(DueSection section, const DueItem& item) {
    switch (section) {
    case DueSection::replies:
    case DueSection::promises:
    case DueSection::follow_ups: return item.what;
    case DueSection::reconnect:
        return item.last_contact ? "last contact " + format_date(*item.last_contact)
                                 : "never contacted";
    case DueSection::reciprocate:
        return "you owe " + std::to_string(item.balance) + " since " + date_text(item.since);
    }
    return "";
}

std::string when_text(const DueItem& item) {
    int n = item.days_overdue;
    if (n > 0) {
        return std::to_string(n) + (n == 1 ? " day overdue" : " days overdue");
    }
    if (n == 0) {
        return "due today";
    }
    return n == -1 ? "due tomorrow" : "due in " + std::to_string(-n) + " days";
}

// A JSON string as json_text() writes it: printable ASCII with no quote or backslash
// (nearly every value `due` lists) as it is, anything else through nlohmann.
void append_json_string(std::string& out, std::string_view text) {
    bool plain = true;
    for (char c : text) {
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
            plain = false;
            break;
        }
    }
    if (plain) {
        out += '"';
        out += text;
        out += '"';
    } else {
        out += json_text(Json(std::string(text)), -1);
    }
}

// report_json(report) (plus "within"), as Output::emit() lays it out, written
// straight into one string: building and dumping 35,000 nlohmann objects was most of
// `due --json` on a big journal. test_ask_due.py and the benchmark's comparison hold
// the two to the same bytes.
std::string report_json_text(const DueReport& report, const std::string* within) {
    std::string out = "{\n  \"netlog\": " + std::to_string(schema_version) +
                      ",\n  \"today\": \"" + format_date(report.today) + "\"";
    auto field = [&out](const char* key) {
        out += ",\n      \"";
        out += key;
        out += "\": ";
    };
    auto date_or_null_text = [&out](const std::optional<Date>& date) {
        if (date) {
            out += '"';
            out += format_date(*date);
            out += '"';
        } else {
            out += "null";
        }
    };
    for (const auto& info : due_sections) {
        const auto& items = report[info.section];
        out += ",\n  \"";
        out += info.key;
        out += "\": [";
        if (items.empty()) {
            out += ']';
            continue;
        }
        bool first = true;
        for (const auto& item : items) {
            out += first ? "\n    {\n      \"person\": " : ",\n    {\n      \"person\": ";
            first = false;
            append_json_string(out, item.person);
            field("name");
            append_json_string(out, item.name);
            field("due_on");
            out += '"';
            out += format_date(item.due_on);
            out += '"';
            field("days_overdue");
            out += std::to_string(item.days_overdue);
            if (item.ask) {
                field("ask");
                append_json_string(out, ask_id(*item.ask));
            }
            field("what");
            append_json_string(out, what_of(info.section, item));
            field("command");
            append_json_string(out, clearing_command(info.section, item));
            switch (info.section) {  // the section's own keys
            case DueSection::replies:
            case DueSection::promises:
            case DueSection::follow_ups: break;
            case DueSection::reconnect:
                field("last");
                date_or_null_text(item.last_contact);
                field("snooze");
                append_json_string(out, "netlog people set " + item.person + " --snooze 2w");
                break;
            case DueSection::reciprocate:
                field("balance");
                out += std::to_string(item.balance);
                field("since");
                date_or_null_text(item.since);
                break;
            }
            out += "\n    }";
        }
        out += "\n  ]";
    }
    if (within) {
        out += ",\n  \"within\": ";
        append_json_string(out, *within);
    }
    out += "\n}";
    return out;
}

// "2 replies overdue, 1 reply due today, 1 follow-up, 4 to reconnect": overdue items
// and items due today per section, then how many more fall due within --within.
std::string summary(const DueReport& report, const std::string& within) {
    std::string text;
    std::size_t upcoming = 0;
    auto add = [&text](std::size_t n, const char* one, const char* many) {
        if (n > 0) {
            text += fmt::format("{}{} {}", text.empty() ? "" : ", ", n, n == 1 ? one : many);
        }
    };
    for (const auto& info : due_sections) {
        std::size_t overdue = 0;
        std::size_t due_today = 0;
        for (const auto& item : report[info.section]) {
            (item.overdue() ? overdue : item.now() ? due_today : upcoming) += 1;
        }
        add(overdue, info.one, info.many);
        add(due_today, info.one_today, info.many_today);
    }
    if (text.empty()) {
        text = "nothing due today";
    }
    if (upcoming > 0) {
        text += fmt::format(", {} more due within {}", upcoming, within);
    }
    return "netlog: " + text;
}

// A cell as Table::add_row() keeps it: made printable (printable ASCII, nearly every
// cell, as it is), and its display width.
int printable_cell(std::string& cell) {
    if (is_printable_ascii(cell)) {
        return static_cast<int>(cell.size());
    }
    cell = printable(cell);
    return display_width(cell);
}

// The table of one section as Table::render() lays it out with no width limit and no
// colour (piped, as from cron): the same bytes, written in one pass once the columns'
// widths are known, without a Table's five strings and two vectors a row (`due`
// lists 35,000 items on issue #20's journal).
void append_plain_table(std::string& text, DueSection section, const std::vector<DueItem>& items) {
    struct Row {
        std::string person, what, due, when, command;
        int person_width, what_width, due_width, when_width, command_width;
    };
    std::vector<Row> rows;
    rows.reserve(items.size());
    const char* headers[] = {"WHO", "WHAT", "DUE", "WHEN", "CLEAR WITH"};
    int widths[5];
    for (int c = 0; c < 5; ++c) {
        widths[c] = display_width(headers[c]);
    }
    for (const auto& item : items) {
        Row& row = rows.emplace_back();
        row.person = item.person;
        if (item.ask) {
            row.what = ask_id(*item.ask);
            row.what += ' ';
            row.what += item.what;
        } else {
            row.what = what_of(section, item);
        }
        row.due = format_date(item.due_on);
        row.when = when_text(item);
        row.command = clearing_command(section, item);
        row.person_width = printable_cell(row.person);
        row.what_width = printable_cell(row.what);
        row.due_width = printable_cell(row.due);
        row.when_width = printable_cell(row.when);
        row.command_width = printable_cell(row.command);
        widths[0] = std::max(widths[0], row.person_width);
        widths[1] = std::max(widths[1], row.what_width);
        widths[2] = std::max(widths[2], row.due_width);
        widths[3] = std::max(widths[3], row.when_width);
        widths[4] = std::max(widths[4], row.command_width);
    }
    std::size_t line_size = 9;
    for (int w : widths) {
        line_size += static_cast<std::size_t>(w);
    }
    text.reserve(text.size() + line_size * (rows.size() + 1));
    auto pad = [&text](int width, int cell_width) {
        text.append(static_cast<std::size_t>(std::max(0, width - cell_width)), ' ');
    };
    // The header: padded the same way, trailing spaces dropped (the last is never padded).
    for (int c = 0; c < 5; ++c) {
        if (c > 0) {
            text += "  ";
        }
        text += headers[c];
        if (c < 4) {
            pad(widths[c], display_width(headers[c]));
        }
    }
    text += '\n';
    for (const Row& row : rows) {
        const std::size_t start = text.size();
        text += row.person;
        pad(widths[0], row.person_width);
        text += "  ";
        text += row.what;
        pad(widths[1], row.what_width);
        text += "  ";
        text += row.due;
        pad(widths[2], row.due_width);
        text += "  ";
        text += row.when;
        pad(widths[3], row.when_width);
        text += "  ";
        text += row.command;
        while (text.size() > start && text.back() == ' ') {
            text.pop_back();
        }
        text += '\n';
    }
}

std::string report_text(const DueReport& report, const Output& out) {
    std::string text;
    for (const auto& info : due_sections) {
        const auto& items = report[info.section];
        if (items.empty()) {
            continue;
        }
        if (out.width == 0 && !out.color) {
            const bool all_overdue = std::all_of(
                items.begin(), items.end(), [](const DueItem& item) { return item.overdue(); });
            text += text.empty() ? "" : "\n";
            text += printable(all_overdue ? info.heading_overdue : info.heading);
            text += " (" + std::to_string(items.size()) + ")\n";
            append_plain_table(text, info.section, items);
            continue;
        }
        // On a terminal narrower than the table the command goes under its row.
        const bool narrow = out.width > 0 && out.width < 120;
        Table table(narrow ? std::vector<std::string>{"WHO", "WHAT", "DUE", "WHEN"}
                           : std::vector<std::string>{"WHO", "WHAT", "DUE", "WHEN", "CLEAR WITH"});
        table.fit(0, 10);
        table.fit(1, 16);
        for (const auto& item : items) {
            std::string what;
            if (item.ask) {
                what = ask_id(*item.ask);
                what += ' ';
                what += item.what;
            } else {
                what = what_of(info.section, item);
            }
            // Table::add_row makes each cell printable (printable() of a printable text
            // is the same text): no copy here.
            std::vector<std::string> cells{item.person, std::move(what), format_date(item.due_on),
                                           when_text(item)};
            if (!narrow) {
                cells.push_back(clearing_command(info.section, item));
            }
            table.add_row(std::move(cells), item.now() ? Style::red : Style::plain);
            if (narrow) {
                table.add_detail("→ " + clearing_command(info.section, item));
            }
        }
        const bool all_overdue = std::all_of(items.begin(), items.end(),
                                             [](const DueItem& item) { return item.overdue(); });
        text += fmt::format("{}{} ({})\n", text.empty() ? "" : "\n",
                            out.paint(Style::bold,
                                      all_overdue ? info.heading_overdue : info.heading),
                            items.size());
        text += table.render(out);
    }
    return text;
}

} // namespace

void setup_due(CLI::App& app, Registry& registry) {
    auto opt = std::make_shared<DueOptions>();
    CLI::App* cmd = add_command(app, "due", "What needs action: replies you owe, promises, "
                                            "follow-ups, people to reconnect with, favours to return");
    cmd->add_option("--within", opt->within,
                    "Also list what falls due in the next DURATION (3d, 1w…)")
        ->type_name("DURATION");
    cmd->add_flag("--digest", opt->digest,
                  "For cron: plain text with a summary line first, and no output at all when "
                  "nothing is due");
    cmd->add_flag("--exit-code", opt->exit_code,
                  "Exit 1 when something is listed (overdue, due today, or within --within)");
    // Cron mails whatever a job prints: a digest holds back warnings, the config's too.
    registry.before_config(cmd, [opt](Output& out) {
        if (opt->digest) {
            out.hold_warnings = true;
        }
    });
    registry.on(cmd, [opt](Context& ctx) {
        std::optional<Duration> within;
        if (!opt->within.empty()) {
            within = parse_duration(opt->within);
        }
        Journal& journal = ctx.journal(Journal::Mode::read);
        const Date horizon = due_horizon(ctx.today, within);
        const DuePrefilter people = due_prefilter(horizon, ctx.config);
        DueReport report = compute_due(journal.ledger().people_for_due(people), journal.ledger().asks_for_due(horizon),
                                       ctx.config, ctx.today, within);
        int code = opt->exit_code && report.any_for_exit_code() ? exit_overdue : exit_ok;
        std::string within_text = within ? format_duration(*within) : "";

        if (ctx.out.json) {
            ctx.out.print(report_json_text(report, within ? &within_text : nullptr));
            return code;
        }
        if (opt->digest) {
            if (report.empty()) {
                return code;  // silence: cron sends no mail
            }
            ctx.out.color = false;
            ctx.out.print(summary(report, within_text) + "\n\n" + report_text(report, ctx.out));
            return code;
        }
        if (report.empty()) {
            ctx.out.print(within ? fmt::format("nothing due within {}", within_text)
                                 : "nothing due today");
            return code;
        }
        ctx.out.print(report_text(report, ctx.out));
        return code;
    });
}

} // namespace netlog
