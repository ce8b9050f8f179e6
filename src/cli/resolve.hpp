// WHO on the command line → a person in the journal.
#pragma once

#include "output.hpp"

#include "netlog/journal.hpp"

#include <string>

namespace netlog {

// Resolves in order: exact handle; exact name (case- and accent-insensitive);
// unique prefix of the handle or of a word of the name. No match: Error(usage)
// with "did you mean" suggestions (and "use --new" when `offer_new`: the command has
// --new); several: Error(usage) listing them.
Person resolve_person(Journal& journal, const std::string& who, bool offer_new = false);

// What `--new` does: the one person `who` names as resolve_person() finds them (a
// unique prefix too), said so on stderr unless `who` is their handle; else a new person
// made from `who` as a name, with `tier` and added today. `created` tells which
// happened; Error(usage) when several people match.
Person resolve_or_create(Journal& journal, const std::string& who, Tier tier, Date today,
                         bool& created, const Output& out);

// The people whose name is `name`, case- and accent-insensitively (`people add`
// refuses a second one unless --again).
std::vector<Person> people_with_name(Journal& journal, const std::string& name);

// Checks a name someone typed for a new person; returns it trimmed.
std::string checked_name(const std::string& name);

} // namespace netlog
