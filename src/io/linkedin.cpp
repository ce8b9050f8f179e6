// LinkedIn's Connections.csv, read with libcsv.
//
// The file is fed to libcsv one line at a time, so every record knows the line it
// started on, and memory does not grow with the file — but for rows whose numeric
// dates could be read day or month first, held until a row tells which. libcsv's callbacks (C code
// calls them) only collect fields; records are handed on after csv_parse returns,
// so that no exception ever unwinds through C frames.
#include "netlog/io.hpp"

#include "codec.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"
#include "netlog/validate.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <deque>
#include <variant>

namespace netlog {
namespace {

struct Record {
    int line = 0;
    std::vector<std::string> fields;
};

// What libcsv's callbacks fill while a chunk is parsed.
struct Collector {
    int current_line = 0; // the line being fed
    int record_start = 0; // the line the record being read began on
    Record record;        // the record being read
    std::deque<Record> done;

    static void on_field(void* data, size_t size, void* self) {
        auto& c = *static_cast<Collector*>(self);
        c.record.line = c.record_start;
        c.record.fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? size : 0);
    }
    static void on_record(int, void* self) {
        auto& c = *static_cast<Collector*>(self);
        c.done.push_back(std::move(c.record));
        c.record = Record{};
    }
};

// The columns of a Connections.csv, found by their header names.
struct Columns {
    int first = -1, last = -1, url = -1, email = -1, company = -1, position = -1, connected = -1;
    std::size_t count = 0;

