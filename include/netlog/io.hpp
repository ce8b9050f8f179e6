// Import and export formats: LinkedIn's Connections.csv, vCard, netlog's JSON Lines.
// Parsers only: nothing here touches the journal. Each reads a stream as it goes.
// The contact readers leave out a record they cannot read and say so in their
// summary (ContactSkip); they throw Error(usage) "SOURCE:LINE: what is wrong" on a
// file that is not of their format at all, and Error(journal) when the file cannot
// be read to its end (a read error, a file cut short): no import is ever partial.
// SOURCE is the file name as the user gave it.
#pragma once

#include "netlog/capture.hpp"
#include "netlog/config.hpp"
#include "netlog/dates.hpp"
#include "netlog/model.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace netlog {

// Reads the config file `path` (core parses it: parse_config). A missing file gives the
// defaults. Broken TOML, a wrong type or a bad value throws Error(config) "config
// FILE:LINE: key 'K' …"; a directory, FIFO or a file over config_max_bytes is refused.
// Unknown keys are appended to `warnings` ("config FILE: unknown key 'x.y' (ignored)").
// `home` expands a leading "~/" in `journal`.
Config load_config(const std::filesystem::path& path, const std::string& home,
                   std::vector<std::string>& warnings);

// --- contacts (src/io/contact.cpp) ----------------------------------------------------

// A person as an address book or a social network exports them.
struct Contact {
    int line = 0;                    // where the record starts in its file (1-based)
    std::string name;                // display name, trimmed, never empty
    std::vector<std::string> emails; // the preferred one first
    std::optional<std::string> company, role, url, notes;
    std::optional<Date> added_on; // LinkedIn's "Connected On"
    std::string key;              // the external id to match on re-import, or ""
};

// Folds what an import brings into a person already in the journal and returns the
// names of the fields it changed. Never renames, never changes tier, handle or
// added_on, never empties a field. Fills empty fields; for an imported person (source
// other than `manual`) also takes the newer company, role and email — what a person
// entered by hand keeps their own non-empty fields.
std::vector<std::string> merge_contact(Person& person, const Contact& contact);
// What an address book holds of a person, copied onto `person`: the emails (the first
// as the primary one, when there are any), company, role, url and notes.
void take_contact_fields(Person& person, const Contact& contact);

// Checks a contact's fields with the limits `people add` applies; Error(usage) naming
// the field otherwise.
void check_contact(const Contact& contact);

// Called with each contact of a file, in file order.
using ContactSink = std::function<void(const Contact&)>;

// A record of a contacts file that could not be read, and was left out.
struct ContactSkip {
    int line = 0;       // where the record starts (or the bad line in it)
    std::string reason; // a short, stable name the summary counts by: "bad date"
    std::string why;    // the whole story, for the FILE:LINE: warning
};

// What a contacts file held besides the contacts it gave to the sink.
struct ContactFileSummary {
    int contacts = 0;
    int ignored = 0;    // records without a name (LinkedIn's deleted accounts, empty cards)
    int not_people = 0; // vCards of groups and organisations (KIND:group, KIND:org)
    std::vector<ContactSkip> skipped;  // records that could not be read, in file order
    std::vector<std::string> warnings; // "FILE:LINE: …" about the file as a whole
};

// --- LinkedIn (src/io/linkedin.cpp) ---------------------------------------------------

// Reads LinkedIn's Connections.csv: an optional UTF-8 BOM, the "Notes:" preamble,
// the header (First Name, Last Name, [URL,] Email Address, Company, Position,
// Connected On, in any order), CRLF or LF, quoted fields; "03 Jan 2024" dates, or
// "1/8/18, 6:14 PM" in older exports. As Excel saves it again: ';' separators
// (European locales, detected from the header), Windows-1252 text (a line that is
// not UTF-8; said once), dates as "23-Apr-23", "4/23/2023", "23/04/2023",
// "23.04.2023" or "2023-04-23" — day or month first is decided per file, from its
// rows. White space, no-break spaces included, is trimmed; an Email Address that
// is not local@domain ("urn:li:member:…") is dropped. Rows with no name are ignored.
ContactFileSummary read_linkedin(std::istream& in, const std::string& source,
                                 const ContactSink& each);

// The matching key of a LinkedIn profile URL: "linkedin:" + the URL without scheme,
// "www.", query, fragment and trailing '/', percent-decoded and lowercased, so that
// "https://www.linkedin.com/in/jos%C3%A9/" and "http://linkedin.com/in/JOSÉ" agree.
std::string linkedin_key(const std::string& url);

// Parses "03 Jan 2024", "3 Jan 2024", "1/8/18, 6:14 PM", "1/8/2018" (month first) or
// "2024-01-03"; nullopt otherwise.
std::optional<Date> parse_linkedin_date(const std::string& text);

