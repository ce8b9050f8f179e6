// What an address-book import does to a person already in the journal.
#include "netlog/io.hpp"

#include "netlog/validate.hpp"

#include <algorithm>

namespace netlog {

std::vector<std::string> merge_contact(Person& person, const Contact& contact) {
    std::vector<std::string> changed;
    // A person entered by hand keeps what the user typed; an imported one follows
    // its source, which knows their current job better than we do.
    const bool follows_source = person.source != "manual";
    auto take = [&](const char* field, std::optional<std::string>& target,
                    const std::optional<std::string>& incoming, bool update) {
        if (!incoming || incoming->empty() || target == incoming) {
            return;
        }
        if (!target || target->empty() || update) {
            target = incoming;
            changed.emplace_back(field);
        }
    };
    if (!contact.emails.empty()) {
        const auto before = email_list(person);
        // Someone with several addresses keeps the primary they have, if it is still theirs.
        bool still_theirs = person.email && std::find(contact.emails.begin(), contact.emails.end(),
                                                      *person.email) != contact.emails.end();
        take("email", person.email, contact.emails.front(), follows_source && !still_theirs);
        // Every other address of the contact is kept too, after theirs.
        person.emails = before;
        person.emails.insert(person.emails.end(), contact.emails.begin(), contact.emails.end());
        person.emails = email_list(person);
        if (person.emails != before && (changed.empty() || changed.back() != "email")) {
            changed.emplace_back("emails");
        }
    }
    take("company", person.company, contact.company, follows_source);
    take("role", person.role, contact.role, follows_source);
    take("url", person.url, contact.url, false);
    take("notes", person.notes, contact.notes, false);
    return changed;
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
