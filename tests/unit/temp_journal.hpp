// A fresh journal in a temporary folder for one test, removed at its end, with
// shortcuts to fill it (test_core_ledger.cpp, test_core_audit.cpp).
#pragma once

#include "netlog/journal.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace netlog::testing {

inline Date iso(const char* text) {
    const auto d = parse_iso_date(text);
    REQUIRE_MESSAGE(d.has_value(), text);
    return *d;
}

struct TempJournal {
    std::filesystem::path dir;
    std::optional<Journal> journal;

    TempJournal() {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "netlog-unit-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
        journal = Journal::open(dir / "journal.db", Journal::Mode::write);
    }
    ~TempJournal() {
        journal.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    TempJournal(const TempJournal&) = delete;
    TempJournal& operator=(const TempJournal&) = delete;

    std::int64_t add_person(const char* handle, const char* added_on = "2026-01-01") {
        Person p;
        p.handle = handle;
        p.name = handle;
        p.added_on = iso(added_on);
        journal->people().add_person(p);
        return p.id;
    }
    std::int64_t add_favour(std::int64_t person_id, Direction direction, int weight, const char* on) {
        Favour f;
        f.person_id = person_id;
        f.direction = direction;
        f.weight = weight;
        f.on = iso(on);
        journal->entries().add_favour(f);
        return f.id;
    }
    std::int64_t add_interaction(const char* on, std::vector<std::int64_t> people) {
        Interaction in;
        in.on = iso(on);
        in.note = "met";
        in.person_ids = std::move(people);
        journal->entries().add_interaction(in);
        return in.id;
    }
    std::int64_t add_ask(std::int64_t person_id, AskDirection direction, const char* asked_on,
                         std::optional<std::int64_t> via = std::nullopt) {
        Ask a;
        a.person_id = person_id;
        a.direction = direction;
        a.what = "Review section 2";
        a.asked_on = iso(asked_on);
        a.due_on = add_days(a.asked_on, 7);
        a.via_id = via;
        journal->entries().add_ask(a);
        return a.id;
    }
    Person get(std::int64_t id) { return *journal->people().person_by_id(id); }
};

} // namespace netlog::testing
