"""Imports of the files people really have: vCards from the test suites of vCard
libraries (tests/data/vcard/real, see SOURCES.md there), LinkedIn exports as Excel
saves them again, several emails per person, and an `import json` that trusts
nothing it reads."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE_DIR, NetlogTest, main  # noqa: E402

DATA = os.path.join(SOURCE_DIR, "tests", "data")
REAL = os.path.join(DATA, "vcard", "real")
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

# Who each real vCard file brings in, by handle, in file order; and what else its
# summary says. A file missing here fails test_every_real_file_is_listed.
REAL_VCARDS = {
    "ez-vcard/John_Doe_ANDROID.vcf": {
        # Two cards with only an email (named by it), then names of Ñ.
        "added": ["john-doe-company-com", "jane-doe-company-com", "n-n-n-n-n",
                  "n-n-n-n-n-n-n-n-n-n-n", "n-n-n-n", "nnnn"]},
    "ez-vcard/John_Doe_BLACK_BERRY.vcf": {"added": ["john-doe"]},
    "ez-vcard/John_Doe_EVOLUTION.vcf": {"added": ["mr-john-richter-james-doe-sr"]},
    "ez-vcard/John_Doe_GMAIL.vcf": {"added": ["mr-john-richter-james-doe-sr"]},
    "ez-vcard/John_Doe_IPHONE.vcf": {"added": ["mr-john-richter-james-doe-sr"]},
    "ez-vcard/John_Doe_LOTUS_NOTES.vcf": {"added": ["mr-doe-john-i-johny"]},
    "ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf": {"added": ["mr-john-richter-james-doe-sr"]},
    "ez-vcard/John_Doe_MS_OUTLOOK.vcf": {"added": ["mr-john-richter-james-doe-sr"]},
    "ez-vcard/fullcontact.vcf": {"added": ["prefix-firstname-middlename-lastname-suffix"]},
    "ez-vcard/gmail-list.vcf": {"added": ["arnold-smith", "chris-beatle", "doug-white"]},
    "ez-vcard/gmail-single.vcf": {"added": ["greg-dartmouth"]},
    "ez-vcard/gmail-single2.vcf": {"added": ["vcard-test"]},
    "ez-vcard/issue114.vcf": {"added": ["dummy-dummy"]},
    "ez-vcard/outlook-2003.vcf": {"added": ["john-doe-iii"]},
    "ez-vcard/outlook-2007.vcf": {"added": ["mr-michael-angstadt-jr"]},
    "ez-vcard/rfc2426-example.vcf": {"added": ["frank-dawson", "tim-howes"]},
    "ez-vcard/rfc6350-example.vcf": {"added": ["simon-perreault"]},
    "ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf": {"added": ["john-doe"]},
    "folkerkinzel-vcards/AnsiIssue.vcf": {"added": ["ralf-rastral"]},
    "folkerkinzel-vcards/AnsiIssueInvalidEncoding.vcf": {"added": ["ralf-rastral"]},
    "folkerkinzel-vcards/AnsiIssueNoEncoding.vcf": {"added": ["ralf-rastral"]},
    "folkerkinzel-vcards/Empty.vcf": {"added": []},
    "folkerkinzel-vcards/LabelIssue.vcf": {"added": ["rudi-wimmel"]},
    "folkerkinzel-vcards/LabelTest1.vcf": {"added": ["rudi-wimmel"]},
    "folkerkinzel-vcards/LabelTest2.vcf": {"added": ["rudi-wimmel"]},
    "folkerkinzel-vcards/MultiAnsiFilterTests-German.vcf": {
        "added": ["soren-tave-nusslebaum"], "warned": True},
    # Windows-1253, -1255 and -1251 with no CHARSET: read as Windows-1252, as netlog
    # reads every such file, with the warning; the names are the wrong letters.
    "folkerkinzel-vcards/MultiAnsiFilterTests-Greek.vcf": {"added": ["aaaayeco"], "warned": True},
    "folkerkinzel-vcards/MultiAnsiFilterTests-Hebrew.vcf": {
        "added": ["aooei-euai"], "warned": True},
    "folkerkinzel-vcards/MultiAnsiFilterTests-Murks.vcf": {
        "added": ["soren-tave-nusslebaum"], "warned": True},
    "folkerkinzel-vcards/MultiAnsiFilterTests-Ukrainian.vcf": {
        "added": ["a³oae³e-aieiaeiediae-eee-ei"], "warned": True},
    "folkerkinzel-vcards/MultiAnsiFilterTests-utf-8.vcf": {"added": ["孔夫子"]},
    "folkerkinzel-vcards/MultiAnsiFilterTests-v3Ansi.vcf": {
        "added": ["folker-kinzel", "kms-aussenstelle"], "warned": True},
    "folkerkinzel-vcards/MultiAnsiFilterTests-v3Utf16Bom.vcf": {
        "added": ["folker-kinzel", "kms-aussenstelle"]},
    "folkerkinzel-vcards/Outlook-v2.vcf": {"added": ["herr-max-anderer-mustermann-sen"]},
    "folkerkinzel-vcards/Photo-Outlook-v2.vcf": {"added": [], "ignored": 1},  # no name
    "folkerkinzel-vcards/Photo-v3.vcf": {"added": ["emma-musterfrau"]},
    "folkerkinzel-vcards/Utf-8-Greek.vcf": {"added": ["βαγγέλης"]},
    "folkerkinzel-vcards/Utf-8-Hebrew.vcf": {"added": ["אפרים-קישון"]},
    "folkerkinzel-vcards/Utf-8-Ukrainian.vcf": {"added": ["віталій-володи́мирович-кличко́"]},
    "folkerkinzel-vcards/WhatsAppIssue.vcf": {"added": ["zzmad-perla-45"]},
    "folkerkinzel-vcards/v2_1.vcf": {"added": ["maxl"]},
    "folkerkinzel-vcards/v3.vcf": {"added": ["folker-kinzel", "kms-aussenstelle"]},
    "folkerkinzel-vcards/v4.vcf": {"added": ["mohrke-gerda", "dr-max-horst-mustermann-jr-maxl-sed"]},
}
# Files that are cut short: nothing of them is stored, exit 3.
CUT_SHORT = {"folkerkinzel-vcards/Cropped_2_1.vcf"}


def real_files():
    for folder in sorted(os.listdir(REAL)):
        path = os.path.join(REAL, folder)
        if os.path.isdir(path):
            for name in sorted(os.listdir(path)):
                if name.endswith(".vcf"):
                    yield f"{folder}/{name}"


class RealVCards(NetlogTest):
    def import_file(self, rel, *args):
        env = {"NETLOG_JOURNAL": os.path.join(self.dir, rel.replace("/", "_") + ".db")}
        r = self.ok("--json", "import", "vcard", os.path.join(REAL, rel), *args, env=env)
        return json.loads(r.out), r.err, env

    def test_every_real_file_is_listed(self):
        self.assertEqual(sorted(real_files()), sorted(set(REAL_VCARDS) | CUT_SHORT))

    def test_each_real_file_brings_in_its_people(self):
        for rel, expected in REAL_VCARDS.items():
            with self.subTest(file=rel):
                doc, err, env = self.import_file(rel)
                self.assertEqual([p["handle"] for p in doc["added"]], expected["added"])
                self.assertEqual((doc["skipped"], doc["not_people"], doc["ignored"]),
                                 ([], 0, expected.get("ignored", 0)))
                warned = "Windows-1252" in err
                self.assertEqual(warned, expected.get("warned", False), err)
                # Importing it again changes nothing.
                again = self.js("import", "vcard", os.path.join(REAL, rel), env=env)
                self.assertEqual((again["added"], again["updated"]), ([], []))

    def test_a_file_cut_short_stores_nothing(self):
        self.ok("people", "add", "Ann Lee")
        before = self.journal_bytes()
        for rel in CUT_SHORT:
            r = self.fails(3, "import", "vcard", os.path.join(REAL, rel))
            self.assertIn("cut short", r.err)
            self.assertEqual(self.journal_bytes(), before)

    def test_outlook_every_email_and_the_soft_line_breaks(self):
        doc, _, env = self.import_file("ez-vcard/outlook-2003.vcf")
        person = self.js("show", "john-doe-iii", env=env)["person"]
        self.assertEqual(person["email"], "jdoe@hotmail.com")
        self.assertEqual(person["notes"],
                         "This is the note field!!\nSecond line\n\nThird line is empty")
        doc, _, env = self.import_file(
            "ez-vcard/thunderbird-MoreFunctionsForAddressBook-extension.vcf")
        self.assertEqual(self.js("show", "john-doe", env=env)["person"]["emails"],
                         ["doe.john@hotmail.com", "additional-email@company.com",
                          "additional-email1@company.com", "additional-email2@company.com",
                          "additional-email3@company.com"])
        doc, _, env = self.import_file("ez-vcard/John_Doe_LOTUS_NOTES.vcf")
        self.assertEqual(self.js("show", "mr-doe-john-i-johny", env=env)["person"]["emails"],
                         ["john.doe@ibm.com", "billy_bob@gmail.com"])

    def test_windows_1252_and_utf16(self):
        doc, err, env = self.import_file("folkerkinzel-vcards/MultiAnsiFilterTests-German.vcf")
        self.assertEqual(err.count("Windows-1252"), 1, err)
        self.assertEqual(self.js("show", "soren-tave-nusslebaum", env=env)["person"]["name"],
                         "Sören Täve Nüßlebaum")
        doc, err, env = self.import_file("folkerkinzel-vcards/MultiAnsiFilterTests-v3Utf16Bom.vcf")
        self.assertEqual(self.js("show", "kms-aussenstelle", env=env)["person"]["name"],
                         "KMS Außenstelle")


class NotPeople(NetlogTest):
    def test_groups_and_organisations_are_counted_not_added(self):
        path = os.path.join(self.dir, "groups.vcf")
        with open(path, "w") as f:
            f.write("BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Book club\nEND:VCARD\n"
                    "BEGIN:VCARD\nVERSION:3.0\nX-ADDRESSBOOKSERVER-KIND:group\nFN:Family\n"
                    "END:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:Ann Lee\nEND:VCARD\n")
        doc = self.js("import", "vcard", path)
        self.assertEqual(([p["handle"] for p in doc["added"]], doc["not_people"]),
                         (["ann-lee"], 2))
        r = self.ok("import", "vcard", path, "--dry-run")
        self.assertIn("0 added, 0 updated, 1 unchanged, 2 not people", r.out)


class LinkedInAsExcelSavesIt(NetlogTest):
    def test_european_excel_semicolons_windows_1252_day_first(self):
        path = os.path.join(DATA, "linkedin", "Connections-excel-eu.csv")
        r = self.ok("--json", "import", "linkedin", path)
        doc = json.loads(r.out)
        self.assertEqual(r.err.count("Windows-1252"), 1, r.err)
        self.assertEqual([p["handle"] for p in doc["added"]],
                         ["rene-muller", "jurgen-weiss", "carla-martin", "carla-martin-2",
                          "zoe-odegaard"])
        self.assertEqual(doc["ignored"], 1)
        rene = self.js("show", "rene-muller")["person"]
        self.assertEqual((rene["name"], rene["company"], rene["added_on"], rene["email"]),
                         ("René Müller", "Société Générale; Paris", "2024-01-03",
                          "rene@example.fr"))
        self.assertIsNone(self.js("show", "jurgen-weiss")["person"]["email"])  # urn:li:member
        carla = self.js("show", "carla-martin")["person"]
        self.assertEqual((carla["name"], carla["role"]), ("Carla Martín", "Ingeniera"))
        self.assertEqual(self.js("show", "carla-martin-2")["person"]["added_on"], "2020-08-02")
        self.assertEqual(self.js("show", "zoe-odegaard")["person"]["role"],
                         "Geolog – “Senior”")

    def test_us_excel_short_dates_and_two_people_of_one_name(self):
        path = os.path.join(DATA, "linkedin", "Connections-excel-us.csv")
        doc = self.js("import", "linkedin", path)
        self.assertEqual([p["handle"] for p in doc["added"]],
                         ["ryan-murphy", "ryan-murphy-2", "alice-chen", "marek-novak"])
        self.assertEqual([self.js("show", h)["person"]["added_on"]
                          for h in ("ryan-murphy", "ryan-murphy-2", "alice-chen")],
                         ["2023-04-23", "2021-01-04", "2018-01-08"])
        self.assertEqual(self.js("show", "marek-novak")["person"]["email"], "marek@example.cz")
        export = self.ok("export").out.splitlines()[1:]
        again = self.js("import", "linkedin", path)
        self.assertEqual((again["added"], again["updated"], len(again["unchanged"])),
                         ([], [], 4))
        self.assertEqual(self.ok("export").out.splitlines()[1:], export)  # no updated_at moved

    def test_accents_are_significant_when_matching_a_name(self):
        self.ok("people", "add", "Carla Martin")
        path = os.path.join(self.dir, "c.csv")
        with open(path, "w") as f:
            f.write(HEADER + "Carla,Martín,,,Telefónica,Ingeniera,01 Jan 2020\n")
        doc = self.js("import", "linkedin", path)
        self.assertEqual([p["handle"] for p in doc["added"]], ["carla-martin-2"])


class SeveralEmails(NetlogTest):
    def person(self, who):
        return self.js("show", who)["person"]

    def test_add_set_rm_show_and_export(self):
        self.ok("people", "add", "Ann Lee", "--email", "ann@work.example",
                "--email", "ann@home.example")
        ann = self.person("ann-lee")
        self.assertEqual((ann["email"], ann["emails"]),
                         ("ann@work.example", ["ann@work.example", "ann@home.example"]))
        self.ok("people", "set", "ann", "--email", "ann@new.example", "--email",
                "ANN@home.example")
        self.assertEqual(self.person("ann-lee")["emails"],
                         ["ann@work.example", "ann@home.example", "ann@new.example"])
        self.ok("people", "set", "ann", "--rm-email", "ann@work.example")
        ann = self.person("ann-lee")
        self.assertEqual((ann["email"], ann["emails"]),
                         ("ann@home.example", ["ann@home.example", "ann@new.example"]))
        self.assertIn("ann@home.example (also ann@new.example)", self.ok("show", "ann").out)
        record = [json.loads(line) for line in self.ok("export").out.splitlines()][1]
        self.assertEqual((record["email"], record["emails"]),
                         ("ann@home.example", ["ann@home.example", "ann@new.example"]))
        before = self.journal_bytes()
        r = self.fails(2, "people", "set", "ann", "--rm-email", "nobody@example.com")
        self.assertIn("no such address", r.err)
        self.ok("people", "set", "ann", "--email", "")
        self.assertEqual(self.person("ann-lee")["emails"], [])
        self.assertNotEqual(self.journal_bytes(), before)

    def test_only_local_at_domain_is_an_email(self):
        self.ok("people", "add", "Bo Kim")
        before = self.journal_bytes()
        for bad in ("urn:li:member:123", "ann", "ann@", "@example.com", "a b@example.com",
                    "Ann <ann@example.com>", "a@b@example.com"):
            with self.subTest(email=bad):
                r = self.fails(2, "people", "add", "Ann Lee", "--email", bad)
                self.assertIn("not an email address", r.err)
                r = self.fails(2, "people", "set", "bo", "--email", bad)
                self.assertIn("not an email address", r.err)
        self.assertEqual(self.journal_bytes(), before)

    def test_imports_keep_every_address_and_match_on_any(self):
        self.ok("people", "add", "Bo Kim", "--email", "bo@work.example")
        path = os.path.join(self.dir, "bo.vcf")
        with open(path, "w") as f:
            f.write("BEGIN:VCARD\nVERSION:3.0\nFN:Robert Kim\nEMAIL:robert@home.example\n"
                    "EMAIL;TYPE=pref:bo@work.example\nEND:VCARD\n")
        doc = self.js("import", "vcard", path)
        self.assertEqual(doc["updated"], [{"handle": "bo-kim", "name": "Bo Kim",
                                           "fields": ["emails"]}])
        self.assertEqual(self.person("bo-kim")["emails"],
                         ["bo@work.example", "robert@home.example"])
        self.assertEqual(self.js("import", "vcard", path)["updated"], [])
        # A later file that only knows the second address still finds Bo.
        with open(path, "w") as f:
            f.write("BEGIN:VCARD\nVERSION:3.0\nFN:R. Kim\nEMAIL:Robert@Home.example\nEND:VCARD\n")
        self.assertEqual([p["handle"] for p in self.js("import", "vcard", path)["unchanged"]],
                         ["bo-kim"])

    def test_import_json_carries_them_and_reads_an_export_with_email_only(self):
        self.ok("people", "add", "Ann Lee", "--email", "a@one.example", "--email", "a@two.example")
        export = self.ok("export").out
        other = {"NETLOG_JOURNAL": os.path.join(self.dir, "other.db")}
        self.ok("import", "json", "-", input=export, env=other)
        self.assertEqual(self.js("show", "ann-lee", env=other)["person"]["emails"],
                         ["a@one.example", "a@two.example"])
        lines = export.splitlines()
        header, person = json.loads(lines[0]), json.loads(lines[1])
        del header["schema"]  # a header without schema is fine
        del person["emails"]  # an older export: email only
        third = {"NETLOG_JOURNAL": os.path.join(self.dir, "third.db")}
        self.ok("import", "json", "-", input=json.dumps(header) + "\n" + json.dumps(person) + "\n",
                env=third)
        self.assertEqual(self.js("show", "ann-lee", env=third)["person"]["emails"],
                         ["a@one.example"])


    def test_check_finds_the_primary_email_out_of_step_with_the_list(self):
        self.ok("people", "add", "Ann Lee", "--email", "ann@work.example",
                "--email", "ann@home.example")
        self.ok("people", "add", "Bo Kim")
        self.assertEqual(self.ok("check").out, "")
        self.assertEqual(self.run_netlog("check").err, "")
        import sqlite3
        db = sqlite3.connect(self.journal)
        db.execute("UPDATE people SET email = 'ann@home.example' WHERE handle = 'ann-lee'")
        db.execute("UPDATE people SET email = 'bo@example.com' WHERE handle = 'bo-kim'")
        db.commit()
        db.close()
        r = self.run_netlog("check")
        self.assertEqual(r.code, 3, r)
        self.assertIn("email: person ann-lee has primary email 'ann@home.example' but the "
                      "first of their emails is 'ann@work.example'", r.err)
        self.assertIn("email: person bo-kim has primary email 'bo@example.com' but the first "
                      "of their emails is NULL", r.err)


class ImportJsonTrustsNothing(NetlogTest):
    HEADER = {"type": "netlog-export", "version": 1, "exported_at": "2026-11-26T06:00:00.000Z"}
    U1 = "11111111-1111-4111-8111-111111111111"
    U2 = "22222222-2222-4222-8222-222222222222"

    def person(self, uuid, **fields):
        record = {"type": "person", "uuid": uuid, "handle": "p" + uuid[:4], "name": "P " + uuid[:4],
                  "tier": "weak", "cadence_days": None, "introduced_by": None,
                  "source": "manual", "email": None, "company": None, "role": None, "url": None,
                  "notes": None, "tags": [], "added_on": "2026-01-02", "snooze_until": None,
                  "external_id": None, "created_at": "2026-01-02T10:00:00.000Z",
                  "updated_at": "2026-01-02T10:00:00.000Z"}
        record.update(fields)
        return record

    def deleted(self, uuid, into):
        return {"type": "deleted", "uuid": uuid, "deleted_type": "person",
                "deleted_at": "2026-02-01T00:00:00.000Z", "merged_into": into}

    def refused(self, records, line, message):
        if not os.path.exists(self.journal):
            self.ok("people", "add", "Zed")
        before = self.journal_bytes()
        text = "".join(json.dumps(r) + "\n" for r in [self.HEADER] + records)
        path = os.path.join(self.dir, "in.jsonl")
        with open(path, "w") as f:
            f.write(text)
        r = self.fails(2, "import", "json", path)
        self.assertTrue(r.err.startswith(f"netlog: {path}:{line}: "), r.err)
        self.assertIn(message, r.err)
        self.assertEqual(self.journal_bytes(), before)

    def test_merged_into_itself(self):
        self.refused([self.person(self.U1), self.deleted(self.U2, self.U2)], 3, "into itself")

    def test_a_cycle_of_merges(self):
        self.refused([self.deleted(self.U1, self.U2), self.deleted(self.U2, self.U1)], 3, "cycle")

    def test_a_uuid_of_two_types(self):
        interaction = {"type": "interaction", "uuid": self.U1, "on": "2026-03-04", "kind": "meet",
                       "note": "", "tags": [], "them": False, "people": [self.U2],
                       "created_at": "2026-03-04T10:00:00.000Z",
                       "updated_at": "2026-03-04T10:00:00.000Z"}
        self.refused([self.person(self.U1), self.person(self.U2), interaction], 4, "uuid")

    def test_a_malformed_uuid(self):
        self.refused([self.person("p1")], 2, "not a uuid")

    def test_dates_in_the_future(self):
        # Against the clock, not --today: an export made "tomorrow" elsewhere is fine.
        self.refused([self.person(self.U1, updated_at="2099-01-01T12:00:00.000Z")], 2,
                     "in the future")
        self.refused([self.person(self.U1, added_on="2099-01-01")], 2, "in the future")

    def test_a_nul_in_text(self):
        self.refused([self.person(self.U1, notes="a\u0000b")], 2, "NUL")


if __name__ == "__main__":
    main()
