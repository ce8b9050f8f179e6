#include "netlog/text.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace netlog;

// Handles -------------------------------------------------------------------------------------

TEST_CASE("a Latin accent becomes its plain letter in a handle") {
    CHECK(handle_base("José Álvarez") == "jose-alvarez");
    CHECK(handle_base("Nguyễn Thị Minh Khai") == "nguyen-thi-minh-khai");
    CHECK(handle_base("Françoise Dvořák") == "francoise-dvorak");
    CHECK(handle_base("İsmail") == "ismail");
}

TEST_CASE("decomposed (NFD) input gives the same handle as composed input") {
    CHECK(handle_base("Jose\u0301 A\u0301lvarez") == "jose-alvarez");
    CHECK(handle_base("\u0418\u0306\u043e\u0448\u043a\u0430\u0440") == "\u0439\u043e\u0448\u043a\u0430\u0440");
}

TEST_CASE("letters of other scripts are kept lowercased in a handle") {
    CHECK(handle_base("李 小龙") == "李-小龙");
    CHECK(handle_base("Йошкар") == "йошкар");
    CHECK(handle_base("ΕΛΈΝΗ Παπαδοπούλου") == "ελένη-παπαδοπούλου");
    CHECK(handle_base("김 민수") == "김-민수");
    CHECK(handle_base("がくと") == "がくと");
}

TEST_CASE("a Cyrillic short i keeps its breve and comes out composed") {
    const std::string handle = handle_base("Йошкар");
    CHECK(handle.substr(0, 2) == "\u0439");  // one code point, not и + U+0306
    CHECK(handle.find("\u0306") == std::string::npos);
}

TEST_CASE("marks on letters of other scripts are kept") {
    CHECK(handle_base("देवनागरी") == "देवनागरी");
    CHECK(handle_base("Ἀθῆναι") == "ἀθῆναι");
}

TEST_CASE("a name mixing scripts keeps each script's rule") {
    CHECK(handle_base("José 李") == "jose-李");
    CHECK(handle_base("Zoë Йовович") == "zoe-йовович");
    CHECK(handle_base("Ελένη García") == "ελένη-garcia");
}

TEST_CASE("apostrophes vanish from a handle") {
    CHECK(handle_base("O'Brien") == "obrien");
    CHECK(handle_base("O’Brien") == "obrien");
    CHECK(handle_base("Oʼbrien") == "obrien");
    CHECK(handle_base("D'Artagnan d’Ávila") == "dartagnan-davila");
}

TEST_CASE("runs of punctuation and space become one dash, none at the ends") {
    CHECK(handle_base("  Mary-Jane   Smith, Jr. ") == "mary-jane-smith-jr");
    CHECK(handle_base("--Ana--") == "ana");
    CHECK(handle_base("ana_silva (work)") == "ana-silva-work");
    CHECK(handle_base("Ana\tSilva\nX") == "ana-silva-x");
    CHECK(handle_base("Ana\u00a0Silva") == "ana-silva");
}

TEST_CASE("Latin letters without a decomposition use the plain-letter table") {
    CHECK(handle_base("Straße") == "strasse");
    CHECK(handle_base("ẞ") == "ss");
    CHECK(handle_base("Ælfred Æsa") == "aelfred-aesa");
    CHECK(handle_base("Œuvre cœur") == "oeuvre-coeur");
    CHECK(handle_base("Øresund Søren") == "oresund-soren");
    CHECK(handle_base("Łódź") == "lodz");
    CHECK(handle_base("Đorđe") == "dorde");
    CHECK(handle_base("Ðóra") == "dora");
    CHECK(handle_base("Þór") == "thor");
    CHECK(handle_base("Işık") == "isik");
    CHECK(handle_base("Ǿ") == "o");  // ø with acute: decomposes to ø, then the table
}

TEST_CASE("compatibility forms of Latin letters become plain letters") {
    CHECK(handle_base("ＪＯＳＥ") == "jose");
    CHECK(handle_base("ﬁona") == "fiona");
}

TEST_CASE("digits are kept in a handle") {
    CHECK(handle_base("Agent 007") == "agent-007");
    CHECK(handle_base("R2-D2") == "r2-d2");
}

TEST_CASE("emoji and symbols count as punctuation in a handle") {
    CHECK(handle_base("Ana 🚀 Silva") == "ana-silva");
    CHECK(handle_base("🚀Ana🚀") == "ana");
    CHECK(handle_base("Ana👨‍👩‍👧Silva") == "ana-silva");
    CHECK(handle_base("Ana 👋🏽 ❤️ Silva") == "ana-silva");
    CHECK(handle_base("Ana & Bo + €5") == "ana-bo-5");
}

