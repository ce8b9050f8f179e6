// LinkedIn's Connections.csv, read with libcsv.
//
// The file is fed to libcsv one line at a time, so memory does not grow with the
// file and every record knows the line it started on. libcsv's callbacks (C code
// calls them) only collect fields; records are handed on after csv_parse returns,
// so that no exception ever unwinds through C frames.
#include "netlog/io.hpp"

#include "codec.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <deque>

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
            std::string name = trim(fields[i]);
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
    return trim(fields[static_cast<std::size_t>(index)]);
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

Contact contact_from(const Record& row, const Columns& columns, const std::string& source) {
    Contact c;
    c.line = row.line;
    c.name = full_name(field_at(row.fields, columns.first), field_at(row.fields, columns.last));
    if (auto email = optional_field(row.fields, columns.email)) {
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
        c.added_on = parse_linkedin_date(connected);
        if (!c.added_on) {
            throw usage_error(fmt::format("{}:{}: Connected On '{}' is not a date like "
                                          "'03 Jan 2024'; fix or remove that row",
                                          source, row.line, printable(connected)));
        }
    }
    return c;
}

} // namespace

std::optional<Date> parse_linkedin_date(const std::string& text_in) {
    std::string text = trim(text_in);
    if (auto iso = parse_iso_date(text)) {
        return iso;
    }
    // "03 Jan 2024"
    static constexpr std::array<const char*, 12> months{"jan", "feb", "mar", "apr", "may", "jun",
                                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    auto words = split_list(text, ' ');
    if (words.size() == 3 && text.find('/') == std::string::npos) {
        int day = 0, year = 0;
        std::string month = io::ascii_lower(words[1]).substr(0, 3);
        auto it =
            std::find_if(months.begin(), months.end(), [&](const char* m) { return month == m; });
        if (read_int(words[0], day) && read_int(words[2], year) && words[2].size() == 4 &&
            it != months.end()) {
            return checked_ymd(year, static_cast<int>(it - months.begin()) + 1, day);
        }
        return std::nullopt;
    }
    // "1/8/18, 6:14 PM" or "1/8/2018": month first, as LinkedIn wrote it; the time is dropped.
    std::string date = text.substr(0, text.find(','));
    auto parts = split_list(date, '/');
    int month = 0, day = 0, year = 0;
    if (parts.size() == 3 && read_int(parts[0], month) && read_int(parts[1], day) &&
        read_int(parts[2], year) && (parts[2].size() == 2 || parts[2].size() == 4)) {
        return checked_ymd(parts[2].size() == 2 ? 2000 + year : year, month, day);
    }
    return std::nullopt;
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
    auto hand_on = [&] {
        for (; !collector.done.empty(); collector.done.pop_front()) {
            const Record& row = collector.done.front();
            if (!columns) {
                columns = Columns::from_header(row.fields); // the preamble goes by
                continue;
            }
            if (row.fields.size() > columns->count) {
                throw usage_error(fmt::format(
                    "{}:{}: {} fields but the header has {}; quote fields that hold a comma",
                    source, row.line, row.fields.size(), columns->count));
            }
            Contact contact = contact_from(row, *columns, source);
            if (contact.name.empty()) {
                ++summary.ignored; // a deleted account: only the date is left
                continue;
            }
            ++summary.contacts;
            each(contact);
        }
    };
    auto fail_parse = [&] {
        if (csv_error(&parser) == CSV_ENOMEM || csv_error(&parser) == CSV_ETOOBIG) {
            throw std::bad_alloc();
        }
        throw usage_error(fmt::format("{}:{}: a '\"' in a field that is not quoted (a field with "
                                      "quotes must be quoted, its quotes doubled); is this "
                                      "LinkedIn's Connections.csv?",
                                      source, collector.current_line));
    };

    std::string line;
    while (std::getline(in, line)) {
        ++collector.current_line;
        if (collector.current_line == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
            line.erase(0, 3);
        }
        if (!in.eof()) {
            line += '\n';
        }
        if (!is_valid_utf8(line)) {
            throw usage_error(fmt::format("{}:{}: not valid UTF-8; export the file again", source,
                                          collector.current_line));
        }
        // No row begun yet (libcsv's state 0): a record that starts now starts on this line.
        if (parser.pstate == 0) {
            collector.record_start = collector.current_line;
        }
        if (csv_parse(&parser, line.data(), line.size(), Collector::on_field, Collector::on_record,
                      &collector) != line.size()) {
            fail_parse();
        }
        hand_on();
    }
    if (in.bad()) {
        throw usage_error(fmt::format("{}: read error: {}", source, std::strerror(errno)));
    }
    if (csv_fini(&parser, Collector::on_field, Collector::on_record, &collector) != 0) {
        throw usage_error(fmt::format("{}:{}: a quoted field is not closed; is this LinkedIn's "
                                      "Connections.csv?",
                                      source, collector.record_start));
    }
    hand_on();
    if (!columns) {
        throw usage_error(fmt::format("{}: no header row 'First Name,Last Name,…'; give "
                                      "LinkedIn's Connections.csv",
                                      source));
    }
    return summary;
}

} // namespace netlog
