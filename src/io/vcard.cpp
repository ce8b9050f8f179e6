// vCard 2.1, 3.0 and 4.0 (RFC 2425/2426/6350 and the older versit 2.1 text), as
// Google Contacts, Apple Contacts, khard and phones write them. Only what netlog
// keeps is decoded; every other property (TEL, ADR, PHOTO …) is read past.
#include "netlog/io.hpp"

#include "codec.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace netlog {
namespace {

// Physical lines joined into logical ones: a line that starts with a space or a tab
// continues the one before (RFC 6350 3.2), without that one character.
class LineReader {
public:
    explicit LineReader(std::istream& in) : m_in(in) {}

    // The next logical line and the line it starts on; false at the end.
    bool next(std::string& text, int& line) {
        if (!m_pending && !read(m_pending.emplace(), m_pending_line)) {
            m_pending.reset();
            return false;
        }
        text = std::move(*m_pending);
        line = m_pending_line;
        m_pending.reset();
        std::string more;
        int more_line = 0;
        while (read(more, more_line)) {
            if (!more.empty() && (more.front() == ' ' || more.front() == '\t')) {
                text.append(more, 1);
                continue;
            }
            m_pending = std::move(more);
            m_pending_line = more_line;
            break;
        }
        return true;
    }

private:
    bool read(std::string& text, int& line) {
        if (!std::getline(m_in, text)) {
            return false;
        }
        line = ++m_line;
        if (line == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) {
            text.erase(0, 3);
        }
        if (!text.empty() && text.back() == '\r') {
            text.pop_back();
        }
        return true;
    }

    std::istream& m_in;
    int m_line = 0;
    std::optional<std::string> m_pending;
    int m_pending_line = 0;
};

struct Property {
    std::string name; // upper case, group dropped: "item1.EMAIL" -> "EMAIL"
    std::vector<std::pair<std::string, std::string>> params; // names upper case
    std::string value;

    // Every value of parameter `name`, split on commas ("TYPE=work,pref").
    std::vector<std::string> param(const std::string& wanted) const {
        std::vector<std::string> values;
        for (const auto& [key, text] : params) {
            if (key == wanted) {
                for (const auto& v : split_list(text, ',')) {
                    values.push_back(io::ascii_upper(v));
                }
            }
        }
        return values;
    }
    bool has_type(const std::string& type) const {
        auto types = param("TYPE");
        return std::find(types.begin(), types.end(), type) != types.end();
    }
};

// Splits "item1.EMAIL;TYPE=INTERNET;type=pref:jane@example.com". Parameter values
// may be quoted and hold ':' or ';'. In 2.1 a bare parameter is a type
// ("EMAIL;INTERNET;PREF") or an encoding ("QUOTED-PRINTABLE").
std::optional<Property> split_property(const std::string& line) {
    Property p;
    std::size_t i = 0;
    auto read_until = [&](const char* stops) {
        std::string word;
        bool quoted = false;
        for (; i < line.size(); ++i) {
            char c = line[i];
            if (c == '"') {
                quoted = !quoted;
                continue;
            }
            if (!quoted && c != '\0' && std::strchr(stops, c)) {
                break;
            }
            word += c;
        }
        return word;
    };
    std::string name = read_until(";:");
    if (i == line.size()) {
        return std::nullopt;
    }
    p.name = io::ascii_upper(
        trim(name.substr(name.find('.') == std::string::npos ? 0 : name.find('.') + 1)));
    while (line[i] == ';') {
        ++i;
        std::string param = read_until(";:");
        if (i == line.size()) {
            return std::nullopt;
        }
        auto eq = param.find('=');
        std::string key = eq == std::string::npos ? "" : io::ascii_upper(trim(param.substr(0, eq)));
        std::string value = trim(eq == std::string::npos ? param : param.substr(eq + 1));
        if (key.empty()) {
            std::string bare = io::ascii_upper(value);
            key = bare == "QUOTED-PRINTABLE" || bare == "BASE64" || bare == "8BIT" ||
                          bare == "7BIT" || bare == "B"
                      ? "ENCODING"
                      : "TYPE";
        }
        p.params.emplace_back(key, value);
    }
    p.value = line.substr(i + 1);
    return p;
}

std::string latin1_to_utf8(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

// Splits a structured value (N, ORG) on the ';' that are not escaped; escapes stay.
std::vector<std::string> split_components(const std::string& value) {
    std::vector<std::string> parts(1);
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            parts.back() += value.substr(i, 2);
            ++i;
        } else if (value[i] == ';') {
            parts.emplace_back();
        } else {
            parts.back() += value[i];
        }
    }
    return parts;
}

