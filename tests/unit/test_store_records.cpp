// Every field of every record, as records.hpp names them, survives `export` and
// `import json` into a scratch journal: the person's read back member by member, the
// entries' by what a second export writes. A field the table names but one path
// leaves out (the reader, the INSERT, the export, the import's checks or merge) fails.
#include "netlog/io.hpp"
#include "netlog/records.hpp"
#include "temp_journal.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <sstream>
#include <type_traits>

using namespace netlog;
using netlog::testing::iso;
using netlog::testing::TempJournal;
using Json = nlohmann::ordered_json;

namespace {

constexpr const char* now = "2026-11-26T06:09:08.123Z";

// A value for `field` of `p` that no default has, from its kind and member's type:
// a field added to records::person gets one without this test changing.
void set_field(Person& p, const records::Field& field, std::int64_t introducer) {
    using records::Kind;
    const std::string key(field.key);
    switch (field.kind) {
    case Kind::uuid:
    case Kind::timestamp:
        return; // the journal's own
    case Kind::emails:
        p.emails = {"every@example.org", "second@example.org"};
        return;
    case Kind::handle:
        p.handle = "every-field";
        return;
    default:
        break;
    }
    if (!std::holds_alternative<std::monostate>(field.label)) {
        // The person `introducer` is, by handle, as the journal reads it back.
        records::visit_member<Person>(field.label, [&](auto m) {
            if constexpr (std::is_same_v<std::remove_cvref_t<decltype(p.*m)>, std::string>) {
                p.*m = "intro";
            }
        });
    }
    records::visit_member<Person>(
        field.member, [&](auto m) {
            {
                using T = std::remove_cvref_t<decltype(p.*m)>;
                if constexpr (std::is_same_v<T, std::string>) {
                    p.*m = key + " value";
                } else if constexpr (std::is_same_v<T, std::optional<std::string>>) {
                    p.*m = key == "email" ? "every@example.org" : key + " value";
                } else if constexpr (std::is_same_v<T, std::optional<int>>) {
                    p.*m = 42;
                } else if constexpr (std::is_same_v<T, std::optional<std::int64_t>>) {
                    p.*m = introducer;
                } else if constexpr (std::is_same_v<T, Date>) {
                    p.*m = iso("2025-02-03");
                } else if constexpr (std::is_same_v<T, std::optional<Date>>) {
                    p.*m = iso("2027-01-02");
                } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
                    p.*m = {key + "-1", key + "-2"};
                } else if constexpr (std::is_same_v<T, Tier>) {
                    p.*m = Tier::inner;
                } else {
                    static_assert(!sizeof(T), "a member type this test gives no value");
                }
            }
        });
}

// One value as text, to compare and to show.
template <class T> std::string value_text(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) {
        return v;
    } else if constexpr (std::is_enum_v<T>) {
        return std::string(to_string(v));
    } else if constexpr (std::is_same_v<T, Date>) {
        return format_date(v);
    } else if constexpr (std::is_same_v<T, bool>) {
        return v ? "true" : "false";
    } else if constexpr (std::is_integral_v<T>) {
        return std::to_string(v);
    } else if constexpr (requires { v.has_value(); }) {
        return v ? value_text(*v) : "null";
    } else {
        std::string list;
        for (const auto& item : v) {
            list += value_text(item) + ";";
        }
        return "[" + list + "]";
    }
}

// Field `field` of `r` as text; a reference by the handle it names (ids are each
// journal's own).
template <class R> std::string field_text(const R& r, const records::Field& field) {
    std::string text;
    const bool labelled = !std::holds_alternative<std::monostate>(field.label);
    records::visit_member<R>(labelled ? field.label : field.member,
                             [&](auto m) { text = value_text(r.*m); });
    return text;
}

// Every field of `theirs` (read back from the importing journal) and `mine` (from the
// exporting one) is `set`'s (but the journal's own uuid and stamps, and ids), and not
// a default: the test set it, and no path lost it.
template <class R>
void check_fields(const records::RecordType& type, const R& set, const R& mine, const R& theirs) {
    for (const records::Field& field : type.fields) {
        if (field.kind == records::Kind::members || field.kind == records::Kind::emails) {
            continue; // not a member of its own (an interaction's people: in the export)
        }
        CAPTURE(type.type);
        CAPTURE(field.key);
        const bool own = field.kind == records::Kind::uuid || field.kind == records::Kind::timestamp;
        CHECK(field_text(mine, field) == field_text(own ? mine : set, field));
        CHECK(field_text(theirs, field) == field_text(mine, field));
        CHECK(field_text(mine, field) != field_text(R{}, field));
    }
}

// The journal's export, its lines after the header, by type then uuid.
std::map<std::string, std::string> export_lines(Journal& journal) {
    std::map<std::string, std::string> lines;
    journal.sync().export_records([&](std::span<const ExportField> fields) {
        std::string line;
        append_export_line(line, fields);
        const auto record = Json::parse(line);
        lines[record["type"].get<std::string>() + " " + record["uuid"].get<std::string>()] = line;
    });
    return lines;
}

