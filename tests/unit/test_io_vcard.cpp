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

TEST_CASE("a card that cannot be read is skipped with its line and why; the rest come in") {
    Parsed p = parse_text("BEGIN:VCARD\nFN:Ann\nBEGIN:VCARD\nFN:Bo\nEND:VCARD\n"
                          "BEGIN:VCARD\nFN:Cy\njust some text\nEND:VCARD\n"
                          "BEGIN:VCARD\nVERSION:5.0\nFN:Di\nEND:VCARD\n"
                          "BEGIN:VCARD\nFN:Ed\nEND:VCARD\n");
    REQUIRE(p.contacts.size() == 2);
    CHECK(p.contacts[0].name == "Bo");
    CHECK(p.contacts[1].name == "Ed");
    REQUIRE(p.summary.skipped.size() == 3);
    CHECK(p.summary.skipped[0].line == 1);
    CHECK(p.summary.skipped[0].reason == "no END:VCARD");
    CHECK(p.summary.skipped[1].line == 8);
    CHECK(p.summary.skipped[1].reason == "unreadable line");
    CHECK(p.summary.skipped[2].line == 11);
    CHECK(p.summary.skipped[2].reason == "unknown VERSION");
}

TEST_CASE("a file that is not vCard is refused; one cut short or unreadable stores nothing") {
    CHECK(
        error_for("Name,Email\nAnn,a@example.com\n").find("contacts.vcf:1: expected BEGIN:VCARD") ==
        0);
    try {
        parse_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ann\nEND:VCARD\nBEGIN:VCARD\nFN:Bo\n");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::journal); // exit 3
        CHECK(std::string(e.what()).find("contacts.vcf:5: the file ends inside this card") == 0);
    }
    // A stream that fails part way (EIO) is not the end of the file.
    struct FailingBuffer : std::streambuf {
        std::string text = "BEGIN:VCARD\nFN:Ann\nEND:VCARD\n";
        FailingBuffer() { setg(text.data(), text.data(), text.data() + text.size()); }
        int_type underflow() override { throw std::ios_base::failure("EIO"); }
    } buffer;
    std::istream in(&buffer);
    try {
        parse(in, "contacts.vcf");
        FAIL("no error");
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::journal);
        CHECK(std::string(e.what()).find("contacts.vcf: read error") == 0);
    }
    CHECK(parse_text("").contacts.empty()); // an empty file: nothing to import
}

TEST_CASE("bad bytes and broken escapes in what netlog reads become U+FFFD, not an error") {
    // Broken quoted-printable stays as written.
    CHECK(one("BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE:Ann=ZZ\nEND:VCARD\n").name ==
          "Ann=ZZ");
    // A second ORG ending in a byte that is no UTF-8: the card and the first ORG stay.
    Contact c = one("BEGIN:VCARD\nVERSION:2.1\nFN:Ann\nORG;CHARSET=UTF-8;ENCODING=QUOTED-"
                    "PRINTABLE:Acme\nORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Bad=80\n"
                    "PHOTO;ENCODING=QUOTED-PRINTABLE:=FF=FE\nEND:VCARD\n");
    CHECK(c.company == "Acme");
    CHECK(one("BEGIN:VCARD\nVERSION:3.0\nFN;CHARSET=UTF-8:Ann \xC3(\nEND:VCARD\n").name ==
          "Ann \xEF\xBF\xBD(");
}

TEST_CASE("quoted-printable soft line breaks continue any property, read or not (Outlook)") {
    Parsed p = parse_text("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:John Doe\r\n"
                          "LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:Cresent moon drive=0D=0A=\r\n"
                          "Albaney, New York  12345\r\n"
                          "NOTE;ENCODING=QUOTED-PRINTABLE:one=0D=0A=\r\n\r\n=74wo\r\n"
                          "EMAIL;PREF;INTERNET:john.doe@ibm.example\r\nEND:VCARD\r\n");
    REQUIRE(p.contacts.size() == 1);
    CHECK(p.summary.skipped.empty());
    CHECK(p.contacts[0].notes == "one\ntwo");
    CHECK(p.contacts[0].emails == Emails{"john.doe@ibm.example"});
}

TEST_CASE("CHARSET on any property, through iconv") {
    Contact c = one("BEGIN:VCARD\nVERSION:2.1\nFN;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:"
                    "=C8=E2=E0=ED\nORG;CHARSET=ISO-8859-15:Caf\xE9 \xA4\nTITLE;CHARSET=SHIFT_JIS:"
                    "\x93\xFA\x96\x7B\nEND:VCARD\n");
    CHECK(c.name == "Иван");
    CHECK(c.company == "Café €");
    CHECK(c.role == "日本");
}

