// The reciprocity ledger as `owe` shows it: who is listed, in which order, and a
// person's favours as a register with a running balance. Pure: no clock, no I/O.
#pragma once

#include "netlog/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace netlog {

// A person's standing in the ledger, from the totals the journal maintains.
struct Balance {
    std::string person;  // handle
    std::string name;
    long long gave = 0, got = 0;  // favour weights
    std::optional<Date> since;    // oldest unreciprocated favour (FIFO); nullopt when even

    long long balance() const { return got - gave; }
};

// Which group of `owe` a person falls in, by the sign of their balance.
enum class BalanceGroup {
    you_owe,  // balance > 0: they gave you more than you gave them
    owe_you,  // balance < 0
    settled,  // balance 0 (listed only under --all)
};
BalanceGroup balance_group(const Balance& b);

// Orders people as `owe` lists them: "you owe" first (largest balance, then the
// oldest `since`), then "owe you" (most negative first, then the oldest `since`),
// then the settled ones; ties by handle.
void sort_balances(std::vector<Balance>& balances);

// One favour in a person's register and the balance after it.
struct RegisterLine {
    Favour favour;
    long long balance = 0;  // running: + got weights − gave weights, oldest first
};

// A person's favours (any order) as a register, oldest first (date, then id),
// like `hledger register`; the last line's balance is the person's balance.
std::vector<RegisterLine> ledger_register(std::vector<Favour> favours);

} // namespace netlog
