#include "netlog/ledger.hpp"

#include <algorithm>
#include <tuple>

namespace netlog {

BalanceGroup balance_group(const Balance& b) {
    if (b.balance() > 0) {
        return BalanceGroup::you_owe;
    }
    return b.balance() < 0 ? BalanceGroup::owe_you : BalanceGroup::settled;
}

void sort_balances(std::vector<Balance>& balances) {
    // The key sorts ascending: group, then the size of the balance (largest first),
    // then `since` (oldest first; settled people have none), then handle. Keys are
    // made once and sorted with the index of their balance; the balances (two strings
    // each) are moved once, into place, instead of at every step of the sort.
    struct Key {
        int group;
        long long size;
        Date since;
        std::string_view person;
        std::size_t index;
    };
    std::vector<Key> keys;
    keys.reserve(balances.size());
    for (std::size_t i = 0; i < balances.size(); ++i) {
        const Balance& b = balances[i];
        keys.push_back({static_cast<int>(balance_group(b)),
                        b.balance() > 0 ? -b.balance() : b.balance(), b.since.value_or(Date{}),
                        std::string_view(b.person), i});
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        return std::tie(a.group, a.size, a.since, a.person) <
               std::tie(b.group, b.size, b.since, b.person);
    });
    std::vector<Balance> sorted;
    sorted.reserve(balances.size());
    for (const Key& k : keys) {
        sorted.push_back(std::move(balances[k.index]));
    }
    balances = std::move(sorted);
}

std::vector<RegisterLine> ledger_register(std::vector<Favour> favours) {
    std::stable_sort(favours.begin(), favours.end(), [](const Favour& a, const Favour& b) {
        return std::tie(a.on, a.id) < std::tie(b.on, b.id);
    });
    std::vector<RegisterLine> lines;
    lines.reserve(favours.size());
    long long balance = 0;
    for (auto& f : favours) {
        balance += f.direction == Direction::got ? f.weight : -f.weight;
        lines.push_back({std::move(f), balance});
    }
    return lines;
}

} // namespace netlog
