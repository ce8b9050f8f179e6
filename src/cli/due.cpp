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
#include <cstdint>

namespace netlog {
namespace {

struct DueOptions {
    std::string within;
    bool digest = false;
    bool exit_code = false;
};

// The command that clears the item, appended to `out`. Handles are shell-safe
// (letters, digits, '-'). Strings are put together by hand here and below: `due`
// makes thousands of them, and fmt::format costs several times more.
void append_clearing_command(std::string& out, DueSection section, const DueItem& item) {
    switch (section) {
    case DueSection::replies: out += "netlog ask reply "; out += ask_id(*item.ask); return;
    // I follow up (nudge); `ask reply` is for when they answer.
    case DueSection::follow_ups: out += "netlog ask nudge "; out += ask_id(*item.ask); return;
    case DueSection::promises: out += "netlog ask done "; out += ask_id(*item.ask); return;
    case DueSection::reconnect:
        out += "netlog add ";
        out += item.person;
        out += " \"…\"";
        return;
    case DueSection::reciprocate:
        out += "netlog add ";
        out += item.person;
        out += " \"…\" --gave \"…\"";
        return;
    }
}

std::string clearing_command(DueSection section, const DueItem& item) {
    std::string text;
    append_clearing_command(text, section, item);
    return text;
}

// What the item is about, in a few words, appended to `out`.
void append_what_of(std::string& out, DueSection section, const DueItem& item) {
    switch (section) {
    case DueSection::replies:
    case DueSection::promises:
    case DueSection::follow_ups: out += item.what; return;
    case DueSection::reconnect:
        if (item.last_contact) {
            out += "last contact ";
            out += format_date(*item.last_contact);
        } else {
            out += "never contacted";
        }
        return;
    case DueSection::reciprocate:
        out += "you owe ";
        out += std::to_string(item.balance);
        out += " since ";
        out += date_text(item.since);
        return;
    }
}

std::string what_of(DueSection section, const DueItem& item) {
    std::string text;
    append_what_of(text, section, item);
    return text;
}

void append_when(std::string& out, const DueItem& item) {
    int n = item.days_overdue;
    if (n > 0) {
        out += std::to_string(n);
        out += n == 1 ? " day overdue" : " days overdue";
    } else if (n == 0) {
        out += "due today";
    } else if (n == -1) {
        out += "due tomorrow";
    } else {
        out += "due in ";
        out += std::to_string(-n);
        out += " days";
    }
}

std::string when_text(const DueItem& item) {
    std::string text;
    append_when(text, item);
    return text;
}

// Printable ASCII (is_printable_ascii()), and with `json`, no quote or backslash either:
// in one pass without an early exit, which the compiler can vectorise.
bool printable_ascii(std::string_view text, bool json) {
    bool plain = true;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        plain &= static_cast<unsigned char>(u - 0x20) < 0x5F;
        plain &= !json || (c != '"' && c != '\\');
    }
    return plain;
}

// The display width of `text` when printable() leaves it as it is and display_width()
// counts a column a character: printable ASCII, and the dashes and the ellipsis
// (U+2013, U+2014, U+2026) that both let through as they are. -1 for anything else.
int simple_width(std::string_view text) {
    int width = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7F) {
            ++width;
        } else if (c == 0xE2 && i + 2 < text.size() && text[i + 1] == '\x80' &&
                   (text[i + 2] == '\x93' || text[i + 2] == '\x94' || text[i + 2] == '\xA6')) {
            ++width;
            i += 2;
        } else {
            return -1;
        }
    }
    return width;
}