// Imports `lines` (an export's records) into `journal` as `import json` does.
void import_lines(Journal& journal, const std::map<std::string, std::string>& lines) {
    std::string text = export_header(schema_version, now).dump() + "\n";
    for (const auto& kind : {"person ", "ask ", "interaction ", "favour ", "deleted "}) {
        for (const auto& [key, line] : lines) {
            if (key.starts_with(kind)) {
                text += line; // append_export_line ends it with "\n"
            }
        }
    }
    std::istringstream in(text);
    Journal::WriteTransaction tx(journal);
    ExportReader reader(in, "export.jsonl", schema_version, now);
    JournalSync::Merge merge(journal);
    while (auto record = reader.next()) {
        CAPTURE(record->dump());
        CHECK(merge.apply(*record) == JournalSync::Merge::Outcome::added);
    }
    merge.finish();
    tx.commit();
}

} // namespace

TEST_CASE("every field of every record comes back from export and import json") {
    TempJournal a;
    a.journal->set_clock(now);
    Person p;
    Interaction in;
    Ask ask;
    Favour favour;
    {
        Journal::WriteTransaction tx(*a.journal);
        const std::int64_t introducer = a.add_person("intro");
        for (const records::Field& field : records::person.fields) {
            set_field(p, field, introducer);
        }
        a.journal->people().add_person(p);

        in.on = iso("2026-11-20");
        in.kind = "coffee";
        in.note = "a note";
        in.tags = {"x", "y"};
        in.them = true;
        in.source = "mail:<id@example.org>";
        in.source_seq = 3;
        in.person_ids = {p.id, introducer};
        a.journal->entries().add_interaction(in);

        ask.direction = AskDirection::in;
        ask.person_id = p.id;
        ask.via_id = introducer;
        ask.what = "an intro";
        ask.asked_on = iso("2026-11-01");
        ask.due_on = iso("2026-11-08");
        ask.by = iso("2026-11-30");
        ask.status = AskStatus::done;
        ask.replied_on = iso("2026-11-03");
        ask.closed_on = iso("2026-11-05");
        ask.note = "thanks";
        ask.nudged_on = {iso("2026-11-02")};
        ask.source = "mail-ask:<q@example.org>";
        a.journal->entries().add_ask(ask);

        favour.person_id = p.id;
        favour.direction = Direction::got;
        favour.weight = 3;
        favour.what = "a favour";
        favour.on = iso("2026-11-20");
        favour.interaction_id = in.id;
        favour.ask_id = ask.id;
        a.journal->entries().add_favour(favour);
        // As the journal reads them back: the handles of whom they name.
        favour.person = ask.person = "every-field";
        ask.via = "intro";

        a.add_person("gone");
        a.journal->people().remove_person(a.journal->people().person_by_handle("gone")->id);
        a.add_person("twin");
        a.journal->people().merge_person(a.journal->people().person_by_handle("twin")->id, introducer);
        tx.commit();
    }
    const auto exported = export_lines(*a.journal);
    std::map<std::string, int> types;
    for (const auto& [key, line] : exported) {
        const Json record = Json::parse(line);
        ++types[record["type"].get<std::string>()];
        // Every field of the type's table is written, and nothing else but "type".
        const records::RecordType* type = records::record_type(record["type"].get<std::string>());
        REQUIRE(type);
        for (const records::Field& field : type->fields) {
            CAPTURE(line);
            CHECK((record.contains(field.key) || field.omitted_when_null));
        }
    }
    CHECK(types == std::map<std::string, int>{
                       {"person", 2}, {"interaction", 1}, {"ask", 1}, {"favour", 1}, {"deleted", 2}});

    TempJournal b;
    b.journal->set_clock("2026-11-27T00:00:00.000Z");
    import_lines(*b.journal, exported);

    SUBCASE("a person's every field, as it was set") {
        const auto mine = a.journal->people().person_by_handle("every-field");
        const auto theirs = b.journal->people().person_by_handle("every-field");
        REQUIRE(mine);
        REQUIRE(theirs);
        check_fields(records::person, p, *mine, *theirs);
        CHECK(field_text(*theirs, *records::field(records::person, "emails")) ==
              field_text(p, *records::field(records::person, "emails")));
    }
    SUBCASE("every field of an interaction, an ask and a favour, as it was set") {
        const auto in_b = b.journal->entries().recent_interactions(std::nullopt, std::nullopt, 10);
        REQUIRE(in_b.size() == 1);
        check_fields(records::interaction, in, *a.journal->entries().interaction_by_id(in.id), in_b.front());
        const auto asks_b = b.journal->entries().list_asks({});
        REQUIRE(asks_b.size() == 1);
        check_fields(records::ask, ask, *a.journal->entries().ask_by_id(ask.id), asks_b.front());
        const auto favours_b = in_b.front().favours;
        REQUIRE(favours_b.size() == 1);
        check_fields(records::favour, favour, *a.journal->entries().favour_by_id(favour.id),
                     favours_b.front());
    }
    SUBCASE("the entries and deletions, as a second export writes them") {
        CHECK(export_lines(*b.journal) == exported);
    }
}
