// The queries behind `owe` and `audit`. They read the per-person totals that the
// schema's triggers maintain, so their cost follows the number of people (and of
// asks), never the size of the history. The audit's are streamed, row by row, so
// that a big journal is never held in memory.
#include "impl.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace netlog {
namespace {

AskStatus status_of(std::string_view text) {
    return parse_ask_status(text).value_or(AskStatus::open); // the schema's CHECK allows no other
}

} // namespace

std::vector<Balance> JournalLedger::balances(bool settled) {
    store::Rows rows(m_impl->db,
                     fmt::format("SELECT handle, name, gave, got, since FROM people WHERE {}",
                                 settled ? "gave > 0 OR got > 0" : "gave <> got"));
    std::vector<Balance> balances;
    while (rows.step()) {
        balances.push_back({std::string(rows.text(0)), std::string(rows.text(1)), rows.int64(2),
                            rows.int64(3), rows.optional_date(4)});
    }
    return balances;
}

void JournalLedger::scan_for_audit(const std::function<void(const PersonSummary&)>& visit_person,
                             const std::function<void(const AuditAsk&)>& visit_ask) {
    auto& db = m_impl->db;
    // What the asks need of their person, kept from the pass over people: reading it
    // there costs less than looking each ask's person up again.
    struct Known {
        std::int64_t id = 0;
        std::string handle;
        std::string first_interaction;  // "" when never met
    };
    std::vector<Known> people;  // in id order
    {
        store::Rows rows(db, fmt::format("SELECT {}, first_interaction FROM people p "
                                         "ORDER BY p.id",
                                         store::summary_columns));
        Person p;
        while (rows.step()) {
            store::read_summary(rows, p);
            visit_person(p);
            people.push_back({p.id, p.handle, std::string(rows.text(store::summary_column_count))});
        }
    }
    auto known = [&](std::int64_t id) -> const Known& {
        auto it = std::lower_bound(people.begin(), people.end(), id,
                                   [](const Known& k, std::int64_t i) { return k.id < i; });
        if (it == people.end() || it->id != id) {
            throw Error(ErrorKind::journal,
                        fmt::format("journal {}: an ask names person {}, who is not in it",
                                    m_impl->path.string(), id),
                        Remedy::run_check);
        }
        return *it;
    };

    // Each direction through its own covering index (asks_out, asks_in: schema 3), which
    // hold only what the audit reads: a third of the pages of the table, whose rows
    // carry uuids, notes and timestamps too. An incoming ask's text is not in asks_in:
    // the audit quotes it only in the findings it words, and reads those few texts at
    // the end (ask_texts()).
    AuditAsk entry;
    Ask& a = entry.ask;
    // Up to 50,000 asks: the loops reuse their strings rather than allocating per row.
    store::Rows out(db, "SELECT id, person_id, via, what, asked_on, status FROM asks "
                        "WHERE direction = 'out'");
    a.direction = AskDirection::out;
    a.due_on = Date{};
    a.replied_on.reset();
    a.closed_on.reset();
    while (out.step()) {
        a.id = out.int64(0);
        a.person_id = out.int64(1);
        const Known& person = known(a.person_id);
        a.person.assign(person.handle);
        a.via_id.reset();
        if (!out.is_null(2)) {
            a.via_id = out.int64(2);
        }
        a.what.assign(out.text(3));
        a.asked_on = out.date(4);
        a.status = status_of(out.text(5));
        // Met before the ask: their first interaction (maintained) is on or before it.
        // ISO dates compare as text.
        entry.met_before = !a.via_id && !person.first_interaction.empty() &&
                           std::string_view(person.first_interaction) <= out.text(4);
        visit_ask(entry);
    }
    store::Rows in(db, "SELECT id, person_id, asked_on, due_on, status, replied_on, closed_on "
                       "FROM asks WHERE direction = 'in'");
    a.direction = AskDirection::in;
    a.via_id.reset();
    entry.met_before = false;
    while (in.step()) {
        a.id = in.int64(0);
        a.person_id = in.int64(1);
        a.person.assign(known(a.person_id).handle);
        a.asked_on = in.date(2);
        a.due_on = in.date(3);
        a.status = status_of(in.text(4));
        a.replied_on = in.optional_date(5);
        a.closed_on = in.optional_date(6);
        a.what.clear();
        visit_ask(entry);
    }
}

std::unordered_map<std::int64_t, std::string>
JournalLedger::ask_texts(const std::vector<std::int64_t>& ids) {
    auto& db = m_impl->db;
    std::unordered_map<std::int64_t, std::string> texts;
    // A look-up in the table for each of a few; one walk through it for many (the
    // walk costs about as much as a thousand look-ups on a big journal).
    if (ids.size() > 256) {
        std::unordered_set<std::int64_t> wanted(ids.begin(), ids.end());
        store::Rows rows(db, "SELECT id, what FROM asks");
        while (rows.step()) {
            if (wanted.count(rows.int64(0)) > 0) {
                texts.emplace(rows.int64(0), std::string(rows.text(1)));
            }
        }
        return texts;
    }
    SQLite::Statement& one = m_impl->cached("SELECT what FROM asks WHERE id = ?");
    for (std::int64_t id : ids) {
        one.bind(1, id);
        if (one.executeStep()) {
            texts.emplace(id, one.getColumn(0).getString());
        }
        one.reset();
    }
    return texts;
}

} // namespace netlog
