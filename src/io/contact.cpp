// What an address-book import does to a person already in the journal.
#include "netlog/io.hpp"

#include "netlog/validate.hpp"

#include <algorithm>

namespace netlog {

void take_contact_fields(Person& person, const Contact& contact) {
    if (!contact.emails.empty()) {
        person.email = contact.emails.front();
        person.emails = contact.emails;
    }
    person.company = contact.company;
    person.role = contact.role;
    person.url = contact.url;
    person.notes = contact.notes;
}

std::vector<std::string> merge_contact(Person& person, const Contact& contact) {
    // The contact as a record of the same person: what it knows, and nothing to give
    // for what an address book does not hold (tier, added_on, tags…).
    Person from;
    from.tier = person.tier;
    from.added_on = person.added_on;
    take_contact_fields(from, contact);
    // A person entered by hand keeps what the user typed; an imported one follows
    // its source, which knows their current job better than we do.
    return fill_person(person, from,
                       person.source != "manual" ? FillMode::follow_source : FillMode::fill_empty);
}

void check_contact(const Contact& contact) {
    check_text("name", contact.name, TextRule::required, max_field_bytes);
    for (const auto& email : contact.emails) {
        check_email("email", email);
    }
    for (auto [field, value] : {std::pair{"company", &contact.company},
                                std::pair{"role", &contact.role}, std::pair{"url", &contact.url}}) {
        if (*value) {
            check_field(field, **value, TextRule::optional);
        }
    }
    if (contact.notes) {
        check_text("notes", *contact.notes, TextRule::optional);
    }
}

} // namespace netlog
