#include "resolve.hpp"

#include "netlog/validate.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace netlog {
namespace {

std::string quoted_list(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        out += (i == 0 ? "'" : i + 1 == items.size() ? " or '" : ", '") + printable(items[i]) + "'";
    }
    return out;
}

// Handles within a small edit distance of what was typed (or of a word of the name),
// closest first, at most three. A distance as long as the text itself means nothing
// is shared ('rm' is 2 edits from any 2-letter word), so it never counts as close.
std::vector<std::string> suggestions(Journal& journal, const std::string& who) {
    std::string typed_handle = handle_base(who);
    std::string typed_name = fold(who);
    int limit = std::max(2, static_cast<int>(typed_name.size()) / 3);
    limit = std::min(limit, edit_distance(typed_name, "") - 1);  // its length in code points
    std::vector<std::pair<int, std::string>> scored;
    for (const auto& [handle, name] : journal.person_names()) {
        int best = edit_distance(typed_handle, handle);
        std::string folded = fold(name);
        best = std::min(best, edit_distance(typed_name, folded));
        for (const auto& word : split_list(folded, ' ')) {
            best = std::min(best, edit_distance(typed_name, word));
        }
        if (best <= limit) {
            scored.emplace_back(best, handle);
        }
    }
    std::sort(scored.begin(), scored.end());
    std::vector<std::string> result;
    for (size_t i = 0; i < scored.size() && i < 3; ++i) {
        result.push_back(scored[i].second);
    }
    return result;
}

std::optional<Person> exact_match(Journal& journal, const std::string& who,
                                  std::vector<Person>& several) {
    if (auto p = journal.person_by_handle(who)) {
        return p;
    }
    if (auto p = journal.person_by_handle(fold(who))) {
        return p;
    }
    auto named = journal.people_by_name_key(fold(who));
    if (named.size() == 1) {
        return named.front();
    }
    several = std::move(named);
    return std::nullopt;
}

Error ambiguous(const std::string& who, const std::vector<Person>& people) {
    std::vector<std::string> handles;
    for (const auto& p : people) {
        handles.push_back(p.handle + " (" + p.name + ")");
    }
    if (handles.size() > 8) {
        size_t more = handles.size() - 8;
        handles.resize(8);
        handles.push_back(fmt::format("{} more", more));
    }
    std::string list;
    for (const auto& h : handles) {
        list += (list.empty() ? "" : ", ") + printable(h);
    }
    return usage_error(fmt::format("'{}' matches {} people: {}; give the handle", printable(who),
                                   people.size(), list));
}

} // namespace

std::string checked_name(const std::string& name) {
    std::string trimmed = trim(name);
    check_text("name", trimmed, TextRule::required, max_field_bytes);
    if (handle_base(trimmed).empty()) {
        throw usage_error(fmt::format("name '{}' has no letter or digit to make a handle from",
                                      printable(trimmed)));
    }
    return trimmed;
}

Person resolve_person(Journal& journal, const std::string& who_typed) {
    std::string who = trim(who_typed);
    if (who.empty()) {
        throw usage_error("empty name: say who, by handle or name (see `netlog people`)");
    }
    std::vector<Person> several;
    if (auto p = exact_match(journal, who, several)) {
        return *p;
    }
    if (!several.empty()) {
        throw ambiguous(who, several);
    }
    auto prefixed = journal.people_by_prefix(handle_base(who), fold(who));
    if (prefixed.size() == 1) {
        return prefixed.front();
    }
    if (prefixed.size() > 1) {
        throw ambiguous(who, prefixed);
    }
    auto close = suggestions(journal, who);
    if (close.empty()) {
        throw usage_error(fmt::format(
            "no person matches '{}' (see `netlog people`; use --new to add them)", printable(who)));
    }
    throw usage_error(fmt::format("no person matches '{}' — did you mean {}? (use --new to add them)",
                                  printable(who), quoted_list(close)));
}

Person resolve_or_create(Journal& journal, const std::string& who, Tier tier, Date today,
                         bool& created) {
    std::string name = checked_name(who);
    std::vector<Person> several;
    if (auto p = exact_match(journal, name, several)) {
        created = false;
        return *p;
    }
    if (!several.empty()) {
        throw ambiguous(name, several);
    }
    Person person;
    person.name = name;
    person.handle = journal.unique_handle(handle_base(name));
    person.tier = tier;
    person.added_on = today;
    person.source = "manual";
    journal.add_person(person);
    created = true;
    return person;
}

} // namespace netlog
