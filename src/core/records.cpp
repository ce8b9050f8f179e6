// The one table of each record's fields (netlog/records.hpp).
#include "netlog/records.hpp"

#include "netlog/validate.hpp"

#include <array>

namespace netlog::records {
namespace {

std::vector<std::string> direction_names() { return {"gave", "got"}; }
std::vector<std::string> ask_direction_names() { return {"in", "out"}; }
std::vector<std::string> deleted_type_names() { return {"person", "interaction", "favour", "ask"}; }

constexpr std::size_t field_bytes = max_field_bytes;
constexpr std::size_t text_bytes = max_text_bytes;

// In the order an export writes them. A person's `emails` sits beside `email`; the
// maintained totals (interactions, gave…) are not fields: nothing writes them but the
// journal itself.
constexpr std::array person_fields{
    Field{.key = "uuid", .column = "uuid", .kind = Kind::uuid, .member = &Person::uuid},
    Field{.key = "handle", .column = "handle", .kind = Kind::handle, .required = true,
          .member = &Person::handle},
    Field{.key = "name", .column = "name", .kind = Kind::text, .required = true,
          .folded_column = "name_key", .member = &Person::name},
    Field{.key = "tier", .column = "tier", .kind = Kind::choice, .choices = tier_names,
          .member = &Person::tier, .fill = Fill::higher_tier},
    Field{.key = "cadence_days", .column = "cadence_days", .kind = Kind::optional_integer,
          .low = 1, .high = 36525, .member = &Person::cadence_days, .fill = Fill::if_missing},
    Field{.key = "introduced_by", .column = "introduced_by", .kind = Kind::optional_reference,
          .refers_to = "people", .member = &Person::introduced_by, .fill = Fill::introducer},
    Field{.key = "source", .column = "source", .kind = Kind::text, .required = true,
          .member = &Person::source},
    Field{.key = "email", .column = "email", .kind = Kind::optional_text,
          .member = &Person::email, .fill = Fill::primary_email},
    Field{.key = "emails", .kind = Kind::emails, .member = &Person::emails},
    Field{.key = "company", .column = "company", .kind = Kind::optional_text,
          .member = &Person::company, .fill = Fill::newer_text},
    Field{.key = "role", .column = "role", .kind = Kind::optional_text, .member = &Person::role,
          .fill = Fill::newer_text},
    Field{.key = "url", .column = "url", .kind = Kind::optional_text, .member = &Person::url,
          .fill = Fill::text},
    Field{.key = "notes", .column = "notes", .kind = Kind::optional_text, .limit = text_bytes,
          .member = &Person::notes, .fill = Fill::text},
    Field{.key = "tags", .column = "tags", .kind = Kind::tags, .member = &Person::tags,
          .fill = Fill::joined},
    Field{.key = "added_on", .column = "added_on", .kind = Kind::date,
          .member = &Person::added_on, .fill = Fill::earlier},
    Field{.key = "snooze_until", .column = "snooze_until", .kind = Kind::optional_date,
          .member = &Person::snooze_until, .fill = Fill::if_missing},
    // What an import matches them by: "vcard:UID", "linkedin:URL" (a UID may be long).
    Field{.key = "external_id", .column = "external_id", .kind = Kind::optional_text,
          .limit = text_bytes, .member = &Person::external_id, .fill = Fill::if_missing,
          .shown = false},
    Field{.key = "created_at", .column = "created_at", .kind = Kind::timestamp,
          .member = &Person::created_at},
    Field{.key = "updated_at", .column = "updated_at", .kind = Kind::timestamp,
          .member = &Person::updated_at},
};

constexpr std::array interaction_fields{
    Field{.key = "uuid", .column = "uuid", .kind = Kind::uuid},
    Field{.key = "on", .column = "on_date", .kind = Kind::date},
    Field{.key = "kind", .column = "kind", .kind = Kind::text, .required = true},
    Field{.key = "note", .column = "note", .kind = Kind::text, .limit = text_bytes},
    Field{.key = "tags", .column = "tags", .kind = Kind::tags},
    Field{.key = "them", .column = "them", .kind = Kind::boolean},
    Field{.key = "people", .kind = Kind::members},
    // A captured one: "mail:<Message-ID>", "ical:<UID>…"; the calendar SEQUENCE.
    Field{.key = "source", .column = "source", .kind = Kind::optional_text, .limit = text_bytes},
    Field{.key = "source_seq", .column = "source_seq", .kind = Kind::optional_integer, .low = 0,
          .high = 1LL << 31},
    Field{.key = "created_at", .column = "created_at", .kind = Kind::timestamp},
    Field{.key = "updated_at", .column = "updated_at", .kind = Kind::timestamp},
};

constexpr std::array favour_fields{
    Field{.key = "uuid", .column = "uuid", .kind = Kind::uuid},
    Field{.key = "person", .column = "person_id", .kind = Kind::reference, .refers_to = "people"},
    Field{.key = "direction", .column = "direction", .kind = Kind::choice,
          .choices = direction_names},
    Field{.key = "weight", .column = "weight", .kind = Kind::integer, .low = 1,
          .high = max_weight},
    Field{.key = "what", .column = "what", .kind = Kind::text, .limit = text_bytes},
    Field{.key = "on", .column = "on_date", .kind = Kind::date},
    Field{.key = "interaction", .column = "interaction_id", .kind = Kind::optional_reference,
          .refers_to = "interactions"},
    Field{.key = "ask", .column = "ask_id", .kind = Kind::optional_reference,
          .refers_to = "asks"},
    Field{.key = "created_at", .column = "created_at", .kind = Kind::timestamp},
    Field{.key = "updated_at", .column = "updated_at", .kind = Kind::timestamp},
};

constexpr std::array ask_fields{
    Field{.key = "uuid", .column = "uuid", .kind = Kind::uuid},
    Field{.key = "direction", .column = "direction", .kind = Kind::choice,
          .choices = ask_direction_names},
    Field{.key = "person", .column = "person_id", .kind = Kind::reference, .refers_to = "people"},
    Field{.key = "via", .column = "via", .kind = Kind::optional_reference, .refers_to = "people"},
    Field{.key = "what", .column = "what", .kind = Kind::text, .limit = text_bytes,
          .required = true},
    Field{.key = "asked_on", .column = "asked_on", .kind = Kind::date},
    Field{.key = "due_on", .column = "due_on", .kind = Kind::date},
    Field{.key = "by", .column = "by_on", .kind = Kind::optional_date},
    Field{.key = "status", .column = "status", .kind = Kind::choice, .choices = ask_status_names},
    Field{.key = "replied_on", .column = "replied_on", .kind = Kind::optional_date},
    Field{.key = "closed_on", .column = "closed_on", .kind = Kind::optional_date},
    Field{.key = "note", .column = "note", .kind = Kind::text, .limit = text_bytes},
    Field{.key = "nudged_on", .column = "nudged_on", .kind = Kind::dates},
    // A reply owed from mail: "mail-ask:<Message-ID>".
    Field{.key = "source", .column = "source", .kind = Kind::optional_text, .limit = text_bytes},
    Field{.key = "created_at", .column = "created_at", .kind = Kind::timestamp},
    Field{.key = "updated_at", .column = "updated_at", .kind = Kind::timestamp},
};

// A record's deletion; `merged_into`: the person a `people merge` folded them into
// (written only then).
constexpr std::array deletion_fields{
    Field{.key = "uuid", .column = "uuid", .kind = Kind::uuid},
    Field{.key = "deleted_type", .column = "type", .kind = Kind::choice,
          .choices = deleted_type_names},
    Field{.key = "deleted_at", .column = "deleted_at", .kind = Kind::timestamp},
    Field{.key = "merged_into", .column = "merged_into", .kind = Kind::optional_text,
          .omitted_when_null = true},
};

} // namespace

constinit const RecordType person{"person", "people", person_fields};
constinit const RecordType interaction{"interaction", "interactions", interaction_fields};
constinit const RecordType favour{"favour", "favours", favour_fields};
constinit const RecordType ask{"ask", "asks", ask_fields};
constinit const RecordType deletion{"deleted", "deleted", deletion_fields};

const RecordType* record_type(std::string_view type) {
    for (const RecordType* r : {&person, &interaction, &favour, &ask, &deletion}) {
        if (r->type == type) {
            return r;
        }
    }
    return nullptr;
}

const Field* field(const RecordType& record, std::string_view key) {
    for (const Field& f : record.fields) {
        if (f.key == key) {
            return &f;
        }
    }
    return nullptr;
}

} // namespace netlog::records
