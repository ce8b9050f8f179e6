// How records look in --json and in human output, shared by the commands.
#pragma once

#include "output.hpp"

#include "netlog/config.hpp"
#include "netlog/due.hpp"
#include "netlog/model.hpp"

#include <optional>
#include <string>

namespace netlog {

Json date_or_null(const std::optional<Date>& date);
Json text_or_null(const std::optional<std::string>& text);

// The `people` fields: handle, name, tier, last, interactions, balance.
Json person_summary_json(const Person& p);
// The full record (show, export): the summary plus uuid, cadence_days, … added_on.
Json person_json(const Person& p);
Json favour_json(const Favour& f);
// An interaction as `log` prints it: id, on, kind, note, people, favours, tags, them.
Json interaction_json(const Interaction& in);
// An ask as `ask list` prints it: id, direction, person, via, what, asked_on, due_on, by,
// status, replied_on, closed_on, note.
Json ask_json(const Ask& a);

// cadence_of() and next_due() live in the core, netlog/due.hpp (`due` needs them too).

// "+3" / "-2" / "0" as a balance is shown.
std::string signed_number(long long n);
// A balance in words, as `owe` and `people` show it: "you owe 3", "owes you 4", "even".
std::string balance_words(long long balance);
// "2026-11-26" or "-" for none.
std::string date_text(const std::optional<Date>& date);

} // namespace netlog
