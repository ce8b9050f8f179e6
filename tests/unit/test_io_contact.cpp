#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/validate.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace netlog;

namespace {

using Fields = std::vector<std::string>;

Person person(const std::string& source) {
    Person p;
    p.name = "Ann Lee";
    p.handle = "ann-lee";
    p.tier = Tier::inner;
    p.source = source;
    p.added_on = Date::from_ymd(2020, 1, 1);
    return p;
}

Contact contact() {
    Contact c;
    c.name = "Annie Lee";
    c.emails = {"ann@new.example", "ann@old.example"};
    c.company = "NewCo";
    c.role = "CTO";
    c.url = "https://linkedin.com/in/ann";
    c.notes = "from the import";
    c.added_on = Date::from_ymd(2024, 5, 5);
    return c;
}

} // namespace

TEST_CASE("an import fills empty fields and never renames, re-tiers or re-dates") {
    Person p = person("manual");
    CHECK(merge_contact(p, contact()) == Fields{"email", "company", "role", "url", "notes"});
    CHECK(p.name == "Ann Lee");
    CHECK(p.handle == "ann-lee");
    CHECK(p.tier == Tier::inner);
    CHECK(p.added_on == Date::from_ymd(2020, 1, 1));
    CHECK(p.email == "ann@new.example");
    CHECK(p.company == "NewCo");
    CHECK(merge_contact(p, contact()).empty()); // a second time changes nothing
}

TEST_CASE("a person entered by hand keeps what the user typed") {
    Person p = person("manual");
    p.company = "Typed Inc";
    p.role = "Founder";
    p.email = "typed@example.com";
    CHECK(merge_contact(p, contact()) == Fields{"emails", "url", "notes"});
    CHECK(p.company == "Typed Inc");
    CHECK(p.role == "Founder");
    CHECK(p.email == "typed@example.com"); // the primary stays; the others join it
    CHECK(p.emails == Fields{"typed@example.com", "ann@new.example", "ann@old.example"});
}

TEST_CASE("an imported person follows their source's company, role and email") {
    Person p = person("linkedin");
    p.company = "OldCo";
    p.role = "Engineer";
    p.email = "ann@gone.example";
    p.notes = "my own note";
    p.url = "https://example.com/ann";
    CHECK(merge_contact(p, contact()) == Fields{"email", "company", "role"});
    CHECK(p.company == "NewCo");
    CHECK(p.role == "CTO");
    CHECK(p.email == "ann@new.example");
    CHECK(p.notes == "my own note"); // notes and URL are only filled, never replaced
    CHECK(p.url == "https://example.com/ann");
}

TEST_CASE("an address that is still among the contact's is kept; empty fields never empty one") {
    Person p = person("vcard");
    p.email = "ann@old.example";
    p.company = "NewCo";
    Contact c = contact();
    c.role.reset();
    c.company = "";
    CHECK(merge_contact(p, c) == Fields{"emails", "url", "notes"});
    CHECK(p.email == "ann@old.example");
    CHECK(p.emails == Fields{"ann@old.example", "ann@new.example"});
    CHECK(merge_contact(p, c).empty()); // again: nothing new
    CHECK(p.company == "NewCo");
}

TEST_CASE("contacts are held to the limits of people add") {
    Contact c = contact();
    CHECK_NOTHROW(check_contact(c));
    c.company = std::string(600, 'x');
    CHECK_THROWS_WITH_AS(check_contact(c), "company is 600 bytes long; the limit is 512 bytes",
                         Error);
    c = contact();
    c.name = "";
    CHECK_THROWS_AS(check_contact(c), Error);
}

TEST_CASE("an email address is local@domain and nothing else") {
    for (const char* good : {"ann@example.com", "a.b+c@sub.example.org", "x@localhost",
                             "jürgen@müller.example"}) {
        CHECK_MESSAGE(is_email_address(good), good);
    }
    for (const char* bad : {"", "ann", "@example.com", "ann@", "a@b@c.example",
                            "urn:li:member:12345", "Ann <ann@example.com>", "a b@example.com",
                            "ann@example..com", "ann@.example.com", "ann@example.com.",
                            "mailto:ann@example.com", "a\x1b@example.com"}) {
        CHECK_FALSE_MESSAGE(is_email_address(bad), bad);
    }
    Contact c = contact();
    c.emails = {"urn:li:member:1"};
    CHECK_THROWS_AS(check_contact(c), Error);
}

TEST_CASE("a person's address list: the primary first, no repeats, nothing without a primary") {
    Person p = person("manual");
    p.emails = {"b@example.com"};
    CHECK(email_list(p).empty());
    p.email = "a@example.com";
    p.emails = {"b@example.com", "A@example.com", "b@example.com"};
    CHECK(email_list(p) == Fields{"a@example.com", "b@example.com"});
}
