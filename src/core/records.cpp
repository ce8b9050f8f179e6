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
    Field{.key = "uuid", .column = "uuid", .kind = Kind::uuid, .member = &Person::uuid,
          .edited = false},
    Field{.key = "handle", .column = "handle", .kind = Kind::handle, .required = true,
          .member = &Person::handle},
    Field{.key = "name", .column = "name", .kind = Kind::text, .required = true,
          .folded_column = "name_key", .member = &Person::name},
    Field{.key = "tier", .column = "tier", .kind = Kind::choice, .choices = tier_names,
          .member = &Person::tier, .fill = Fill::higher_tier},
    Field{.key = "cadence_days", .column = "cadence_days", .kind = Kind::optional_integer,
          .low = 1, .high = 36525, .member = &Person::cadence_days, .fill = Fill::if_missing},
    Field{.key = "introduced_by", .column = "introduced_by", .kind = Kind::optional_reference,
          .refers_to = "people", .member = &Person::introduced_by,
          .label = &Person::introduced_by_handle, .fill = Fill::introducer},
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
          .member = &Person::created_at, .edited = false},
    Field{.key = "updated_at", .column = "updated_at", .kind = Kind::timestamp,
          .member = &Person::updated_at},
};

constexpr std::array interaction_fields{
    Field{.key = "uuid", .column = "uuid", .kind = Kind::uuid, .member = &Interaction::uuid,
          .edited = false},
    Field{.key = "on", .column = "on_date", .kind = Kind::date, .member = &Interaction::on},
    Field{.key = "kind", .column = "kind", .kind = Kind::text, .required = true,
          .member = &Interaction::kind},
    Field{.key = "note", .column = "note", .kind = Kind::text, .limit = text_bytes,
          .member = &Interaction::note},
    Field{.key = "tags", .column = "tags", .kind = Kind::tags, .member = &Interaction::tags},
    Field{.key = "them", .column = "them", .kind = Kind::boolean, .member = &Interaction::them},
    // In interaction_members: person_ids written, people (handles) read.
    Field{.key = "people", .kind = Kind::members},
    // A captured one: "mail:<Message-ID>", "ical:<UID>…"; the calendar SEQUENCE (an
    // edit by hand makes it the user's: update_interaction() clears it).
    Field{.key = "source", .column = "source", .kind = Kind::optional_text, .limit = text_bytes,
          .member = &Interaction::source, .edited = false},
    Field{.key = "source_seq", .column = "source_seq", .kind = Kind::optional_integer, .low = 0,
          .high = 1LL << 31, .member = &Interaction::source_seq, .edited = false},
    Field{.key = "created_at", .column = "created_at", .kind = Kind::timestamp,
          .member = &Interaction::created_at, .edited = false},
    Field{.key = "updated_at", .column = "updated_at", .kind = Kind::timestamp,
          .member = &Interaction::updated_at},
};

constexpr std::array favour_fields{
    Field{.key = "uuid", .column = "uuid", .kind = Kind::uuid, .member = &Favour::uuid,
          .edited = false},
    Field{.key = "person", .column = "person_id", .kind = Kind::reference, .refers_to = "people",
          .member = &Favour::person_id, .label = &Favour::person, .edited = false},
    Field{.key = "direction", .column = "direction", .kind = Kind::choice,
          .choices = direction_names, .member = &Favour::direction},
    Field{.key = "weight", .column = "weight", .kind = Kind::integer, .low = 1,
          .high = max_weight, .member = &Favour::weight},
    Field{.key = "what", .column = "what", .kind = Kind::text, .limit = text_bytes,
          .member = &Favour::what},
    Field{.key = "on", .column = "on_date", .kind = Kind::date, .member = &Favour::on},
    Field{.key = "interaction", .column = "interaction_id", .kind = Kind::optional_reference,
          .refers_to = "interactions", .member = &Favour::interaction_id, .edited = false},
    Field{.key = "ask", .column = "ask_id", .kind = Kind::optional_reference,
          .refers_to = "asks", .member = &Favour::ask_id, .edited = false},
    Field{.key = "created_at", .column = "created_at", .kind = Kind::timestamp,
          .member = &Favour::created_at, .edited = false},
    Field{.key = "updated_at", .column = "updated_at", .kind = Kind::timestamp,
          .member = &Favour::updated_at},
};

constexpr std::array ask_fields{
    Field{.key = "uuid", .column = "uuid", .kind = Kind::uuid, .member = &Ask::uuid,
          .edited = false},
    Field{.key = "direction", .column = "direction", .kind = Kind::choice,
          .choices = ask_direction_names, .member = &Ask::direction, .edited = false},
    Field{.key = "person", .column = "person_id", .kind = Kind::reference, .refers_to = "people",
          .member = &Ask::person_id, .label = &Ask::person, .edited = false},
    Field{.key = "via", .column = "via", .kind = Kind::optional_reference, .refers_to = "people",
          .member = &Ask::via_id, .label = &Ask::via},
    Field{.key = "what", .column = "what", .kind = Kind::text, .limit = text_bytes,
          .required = true, .member = &Ask::what},
    Field{.key = "asked_on", .column = "asked_on", .kind = Kind::date, .member = &Ask::asked_on},
    Field{.key = "due_on", .column = "due_on", .kind = Kind::date, .member = &Ask::due_on},
    Field{.key = "by", .column = "by_on", .kind = Kind::optional_date, .member = &Ask::by},
    Field{.key = "status", .column = "status", .kind = Kind::choice, .choices = ask_status_names,
          .member = &Ask::status},
    Field{.key = "replied_on", .column = "replied_on", .kind = Kind::optional_date,
          .member = &Ask::replied_on},
    Field{.key = "closed_on", .column = "closed_on", .kind = Kind::optional_date,
          .member = &Ask::closed_on},
    Field{.key = "note", .column = "note", .kind = Kind::text, .limit = text_bytes,
          .member = &Ask::note},
    Field{.key = "nudged_on", .column = "nudged_on", .kind = Kind::dates,
          .member = &Ask::nudged_on},
    // A reply owed from mail: "mail-ask:<Message-ID>".
    Field{.key = "source", .column = "source", .kind = Kind::optional_text, .limit = text_bytes,
          .member = &Ask::source, .edited = false},
    Field{.key = "created_at", .column = "created_at", .kind = Kind::timestamp,
          .member = &Ask::created_at, .edited = false},
    Field{.key = "updated_at", .column = "updated_at", .kind = Kind::timestamp,
          .member = &Ask::updated_at},
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
