#include "output.hpp"

#include "netlog/io.hpp"
#include "netlog/journal.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <sys/ioctl.h>
#include <unistd.h>

namespace netlog {
namespace {

const char* ansi(Style style) {
    switch (style) {
    case Style::plain: return "";
    case Style::bold: return "\x1b[1m";
    case Style::dim: return "\x1b[2m";
    case Style::red: return "\x1b[31m";
    case Style::green: return "\x1b[32m";
    case Style::yellow: return "\x1b[33m";
    case Style::cyan: return "\x1b[36m";
    }
    return "";
}

} // namespace

void Output::print(std::string_view text) const {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (text.empty() || text.back() != '\n') {
        std::fputc('\n', stdout);
    }
}

void Output::info(std::string_view text) const {
    if (!quiet && !json) {
        print(text);
    }
}

void Output::warn(std::string_view text) const {
    if (!quiet && !hold_warnings) {
        fmt::print(stderr, "netlog: warning: {}\n", printable(text));
    }
}

void Output::note(std::string_view text) const {
    if (!quiet && !hold_warnings) {
        fmt::print(stderr, "netlog: {}\n", printable(text));
    }
}

void Output::emit(const Json& data) const {
    Json doc;
    doc["netlog"] = schema_version;
    for (auto it = data.begin(); it != data.end(); ++it) {
        doc[it.key()] = it.value();
    }
    print(json_text(doc, 2));
}

void Output::emit(Json&& data) const {
    Json doc;
    doc["netlog"] = schema_version;
    for (auto it = data.begin(); it != data.end(); ++it) {
        doc[it.key()] = std::move(it.value());
    }
    print(json_text(doc, 2));
}

void Output::emit_list(
    std::string_view key,
    const std::function<void(const std::function<void(const Json&)>&)>& produce) const {
    fmt::print(stdout, "{{\n  \"netlog\": {},\n  \"{}\": [", schema_version, key);
    bool first = true;
    produce([&](const Json& item) {
        // The item as emit() would nest it: two levels in, four spaces. JSON strings
        // hold no raw newline, so every newline starts a line of the layout.
        std::string text = json_text(item, 2);
        std::string nested = first ? "\n    " : ",\n    ";
        nested.reserve(nested.size() + text.size() + text.size() / 8);
        for (char c : text) {
            nested += c;
            if (c == '\n') {
                nested += "    ";
            }
        }
        std::fwrite(nested.data(), 1, nested.size(), stdout);
        first = false;
    });
    std::fputs(first ? "]\n}\n" : "\n  ]\n}\n", stdout);
}

std::string Output::paint(Style style, std::string_view text) const {
    return style_printable(style, printable(text));
}

std::string Output::style_printable(Style style, std::string text) const {
    if (!color || style == Style::plain) {
        return text;
    }
    return fmt::format("{}{}\x1b[0m", ansi(style), text);
}

std::string wrap(std::string_view text, int width, int indent) {
    if (width <= 0 || display_width(text) <= width) {
        return std::string(text);
    }
    indent = std::clamp(indent, 0, width / 2);
    // Words with the spaces before them, so that a line keeps its own spacing (the
    // padding after a label); the spaces where a line breaks are dropped.
    std::string result;
    int line_width = 0;
    bool line_has_word = false;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t word_start = text.find_first_not_of(' ', pos);
        if (word_start == std::string_view::npos) {
            break;
        }
        std::size_t word_end = std::min(text.find(' ', word_start), text.size());
        std::string_view spaces = text.substr(pos, word_start - pos);
        std::string word(text.substr(word_start, word_end - word_start));
        pos = word_end;
        int spaces_width = static_cast<int>(spaces.size());
        int w = display_width(word);
        if (line_has_word && line_width + spaces_width + w > width) {
            result += '\n';
            result.append(static_cast<std::size_t>(indent), ' ');
            line_width = indent;
            spaces = {};
            spaces_width = 0;
        }
        if (line_width + spaces_width + w > width) {  // a word longer than a line
            word = truncate_to_width(word, std::max(1, width - line_width - spaces_width));
            w = display_width(word);
        }
        result += spaces;
        result += word;
        line_width += spaces_width + w;
        line_has_word = true;
    }
    return result;
}

