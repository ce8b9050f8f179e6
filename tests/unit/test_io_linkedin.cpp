#include "netlog/error.hpp"
#include "netlog/io.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace netlog;

namespace {

const std::filesystem::path data_dir =
    std::filesystem::path(__FILE__).parent_path().parent_path() / "data" / "linkedin";

struct Parsed {
    std::vector<Contact> contacts;
    ContactFileSummary summary;
};

Parsed parse(std::istream& in, const std::string& source = "Connections.csv") {
    Parsed p;
    p.summary = read_linkedin(in, source, [&](const Contact& c) { p.contacts.push_back(c); });
    return p;
}

Parsed parse_text(const std::string& text) {
    std::istringstream in(text);
    return parse(in);
}

Parsed parse_file(const std::string& name) {
    std::ifstream in(data_dir / name, std::ios::binary);
    REQUIRE(in);
    return parse(in, name);
}

// The message of the usage error reading `text` gives.
std::string error_for(const std::string& text) {
    try {
        parse_text(text);
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::usage);
        return e.what();
    }
    FAIL("no error");
    return "";
}

Date ymd(int y, unsigned m, unsigned d) {
    return Date::from_ymd(y, m, d);
}

const std::string header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

} // namespace

TEST_CASE("the sample export: BOM, notes preamble, CRLF, quoted commas and doubled quotes") {
    Parsed p = parse_file("Connections.csv");
    CHECK(p.summary.contacts == 8);
    CHECK(p.summary.ignored == 2); // the rows that hold only a date
    REQUIRE(p.contacts.size() == 8);

    const Contact& alice = p.contacts[0];
    CHECK(alice.line == 5);
    CHECK(alice.name == "Alice Chen");
    CHECK(alice.emails.empty());
    CHECK(alice.company == "Hooli");
    CHECK(alice.role == "Staff Engineer");
    CHECK(alice.url == "https://www.linkedin.com/in/alice-chen-4b2a19");
    CHECK(alice.key == "linkedin:linkedin.com/in/alice-chen-4b2a19");
    CHECK(alice.added_on == ymd(2024, 1, 3));

    const Contact& bruce = p.contacts[1];
    CHECK(bruce.company == "Wayne Enterprises, Inc.");
    CHECK(bruce.emails == std::vector<std::string>{"bruce.w@example.com"});

    CHECK(p.contacts[2].role == "Head of \"Special\" Projects");

    const Contact& carol = p.contacts[3]; // stray spaces around every field
    CHECK(carol.line == 9);
    CHECK(carol.name == "Carol Diaz");
    CHECK(carol.company == "Globex");
    CHECK(carol.role == "Product Manager");
    CHECK(carol.emails.empty());
    CHECK(carol.url == "https://www.linkedin.com/in/carol-diaz-88");

    const Contact& jose = p.contacts[4];
    CHECK(jose.name == "José Álvarez");
    CHECK(jose.url == "https://www.linkedin.com/in/jos%C3%A9-%C3%A1lvarez-7b1a2c3d"); // as given
    CHECK(jose.key == "linkedin:linkedin.com/in/josé-álvarez-7b1a2c3d");

    CHECK(p.contacts[5].name == "Sam Lee");
    CHECK(p.contacts[6].name == "Sam Lee");
    CHECK(p.contacts[5].key != p.contacts[6].key);

    const Contact& mei = p.contacts[7];
    CHECK(mei.name == "Mei O'Brien, PhD");
    CHECK(mei.role == "Research Lead, Food Science");
    CHECK(mei.added_on == ymd(2025, 12, 12));
}

TEST_CASE("the older export has no URL column and dates like 1/8/18, 6:14 PM") {
    Parsed p = parse_file("Connections-old.csv");
    REQUIRE(p.contacts.size() == 3);
    CHECK(p.contacts[0].name == "Alice Chen");
    CHECK(p.contacts[0].line == 2);
    CHECK(p.contacts[0].added_on == ymd(2018, 1, 8));
    CHECK(p.contacts[0].emails == std::vector<std::string>{"alice@hooli.example"});
    CHECK_FALSE(p.contacts[0].url);
    CHECK(p.contacts[0].key.empty());
    CHECK(p.contacts[1].added_on == ymd(2017, 12, 31));
    CHECK(p.contacts[2].company == "Tyrell, Corp.");
}