// --- vCard (src/io/vcard.cpp) -----------------------------------------------------------

// Reads vCards 2.1, 3.0 and 4.0 (Google Contacts, Apple Contacts, khard, phones,
// Outlook): several cards per file, CRLF or LF, folded lines, grouped properties
// (item1.EMAIL), escapes (\, \; \n \\), QUOTED-PRINTABLE with its soft line
// breaks in any property, CHARSET= on any property (any charset glibc's iconv
// knows), UTF-16 LE/BE files with a BOM, and 8-bit text without a CHARSET that is
// not UTF-8 read as Windows-1252 (said once). Invalid bytes become U+FFFD; only the
// properties netlog uses are decoded. Uses FN (else N, else ORG, else the email),
// every EMAIL (the preferred one first; only local@domain), ORG (first part),
// TITLE, NOTE, URL; UID becomes the key "vcard:UID". Cards with nothing to name them
// by are ignored; group and organisation cards (KIND, X-ADDRESSBOOKSERVER-KIND)
// are counted as not_people.
ContactFileSummary read_vcard(std::istream& in, const std::string& source, const ContactSink& each);

// --- JSON Lines (src/io/jsonl.cpp) ------------------------------------------------------

// The first line of an export: {"type":"netlog-export","version":1,"schema":N,"exported_at":T}.
nlohmann::ordered_json export_header(int schema, const std::string& exported_at);

// `json` as JSON text, indented by `indent` spaces (-1: on one line), invalid UTF-8
// replaced and every control character escaped: nlohmann's dump() leaves the C1
// controls U+0080–U+009F raw, and some terminals obey them.
std::string json_text(const nlohmann::ordered_json& json, int indent);

// One record as one line of JSON, newline included (json_text()).
std::string export_line(const nlohmann::ordered_json& record);

// The same line, appended to `out`, for a record as export reads it: the same bytes
// as export_line() of that record made into a nlohmann object, written straight from
// the journal's values (building, dumping and destroying an object a record was most
// of `export`). Throws what nlohmann throws for a `json` field that is not JSON.
void append_export_line(std::string& out, std::span<const ExportField> record);

// Reads an export line by line: checks the header, then each record (see
// check_export_record), and hands them on in file order. Blank lines are skipped.
// True for a uuid written 8-4-4-4-12 in hex digits.
bool is_uuid(std::string_view text);

// What each uuid of an export names (a person, interaction, favour or ask), by the
// first record that used it: ExportReader's "one uuid, one type". 16 bytes a uuid
// written in lowercase (every uuid netlog makes) instead of the ~170 of a map of
// strings, which was most of `import json`'s memory (1.26 M uuids: 214 MiB).
class UuidTypes {
public:
    UuidTypes();
    // The type `uuid` (is_uuid()) was claimed as before; nullopt when it is new, and
    // then it is claimed as `type`.
    std::optional<std::string_view> claim(std::string_view uuid, std::string_view type);
    // Forgets every uuid and gives the memory back.
    void clear();

private:
    // The uuid's 128 bits, mixed (a bijection, so that uuids made in sequence spread
    // over the buckets): the top 16 bits pick the bucket, which keeps the other 112
    // and the type, sorted.
    struct Entry {
        std::uint64_t low;
        std::uint64_t high; // 48 bits of the uuid, then 8 of the type
    };
    std::vector<std::vector<Entry>> m_buckets;
    std::unordered_map<std::string, std::uint8_t> m_others; // uuids with capitals
};

class ExportReader {
public:
    // `max_schema`: the newest journal schema this netlog reads; a later one is refused.
    // `now` (a UTC timestamp): when given, a record stamped or dated more than a day
    // after it is refused.
    ExportReader(std::istream& in, std::string source, int max_schema,
                 std::optional<std::string> now = std::nullopt);
    // The next record, checked; nullopt at the end of the file.
    std::optional<nlohmann::ordered_json> next();
    // The line the last record came from.
    int line() const { return m_line; }
    // Throws Error(usage) "SOURCE:LINE: what", for errors found past the reader.
    [[noreturn]] void fail(const std::string& what) const;

private:
    // What a file may not hold even when each record is fine alone: a uuid that is
    // malformed or names records of two types, a person merged into itself or a
    // cycle of merges, a NUL in a text, a date more than a day after `now`.
    void check_against_file(const nlohmann::ordered_json& record);

    std::istream& m_in;
    std::string m_source;
    int m_max_schema;
    int m_line = 0;
    bool m_header_seen = false;
    std::string m_latest_stamp, m_latest_date; // "" when not checked
    UuidTypes m_types;
    std::string m_text; // the line being read
    std::unordered_map<std::string, std::string> m_merged; // uuid -> merged_into
    std::unordered_set<std::string> m_people;               // uuids of the person records
};

