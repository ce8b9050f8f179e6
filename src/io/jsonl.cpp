// netlog's export format: JSON Lines, one record a line, references by uuid.
#include "netlog/io.hpp"

#include "netlog/error.hpp"
#include "netlog/records.hpp"
#include "netlog/text.hpp"
#include "netlog/validate.hpp"

#include <fmt/format.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdint>
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
    void one_of(const char* key, const std::vector<std::string>& values) {
        text(key);
        const std::string& value = need(key).get_ref<const std::string&>();
        if (std::find(values.begin(), values.end(), value) == values.end()) {
            std::string list;
            for (const auto& v : values) {
                list += (list.empty() ? "" : ", ") + v;
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

namespace {

// Printable ASCII but for the quote and the backslash: nlohmann writes it as it is.
bool plain(std::string_view text) {
    for (char c : text) {
        if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
            return false;
        }
    }
    return true;
}

// A string as json_text() writes it: a plain one (nearly every value of a journal) as
// it is, anything else through nlohmann, escapes and replaced bytes alike.
void append_string(std::string& out, std::string_view text) {
    if (plain(text)) {
        out += '"';
        out += text;
        out += '"';
    } else {
        out += json_text(Json(std::string(text)), -1);
    }
}

// True for ["…","…",…] with plain strings and nothing between them, as SQLite's
// json_group_array() and nlohmann write a list of plain strings: what nlohmann would
// read and write back the same bytes. Anything else goes through nlohmann.
bool plain_string_list(std::string_view text) {
    if (text.size() < 2 || text.front() != '[' || text.back() != ']') {
        return false;
    }
    if (text.size() == 2) {
        return true;
    }
    std::size_t i = 1;
    while (true) {
        if (text[i] != '"') {
            return false;
        }
        const std::size_t close = text.find('"', i + 1);
        if (close == std::string_view::npos || !plain(text.substr(i + 1, close - i - 1))) {
            return false;
        }
        i = close + 1; // before the final ']', as the text ends with one
        if (text[i] == ']') {
            return i + 1 == text.size();
        }
        if (text[i] != ',') {
            return false;
        }
        ++i;
    }
}

} // namespace

void append_export_line(std::string& out, std::span<const ExportField> record) {
    using Kind = ExportField::Kind;
    char separator = '{';
    for (const ExportField& field : record) {
        out += separator;
        separator = ',';
        out += '"';
        out += field.key;
        out += "\":";
        switch (field.kind) {
        case Kind::null:
            out += "null";
            break;
        case Kind::text:
            append_string(out, field.text);
            break;
        case Kind::integer:
            out += std::to_string(field.number);
            break;
        case Kind::boolean:
            out += field.number != 0 ? "true" : "false";
            break;
        case Kind::json:
            if (plain_string_list(field.text)) {
                out += field.text;
            } else {
                out += json_text(Json::parse(field.text), -1);
            }
            break;
        case Kind::tags:
            if (plain_string_list(field.text)) {
                out += field.text;
            } else {
                // As store::tags_from_json reads them: the strings of an array.
                Json parsed = Json::parse(field.text, nullptr, false);
                Json tags = Json::array();
                if (parsed.is_array()) {
                    for (auto& tag : parsed) {
                        if (tag.is_string()) {
                            tags.push_back(std::move(tag));
                        }
                    }
                }
                out += json_text(tags, -1);
            }
            break;
        }
    }
    out += record.empty() ? "{}\n" : "}\n";
}

namespace {

// A person's addresses: every one, the primary first; an export of schema 5 or older
// has only "email". The primary one is `email`, whatever the list says. Only
// addresses are kept (local@domain), as every importer keeps them: a journal from
// before netlog checked may hold a LinkedIn `urn:li:member:…`.
void check_addresses(Json& record, Fields& f, const char* key) {
    if (!record.contains(key) || record[key].is_null()) {
        record[key] = record["email"].is_null() ? Json::array() : Json::array({record["email"]});
    }
    f.strings(key, true);
    Json& emails = record[key];
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

// Checks one field of `record` by its kind (records.hpp); normalizes timestamps,
// addresses and dates as the journal keeps them.
void check_field(Json& record, Fields& f, const records::Field& field) {
    using records::Kind;
    const char* key = field.key.data(); // the tables' keys are literals
    switch (field.kind) {
    case Kind::uuid:
        f.text(key, false);
        break;
    case Kind::text:
        f.text(key, !field.required, field.limit);
        break;
    case Kind::handle:
        f.text(key, false);
        if (!is_valid_handle(record[key].get<std::string>())) {
            throw usage_error(fmt::format("{} record: \"{}\" is not a handle",
                                          record["type"].get<std::string>(),
                                          printable(record[key].get<std::string>())));
        }
        break;
    case Kind::optional_text:
    case Kind::optional_reference:
        f.optional_text(key, field.limit);
        break;
    case Kind::reference:
        f.text(key, false);
        break;
    case Kind::choice:
        f.one_of(key, field.choices());
        break;
    case Kind::integer:
        f.integer(key, field.low, field.high);
        break;
    case Kind::optional_integer:
        f.optional_integer(key, field.low, field.high);
        break;
    case Kind::boolean:
        f.boolean(key);
        break;
    case Kind::date:
        f.date(key);
        break;
    case Kind::optional_date:
        f.optional_date(key);
        break;
    case Kind::dates:
        f.dates(key);
        break;
    case Kind::tags:
        f.strings(key, true);
        break;
    case Kind::members:
        f.strings(key, false);
        break;
    case Kind::emails:
        check_addresses(record, f, key);
        break;
    case Kind::timestamp:
        f.timestamp(key);
        break;
    }
}

} // namespace

void check_export_record(Json& record) {
    if (!record.is_object() || !record.contains("type") || !record["type"].is_string()) {
        throw usage_error("not a netlog record: an object with \"type\" is needed");
    }
    std::string type = record["type"].get<std::string>();
    const records::RecordType* record_type = records::record_type(type);
    if (!record_type) {
        throw usage_error(fmt::format("unknown record type \"{}\" (person, interaction, favour, "
                                      "ask, deleted)",
                                      printable(type)));
    }
    Fields f(record, type);
    for (const records::Field& field : record_type->fields) {
        check_field(record, f, field);
    }
    if (record_type == &records::deletion && record["deleted_type"] != "person" &&
        !record["merged_into"].is_null()) {
        throw usage_error("deleted record: only a person can be \"merged_into\" another");
    }
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

constexpr std::string_view uuid_types[] = {"person", "interaction", "favour", "ask"};
constexpr int uuid_bucket_bits = 16;

// MurmurHash3's finaliser: a bijection of 64 bits.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb93fe53e49b3ULL;
    x ^= x >> 33;
    return x;
}

int hex_digit(char c) {
    return c <= '9' ? c - '0' : c - 'a' + 10;
}

} // namespace

UuidTypes::UuidTypes() : m_buckets(std::size_t{1} << uuid_bucket_bits) {}

std::optional<std::string_view> UuidTypes::claim(std::string_view uuid, std::string_view type) {
    const auto found = std::find(std::begin(uuid_types), std::end(uuid_types), type);
    if (found == std::end(uuid_types)) {
        throw std::invalid_argument("UuidTypes: not a record type");
    }
    const auto code = static_cast<std::uint8_t>(found - std::begin(uuid_types));
    const bool lowercase = std::none_of(uuid.begin(), uuid.end(),
                                        [](char c) { return c >= 'A' && c <= 'F'; });
    if (!lowercase) {
        auto [it, added] = m_others.emplace(std::string(uuid), code);
        return added ? std::nullopt : std::optional(uuid_types[it->second]);
    }
    std::uint64_t half[2] = {0, 0};
    int digits = 0;
    for (char c : uuid) {
        if (c != '-') {
            half[digits / 16] = half[digits / 16] << 4 | static_cast<std::uint64_t>(hex_digit(c));
            ++digits;
        }
    }
    // Two rounds of a Feistel network: a bijection of the 128 bits.
    const std::uint64_t high = half[0] ^ mix(half[1]);
    const std::uint64_t low = half[1] ^ mix(high);
    auto& bucket = m_buckets[high >> (64 - uuid_bucket_bits)];
    const std::uint64_t key = high << uuid_bucket_bits; // the 48 bits the bucket leaves
    const Entry entry{low, key | code};
    auto less = [](const Entry& a, const Entry& b) {
        return (a.high >> 8) != (b.high >> 8) ? (a.high >> 8) < (b.high >> 8) : a.low < b.low;
    };
    auto at = std::lower_bound(bucket.begin(), bucket.end(), entry, less);
    if (at != bucket.end() && !less(entry, *at)) {
        return uuid_types[at->high & 0xff];
    }
    if (bucket.size() == bucket.capacity()) {
        // Grown by a quarter, not doubled: a bucket holds a few dozen.
        const std::size_t index = static_cast<std::size_t>(at - bucket.begin());
        bucket.reserve(bucket.size() + bucket.size() / 4 + 2);
        at = bucket.begin() + static_cast<std::ptrdiff_t>(index);
    }
    bucket.insert(at, entry);
    return std::nullopt;
}

void UuidTypes::clear() {
    std::vector<std::vector<Entry>>(m_buckets.size()).swap(m_buckets);
    std::unordered_map<std::string, std::uint8_t>().swap(m_others);
#ifdef __GLIBC__
    // 65,536 small blocks: freed, glibc keeps them in its heap, where the sorts of
    // what comes next (import json's indexes) do not reuse them.
    malloc_trim(0);
#endif
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
    auto claim = [&](const std::string& id, std::string_view as, const char* key) {
        if (!is_uuid(id)) {
            throw usage_error(fmt::format("\"{}\" '{}' is not a uuid like "
                                          "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b",
                                          key, printable(id)));
        }
        if (auto before = m_types.claim(id, as); before && *before != as) {
            throw usage_error(fmt::format("uuid {} names a record of type {} here and one of type "
                                          "{} before; one uuid is one record",
                                          id, as, *before));
        }
    };
    const std::string& own_type =
        type == "deleted" ? r["deleted_type"].get_ref<const std::string&>() : type;
    claim(uuid, own_type, "uuid");
    auto reference = [&](const char* key, const char* as) {
        if (auto it = r.find(key); it != r.end() && it->is_string()) {
            claim(it->get_ref<const std::string&>(), as, key);
        }
    };
    if (type == "person") {
        m_people.insert(uuid);
        reference("introduced_by", "person");
    } else if (type == "interaction") {
        for (const auto& person : r["people"]) {
            claim(person.get_ref<const std::string&>(), "person", "people");
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
        // record that the kept person keeps (see JournalSync::Merge): that merge no longer
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
    auto not_after = [&](const char* key, const std::string& latest) {
        if (auto it = r.find(key);
            it != r.end() && it->is_string() && it->get_ref<const std::string&>() > latest) {
            throw usage_error(fmt::format("\"{}\" {} is more than a day in the future", key,
                                          it->get_ref<const std::string&>()));
        }
    };
    for (const char* key : {"created_at", "updated_at", "deleted_at"}) {
        not_after(key, m_latest_stamp);
    }
    for (const char* key : {"added_on", "on", "asked_on", "replied_on", "closed_on"}) {
        not_after(key, m_latest_date);
    }
}

void ExportReader::fail(const std::string& what) const {
    throw usage_error(fmt::format("{}:{}: {}", m_source, m_line, what));
}

std::optional<Json> ExportReader::next() {
    std::string& text = m_text; // its storage kept from line to line
    while (std::getline(m_in, text)) {
        ++m_line;
        if (m_line == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) {
            text.erase(0, 3);
        }
        if (text.find_first_not_of(" \t\n\v\f\r") == std::string::npos) {
            continue; // blank, as trim() sees it
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
    m_types.clear(); // for what the import does after the last record
    return std::nullopt;
}

} // namespace netlog
