// WHO on the command line → a person in the journal.
#pragma once

#include "netlog/journal.hpp"

#include <string>

namespace netlog {

// Resolves in order: exact handle; exact name (case- and accent-insensitive);
// unique prefix of the handle or of a word of the name. No match: Error(usage)
// with "did you mean" suggestions; several: Error(usage) listing them.
Person resolve_person(Journal& journal, const std::string& who);

// What `--new` does: the person named exactly `who` (handle or name) if there is
// one, else a new person made from `who` as a name, with `tier` and added today.
// `created` tells which happened.
Person resolve_or_create(Journal& journal, const std::string& who, Tier tier, Date today,
                         bool& created);

// Checks a name someone typed for a new person; returns it trimmed.
std::string checked_name(const std::string& name);

} // namespace netlog
