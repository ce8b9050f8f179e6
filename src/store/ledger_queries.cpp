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
        SQLite::Statement st(db, fmt::format("SELECT {}, first_interaction FROM people p "
                                             "ORDER BY p.id",
                                             store::summary_columns));
        Person p;
        while (st.executeStep()) {
            store::read_summary(st, p);
            visit_person(p);
            people.push_back({p.id, p.handle, st.getColumn(store::summary_column_count).getString()});
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

    SQLite::Statement st(db, R"(SELECT id, direction, person_id, via, what, asked_on, due_on,
        status, replied_on, closed_on FROM asks)");
    AuditAsk entry;
    Ask& a = entry.ask;
    // Up to 50,000 asks: the loop reuses its strings rather than allocating per row.
    auto text = [&](int column) { return std::string_view(st.getColumn(column).getText()); };
    while (st.executeStep()) {
        using namespace store;
        a.id = st.getColumn(0).getInt64();
        a.direction = text(1) == "in" ? AskDirection::in : AskDirection::out;
        a.person_id = st.getColumn(2).getInt64();
        const Known& person = known(a.person_id);
        a.person.assign(person.handle);
        a.via_id.reset();
        if (!st.getColumn(3).isNull()) {
            a.via_id = st.getColumn(3).getInt64();
        }
        a.what.assign(text(4));
        a.asked_on = date_column(st.getColumn(5));
        a.due_on = date_column(st.getColumn(6));
        a.status = status_of(text(7));
        a.replied_on = optional_date(st.getColumn(8));
        a.closed_on = optional_date(st.getColumn(9));
        // Met before the ask: their first interaction (maintained) is on or before it.
        // ISO dates compare as text.
        entry.met_before = a.direction == AskDirection::out && !a.via_id &&
                           !person.first_interaction.empty() &&
                           std::string_view(person.first_interaction) <= text(5);
        visit_ask(entry);
    }
}

} // namespace netlog
