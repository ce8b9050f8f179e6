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
Json person_summary_json(const PersonSummary& p);
// The full record (show, export): the summary plus uuid, cadence_days, … added_on.
Json person_json(const Person& p);
Json favour_json(const Favour& f);
// An interaction as `log` prints it: id, on, kind, note, people, favours, tags, them.
Json interaction_json(const Interaction& in);
// An ask as `ask list` prints it: id, direction, person, via, what, asked_on, due_on, by,
// status, replied_on, closed_on, nudges (how many), nudged_on (dates), last_nudge, note.
Json ask_json(const Ask& a);
// The days an ask was nudged, as a JSON list of dates, oldest first.
Json nudged_on_json(const Ask& a);
// "1 nudge", "3 nudges".
std::string nudges_text(std::size_t n);
// The status as `ask list` and `show` print it: "open", or "open, nudged 2026-11-20",
// "open, nudged 2× (last 2026-11-20)".
std::string ask_status_text(const Ask& a);

// cadence_of() and next_due() live in the core, netlog/due.hpp (`due` needs them too).

// "+3" / "-2" / "0" as a balance is shown.
std::string signed_number(long long n);
// A balance in words, as `owe` and `people` show it: "you owe 3", "owes you 4", "even".
std::string balance_words(long long balance);
// "2026-11-26" or "-" for none.
std::string date_text(const std::optional<Date>& date);

} // namespace netlog