// \n and \N are a newline; \, \; \: and \\ the character itself.
std::string unescape(const std::string& value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '\\' && i + 1 < value.size()) {
            char next = value[++i];
            out += next == 'n' || next == 'N' ? '\n' : next;
        } else {
            out += value[i];
        }
    }
    return out;
}

// The card being read.
struct Card {
    int line = 0;
    std::string fn, n, org, title, role, uid, apple_uid, url;
    std::vector<std::string> notes;
    std::vector<std::string> emails, preferred_emails;

    Contact contact() const {
        Contact c;
        c.line = line;
        c.name = fn;
        if (c.name.empty()) {
            // N is Family;Given;Additional;Prefix;Suffix, said in the order 3 1 2 0 4.
            auto parts = split_components(n);
            parts.resize(5);
            for (std::size_t i : {3, 1, 2, 0, 4}) {
                std::string part = trim(unescape(parts[i]));
                if (!part.empty()) {
                    c.name += (c.name.empty() ? "" : " ") + part;
                }
            }
        }
        std::string company = trim(unescape(split_components(org).front()));
        if (!company.empty()) {
            c.company = company;
        }
        c.emails = preferred_emails;
        c.emails.insert(c.emails.end(), emails.begin(), emails.end());
        if (c.name.empty()) {
            c.name = company.empty() && !c.emails.empty() ? c.emails.front() : company;
        }
        if (!title.empty() || !role.empty()) {
            c.role = title.empty() ? role : title;
        }
        if (!url.empty()) {
            c.url = url;
        }
        std::string joined;
        for (const auto& note : notes) {
            joined += (joined.empty() ? "" : "\n") + note;
        }
        if (!joined.empty()) {
            c.notes = joined;
        }
        if (!uid.empty() || !apple_uid.empty()) {
            c.key = "vcard:" + (uid.empty() ? apple_uid : uid);
        }
        return c;
    }
};

class Reader {
public:
    Reader(std::istream& in, const std::string& source) : m_lines(in), m_source(source) {}

    ContactFileSummary run(const ContactSink& each) {
        ContactFileSummary summary;
        std::optional<Card> card;
        bool in_base64 = false; // 2.1 binary data may run on in lines of its own
        std::string text;
        int line = 0;
        while (m_lines.next(text, line)) {
            if (trim(text).empty()) {
                in_base64 = false;
                continue;
            }
            auto property = split_property(text);
            if (!property) {
                if (card && in_base64) {
                    continue;
                }
                fail(line, card ? "a line without ':' inside a card"
                                : "expected BEGIN:VCARD; is this a vCard file?");
            }
            in_base64 = false;
            const std::string value = io::ascii_upper(trim(property->value));
            if (property->name == "BEGIN" && value == "VCARD") {
                if (card) {
                    fail(line, fmt::format("BEGIN:VCARD inside the card that begins on line {}; "
                                           "is an END:VCARD missing?",
                                           card->line));
                }
                card.emplace().line = line;
                continue;
            }
            if (!card) {
                fail(line, "expected BEGIN:VCARD; is this a vCard file?");
            }
            if (property->name == "END" && value == "VCARD") {
                Contact contact = card->contact();
                card.reset();
                if (contact.name.empty()) {
                    ++summary.ignored;
                    continue;
                }
                ++summary.contacts;
                each(contact);
                continue;
            }
            auto encoding = property->param("ENCODING");
            if (!encoding.empty() && (encoding.front() == "BASE64" || encoding.front() == "B")) {
                in_base64 = true;
                continue;
            }
            take(*card, *property, line);
        }
        if (card) {
            fail(card->line, "this card has no END:VCARD");
        }
        return summary;
    }

private:
    [[noreturn]] void fail(int line, const std::string& what) const {
        throw usage_error(fmt::format("{}:{}: {}", m_source, line, what));
    }

