#include "netlog/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <memory>
#include <new>
#include <utility>

namespace netlog {

namespace {

using code_point = utf8proc_int32_t;

constexpr code_point replacement_character = 0xFFFD;
constexpr std::string_view ascii_space = " \t\n\v\f\r";

// Bytes of the UTF-8 sequence at `pos`, negative when it is not well-formed.
utf8proc_ssize_t decode_at(std::string_view text, std::size_t pos, code_point& cp) {
    const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos);
    return utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
}

// The code point at `pos`, moving `pos` past it. An invalid byte reads as U+FFFD.
code_point next_code_point(std::string_view text, std::size_t& pos) {
    code_point cp = 0;
    const utf8proc_ssize_t length = decode_at(text, pos, cp);
    if (length < 0) {
        ++pos;
        return replacement_character;
    }
    pos += static_cast<std::size_t>(length);
    return cp;
}

std::vector<code_point> code_points(std::string_view text) {
    std::vector<code_point> result;
    for (std::size_t pos = 0; pos < text.size();) result.push_back(next_code_point(text, pos));
    return result;
}

void append_utf8(std::string& out, code_point cp) {
    utf8proc_uint8_t bytes[4];
    const utf8proc_ssize_t length = utf8proc_encode_char(cp, bytes);
    out.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
}

// `text` (well-formed UTF-8) in Normalization Form C.
std::string to_nfc(const std::string& text) {
    utf8proc_uint8_t* mapped = nullptr;
    const utf8proc_ssize_t length =
        utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                     static_cast<utf8proc_ssize_t>(text.size()), &mapped,
                     static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    const std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owner(mapped, &std::free);
    // The input is valid UTF-8 built by this file, so only allocation can fail.
    if (length < 0) throw std::bad_alloc();
    return std::string(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
}

// Appends the decomposition of `cp` under utf8proc `options`.
void decompose_into(code_point cp, int options, std::vector<code_point>& out) {
    code_point buffer[32];  // the longest decomposition (U+FDFA, compatibility) is 18
    int boundclass = 0;
    const utf8proc_ssize_t length = utf8proc_decompose_char(
        cp, buffer, std::ssize(buffer), static_cast<utf8proc_option_t>(options), &boundclass);
    out.insert(out.end(), buffer, buffer + std::clamp<utf8proc_ssize_t>(length, 0, std::ssize(buffer)));
}

bool is_letter(code_point cp) {
    const auto category = utf8proc_category(cp);
    return category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
}

bool is_mark(code_point cp) {
    const auto category = utf8proc_category(cp);
    return category >= UTF8PROC_CATEGORY_MN && category <= UTF8PROC_CATEGORY_ME;
}

bool is_number(code_point cp) {
    const auto category = utf8proc_category(cp);
    return category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO;
}

bool is_space(code_point cp) {
    const auto category = utf8proc_category(cp);
    return (category >= UTF8PROC_CATEGORY_ZS && category <= UTF8PROC_CATEGORY_ZP) ||
           (cp < 0x80 && ascii_space.find(static_cast<char>(cp)) != std::string_view::npos);
}

bool is_apostrophe(code_point cp) { return cp == '\'' || cp == 0x2019 || cp == 0x02BC; }

// utf8proc has no script property: these are the blocks of the Latin script, less
// the Greek and Cyrillic letters among the phonetic extensions. Only letters in
// them count, so the few symbols inside the ranges do not matter.
constexpr std::pair<code_point, code_point> latin_ranges[] = {
    {0x0041, 0x005A}, {0x0061, 0x007A}, {0x00AA, 0x00AA}, {0x00BA, 0x00BA},
    {0x00C0, 0x02AF},  // Latin-1 letters, Latin Extended-A and -B, IPA
    {0x1D00, 0x1D25}, {0x1D2C, 0x1D5C}, {0x1D62, 0x1D65}, {0x1D6B, 0x1D77}, {0x1D79, 0x1DBE},
    {0x1E00, 0x1EFF},  // Latin Extended Additional (Vietnamese, ...)
    {0x2071, 0x2071}, {0x207F, 0x207F}, {0x2090, 0x209C},  // super- and subscript letters
    {0x2C60, 0x2C7F}, {0xA722, 0xA7FF}, {0xAB30, 0xAB64},  // Latin Extended-C, -D, -E
    {0xFB00, 0xFB06},                                      // ligatures: ﬀ ﬁ ﬂ ...
    {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A},                    // fullwidth
};

bool is_latin_letter(code_point cp) {
    return is_letter(cp) && std::any_of(std::begin(latin_ranges), std::end(latin_ranges),
                                        [cp](const auto& range) {
                                            return cp >= range.first && cp <= range.second;
                                        });
}

// Plain letters for the case-folded Latin letters that have no decomposition.
std::string_view plain_latin(code_point cp) {
    switch (cp) {
    case 0x00E6: return "ae";  // æ
    case 0x0153: return "oe";  // œ
    case 0x00F8: return "o";   // ø
    case 0x0142: return "l";   // ł
    case 0x0111: return "d";   // đ
    case 0x00F0: return "d";   // ð
    case 0x00FE: return "th";  // þ
    case 0x0131: return "i";   // ı
    case 0x0127: return "h";   // ħ
    case 0x0167: return "t";   // ŧ
    default: return {};
    }
}

// `text` case-folded and decomposed, with Latin letters reduced to plain letters:
// their marks dropped, compatibility forms (ﬁ, ｊ) and plain_latin() expanded.
// Letters of other scripts keep their marks. Not yet normalized.
std::vector<code_point> fold_code_points(std::string_view text) {
    std::vector<code_point> decomposed;
    for (const code_point cp : code_points(text))
        decompose_into(cp, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE, decomposed);

    std::vector<code_point> folded;
    // Whether the marks that follow belong to a Latin letter (or to a digit, as in
    // a keycap emoji) and are dropped. Tracked across code points for NFD input.
    bool drop_marks = false;
    for (const code_point cp : decomposed) {
        if (is_mark(cp)) {
            if (!drop_marks) folded.push_back(cp);
            continue;
        }
        drop_marks = is_latin_letter(cp) || (cp >= '0' && cp <= '9');
        if (!is_latin_letter(cp)) {
            folded.push_back(cp);
            continue;
        }
        std::vector<code_point> compatible;
        decompose_into(cp, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD, compatible);
        for (const code_point part : compatible) {
            if (is_mark(part)) continue;
            const std::string_view plain = plain_latin(part);
            if (plain.empty())
                folded.push_back(part);
            else
                folded.insert(folded.end(), plain.begin(), plain.end());
        }
    }
    return folded;
}

// A grapheme cluster: the byte just past it, and the columns it takes.
struct Cluster {
    std::size_t end;
    int width;
};

// `text` cut into grapheme clusters. A cluster is as wide as its code points
// together, but at most 2: an emoji ZWJ sequence, an emoji with a skin tone, or
// a flag (two regional indicators) is drawn as one wide glyph.
std::vector<Cluster> clusters(std::string_view text) {
    std::vector<Cluster> result;
    utf8proc_int32_t state = 0;
    code_point previous = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const code_point cp = next_code_point(text, pos);
        const int width = utf8proc_charwidth(cp);
        if (result.empty() || utf8proc_grapheme_break_stateful(previous, cp, &state)) {
            result.push_back({pos, width});
        } else {
            result.back().end = pos;
            result.back().width = std::min(2, result.back().width + width);
        }
        previous = cp;
    }
    return result;
}

// Line and paragraph separators, and the bidi embeddings, overrides and isolates
// that can make text display in another order than it is stored.
bool is_layout_control(code_point cp) {
    return cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

// A byte of printable ASCII (space to '~'): shown as it is, one column.
bool is_printable_byte(char c) { return c >= 0x20 && c < 0x7F; }

// Tables are full of "—" and "…" (U+2014, U+2026; and U+2013 "–"), which need no
// escape and take one column each, like the ASCII around them: is one at text[i]?
bool is_dash_or_ellipsis(std::string_view text, std::size_t i) {
    return static_cast<unsigned char>(text[i]) == 0xE2 && i + 2 < text.size() &&
           text[i + 1] == '\x80' &&
           (text[i + 2] == '\x93' || text[i + 2] == '\x94' || text[i + 2] == '\xA6');
}

// Plain ASCII text, which every function below can handle without utf8proc: a fast
// path for the long listings (`owe`, `audit`) that fold and measure many strings.
bool is_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

bool is_printable_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(), is_printable_byte);
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        code_point cp = 0;
        const utf8proc_ssize_t length = decode_at(text, pos, cp);
        if (length < 0) return false;
        pos += static_cast<std::size_t>(length);
    }
    return true;
}

