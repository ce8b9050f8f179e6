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
    for (const auto& [handle, name] : journal.people().person_names()) {
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
    if (auto p = journal.people().person_by_handle(who)) {
        return p;
    }
    if (auto p = journal.people().person_by_handle(fold(who))) {
        return p;
    }
    auto named = journal.people().people_by_name_key(fold(who));
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

namespace {

bool starts_with_word(const std::string& text, const std::string& prefix) {
    if (text.starts_with(prefix)) {
        return true;
    }
    return text.find(" " + prefix) != std::string::npos || text.find("-" + prefix) != std::string::npos;
}

// The people whose name or handle matches `who` once the marks of every script are
// dropped (`αλεξανδρος` for Αλέξανδρος, `иошкар` for Йошкар): exactly if any does,
// else by a prefix of a word. Only asked when the journal's own keys found nobody.
std::vector<Person> loose_matches(Journal& journal, const std::string& who) {
    std::string typed = loose_fold(who);
    std::string typed_handle = loose_fold(handle_base(who));
    if (typed.empty()) {
        return {};
    }
    std::vector<std::string> exact, prefixed;
    for (const auto& [handle, name] : journal.people().person_names()) {
        std::string key = loose_fold(name);
        std::string handle_key = loose_fold(handle);
        if (key == typed || handle_key == typed_handle) {
            exact.push_back(handle);
        } else if (starts_with_word(key, typed) ||
                   (!typed_handle.empty() && starts_with_word(handle_key, typed_handle))) {
            prefixed.push_back(handle);
        }
    }
    std::vector<Person> people;
    for (const auto& handle : exact.empty() ? prefixed : exact) {
        if (auto p = journal.people().person_by_handle(handle)) {
            people.push_back(*p);
        }
    }
    return people;
}

// True when `who` is whole words at the start of the person's handle or of a word of
// their name: `dana` for dana-li, `dana li` for Dana Li Chen, but not `dan` for dana-li.
bool names_whole_words(const Person& p, const std::string& who) {
    auto whole = [](const std::string& text, const std::string& start, char sep) {
        for (std::size_t at = text.find(start); at != std::string::npos;
             at = text.find(start, at + 1)) {
            bool begins = at == 0 || text[at - 1] == sep;
            std::size_t end = at + start.size();
            if (begins && (end == text.size() || text[end] == sep)) {
                return true;
            }
        }
        return false;
    };
    std::string typed_handle = loose_fold(handle_base(who));
    return (!typed_handle.empty() && whole(loose_fold(p.handle), typed_handle, '-')) ||
           whole(loose_fold(p.name), loose_fold(who), ' ');
}

// The one person `who` names (exact handle, exact name, unique prefix, then the same
// without accents in any script); nullopt when nobody matches. Error(usage) when
// several do. With `whole_words` (what --new asks), a prefix counts only when it is
// whole words: `dan` is a new person beside dana-li, `person 1` beside Person 10.
std::optional<Person> find_person(Journal& journal, const std::string& who, bool whole_words = false) {
    std::vector<Person> several;
    if (auto p = exact_match(journal, who, several)) {
        return p;
    }
    if (!several.empty()) {
        throw ambiguous(who, several);
    }
    auto prefixed = journal.people().people_by_prefix(handle_base(who), fold(who));
    if (prefixed.empty()) {
        prefixed = loose_matches(journal, who);
    }
    if (whole_words) {
        std::erase_if(prefixed, [&](const Person& p) { return !names_whole_words(p, who); });
    }
    if (prefixed.size() == 1) {
        return prefixed.front();
    }
    if (prefixed.size() > 1) {
        throw ambiguous(who, prefixed);
    }
    return std::nullopt;
}

} // namespace

Person resolve_person(Journal& journal, const std::string& who_typed, bool offer_new) {
    std::string who = trim(who_typed);
    if (who.empty()) {
        throw usage_error("empty name: say who, by handle or name (see `netlog people`)");
    }
    if (auto p = find_person(journal, who)) {
        return *p;
    }
    auto close = suggestions(journal, who);
    const char* add = offer_new ? "use --new to add them" : "`netlog people add NAME` adds them";
    if (close.empty()) {
        throw usage_error(fmt::format("no person matches '{}' (see `netlog people`; {})",
                                      printable(who), add));
    }
    throw usage_error(fmt::format("no person matches '{}' — did you mean {}? ({})", printable(who),
                                  quoted_list(close), add));
}

Person resolve_or_create(Journal& journal, const std::string& who, Tier tier, Date today,
                         bool& created, const Output& out) {
    std::string name = checked_name(who);
    if (auto p = find_person(journal, name, true)) {
        created = false;
        if (name != p->handle) {
            out.note(fmt::format("'{}' is {} ({}), already in the journal: used them (`netlog "
                                 "people add NAME` adds someone new)",
                                 printable(name), p->handle, printable(p->name)));
        }
        return *p;
    }
    Person person;
    person.name = name;
    person.handle = journal.people().unique_handle(handle_base(name));
    person.tier = tier;
    person.added_on = today;
    person.source = "manual";
    journal.people().add_person(person);
    created = true;
    return person;
}

std::vector<Person> people_with_name(Journal& journal, const std::string& name) {
    auto named = journal.people().people_by_name_key(fold(name));
    if (named.empty()) {
        std::string key = loose_fold(name);
        for (const auto& [handle, their_name] : journal.people().person_names()) {
            if (loose_fold(their_name) == key) {
                if (auto p = journal.people().person_by_handle(handle)) {
                    named.push_back(*p);
                }
            }
        }
    }
    return named;
}

} // namespace netlog
