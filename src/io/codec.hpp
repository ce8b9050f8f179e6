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

} // namespace netlog::io