std::string fold(std::string_view text) {
    std::string out;
    bool pending_space = false;
    if (is_ascii(text)) {  // lowercase, spaces collapsed: what the general path gives
        // In passes the compiler can vectorise (the audit folds every ask's text): most
        // texts have no space to collapse, only single spaces between words.
        out.assign(text);
        for (char& c : out) {
            c = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 'a' - 'A' : 0));
        }
        auto ascii_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
        const bool tidy = std::none_of(out.begin(), out.end(), [](char c) { return c >= '\t' && c <= '\r'; }) &&
                          out.find("  ") == std::string::npos &&
                          (out.empty() || (out.front() != ' ' && out.back() != ' '));
        if (tidy) {
            return out;
        }
        std::size_t kept = 0;  // collapsed in place: never ahead of the character read
        for (char c : out) {
            if (ascii_space(c)) {
                pending_space = kept > 0;
                continue;
            }
            if (pending_space) {
                out[kept++] = ' ';
                pending_space = false;
            }
            out[kept++] = c;
        }
        out.resize(kept);
        return out;
    }
    for (const code_point cp : fold_code_points(text)) {
        if (is_space(cp)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        append_utf8(out, cp);
    }
    return to_nfc(out);
}

std::string loose_fold(std::string_view text) {
    std::string folded = fold(text);
    if (is_ascii(folded)) return folded;
    std::vector<code_point> decomposed;
    for (const code_point cp : code_points(folded)) decompose_into(cp, UTF8PROC_DECOMPOSE, decomposed);
    std::string out;
    for (const code_point cp : decomposed)
        if (!is_mark(cp)) append_utf8(out, cp);
    return to_nfc(out);
}

