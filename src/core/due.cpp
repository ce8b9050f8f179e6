#include "netlog/due.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

namespace netlog {

std::optional<int> cadence_of(const PersonSummary& p, const Config& config) {
    if (p.cadence_days) {
        return p.cadence_days;
    }
    return config.cadence_days(p.tier);
}

std::optional<Date> next_due(const PersonSummary& p, const Config& config) {
    auto cadence = cadence_of(p, config);
    if (!cadence) {
        return std::nullopt;
    }
    Date due = add_days(p.last_contact.value_or(p.added_on), *cadence);
    if (p.snooze_until && *p.snooze_until > due) {
        due = *p.snooze_until;
    }
    return due;
}

bool is_stale(const PersonSummary& p, const Config& config, Date by) {
    const auto due = next_due(p, config);
    return due && *due <= by;
}

Date ask_due_on(AskDirection direction, Date asked_on, const std::optional<Date>& by,
                const Config& config, const std::vector<Date>& nudged_on) {
    if (direction == AskDirection::in) {
        return shift(asked_on, config.reply_window, 1);
    }
    if (!nudged_on.empty()) {
        return shift(*std::max_element(nudged_on.begin(), nudged_on.end()), config.follow_up, 1);
    }
    return by ? *by : shift(asked_on, config.follow_up, 1);
}

void nudge(Ask& ask, Date on, const Config& config) {
    const std::string id = ask_id(ask.id);
    if (ask.direction != AskDirection::out) {
        throw usage_error(fmt::format("{} was asked of you: a nudge is for your own asks (answer "
                                      "it with `netlog ask reply {}`); nothing changed",
                                      id, id));
    }
    if (ask.status != AskStatus::open) {
        throw usage_error(fmt::format("{} is {}, not open: there is nothing to follow up; "
                                      "nothing changed",
                                      id, to_string(ask.status)));
    }
    if (on < ask.asked_on) {
        throw usage_error(fmt::format("{} is before {} was asked ({}); nothing changed",
                                      format_date(on), id, format_date(ask.asked_on)));
    }
    ask.nudged_on.insert(std::upper_bound(ask.nudged_on.begin(), ask.nudged_on.end(), on), on);
    ask.due_on = ask_due_on(ask.direction, ask.asked_on, ask.by, config, ask.nudged_on);
}

std::optional<std::string> vague_phrase(const std::string& text, const Config& config) {
    return VaguePhrases(config).find(text);
}

VaguePhrases::VaguePhrases(const Config& config) {
    for (const auto& phrase : config.vague) {
        if (std::string folded = fold(phrase); !folded.empty()) {
            m_phrases.emplace_back(phrase, std::move(folded));
        }
    }
}

std::optional<std::string> VaguePhrases::find(std::string_view text) const {
    if (m_phrases.empty()) {
        return std::nullopt;
    }
    std::string folded = fold(text);
    for (const auto& [phrase, needle] : m_phrases) {
        if (folded.find(needle) != std::string::npos) {
            return phrase;
        }
    }
    return std::nullopt;
}

Date due_horizon(Date today, const std::optional<Duration>& within) {
    // Today is included: the morning digest warns on the day a reply is due, not the
    // day after (issue #14).
    return within ? shift(today, *within, 1) : today;
}

Date latest_owed_since(Date horizon, const Config& config) {
    // Going back by months or years is not the inverse of going forward (Jan 31 + 1
    // month is Feb 28): start a few days later and step back to the last day that fits.
    // shift() never goes backwards, so the first day that fits is the latest.
    Date since = add_days(shift(horizon, config.reciprocate_after, -1), 3);
    while (shift(since, config.reciprocate_after, 1) > horizon) {
        since = add_days(since, -1);
    }
    return since;
}

DuePrefilter due_prefilter(Date horizon, const Config& config) {
    DuePrefilter filter;
    filter.horizon = horizon;
    for (Tier tier : all_tiers) {
        if (auto cadence = config.cadence_days(tier)) {
            filter.contact_by[static_cast<std::size_t>(tier)] = add_days(horizon, -*cadence);
        }
    }
    filter.owed_since = latest_owed_since(horizon, config);
    return filter;
}

bool DueReport::empty() const { return size() == 0; }

std::size_t DueReport::size() const {
    std::size_t n = 0;
    for (const auto& section : sections) {
        n += section.size();
    }
    return n;
}

bool DueReport::any_overdue() const {
    return std::any_of(sections.begin(), sections.end(), [](const auto& section) {
        return std::any_of(section.begin(), section.end(),
                           [](const DueItem& item) { return item.overdue(); });
    });
}

bool DueReport::any_now() const {
    return std::any_of(sections.begin(), sections.end(), [](const auto& section) {
        return std::any_of(section.begin(), section.end(),
                           [](const DueItem& item) { return item.now(); });
    });
}

bool DueReport::any_for_exit_code() const {
    return std::any_of(std::begin(due_sections), std::end(due_sections),
                       [this](const DueSectionInfo& info) {
                           return info.counts_for_exit_code && !(*this)[info.section].empty();
                       });
}

std::optional<DueSection> due_section_of(const Ask& a) {
    if (a.direction == AskDirection::in && a.status == AskStatus::open) {
        return DueSection::replies;
    }
    if (a.direction == AskDirection::in && a.status == AskStatus::replied && a.by) {
        return DueSection::promises;
    }
    if (a.direction == AskDirection::out && a.status == AskStatus::open) {
        return DueSection::follow_ups;
    }
    return std::nullopt;
}

namespace {

// Most days overdue first; then by person and ask, so that the order is stable. The
// keys are sorted with their item's index, and the items (three strings each) moved
// once into place: moving them at every step of the sort was a tenth of `due` with
// 35,000 items.
void sort_by_urgency(std::vector<DueItem>& items) {
    struct Key {
        int days_overdue;
        std::string_view person;
        std::int64_t ask;
        std::size_t index;
    };
    std::vector<Key> keys;
    keys.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        keys.push_back({items[i].days_overdue, items[i].person, items[i].ask.value_or(0), i});
    }
    std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
        if (a.days_overdue != b.days_overdue) {
            return a.days_overdue > b.days_overdue;
        }
        if (a.person != b.person) {
            return a.person < b.person;
        }
        return a.ask < b.ask;
    });
    std::vector<DueItem> sorted;
    sorted.reserve(items.size());
    for (const Key& k : keys) {
        sorted.push_back(std::move(items[k.index]));
    }
    items = std::move(sorted);
}

} // namespace