TEST_CASE("a name of only punctuation, symbols or space has an empty handle") {
    CHECK(handle_base("").empty());
    CHECK(handle_base("   ").empty());
    CHECK(handle_base("!!! ...").empty());
    CHECK(handle_base("'").empty());
    CHECK(handle_base("🚀 🎉").empty());
}

TEST_CASE("default-ignorable characters vanish from a handle") {
    CHECK(handle_base("Ana\u00adSilva") == "anasilva");  // soft hyphen
    CHECK(handle_base("Ana\u200bSilva") == "anasilva");  // zero-width space
}

TEST_CASE("every handle handle_base makes is a valid handle") {
    for (const char* name : {"José Álvarez", "李 小龙", "Йошкар", "O'Brien", "Ana 🚀 Silva",
                             "Jose\u0301", "Straße", "ΕΛΈΝΗ", "Agent 007", "देवनागरी"}) {
        CAPTURE(name);
        const std::string handle = handle_base(name);
        CHECK(is_valid_handle(handle));
        CHECK(handle_base(handle) == handle);
    }
}

TEST_CASE("is_valid_handle accepts lowercase words of any script joined by single dashes") {
    CHECK(is_valid_handle("jose-alvarez"));
    CHECK(is_valid_handle("a"));
    CHECK(is_valid_handle("007"));
    CHECK(is_valid_handle("李-小龙"));
    CHECK(is_valid_handle("йошкар"));
    CHECK(is_valid_handle("ελένη"));
}

TEST_CASE("is_valid_handle accepts a clash suffix") {
    CHECK(is_valid_handle("jose-alvarez-2"));
    CHECK(is_valid_handle("李-小龙-12"));
}

TEST_CASE("is_valid_handle rejects what handle_base would never produce") {
    CHECK_FALSE(is_valid_handle(""));
    CHECK_FALSE(is_valid_handle("-jose"));
    CHECK_FALSE(is_valid_handle("jose-"));
    CHECK_FALSE(is_valid_handle("jose--alvarez"));
    CHECK_FALSE(is_valid_handle("Jose"));
    CHECK_FALSE(is_valid_handle("josé"));
    CHECK_FALSE(is_valid_handle("jose alvarez"));
    CHECK_FALSE(is_valid_handle("jose_alvarez"));
    CHECK_FALSE(is_valid_handle("o'brien"));
    CHECK_FALSE(is_valid_handle("ana-🚀"));
    CHECK_FALSE(is_valid_handle("Йошкар"));
    CHECK_FALSE(is_valid_handle("\u0438\u0306"));  // й not in NFC
    CHECK_FALSE(is_valid_handle("jose\xff"));
}

// Folding -------------------------------------------------------------------------------------

TEST_CASE("fold ignores case, Latin accents and repeated spaces") {
    CHECK(fold("JOSÉ  álvarez") == fold("jose alvarez"));
    CHECK(fold("JOSÉ  álvarez") == "jose alvarez");
    CHECK(fold("Jose\u0301") == fold("JOSÉ"));
    CHECK(fold("STRASSE") == fold("Straße"));
}

TEST_CASE("fold keeps punctuation and trims space") {
    CHECK(fold("  O'Brien,   Jr.  ") == "o'brien, jr.");
    CHECK(fold("Mary-Jane\t\nSmith") == "mary-jane smith");
    CHECK(fold("Ana 🚀 Silva") == "ana 🚀 silva");
}

TEST_CASE("fold case-folds other scripts without stripping their marks") {
    CHECK(fold("Йошкар") == "йошкар");
    CHECK(fold("ΕΛΈΝΗ") == "ελένη");
    CHECK(fold("李 小龙") == "李 小龙");
    CHECK(fold("Йошкар") != fold("Иошкар"));
}

TEST_CASE("fold of nothing is empty") {
    CHECK(fold("").empty());
    CHECK(fold(" \t ").empty());
}

// Display width -------------------------------------------------------------------------------

TEST_CASE("CJK characters are two columns wide") {
    CHECK(display_width("李小龙") == 6);
    CHECK(display_width("李 小龙") == 7);
}

TEST_CASE("a combining accent takes no column, composed or not") {
    CHECK(display_width("José") == 4);
    CHECK(display_width("Jose\u0301") == 4);
}

TEST_CASE("an emoji is two columns wide") {
    CHECK(display_width("🚀") == 2);
    CHECK(display_width("a🚀b") == 4);
}

TEST_CASE("an emoji sequence is drawn as one wide glyph") {
    CHECK(display_width("👨‍👩‍👧") == 2);  // ZWJ sequence
    CHECK(display_width("👋🏽") == 2);      // skin tone
    CHECK(display_width("🇫🇷") == 2);      // flag
}

TEST_CASE("control characters take no column") {
    CHECK(display_width("\x1b") == 0);
    CHECK(display_width("a\x07z") == 2);
    CHECK(display_width("") == 0);
}