std::string handle_base(std::string_view name) {
    std::string out;
    bool in_word = false;
    bool pending_dash = false;
    // Case folding makes every Greek sigma 'σ'; in a handle, one that ends a word is
    // written 'ς', as the name has it (a handle is read, not only matched).
    const std::vector<code_point> folded = fold_code_points(name);
    for (std::size_t i = 0; i < folded.size(); ++i) {
        code_point cp = folded[i];
        if (cp == 0x03C3 && in_word) {
            std::size_t next = i + 1;
            while (next < folded.size() && is_mark(folded[next])) ++next;
            if (next == folded.size() || !(is_letter(folded[next]) || is_number(folded[next])))
                cp = 0x03C2;
        }
        if (is_apostrophe(cp)) continue;
        // A mark is part of the word only when it follows a letter or digit.
        const bool word = is_letter(cp) || is_number(cp) || (in_word && is_mark(cp));
        if (!word) {
            in_word = false;
            pending_dash = !out.empty();
            continue;
        }
        if (pending_dash) out += '-';
        pending_dash = false;
        in_word = true;
        append_utf8(out, cp);
    }
    return to_nfc(out);
}

bool is_valid_handle(std::string_view text) {
    // A handle is exactly what handle_base() makes of it; this covers NFC, case,
    // separators and clash suffixes ("-2") in one rule.
    return !text.empty() && is_valid_utf8(text) && handle_base(text) == text;
}