DueReport compute_due(std::vector<PersonSummary> people, std::vector<Ask> asks, const Config& config,
                      Date today, const std::optional<Duration>& within) {
    DueReport report;
    report.today = today;
    // The last due date listed: today (what is overdue or due today), or the end of --within.
    const Date horizon = due_horizon(today, within);
    // The item's strings are taken from the records (`due` lists tens of thousands):
    // `last` when this is the record's last item.
    auto item = [&](std::string& handle, std::string& name, Date due_on, bool last) {
        DueItem it;
        if (name.empty()) {
            it.name = handle;
        } else if (last) {
            it.name = std::move(name);
        } else {
            it.name = name;
        }
        if (last) {
            it.person = std::move(handle);
        } else {
            it.person = handle;
        }
        it.due_on = due_on;
        it.days_overdue = days_between(due_on, today);
        return it;
    };

    // Each ask's section and due date, then each section's items at once.
    struct Listed {
        DueSection section;
        Date due_on;
    };
    std::vector<std::optional<Listed>> listed(asks.size());
    std::array<std::size_t, due_section_count> counts{};
    for (std::size_t i = 0; i < asks.size(); ++i) {
        const Ask& a = asks[i];
        const auto section = due_section_of(a);
        if (!section) {
            continue;
        }
        const Date due_on = *section == DueSection::promises ? *a.by : a.due_on;
        if (due_on <= horizon) {
            listed[i] = Listed{*section, due_on};
            ++counts[static_cast<std::size_t>(*section)];
        }
    }
    for (std::size_t s = 0; s < due_section_count; ++s) {
        report.sections[s].reserve(counts[s]);
    }
    for (std::size_t i = 0; i < asks.size(); ++i) {
        if (!listed[i]) {
            continue;
        }
        Ask& a = asks[i];
        DueItem it = item(a.person, a.person_name, listed[i]->due_on, true);
        it.ask = a.id;
        it.what = std::move(a.what);
        report[listed[i]->section].push_back(std::move(it));
    }

    for (auto& p : people) {
        // is_stale(p, config, horizon), keeping the date it computes.
        const auto reconnect_on = next_due(p, config);
        const bool reconnect = reconnect_on && *reconnect_on <= horizon;
        std::optional<Date> reciprocate_on;
        if (p.balance() > 0 && p.since) {
            if (Date due_on = shift(*p.since, config.reciprocate_after, 1); due_on <= horizon) {
                reciprocate_on = due_on;
            }
        }
        if (reconnect) {
            DueItem it = item(p.handle, p.name, *reconnect_on, !reciprocate_on);
            it.last_contact = p.last_contact;
            report[DueSection::reconnect].push_back(std::move(it));
        }
        if (reciprocate_on) {
            DueItem it = item(p.handle, p.name, *reciprocate_on, true);
            it.balance = p.balance();
            it.since = p.since;
            report[DueSection::reciprocate].push_back(std::move(it));
        }
    }

    for (auto& section : report.sections) {
        sort_by_urgency(section);
    }
    return report;
}

} // namespace netlog
