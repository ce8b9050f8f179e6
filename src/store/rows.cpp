#include "impl.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace netlog::store {

Rows::Rows(SQLite::Database& db, const std::string& sql) : m_db(db.getHandle()) {
    const int rc = sqlite3_prepare_v2(m_db, sql.c_str(), static_cast<int>(sql.size()) + 1,
                                      &m_stmt, nullptr);
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(m_db, rc);
    }
}

Rows::~Rows() { sqlite3_finalize(m_stmt); }

int Rows::parameter(const char* name) const {
    const int index = sqlite3_bind_parameter_index(m_stmt, name);
    if (index == 0) {
        throw SQLite::Exception(fmt::format("no parameter {} in the query", name));
    }
    return index;
}

void Rows::bind(const char* name, const std::string& value) {
    const int rc = sqlite3_bind_text(m_stmt, parameter(name), value.data(),
                                     static_cast<int>(value.size()), SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) {
        throw SQLite::Exception(m_db, rc);
    }
}

void Rows::bind(const char* name, const std::optional<Date>& value) {
    if (value) {
        bind(name, format_date(*value));
    } else if (const int rc = sqlite3_bind_null(m_stmt, parameter(name)); rc != SQLITE_OK) {
        throw SQLite::Exception(m_db, rc);
    }
}

void Rows::bind(const char* name, std::int64_t value) {
    if (const int rc = sqlite3_bind_int64(m_stmt, parameter(name), value); rc != SQLITE_OK) {
        throw SQLite::Exception(m_db, rc);
    }
}

bool Rows::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        return true;
    }
    if (rc != SQLITE_DONE) {
        throw SQLite::Exception(m_db, rc);
    }
    return false;
}

bool Rows::is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

std::int64_t Rows::int64(int column) const { return sqlite3_column_int64(m_stmt, column); }

std::string_view Rows::text(int column) const {
    // The text first, then its length, as SQLite asks.
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    if (text == nullptr) {
        return {};
    }
    return {text, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))};
}

std::optional<std::string> Rows::optional_text(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return std::string(text(column));
}

Date Rows::date(int column) const {
    // Up to the first NUL (a date has none): asking SQLite for the length costs more
    // than finding it.
    const auto* raw = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    const std::string_view value = raw == nullptr ? std::string_view() : std::string_view(raw);
    auto date = parse_iso_date(value);
    if (!date && unreadable_dates_read) {
        return unreadable_date;
    }
    if (!date) {
        throw Error(ErrorKind::journal,
                    fmt::format("bad date '{}' in column {} of the journal", value,
                                sqlite3_column_name(m_stmt, column)),
                    Remedy::check_names_fix);
    }
    return *date;
}

std::optional<Date> Rows::optional_date(int column) const {
    if (is_null(column)) {
        return std::nullopt;
    }
    return date(column);
}

} // namespace netlog::store
