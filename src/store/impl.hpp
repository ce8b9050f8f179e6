// What the store's files share: the open database and small row helpers.
#pragma once

#include "netlog/journal.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <string>
#include <vector>

namespace netlog {

struct Journal::Impl {
    std::filesystem::path path;
    SQLite::Database db;

    Impl(std::filesystem::path p, int flags, int busy_timeout_ms)
        : path(std::move(p)), db(path.string(), flags, busy_timeout_ms) {}
};

namespace store {

// SQL of every schema version, in order: migrations[v] takes a journal from
// version v to v + 1. Never edit a released entry; append a new one.
const std::vector<std::string>& migrations();

// SQL that recomputes every maintained total (interactions, reached_me,
// last_interaction, last_contact, gave, got, since) of the people matched by `where`,
// exactly as the triggers keep them: for bulk writes made with the triggers dropped.
std::string refresh_totals(const std::string& where);

// Column reading that keeps NULL apart from "" (SQLiteCpp's getText() does not).
std::optional<std::string> optional_text(const SQLite::Column& column);
std::optional<Date> optional_date(const SQLite::Column& column);
Date date_column(const SQLite::Column& column);

// Binding that writes NULL for nullopt.
void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::string>& value);
void bind_optional(SQLite::Statement& statement, int index, const std::optional<Date>& value);
void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& value);

// Tags are stored as a JSON array of strings.
std::string tags_to_json(const std::vector<std::string>& tags);
std::vector<std::string> tags_from_json(const std::string& json);

// Records that the row with `uuid` was deleted, for export and merges.
void record_deletion(SQLite::Database& db, const std::string& type, const std::string& uuid);

} // namespace store
} // namespace netlog
