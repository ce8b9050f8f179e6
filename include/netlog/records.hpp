// Each record's fields, named once. A table per record type (person, interaction,
// favour, ask, deletion) says, for every field, the key `export`, `import json` and
// `--json` use, the column that keeps it, what kind of value it is (which decides how it
// is read, bound, exported and checked on import) and, for a person, the struct member
// that holds it and how a merge fills it. The store builds its SELECT, INSERT, UPDATE
// and row reader from these tables, `export` and `import json` their lines and checks,
// `people show --json` its object and fill_person() its walk: adding a field is a line
// here, a member, a migration, and the option that sets it (ARCHITECTURE.md).
#pragma once

#include "netlog/model.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <string_view>
#include <variant>

namespace netlog::records {

// What a field holds, as the journal keeps it and an export writes it.
enum class Kind : std::uint8_t {
    uuid,             // TEXT NOT NULL: the record's own uuid
    text,             // TEXT NOT NULL; a string (may be "" unless `required`)
    optional_text,    // TEXT or NULL; a string or null
    handle,           // TEXT NOT NULL: a person's handle (a valid one on import)
    choice,           // TEXT NOT NULL: one of `choices()`
    integer,          // INTEGER NOT NULL, from `low` to `high`
    optional_integer, // INTEGER or NULL
    boolean,          // INTEGER 0/1; true or false
    date,             // TEXT YYYY-MM-DD
    optional_date,    // TEXT YYYY-MM-DD or NULL
    dates,            // TEXT: a JSON array of dates, oldest first ([] when missing)
    tags,             // TEXT: a JSON array of strings
    timestamp,        // TEXT: a UTC timestamp 2026-11-26T06:09:08.123Z
    reference,        // INTEGER: the id of a row of `refers_to`; its uuid in an export
    optional_reference,
    emails,           // a person's addresses, in person_emails (no column of `people`)
    members,          // an interaction's people, in interaction_members (no column)
};

// How fill_person() fills a person's field from another record of them.
enum class Fill : std::uint8_t {
    none,          // never (identity, provenance, stamps)
    higher_tier,   // the higher tier: a fill never lowers one
    if_missing,    // only when `into` has none
    introducer,    // as if_missing; `into` introduced by `from` is dropped
    primary_email, // the address and every other one of both (the `emails` field too)
    newer_text,    // when missing or empty; also the newer under FillMode::follow_source
    text,          // when missing or empty
    joined,        // every tag of both
    earlier,       // the earlier date
};

// Where a field lives in its record's struct (Person, Interaction, Favour, Ask): a
// pointer to that member.
using Member = std::variant<
    std::monostate,
    // Person
    std::string Person::*, std::optional<std::string> Person::*, std::optional<int> Person::*,
    std::optional<std::int64_t> Person::*, Date Person::*, std::optional<Date> Person::*,
    std::vector<std::string> Person::*, Tier Person::*,
    // Interaction
    std::string Interaction::*, std::optional<std::string> Interaction::*,
    std::optional<int> Interaction::*, bool Interaction::*, Date Interaction::*,
    std::vector<std::string> Interaction::*,
    // Favour
    std::string Favour::*, std::int64_t Favour::*, std::optional<std::int64_t> Favour::*,
    int Favour::*, Date Favour::*, Direction Favour::*,
    // Ask
    std::string Ask::*, std::optional<std::string> Ask::*, std::int64_t Ask::*,
    std::optional<std::int64_t> Ask::*, Date Ask::*, std::optional<Date> Ask::*,
    std::vector<Date> Ask::*, AskDirection Ask::*, AskStatus Ask::*>;

template <class M> struct MemberClass {
    using type = void;
};
template <class T, class C> struct MemberClass<T C::*> {
    using type = C;
};

// Calls `f` with the member pointer `member` holds when it is one of R's members;
// throws std::logic_error otherwise (a table naming no member, or another struct's).
template <class R, class F> void visit_member(const Member& member, F&& f) {
    std::visit(
        [&]<class M>(M m) {
            if constexpr (std::is_same_v<typename MemberClass<M>::type, R>) {
                f(m);
            } else {
                throw std::logic_error("records: a field without a member of its record");
            }
        },
        member);
}

struct Field {
    std::string_view key;    // JSON key in an export, an import and `--json`
    std::string_view column = {}; // column of the record's table; "" for emails and members
    Kind kind;
    // text kinds: at most this many bytes on import; `required`: not "" (nor null).
    std::size_t limit = 512;
    bool required = false;
    long long low = 0, high = 0;                    // integer kinds
    std::vector<std::string> (*choices)() = nullptr; // choice
    std::string_view refers_to = {};                // reference kinds: a table
    std::string_view folded_column = {};            // text also kept folded there (search)
    bool omitted_when_null = false;                 // left out of an export when null
    Member member = {};  // the struct member that holds it (none for a deletion's)
    // A reference's label: the member that holds the handle of the person it names
    // (read with it; a favour's `person`, an ask's `via`).
    Member label = {};
    bool edited = true; // an UPDATE of the row by a command writes it
    // Only for people:
    Fill fill = Fill::none;
    bool shown = true; // in `people show --json`
};

// One record type: its `type` in an export, the table that keeps it, its fields in
// the order an export writes them (and `import json` checks them).
struct RecordType {
    std::string_view type;
    std::string_view table;
    std::span<const Field> fields;
};

extern const RecordType person, interaction, favour, ask, deletion;

// The record type of an export's `type` ("person"…, "deleted"), or nullptr.
const RecordType* record_type(std::string_view type);

// The field of `record` with `key`, or nullptr.
const Field* field(const RecordType& record, std::string_view key);

} // namespace netlog::records
