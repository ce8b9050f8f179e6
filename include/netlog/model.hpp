// The journal's records as plain values: people, interactions, favours, asks.
#pragma once

#include "netlog/dates.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netlog {

// How close a person is; decides the default cadence.
enum class Tier { inner, network, weak, none };
// Every tier, closest first: the one list the options, the import checks and the
// config's cadences go by.
inline constexpr Tier all_tiers[] = {Tier::inner, Tier::network, Tier::weak, Tier::none};
std::string_view to_string(Tier tier);
// nullopt for anything but inner|network|weak|none.
std::optional<Tier> parse_tier(std::string_view text);
// "inner", "network", "weak", "none": what --tier accepts.
std::vector<std::string> tier_names();

// The interaction kinds every journal knows; the config may add more.
inline constexpr std::string_view builtin_kinds[] = {"meet",  "call",  "coffee", "message",
                                                     "email", "event", "intro"};

// One field of a record as `export` reads it from the journal (JournalSync::export_records)
// and writes it (append_export_line in netlog/io.hpp): its key and its value, not yet
// JSON. A record is its fields in the order they are written.
struct ExportField {
    enum class Kind : std::uint8_t {
        null,
        text,    // `text`, a JSON string
        integer, // `number`
        boolean, // `number`, 0 or 1
        json,    // `text` is JSON as the journal keeps it (an array: people, nudged_on),
                 // written as nlohmann reads and writes it
        tags,    // `text` is a JSON array as tags are kept: its strings only, [] when
                 // it is not an array (store::tags_from_json)
    };
    const char* key;
    Kind kind = Kind::null;
    std::string_view text;
    std::int64_t number = 0;
};

// A typed, printable id: i42 (interaction), a7 (ask), f19 (favour).
struct EntryId {
    enum class Type { interaction, ask, favour };
    Type type = Type::interaction;
    std::int64_t number = 0;
};
std::string format_id(EntryId id);
inline std::string interaction_id(std::int64_t n) { return format_id({EntryId::Type::interaction, n}); }
inline std::string ask_id(std::int64_t n) { return format_id({EntryId::Type::ask, n}); }
inline std::string favour_id(std::int64_t n) { return format_id({EntryId::Type::favour, n}); }
// Parses "i42", "a7", "f19"; throws Error(usage) on anything else.
EntryId parse_entry_id(std::string_view text);
// Parses an id that must be of one type ("a7" for `ask done`); throws Error(usage).
std::int64_t parse_typed_id(std::string_view text, EntryId::Type type);

// What a listing or report reads of a person (`people`, `due`, `owe`, `audit`): who
// they are, how often to be in touch, and the totals the journal maintains in the same
// transaction as every write. Every query that reads people for a list fills all of it
// (store::read_summary), and nothing more.
struct PersonSummary {
    std::int64_t id = 0;
    std::string handle;
    std::string name;
    Tier tier = Tier::weak;
    std::optional<int> cadence_days;  // override of the tier's cadence
    Date added_on;
    std::optional<Date> snooze_until;

    // Maintained by the journal in the same transaction as every write.
    int interactions = 0;        // interactions they were part of
    int reached_me = 0;          // of those, how many they started (`add --them`)
    std::optional<Date> last_interaction;
    std::optional<Date> last_contact;  // interactions and ask events
    long long gave = 0, got = 0;       // favour weights
    std::optional<Date> since;         // oldest unreciprocated favour (FIFO)

    long long balance() const { return got - gave; }
};

// A whole person, as one is read to be shown, edited, merged or exported: the summary
// and every field of records::person.
struct Person : PersonSummary {
    std::string uuid;
    std::optional<std::int64_t> introduced_by;
    std::string introduced_by_handle;  // filled on reads, "" when none
    std::string source = "manual";
    std::optional<std::string> email, company, role, url, notes;
    // Every address, the primary one (`email`) first; see email_list().
    std::vector<std::string> emails;
    std::vector<std::string> tags;
    std::optional<std::string> external_id; // what an import matches them by
    std::string created_at, updated_at;
};

