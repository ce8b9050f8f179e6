// What `netlog import linkedin|vcard` does with each contact a reader hands on,
// short of the journal: the checks, the name and handle, the merge into a person.
#pragma once

#include "fuzz.hpp"

#include "cli/resolve.hpp"
#include "netlog/io.hpp"
#include "netlog/text.hpp"

#include <sstream>

namespace netlog::fuzz {

// Takes one contact as the import would. Throws Error(usage) where the import
// refuses it (the reader must let that through unharmed).
inline void take_contact(const Contact& c) {
    require(c.line >= 1, "a contact knows its line");
    require(!c.name.empty() && trim(c.name) == c.name, "a contact's name is trimmed, not empty");
    check_contact(c);
    std::string name = checked_name(c.name);
    require(is_valid_utf8(name), "a checked name is UTF-8");
    std::string handle = handle_base(name);
    require(handle.empty() || is_valid_handle(handle), "a handle base is a valid handle");
    if (c.added_on) {
        std::string added = format_date(*c.added_on);
        require(added.size() == 10 && parse_iso_date(added) == c.added_on,
                "a contact's date is a printable date");
    }
    for (const char* source : {"manual", "linkedin"}) {
        Person person;
        person.name = name;
        person.source = source;
        merge_contact(person, c);
        require(merge_contact(person, c).empty(), "merging the same contact twice changes nothing");
    }
}

// Runs a contacts reader over the input, taking each contact as the import would.
template <typename Reader>
void read_contacts(const std::uint8_t* data, std::size_t size, Reader read) {
    std::istringstream in(input_text(data, size));
    int taken = 0;
    try {
        ContactFileSummary summary = read(in, "fuzz", [&](const Contact& c) {
            take_contact(c);
            ++taken;
        });
        require(summary.contacts == taken, "the summary counts the contacts handed on");
        require(summary.ignored >= 0, "the summary's ignored count is not negative");
        require(summary.not_people >= 0, "the summary's not_people count is not negative");
        for (const auto& skip : summary.skipped) {
            require(skip.line >= 1 && !skip.reason.empty() && is_valid_utf8(skip.why),
                    "a skipped record has its line, a reason and a printable why");
        }
    } catch (const Error& e) {
        // Not the format at all (usage), or a file cut short inside a record (journal:
        // nothing of it is stored).
        if (e.kind() != ErrorKind::journal) {
            require_kind(e, ErrorKind::usage);
        }
    }
}

} // namespace netlog::fuzz
