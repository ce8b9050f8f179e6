// `netlog who`'s full-text search (the search_* FTS5 indexes of schema version 8) and
// what the path finder reads (netlog/reach.hpp): who could introduce me to someone.
#include "impl.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <map>

namespace netlog {

namespace {

const std::string open_mark(1, snippet_open);
const std::string close_mark(1, snippet_close);

bool marked(std::string_view text) {
    return text.find(snippet_open) != std::string_view::npos;
}

// FTS5 reports a query it cannot parse as an SQLite error of the statement: say
// what to do instead, never SQLite's words.
[[noreturn]] void bad_query(const std::string& query) {
    throw Error(ErrorKind::usage,
                fmt::format("cannot search for '{}': a lone AND, OR or NOT, an unbalanced \", "
                            "or a * with no word before it is search syntax; put words in double "
                            "quotes (and those in single quotes for the shell) to find them as "
                            "typed",
                            printable(query)),
                Remedy::quote_search);
}

} // namespace

std::vector<SearchHit> JournalPeople::search(const std::string& query, int history_limit) {
    std::vector<SearchHit> hits;
    try {
        // Short fields whole, with the words marked; notes as a snippet around them.
        store::Rows people(m_impl->db, R"(SELECT rowid,
            highlight(search_people, 0, :open, :close), highlight(search_people, 1, :open, :close),
            highlight(search_people, 2, :open, :close), highlight(search_people, 3, :open, :close),
            snippet(search_people, 4, :open, :close, '…', 12)
            FROM search_people WHERE search_people MATCH :query)");
        people.bind(":query", query);
        people.bind(":open", open_mark);
        people.bind(":close", close_mark);
        static constexpr const char* fields[] = {"name", "company", "role", "tags", "notes"};
        while (people.step()) {
            for (int c = 0; c < 5; ++c) {
                std::string_view text = people.text(c + 1);
                if (marked(text)) {
                    hits.push_back({people.int64(0), fields[c], "", std::string(text)});
                }
            }
        }
        // The newest matching first, from the index's own rowid order: a common word
        // costs the limit, not the hundred thousand notes it is in.
        store::Rows met(m_impl->db, R"(SELECT w.person_id, m.id, m.snip FROM
            (SELECT rowid AS id, snippet(search_interactions, 0, :open, :close, '…', 12) AS snip
             FROM search_interactions WHERE search_interactions MATCH :query
             ORDER BY rowid DESC LIMIT :limit) m
            JOIN interaction_with w ON w.interaction_id = m.id ORDER BY m.id DESC, w.person_id)");
        met.bind(":query", query);
        met.bind(":open", open_mark);
        met.bind(":close", close_mark);
        met.bind(":limit", static_cast<std::int64_t>(history_limit));
        while (met.step()) {
            hits.push_back({met.int64(0), "interaction", interaction_id(met.int64(1)),
                            std::string(met.text(2))});
        }
        store::Rows asks(m_impl->db, R"(SELECT a.person_id, m.id, m.snip FROM
            (SELECT rowid AS id, snippet(search_asks, -1, :open, :close, '…', 12) AS snip
             FROM search_asks WHERE search_asks MATCH :query ORDER BY rowid DESC LIMIT :limit) m
            JOIN asks a ON a.id = m.id ORDER BY m.id DESC)");
        asks.bind(":query", query);
        asks.bind(":open", open_mark);
        asks.bind(":close", close_mark);
        asks.bind(":limit", static_cast<std::int64_t>(history_limit));
        while (asks.step()) {
            hits.push_back(
                {asks.int64(0), "ask", ask_id(asks.int64(1)), std::string(asks.text(2))});
        }
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_ERROR) {
            bad_query(query);
        }
        throw;
    }
    return hits;
}

std::vector<IntroEvidence> JournalPeople::introduction_evidence(std::int64_t person_id,
                                                          int history_limit) {
    // Who introduced them (kind 0), who was at their newest interactions (1: how many,
    // the latest), who was the via of my asks to them (2: how many, how many done), who
    // was at the interactions where a favour passed between me and them (3: how many).
    // Down interaction_people (person_id, on_date, interaction_id), newest first:
    // someone met 1,400 times costs the limit.
    SQLite::Statement& st = m_impl->cached(R"(
        SELECT 0, p.id, p.handle, p.tier, p.cadence_days, p.last_contact, 0, NULL
          FROM people t JOIN people p ON p.id = t.introduced_by WHERE t.id = ?1
        UNION ALL
        SELECT 1, p.id, p.handle, p.tier, p.cadence_days, p.last_contact, count(*), max(mine.on_date)
          FROM (SELECT interaction_id, on_date FROM interaction_people WHERE person_id = ?1
                ORDER BY on_date DESC, interaction_id DESC LIMIT ?2) mine
          JOIN interaction_with other ON other.interaction_id = mine.interaction_id
          JOIN people p ON p.id = other.person_id
          WHERE other.person_id <> ?1 GROUP BY p.id
        UNION ALL
        SELECT 2, p.id, p.handle, p.tier, p.cadence_days, p.last_contact, count(*),
               sum(a.status = 'done')
          FROM asks a JOIN people p ON p.id = a.via
          WHERE a.person_id = ?1 AND a.direction = 'out' GROUP BY p.id
        UNION ALL
        SELECT 3, p.id, p.handle, p.tier, p.cadence_days, p.last_contact, count(*), NULL
          FROM favours f JOIN interaction_with other ON other.interaction_id = f.interaction_id
          JOIN people p ON p.id = other.person_id
          WHERE f.person_id = ?1 AND other.person_id <> ?1 GROUP BY p.id)");
    st.bind(1, person_id);
    st.bind(2, history_limit);
    std::map<std::int64_t, IntroEvidence> by_id;
    while (st.executeStep()) {
        const std::int64_t id = st.getColumn(1).getInt64();
        IntroEvidence& e = by_id[id];
        PersonSummary& p = e.introducer;
        if (p.id == 0) {
            p.id = id;
            p.handle = st.getColumn(2).getString();
            p.tier = parse_tier(st.getColumn(3).getString()).value_or(Tier::none);
            if (!st.getColumn(4).isNull()) {
                p.cadence_days = st.getColumn(4).getInt();
            }
            p.last_contact = store::optional_date(st.getColumn(5));
        }
        switch (st.getColumn(0).getInt()) {
        case 0:
            e.introduced = true;
            break;
        case 1:
            e.shared = st.getColumn(6).getInt();
            e.last_shared = store::optional_date(st.getColumn(7));
            break;
        case 2:
            e.asks_via = st.getColumn(6).getInt();
            e.asks_via_done = st.getColumn(7).getInt();
            break;
        default:
            e.favours_seen = st.getColumn(6).getInt();
        }
    }
    std::vector<IntroEvidence> all;
    for (auto& [id, e] : by_id) {
        if (id != person_id) {
            all.push_back(std::move(e));
        }
    }
    return all;
}

bool JournalPeople::has_one_to_one(std::int64_t person_id) {
    SQLite::Statement& st = m_impl->cached(R"(SELECT 1 FROM interaction_people mine
        WHERE mine.person_id = ?1 AND NOT EXISTS (SELECT 1 FROM interaction_with w
          WHERE w.interaction_id = mine.interaction_id AND w.person_id <> ?1) LIMIT 1)");
    st.bind(1, person_id);
    const bool found = st.executeStep();
    st.reset(); // no statement left stepping (a write's commit)
    return found;
}

} // namespace netlog
