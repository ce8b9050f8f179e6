// What an address-book import does to a person already in the journal.
#include "netlog/io.hpp"

#include "netlog/validate.hpp"

#include <algorithm>

namespace netlog {

std::vector<std::string> merge_contact(Person& person, const Contact& contact) {
    // The contact as a record of the same person: what it knows, and nothing to give
    // for what an address book does not hold (tier, added_on, tags…).
    Person from;
    from.tier = person.tier;
    from.added_on = person.added_on;
    if (!contact.emails.empty()) {
        from.email = contact.emails.front();
        from.emails = contact.emails;
    }
    from.company = contact.company;
    from.role = contact.role;
    from.url = contact.url;
    from.notes = contact.notes;
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
