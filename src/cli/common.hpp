// Small pieces several commands share: option checks and person lookups.
#pragma once

#include "output.hpp"

#include "netlog/config.hpp"
#include "netlog/journal.hpp"

#include <string>
#include <vector>

namespace netlog {

// --tier's value, or `fallback` when not given; Error(usage) on an unknown tier.
Tier tier_option(const std::string& text, Tier fallback);
// Trimmed, checked, de-duplicated tags.
std::vector<std::string> checked_tags(const std::vector<std::string>& tags);
// A built-in or configured interaction kind; Error(usage) listing them otherwise.
std::string checked_kind(const std::string& kind, const Config& config);
// --on for something that happened (`what`: "an interaction", "an ask event"):
// a past date, today included; Error(usage) when it is in the future.
Date past_date(const std::string& text, Date today, std::string_view what);
// WHO[,WHO…] resolved, in order, without repeats; with `create` (--new) people not
// found are added with `tier` (and announced on `out`).
std::vector<Person> people_named(Journal& journal, const std::string& who_list, bool create,
                                 Tier tier, Date today, Output& out);

// Interactions as `log` prints them: ID, DATE, KIND, WITH, NOTE.
std::string interaction_table(const std::vector<Interaction>& interactions, const Output& out);

} // namespace netlog
