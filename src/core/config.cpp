#include "netlog/config.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <toml.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <sstream>

namespace netlog {

namespace {

// std::map keeps tables sorted, so unknown-key warnings come in a stable order.
using value = toml::basic_value<toml::discard_comments, std::map, std::vector>;

// What a value is, for "must be X, not <this>": strings are shown, other types named.
std::string describe(const value& v) {
    switch (v.type()) {
    case toml::value_t::string:
        return "\"" + printable(v.as_string().str) + "\"";
    case toml::value_t::boolean:
        return "a boolean";
    case toml::value_t::integer:
        return "an integer";
    case toml::value_t::floating:
        return "a float";
    case toml::value_t::offset_datetime:
    case toml::value_t::local_datetime:
        return "a date-time";
    case toml::value_t::local_date:
        return "a date";
    case toml::value_t::local_time:
        return "a time";
    case toml::value_t::array:
        return "an array";
    case toml::value_t::table:
        return "a table";
    case toml::value_t::empty:
        break;
    }
    return "nothing";
}

// The useful part of toml11's multi-line report: its first line without the
// "[error] toml::parse_xxx:" prefix, or, when that leaves nothing, the text
// under the first "^---" marker.
std::string toml_problem(const std::string& report) {
    std::istringstream lines(report);
    std::string first;
    std::getline(lines, first);
    if (first.starts_with("[error] "))
        first.erase(0, 8);
    const std::size_t end = first.find(' ');
    std::string_view head = std::string_view(first).substr(0, end);
    if (head.ends_with(':'))
        head.remove_suffix(1);
    const bool is_function =
        head.find("::") != std::string_view::npos || head.find('_') != std::string_view::npos;
    if (is_function)
        first = trim(end == std::string::npos ? "" : first.substr(end));

    for (std::string line; first.empty() && std::getline(lines, line);) {
        const std::size_t marker = line.find("^-");
        if (marker != std::string::npos)
            first = trim(line.substr(line.find_first_not_of("^-", marker)));
    }
    return first.empty() ? "invalid TOML" : printable(first);
}

class Reader {
  public:
    Reader(const std::string& name, const std::string& home, std::vector<std::string>& warnings)
        : m_name(name), m_home(home), m_warnings(warnings) {}

    Config read(const value& root) {
        const Section sections{
            {"reply",
             {{"window", [this](auto& v, auto& k) { m_config.reply_window = duration(v, k); }},
              {"follow_up", [this](auto& v, auto& k) { m_config.follow_up = duration(v, k); }}}},
            {"cadence",
             {{"inner", [this](auto& v, auto& k) { m_config.cadence_inner = duration(v, k); }},
              {"network", [this](auto& v, auto& k) { m_config.cadence_network = duration(v, k); }},
              {"weak", [this](auto& v, auto& k) { m_config.cadence_weak = duration(v, k); }}}},
            {"reciprocate",
             {{"after",
               [this](auto& v, auto& k) { m_config.reciprocate_after = duration(v, k); }}}},
            {"ask",
             {{"purposeful",
               [this](auto& v, auto& k) {
                   m_config.purposeful_strict = choice(v, k, {"warn", "strict"}) == "strict";
               }},
              {"vague", [this](auto& v, auto& k) { m_config.vague = strings(v, k); }}}},
            {"output",
             {{"color",
               [this](auto& v, auto& k) {
                   m_config.color = choice(v, k, {"auto", "always", "never"});
               }}}},
            {"interaction",
             {{"kinds", [this](auto& v, auto& k) { m_config.kinds = kinds(v, k); }}}},
            {"me", {{"emails", [this](auto& v, auto& k) { m_config.me_emails = emails(v, k); }}}},
            {"mail",
             {{"replies_owed",
               [this](auto& v, auto& k) {
                   m_config.replies_owed = choice(v, k, {"trusted", "known", "off"});
               }}}},
        };
        for (const auto& [key, v] : root.as_table()) {
            if (key == "journal") {
                journal(v);
                continue;
            }
            const auto section = sections.find(key);
            if (section == sections.end())
                unknown(key);
            else
                read_section(v, key, section->second);
        }
        return m_config;
    }

  private:
    using Handler = std::function<void(const value&, const std::string& key)>;
    using Section = std::map<std::string, std::map<std::string, Handler>>;

    [[noreturn]] void fail(const value& v, const std::string& message) const {
        throw config_error("config " + m_name + ":" + std::to_string(v.location().line()) + ": " +
                           message);
    }