// The person's addresses as the journal stores them: `email` (the primary one) first,
// then the others of `emails` in order, without repeats (ignoring ASCII case); empty
// when `email` is unset.
std::vector<std::string> email_list(const Person& person);

// How fill_person() treats a field both people have.
enum class FillMode {
    // Only what `into` lacks is filled (`people merge`; an import into a person entered
    // by hand keeps what the user typed).
    fill_empty,
    // Also the newer company, role and primary email (unless `into`'s primary is still
    // one of `from`'s addresses): an imported person follows its source, which knows
    // their current job better than we do.
    follow_source,
};

// The one rule that fills a person's fields from another record of them (`people
// merge`, and an address-book import through merge_contact()). Returns the names of
// the fields that changed, as `export` spells them, in this order: tier (the higher
// one: a fill never lowers it), cadence_days, introduced_by (`into` introduced by
// `from` is dropped; whoever introduced `from` introduced `into`), email, emails (every
// address of both, `into`'s primary first; not named when email is), company, role,
// url, notes, tags (every tag of both), added_on (the earlier), snooze_until,
// external_id — the walk of records::person and each field's Fill rule. Never
// renames, never changes the handle or source, never empties a field; an empty text
// counts as missing, on either side.
std::vector<std::string> fill_person(Person& into, const Person& from, FillMode mode);

enum class Direction { gave, got };
std::string_view to_string(Direction d);

struct Favour {
    std::int64_t id = 0;
    std::string uuid;
    std::int64_t person_id = 0;
    std::string person;  // handle, filled on reads
    Direction direction = Direction::gave;
    int weight = 1;
    std::string what;
    Date on;
    std::optional<std::int64_t> interaction_id;
    std::optional<std::int64_t> ask_id;
    std::string created_at, updated_at;
};

struct Interaction {
    std::int64_t id = 0;
    std::string uuid;
    Date on;
    std::string kind = "meet";
    std::string note;
    std::vector<std::string> tags;
    bool them = false;  // they reached out
    std::vector<std::int64_t> person_ids;
    std::vector<std::string> people;   // handles, filled on reads
    std::vector<Favour> favours;       // filled on reads
    std::optional<std::string> source; // a captured one: "mail:…", "ical:…"
    std::optional<int> source_seq;     // the calendar SEQUENCE captured (0 for mail)
    std::string created_at, updated_at;
};

enum class AskDirection { out, in };
enum class AskStatus { open, replied, done, declined, dropped };
inline constexpr AskStatus all_ask_statuses[] = {AskStatus::open, AskStatus::replied, AskStatus::done,
                                                 AskStatus::declined, AskStatus::dropped};
std::string_view to_string(AskDirection d);
std::string_view to_string(AskStatus s);
// nullopt for anything but open|replied|done|declined|dropped.
std::optional<AskStatus> parse_ask_status(std::string_view text);
std::vector<std::string> ask_status_names();

struct Ask {
    std::int64_t id = 0;
    std::string uuid;
    AskDirection direction = AskDirection::out;
    std::int64_t person_id = 0;
    std::string person;       // handle, filled on reads
    std::string person_name;  // their name, filled on reads
    std::optional<std::int64_t> via_id;
    std::string via;     // handle, "" when none
    std::string what;
    Date asked_on;
    Date due_on;                 // reply date (in) or follow-up date (out)
    std::optional<Date> by;      // --by
    AskStatus status = AskStatus::open;
    std::optional<Date> replied_on;  // first response
    std::optional<Date> closed_on;   // done, declined or dropped
    std::string note;
    std::vector<Date> nudged_on;     // out: the days I followed up (`ask nudge`), oldest first
    std::optional<std::string> source;  // a reply owed from mail: "mail-ask:<Message-ID>"
    std::string created_at, updated_at;
};

// The FIFO date of the oldest unreciprocated favour, as the journal maintains it:
// gave units are matched against the oldest got units (and the other way round).
// `favours` in any order; nullopt when the balance is zero.
std::optional<Date> unreciprocated_since(const std::vector<Favour>& favours);

} // namespace netlog
