#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/validate.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace netlog;
using Json = nlohmann::ordered_json;

namespace {

const std::string header =
    R"({"type":"netlog-export","version":1,"schema":1,"exported_at":"2026-11-26T06:00:00.000Z"})";

Json person() {
    return Json::parse(R"({"type":"person","uuid":"0a1b2c3d-0000-4000-8000-000000000001","handle":"ann-lee","name":"Ann Lee",
        "tier":"inner","cadence_days":null,"introduced_by":null,"source":"manual","email":null,
        "company":"Acme","role":null,"url":null,"notes":null,"tags":["mentor"],
        "added_on":"2026-01-02","snooze_until":null,"external_id":null,
        "created_at":"2026-01-02T10:00:00.000Z","updated_at":"2026-01-02T10:00:00.000Z"})");
}

std::vector<Json> read_all(const std::string& text) {
    std::istringstream in(text);
    ExportReader reader(in, "export.jsonl", 1);
    std::vector<Json> records;
    while (auto r = reader.next()) {
        records.push_back(*r);
    }
    return records;
}

std::string error_for(const std::string& text) {
    try {
        read_all(text);
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
        return e.what();
    }
    FAIL("no error");
    return "";
}

std::string check_error(Json record) {
    try {
        check_export_record(record);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("an export line is one line of JSON ending in a newline") {
    Json record = person();
    record["notes"] = "two\nlines";
    std::string line = export_line(record);
    CHECK(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);
    CHECK(Json::parse(line) == record);
    CHECK(export_line(export_header(1, "2026-11-26T06:00:00.000Z")) == header + "\n");
}

TEST_CASE("JSON text escapes C0 and C1 controls and keeps other text as it is") {
    Json record{{"note", "\x1b[31m \u009b2J \u0085 caf\u00e9 \u00a2 \u00c2"}};
    std::string text = json_text(record, -1);
    CHECK(text == R"({"note":"\u001b[31m \u009b2J \u0085 café ¢ Â"})");
    CHECK(Json::parse(text) == record);
    CHECK(export_line(record) == text + "\n");
}

TEST_CASE("text fields are held to the limits of typed input") {
    Json interaction = Json::parse(R"({"type":"interaction","uuid":"i1","on":"2026-03-04",
        "kind":"coffee","note":"","tags":[],"them":false,"people":["p1"],
        "created_at":"2026-03-04T10:00:00.000Z","updated_at":"2026-03-04T10:00:00.000Z"})");
    interaction["note"] = std::string(max_text_bytes, 'x');
    CHECK(check_error(interaction).empty());
    interaction["note"] = std::string(max_text_bytes + 1, 'x');
    CHECK(check_error(interaction) ==
          "interaction record: \"note\" must be at most 65536 bytes long");
    interaction["note"] = "";
    interaction["tags"] = Json::array({std::string(max_field_bytes + 1, 't')});
    CHECK(check_error(interaction) ==
          "interaction record: \"tags\" must be at most 512 bytes long");
    Json p = person();
    p["name"] = std::string(max_field_bytes + 1, 'n');
    CHECK(check_error(p) == "person record: \"name\" must be at most 512 bytes long");
    p = person();
    p["notes"] = std::string(max_text_bytes, 'n');
    CHECK(check_error(p).empty());
}

TEST_CASE("the reader checks the header and hands on records in order, skipping blank lines") {
    auto records = read_all(
        header + "\n\n" + export_line(person()) + "   \n" +
        R"({"type":"deleted","uuid":"0a1b2c3d-0000-4000-8000-000000000002","deleted_type":"ask",)"
        R"("deleted_at":"2026-11-01T00:00:00Z"})" +
        "\n");
    REQUIRE(records.size() == 2);
    CHECK(records[0]["handle"] == "ann-lee");
    CHECK(records[1]["deleted_at"] == "2026-11-01T00:00:00.000Z"); // normalised
}

TEST_CASE("missing nullable keys become null; timestamps are normalised to milliseconds") {
    Json record = person();
    record.erase("external_id");
    record.erase("snooze_until");
    record["updated_at"] = "2026-01-02T10:00:00.123456Z";
    CHECK(check_error(record).empty());
    check_export_record(record);
    CHECK(record["external_id"].is_null());
    CHECK(record["snooze_until"].is_null());
    CHECK(record["updated_at"] == "2026-01-02T10:00:00.123Z");
}

TEST_CASE("every record type is checked field by field") {
    Json p = person();
    p["tier"] = "close";
    CHECK(check_error(p) == "person record: \"tier\" must be one of inner, network, weak, none");
    p = person();
    p["handle"] = "Ann Lee";
    CHECK(check_error(p) == "person record: \"Ann Lee\" is not a handle");
    p = person();
    p.erase("name");
    CHECK(check_error(p) == "person record without \"name\"");
    p = person();
    p["added_on"] = "2026-02-30";
    CHECK(check_error(p) == "person record: \"added_on\" must be a date YYYY-MM-DD");
    p = person();
    p["updated_at"] = "yesterday";
    CHECK(check_error(p).find("\"updated_at\" must be a UTC timestamp") != std::string::npos);
    p = person();
    p["tags"] = Json::array({1});
    CHECK(check_error(p) == "person record: \"tags\" must be a list of strings");

    Json interaction = Json::parse(R"({"type":"interaction","uuid":"i1","on":"2026-03-04",
        "kind":"coffee","note":"","tags":[],"them":false,"people":["p1"],
        "created_at":"2026-03-04T10:00:00.000Z","updated_at":"2026-03-04T10:00:00.000Z"})");
    CHECK(check_error(interaction).empty());
    interaction["people"] = Json::array();
    CHECK(check_error(interaction) ==
          "interaction record: \"people\" must be a non-empty list of strings");

    Json favour = Json::parse(R"({"type":"favour","uuid":"f1","person":"p1","direction":"gave",
        "weight":1,"what":"intro","on":"2026-03-04","interaction":"i1",
        "created_at":"2026-03-04T10:00:00.000Z","updated_at":"2026-03-04T10:00:00.000Z"})");
    CHECK(check_error(favour).empty()); // "ask" may be left out
    favour["weight"] = 0;
    CHECK(check_error(favour) == "favour record: \"weight\" must be a whole number from 1 to 1000");

    Json ask = Json::parse(R"({"type":"ask","uuid":"a1","direction":"out","person":"p1",
        "via":null,"what":"Review my deck?","asked_on":"2026-03-04","due_on":"2026-03-11",
        "by":null,"status":"open","replied_on":null,"closed_on":null,"note":"",
        "created_at":"2026-03-04T10:00:00.000Z","updated_at":"2026-03-04T10:00:00.000Z"})");
    CHECK(check_error(ask).empty());
    ask["status"] = "later";
    CHECK(check_error(ask).find("\"status\" must be one of open") != std::string::npos);

    CHECK(check_error(Json{{"type", "deleted"},
                           {"uuid", "x"},
                           {"deleted_type", "tag"},
                           {"deleted_at", "2026-01-01T00:00:00Z"}})
              .find("\"deleted_type\" must be one of") != std::string::npos);
    CHECK(check_error(Json{{"type", "note"}, {"uuid", "x"}}).find("unknown record type") == 0);
}

