// The queries behind `owe` and `audit`. They read the per-person totals that the
// schema's triggers maintain, so their cost follows the number of people (and of
// asks), never the size of the history. The audit's are streamed, row by row, so
// that a big journal is never held in memory.
#include "impl.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {
namespace {

AskStatus status_of(std::string_view text) {
    for (AskStatus s : {AskStatus::open, AskStatus::replied, AskStatus::done, AskStatus::declined,
                        AskStatus::dropped}) {
        if (text == to_string(s)) {
            return s;
        }
    }
    return AskStatus::open;
}

} // namespace

std::vector<Balance> Journal::balances(bool settled) {
    SQLite::Statement st(m_impl->db,
                         fmt::format("SELECT handle, name, gave, got, since FROM people WHERE {}",
                                     settled ? "gave > 0 OR got > 0" : "gave <> got"));
    std::vector<Balance> balances;
    while (st.executeStep()) {
        balances.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                            st.getColumn(2).getInt64(), st.getColumn(3).getInt64(),
                            store::optional_date(st.getColumn(4))});
    }
    return balances;
}

void Journal::scan_for_audit(const std::function<void(const Person&)>& visit_person,
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
            throw journal_error(fmt::format("journal {}: an ask names person {}, who is not in "
                                            "it; run `netlog check`",
                                            m_impl->path.string(), id));
        }
        return *it;
    };

    store::Rows rows(db, R"(SELECT id, direction, person_id, via, what, asked_on, due_on,
        status, replied_on, closed_on FROM asks)");
    AuditAsk entry;
    Ask& a = entry.ask;
    // Up to 50,000 asks: the loop reuses its strings rather than allocating per row.
    while (rows.step()) {
        a.id = rows.int64(0);
        a.direction = rows.text(1) == "in" ? AskDirection::in : AskDirection::out;
        a.person_id = rows.int64(2);
        const Known& person = known(a.person_id);
        a.person.assign(person.handle);
        a.via_id.reset();
        if (!rows.is_null(3)) {
            a.via_id = rows.int64(3);
        }
        a.what.assign(rows.text(4));
        a.asked_on = rows.date(5);
        a.due_on = rows.date(6);
        a.status = status_of(rows.text(7));
        a.replied_on = rows.optional_date(8);
        a.closed_on = rows.optional_date(9);
        // Met before the ask: their first interaction (maintained) is on or before it.
        // ISO dates compare as text.
        entry.met_before = a.direction == AskDirection::out && !a.via_id &&
                           !person.first_interaction.empty() &&
                           std::string_view(person.first_interaction) <= rows.text(5);
        visit_ask(entry);
    }
}

} // namespace netlog