// Printable -----------------------------------------------------------------------------------

TEST_CASE("printable escapes ESC so a CSI sequence cannot drive the terminal") {
    CHECK(printable("\x1b") == "\\x1b");
    CHECK(printable("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
    CHECK(printable("\x1b]0;title\x07") == "\\x1b]0;title\\x07");
}

TEST_CASE("printable escapes DEL and the C1 controls, 8-bit CSI included") {
    CHECK(printable("a\x7f") == "a\\x7f");
    CHECK(printable("\u009b31m") == "\\u{9b}31m");
    CHECK(printable("\u0085") == "\\u{85}");
    CHECK(printable("\x01\x1f") == "\\x01\\x1f");
    CHECK(printable(std::string_view("a\0b", 3)) == "a\\x00b");
}

TEST_CASE("printable escapes bidi overrides and isolates and line separators") {
    CHECK(printable("abc\u202edef") == "abc\\u{202e}def");
    CHECK(printable("\u202a\u202b\u202c\u202d") == "\\u{202a}\\u{202b}\\u{202c}\\u{202d}");
    CHECK(printable("\u2066\u2067\u2068\u2069") == "\\u{2066}\\u{2067}\\u{2068}\\u{2069}");
    CHECK(printable("a\u2028b\u2029") == "a\\u{2028}b\\u{2029}");
}

TEST_CASE("printable turns each tab, newline and carriage return into a space") {
    CHECK(printable("a\tb\nc\rd") == "a b c d");
    CHECK(printable("a\r\nb") == "a  b");
}

TEST_CASE("printable leaves ordinary text alone") {
    CHECK(printable("José 李小龙 🚀 👨‍👩‍👧 Йошкар") == "José 李小龙 🚀 👨‍👩‍👧 Йошкар");
    CHECK(printable("back\\slash") == "back\\slash");
}

TEST_CASE("printable replaces invalid UTF-8 bytes with U+FFFD") {
    CHECK(printable("a\xff" "b") == "a\uFFFDb");
    CHECK(printable("\xc0\xaf") == "\uFFFD\uFFFD");
    CHECK(printable("\xe6\x9d") == "\uFFFD\uFFFD");
}

// Padding and truncation ----------------------------------------------------------------------

TEST_CASE("padding counts display columns, not bytes") {
    CHECK(pad_right("李", 4) == "李  ");
    CHECK(pad_left("李", 4) == "  李");
    CHECK(pad_right("José", 6) == "José  ");
    CHECK(pad_left("Jose\u0301", 6) == "  Jose\u0301");
    CHECK(pad_right("🚀", 3) == "🚀 ");
}

TEST_CASE("padding never truncates") {
    CHECK(pad_right("abcdef", 3) == "abcdef");
    CHECK(pad_left("李小龙", 2) == "李小龙");
    CHECK(pad_right("", 0).empty());
}

TEST_CASE("printable ASCII is space to tilde, nothing else") {
    CHECK(is_printable_ascii(""));
    CHECK(is_printable_ascii(" Hello, world ~"));
    CHECK_FALSE(is_printable_ascii("tab\there"));
    CHECK_FALSE(is_printable_ascii("a\x7f"));
    CHECK_FALSE(is_printable_ascii("caf\xC3\xA9"));
    CHECK_FALSE(is_printable_ascii("wait…"));
}

TEST_CASE("text that fits is not truncated") {
    CHECK(truncate_to_width("hello", 5) == "hello");
    CHECK(truncate_to_width("hello", 10) == "hello");
    CHECK(truncate_to_width("李小龙", 6) == "李小龙");
    CHECK(truncate_to_width("", 0).empty());
}

TEST_CASE("truncated text ends with an ellipsis within the width") {
    CHECK(truncate_to_width("hello world", 8) == "hello w…");
    CHECK(display_width(truncate_to_width("hello world", 8)) == 8);
    CHECK(truncate_to_width("hello", 1) == "…");
    CHECK(truncate_to_width("hello", 0).empty());
}

TEST_CASE("truncation never splits a wide character or a glyph") {
    CHECK(truncate_to_width("李小龙", 5) == "李小…");
    CHECK(truncate_to_width("李小龙", 4) == "李…");
    CHECK(truncate_to_width("Jose\u0301 Alvarez", 5) == "Jose\u0301…");
    CHECK(truncate_to_width("ab👨‍👩‍👧cd", 5) == "ab👨‍👩‍👧…");
}

// Edit distance -------------------------------------------------------------------------------

TEST_CASE("edit distance counts insertions, deletions and substitutions") {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("", "abc") == 3);
    CHECK(edit_distance("abc", "") == 3);
    CHECK(edit_distance("same", "same") == 0);
    CHECK(edit_distance("", "") == 0);
}

TEST_CASE("edit distance counts code points, not bytes") {
    CHECK(edit_distance("José", "Jose") == 1);
    CHECK(edit_distance("李小龙", "李小") == 1);
    CHECK(edit_distance("李小龙", "李大龙") == 1);
}

// Trim and lists ------------------------------------------------------------------------------

TEST_CASE("trim removes ASCII white space at both ends only") {
    CHECK(trim("  a b \t\n") == "a b");
    CHECK(trim("\r\v\fx") == "x");
    CHECK(trim("").empty());
    CHECK(trim(" \t ").empty());
    CHECK(trim("\u00a0x\u00a0") == "\u00a0x\u00a0");
}

TEST_CASE("split_list trims parts and drops empty ones") {
    CHECK(split_list(" a, b ,,c , ", ',') == std::vector<std::string>{"a", "b", "c"});
    CHECK(split_list("work;friends", ';') == std::vector<std::string>{"work", "friends"});
    CHECK(split_list("solo", ',') == std::vector<std::string>{"solo"});
    CHECK(split_list("", ',').empty());
    CHECK(split_list(" , ,", ',').empty());
}

// UTF-8 validation ----------------------------------------------------------------------------

TEST_CASE("well-formed UTF-8 is valid") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("José 李小龙 🚀 Йошкар"));
    CHECK(is_valid_utf8(std::string_view("a\0b", 3)));
    CHECK(is_valid_utf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
}