    void unknown(const std::string& key) {
        m_warnings.push_back("config " + m_name + ": unknown key '" + printable(key) + "' (ignored)");
    }

    void read_section(const value& table, const std::string& name,
                      const std::map<std::string, Handler>& handlers) {
        if (!table.is_table())
            fail(table, "key '" + name + "' must be a table, not " + describe(table));
        for (const auto& [key, v] : table.as_table()) {
            const std::string full = name + "." + key;
            const auto handler = handlers.find(key);
            if (handler == handlers.end())
                unknown(full);
            else
                handler->second(v, full);
        }
    }

    void journal(const value& v) {
        if (!v.is_string())
            fail(v, "key 'journal' must be a string (a path), not " + describe(v));
        const std::string& text = v.as_string().str;
        if (text.empty())
            fail(v, "key 'journal' must not be empty");
        if (text != "~" && !text.starts_with("~/")) {
            m_config.journal = text;
            return;
        }
        if (m_home.empty())
            fail(v, "key 'journal' starts with ~ but the home directory is unknown");
        std::filesystem::path path = m_home;
        if (text.size() > 2)
            path /= text.substr(2);
        m_config.journal = path;
    }

    Duration duration(const value& v, const std::string& key) const {
        if (!v.is_string())
            fail(v, "key '" + key + "' must be a string like \"2d\", not " + describe(v));
        try {
            return parse_duration(v.as_string().str);
        } catch (const Error& e) {
            fail(v, "key '" + key + "': " + e.what());
        }
    }

    std::string choice(const value& v, const std::string& key,
                       const std::vector<std::string>& allowed) const {
        if (v.is_string())
            for (const auto& a : allowed)
                if (v.as_string().str == a)
                    return a;
        std::string options;
        for (std::size_t i = 0; i < allowed.size(); ++i) {
            if (i > 0)
                options += i + 1 == allowed.size() ? " or " : ", ";
            options += "\"" + allowed[i] + "\"";
        }
        fail(v, "key '" + key + "' must be " + options + ", not " + describe(v));
    }

    // An array of strings, each trimmed and non-empty.
    std::vector<std::string> strings(const value& v, const std::string& key) const {
        if (!v.is_array())
            fail(v, "key '" + key + "' must be an array of strings, not " + describe(v));
        std::vector<std::string> out;
        for (const auto& item : v.as_array()) {
            const std::string position = "item " + std::to_string(out.size() + 1);
            if (!item.is_string())
                fail(item, "key '" + key + "' must be an array of strings, but " + position +
                               " is " + describe(item));
            out.push_back(trim(item.as_string().str));
            if (out.back().empty())
                fail(item, "key '" + key + "': " + position + " is empty");
        }
        return out;
    }

    std::vector<std::string> kinds(const value& v, const std::string& key) const {
        std::vector<std::string> out = strings(v, key);
        for (std::size_t i = 0; i < out.size(); ++i) {
            const std::string& kind = out[i];
            // No leading '-', so that a kind never looks like a command-line option.
            const bool ok = kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") ==
                                std::string::npos &&
                            kind.front() != '-';
            if (!ok)
                fail(v.as_array()[i], "key '" + key + "': bad kind \"" + printable(kind) +
                                          "\" (use lowercase letters, digits and -)");
        }
        return out;
    }

    // An array of addresses local@domain, lowercased (mail matches them ignoring case).
    std::vector<std::string> emails(const value& v, const std::string& key) const {
        std::vector<std::string> out = strings(v, key);
        for (std::size_t i = 0; i < out.size(); ++i) {
            const std::string& e = out[i];
            const std::size_t at = e.find('@');
            const bool ok = at != std::string::npos && at > 0 && at + 1 < e.size() &&
                            e.find('@', at + 1) == std::string::npos &&
                            e.find_first_of(" \t<>,;\"") == std::string::npos;
            if (!ok)
                fail(v.as_array()[i], "key '" + key + "': \"" + printable(e) +
                                          "\" is not an address like me@example.org");
            std::transform(out[i].begin(), out[i].end(), out[i].begin(), [](unsigned char c) {
                return static_cast<char>(std::tolower(c));
            });
        }
        return out;
    }

