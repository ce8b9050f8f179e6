// netlog who QUERY… — who in my journal knows about something, and the trusted path
// to them: full-text search, ranked by relevance and reachability (netlog/search.hpp,
// netlog/reach.hpp; netlog(1) "FINDING THE RIGHT PERSON").
#include "common.hpp"
#include "context.hpp"
#include "render.hpp"

#include "netlog/error.hpp"
#include "netlog/reach.hpp"
#include "netlog/search.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {
namespace {

struct WhoOptions {
    std::vector<std::string> words;
    int limit = 10;
    std::string tier;
};

// Of the interactions and of the asks that match, the newest this many are read: a
// common word is in a hundred thousand notes, and three of a person's count at most.
constexpr int history_hits_read = 1000;
// Reach is worked out for this many of the most relevant matches (the path finder
// reads each one's interactions).
constexpr std::size_t matches_rated = 100;
// Paths shown per match (all of them are ranked; more say little).
constexpr std::size_t paths_shown = 3;

// A snippet made printable, its matched words [bracketed] (or in colour, `paint`).
// Tags are stored as a JSON list: shown as "a, b".
std::string render_snippet(const SearchHit& hit, const Output* paint) {
    std::string out;
    bool inside = false;
    std::string piece;
    auto flush = [&] {
        std::string text = printable(piece);
        if (hit.field == "tags" && !inside) {
            std::string clean;
            for (char c : text) {
                if (c == ',') {
                    clean += ", ";
                } else if (c != '[' && c != ']' && c != '"') {
                    clean += c;
                }
            }
            text = clean;
        }
        if (inside && !text.empty()) {
            out += paint && paint->color ? paint->style_printable(Style::yellow, text)
                                         : "[" + text + "]";
        } else {
            out += text;
        }
        piece.clear();
    };
    for (char c : hit.snippet) {
        if (c == snippet_open || c == snippet_close) {
            flush();
            inside = c == snippet_open;
        } else {
            piece += c;
        }
    }
    flush();
    return out;
}

std::string field_label(const SearchHit& hit) {
    return hit.entry.empty() ? hit.field : hit.field + " " + hit.entry;
}

std::string command_for(const WhoMatch& m) {
    switch (m.reach) {
    case Reach::direct:
        return fmt::format("netlog ask {} \"…\"", m.person.handle);
    case Reach::introduction:
        return fmt::format("netlog ask {} \"…\" --via {}", m.person.handle, m.paths.front().via);
    default:
        return fmt::format("netlog add {} \"…\"", m.person.handle);
    }
}

std::string direct_text(const Person& p, bool one_to_one) {
    return fmt::format("{}, last contact {}, {} {}{}", to_string(p.tier),
                       p.last_contact ? format_date(*p.last_contact) : "never", p.interactions,
                       p.interactions == 1 ? "interaction" : "interactions",
                       p.tier == Tier::none && one_to_one ? " (one with just the two of you)" : "");
}

Json match_json(const WhoMatch& m) {
    Json matched = Json::array();
    for (const auto& hit : m.hits) {
        Json h{{"field", hit.field}};
        if (!hit.entry.empty()) {
            h["entry"] = hit.entry;
        }
        h["snippet"] = render_snippet(hit, nullptr);
        matched.push_back(h);
    }
    Json paths = Json::array();
    for (std::size_t i = 0; i < m.paths.size() && i < paths_shown; ++i) {
        const IntroPath& p = m.paths[i];
        paths.push_back(Json{{"via", p.via},
                             {"strength", p.strength},
                             {"strength_words", std::string(strength_word(p.strength))},
                             {"evidence", p.evidence}});
    }
    return Json{{"person", m.person.handle},
                {"name", m.person.name},
                {"tier", std::string(to_string(m.person.tier))},
                {"score", m.score},
                {"relevance", m.relevance},
                {"matched", matched},
                {"reach", std::string(to_string(m.reach))},
                {"direct", m.reach == Reach::direct ? Json(direct_text(m.person, m.one_to_one))
                                                    : Json(nullptr)},
                {"paths", paths},
                {"command", command_for(m)}};
}

std::string match_text(const WhoMatch& m, const Output& out) {
    // A line of plain text, wrapped to the terminal with a hanging indent.
    auto line = [&out](const std::string& text, int indent) {
        return wrap(text, out.width, indent) + "\n";
    };
    std::string text = fmt::format(
        "{}  {}  — score {} (relevance {}, {})\n", out.paint(Style::bold, m.person.handle),
        printable(m.person.name), m.score, m.relevance, to_string(m.reach));
    for (const auto& hit : m.hits) {
        text += fmt::format("  {}: {}\n", field_label(hit), render_snippet(hit, &out));
    }
    switch (m.reach) {
    case Reach::direct:
        text += line(fmt::format("  reach: direct — {}", direct_text(m.person, m.one_to_one)), 9);
        break;
    case Reach::introduction:
        for (std::size_t i = 0; i < m.paths.size() && i < paths_shown; ++i) {
            const IntroPath& p = m.paths[i];
            text += line(fmt::format("  {} you → {} → {}: {} ({})", i == 0 ? "reach:" : "   or:",
                                     p.via, m.person.handle, strength_word(p.strength), p.strength),
                         9);
            for (const auto& e : p.evidence) {
                text += line("      " + printable(e), 8);
            }
        }
        break;
    default:
        text += line(fmt::format(
                         "  reach: no path — no trusted contact (inner/network) introduced or "
                         "met them; record who did (`netlog people set {0} --via WHO`), or how "
                         "you know them (`netlog people set {0} --tier weak`, `netlog add "
                         "{0},WHO NOTE`)",
                         m.person.handle),
                     9);
    }
    text += "  " + out.paint(Style::cyan, command_for(m));
    return text;
}

int run_who(const WhoOptions& opt, Context& ctx) {
    if (opt.limit < 1) {
        throw usage_error(fmt::format("--limit {} must be at least 1", opt.limit));
    }
    std::optional<Tier> tier;
    if (!opt.tier.empty()) {
        tier = tier_option(opt.tier, Tier::none);
    }
    const std::string query = fts_query(opt.words);
    Journal& journal = ctx.journal(Journal::Mode::read);
    std::vector<WhoMatch> found = group_hits(journal.people().search(query, history_hits_read));
    // Their records in one read; with --tier all of them, to keep the rated ones to it.
    std::vector<std::int64_t> ids;
    for (const WhoMatch& m : found) {
        if (!tier && ids.size() >= matches_rated) {
            break;
        }
        ids.push_back(m.person.id);
    }
    std::vector<Person> people = journal.people().people_by_ids(ids);
    std::vector<WhoMatch> matches;
    for (std::size_t i = 0, j = 0; i < found.size() && j < people.size(); ++i) {
        WhoMatch& m = found[i];
        if (m.person.id != people[j].id) {
            continue; // gone meanwhile: not in people
        }
        Person& person = people[j++];
        if (matches.size() >= matches_rated || (tier && person.tier != *tier)) {
            continue;
        }
        m.person = std::move(person);
        // Someone I know directly needs no introduction: their paths are not looked for.
        if (m.person.tier == Tier::none) {
            m.one_to_one = journal.people().has_one_to_one(m.person.id);
            if (!m.one_to_one) {
                m.paths = introduction_paths(
                    journal.people().introduction_evidence(m.person.id, path_interactions_read), ctx.today,
                    ctx.config);
            }
        }
        rate_reach(m);
        matches.push_back(std::move(m));
    }
    rank_matches(matches);
    if (matches.size() > static_cast<std::size_t>(opt.limit)) {
        matches.resize(static_cast<std::size_t>(opt.limit));
    }
    if (ctx.out.json) {
        Json list = Json::array();
        for (const auto& m : matches) {
            list.push_back(match_json(m));
        }
        ctx.out.emit(Json{{"query", query}, {"matches", list}});
        return 0;
    }
    if (matches.empty()) {
        ctx.out.print(fmt::format("nobody matches {}{}; `netlog people` lists everyone",
                                  printable(query),
                                  tier ? fmt::format(" in tier {}", to_string(*tier)) : ""));
        return 0;
    }
    std::string text;
    for (const auto& m : matches) {
        text += (text.empty() ? "" : "\n\n") + match_text(m, ctx.out);
    }
    ctx.out.print(text);
    return 0;
}

} // namespace

void setup_who(CLI::App& app, Registry& registry) {
    auto opt = std::make_shared<WhoOptions>();
    CLI::App* cmd =
        add_command(app, "who", "Who knows about something, and the trusted path to them");
    cmd->add_option("query", opt->words,
                    "Words to find (any case and accents): \"a phrase\", prefix*, AND/OR/NOT")
        ->required()
        ->type_name("QUERY");
    cmd->add_option("--limit", opt->limit, "At most N people (default 10)")->type_name("N");
    cmd->add_option("--tier", opt->tier, "Only people of this tier: inner, network, weak, none")
        ->type_name("T");
    registry.on(cmd, [opt](Context& ctx) { return run_who(*opt, ctx); });
}

} // namespace netlog
