#include "common.hpp"

#include "context.hpp"

#include "resolve.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"
#include "netlog/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace netlog {

Journal& import_target(Context& ctx, bool dry_run, std::optional<Journal>& scratch) {
    std::error_code ec;
    if (dry_run && !std::filesystem::exists(ctx.journal_path, ec)) {
        scratch = Journal::open_scratch();
        scratch->set_clock(ctx.now);
        return *scratch;
    }
    return ctx.journal(Journal::Mode::write);
}

std::string checked_kind(const std::string& kind, const Config& config) {
    std::string k = trim(kind);
    bool known = std::find(std::begin(builtin_kinds), std::end(builtin_kinds), k) !=
                     std::end(builtin_kinds) ||
                 std::find(config.kinds.begin(), config.kinds.end(), k) != config.kinds.end();
    if (!known) {
        std::string all;
        for (auto b : builtin_kinds) {
            all += (all.empty() ? "" : ", ") + std::string(b);
        }
        for (const auto& c : config.kinds) {
            all += ", " + c;
        }
        throw usage_error(fmt::format("unknown kind '{}'; use one of {} (more in config "
                                      "[interaction] kinds)",
                                      printable(k), all));
    }
    return k;
}

Tier tier_option(const std::string& text, Tier fallback) {
    if (text.empty()) {
        return fallback;
    }
    auto tier = parse_tier(text);
    if (!tier) {
        throw usage_error(fmt::format("unknown tier '{}'; use inner, network, weak or none",
                                      printable(text)));
    }
    return *tier;
}

std::vector<std::string> checked_tags(const std::vector<std::string>& tags) {
    std::vector<std::string> result;
    for (const auto& t : tags) {
        std::string tag = trim(t);
        check_field("tag", tag, TextRule::required);
        if (std::find(result.begin(), result.end(), tag) == result.end()) {
            result.push_back(tag);
        }
    }
    return result;
}

void edit_tags(std::vector<std::string>& tags, const std::vector<std::string>& edits) {
    for (const auto& t : checked_tags(edits)) {
        if (t.size() > 1 && t.front() == '-') {
            std::erase(tags, t.substr(1));
        } else if (std::find(tags.begin(), tags.end(), t) == tags.end()) {
            tags.push_back(t);
        }
    }
}

Date past_date(const std::string& text, Date today, std::string_view what) {
    Date on = parse_date(text, today, DateSense::past);
    if (on > today) {
        throw usage_error(fmt::format("{} is in the future; {} is recorded after it happened "
                                      "(today is {})",
                                      format_date(on), what, format_date(today)));
    }
    return on;
}

void set_ask_via(Journal& journal, Ask& ask, const std::string& who) {
    Person via = resolve_person(journal, who);
    if (via.id == ask.person_id) {
        throw usage_error(fmt::format("--via names {} themselves; give the person who "
                                      "introduces you",
                                      ask.person));
    }
    ask.via_id = via.id;
    ask.via = via.handle;
}

void announce_new_person(const Output& out, const Person& person) {
    out.info(fmt::format("new person {} ({}, {})", out.paint(Style::bold, person.handle),
                         printable(person.name), to_string(person.tier)));
}

std::vector<Person> people_named(Journal& journal, const std::string& who_list, bool create,
                                 Tier tier, Date today, std::vector<Person>& created,
                                 const Output& out) {
    auto names = split_list(who_list, ',');
    if (names.empty()) {
        throw usage_error("say who: a handle or name, several separated by commas");
    }
    std::vector<Person> people;
    for (const auto& name : names) {
        Person p;
        if (create) {
            bool made = false;
            p = resolve_or_create(journal, name, tier, today, made, out);
            if (made) {
                created.push_back(p);
            }
        } else {
            p = resolve_person(journal, name, true);
        }
        bool seen = std::any_of(people.begin(), people.end(),
                                [&](const Person& q) { return q.id == p.id; });
        if (!seen) {
            people.push_back(std::move(p));
        }
    }
    return people;
}

} // namespace netlog