    const std::string& m_name;
    const std::string& m_home;
    std::vector<std::string>& m_warnings;
    Config m_config;
};

} // namespace

std::optional<int> Config::cadence_days(Tier tier) const {
    switch (tier) {
    case Tier::inner:
        return cadence_inner.to_days();
    case Tier::network:
        return cadence_network.to_days();
    case Tier::weak:
        return cadence_weak.to_days();
    case Tier::none:
        break;
    }
    return std::nullopt;
}

namespace {

// A config is a few dozen lines; these bound what toml11 is given. toml11 parses arrays,
// inline tables and dotted keys by recursion, one C++ frame per level: a config nested
// 10,000 levels deep overflowed the stack (SIGSEGV). So the nesting is measured first,
// in one linear pass that knows TOML's strings and comments.
// config_max_bytes (config.hpp): a netlog config is a few lines.
constexpr int config_max_depth = 64;
// toml11 takes quadratic time in the length of an array (40,000 items: minutes).
constexpr int config_max_items = 1000;

bool is_key_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.' ||
           c == ' ' || c == '\t';
}

// The first line where brackets of values ([ ] and { }) nest deeper than `limit`, or a
// key (a.b.c, [a.b.c]) has more than `limit` dots, or an array or inline table holds
// more than config_max_items items; 0 when there is none. Brackets of table headers
// count too: they are one or two, and never unbalanced in a valid file.
std::size_t line_too_deep(const std::string& text, int limit) {
    int depth = 0;
    std::vector<int> items;  // commas seen in each open bracket
    int dots = 0;  // in the run of key characters (and quoted parts) being read
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '#') {  // a comment, to the end of its line
            std::size_t end = text.find('\n', i);
            i = (end == std::string::npos ? text.size() : end) - 1;
            continue;
        }
        if (c == '"' || c == '\'') {
            bool multi = text.compare(i, 3, std::string(3, c)) == 0;
            std::string close(multi ? 3 : 1, c);
            std::size_t j = i + close.size();
            for (; j < text.size() && text.compare(j, close.size(), close) != 0; ++j) {
                if (c == '"' && text[j] == '\\') {
                    ++j;
                }
                if (j < text.size() && text[j] == '\n') {
                    ++line;
                }
            }
            i = std::min(j + close.size(), text.size()) - 1;
            continue;
        }
        if (c == '\n') {
            ++line;
        }
        if (c == '[' || c == '{') {
            if (++depth > limit) {
                return line;
            }
            items.push_back(0);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
            items.pop_back();
        } else if (c == ',' && !items.empty() && ++items.back() >= config_max_items) {
            return line;
        }
        if (!is_key_char(c)) {
            dots = 0;
        } else if (c == '.' && ++dots > limit) {
            return line;
        }
    }
    return 0;
}

} // namespace

Config parse_config(const std::string& text, const std::string& name, const std::string& home,
                    std::vector<std::string>& warnings) {
    if (text.size() > config_max_bytes) {
        throw config_error("config " + name +
                           " is over 1 MiB; a netlog config is a few lines — point --config "
                           "or NETLOG_CONFIG at your config");
    }
    if (std::size_t line = line_too_deep(text, config_max_depth)) {
        throw config_error("config " + name + ":" + std::to_string(line) + ": nested more than " +
                           std::to_string(config_max_depth) + " levels deep, or a list of over " +
                           std::to_string(config_max_items) +
                           " items; a netlog config needs far less");
    }
    // TOML is UTF-8. Checked here, not left to toml11: 3.7 reads past its buffer when
    // it reports a bad byte in a 'literal string' (found by tests/fuzz).
    if (!is_valid_utf8(text)) {
        std::size_t line = 1, start = 0;
        for (std::size_t end; (end = text.find('\n', start)) != std::string::npos &&
                              is_valid_utf8(std::string_view(text).substr(start, end - start));
             start = end + 1) {
            ++line;
        }
        throw config_error("config " + name + ":" + std::to_string(line) +
                           ": not valid UTF-8; save the file as UTF-8");
    }
    value root;
    try {
        std::istringstream in(text);
        root = toml::parse<toml::discard_comments, std::map, std::vector>(in, name);
    } catch (const toml::exception& e) {
        throw config_error("config " + name + ":" + std::to_string(e.location().line()) + ": " +
                           toml_problem(e.what()));
    } catch (const std::exception& e) {
        throw config_error("config " + name + ": " + toml_problem(e.what()));
    }
    return Reader(name, home, warnings).read(root);
}

} // namespace netlog