TEST_CASE("8-bit text without CHARSET that is not UTF-8 is Windows-1252, said once") {
    Parsed p = parse_text("BEGIN:VCARD\nVERSION:2.1\nFN:J\xFCrgen M\xFCller\nNOTE:\x93quoted\x94 "
                          "\x80 5\nEND:VCARD\nBEGIN:VCARD\nVERSION:2.1\nFN:S\xF6ren\nEND:VCARD\n");
    REQUIRE(p.contacts.size() == 2);
    CHECK(p.contacts[0].name == "Jürgen Müller");
    CHECK(p.contacts[0].notes == "“quoted” € 5");
    CHECK(p.contacts[1].name == "Sören");
    REQUIRE(p.summary.warnings.size() == 1);
    CHECK(p.summary.warnings[0].find("contacts.vcf:3: ") == 0);
    CHECK(p.summary.warnings[0].find("Windows-1252") != std::string::npos);
}

TEST_CASE("UTF-16 files with a byte order mark, little and big endian") {
    std::string utf8 = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ødegaard\r\nEND:VCARD\r\n";
    for (bool little : {true, false}) {
        std::string bytes = little ? "\xFF\xFE" : "\xFE\xFF";
        // The text is Latin-1 and ASCII: one UTF-16 unit a character.
        std::u32string chars;
        for (std::size_t i = 0; i < utf8.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(utf8[i]);
            char32_t u = c;
            if (c >= 0xC0) {
                u = ((c & 0x1F) << 6) | (static_cast<unsigned char>(utf8[++i]) & 0x3F);
            }
            chars += u;
        }
        for (char32_t u : chars) {
            char lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
            bytes += little ? std::string{lo, hi} : std::string{hi, lo};
        }
        std::istringstream in(bytes);
        Parsed p = parse(in, "utf16.vcf");
        REQUIRE(p.contacts.size() == 1);
        CHECK(p.contacts[0].name == "Zoë Ødegaard");
    }
}

TEST_CASE("group and organisation cards are not people: counted, not handed on") {
    Parsed p = parse_text("BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Book club\nMEMBER:urn:uuid:1\n"
                          "END:VCARD\nBEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Acme\nEND:VCARD\n"
                          "BEGIN:VCARD\nVERSION:3.0\nX-ADDRESSBOOKSERVER-KIND:group\nFN:Family\n"
                          "END:VCARD\nBEGIN:VCARD\nVERSION:4.0\nKIND:individual\nFN:Ann\nEND:VCARD\n");
    REQUIRE(p.contacts.size() == 1);
    CHECK(p.contacts[0].name == "Ann");
    CHECK(p.summary.not_people == 3);
}

TEST_CASE("every EMAIL is kept, the preferred first, only local@domain, no repeats") {
    Contact c = one("BEGIN:VCARD\nVERSION:4.0\nFN:Bo\nEMAIL:b@example.com\n"
                    "EMAIL;PREF=2:second@example.com\nEMAIL;PREF=1:first@example.com\n"
                    "EMAIL:urn:li:member:12345\nEMAIL:mailto:m@example.com\nEMAIL:B@Example.com\n"
                    "END:VCARD\n");
    CHECK(c.emails == Emails{"first@example.com", "second@example.com", "b@example.com",
                             "m@example.com"});
    CHECK(one("BEGIN:VCARD\nVERSION:3.0\nFN:Cy\nEMAIL:c@example.com\nEMAIL;TYPE=INTERNET,pref:"
              "p@example.com\nEND:VCARD\n")
              .emails == Emails{"p@example.com", "c@example.com"});
}

TEST_CASE("a 2.1 AGENT's inline card is read past; the outer card goes on") {
    // As the vCard 2.1 specification shows it: the assistant's card on the lines after
    // AGENT:, or starting on the AGENT line itself.
    Parsed p = parse_text("BEGIN:VCARD\nVERSION:2.1\nN:Doe;Jane\nAGENT:\nBEGIN:VCARD\n"
                          "VERSION:2.1\nN:Friday;Fred\nEMAIL;INTERNET:fred@example.com\n"
                          "NOTE;ENCODING=QUOTED-PRINTABLE:two=\n lines\nEND:VCARD\n"
                          "EMAIL;INTERNET:jane@example.com\nORG:Acme\nEND:VCARD\n"
                          "BEGIN:VCARD\nVERSION:2.1\nFN:Bo\nAGENT:BEGIN:VCARD\nFN:Al\nEND:VCARD\n"
                          "EMAIL:bo@example.com\nEND:VCARD\n"
                          "BEGIN:VCARD\nVERSION:2.1\nFN:Cy\nAGENT:\nEMAIL:cy@example.com\nEND:VCARD\n");
    REQUIRE(p.contacts.size() == 3);
    CHECK(p.contacts[0].name == "Jane Doe");
    CHECK(p.contacts[0].emails == Emails{"jane@example.com"});
    CHECK(p.contacts[0].company == "Acme");
    CHECK(p.contacts[1].name == "Bo");
    CHECK(p.contacts[1].emails == Emails{"bo@example.com"});
    CHECK(p.contacts[2].emails == Emails{"cy@example.com"});
    CHECK(p.summary.skipped.empty());
}