    // The header row, or nullopt for a row of the preamble.
    static std::optional<Columns> from_header(const std::vector<std::string>& fields) {
        static constexpr std::pair<const char*, int Columns::*> names[] = {
            {"First Name", &Columns::first},
            {"Last Name", &Columns::last},
            {"URL", &Columns::url},
            {"Email Address", &Columns::email},
            {"Company", &Columns::company},
            {"Position", &Columns::position},
            {"Connected On", &Columns::connected}};
        Columns c;
        c.count = fields.size();
        for (std::size_t i = 0; i < fields.size(); ++i) {
            std::string name = trim_space(fields[i]);
            for (auto [header, column] : names) {
                if (name == header) {
                    c.*column = static_cast<int>(i);
                }
            }
        }
        if (c.first < 0 || c.last < 0) {
            return std::nullopt;
        }
        return c;
    }
};

std::string field_at(const std::vector<std::string>& fields, int index) {
    if (index < 0 || static_cast<std::size_t>(index) >= fields.size()) {
        return "";
    }
    return trim_space(fields[static_cast<std::size_t>(index)]);
}

std::optional<std::string> optional_field(const std::vector<std::string>& fields, int index) {
    std::string value = field_at(fields, index);
    if (value.empty()) {
        return std::nullopt;
    }
    return value;
}

// "First  Last" with the inner runs of white space made one space.
std::string full_name(const std::string& first, const std::string& last) {
    std::string joined = first + " " + last, name;
    for (char c : joined) {
        bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (space && (name.empty() || name.back() == ' ')) {
            continue;
        }
        name += space ? ' ' : c;
    }
    return trim(name);
}

bool read_int(std::string_view text, int& value) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

std::optional<Date> checked_ymd(int y, int m, int d) {
    if (m < 1 || d < 1) {
        return std::nullopt;
    }
    try {
        return Date::from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
    } catch (const Error&) {
        return std::nullopt; // 31 Feb
    }
}

// How a file writes the day and month of a numeric date ("4/5/2023"): LinkedIn's
// own exports put the month first; Excel in a European locale, the day. Decided per
// file by the first date that can only be read one way ("23/04/2023").
enum class DateOrder { unknown, month_first, day_first };

// The numeric parts of "4/23/2023", "23.04.2023" or "4/23/23, 6:14 PM", with the
// separator; nullopt for any other text.
struct NumericDate {
    int a = 0, b = 0, year = 0;
    char separator = '/';
};

std::optional<NumericDate> numeric_date(const std::string& text) {
    std::string date = text.substr(0, text.find_first_of(", "));
    for (char sep : {'/', '.', '-'}) {
        std::vector<std::string> parts;
        std::size_t from = 0;
        for (std::size_t at; (at = date.find(sep, from)) != std::string::npos; from = at + 1) {
            parts.push_back(date.substr(from, at - from));
        }
        parts.push_back(date.substr(from));
        NumericDate d;
        d.separator = sep;
        if (parts.size() == 3 && read_int(parts[0], d.a) && read_int(parts[1], d.b) &&
            read_int(parts[2], d.year) && parts[0].size() <= 2 && parts[1].size() <= 2 &&
            (parts[2].size() == 2 || parts[2].size() == 4)) {
            if (parts[2].size() == 2) {
                d.year += 2000;
            }
            return d;
        }
    }
    return std::nullopt;
}

// What one Connected On value says of the file's order, if anything.
DateOrder order_shown_by(const std::string& text) {
    auto d = numeric_date(trim_space(text));
    if (!d || d->separator != '/') {
        return DateOrder::unknown;
    }
    if (d->a > 12 && d->b <= 12) {
        return DateOrder::day_first;
    }
    if (d->b > 12 && d->a <= 12) {
        return DateOrder::month_first;
    }
    return DateOrder::unknown;
}

std::optional<int> month_number(const std::string& word) {
    static constexpr std::array<const char*, 12> months{"jan", "feb", "mar", "apr", "may", "jun",
                                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    if (word.size() < 3) {
        return std::nullopt;
    }
    std::string month = io::ascii_lower(word).substr(0, 3);
    auto it = std::find_if(months.begin(), months.end(), [&](const char* m) { return month == m; });
    if (it == months.end()) {
        return std::nullopt;
    }
    return static_cast<int>(it - months.begin()) + 1;
}

std::optional<Date> parse_date_in(const std::string& text_in, DateOrder order) {
    std::string text = trim_space(text_in);
    // "2023-04-23", also with a time after it as Excel may write it.
    if (text.size() >= 10 && (text.size() == 10 || text[10] == ' ' || text[10] == 'T')) {
        if (auto iso = parse_iso_date(text.substr(0, 10))) {
            return iso;
        }
    }
    // "03 Jan 2024"
    auto words = split_list(text, ' ');
    if (words.size() == 3 && text.find_first_of("/.-") == std::string::npos) {
        int day = 0, year = 0;
        auto month = month_number(words[1]);
        if (month && read_int(words[0], day) && read_int(words[2], year) && words[2].size() == 4) {
            return checked_ymd(year, *month, day);
        }
        return std::nullopt;
    }
    // "23-Apr-23", "23-Apr-2023": Excel's d-mmm-yy
    if (auto dash = split_list(text, '-'); dash.size() == 3 && month_number(dash[1])) {
        int day = 0, year = 0;
        if (read_int(dash[0], day) && read_int(dash[2], year) &&
            (dash[2].size() == 2 || dash[2].size() == 4)) {
            return checked_ymd(dash[2].size() == 2 ? 2000 + year : year, *month_number(dash[1]),
                               day);
        }
        return std::nullopt;
    }
    // "1/8/18, 6:14 PM", "4/23/2023", "23/04/2023", "23.04.2023"; the time is dropped.
    if (auto d = numeric_date(text)) {
        bool day_first = d->separator != '/' || order == DateOrder::day_first;
        return day_first ? checked_ymd(d->year, d->b, d->a) : checked_ymd(d->year, d->a, d->b);
    }
    return std::nullopt;
}

// The contact of a row, or why the row cannot be read.
std::variant<Contact, ContactSkip> contact_from(const Record& row, const Columns& columns,
                                                DateOrder order) {
    if (row.fields.size() > columns.count) {
        return ContactSkip{row.line, "too many fields",
                           fmt::format("{} fields but the header has {}; a field that holds "
                                       "the separator must be quoted",
                                       row.fields.size(), columns.count)};
    }
    Contact c;
    c.line = row.line;
    c.name = full_name(field_at(row.fields, columns.first), field_at(row.fields, columns.last));
    if (auto email = optional_field(row.fields, columns.email); email && is_email_address(*email)) {
        c.emails.push_back(*email);
    }
    c.company = optional_field(row.fields, columns.company);
    c.role = optional_field(row.fields, columns.position);
    c.url = optional_field(row.fields, columns.url);
    if (c.url) {
        c.key = linkedin_key(*c.url);
    }
    std::string connected = field_at(row.fields, columns.connected);
    if (!connected.empty()) {
        c.added_on = parse_date_in(connected, order);
        if (!c.added_on) {
            return ContactSkip{row.line, "bad date",
                               fmt::format("Connected On '{}' is not a date like '03 Jan 2024'",
                                           printable(connected))};
        }
    }
    return c;
}

} // namespace

std::optional<Date> parse_linkedin_date(const std::string& text) {
    return parse_date_in(text, DateOrder::month_first);
}

std::string linkedin_key(const std::string& url) {
    std::string s = trim(url);
    if (auto scheme = s.find("://"); scheme != std::string::npos) {
        s = s.substr(scheme + 3);
    }
    s = s.substr(0, s.find_first_of("?#"));
    // Escapes that do not make UTF-8 (or are broken) stay as they are.
    auto decoded = io::decode_hex_escapes(s, '%');
    s = io::ascii_lower(decoded && is_valid_utf8(*decoded) ? *decoded : s);
    if (s.rfind("www.", 0) == 0) {
        s = s.substr(4);
    }
    while (!s.empty() && s.back() == '/') {
        s.pop_back();
    }
    return "linkedin:" + s;
}

ContactFileSummary read_linkedin(std::istream& in, const std::string& source,
                                 const ContactSink& each) {
    csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        throw std::bad_alloc();
    }
    struct Guard {
        csv_parser* p;
        ~Guard() { csv_free(p); }
    } guard{&parser};

