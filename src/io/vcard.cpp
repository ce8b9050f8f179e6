// vCard 2.1, 3.0 and 4.0 (RFC 2425/2426/6350 and the older versit 2.1 text), as
// Google Contacts, Apple Contacts, khard, phones and Outlook write them. Only what
// netlog keeps is decoded; every other property (TEL, ADR, PHOTO …) is read past,
// its quoted-printable soft line breaks followed but its bytes never looked at.
// tests/data/vcard/real holds the exporters' files this is checked against.
#include "netlog/io.hpp"

#include "codec.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"
#include "netlog/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iterator>
#include <set>
#include <sstream>

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

    // True when reading stopped on an error of the stream, not at the end of the file.
    bool failed() const { return m_in.bad(); }

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
    std::vector<std::pair<int, std::string>> emails; // preference, address
    std::optional<std::string> broken, bad_version;   // why it cannot be read
    int broken_line = 0, bad_version_line = 0;
    bool not_person = false; // KIND:group, KIND:org

    Contact contact() const {
        Contact c;
        c.line = line;
        c.name = fn;
        if (c.name.empty()) {
            // N is Family;Given;Additional;Prefix;Suffix, said in the order 3 1 2 0 4.
            auto parts = split_components(n);
            parts.resize(5);
            for (std::size_t i : {3, 1, 2, 0, 4}) {
                std::string part = trim_space(unescape(parts[i]));
                if (!part.empty()) {
                    c.name += (c.name.empty() ? "" : " ") + part;
                }
            }
        }
        std::string company = trim_space(unescape(split_components(org).front()));
        if (!company.empty()) {
            c.company = company;
        }
        auto by_preference = emails;
        std::stable_sort(by_preference.begin(), by_preference.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [preference, email] : by_preference) {
            bool seen = std::any_of(c.emails.begin(), c.emails.end(), [&](const std::string& e) {
                return io::ascii_lower(e) == io::ascii_lower(email);
            });
            if (!seen) {
                c.emails.push_back(email);
            }
        }
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

// Why a card was skipped, as the summary counts it.
constexpr const char* skip_unreadable = "unreadable line";
constexpr const char* skip_unfinished = "no END:VCARD";
constexpr const char* skip_version = "unknown VERSION";

// The properties netlog keeps; every other one is read past, undecoded, so that a
// bad byte in a PHOTO or a second ORG cannot lose the card.
bool is_used(const std::string& name) {
    static const char* used[] = {"VERSION", "FN",  "N",   "EMAIL",  "ORG",
                                 "TITLE",   "ROLE", "NOTE", "UID", "URL",
                                 "X-ABUID", "KIND", "X-ADDRESSBOOKSERVER-KIND"};
    return std::any_of(std::begin(used), std::end(used),
                       [&](const char* u) { return name == u; });
}

// Lower is more preferred: PREF=1 (4.0) or TYPE=pref (3.0, 2.1) first, then the rest
// in file order.
int preference(const Property& p) {
    auto pref = p.param("PREF");
    if (!pref.empty()) {
        int n = 0;
        for (char c : pref.front()) {
            if (c < '0' || c > '9' || n > 1000) {
                return 100;
            }
            n = n * 10 + (c - '0');
        }
        return std::clamp(n, 1, 100);
    }
    return p.has_type("PREF") ? 1 : 101;
}

class Reader {
public:
    Reader(std::istream& in, const std::string& source) : m_lines(in), m_source(source) {}

    ContactFileSummary run(const ContactSink& each) {
        std::optional<Card> card;
        bool in_base64 = false; // 2.1 binary data may run on in lines of its own
        bool seen_card = false;
        int agent_depth = 0;     // inside an AGENT's card, nested this deep
        bool agent_next = false; // an AGENT with an empty value: its card may follow
        std::string text;
        int line = 0;
        auto skip_card = [&](int at, const char* reason, const std::string& why) {
            m_summary.skipped.push_back({at, reason, why});
            card.reset();
        };
        while (m_lines.next(text, line)) {
            if (trim(text).empty()) {
                in_base64 = false;
                continue;
            }
            auto property = split_property(text);
            if (!property) {
                if (card && (in_base64 || card->broken || agent_depth > 0)) {
                    continue;
                }
                if (!card && !seen_card) {
                    fail(line, "expected BEGIN:VCARD; is this a vCard file?");
                }
                if (card) {
                    // Read on to its END:VCARD, then count it as skipped.
                    card->broken = fmt::format("a line without ':' inside the card that begins "
                                               "on line {}",
                                               card->line);
                    card->broken_line = line;
                }
                continue;
            }
            in_base64 = false;
            if (is_quoted_printable(*property)) {
                join_soft_breaks(*property);
            }
            const std::string value = io::ascii_upper(trim(property->value));
            // vCard 2.1's AGENT holds a whole card (the person's assistant), inline: it
            // is read past, to its own END:VCARD, and the outer card goes on.
            if (agent_depth > 0 || agent_next) {
                const bool begins = (property->name == "BEGIN" && value == "VCARD");
                if (agent_next && !begins) {
                    agent_next = false; // an AGENT with no card: on with this line
                } else {
                    agent_next = false;
                    agent_depth += begins ? 1 : (property->name == "END" && value == "VCARD") ? -1 : 0;
                    continue;
                }
            }
            if (card && property->name == "AGENT") {
                if (value.empty()) {
                    agent_next = true; // the card begins on the next line
                } else if (value == "BEGIN:VCARD") {
                    agent_depth = 1;
                }
                continue;
            }
            if (property->name == "BEGIN" && value == "VCARD") {
                if (card) {
                    skip_card(card->line, skip_unfinished,
                              fmt::format("the card that begins here has no END:VCARD before "
                                          "line {}",
                                          line));
                }
                card.emplace().line = line;
                seen_card = true;
                continue;
            }
            if (!card) {
                if (!seen_card) {
                    fail(line, "expected BEGIN:VCARD; is this a vCard file?");
                }
                continue; // text between cards
            }
            if (property->name == "END" && value == "VCARD") {
                finish(*card, each);
                card.reset();
                continue;
            }
            if (card->broken) {
                continue;
            }
            auto encoding = property->param("ENCODING");
            if (!encoding.empty() && (encoding.front() == "BASE64" || encoding.front() == "B")) {
                in_base64 = true;
                continue;
            }
            if (is_used(property->name)) {
                take(*card, *property, line);
            }
        }
        if (m_lines.failed()) {
            throw journal_error(fmt::format("{}: read error on line {}: {}; nothing imported",
                                            m_source, line + 1, std::strerror(errno)));
        }
        if (card) {
            throw journal_error(fmt::format("{}:{}: the file ends inside this card (no "
                                            "END:VCARD): is it cut short? nothing imported",
                                            m_source, card->line));
        }
        return m_summary; // an empty file holds no cards, and that is no error
    }

private:
    [[noreturn]] void fail(int line, const std::string& what) const {
        throw usage_error(fmt::format("{}:{}: {}", m_source, line, what));
    }

    static bool is_quoted_printable(const Property& p) {
        auto encoding = p.param("ENCODING");
        return !encoding.empty() && encoding.front() == "QUOTED-PRINTABLE";
    }

    // A quoted-printable soft line break ('=' at the end) continues the value on the
    // next line, unindented: in every property, read or not (Outlook's LABEL).
    void join_soft_breaks(Property& p) {
        std::string more;
        int more_line = 0;
        while (!p.value.empty() && p.value.back() == '=' && m_lines.next(more, more_line)) {
            p.value.pop_back();
            // Some phones put an empty line after each soft break: it is not the value's end.
            while (more.empty() && m_lines.next(more, more_line)) {
            }
            p.value += more;
        }
    }

    void finish(Card& card, const ContactSink& each) {
        if (card.broken) {
            m_summary.skipped.push_back({card.broken_line, skip_unreadable, *card.broken});
            return;
        }
        if (card.bad_version) {
            m_summary.skipped.push_back({card.bad_version_line, skip_version, *card.bad_version});
            return;
        }
        if (card.not_person) {
            ++m_summary.not_people;
            return;
        }
        Contact contact = card.contact();
        if (contact.name.empty()) {
            ++m_summary.ignored;
            return;
        }
        ++m_summary.contacts;
        each(contact);
    }

    // The property's value as UTF-8 text, escapes still in. Bytes that are not text
    // in the charset become U+FFFD; a value with no CHARSET that is not UTF-8 is read
    // as Windows-1252, what Outlook and older Windows programs write, and said once.
    std::string decoded(Property& p, int line) {
        std::string raw = p.value;
        if (is_quoted_printable(p)) {
            raw = io::decode_hex_escapes_lenient(raw, '=');
        }
        auto charset = p.param("CHARSET");
        std::string cs = charset.empty() ? "" : charset.front();
        if (cs.empty() || cs == "UTF-8" || cs == "UTF8" || cs == "US-ASCII") {
            if (!is_valid_utf8(raw)) {
                if (cs.empty()) {
                    if (!m_warned_cp1252) {
                        m_summary.warnings.push_back(fmt::format(
                            "{}:{}: text that is not UTF-8 and says no CHARSET: read as "
                            "Windows-1252",
                            m_source, line));
                        m_warned_cp1252 = true;
                    }
                    raw = io::to_utf8(raw, "WINDOWS-1252").value_or(io::repair_utf8(raw));
                } else {
                    raw = io::repair_utf8(raw);
                }
            }
        } else if (auto text = io::to_utf8(raw, cs)) {
            raw = *text;
        } else {
            if (m_warned_charsets.insert(cs).second) {
                m_summary.warnings.push_back(
                    fmt::format("{}:{}: CHARSET={} is unknown; read as UTF-8", m_source, line,
                                printable(cs)));
            }
            raw = io::repair_utf8(raw);
        }
        // Quoted-printable line breaks are CRLF (=0D=0A); netlog stores \n.
        for (auto at = raw.find("\r\n"); at != std::string::npos; at = raw.find("\r\n", at)) {
            raw.erase(at, 1);
        }
        return raw;
    }

    void take(Card& card, Property& p, int line) {
        std::string value = decoded(p, line);
        auto text = [&] { return trim_space(unescape(value)); };
        if (p.name == "VERSION") {
            std::string version = trim(value);
            if (version != "2.1" && version != "3.0" && version != "4.0") {
                card.bad_version = fmt::format(
                    "vCard VERSION {} is not one netlog reads (2.1, 3.0, 4.0)", printable(version));
                card.bad_version_line = line;
            }
        } else if (p.name == "KIND" || p.name == "X-ADDRESSBOOKSERVER-KIND") {
            std::string kind = io::ascii_lower(text());
            // group and org (4.0), Apple's group; location is a place, not a person either.
            card.not_person = kind == "group" || kind == "org" || kind == "location";
        } else if (p.name == "FN" && card.fn.empty()) {
            card.fn = text();
        } else if (p.name == "N" && card.n.empty()) {
            card.n = value;
        } else if (p.name == "EMAIL") {
            std::string email = text();
            if (io::ascii_lower(email.substr(0, 7)) == "mailto:") {
                email = email.substr(7);
            }
            if (is_email_address(email)) {
                card.emails.emplace_back(preference(p), email);
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
    ContactFileSummary m_summary;
    bool m_warned_cp1252 = false;
    std::set<std::string> m_warned_charsets;
};

// A file that starts with a UTF-16 byte order mark, read whole and made UTF-8
// (Outlook and Windows address books write UTF-16 LE).
std::optional<std::string> utf16_text(std::istream& in, const std::string& source) {
    // Peeked, not read and sought back: standard input cannot seek.
    const int first = in.peek();
    if (first != 0xFF && first != 0xFE) {
        return std::nullopt;
    }
    in.get();
    const int second = in.peek();
    const bool le = first == 0xFF && second == 0xFE;
    const bool be = first == 0xFE && second == 0xFF;
    if (!le && !be) {
        in.unget();
        return std::nullopt;
    }
    in.get();
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) {
        throw journal_error(fmt::format("{}: read error: {}; nothing imported", source,
                                        std::strerror(errno)));
    }
    return io::to_utf8(bytes, le ? "UTF-16LE" : "UTF-16BE");
}

} // namespace

ContactFileSummary read_vcard(std::istream& in, const std::string& source,
                              const ContactSink& each) {
    if (auto text = utf16_text(in, source)) {
        std::istringstream utf8(*text);
        return Reader(utf8, source).run(each);
    }
    return Reader(in, source).run(each);
}

} // namespace netlog
