// One output layer for every command: human text (aligned, coloured only when
// allowed, stored text made printable) or one JSON document.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace netlog {

using Json = nlohmann::ordered_json;

enum class Style { plain, bold, dim, red, green, yellow, cyan };

class Output {
public:
    bool json = false;           // --json: one document on stdout
    bool color = false;          // ANSI colours allowed
    bool quiet = false;          // -q: nothing but errors and what was asked for
    bool hold_warnings = false;  // due --digest: warnings are held back
    int width = 0;               // columns human output fits in; 0: no limit (piped)

    // What the user asked for (a listing, a report): printed even under -q.
    void print(std::string_view text) const;
    // A confirmation ("added i42 …"): left out under -q and --json.
    void info(std::string_view text) const;
    // "netlog: warning: …" on stderr, unless -q or held back.
    void warn(std::string_view text) const;
    // "netlog: …" on stderr, unless -q or held back: what netlog did for the user
    // that they may not expect (`--new` used someone already in the journal).
    void note(std::string_view text) const;
    // Prints {"netlog": <schema version>, …data} on stdout.
    void emit(const Json& data) const;
    // The same, taking the values of `data` rather than copying them (a report of tens
    // of thousands of items).
    void emit(Json&& data) const;
    // Prints {"netlog": <schema version>, "<key>": [items]} on stdout as emit() lays it
    // out, each item as soon as `produce` passes it to its callback: a list of 10,000
    // is never held. `key` is plain ASCII.
    void emit_list(std::string_view key,
                   const std::function<void(const std::function<void(const Json&)>&)>& produce) const;

    // `text` in `style` when colour is on; stored text is always made printable.
    std::string paint(Style style, std::string_view text) const;
    // `text`, already printable, in `style` when colour is on.
    std::string style_printable(Style style, std::string text) const;
};

// `text` wrapped into lines of at most `width` columns (0: no limit) at spaces, each
// line after the first indented by `indent` spaces (a hanging indent); a word
// longer than a line is cut with "…".
std::string wrap(std::string_view text, int width, int indent);

// The columns human output may take: COLUMNS when set, else the terminal's width when
// stdout is one (80 if it cannot say), else 0 (no limit: piped output is not cut).
int output_width();

// Columns aligned by display width; every cell is made printable.
class Table {
public:
    enum class Align { left, right };
    explicit Table(std::vector<std::string> headers, std::vector<Align> align = {});
    void add_row(std::vector<std::string> cells, Style style = Style::plain);
    // Lets `column` (free text: a name, a note) be cut with "…", down to `min_width`,
    // when the table is wider than the output's width.
    void fit(std::size_t column, int min_width = 10);
    // A line printed under the last row, indented by four spaces and cut to the
    // output's width (log's favours).
    void add_detail(std::string line);
    bool empty() const { return m_rows.empty(); }
    // The table as lines; the last column is never padded. Headers are dimmed.
    std::string render(const Output& out) const;

private:
    struct Row {
        std::vector<std::string> cells;  // printable already
        std::vector<int> widths;         // display_width() of each cell, measured once
        Style style;
        std::vector<std::string> details;  // printable already
    };
    std::vector<std::string> m_headers;
    std::vector<Align> m_align;
    std::vector<int> m_min_width;  // -1: never cut
    std::vector<Row> m_rows;
};

} // namespace netlog