    Collector collector;
    std::optional<Columns> columns;
    ContactFileSummary summary;
    DateOrder order = DateOrder::unknown;
    // Rows held back until a date shows whether this file writes the day or the month
    // first; rows of a file with unambiguous dates go on as they are read.
    std::deque<Record> waiting;
    auto emit = [&](const Record& row) {
        auto result = contact_from(row, *columns, order);
        if (auto* skip = std::get_if<ContactSkip>(&result)) {
            summary.skipped.push_back(std::move(*skip));
            return;
        }
        const Contact& contact = std::get<Contact>(result);
        if (contact.name.empty()) {
            ++summary.ignored; // a deleted account: only the date is left
            return;
        }
        ++summary.contacts;
        each(contact);
    };
    auto flush = [&] {
        for (; !waiting.empty(); waiting.pop_front()) {
            emit(waiting.front());
        }
    };
    auto hand_on = [&] {
        for (; !collector.done.empty(); collector.done.pop_front()) {
            Record& row = collector.done.front();
            if (!columns) {
                columns = Columns::from_header(row.fields); // the preamble goes by
                continue;
            }
            if (order == DateOrder::unknown && columns->connected >= 0) {
                std::string connected = field_at(row.fields, columns->connected);
                order = order_shown_by(connected);
                if (order == DateOrder::unknown &&
                    (!waiting.empty() || numeric_date(connected))) {
                    waiting.push_back(std::move(row));
                    continue;
                }
                if (order == DateOrder::unknown) {
                    emit(row);
                    continue;
                }
                waiting.push_back(std::move(row));
                flush();
                continue;
            }
            emit(row);
        }
    };
    auto restart_parser = [&] {
        unsigned char delimiter = csv_get_delim(&parser);
        csv_free(&parser);
        if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
            throw std::bad_alloc();
        }
        csv_set_delim(&parser, delimiter);
        collector.record = Record{};
    };

    std::string line;
    bool warned_encoding = false;
    while (std::getline(in, line)) {
        ++collector.current_line;
        if (collector.current_line == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
            line.erase(0, 3);
        }
        if (!in.eof()) {
            line += '\n';
        }
        if (!is_valid_utf8(line)) {
            // Excel saves "CSV" in the Windows code page of its locale.
            if (!warned_encoding) {
                summary.warnings.push_back(fmt::format(
                    "{}:{}: not UTF-8: read as Windows-1252, as Excel saves it", source,
                    collector.current_line));
                warned_encoding = true;
            }
            line = io::to_utf8(line, "WINDOWS-1252").value_or(io::repair_utf8(line));
        }
        // No row begun yet (libcsv's state 0): a record that starts now starts on this line.
        if (parser.pstate == 0) {
            collector.record_start = collector.current_line;
            // The header says which separator the file uses: Excel in a European
            // locale writes ';'.
            if (!columns && line.find("First Name") != std::string::npos &&
                std::count(line.begin(), line.end(), ';') >
                    std::count(line.begin(), line.end(), ',')) {
                csv_set_delim(&parser, ';');
            }
        }
        if (csv_parse(&parser, line.data(), line.size(), Collector::on_field, Collector::on_record,
                      &collector) != line.size()) {
            if (csv_error(&parser) == CSV_ENOMEM || csv_error(&parser) == CSV_ETOOBIG) {
                throw std::bad_alloc();
            }
            if (!columns) {
                // The preamble, as Excel pads it with ';' after a quoted note: not read.
                restart_parser();
                collector.done.clear();
                continue;
            }
            summary.skipped.push_back(
                {collector.record_start, "bad quoting",
                 "a '\"' in a field that is not quoted (a field with quotes must be quoted, "
                 "its quotes doubled)"});
            restart_parser();
            collector.done.clear();
            continue;
        }
        hand_on();
    }
    if (in.bad()) {
        throw journal_error(fmt::format("{}: read error on line {}: {}; nothing imported", source,
                                        collector.current_line + 1, std::strerror(errno)));
    }
    if (csv_fini(&parser, Collector::on_field, Collector::on_record, &collector) != 0) {
        throw journal_error(fmt::format("{}:{}: the file ends inside a quoted field: is it cut "
                                        "short? nothing imported",
                                        source, collector.record_start));
    }
    hand_on();
    if (!columns) {
        throw usage_error(fmt::format("{}: no header row 'First Name,Last Name,…'; give "
                                      "LinkedIn's Connections.csv",
                                      source));
    }
    if (order == DateOrder::unknown) {
        order = DateOrder::month_first; // as LinkedIn writes it
    }
    flush();
    return summary;
}

} // namespace netlog
