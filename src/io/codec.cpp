#include "codec.hpp"

#include "netlog/text.hpp"

#include <cerrno>
#include <iconv.h>

namespace netlog::io {
namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

} // namespace

std::optional<std::string> decode_hex_escapes(std::string_view text, char marker) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != marker) {
            out += text[i];
            continue;
        }
        if (i + 2 >= text.size() || hex_value(text[i + 1]) < 0 || hex_value(text[i + 2]) < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
        i += 2;
    }
    return out;
}

std::string decode_hex_escapes_lenient(std::string_view text, char marker) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == marker && i + 2 < text.size() &&
            hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::optional<std::string> to_utf8(std::string_view bytes, const std::string& charset) {
    iconv_t cd = iconv_open("UTF-8", charset.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) {
        return std::nullopt;
    }
    struct Close {
        iconv_t cd;
        ~Close() { iconv_close(cd); }
    } close{cd};
    std::string out;
    std::string buffer(4 * bytes.size() + 16, '\0');
    // iconv's interface takes char*: it does not write through the input pointer.
    char* in = const_cast<char*>(bytes.data());
    std::size_t in_left = bytes.size();
    while (true) {
        char* to = buffer.data();
        std::size_t to_left = buffer.size();
        std::size_t done = iconv(cd, in_left ? &in : nullptr, &in_left, &to, &to_left);
        out.append(buffer.data(), buffer.size() - to_left);
        if (done != static_cast<std::size_t>(-1)) {
            if (in_left == 0) {
                break;
            }
            continue;
        }
        if (errno == E2BIG) {
            continue;
        }
        // EILSEQ (a byte with no character, like 0x81 in Windows-1252) or EINVAL (a
        // sequence cut short at the end): one U+FFFD for the byte, then go on after it.
        out += "\xEF\xBF\xBD";
        ++in;
        --in_left;
        iconv(cd, nullptr, nullptr, nullptr, nullptr);
        if (in_left == 0) {
            break;
        }
    }
    return out;
}

std::string repair_utf8(std::string_view text) {
    if (is_valid_utf8(text)) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size() + 8);
    std::size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n > 0 && i + n <= text.size() && is_valid_utf8(text.substr(i, n))) {
            out.append(text.substr(i, n));
            i += n;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

std::string ascii_lower(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

std::string ascii_upper(std::string text) {
    for (char& c : text) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return text;
}

std::string one_line(const char* text) {
    if (text == nullptr) {
        return "";
    }
    std::string s = text;
    if (!is_valid_utf8(s)) {
        s = printable(s);
    }
    for (char& c : s) {
        if (c == '\r' || c == '\n' || c == '\t') {
            c = ' ';
        }
    }
    // 2 KiB of a line is plenty, and keeps every captured record within what
    // `import json` takes on another machine.
    constexpr std::size_t max_bytes = 2048;
    if (s.size() > max_bytes) {
        std::size_t cut = max_bytes;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
            --cut; // not inside a UTF-8 sequence
        }
        s.resize(cut);
    }
    return trim(s);
}

} // namespace netlog::io
