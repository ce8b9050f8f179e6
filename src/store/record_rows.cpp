#include "record_rows.hpp"

#include "netlog/text.hpp"

#include <fmt/format.h>

namespace netlog::store {

std::string record_columns(const records::RecordType& type, std::string_view alias,
                           std::string_view updated_at, Reading reading,
                           std::string_view members) {
    const bool exporting = reading == Reading::export_;
    std::string columns;
    auto add = [&](std::string_view column) {
        columns += columns.empty() ? "" : ", ";
        columns += column;
    };
    for (const records::Field& field : type.fields) {
        const bool reference = field.kind == records::Kind::reference ||
                               field.kind == records::Kind::optional_reference;
        if (field.kind == records::Kind::members) {
            if (exporting) {
                add(members);
            }
        } else if (field.kind == records::Kind::emails) {
            add(emails_column); // over `people p`
        } else if (reference && exporting) {
            add(fmt::format("(SELECT x.uuid FROM {} x WHERE x.id = {}.{})", field.refers_to, alias,
                            field.column));
        } else if (field.key == "updated_at" && !updated_at.empty()) {
            add(updated_at);
        } else {
            add(fmt::format("{}.{}", alias, field.column));
        }
        if (!exporting && !std::holds_alternative<std::monostate>(field.label)) {
            add(fmt::format("(SELECT handle FROM people x WHERE x.id = {}.{})", alias,
                            field.column));
        }
    }
    return columns;
}

std::string record_insert(const records::RecordType& type, std::string_view id) {
    std::string names, marks;
    for (const records::Field& field : type.fields) {
        for (std::string_view column : {field.column, field.folded_column}) {
            if (!column.empty()) {
                names += fmt::format("{}{}", names.empty() ? "" : ", ", column);
                marks += marks.empty() ? "?" : ", ?";
            }
        }
    }
    return fmt::format("INSERT INTO {} ({}, id) VALUES ({}, {})", type.table, names, marks, id);
}

std::string record_update(const records::RecordType& type, Columns columns,
                          std::string_view also) {
    std::string sets;
    for (const records::Field& field : type.fields) {
        if (columns == Columns::edited && !field.edited) {
            continue;
        }
        for (std::string_view column : {field.column, field.folded_column}) {
            if (!column.empty()) {
                sets += fmt::format("{}{} = ?", sets.empty() ? "" : ", ", column);
            }
        }
    }
    return fmt::format("UPDATE {} SET {}{}{} WHERE id = ?", type.table, sets,
                       also.empty() ? "" : ", ", also);
}

void read_value(const SQLite::Column& column, std::string& value) { value = column.getString(); }
void read_value(const SQLite::Column& column, std::optional<std::string>& value) {
    value = optional_text(column);
}
void read_value(const SQLite::Column& column, std::optional<int>& value) {
    value = column.isNull() ? std::nullopt : std::optional(column.getInt());
}
void read_value(const SQLite::Column& column, std::optional<std::int64_t>& value) {
    value = column.isNull() ? std::nullopt : std::optional(column.getInt64());
}
void read_value(const SQLite::Column& column, std::int64_t& value) { value = column.getInt64(); }
void read_value(const SQLite::Column& column, int& value) { value = column.getInt(); }
void read_value(const SQLite::Column& column, bool& value) { value = column.getInt() != 0; }
void read_value(const SQLite::Column& column, Date& value) { value = date_column(column); }
void read_value(const SQLite::Column& column, std::optional<Date>& value) {
    value = optional_date(column);
}
void read_value(const SQLite::Column& column, std::vector<std::string>& value) {
    value = tags_from_json(column.getString());
}
void read_value(const SQLite::Column& column, std::vector<Date>& value) {
    value = dates_from_json(column.getString());
}
void read_value(const SQLite::Column& column, Tier& value) {
    value = parse_tier(column.getString()).value_or(Tier::none);
}
void read_value(const SQLite::Column& column, Direction& value) {
    value = column.getString() == "got" ? Direction::got : Direction::gave;
}
void read_value(const SQLite::Column& column, AskDirection& value) {
    value = column.getString() == "in" ? AskDirection::in : AskDirection::out;
}
void read_value(const SQLite::Column& column, AskStatus& value) {
    // The schema's CHECK allows no other.
    value = parse_ask_status(column.getString()).value_or(AskStatus::open);
}

void bind_value(SQLite::Statement& st, int index, const std::string& value) {
    st.bind(index, value);
}
void bind_value(SQLite::Statement& st, int index, const std::optional<std::string>& value) {
    bind_optional(st, index, value);
}
void bind_value(SQLite::Statement& st, int index, const std::optional<int>& value) {
    if (value) {
        st.bind(index, *value);
    } else {
        st.bind(index);
    }
}
void bind_value(SQLite::Statement& st, int index, const std::optional<std::int64_t>& value) {
    bind_optional(st, index, value);
}
void bind_value(SQLite::Statement& st, int index, std::int64_t value) { st.bind(index, value); }
void bind_value(SQLite::Statement& st, int index, int value) { st.bind(index, value); }
void bind_value(SQLite::Statement& st, int index, bool value) { st.bind(index, value ? 1 : 0); }
void bind_value(SQLite::Statement& st, int index, const Date& value) {
    st.bind(index, format_date(value));
}
void bind_value(SQLite::Statement& st, int index, const std::optional<Date>& value) {
    bind_optional(st, index, value);
}
void bind_value(SQLite::Statement& st, int index, const std::vector<std::string>& value) {
    st.bind(index, tags_to_json(value));
}
void bind_value(SQLite::Statement& st, int index, const std::vector<Date>& value) {
    st.bind(index, dates_to_json(value));
}
void bind_value(SQLite::Statement& st, int index, Tier value) {
    st.bind(index, std::string(to_string(value)));
}
void bind_value(SQLite::Statement& st, int index, Direction value) {
    st.bind(index, std::string(to_string(value)));
}
void bind_value(SQLite::Statement& st, int index, AskDirection value) {
    st.bind(index, std::string(to_string(value)));
}
void bind_value(SQLite::Statement& st, int index, AskStatus value) {
    st.bind(index, std::string(to_string(value)));
}

} // namespace netlog::store
