// netlog's export format: JSON Lines, one record a line, references by uuid.
#include "netlog/io.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"
#include "netlog/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <string_view>

namespace netlog {
namespace {

using Json = nlohmann::ordered_json;

bool all_digits(std::string_view text) {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2026-11-26T06:09:08Z" or with a fraction of any length, as
// "2026-11-26T06:09:08.123Z"; nullopt when it is not such a UTC timestamp.
std::optional<std::string> normalized_timestamp(const std::string& text) {
    if (text.size() < 20 || text[10] != 'T' || text.back() != 'Z' ||
        !parse_iso_date(text.substr(0, 10))) {
        return std::nullopt;
    }
    std::string_view time = std::string_view(text).substr(11, 8);
    if (time[2] != ':' || time[5] != ':' || !all_digits(time.substr(0, 2)) ||
        !all_digits(time.substr(3, 2)) || !all_digits(time.substr(6, 2)) ||
        time.substr(0, 2) > "23" || time.substr(3, 2) > "59" || time.substr(6, 2) > "60") {
        return std::nullopt;
    }
    std::string_view fraction = std::string_view(text).substr(19, text.size() - 20);
    if (!fraction.empty() && (fraction.front() != '.' || !all_digits(fraction.substr(1)))) {
        return std::nullopt;
    }
    std::string millis = fraction.empty() ? "" : std::string(fraction.substr(1, 3));
    millis.resize(3, '0');
    return text.substr(0, 19) + "." + millis + "Z";
}

// Checks the fields of one record; `r` is the record, `type` its type for messages.
class Fields {
public:
    Fields(Json& record, std::string record_type) : r(record), type(std::move(record_type)) {}

    // The same limits as typed input (netlog(1) LIMITS): `limit` is max_text_bytes for
    // notes and texts, max_field_bytes for names, handles and the like.
    void text(const char* key, bool allow_empty = true, std::size_t limit = max_field_bytes) {
        const Json& v = need(key);
        if (!v.is_string() || (!allow_empty && v.get_ref<const std::string&>().empty())) {
            bad(key, allow_empty ? "a string" : "a non-empty string");
        }
        within(key, v, limit);
    }
    void optional_text(const char* key, std::size_t limit = max_field_bytes) {
        if (!nullable(key)) {
            const Json& v = need(key);
            if (!v.is_string()) {
                bad(key, "a string or null");
            }
            within(key, v, limit);
        }
    }
    void one_of(const char* key, std::initializer_list<const char*> values) {
        text(key);
        const std::string& value = need(key).get_ref<const std::string&>();
        if (std::none_of(values.begin(), values.end(), [&](const char* v) { return value == v; })) {
            std::string list;
            for (const char* v : values) {
                list += (list.empty() ? "" : ", ") + std::string(v);
            }
            bad(key, "one of " + list);
        }
    }
    void date(const char* key) {
        const Json& v = need(key);
        if (!v.is_string() || !parse_iso_date(v.get_ref<const std::string&>())) {
            bad(key, "a date YYYY-MM-DD");
        }
    }
    void optional_date(const char* key) {
        if (!nullable(key)) {
            date(key);
        }
    }
    void timestamp(const char* key) {
        Json& v = need(key);
        std::optional<std::string> normal;
        if (v.is_string()) {
            normal = normalized_timestamp(v.get_ref<const std::string&>());
        }
        if (!normal) {
            bad(key, "a UTC timestamp like 2026-11-26T06:09:08.123Z");
        }
        v = std::move(*normal);
    }
    void integer(const char* key, long long low, long long high) {
        const Json& v = need(key);
        if (!v.is_number_integer() || v.get<long long>() < low || v.get<long long>() > high) {
            bad(key, fmt::format("a whole number from {} to {}", low, high));
        }
    }
    void optional_integer(const char* key, long long low, long long high) {
        if (!nullable(key)) {
            integer(key, low, high);
        }
    }
    void boolean(const char* key) {
        if (!need(key).is_boolean()) {
            bad(key, "true or false");
        }
    }
    void strings(const char* key, bool allow_empty) {
        const Json& v = need(key);
        bool ok = v.is_array() && (allow_empty || !v.empty()) &&
                  std::all_of(v.begin(), v.end(), [](const Json& s) { return s.is_string(); });
        if (!ok) {
            bad(key, allow_empty ? "a list of strings" : "a non-empty list of strings");
        }
        for (const Json& s : v) {
            within(key, s, max_field_bytes);
        }
    }

    // A list of dates, [] when missing (an export of schema 4 or older); sorted oldest first.
    void dates(const char* key) {
        auto it = r.find(key);
        if (it == r.end() || it->is_null()) {
            r[key] = Json::array();
            return;
        }
        Json& v = *it;
        bool ok = v.is_array() && std::all_of(v.begin(), v.end(), [](const Json& d) {
                      return d.is_string() && parse_iso_date(d.get_ref<const std::string&>());
                  });
        if (!ok) {
            bad(key, "a list of dates YYYY-MM-DD");
        }
        std::sort(v.begin(), v.end());
    }

private:
    // Refuses a string value longer than `limit` bytes.
    void within(const char* key, const Json& value, std::size_t limit) {
        if (value.get_ref<const std::string&>().size() > limit) {
            bad(key, fmt::format("at most {} bytes long", limit));
        }
    }

    // (One look-up each: the keys of an ordered_json are looked for one by one.)
    Json& need(const char* key) {
        auto it = r.find(key);
        if (it == r.end()) {
            throw usage_error(fmt::format("{} record without \"{}\"", type, key));
        }
        return *it;
    }
    // True when the key is null; a missing one is added as null.
    bool nullable(const char* key) {
        auto it = r.find(key);
        if (it == r.end()) {
            r[key] = nullptr;
            return true;
        }
        return it->is_null();
    }
    [[noreturn]] void bad(const char* key, const std::string& what) {
        throw usage_error(fmt::format("{} record: \"{}\" must be {}", type, key, what));
    }

    Json& r;
    std::string type;
};

std::string parse_message(const Json::exception& e) {
    // nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 3: …".
    std::string what = e.what();
    if (auto close = what.find("] ");
        what.rfind("[json.exception", 0) == 0 && close != std::string::npos) {
        what = what.substr(close + 2);
    }
    return printable(what);
}

} // namespace

Json export_header(int schema, const std::string& exported_at) {
    return Json{{"type", "netlog-export"},
                {"version", 1},
                {"schema", schema},
                {"exported_at", exported_at}};
}

std::string json_text(const Json& json, int indent) {
    std::string text = json.dump(indent, ' ', false, Json::error_handler_t::replace);
    if (text.find('\xC2') == std::string::npos) {
        return text;
    }
    // The text is valid UTF-8, where the bytes C2 80–C2 9F can only be U+0080–U+009F,
    // and JSON text outside strings is ASCII: so they are in a string, where \u0080
    // means the same.
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0U;
        if (text[i] == '\xC2' && next >= 0x80 && next <= 0x9F) {
            out += fmt::format("\\u{:04x}", next);
            ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string export_line(const Json& record) {
    return json_text(record, -1) + "\n";
}

void check_export_record(Json& record) {
    if (!record.is_object() || !record.contains("type") || !record["type"].is_string()) {
        throw usage_error("not a netlog record: an object with \"type\" is needed");
    }
    std::string type = record["type"].get<std::string>();
    Fields f(record, type);
    if (type == "deleted") {
        f.text("uuid", false);
        f.one_of("deleted_type", {"person", "interaction", "favour", "ask"});
        f.timestamp("deleted_at");
        f.optional_text("merged_into"); // a person folded into another by `people merge`
        if (record["deleted_type"] != "person" && !record["merged_into"].is_null()) {
            throw usage_error("deleted record: only a person can be \"merged_into\" another");
        }
        return;
    }
    f.text("uuid", false);
    if (type == "person") {
        f.text("handle", false);
        if (!is_valid_handle(record["handle"].get<std::string>())) {
            throw usage_error(fmt::format("person record: \"{}\" is not a handle",
                                          printable(record["handle"].get<std::string>())));
        }
        f.text("name", false);
        f.one_of("tier", {"inner", "network", "weak", "none"});
        f.optional_integer("cadence_days", 1, 36525);
        f.optional_text("introduced_by");
        f.text("source", false);
        for (const char* key : {"email", "company", "role", "url"}) {
            f.optional_text(key);
        }
        // Every address, the primary first; an export of schema 5 or older has only
        // "email". The primary one is `email`, whatever the list says.
        if (!record.contains("emails") || record["emails"].is_null()) {
            record["emails"] = record["email"].is_null() ? Json::array()
                                                         : Json::array({record["email"]});
        }
        f.strings("emails", true);
        {
            // Only addresses are kept (local@domain), as every importer keeps them: a
            // journal from before netlog checked may hold a LinkedIn `urn:li:member:…`.
            Json& emails = record["emails"];
            auto not_address = [](const Json& e) { return !is_email_address(e.get<std::string>()); };
            emails.erase(std::remove_if(emails.begin(), emails.end(), not_address), emails.end());
            if (!record["email"].is_null() && not_address(record["email"])) {
                record["email"] = emails.empty() ? Json() : emails.front();
            }
            if (!record["email"].is_null()) {
                auto primary = std::find(emails.begin(), emails.end(), record["email"]);
                if (primary != emails.begin()) {
                    if (primary != emails.end()) {
                        emails.erase(primary);
                    }
                    emails.insert(emails.begin(), record["email"]);
                }
            } else {
                emails = Json::array();
            }
        }
        f.optional_text("notes", max_text_bytes);
        f.optional_text("external_id", max_text_bytes); // a vCard UID may be long
        f.strings("tags", true);
        f.date("added_on");
        f.optional_date("snooze_until");
    } else if (type == "interaction") {
        f.date("on");
        f.text("kind", false);
        f.text("note", true, max_text_bytes);
        f.strings("tags", true);
        f.boolean("them");
        f.strings("people", false);
    } else if (type == "favour") {
        f.text("person", false);
        f.one_of("direction", {"gave", "got"});
        f.integer("weight", 1, max_weight);
        f.text("what", true, max_text_bytes);
        f.date("on");
        f.optional_text("interaction");
        f.optional_text("ask");
    } else if (type == "ask") {
        f.one_of("direction", {"in", "out"});
        f.text("person", false);
        f.optional_text("via");
        f.text("what", false, max_text_bytes);
        f.date("asked_on");
        f.date("due_on");
        f.optional_date("by");
        f.one_of("status", {"open", "replied", "done", "declined", "dropped"});
        f.optional_date("replied_on");
        f.optional_date("closed_on");
        f.text("note", true, max_text_bytes);
        f.dates("nudged_on");
    } else {
        throw usage_error(fmt::format("unknown record type \"{}\" (person, interaction, favour, "
                                      "ask, deleted)",
                                      printable(type)));
    }
    f.timestamp("created_at");
    f.timestamp("updated_at");
}

ExportReader::ExportReader(std::istream& in, std::string source, int max_schema,
                           std::optional<std::string> now)
    : m_in(in), m_source(std::move(source)), m_max_schema(max_schema) {
    if (now) {
        auto stamp = normalized_timestamp(*now);
        if (!stamp) {
            throw std::invalid_argument("ExportReader: now is not a UTC timestamp");
        }
        // A day of slack for clocks and time zones.
        Date tomorrow = add_days(*parse_iso_date(stamp->substr(0, 10)), 1);
        m_latest_date = format_date(tomorrow);
        m_latest_stamp = m_latest_date + stamp->substr(10);
    }
}

bool is_uuid(std::string_view text) {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        char c = text[i];
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex) {
            return false;
        }
    }
    return true;
}

namespace {

// Throws when a string anywhere in `value` holds a NUL: SQLite and C strings would
// cut the text there.
void refuse_nul(const Json& value, const std::string& key) {
    if (value.is_string()) {
        if (value.get_ref<const std::string&>().find('\0') != std::string::npos) {
            throw usage_error(fmt::format("\"{}\" holds a NUL character", key));
        }
    } else if (value.is_object()) {
        for (const auto& [k, v] : value.items()) {
            refuse_nul(v, k);
        }
    } else if (value.is_array()) {
        for (const auto& v : value) {
            refuse_nul(v, key);
        }
    }
}

} // namespace

void ExportReader::check_against_file(const Json& r) {
    refuse_nul(r, "type");
    const std::string& type = r["type"].get_ref<const std::string&>();
    const std::string& uuid = r["uuid"].get_ref<const std::string&>();
    // What each uuid names, by the first record that uses it: one uuid, one type.
    auto claim = [&](const std::string& id, const std::string& as, const char* key) {
        if (!is_uuid(id)) {
            throw usage_error(fmt::format("\"{}\" '{}' is not a uuid like "
                                          "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
                                          key, printable(id)));
        }
        auto [it, added] = m_types.emplace(id, as);
        if (!added && it->second != as) {
            throw usage_error(fmt::format("uuid {} names a record of type {} here and one of type "
                                          "{} before; one uuid is one record",
                                          id, as, it->second));
        }
    };
    const std::string own_type = type == "deleted" ? r["deleted_type"].get<std::string>() : type;
    claim(uuid, own_type, "uuid");
    auto reference = [&](const char* key, const char* as) {
        if (r.contains(key) && r[key].is_string()) {
            claim(r[key].get<std::string>(), as, key);
        }
    };
    if (type == "person") {
        m_people.insert(uuid);
        reference("introduced_by", "person");
    } else if (type == "interaction") {
        for (const auto& person : r["people"]) {
            claim(person.get<std::string>(), "person", "people");
        }
    } else if (type == "favour") {
        reference("person", "person");
        reference("interaction", "interaction");
        reference("ask", "ask");
    } else if (type == "ask") {
        reference("person", "person");
        reference("via", "person");
    } else if (type == "deleted" && r["merged_into"].is_string()) {
        const std::string& into = r["merged_into"].get_ref<const std::string&>();
        claim(into, "person", "merged_into");
        if (into == uuid) {
            throw usage_error(fmt::format("person {} is merged into itself", uuid));
        }
        // A person merged away on one machine and kept on another (the other merged
        // the other way round, later) is in the file as a person too, with the merge
        // record that the kept person keeps (see Journal::Merge): that merge no longer
        // holds, so it is not followed. Every person record comes before every
        // deletion record in an export.
        if (!m_people.count(uuid)) {
            // Follow where `into` went: back to `uuid` is a cycle of merges.
            std::string at = into;
            for (std::size_t steps = 0; steps <= m_merged.size(); ++steps) {
                auto next = m_merged.find(at);
                if (next == m_merged.end()) {
                    break;
                }
                if (next->second == uuid) {
                    throw usage_error(fmt::format("person {} is merged into {}, which is merged "
                                                  "back into it: a cycle of merges",
                                                  uuid, into));
                }
                at = next->second;
            }
            m_merged[uuid] = into;
        }
    }
    if (m_latest_stamp.empty()) {
        return;
    }
    for (const char* key : {"created_at", "updated_at", "deleted_at"}) {
        if (r.contains(key) && r[key].is_string() && r[key].get_ref<const std::string&>() > m_latest_stamp) {
            throw usage_error(fmt::format("\"{}\" {} is more than a day in the future", key,
                                          r[key].get<std::string>()));
        }
    }
    for (const char* key : {"added_on", "on", "asked_on", "replied_on", "closed_on"}) {
        if (r.contains(key) && r[key].is_string() && r[key].get_ref<const std::string&>() > m_latest_date) {
            throw usage_error(fmt::format("\"{}\" {} is more than a day in the future", key,
                                          r[key].get<std::string>()));
        }
    }
}

void ExportReader::fail(const std::string& what) const {
    throw usage_error(fmt::format("{}:{}: {}", m_source, m_line, what));
}

std::optional<Json> ExportReader::next() {
    std::string text;
    while (std::getline(m_in, text)) {
        ++m_line;
        if (m_line == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) {
            text.erase(0, 3);
        }
        if (trim(text).empty()) {
            continue;
        }
        Json record;
        try {
            record = Json::parse(text);
        } catch (const Json::exception& e) {
            fail("not JSON: " + parse_message(e));
        }
        if (!m_header_seen) {
            bool is_header = record.is_object() && record.value("type", Json()) == "netlog-export";
            if (!is_header) {
                fail("not a netlog export: the first line must be "
                     "{\"type\":\"netlog-export\",…}; make one with `netlog export`");
            }
            // "version" is the format; "schema", the exporting journal's, is a hint
            // that a reader may do without.
            Json version = record.value("version", Json());
            Json schema = record.value("schema", Json(0));
            if (!version.is_number_integer() || !schema.is_number_integer()) {
                fail("the export header needs an integer \"version\" (and \"schema\", if "
                     "given, an integer)");
            }
            if (version.get<long long>() != 1 || schema.get<long long>() > m_max_schema) {
                fail(fmt::format("export version {}, schema {} comes from a newer netlog (this "
                                 "one reads version 1, schema {}); upgrade netlog",
                                 version.dump(), schema.dump(), m_max_schema));
            }
            m_header_seen = true;
            continue;
        }
        try {
            check_export_record(record);
            check_against_file(record);
        } catch (const Error& e) {
            fail(e.what());
        }
        return record;
    }
    if (m_in.bad()) {
        throw journal_error(fmt::format("{}: read error on line {}; nothing imported", m_source,
                                        m_line + 1));
    }
    if (!m_header_seen) {
        throw usage_error(fmt::format("{}: empty file; not a netlog export", m_source));
    }
    return std::nullopt;
}

} // namespace netlog