// A JSON string as json_text() writes it: printable ASCII, and the dashes and the
// ellipsis (valid UTF-8, which nlohmann writes as it is), with a quote or a backslash
// escaped as nlohmann escapes them (nearly every value `due` lists, its commands'
// "…" included) by hand; anything else through nlohmann.
void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    if (printable_ascii(text, true)) {
        out += text;
    } else if (simple_width(text) < 0) {
        out.pop_back();
        out += json_text(Json(std::string(text)), -1);
        return;
    } else {
        std::size_t run = 0;  // the start of what is not written yet
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '"' || text[i] == '\\') {
                out.append(text, run, i - run);
                out += '\\';
                run = i;
            }
        }
        out.append(text, run);
    }
    out += '"';
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
    std::string cell;  // a value put together, reused from item to item
    for (const auto& info : due_sections) {
        const auto& items = report[info.section];
        out.reserve(out.size() + items.size() * 320);
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
            cell.clear();
            append_what_of(cell, info.section, item);
            append_json_string(out, cell);
            field("command");
            cell.clear();
            append_clearing_command(cell, info.section, item);
            append_json_string(out, cell);
            switch (info.section) {  // the section's own keys
            case DueSection::replies:
            case DueSection::promises:
            case DueSection::follow_ups: break;
            case DueSection::reconnect:
                field("last");
                date_or_null_text(item.last_contact);
                field("snooze");
                cell.assign("netlog people set ");
                cell += item.person;
                cell += " --snooze 2w";
                append_json_string(out, cell);
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

// The table of one section as Table::render() lays it out with no width limit and no
// colour (piped, as from cron): the same bytes, written in one pass once the columns'
// widths are known. Every cell is put together once, in one buffer (`due` lists 35,000
// items on issue #20's journal: five strings a row, and a Table's two vectors, were
// most of its time), and made printable as Table::add_row() makes it (printable()
// leaves printable ASCII, dashes and the ellipsis as they are).
void append_plain_table(std::string& text, DueSection section, const std::vector<DueItem>& items) {
    constexpr int columns = 5;
    struct Cell {
        std::uint32_t start, size;
        int width;
    };
    std::vector<Cell> cells;
    cells.reserve(items.size() * columns);
    std::string buffer;
    buffer.reserve(items.size() * 96);
    const char* headers[] = {"WHO", "WHAT", "DUE", "WHEN", "CLEAR WITH"};
    int widths[columns];
    for (int c = 0; c < columns; ++c) {
        widths[c] = display_width(headers[c]);
    }
    // The cell appended to `buffer` from `start` on, made printable.
    auto close_cell = [&](std::size_t start, int column) {
        const std::string_view value = std::string_view(buffer).substr(start);
        int width =
            printable_ascii(value, false) ? static_cast<int>(value.size()) : simple_width(value);
        if (width < 0) {
            std::string cell = printable(std::string_view(buffer).substr(start));
            width = display_width(cell);
            buffer.resize(start);
            buffer += cell;
        }
        cells.push_back({static_cast<std::uint32_t>(start),
                         static_cast<std::uint32_t>(buffer.size() - start), width});
        widths[column] = std::max(widths[column], width);
    };
    for (const auto& item : items) {
        std::size_t start = buffer.size();
        buffer += item.person;
        close_cell(start, 0);
        start = buffer.size();
        if (item.ask) {
            buffer += ask_id(*item.ask);
            buffer += ' ';
            buffer += item.what;
        } else {
            append_what_of(buffer, section, item);
        }
        close_cell(start, 1);
        start = buffer.size();
        buffer += format_date(item.due_on);
        close_cell(start, 2);
        start = buffer.size();
        append_when(buffer, item);
        close_cell(start, 3);
        start = buffer.size();
        append_clearing_command(buffer, section, item);
        close_cell(start, 4);
    }
    std::size_t line_size = 9;
    for (int w : widths) {
        line_size += static_cast<std::size_t>(w);
    }
    text.reserve(text.size() + line_size * (items.size() + 1));
    auto pad = [&text](int width, int cell_width) {
        text.append(static_cast<std::size_t>(std::max(0, width - cell_width)), ' ');
    };
    // The header: padded the same way, trailing spaces dropped (the last is never padded).
    for (int c = 0; c < columns; ++c) {
        if (c > 0) {
            text += "  ";
        }
        text += headers[c];
        if (c < columns - 1) {
            pad(widths[c], display_width(headers[c]));
        }
    }
    text += '\n';
    for (std::size_t row = 0; row < cells.size(); row += columns) {
        const std::size_t start = text.size();
        for (int c = 0; c < columns; ++c) {
            const Cell& cell = cells[row + static_cast<std::size_t>(c)];
            if (c > 0) {
                text += "  ";
            }
            text.append(buffer, cell.start, cell.size);
            if (c < columns - 1) {
                pad(widths[c], cell.width);
            }
        }
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
        std::vector<PersonSummary> candidates = journal.ledger().people_for_due(people);
        std::vector<Ask> asks = journal.ledger().asks_for_due(horizon, candidates);
        DueReport report =
            compute_due(std::move(candidates), std::move(asks), ctx.config, ctx.today, within);
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