// The deletion records of people in an export (checked, in file order), read ahead
// of an `import json` for JournalSync::Merge::foresee; lines that are not such records,
// well-formed, are passed over (ExportReader reports them). Reads `in` to its end.
std::vector<nlohmann::ordered_json> person_deletions(std::istream& in);

// Checks one record of an export (not the header): its type (person, ask,
// interaction, favour, deleted), the keys that type needs and their types, dates,
// enum values. Adds the nullable keys that are missing as null and writes timestamps
// as 2026-11-26T06:09:08.123Z, so that they compare as text. Error(usage) naming
// the field otherwise.
void check_export_record(nlohmann::ordered_json& record);

// --- mail and calendar (src/io/mail.cpp, src/io/calendar.cpp) ------------------------------

// A message or event that could not be used, and was left out.
struct CaptureSkip {
    std::string where;  // "FILE:byte N", the Maildir file, "FILE:UID x"
    std::string reason; // short, counted by: "no From address", "bad RRULE"
    std::string why;
};

// What the mail reader saw besides the messages it gave to the sink.
struct MailReadSummary {
    long long read = 0; // messages parsed (skipped ones included)
    std::vector<CaptureSkip> skipped;
};

using MailSink = std::function<void(MailMessage&&)>;

// Reads the headers of the messages at PATH with GMime: a Maildir folder (cur/ and
// new/), a folder of Maildirs and .mbox files (Maildir++, Gmail Takeout's Mail), or
// an mbox file (Thunderbird, mutt, Takeout), streaming. A message without a From
// address or a readable Date is skipped (summary); a Maildir file that vanished too.
// Error(usage) when PATH does not exist or is not mail; Error(journal) when a file
// cannot be read.
void read_mail(const std::string& path, const MailSink& each, MailReadSummary& summary);

// read_mail of an mbox held in memory (`name` for warnings): for tests and fuzzing.
void read_mbox_text(const std::string& text, const std::string& name, const MailSink& each,
                    MailReadSummary& summary);

// The uuid of a captured record: name-based (SHA-1, RFC 4122 version 5) from its
// source, so that every machine derives the same one.
std::string capture_uuid(const std::string& source);

struct CalendarReadSummary {
    long long events = 0;   // VEVENTs read
    long long expanded = 0; // occurrences made by recurrence rules
    long long future = 0;   // occurrences after today, left out
    std::vector<CaptureSkip> skipped;
};

// Reads an iCalendar file with libical: every VEVENT, recurrences (RRULE, EXDATE,
// overrides by RECURRENCE-ID) expanded up to `today`. An event with no UID or
// DTSTART, a bad RRULE or an unknown TZID is skipped (summary). Error(usage) when the
// file is not iCalendar; Error(journal) when it cannot be read.
std::vector<CalendarEvent> read_calendar(const std::string& path, Date today,
                                         CalendarReadSummary& summary);
// read_calendar of a file's text (`path` for warnings): for tests and fuzzing.
std::vector<CalendarEvent> read_calendar_text(const std::string& text, const std::string& path,
                                              Date today, CalendarReadSummary& summary);

// --- the capture module (src/io/capture_module.cpp, src/io/capture_entry.cpp) -----------------

// The readers above live in a module of their own, netlog-capture.so, with GMime and
// libical: the binary loads it on first use, so that the twenty shared libraries they
// bring (GLib, GIO, GPGME, ICU …) are loaded by `import mail` and `import calendar`
// only, not at the start of every command. netlog looks for it beside itself (a build
// folder), then in LIBDIR/netlog (an install).
struct CaptureModule {
    std::uint64_t abi; // capture_abi() of the build that made it
    void (*read_mail)(const std::string& path, const MailSink& each, MailReadSummary& summary);
    std::vector<CalendarEvent> (*read_calendar)(const std::string& path, Date today,
                                                CalendarReadSummary& summary);
    std::string (*capture_uuid)(const std::string& source);
};

// What the binary and the module must agree on: the layout of what they pass.
constexpr std::uint64_t capture_abi() {
    return 1 + 1'000'003ULL * (sizeof(CaptureModule) + 7 * sizeof(MailMessage) +
                               31 * sizeof(MailReadSummary) + 127 * sizeof(CalendarEvent) +
                               509 * sizeof(CalendarReadSummary) + 2039 * sizeof(std::string) +
                               8191 * sizeof(MailSink));
}

// The module, loaded once. Error(journal) naming where netlog looked when it is not
// there, cannot be loaded, or comes from another build of netlog.
const CaptureModule& capture_module();

} // namespace netlog
