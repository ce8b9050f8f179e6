// Small text decoding the format readers share.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace netlog::io {

// `text` with each `marker` + two hex digits made that byte: "%C3%A9" in URLs,
// "=C3=A9" in quoted-printable. nullopt when a marker is not followed by two hex digits.
std::optional<std::string> decode_hex_escapes(std::string_view text, char marker);

// ASCII letters lowered or raised; other bytes (UTF-8 included) kept.
std::string ascii_lower(std::string text);
std::string ascii_upper(std::string text);

// Like decode_hex_escapes, but a marker not followed by two hex digits stays as it is
// (quoted-printable written by hand, or "=" at the end of a value).
std::string decode_hex_escapes_lenient(std::string_view text, char marker);

// `bytes` in `charset` (a name iconv knows: "UTF-16LE", "WINDOWS-1252", "ISO-8859-1"…)
// as UTF-8; a byte sequence that is invalid or has no Unicode character becomes
// U+FFFD. nullopt when glibc's iconv does not know the charset.
std::optional<std::string> to_utf8(std::string_view bytes, const std::string& charset);

// A text of a mail or calendar event (a subject, a name, a summary) as a note may
// hold it: "" for none; valid UTF-8 (else made printable), on one line (CR, LF and
// tabs made spaces), at most 2 KiB (cut between characters), trimmed.
std::string one_line(const char* text);

// Valid UTF-8 kept, every byte that is not part of it replaced by U+FFFD.
std::string repair_utf8(std::string_view text);

} // namespace netlog::io