    // The property's value as UTF-8 text, escapes still in.
    std::string decoded(Property& p, int line) {
        auto encoding = p.param("ENCODING");
        std::string raw = p.value;
        if (!encoding.empty() && encoding.front() == "QUOTED-PRINTABLE") {
            // A soft line break: the value goes on in the next line, unindented.
            std::string more;
            int more_line = 0;
            while (!raw.empty() && raw.back() == '=' && m_lines.next(more, more_line)) {
                raw.pop_back();
                raw += more;
            }
            auto bytes = io::decode_hex_escapes(raw, '=');
            if (!bytes) {
                fail(line, fmt::format("broken quoted-printable text in {}", p.name));
            }
            raw = *bytes;
        }
        auto charset = p.param("CHARSET");
        std::string cs = charset.empty() ? "UTF-8" : charset.front();
        if (cs == "ISO-8859-1" || cs == "LATIN1") {
            raw = latin1_to_utf8(raw);
        } else if (cs != "UTF-8" && cs != "UTF8" && cs != "US-ASCII") {
            fail(line, fmt::format("CHARSET={} is not supported; export the contacts as UTF-8",
                                   printable(charset.front())));
        }
        if (!is_valid_utf8(raw)) {
            fail(line, fmt::format("{} is not valid UTF-8", p.name));
        }
        // Quoted-printable line breaks are CRLF (=0D=0A); netlog stores \n.
        for (auto at = raw.find("\r\n"); at != std::string::npos; at = raw.find("\r\n", at)) {
            raw.erase(at, 1);
        }
        return raw;
    }

    void take(Card& card, Property& p, int line) {
        static const char* used[] = {"VERSION", "FN",   "N",   "EMAIL", "ORG",    "TITLE",
                                     "ROLE",    "NOTE", "UID", "URL",   "X-ABUID"};
        if (std::none_of(std::begin(used), std::end(used),
                         [&](const char* name) { return p.name == name; })) {
            return;
        }
        std::string value = decoded(p, line);
        auto text = [&] { return trim(unescape(value)); };
        if (p.name == "VERSION") {
            std::string version = trim(value);
            if (version != "2.1" && version != "3.0" && version != "4.0") {
                fail(line, fmt::format("vCard VERSION {} is not one netlog reads (2.1, 3.0, 4.0)",
                                       printable(version)));
            }
        } else if (p.name == "FN" && card.fn.empty()) {
            card.fn = text();
        } else if (p.name == "N" && card.n.empty()) {
            card.n = value;
        } else if (p.name == "EMAIL") {
            std::string email = text();
            auto pref = p.param("PREF");
            bool preferred = p.has_type("PREF") || (!pref.empty() && pref.front() == "1");
            if (!email.empty()) {
                (preferred ? card.preferred_emails : card.emails).push_back(email);
            }
        } else if (p.name == "ORG" && card.org.empty()) {
            card.org = value;
        } else if (p.name == "TITLE" && card.title.empty()) {
            card.title = text();
        } else if (p.name == "ROLE" && card.role.empty()) {
            card.role = text();
        } else if (p.name == "NOTE") {
            if (std::string note = text(); !note.empty()) {
                card.notes.push_back(note);
            }
        } else if (p.name == "UID" && card.uid.empty()) {
            card.uid = text();
        } else if (p.name == "X-ABUID" && card.apple_uid.empty()) {
            card.apple_uid = text();
        } else if (p.name == "URL" && card.url.empty()) {
            card.url = text();
        }
    }

    LineReader m_lines;
    const std::string& m_source;
};

} // namespace

ContactFileSummary read_vcard(std::istream& in, const std::string& source,
                              const ContactSink& each) {
    return Reader(in, source).run(each);
}

} // namespace netlog