TEST_CASE("overlong encodings are invalid UTF-8") {
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));
    CHECK_FALSE(is_valid_utf8("\xc1\xbf"));
    CHECK_FALSE(is_valid_utf8("\xe0\x80\xaf"));
    CHECK_FALSE(is_valid_utf8("\xf0\x80\x80\xaf"));
}

TEST_CASE("truncated sequences are invalid UTF-8") {
    CHECK_FALSE(is_valid_utf8("\xe6\x9d"));
    CHECK_FALSE(is_valid_utf8("ab\xf0\x9f\x9a"));
    CHECK_FALSE(is_valid_utf8("\xc3"));
    CHECK_FALSE(is_valid_utf8("\xc3" "a"));
}

TEST_CASE("a lone continuation byte is invalid UTF-8") {
    CHECK_FALSE(is_valid_utf8("\x80"));
    CHECK_FALSE(is_valid_utf8("a\xbf" "b"));
}

TEST_CASE("surrogates and code points past U+10FFFF are invalid UTF-8") {
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));
    CHECK_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));
    CHECK_FALSE(is_valid_utf8("\xff"));
}

TEST_CASE("plain ASCII takes a fast path that gives what the general one gives") {
    // A trailing "é" sends the same text down the general (utf8proc) path; it folds
    // to "e" and measures, prints and truncates as one more column.
    for (int c = 0; c < 0x80; ++c) {
        CAPTURE(c);
        const std::string ascii = std::string("Ab") + static_cast<char>(c) + "Z z";
        const std::string general = ascii + "é";
        CHECK(fold(general) == fold(ascii) + "e");
        CHECK(display_width(general) == display_width(ascii) + 1);
        CHECK(printable(general) == printable(ascii) + "é");
        CHECK(truncate_to_width(general, 40) == truncate_to_width(ascii, 40) + "é");
    }
    CHECK(fold("  Pick  YOUR\tBrain \n") == "pick your brain");
    CHECK(truncate_to_width("abcdef", 4) == "abc…");
}

TEST_CASE("trim_space also trims the no-break and other wide spaces spreadsheets leave") {
    CHECK(trim_space("\xC2\xA0 Ann Lee\xC2\xA0 ") == "Ann Lee");
    CHECK(trim_space("\xE2\x80\xAF\xEF\xBB\xBFx\xE3\x80\x80") == "x");
    CHECK(trim_space("a\xC2\xA0" "b") == "a\xC2\xA0" "b"); // inside stays
    CHECK(trim_space("\xC2\xA0\xC2\xA0").empty());
}

TEST_CASE("a Greek sigma that ends a word stays final in a handle") {
    CHECK(netlog::handle_base("Αλέξανδρος Παπαδόπουλος") == "αλέξανδρος-παπαδόπουλος");
    CHECK(netlog::handle_base("ΣΩΚΡΑΤΗΣ") == "σωκρατης");
    CHECK(netlog::is_valid_handle("αλέξανδρος"));
}

TEST_CASE("loose_fold drops the accents of every script") {
    CHECK(netlog::loose_fold("Αλέξανδρος") == netlog::loose_fold("αλεξανδρος"));
    CHECK(netlog::loose_fold("José Álvarez") == "jose alvarez");
    CHECK(netlog::loose_fold("Йошкар") == netlog::loose_fold("иошкар"));
}
