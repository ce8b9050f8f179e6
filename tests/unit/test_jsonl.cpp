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
    return Json::parse(R"({"type":"person","uuid":"p1","handle":"ann-lee","name":"Ann Lee",
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
        R"({"type":"deleted","uuid":"x","deleted_type":"ask","deleted_at":"2026-11-01T00:00:00Z"})" +
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