TEST_CASE("a broken export stops with the file and line") {
    CHECK(error_for("").find("export.jsonl: empty file") == 0);
    CHECK(error_for(export_line(person())).find("export.jsonl:1: not a netlog export") == 0);
    CHECK(error_for(header + "\n{\"type\":\"person\",\n").find("export.jsonl:2: not JSON: ") == 0);
    Json bad = person();
    bad["tier"] = 3;
    CHECK(error_for(header + "\n" + export_line(person()) + export_line(bad)) ==
          "export.jsonl:3: person record: \"tier\" must be a string");
    CHECK(error_for(R"({"type":"netlog-export","version":2,"schema":1})")
              .find("export.jsonl:1: export version 2, schema 1 comes from a newer netlog") == 0);
    CHECK(error_for(R"({"type":"netlog-export","version":1,"schema":7})").find("newer netlog") !=
          std::string::npos);
}

namespace {

const std::string u1 = "11111111-1111-4111-8111-111111111111";
const std::string u2 = "22222222-2222-4222-8222-222222222222";

Json person_with(const std::string& uuid) {
    Json p = person();
    p["uuid"] = uuid;
    return p;
}

Json merged(const std::string& uuid, const std::string& into) {
    return Json{{"type", "deleted"},
                {"uuid", uuid},
                {"deleted_type", "person"},
                {"deleted_at", "2026-02-01T00:00:00.000Z"},
                {"merged_into", into}};
}

// The error reading `lines` after the header gives, with now = 2026-11-26T06:00:00Z.
std::string file_error(const std::vector<Json>& lines) {
    std::string text = header + "\n";
    for (const auto& line : lines) {
        text += export_line(line);
    }
    std::istringstream in(text);
    ExportReader reader(in, "export.jsonl", 6, "2026-11-26T06:00:00.000Z");
    try {
        while (reader.next()) {
        }
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("import json refuses a person merged into itself or a cycle of merges") {
    CHECK(file_error({person_with(u1), merged(u2, u2)}) ==
          "export.jsonl:3: person " + u2 + " is merged into itself");
    CHECK(file_error({merged(u1, u2), merged(u2, u1)}).find("export.jsonl:3: ") == 0);
    CHECK(file_error({merged(u1, u2), merged(u2, u1)}).find("cycle of merges") !=
          std::string::npos);
    CHECK(file_error({merged(u1, u2)}).empty());
}

TEST_CASE("import json refuses a uuid used by two types, or one that is no uuid") {
    Json interaction = Json::parse(R"({"type":"interaction","on":"2026-03-04","kind":"coffee",
        "note":"","tags":[],"them":false,"created_at":"2026-03-04T10:00:00.000Z",
        "updated_at":"2026-03-04T10:00:00.000Z"})");
    interaction["uuid"] = u1;
    interaction["people"] = Json::array({u2});
    CHECK(file_error({person_with(u1), interaction}).find("export.jsonl:3: uuid " + u1) == 0);
    interaction["uuid"] = u2;
    interaction["people"] = Json::array({u2}); // names itself as a person
    CHECK(file_error({person_with(u1), interaction}).find("export.jsonl:3: uuid " + u2) == 0);
    interaction["people"] = Json::array({u1});
    CHECK(file_error({person_with(u1), interaction}).empty());
    CHECK(file_error({person_with("p1")}).find("export.jsonl:2: \"uuid\" 'p1' is not a uuid") == 0);
    Json bad_reference = person_with(u1);
    bad_reference["introduced_by"] = "bob";
    CHECK(file_error({bad_reference}).find("\"introduced_by\" 'bob' is not a uuid") !=
          std::string::npos);
    CHECK(is_uuid("3F2B8C1E-9A4D-4E6F-8B7A-1C2D3E4F5A6B"));
    CHECK_FALSE(is_uuid("3f2b8c1e9a4d4e6f8b7a1c2d3e4f5a6b"));
}

TEST_CASE("import json refuses a stamp or a date more than a day in the future") {
    Json p = person_with(u1);
    p["updated_at"] = "2026-11-27T05:59:59.000Z"; // within the day
    CHECK(file_error({p}).empty());
    p["updated_at"] = "2026-11-27T06:00:01.000Z";
    CHECK(file_error({p}) ==
          "export.jsonl:2: \"updated_at\" 2026-11-27T06:00:01.000Z is more than a day in the future");
    p = person_with(u1);
    p["added_on"] = "2026-11-28";
    CHECK(file_error({p}).find("\"added_on\" 2026-11-28 is more than a day") != std::string::npos);
}

TEST_CASE("import json refuses a NUL in any text; a header without schema is read") {
    Json p = person_with(u1);
    p["notes"] = std::string("a\0b", 3);
    CHECK(file_error({p}) == "export.jsonl:2: \"notes\" holds a NUL character");
    p = person_with(u1);
    p["tags"] = Json::array({std::string("x\0", 2)});
    CHECK(file_error({p}) == "export.jsonl:2: \"tags\" holds a NUL character");
    auto records = read_all(R"({"type":"netlog-export","version":1})"
                            "\n" +
                            export_line(person()));
    CHECK(records.size() == 1);
}

TEST_CASE("a person's emails: the primary first, derived from email in an older export") {
    Json p = person();
    p["email"] = "b@example.com";
    check_export_record(p);
    CHECK(p["emails"] == Json::array({"b@example.com"}));
    p = person();
    p["email"] = "b@example.com";
    p["emails"] = Json::array({"a@example.com", "b@example.com"});
    check_export_record(p);
    CHECK(p["emails"] == Json::array({"b@example.com", "a@example.com"}));
    p["emails"] = Json::array({1});
    CHECK(check_error(p) == "person record: \"emails\" must be a list of strings");
}

TEST_CASE("import json keeps only addresses as emails, as every importer does") {
    Json p = person();
    p["email"] = "urn:li:member:12345";
    p["emails"] = Json::array({"urn:li:member:12345", "a@example.com", "no-at-sign"});
    check_export_record(p);
    CHECK(p["email"] == "a@example.com");
    CHECK(p["emails"] == Json::array({"a@example.com"}));
    p = person();
    p["email"] = "urn:li:member:12345";
    check_export_record(p);
    CHECK(p["email"].is_null());
    CHECK(p["emails"] == Json::array());
}