TEST_CASE("LinkedIn dates in every form the exports used") {
    CHECK(parse_linkedin_date("03 Jan 2024") == ymd(2024, 1, 3));
    CHECK(parse_linkedin_date("3 Jan 2024") == ymd(2024, 1, 3));
    CHECK(parse_linkedin_date("29 Feb 2024") == ymd(2024, 2, 29));
    CHECK(parse_linkedin_date("1/8/18, 6:14 PM") == ymd(2018, 1, 8));
    CHECK(parse_linkedin_date("12/31/2017") == ymd(2017, 12, 31));
    CHECK(parse_linkedin_date("2024-01-03") == ymd(2024, 1, 3));
    CHECK_FALSE(parse_linkedin_date("29 Feb 2023"));
    CHECK_FALSE(parse_linkedin_date("03 Foo 2024"));
    CHECK_FALSE(parse_linkedin_date("13/1/18, 6:14 PM"));
    CHECK_FALSE(parse_linkedin_date("yesterday"));
    CHECK_FALSE(parse_linkedin_date("03 Jan 24"));
}

TEST_CASE("profile URLs match whatever their scheme, host, case, encoding or trailing slash") {
    const std::string key = linkedin_key("https://www.linkedin.com/in/jos%C3%A9-alvarez");
    CHECK(key == "linkedin:linkedin.com/in/josé-alvarez");
    CHECK(linkedin_key("http://linkedin.com/in/JOS%c3%a9-Alvarez/") == key);
    CHECK(linkedin_key(" https://www.linkedin.com/in/josé-alvarez?trk=abc#top ") == key);
    CHECK(linkedin_key("https://www.linkedin.com/in/other") != key);
    // Percent-escapes that do not make UTF-8 stay as they are.
    CHECK(linkedin_key("https://linkedin.com/in/a%FFb") == "linkedin:linkedin.com/in/a%ffb");
}

TEST_CASE("a file without the preamble, with LF line ends and columns in another order") {
    Parsed p = parse_text("Connected On,Email Address,Last Name,First Name\n"
                          "05 May 2020,x@example.com,Smith,Jo\n");
    REQUIRE(p.contacts.size() == 1);
    CHECK(p.contacts[0].name == "Jo Smith");
    CHECK(p.contacts[0].line == 2);
    CHECK(p.contacts[0].emails == std::vector<std::string>{"x@example.com"});
    CHECK(p.contacts[0].added_on == ymd(2020, 5, 5));
}

TEST_CASE("a quoted field over several lines: the record is named by the line it starts on") {
    Parsed p =
        parse_text(header + "Ann,Lee,,,\"Acme\nLabs\",CTO,01 Jan 2020\nBo,Kim,,,,,02 Jan 2020\n");
    REQUIRE(p.contacts.size() == 2);
    CHECK(p.contacts[0].line == 2);
    CHECK(p.contacts[0].company == "Acme\nLabs");
    CHECK(p.contacts[1].line == 4);
}

TEST_CASE("a name alone is enough; a row with only first or last name is kept") {
    Parsed p = parse_text(header + "Cher,,,,,,\n,Banksy,,,,,\n");
    REQUIRE(p.contacts.size() == 2);
    CHECK(p.contacts[0].name == "Cher");
    CHECK_FALSE(p.contacts[0].added_on);
    CHECK(p.contacts[1].name == "Banksy");
}

TEST_CASE("a row that cannot be read is skipped with its line and why; the rest come in") {
    Parsed p = parse_text(header + "Ann,Lee,,,,,01 Jan 2020\nBo,Ki\"m,,,,,02 Jan 2020\n"
                                   "Cy,Li,,,,,31 Feb 2020\nDi,Wu,,,Acme, Inc,CTO,01 Jan 2020\n"
                                   "Ed,Ng,,,,,03 Jan 2020\n");
    REQUIRE(p.contacts.size() == 2);
    CHECK(p.contacts[0].name == "Ann Lee");
    CHECK(p.contacts[1].name == "Ed Ng");
    REQUIRE(p.summary.skipped.size() == 3);
    CHECK(p.summary.skipped[0].line == 3);
    CHECK(p.summary.skipped[0].reason == "bad quoting");
    CHECK(p.summary.skipped[1].line == 4);
    CHECK(p.summary.skipped[1].reason == "bad date");
    CHECK(p.summary.skipped[1].why == "Connected On '31 Feb 2020' is not a date like '03 Jan 2024'");
    CHECK(p.summary.skipped[2].line == 5);
    CHECK(p.summary.skipped[2].reason == "too many fields");
}

