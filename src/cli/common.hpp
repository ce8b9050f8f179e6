// Small pieces several commands share: option checks and person lookups.
#pragma once

#include "output.hpp"

#include "netlog/config.hpp"
#include "netlog/journal.hpp"

#include <optional>
#include <string>
#include <vector>

namespace netlog {

class Context;

// The journal an import (or a capture) writes to: the real one; or, for a dry run with
// no journal yet, an empty one in memory kept in `scratch`, so that it creates no file.
Journal& import_target(Context& ctx, bool dry_run, std::optional<Journal>& scratch);

// --tier's value, or `fallback` when not given; Error(usage) on an unknown tier.
Tier tier_option(const std::string& text, Tier fallback);
// Trimmed, checked, de-duplicated tags.
std::vector<std::string> checked_tags(const std::vector<std::string>& tags);
// Applies the --tag values of `people set` and `edit` to `tags`: TAG adds it (once),
// -TAG removes it. Error(usage) as checked_tags().
void edit_tags(std::vector<std::string>& tags, const std::vector<std::string>& edits);
// A built-in or configured interaction kind; Error(usage) listing them otherwise.
std::string checked_kind(const std::string& kind, const Config& config);
// --on for something that happened (`what`: "an interaction", "an ask event"):
// a past date, today included; Error(usage) when it is in the future.
Date past_date(const std::string& text, Date today, std::string_view what);
// WHO[,WHO…] resolved, in order, without repeats; with `create` (--new) people not
// found are added with `tier` and also put in `created`, for the caller to announce
// once its transaction has committed; one found is said so on `out`'s stderr.
std::vector<Person> people_named(Journal& journal, const std::string& who_list, bool create,
                                 Tier tier, Date today, std::vector<Person>& created,
                                 const Output& out);
// "new person HANDLE (NAME, TIER)", for a person --new made, once that is committed.
void announce_new_person(const Output& out, const Person& person);

// Sets an ask's --via to the person `who` names (ask.via_id, ask.via); Error(usage) when
// it is the person asked.
void set_ask_via(Journal& journal, Ask& ask, const std::string& who);

// Interactions as `log` prints them: ID, DATE, KIND, WITH, NOTE.
std::string interaction_table(const std::vector<Interaction>& interactions, const Output& out);
// Asks as `ask list` prints them: ID, DIR, WHO, VIA, ASKED, DUE, STATUS, WHAT; open asks
// past their due date in red.
std::string ask_table(const std::vector<Ask>& asks, const Output& out, Date today);

} // namespace netlog