int output_width() {
    if (const char* columns = std::getenv("COLUMNS"); columns && *columns) {
        char* end = nullptr;
        long n = std::strtol(columns, &end, 10);
        if (*end == '\0' && n > 0) {
            return static_cast<int>(std::min(n, 10000L));
        }
    }
    if (!::isatty(1)) {
        return 0;
    }
    struct winsize size {};
    if (::ioctl(1, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) {
        return size.ws_col;
    }
    return 80;
}

Table::Table(std::vector<std::string> headers, std::vector<Align> align)
    : m_headers(std::move(headers)), m_align(std::move(align)) {
    m_align.resize(m_headers.size(), Align::left);
    m_min_width.resize(m_headers.size(), -1);
}

void Table::add_detail(std::string line) {
    if (!m_rows.empty()) {
        m_rows.back().details.push_back(printable(line));
    }
}

void Table::fit(std::size_t column, int min_width) {
    if (column < m_min_width.size()) {
        m_min_width[column] = std::max(1, min_width);
    }
}

void Table::add_row(std::vector<std::string> cells, Style style) {
    cells.resize(m_headers.size());
    std::vector<int> widths(cells.size());
    for (size_t c = 0; c < cells.size(); ++c) {
        std::string& cell = cells[c];
        // Most cells are printable ASCII already: one column per byte, nothing to copy.
        if (is_printable_ascii(cell)) {
            widths[c] = static_cast<int>(cell.size());
        } else {
            cell = printable(cell);
            widths[c] = display_width(cell);
        }
    }
    m_rows.push_back({std::move(cells), std::move(widths), style, {}});
}

std::string Table::render(const Output& out) const {
    std::vector<int> widths(m_headers.size(), 0);
    for (size_t c = 0; c < m_headers.size(); ++c) {
        widths[c] = display_width(m_headers[c]);
        for (const auto& row : m_rows) {
            widths[c] = std::max(widths[c], row.widths[c]);
        }
    }
    // Too wide for the terminal: the widest column that may be cut gives a column at a
    // time, so long notes and names share the cut, until the table fits.
    if (out.width > 0) {
        int total = 2 * static_cast<int>(widths.size() - 1);
        for (int w : widths) {
            total += w;
        }
        while (total > out.width) {
            std::size_t widest = widths.size();
            for (size_t c = 0; c < widths.size(); ++c) {
                if (m_min_width[c] >= 0 &&
                    widths[c] > std::max(m_min_width[c], display_width(m_headers[c])) &&
                    (widest == widths.size() || widths[c] > widths[widest])) {
                    widest = c;
                }
            }
            if (widest == widths.size()) {
                break;
            }
            --widths[widest];
            --total;
        }
    }
    auto cut = [&](const std::vector<std::string>& cells, const std::vector<int>& cell_widths,
                   std::vector<std::string>& cut_cells, std::vector<int>& cut_widths) {
        cut_cells = cells;
        cut_widths = cell_widths;
        for (size_t c = 0; c < cells.size(); ++c) {
            if (cell_widths[c] > widths[c]) {
                cut_cells[c] = truncate_to_width(cells[c], widths[c]);
                cut_widths[c] = display_width(cut_cells[c]);
            }
        }
    };
    // Appends one line to `text`, cells padded to the column widths (the last one not),
    // without trailing spaces.
    auto line = [&](std::string& text, const std::vector<std::string>& cells,
                    const std::vector<int>& cell_widths) {
        const std::size_t start = text.size();
        for (size_t c = 0; c < cells.size(); ++c) {
            bool last = c + 1 == cells.size();
            if (c > 0) {
                text += "  ";
            }
            auto padding = static_cast<std::size_t>(std::max(0, widths[c] - cell_widths[c]));
            if (m_align[c] == Align::right) {
                text.append(padding, ' ');
                text += cells[c];
            } else {
                text += cells[c];
                text.append(last ? 0 : padding, ' ');
            }
        }
        while (text.size() > start && text.back() == ' ') {
            text.pop_back();
        }
    };
    std::vector<int> header_widths;
    for (const auto& h : m_headers) {
        header_widths.push_back(display_width(h));
    }
    std::string header;
    line(header, m_headers, header_widths);
    std::string result = out.style_printable(Style::dim, printable(header)) + "\n";
    {
        // Room for every line at once (`due` renders tens of thousands): no regrowing.
        std::size_t line_size = 2 * widths.size() + 1;
        for (int w : widths) {
            line_size += static_cast<std::size_t>(w);
        }
        result.reserve(result.size() + line_size * m_rows.size());
    }
    std::string text;
    std::vector<std::string> cut_cells;
    std::vector<int> cut_widths;
    for (const auto& row : m_rows) {
        bool too_wide = false;
        for (size_t c = 0; c < row.cells.size(); ++c) {
            too_wide = too_wide || row.widths[c] > widths[c];
        }
        if (too_wide) {
            cut(row.cells, row.widths, cut_cells, cut_widths);
        }
        const auto& cells = too_wide ? cut_cells : row.cells;
        const auto& cell_widths = too_wide ? cut_widths : row.widths;
        // Cells were made printable in add_row: don't scan them again.
        if (out.color && row.style != Style::plain) {
            text.clear();
            line(text, cells, cell_widths);
            result += out.style_printable(row.style, text);
        } else {
            line(result, cells, cell_widths);
        }
        result += '\n';
        for (const auto& detail : row.details) {
            result += "    ";
            result += out.width > 0 ? truncate_to_width(detail, std::max(1, out.width - 4)) : detail;
            result += '\n';
        }
    }
    return result;
}

} // namespace netlog
