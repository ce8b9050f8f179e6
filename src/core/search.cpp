// `netlog who`'s ranking (netlog/search.hpp).
#include "netlog/search.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <algorithm>
#include <map>

namespace netlog {

int field_weight(std::string_view field) {
    if (field == "name") {
        return 5;
    }
    if (field == "company" || field == "role" || field == "tags") {
        return 3;
    }
    if (field == "notes") {
        return 2;
    }
    return 1;
}

namespace {

// What FTS5 takes in a bare word: ASCII letters, digits, '_', and any non-ASCII byte.
bool bare(unsigned char c) {
    return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
           (c >= 'A' && c <= 'Z') || c == '_';
}

// The characters of FTS5's own syntax, passed as typed: a phrase, a prefix, grouping,
// a column filter, the start anchor.
bool syntax(char c) {
    return c == '"' || c == '*' || c == '(' || c == ')' || c == ':' || c == '^' || c == '+';
}

} // namespace

std::string fts_query(const std::vector<std::string>& words) {
    std::string query;
    for (const auto& raw : words) {
        std::string word = trim(raw);
        if (word.empty()) {
            continue;
        }
        bool other = std::any_of(word.begin(), word.end(), [](char c) {
            return !bare(static_cast<unsigned char>(c)) && !syntax(c);
        });
        bool typed_syntax = word.find('"') != std::string::npos;
        if (other && !typed_syntax) {
            word = '"' + word + '"'; // pied-piper, o'brien, jane.doe@x.org: a phrase
        }
        query += (query.empty() ? "" : " ") + word;
    }
    if (query.empty()) {
        throw usage_error("say what to look for: `netlog who WORD…` (e.g. netlog who rust "
                          "'\"series a\"' fin*)");
    }
    return query;
}

std::vector<WhoMatch> group_hits(const std::vector<SearchHit>& hits) {
    std::map<std::int64_t, WhoMatch> by_person;
    std::map<std::int64_t, std::map<std::string, int>> counted;
    for (const SearchHit& hit : hits) {
        WhoMatch& m = by_person[hit.person_id];
        m.person.id = hit.person_id;
        int& n = counted[hit.person_id][hit.field];
        bool history = hit.field == "interaction" || hit.field == "ask";
        if (history && n >= 3) {
            continue; // more of the same adds nothing, and is not shown
        }
        ++n;
        m.relevance += field_weight(hit.field);
        m.hits.push_back(hit);
    }
    std::vector<WhoMatch> matches;
    matches.reserve(by_person.size());
    for (auto& [id, m] : by_person) {
        matches.push_back(std::move(m));
    }
    std::stable_sort(matches.begin(), matches.end(), [](const WhoMatch& a, const WhoMatch& b) {
        return a.relevance > b.relevance;
    });
    return matches;
}

void rate_reach(WhoMatch& match) {
    match.reach = reach_of(match.person, match.one_to_one, match.paths);
    int reachability = match.reach == Reach::direct         ? 4
                       : match.reach == Reach::introduction ? match.paths.front().strength
                                                            : 0;
    match.score = match.relevance + reachability;
}

void rank_matches(std::vector<WhoMatch>& matches) {
    std::sort(matches.begin(), matches.end(), [](const WhoMatch& a, const WhoMatch& b) {
        if (a.score != b.score) {
            return a.score > b.score;
        }
        if (a.relevance != b.relevance) {
            return a.relevance > b.relevance;
        }
        return a.person.handle < b.person.handle;
    });
}

} // namespace netlog
