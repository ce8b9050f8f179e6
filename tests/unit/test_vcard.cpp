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
    std::filesystem::path(__FILE__).parent_path().parent_path() / "data" / "vcard";

struct Parsed {
    std::vector<Contact> contacts;
    ContactFileSummary summary;
};

Parsed parse(std::istream& in, const std::string& source) {
    Parsed p;
    p.summary = read_vcard(in, source, [&](const Contact& c) { p.contacts.push_back(c); });
    return p;
}

Parsed parse_text(const std::string& text) {
    std::istringstream in(text);
    return parse(in, "contacts.vcf");
}

Parsed parse_file(const std::string& name) {
    std::ifstream in(data_dir / name, std::ios::binary);
    REQUIRE(in);
    return parse(in, name);
}

Contact one(const std::string& text) {
    Parsed p = parse_text(text);
    REQUIRE(p.contacts.size() == 1);
    return p.contacts.front();
}

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

using Emails = std::vector<std::string>;

} // namespace

TEST_CASE("Google Contacts: 3.0, CRLF, folded lines, escapes, preferred email first") {
    Parsed p = parse_file("google.vcf");
    CHECK(p.summary.contacts == 2);
    CHECK(p.summary.ignored == 1); // a card with only a phone number
    REQUIRE(p.contacts.size() == 2);
    const Contact& priya = p.contacts[0];
    CHECK(priya.line == 1);
    CHECK(priya.name == "Priya Raman");
    CHECK(priya.emails == Emails{"priya.raman@globex.example", "priya@example.org"});
    CHECK(priya.company == "Globex Corporation");
    CHECK(priya.role == "Director of Research");
    CHECK(priya.notes == "Met at the Lisbon data summit, 2024. She offered to review the grant "
                         "proposal; follow up in spring.\nIntroduced by Tom.");
    CHECK(priya.url == "https://priya.example.org");
    CHECK(priya.key.empty()); // Google writes no UID
    CHECK(p.contacts[1].name == "Tomás Herrera");
    CHECK(p.contacts[1].line == 17);
    CHECK(p.contacts[1].company == "Hooli"); // ORG's first component
}

TEST_CASE("Apple Contacts: grouped item1.EMAIL with X-ABLabel, a photo, a company card") {
    Parsed p = parse_file("apple.vcf");
    REQUIRE(p.contacts.size() == 2);
    const Contact& chidi = p.contacts[0];
    CHECK(chidi.name == "Chidi Okafor");
    CHECK(chidi.emails == Emails{"chidi@initech.example", "c.okafor@initech.example"});
    CHECK(chidi.company == "Initech");
    CHECK(chidi.role == "Staff Engineer");
    CHECK(chidi.url == "https://chidi.example.net");
    CHECK(chidi.notes == "Loves climbing; owes me a book.");
    CHECK(chidi.key == "vcard:0D5C6F1E-3B7A-4C2D-9E8F-1A2B3C4D5E6F:ABPerson");
    const Contact& company = p.contacts[1];
    CHECK(company.name == "Umbrella Corporation");
    CHECK(company.company == "Umbrella Corporation");
}

TEST_CASE("khard: 4.0 with UID, PREF=1 and VALUE=uri") {
    Parsed p = parse_file("khard.vcf");
    REQUIRE(p.contacts.size() == 2);
    const Contact& ingrid = p.contacts[0];
    CHECK(ingrid.name == "Ingrid Solberg");
    CHECK(ingrid.key == "vcard:5f1b0a4e-8c3d-4f7a-9b2e-6d4c3a2b1f00");
    CHECK(ingrid.emails == Emails{"ingrid.solberg@uni.example", "ingrid@mail.example"});
    CHECK(ingrid.company == "University of Tromsø");
    CHECK(ingrid.role == "Professor");
    CHECK(ingrid.url == "https://ingrid.example.org");
    CHECK(ingrid.notes == "Advisor on the grant. Path: C:\\data\\grants");
    const Contact& kenji = p.contacts[1];
    CHECK(kenji.name == "Kenji Nakamura"); // no FN: made from N
    CHECK(kenji.role == "Mentor");         // ROLE when there is no TITLE
    CHECK(kenji.key == "vcard:urn:uuid:0b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e");
}

