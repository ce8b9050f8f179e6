#include "netlog/model.hpp"
#include "netlog/records.hpp"

#include "netlog/error.hpp"

#include <algorithm>
#include <charconv>
#include <type_traits>
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
    // A text: when `into` has none (or ""), or the newer one when `newer`.
    auto take = [&](std::optional<std::string>& target, const std::optional<std::string>& value,
                    bool newer, std::string_view name) {
        if (!value || value->empty() || target == value) {
            return;
        }
        if (!target || target->empty() || newer) {
            target = value;
            filled.emplace_back(name);
        }
    };
    for (const records::Field& field : records::person.fields) {
        const std::string_view name = field.key;
        // The field in both people, as a T (a field's Fill rule implies its type).
        auto member = [&]<class T>(std::type_identity<T>) -> std::pair<T&, const T&> {
            auto m = std::get<T Person::*>(field.member);
            return {into.*m, from.*m};
        };
        switch (field.fill) {
        case records::Fill::none:
            break;
        case records::Fill::higher_tier: { // inner is the highest
            auto [target, value] = member(std::type_identity<Tier>{});
            if (value < target) {
                target = value;
                filled.emplace_back(name);
            }
            break;
        }
        case records::Fill::if_missing:
            records::visit_member<Person>(field.member, [&](auto m) {
                if constexpr (requires { (into.*m).has_value(); }) {
                    if (!(into.*m) && (from.*m)) {
                        into.*m = from.*m;
                        filled.emplace_back(name);
                    }
                }
            });
            break;
        case records::Fill::introducer: {
            // INTO introduced by FROM is INTO introduced by themselves: that link goes,
            // and whoever introduced FROM introduced INTO.
            auto [target, value] = member(std::type_identity<std::optional<std::int64_t>>{});
            if (from.id != 0 && target == from.id) {
                target.reset();
            }
            if (!target && value && value != into.id) {
                target = value;
                filled.emplace_back(name);
            }
            break;
        }
        case records::Fill::primary_email: {
            const auto theirs = email_list(from);
            if (theirs.empty()) {
                break;
            }
            const auto before = email_list(into);
            // Someone with several addresses keeps the primary they have, if it is still theirs.
            const bool still_theirs =
                into.email && (from.email == into.email ||
                               std::find(from.emails.begin(), from.emails.end(), *into.email) !=
                                   from.emails.end());
            const std::size_t count = filled.size();
            take(into.email, from.email, follow && !still_theirs, name);
            // Every other address of FROM is kept too, after INTO's.
            into.emails = before;
            into.emails.insert(into.emails.end(), theirs.begin(), theirs.end());
            into.emails = email_list(into);
            if (into.emails != before && filled.size() == count) {
                filled.emplace_back("emails");
            }
            break;
        }
        case records::Fill::newer_text:
        case records::Fill::text: {
            auto [target, value] = member(std::type_identity<std::optional<std::string>>{});
            take(target, value, follow && field.fill == records::Fill::newer_text, name);
            break;
        }
        case records::Fill::joined: {
            auto [target, value] = member(std::type_identity<std::vector<std::string>>{});
            bool joined = false;
            for (const auto& tag : value) {
                if (std::find(target.begin(), target.end(), tag) == target.end()) {
                    target.push_back(tag);
                    joined = true;
                }
            }
            if (joined) {
                filled.emplace_back(name);
            }
            break;
        }
        case records::Fill::earlier: { // known since the earlier of the two days
            auto [target, value] = member(std::type_identity<Date>{});
            if (value < target) {
                target = value;
                filled.emplace_back(name);
            }
            break;
        }
        }
    }
    return filled;
}

} // namespace netlog
