#include "output.hpp"

#include "netlog/io.hpp"
#include "netlog/journal.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

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

void Output::emit(const Json& data) const {
    Json doc;
    doc["netlog"] = schema_version;
    for (auto it = data.begin(); it != data.end(); ++it) {
        doc[it.key()] = it.value();
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

Table::Table(std::vector<std::string> headers, std::vector<Align> align)
    : m_headers(std::move(headers)), m_align(std::move(align)) {
    m_align.resize(m_headers.size(), Align::left);
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
    m_rows.push_back({std::move(cells), std::move(widths), style});
}

std::string Table::render(const Output& out) const {
    std::vector<int> widths(m_headers.size(), 0);
    for (size_t c = 0; c < m_headers.size(); ++c) {
        widths[c] = display_width(m_headers[c]);
        for (const auto& row : m_rows) {
            widths[c] = std::max(widths[c], row.widths[c]);
        }
    }
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
    std::string text;
    for (const auto& row : m_rows) {
        // Cells were made printable in add_row: don't scan them again.
        if (out.color && row.style != Style::plain) {
            text.clear();
            line(text, row.cells, row.widths);
            result += out.style_printable(row.style, text);
        } else {
            line(result, row.cells, row.widths);
        }
        result += '\n';
    }
    return result;
}

} // namespace netlog
