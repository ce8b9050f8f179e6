// `netlog who`: what a full-text search found, and how matches are ranked.
// netlog(1) "FINDING THE RIGHT PERSON" states the rule so that a ranking can be
// checked by hand. Pure: the store runs the search (JournalPeople::search).
#pragma once

#include "netlog/reach.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace netlog {

// Where a snippet's matched words begin and end (the store asks SQLite for these;
// the printer turns them into colour or [brackets] after escaping the text).
inline constexpr char snippet_open = '\x02';
inline constexpr char snippet_close = '\x03';

// One place a query matched: a field of a person (name, company, role, tags, notes),
// or the note of an interaction or the text or note of an ask they were part of.
struct SearchHit {
    std::int64_t person_id = 0;
    std::string field;   // "name" "company" "role" "tags" "notes" "interaction" "ask"
    std::string entry;   // the interaction's or ask's id ("i42", "a7"); "" for a person's field
    std::string snippet; // the stored text around the match, words between the marks
};

// How much a hit in `field` adds to a match's relevance: name 5; company, role, tags
// 3; notes 2; an interaction or an ask 1 each, at most 3 of each counted.
int field_weight(std::string_view field);

// The FTS5 query for the words of `netlog who QUERY…`: the words joined by spaces, a
// word with punctuation FTS5 does not take in a bare word (hyphens, apostrophes, dots,
// @ …) quoted as a phrase; quotes, `*`, AND/OR/NOT and parentheses pass as typed.
// Error(usage) when there are no words.
std::string fts_query(const std::vector<std::string>& words);

// A person the search found, with how to reach them.
struct WhoMatch {
    Person person;
    std::vector<SearchHit> hits; // in the order found: their fields, then history
    int relevance = 0;           // Σ field_weight, history capped as field_weight says
    bool one_to_one = false;     // an interaction with just the two of us
    std::vector<IntroPath> paths;
    Reach reach = Reach::none;
    int score = 0; // relevance + reachability (direct 4, introduction: best path's strength)
};

// Groups hits by person and sums their relevance; the people come out most relevant
// first (then by person id), each with `person.id` set and its hits.
std::vector<WhoMatch> group_hits(const std::vector<SearchHit>& hits);

// Sets reach and score from one_to_one and paths (reach_of()).
void rate_reach(WhoMatch& match);

// Orders matches: higher score first, then higher relevance, then handle.
void rank_matches(std::vector<WhoMatch>& matches);

} // namespace netlog