TEST_CASE("a 2.1 phone export: quoted-printable UTF-8, soft line breaks, Latin-1, base64") {
    Parsed p = parse_file("phone-2.1.vcf");
    REQUIRE(p.contacts.size() == 2);
    const Contact& ayse = p.contacts[0];
    CHECK(ayse.name == "Ayşe Öztürk");
    CHECK(ayse.emails == Emails{"ayse@example.com.tr"});
    CHECK(ayse.company == "Çay Evi");
    CHECK(ayse.notes == "Tea importer, met her in Istanbul; she knows everyone in the trade.\n"
                        "Ask about the Rize farms.");
    const Contact& jurgen = p.contacts[1];
    CHECK(jurgen.name == "Jürgen Müller");
    CHECK(jurgen.line == 14);
    CHECK(jurgen.role == "Einkauf");
}

TEST_CASE("folding with a tab, LF line ends, escapes and several cards") {
    Parsed p =
        parse_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\n\tLovelace\nNOTE:a\\,b\\;c\\nd\\\\e\\Nf\n"
                   "END:VCARD\n\nbegin:vcard\nversion:3.0\nfn:Grace Hopper\nend:vcard\n");
    REQUIRE(p.contacts.size() == 2);
    CHECK(p.contacts[0].name == "AdaLovelace");
    CHECK(p.contacts[0].notes == "a,b;c\nd\\e\nf");
    CHECK(p.contacts[1].name == "Grace Hopper");
    CHECK(p.contacts[1].line == 8);
}

TEST_CASE("the name comes from FN, else N, else ORG, else the email") {
    CHECK(one("BEGIN:VCARD\nVERSION:3.0\nN:Curie;Marie;Salomea;Dr.;PhD\nEND:VCARD\n").name ==
          "Dr. Marie Salomea Curie PhD");
    CHECK(one("BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nORG:Acme\\, Inc.;Sales\nEND:VCARD\n").name ==
          "Acme, Inc.");
    CHECK(one("BEGIN:VCARD\nVERSION:4.0\nEMAIL:x@example.com\nEND:VCARD\n").name ==
          "x@example.com");
    Parsed empty = parse_text("BEGIN:VCARD\nVERSION:4.0\nTEL:123\nEND:VCARD\n");
    CHECK(empty.contacts.empty());
    CHECK(empty.summary.ignored == 1);
}

TEST_CASE("quoted parameter values may hold ':' and ';'") {
    Contact c =
        one("BEGIN:VCARD\nVERSION:4.0\nFN:Bo\nEMAIL;TYPE=\"work;x:y\";PREF=1:bo@example.com\n"
            "EMAIL:b@example.com\nEND:VCARD\n");
    CHECK(c.emails == Emails{"bo@example.com", "b@example.com"});
}

TEST_CASE("malformed vCards stop with the file and line") {
    CHECK(error_for("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n") ==
          "contacts.vcf:1: this card has no END:VCARD");
    CHECK(error_for("BEGIN:VCARD\nFN:Ann\nBEGIN:VCARD\nEND:VCARD\n").find("contacts.vcf:3: ") == 0);
    CHECK(error_for("BEGIN:VCARD\nFN:Ann\njust some text\nEND:VCARD\n") ==
          "contacts.vcf:3: a line without ':' inside a card");
    CHECK(
        error_for("Name,Email\nAnn,a@example.com\n").find("contacts.vcf:1: expected BEGIN:VCARD") ==
        0);
    CHECK(error_for("BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:Ann=ZZ\nEND:VCARD\n") ==
          "contacts.vcf:3: broken quoted-printable text in FN");
    CHECK(error_for("BEGIN:VCARD\nVERSION:5.0\nFN:Ann\nEND:VCARD\n").find("contacts.vcf:2: ") == 0);
    CHECK(
        error_for("BEGIN:VCARD\nFN;CHARSET=SHIFT_JIS:Ann\nEND:VCARD\n").find("contacts.vcf:2: ") ==
        0);
    CHECK(error_for("BEGIN:VCARD\nFN:Ann \xC3(\nEND:VCARD\n") ==
          "contacts.vcf:2: FN is not valid UTF-8");
}
