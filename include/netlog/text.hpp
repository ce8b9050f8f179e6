// Unicode text helpers over utf8proc: folding for matching, handles, display
// width, and making stored text safe to print on a terminal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace netlog {

// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

// Lowercase, Latin accents stripped ("José Álvarez" -> "jose alvarez"),
// letters of other scripts kept but case-folded ("Йошкар" -> "йошкар").
// Used to compare names case- and accent-insensitively. Input must be valid UTF-8.
std::string fold(std::string_view text);

// fold() with the marks of every script dropped as well ("Αλέξανδρος" and
// "αλεξανδρος" -> "αλεξανδροσ", "Йошкар" -> "иошкар"): a looser key for finding a
// person by what a user can type on any keyboard. Never stored.
std::string loose_fold(std::string_view text);

// The handle a name gets, before clash suffixes: fold(), apostrophes removed,
// every other run of punctuation or space made one '-', no leading/trailing '-'.
// "José Álvarez" -> "jose-alvarez", "O'Brien" -> "obrien", "李 小龙" -> "李-小龙".
// A Greek sigma at the end of a word is the final sigma: "Αλέξανδρος" -> "αλέξανδρος".
// Empty when the name has no letter or digit.
std::string handle_base(std::string_view name);

// True when `text` is a well-formed handle (what handle_base could produce).
bool is_valid_handle(std::string_view text);

// True when every byte of `text` is printable ASCII (space to '~'): text that
// printable() leaves as it is and that takes one column a byte.
bool is_printable_ascii(std::string_view text);

// Columns `text` takes on a terminal (CJK and emoji are 2, combining marks and
// controls 0; an emoji ZWJ sequence, skin tone or flag counts as one emoji).
int display_width(std::string_view text);

// Replaces C0/C1 control characters (ESC included) and DEL with a visible
// escape such as "\x1b" or "\u{9b}" so that stored text can never drive the
// terminal; so are U+2028/U+2029 and the bidi overrides and isolates
// (U+202A..U+202E, U+2066..U+2069). Each tab, newline and CR becomes a space;
// invalid UTF-8 bytes become U+FFFD.
std::string printable(std::string_view text);

// `text` padded with spaces to `width` display columns (never truncated).
std::string pad_right(std::string_view text, int width);
std::string pad_left(std::string_view text, int width);

// `text` cut to at most `width` display columns, ending with "…" when cut.
std::string truncate_to_width(std::string_view text, int width);

// Levenshtein distance between two strings, counted in code points.
int edit_distance(std::string_view a, std::string_view b);

// Trims ASCII white space at both ends.
std::string trim(std::string_view text);

// Trims ASCII white space and the Unicode spaces spreadsheets leave behind (U+00A0
// no-break space, U+2007, U+202F, U+3000, and a stray U+FEFF) at both ends.
std::string trim_space(std::string_view text);

// Splits on `sep`, trimming each part and dropping empty ones.
std::vector<std::string> split_list(std::string_view text, char sep);

} // namespace netlog
