#include "output.hpp"

#include "netlog/journal.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

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
    std::string text = doc.dump(2, ' ', false, Json::error_handler_t::replace);
    print(text);
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
    for (auto& cell : cells) {
        cell = printable(cell);
    }
    m_rows.push_back({std::move(cells), style});
}

std::string Table::render(const Output& out) const {
    std::vector<int> widths(m_headers.size(), 0);
    for (size_t c = 0; c < m_headers.size(); ++c) {
        widths[c] = display_width(m_headers[c]);
        for (const auto& row : m_rows) {
            widths[c] = std::max(widths[c], display_width(row.cells[c]));
        }
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (size_t c = 0; c < cells.size(); ++c) {
            bool last = c + 1 == cells.size();
            if (c > 0) {
                text += "  ";
            }
            if (m_align[c] == Align::right) {
                text += pad_left(cells[c], widths[c]);
            } else {
                text += last ? cells[c] : pad_right(cells[c], widths[c]);
            }
        }
        while (!text.empty() && text.back() == ' ') {
            text.pop_back();
        }
        return text;
    };
    std::string result = out.style_printable(Style::dim, printable(line(m_headers))) + "\n";
    for (const auto& row : m_rows) {
        // Cells were made printable in add_row: don't scan them again.
        result += out.style_printable(row.style, line(row.cells)) + "\n";
    }
    return result;
}

} // namespace netlog
