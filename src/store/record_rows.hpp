// A record's row, built from its table in netlog/records.hpp: the columns a SELECT
// reads, the INSERT and UPDATE, and the reading and binding of each field by the type
// of the struct member that holds it. people.cpp and entries.cpp read and write every
// record through these; a field added to a table is read and written with no change here.
#pragma once

#include "impl.hpp"

#include "netlog/records.hpp"
#include "netlog/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <string_view>

namespace netlog::store {

// What a SELECT of record_columns() is for.
enum class Reading {
    row,    // read_record(): a reference as its id, and the handle of the person it
            // names when it has a `label`; nothing for an interaction's members
    export_ // `export`: a reference as the uuid of what it names; the members as given
};

// The columns of `type`'s fields from its table as `alias`, in the table's order; a
// person's addresses as a JSON list (over `people p`); `updated_at`, when given,
// instead of that column; `members`, for Reading::export_, an interaction's people.
std::string record_columns(const records::RecordType& type, std::string_view alias,
                           std::string_view updated_at = {}, Reading reading = Reading::row,
                           std::string_view members = {});

// INSERT of every field with a column (and its folded column), the row's id given by
// `id` (SQL: past the ids ever used).
std::string record_insert(const records::RecordType& type, std::string_view id);
// Which columns an UPDATE writes.
enum class Columns {
    edited, // those an edit writes (`edited`); updated_at is the write's time
    every,  // every one, as record_insert() (`import json`: a newer version of the row)
};
// UPDATE … WHERE id = the last parameter. `also`: more to SET, as SQL.
std::string record_update(const records::RecordType& type, Columns columns = Columns::edited,
                          std::string_view also = {});

// One value as the journal keeps it.
void read_value(const SQLite::Column& column, std::string& value);
void read_value(const SQLite::Column& column, std::optional<std::string>& value);
void read_value(const SQLite::Column& column, std::optional<int>& value);
void read_value(const SQLite::Column& column, std::optional<std::int64_t>& value);
void read_value(const SQLite::Column& column, std::int64_t& value);
void read_value(const SQLite::Column& column, int& value);
void read_value(const SQLite::Column& column, bool& value);
void read_value(const SQLite::Column& column, Date& value);
void read_value(const SQLite::Column& column, std::optional<Date>& value);
void read_value(const SQLite::Column& column, std::vector<std::string>& value);
void read_value(const SQLite::Column& column, std::vector<Date>& value);
void read_value(const SQLite::Column& column, Tier& value);
void read_value(const SQLite::Column& column, Direction& value);
void read_value(const SQLite::Column& column, AskDirection& value);
void read_value(const SQLite::Column& column, AskStatus& value);

void bind_value(SQLite::Statement& st, int index, const std::string& value);
void bind_value(SQLite::Statement& st, int index, const std::optional<std::string>& value);
void bind_value(SQLite::Statement& st, int index, const std::optional<int>& value);
void bind_value(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value);
void bind_value(SQLite::Statement& st, int index, std::int64_t value);
void bind_value(SQLite::Statement& st, int index, int value);
void bind_value(SQLite::Statement& st, int index, bool value);
void bind_value(SQLite::Statement& st, int index, const Date& value);
void bind_value(SQLite::Statement& st, int index, const std::optional<Date>& value);
void bind_value(SQLite::Statement& st, int index, const std::vector<std::string>& value);
void bind_value(SQLite::Statement& st, int index, const std::vector<Date>& value);
void bind_value(SQLite::Statement& st, int index, Tier value);
void bind_value(SQLite::Statement& st, int index, Direction value);
void bind_value(SQLite::Statement& st, int index, AskDirection value);
void bind_value(SQLite::Statement& st, int index, AskStatus value);

// Reads the columns record_columns() made, from column `c` on, into `record`; returns
// the index of the column after them.
template <class R>
int read_record(SQLite::Statement& st, const records::RecordType& type, R& record, int c = 0) {
    for (const records::Field& field : type.fields) {
        if (field.kind == records::Kind::members) {
            continue; // not a column
        }
        records::visit_member<R>(field.member,
                                 [&](auto m) { read_value(st.getColumn(c), record.*m); });
        ++c;
        if (!std::holds_alternative<std::monostate>(field.label)) {
            records::visit_member<R>(field.label,
                                     [&](auto m) { read_value(st.getColumn(c), record.*m); });
            ++c;
        }
    }
    return c;
}

// Binds `record` to the parameters of record_insert() (`update`: record_update(), but
// its id); `now`: the updated_at of an UPDATE. Returns the next parameter's index.
template <class R>
int bind_record(SQLite::Statement& st, const records::RecordType& type, const R& record,
                bool update, const std::string& now) {
    int i = 1;
    for (const records::Field& field : type.fields) {
        if (field.column.empty() || (update && !field.edited)) {
            continue;
        }
        if (update && field.key == "updated_at") {
            st.bind(i++, now);
            continue;
        }
        records::visit_member<R>(field.member, [&](auto m) {
            bind_value(st, i++, record.*m);
            if (!field.folded_column.empty()) {
                if constexpr (std::is_same_v<std::remove_cvref_t<decltype(record.*m)>,
                                             std::string>) {
                    st.bind(i++, fold(record.*m));
                }
            }
        });
    }
    return i;
}

} // namespace netlog::store