TEST_CASE("a file that is not a Connections.csv is refused; one cut short stores nothing") {
    CHECK(error_for("Name,Email\nAnn,a@example.com\n").find("Connections.csv: no header row") == 0);
    try {
        parse_text(header + "Ann,Lee,,,,,01 Jan 2020\nBo,Kim,,,\"Acme,CTO,02 Jan 2020\nCy,Li\n");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::journal); // exit 3
        CHECK(std::string(e.what()).find("Connections.csv:3: the file ends inside a quoted") == 0);
    }
}

TEST_CASE("as Excel saves it again: dates in its formats, day or month first per file") {
    auto dates = [](const std::string& rows) {
        std::vector<Date> out;
        for (const auto& c : parse_text(header + rows).contacts) {
            REQUIRE(c.added_on);
            out.push_back(*c.added_on);
        }
        return out;
    };
    using Dates = std::vector<Date>;
    CHECK(dates("A,B,,,,,23-Apr-23\nC,D,,,,,2-Jan-21\n") == Dates{ymd(2023, 4, 23), ymd(2021, 1, 2)});
    CHECK(dates("A,B,,,,,2023-04-23\nC,D,,,,,2023-04-23 00:00:00\n") ==
          Dates{ymd(2023, 4, 23), ymd(2023, 4, 23)});
    // Month first, as the US Excel writes it: 4/5 is April, told by 4/23.
    CHECK(dates("A,B,,,,,4/5/2023\nC,D,,,,,4/23/2023\n") == Dates{ymd(2023, 4, 5), ymd(2023, 4, 23)});
    // Day first, as a European Excel writes it: 4/5 is 4 May, told by 23/04 further down.
    CHECK(dates("A,B,,,,,4/5/2023\nC,D,,,,,23/04/2023\n") == Dates{ymd(2023, 5, 4), ymd(2023, 4, 23)});
    CHECK(dates("A,B,,,,,23.04.2023\n") == Dates{ymd(2023, 4, 23)});
    // Nothing tells: LinkedIn's own order, month first.
    CHECK(dates("A,B,,,,,\"1/8/18, 6:14 PM\"\n") == Dates{ymd(2018, 1, 8)});
}

TEST_CASE("as a European Excel saves it: ';' separators and Windows-1252 text, said once") {
    Parsed p = parse_text("First Name;Last Name;URL;Email Address;Company;Position;Connected On\r\n"
                          "Ren\xE9;M\xFCller;;rene@example.fr;\"Soci\xE9t\xE9; SA\";CEO;23/04/2023\r\n"
                          "Zo\xEB;Smith;;;;;01/02/2023\r\n");
    REQUIRE(p.contacts.size() == 2);
    CHECK(p.contacts[0].name == "René Müller");
    CHECK(p.contacts[0].company == "Société; SA");
    CHECK(p.contacts[0].added_on == ymd(2023, 4, 23));
    CHECK(p.contacts[1].name == "Zoë Smith");
    CHECK(p.contacts[1].added_on == ymd(2023, 2, 1));
    REQUIRE(p.summary.warnings.size() == 1);
    CHECK(p.summary.warnings[0].find("Connections.csv:2: ") == 0);
}

TEST_CASE("white space and no-break spaces are trimmed; only local@domain is an email") {
    Parsed p = parse_text(header + "\xC2\xA0 Ann \xC2\xA0,Lee\xC2\xA0,,urn:li:member:123, Acme\xC2\xA0,"
                                   "CTO ,01 Jan 2020\nBo,Kim,, bo@example.com ,,,\n");
    REQUIRE(p.contacts.size() == 2);
    CHECK(p.contacts[0].name == "Ann Lee");
    CHECK(p.contacts[0].emails.empty());
    CHECK(p.contacts[0].company == "Acme");
    CHECK(p.contacts[0].role == "CTO");
    CHECK(p.contacts[1].emails == std::vector<std::string>{"bo@example.com"});
}

TEST_CASE("contacts are handed on as they are read, not after the whole file") {
    std::string text = header;
    for (int i = 0; i < 100; ++i) {
        text += "Person,Number" + std::to_string(i) + ",,,,,01 Jan 2020\n";
    }
    text += "Broken,\"Row\n"; // the error comes after every good row was handed on
    std::istringstream in(text);
    int seen = 0;
    CHECK_THROWS_AS(read_linkedin(in, "c.csv", [&](const Contact&) { ++seen; }), Error);
    CHECK(seen == 100);
}
