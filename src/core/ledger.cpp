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
    // then `since` (oldest first; settled people have none), then handle.
    auto key = [](const Balance& b) {
        long long size = b.balance() > 0 ? -b.balance() : b.balance();
        return std::tuple(static_cast<int>(balance_group(b)), size, b.since.value_or(Date{}),
                          std::string_view(b.person));
    };
    std::sort(balances.begin(), balances.end(),
              [&](const Balance& a, const Balance& b) { return key(a) < key(b); });
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
