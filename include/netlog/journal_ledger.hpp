// What the journal owes and is owed: the reads of `due`, `owe` and `audit`, one pass
// over the maintained per-person totals each, never over the history.
// Reached through Journal::ledger() (netlog/journal.hpp); implemented in
// src/store/due_queries.cpp and ledger_queries.cpp.
#pragma once

#include "netlog/audit.hpp"
#include "netlog/ledger.hpp"
#include "netlog/model.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace netlog {

namespace store {
struct Impl;  // src/store/impl.hpp
}
struct DuePrefilter;  // netlog/due.hpp

class JournalLedger {
public:
    explicit JournalLedger(store::Impl& impl) : m_impl(&impl) {}

    // --- due (src/store/due_queries.cpp) ------------------------------------------
    // The people who fall due to reconnect (their own cadence and snooze counted) or
    // to reciprocate by the horizon, with the columns `due` reads: id, handle, name,
    // tier, cadence_days, added_on, snooze_until and the maintained totals (the rest
    // left empty), in no set order.
    // One pass over people, never over their history; with list_asks(due_by) it is
    // all `due` reads.
    // `filter` is due_prefilter() (netlog/due.hpp): the rule's own parameters.
    std::vector<PersonSummary> people_for_due(const DuePrefilter& filter);
    // The asks `due` lists by `due_by`: list_asks() with open_only and due_by, with only
    // the fields compute_due() reads (id, direction, person, person_name, what, due_on,
    // by, status) and in no particular order (compute_due() sorts them).
    // `known`: people read already (people_for_due()), whose handle and name it may
    // take instead of reading them again.
    std::vector<Ask> asks_for_due(Date due_by, const std::vector<PersonSummary>& known = {});

    // --- owe and audit (src/store/ledger_queries.cpp) -------------------------------
    // Both read the maintained per-person totals in one pass over people and never
    // scan the history (whether an ask went to someone not met yet is their maintained
    // first interaction's date against the ask's).
    // People with a non-zero balance; with `settled` also those whose favours even
    // out (at least one favour). Unordered: see sort_balances().
    std::vector<Balance> balances(bool settled);
    // The audit's one pass: `visit_person` with every person (id, handle, name, tier,
    // cadence_days, added_on, snooze_until and the totals interactions … since filled),
    // then `visit_ask` with every ask, one at a time, in no set order. An outgoing ask
    // has id, person_id, person, via_id, what, asked_on and status, and `met_before`
    // when it has no --via (the person had an interaction dated on or before the ask);
    // an incoming one id, person_id, person, asked_on, due_on, status, replied_on,
    // closed_on, and no `what` ("": ask_texts() reads those the audit quotes).
    void scan_for_audit(const std::function<void(const PersonSummary&)>& visit_person,
                        const std::function<void(const AuditAsk&)>& visit_ask);
    // The texts of the asks with these ids (those not in the journal are left out).
    std::unordered_map<std::int64_t, std::string> ask_texts(const std::vector<std::int64_t>& ids);

private:
    store::Impl* m_impl;
};

} // namespace netlog
