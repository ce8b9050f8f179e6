#include "netlog/model.hpp"

#include "netlog/error.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

namespace netlog {

std::string_view to_string(Tier tier) {
    switch (tier) {
    case Tier::inner: return "inner";
    case Tier::network: return "network";
    case Tier::weak: return "weak";
    case Tier::none: return "none";
    }
    return "none";
}

std::optional<Tier> parse_tier(std::string_view text) {
    for (Tier t : all_tiers) {
        if (text == to_string(t)) {
            return t;
        }
    }
    return std::nullopt;
}

std::vector<std::string> tier_names() {
    std::vector<std::string> names;
    for (Tier t : all_tiers) {
        names.emplace_back(to_string(t));
    }
    return names;
}

std::vector<std::string> ask_status_names() {
    std::vector<std::string> names;
    for (AskStatus s : all_ask_statuses) {
        names.emplace_back(to_string(s));
    }
    return names;
}

std::optional<AskStatus> parse_ask_status(std::string_view text) {
    for (AskStatus s : all_ask_statuses) {
        if (text == to_string(s)) {
            return s;
        }
    }
    return std::nullopt;
}

std::string_view to_string(Direction d) { return d == Direction::gave ? "gave" : "got"; }
std::string_view to_string(AskDirection d) { return d == AskDirection::out ? "out" : "in"; }

std::string_view to_string(AskStatus s) {
    switch (s) {
    case AskStatus::open: return "open";
    case AskStatus::replied: return "replied";
    case AskStatus::done: return "done";
    case AskStatus::declined: return "declined";
    case AskStatus::dropped: return "dropped";
    }
    return "open";
}

namespace {
char prefix_of(EntryId::Type type) {
    switch (type) {
    case EntryId::Type::interaction: return 'i';
    case EntryId::Type::ask: return 'a';
    case EntryId::Type::favour: return 'f';
    }
    return 'i';
}
} // namespace

std::string format_id(EntryId id) {
    // By hand: `due` and `audit` make tens of thousands (fmt::format costs several times more).
    std::string text(1, prefix_of(id.type));
    text += std::to_string(id.number);
    return text;
}

EntryId parse_entry_id(std::string_view text) {
    auto bad = [&] {
        return usage_error(fmt::format(
            "bad id '{}' (ids look like i42 for an interaction, a7 for an ask, f19 for a favour; "
            "see `netlog log`)",
            text));
    };
    if (text.size() < 2 || text.size() > 19) {
        throw bad();
    }
    EntryId id;
    switch (text[0]) {
    case 'i': case 'I': id.type = EntryId::Type::interaction; break;
    case 'a': case 'A': id.type = EntryId::Type::ask; break;
    case 'f': case 'F': id.type = EntryId::Type::favour; break;
    default: throw bad();
    }
    auto digits = text.substr(1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        throw bad();
    }
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id.number);
    if (ec != std::errc() || end != digits.data() + digits.size() || id.number <= 0) {
        throw bad();
    }
    return id;
}

std::int64_t parse_typed_id(std::string_view text, EntryId::Type type) {
    EntryId id = parse_entry_id(text);
    if (id.type != type) {
        const char* what = type == EntryId::Type::ask           ? "an ask id like a7"
                           : type == EntryId::Type::interaction ? "an interaction id like i42"
                                                                : "a favour id like f19";
        throw usage_error(fmt::format("'{}' is not {}", text, what));
    }
    return id.number;
}

std::optional<Date> unreciprocated_since(const std::vector<Favour>& favours) {
    long long gave = 0, got = 0;
    for (const auto& f : favours) {
        (f.direction == Direction::gave ? gave : got) += f.weight;
    }
    if (gave == got) {
        return std::nullopt;
    }
    // The bigger side's units, oldest first; the first min(gave, got) of them are matched.
    Direction more = got > gave ? Direction::got : Direction::gave;
    long long matched = std::min(gave, got);
    std::vector<const Favour*> side;
    for (const auto& f : favours) {
        if (f.direction == more) {
            side.push_back(&f);
        }
    }
    std::sort(side.begin(), side.end(), [](const Favour* a, const Favour* b) {
        return a->on != b->on ? a->on < b->on : a->id < b->id;
    });
    long long cumulative = 0;
    for (const Favour* f : side) {
        cumulative += f->weight;
        if (cumulative > matched) {
            return f->on;
        }
    }
    return std::nullopt;
}

namespace {
bool same_address(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; };
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}
} // namespace

std::vector<std::string> email_list(const Person& person) {
    std::vector<std::string> list;
    if (!person.email || person.email->empty()) {
        return list;
    }
    list.push_back(*person.email);
    for (const auto& email : person.emails) {
        bool seen = std::any_of(list.begin(), list.end(),
                                [&](const std::string& e) { return same_address(e, email); });
        if (!seen && !email.empty()) {
            list.push_back(email);
        }
    }
    return list;
}

std::vector<std::string> fill_person(Person& into, const Person& from, FillMode mode) {
    std::vector<std::string> filled;
    const bool follow = mode == FillMode::follow_source;
    // The higher tier (inner is the highest): a fill, like an import, never lowers one.
    if (from.tier < into.tier) {
        into.tier = from.tier;
        filled.emplace_back("tier");
    }
    auto fill = [&](auto& target, const auto& value, const char* name) {
        if (!target && value) {
            target = value;
            filled.emplace_back(name);
        }
    };
    auto take = [&](std::optional<std::string>& target, const std::optional<std::string>& value,
                    bool newer, const char* name) {
        if (!value || value->empty() || target == value) {
            return;
        }
        if (!target || target->empty() || newer) {
            target = value;
            filled.emplace_back(name);
        }
    };
    fill(into.cadence_days, from.cadence_days, "cadence_days");
    // INTO introduced by FROM is INTO introduced by themselves: that link goes, and
    // whoever introduced FROM introduced INTO.
    if (from.id != 0 && into.introduced_by == from.id) {
        into.introduced_by.reset();
    }
    fill(into.introduced_by, from.introduced_by == into.id ? std::nullopt : from.introduced_by,
         "introduced_by");
    if (const auto theirs = email_list(from); !theirs.empty()) {
        const auto before = email_list(into);
        // Someone with several addresses keeps the primary they have, if it is still theirs.
        const bool still_theirs =
            into.email && (from.email == into.email ||
                           std::find(from.emails.begin(), from.emails.end(), *into.email) !=
                               from.emails.end());
        take(into.email, from.email, follow && !still_theirs, "email");
        // Every other address of FROM is kept too, after INTO's.
        into.emails = before;
        into.emails.insert(into.emails.end(), theirs.begin(), theirs.end());
        into.emails = email_list(into);
        if (into.emails != before && (filled.empty() || filled.back() != "email")) {
            filled.emplace_back("emails");
        }
    }
    take(into.company, from.company, follow, "company");
    take(into.role, from.role, follow, "role");
    take(into.url, from.url, false, "url");
    take(into.notes, from.notes, false, "notes");
    bool tagged = false;
    for (const auto& tag : from.tags) {
        if (std::find(into.tags.begin(), into.tags.end(), tag) == into.tags.end()) {
            into.tags.push_back(tag);
            tagged = true;
        }
    }
    if (tagged) {
        filled.emplace_back("tags");
    }
    fill(into.snooze_until, from.snooze_until, "snooze_until");
    // Known since the earlier of the two days they were added.
    if (from.added_on < into.added_on) {
        into.added_on = from.added_on;
        filled.emplace_back("added_on");
    }
    return filled;
}

} // namespace netlog