int display_width(std::string_view text) {
    if (is_ascii(text)) {  // one column per printable character, none for controls
        return static_cast<int>(std::count_if(text.begin(), text.end(), is_printable_byte));
    }
    // Dashes and ellipses take one column; anything else, a combining mark after them
    // included, takes the grapheme clusters' way.
    {
        int width = 0;
        bool simple = true;
        for (std::size_t i = 0; i < text.size() && simple; ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c < 0x80) {
                width += is_printable_byte(static_cast<char>(c));
            } else if (is_dash_or_ellipsis(text, i)) {
                ++width;
                i += 2;
            } else {
                simple = false;
            }
        }
        if (simple) {
            return width;
        }
    }
    int width = 0;
    for (const Cluster& cluster : clusters(text)) width += cluster.width;
    return width;
}

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        // Runs of printable ASCII, dashes and ellipses (the most of a table's cells),
        // and characters that need no escape, are copied as they are stored: only what
        // must change is decoded and re-encoded.
        const std::size_t run = pos;
        while (pos < text.size()) {
            if (is_printable_byte(text[pos])) {
                ++pos;
            } else if (is_dash_or_ellipsis(text, pos)) {
                pos += 3;
            } else {
                break;
            }
        }
        out.append(text, run, pos - run);
        if (pos == text.size()) break;
        const std::size_t start = pos;
        const code_point cp = next_code_point(text, pos);
        char escape[16];
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            out += ' ';
        } else if (cp < 0x20 || cp == 0x7F) {
            std::snprintf(escape, sizeof escape, "\\x%02x", static_cast<unsigned>(cp));
            out += escape;
        } else if ((cp >= 0x80 && cp <= 0x9F) || is_layout_control(cp)) {
            std::snprintf(escape, sizeof escape, "\\u{%x}", static_cast<unsigned>(cp));
            out += escape;
        } else if (cp == replacement_character) {
            append_utf8(out, cp);  // a byte that is not UTF-8, or U+FFFD itself
        } else {
            out.append(text, start, pos - start);
        }
    }
    return out;
}

std::string pad_right(std::string_view text, int width) {
    std::string out(text);
    out.append(static_cast<std::size_t>(std::max(0, width - display_width(text))), ' ');
    return out;
}

std::string pad_left(std::string_view text, int width) {
    std::string out(static_cast<std::size_t>(std::max(0, width - display_width(text))), ' ');
    out += text;
    return out;
}

std::string truncate_to_width(std::string_view text, int width) {
    if (display_width(text) <= width) return std::string(text);
    if (width < 1) return {};
    // Printable ASCII: one character, one column, one cluster.
    if (is_printable_ascii(text))
        return std::string(text.substr(0, static_cast<std::size_t>(width - 1))) + "…";
    const std::vector<Cluster> parts = clusters(text);
    // Whole clusters, so a base letter never loses its marks, leaving a column for "…".
    std::size_t cut = 0;
    int used = 0;
    for (const Cluster& part : parts) {
        if (used + part.width > width - 1) break;
        used += part.width;
        cut = part.end;
    }
    return std::string(text.substr(0, cut)) + "…";
}

int edit_distance(std::string_view a, std::string_view b) {
    const std::vector<code_point> from = code_points(a);
    const std::vector<code_point> to = code_points(b);
    // Two rows of the classic dynamic-programming table.
    std::vector<int> previous(to.size() + 1);
    std::vector<int> current(to.size() + 1);
    for (std::size_t j = 0; j <= to.size(); ++j) previous[j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= from.size(); ++i) {
        current[0] = static_cast<int>(i);
        for (std::size_t j = 1; j <= to.size(); ++j) {
            const int substitution = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[to.size()];
}

std::string trim(std::string_view text) {
    const std::size_t first = text.find_first_not_of(ascii_space);
    if (first == std::string_view::npos) return {};
    const std::size_t last = text.find_last_not_of(ascii_space);
    return std::string(text.substr(first, last - first + 1));
}

std::string trim_space(std::string_view text) {
    static constexpr std::string_view wide[] = {"\xC2\xA0", "\xE2\x80\x87", "\xE2\x80\xAF",
                                                "\xE3\x80\x80", "\xEF\xBB\xBF"};
    for (bool again = true; again;) {
        again = false;
        const std::size_t first = text.find_first_not_of(ascii_space);
        text.remove_prefix(first == std::string_view::npos ? text.size() : first);
        const std::size_t last = text.find_last_not_of(ascii_space);
        text.remove_suffix(last == std::string_view::npos ? text.size() : text.size() - last - 1);
        for (auto space : wide) {
            if (text.substr(0, space.size()) == space) {
                text.remove_prefix(space.size());
                again = true;
            }
            if (text.size() >= space.size() && text.substr(text.size() - space.size()) == space) {
                text.remove_suffix(space.size());
                again = true;
            }
        }
    }
    return std::string(text);
}

std::vector<std::string> split_list(std::string_view text, char sep) {
    std::vector<std::string> parts;
    while (true) {
        const std::size_t end = text.find(sep);
        std::string part = trim(text.substr(0, end));
        if (!part.empty()) parts.push_back(std::move(part));
        if (end == std::string_view::npos) break;
        text.remove_prefix(end + 1);
    }
    return parts;
}

}  // namespace netlog
