"""netlog import linkedin|vcard|json and netlog export: every quirk of the sample
files, idempotence, dry runs, round trips, merges and refused input."""
import json
import os
import resource
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, SCHEMA, SOURCE_DIR, TODAY, NetlogTest, main  # noqa: E402

DATA = os.path.join(SOURCE_DIR, "tests", "data")
CONNECTIONS = os.path.join(DATA, "linkedin", "Connections.csv")
CONNECTIONS_OLD = os.path.join(DATA, "linkedin", "Connections-old.csv")
VCARDS = {name: os.path.join(DATA, "vcard", name + ".vcf")
          for name in ("google", "apple", "khard", "phone-2.1")}
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
# What a person record of an export holds: every field of the journal, no totals.
PERSON_FIELDS = ["type", "uuid", "handle", "name", "tier", "cadence_days", "introduced_by",
                 "source", "email", "emails", "company", "role", "url", "notes", "tags", "added_on",
                 "snooze_until", "external_id", "created_at", "updated_at"]


class ImportTest(NetlogTest):
    def write(self, name, text, mode="w"):
        path = os.path.join(self.dir, name)
        with open(path, mode) as f:
            f.write(text)
        return path

    def person(self, who, **kw):
        return self.js("show", who, **kw)["person"]

    def people(self, **kw):
        return self.js("people", **kw)["people"]

    def handles(self, **kw):
        return [p["handle"] for p in self.people(**kw)]

    def export(self, **kw):
        """The export as a list of records, the header first."""
        return [json.loads(line) for line in self.ok("export", **kw).out.splitlines()]

    def other(self, name="other.db"):
        """The environment of a second journal."""
        return {"NETLOG_JOURNAL": os.path.join(self.dir, name)}

    def journal_bytes_of(self, env):
        """journal_bytes() of the journal `env` names."""
        data = b""
        for suffix in ("", "-wal"):
            path = env["NETLOG_JOURNAL"] + suffix
            if os.path.exists(path):
                with open(path, "rb") as f:
                    data += f.read()
        return data


class LinkedIn(ImportTest):
    def test_every_quirk_of_the_real_export(self):
        doc = self.js("import", "linkedin", CONNECTIONS)
        self.assertEqual(doc["dry_run"], False)
        self.assertEqual([p["handle"] for p in doc["added"]],
                         ["alice-chen", "bruce-wainwright", "dana-okoye", "carol-diaz",
                          "jose-alvarez", "sam-lee", "sam-lee-2", "mei-obrien-phd"])
        self.assertEqual((doc["updated"], doc["unchanged"], doc["skipped"], doc["ignored"]),
                         ([], [], [], 2))
        bruce = self.person("bruce-wainwright")
        self.assertEqual({k: bruce[k] for k in ("tier", "source", "added_on", "company", "role",
                                                "email", "url")},
                         {"tier": "none", "source": "linkedin", "added_on": "2023-02-15",
                          "company": "Wayne Enterprises, Inc.", "role": "CFO",
                          "email": "bruce.w@example.com",
                          "url": "https://www.linkedin.com/in/bwainwright"})
        self.assertEqual(self.person("dana-okoye")["role"], 'Head of "Special" Projects')
        carol = self.person("carol-diaz")  # stray spaces
        self.assertEqual((carol["name"], carol["company"], carol["role"], carol["email"]),
                         ("Carol Diaz", "Globex", "Product Manager", None))
        jose = self.person("jose-alvarez")
        self.assertEqual(jose["name"], "José Álvarez")
        self.assertEqual(jose["url"], "https://www.linkedin.com/in/jos%C3%A9-%C3%A1lvarez-7b1a2c3d")
        mei = self.person("mei-obrien-phd")
        self.assertEqual((mei["name"], mei["role"], mei["added_on"]),
                         ("Mei O'Brien, PhD", "Research Lead, Food Science", "2025-12-12"))
        self.assertEqual(self.person("alice-chen")["added_on"], "2024-01-03")
        self.assertEqual(len(self.people()), 8)

    def test_the_older_export_without_urls(self):
        doc = self.js("import", "linkedin", CONNECTIONS_OLD)
        self.assertEqual([p["handle"] for p in doc["added"]],
                         ["alice-chen", "marek-novak", "ruth-kagame"])
        self.assertEqual([self.person(h)["added_on"] for h in ("alice-chen", "marek-novak",
                                                               "ruth-kagame")],
                         ["2018-01-08", "2017-12-31", "2016-07-04"])
        self.assertEqual(self.person("ruth-kagame")["company"], "Tyrell, Corp.")
        again = self.js("import", "linkedin", CONNECTIONS_OLD)  # matched by email, then name
        self.assertEqual((len(again["added"]), len(again["updated"]), len(again["unchanged"])),
                         (0, 0, 3))

    def test_human_output(self):
        r = self.ok("import", "linkedin", CONNECTIONS)
        self.assertEqual(r.out, f"imported {CONNECTIONS}: 8 added, 0 updated, 0 unchanged, "
                                "2 without a name ignored\n")
        self.assertEqual(self.ok("-q", "import", "linkedin", CONNECTIONS).out, "")

    def test_reimport_is_idempotent(self):
        self.ok("import", "linkedin", CONNECTIONS)
        before, export = self.journal_bytes(), self.export()[1:]
        doc = self.js("import", "linkedin", CONNECTIONS)
        self.assertEqual((doc["added"], doc["updated"]), ([], []))
        self.assertEqual(len(doc["unchanged"]), 8)
        self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(self.export()[1:], export)

    def test_reimport_updates_but_never_renames_retiers_or_overwrites_typed_fields(self):
        self.ok("people", "add", "Dana Okoye", "--company", "My Own Label", "--tier", "inner")
        self.ok("import", "linkedin", CONNECTIONS)
        dana = self.person("dana-okoye")  # matched by exact name: one person, fields kept
        self.assertEqual((dana["source"], dana["company"], dana["role"], dana["tier"]),
                         ("manual", "My Own Label", 'Head of "Special" Projects', "inner"))
        self.ok("people", "set", "alice-chen", "--name", "Alice C. Chen", "--tier", "network")
        newer = self.write("Connections.csv", HEADER +
                           "Alice,Chen,http://linkedin.com/in/Alice-Chen-4b2a19/,a@hooli.example,"
                           "Hooli Cloud,Principal Engineer,03 Jan 2024\n")
        doc = self.js("import", "linkedin", newer)
        self.assertEqual(doc["updated"], [{"handle": "alice-chen", "name": "Alice C. Chen",
                                           "fields": ["email", "company", "role"]}])
        alice = self.person("alice-chen")
        self.assertEqual((alice["name"], alice["tier"], alice["company"], alice["role"],
                          alice["email"], alice["added_on"]),
                         ("Alice C. Chen", "network", "Hooli Cloud", "Principal Engineer",
                          "a@hooli.example", "2024-01-03"))
        self.assertEqual(len(self.people()), 8)

    def test_matched_by_email_and_the_user_typed_fields_stay(self):
        self.ok("people", "add", "Bruce W.", "--email", "BRUCE.W@example.com", "--role", "Boss")
        self.ok("import", "linkedin", CONNECTIONS)
        self.assertNotIn("bruce-wainwright", self.handles())
        bruce = self.person("bruce-w")
        self.assertEqual((bruce["name"], bruce["role"], bruce["company"], bruce["url"]),
                         ("Bruce W.", "Boss", "Wayne Enterprises, Inc.",
                          "https://www.linkedin.com/in/bwainwright"))

    def test_people_of_the_same_name_with_different_profiles_stay_apart(self):
        self.ok("import", "linkedin", CONNECTIONS)
        self.ok("import", "linkedin", CONNECTIONS)
        self.assertEqual((self.person("sam-lee")["company"], self.person("sam-lee-2")["company"]),
                         ("Acme", "Vandelay Industries"))

    def test_dry_run_writes_nothing_not_even_the_journal(self):
        doc = self.js("import", "linkedin", CONNECTIONS, "--dry-run")
        self.assertEqual((doc["dry_run"], len(doc["added"])), (True, 8))
        self.assertFalse(os.path.exists(self.journal))
        r = self.ok("import", "linkedin", CONNECTIONS, "--dry-run")
        self.assertIn("nothing written: 8 added", r.out)
        self.assertIn("\nadd    jose-alvarez      José Álvarez\n", r.out)
        self.assertFalse(os.path.exists(self.journal))

        self.ok("people", "add", "Carol Diaz", "--company", "Typed")
        self.ok("import", "linkedin", CONNECTIONS_OLD)
        before = self.journal_bytes()
        doc = self.js("import", "linkedin", CONNECTIONS, "--dry-run")
        self.assertEqual([p["handle"] for p in doc["added"]],
                         ["bruce-wainwright", "dana-okoye", "jose-alvarez", "sam-lee",
                          "sam-lee-2", "mei-obrien-phd"])
        self.assertEqual(doc["updated"], [{"handle": "alice-chen", "name": "Alice Chen",
                                           "fields": ["role", "url"]},
                                          {"handle": "carol-diaz", "name": "Carol Diaz",
                                           "fields": ["role", "url"]}])
        self.assertEqual(doc["unchanged"], [])
        self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(len(self.people()), 4)

    def test_a_bad_row_is_skipped_with_a_warning_and_strict_refuses_the_file(self):
        self.ok("people", "add", "Ann Lee")
        rows = "".join(f"P{i},Q{i},,,,,01 Jan 2020\n" for i in range(11))
        for name, text, reason, message in [
            ("quote.csv", HEADER + rows + 'Bo,Ki"m,,,,,02 Jan 2020\n', "bad quoting", "quote"),
            ("date.csv", HEADER + rows + "Bo,Kim,,,,,31 Feb 2020\n", "bad date", "Connected On"),
            ("fields.csv", HEADER + rows + "Bo,Kim,,,Acme, Inc,CTO,02 Jan 2020\n",
             "too many fields", "8 fields"),
            ("long.csv", HEADER + rows + f"Bo,Kim,,,{'x' * 600},CTO,02 Jan 2020\n",
             "invalid field", "company"),
        ]:
            with self.subTest(name=name):
                path = self.write(name, text + "Cy,Li,,,,,03 Jan 2020\n")
                before = self.journal_bytes()
                r = self.fails(2, "import", "linkedin", "--strict", path)
                self.assertTrue(r.err.startswith(f"netlog: {path}:13: "), r)
                self.assertIn(message, r.err)
                self.assertIn("--strict: nothing imported", r.err)
                self.assertEqual(self.journal_bytes(), before)
                r = self.ok("--json", "import", "linkedin", path)
                doc = json.loads(r.out)
                self.assertEqual(r.err.count("\n"), 1, r.err)
                self.assertTrue(r.err.startswith(f"netlog: warning: {path}:13: "), r.err)
                self.assertEqual([s["line"] for s in doc["skipped"]], [13])
                self.assertEqual(doc["skipped_reasons"], {reason: 1})
                self.assertIn("cy-li", [p["handle"] for p in doc["added"] + doc["unchanged"]])
                r = self.ok("import", "linkedin", path)
                self.assertIn(f", 1 skipped (1 {reason})", r.out)
        # A file cut short in a quoted field: nothing of it stays, exit 3.
        before = self.journal_bytes()
        path = self.write("open.csv", HEADER + rows + 'Bo,Kim,,,"Acme,CTO,02 Jan 2020\n')
        r = self.fails(3, "import", "linkedin", path)
        self.assertIn(f"{path}:13: the file ends inside a quoted field", r.err)
        self.assertEqual(self.journal_bytes(), before)
        r = self.fails(2, "import", "linkedin", os.path.join(self.dir, "missing.csv"))
        self.assertIn("cannot read", r.err)
        r = self.fails(2, "import", "linkedin", VCARDS["google"])
        self.assertIn("no header row", r.err)

    def test_standard_input(self):
        doc = self.js("import", "linkedin", "-", input=HEADER + "Ann,Lee,,,,,01 Jan 2020\n")
        self.assertEqual(doc["added"], [{"handle": "ann-lee", "name": "Ann Lee"}])

    def test_ten_thousand_rows(self):
        rows = "".join(f"First{i},Last{i},https://www.linkedin.com/in/p{i},,Company {i % 50},"
                       f"Role {i % 7},03 Jan 2024\n" for i in range(10000))
        path = self.write("big.csv", HEADER + rows)
        self.assertEqual(len(self.js("import", "linkedin", path)["added"]), 10000)
        self.assertEqual(len(self.js("import", "linkedin", path)["unchanged"]), 10000)


class VCard(ImportTest):
    def test_google_apple_khard_and_a_phone(self):
        added = []
        for name in ("google", "apple", "khard", "phone-2.1"):
            added += [p["handle"] for p in self.js("import", "vcard", VCARDS[name])["added"]]
        self.assertEqual(added, ["priya-raman", "tomas-herrera", "chidi-okafor",
                                 "umbrella-corporation", "ingrid-solberg", "kenji-nakamura",
                                 "ayse-ozturk", "jurgen-muller"])
        priya = self.person("priya-raman")
        self.assertEqual({k: priya[k] for k in ("tier", "source", "added_on", "email", "company",
                                                "role", "url")},
                         {"tier": "none", "source": "vcard", "added_on": TODAY,
                          "email": "priya.raman@globex.example", "company": "Globex Corporation",
                          "role": "Director of Research", "url": "https://priya.example.org"})
        self.assertEqual(priya["notes"], "Met at the Lisbon data summit, 2024. She offered to "
                                         "review the grant proposal; follow up in spring.\n"
                                         "Introduced by Tom.")
        self.assertEqual(self.person("chidi-okafor")["email"], "chidi@initech.example")
        self.assertEqual(self.person("ingrid-solberg")["company"], "University of Tromsø")
        ayse = self.person("ayse-ozturk")
        self.assertEqual((ayse["name"], ayse["company"]), ("Ayşe Öztürk", "Çay Evi"))
        self.assertEqual(self.person("jurgen-muller")["name"], "Jürgen Müller")

    def test_reimport_matches_by_uid_then_email(self):
        for name in VCARDS:
            self.ok("import", "vcard", VCARDS[name])
        before = self.journal_bytes()
        for name in VCARDS:
            doc = self.js("import", "vcard", VCARDS[name])
            self.assertEqual((doc["added"], doc["updated"]), ([], []), name)
        self.assertEqual(self.journal_bytes(), before)
        # A changed card: the UID still finds Ingrid though her email and name changed.
        with open(VCARDS["khard"]) as f:
            text = f.read()
        text = (text.replace("ingrid.solberg@uni.example", "ingrid@newlab.example")
                    .replace("FN:Ingrid Solberg", "FN:Ingrid S. Berg")
                    .replace("TITLE:Professor", "TITLE:Dean"))
        doc = self.js("import", "vcard", self.write("khard.vcf", text))
        self.assertEqual(doc["updated"], [{"handle": "ingrid-solberg", "name": "Ingrid Solberg",
                                           "fields": ["email", "role"]}])
        self.assertEqual(len(doc["unchanged"]), 1)
        ingrid = self.person("ingrid-solberg")
        self.assertEqual((ingrid["name"], ingrid["email"], ingrid["role"]),
                         ("Ingrid Solberg", "ingrid@newlab.example", "Dean"))

    def test_a_bad_card_is_skipped_strict_refuses_and_a_cut_file_stores_nothing(self):
        self.ok("people", "add", "Ann Lee")
        with open(VCARDS["google"], newline="") as f:
            good = f.read()
        lines = good.count("\n")
        for text, line, reason in [
            (good + "BEGIN:VCARD\r\nFN:Bo\r\nnonsense\r\nEND:VCARD\r\n", lines + 3,
             "unreadable line"),
            (good + "BEGIN:VCARD\r\nFN:Bo\r\nBEGIN:VCARD\r\nFN:Cy\r\nEND:VCARD\r\n", lines + 1,
             "no END:VCARD"),
        ]:
            with self.subTest(reason=reason):
                path = self.write("bad.vcf", text, "w")
                before = self.journal_bytes()
                r = self.fails(2, "import", "vcard", "--strict", path)
                self.assertTrue(r.err.startswith(f"netlog: {path}:{line}: "), r)
                self.assertEqual(self.journal_bytes(), before)
                doc = self.js("import", "vcard", "--dry-run", path)
                self.assertEqual(doc["skipped_reasons"], {reason: 1})
                self.assertEqual(len(doc["added"]), 2 if reason == "unreadable line" else 3)
        before = self.journal_bytes()
        path = self.write("cut.vcf", good + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo\r\n", "w")
        r = self.fails(3, "import", "vcard", path)
        self.assertTrue(r.err.startswith(f"netlog: {path}:{lines + 1}: the file ends inside"), r)
        self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(self.handles(), ["ann-lee"])

    def test_a_card_without_uid_or_email_is_matched_by_name(self):
        card = "BEGIN:VCARD\nVERSION:3.0\nFN:Lena Berg\nORG:Hooli\nTEL:+46 70 123\nEND:VCARD\n"
        path = self.write("lena.vcf", card)
        self.ok("import", "vcard", path)
        doc = self.js("import", "vcard", path)
        self.assertEqual((doc["added"], doc["unchanged"]),
                         ([], [{"handle": "lena-berg", "name": "Lena Berg"}]))

    def test_dry_run(self):
        doc = self.js("import", "vcard", VCARDS["apple"], "--dry-run")
        self.assertEqual([p["handle"] for p in doc["added"]],
                         ["chidi-okafor", "umbrella-corporation"])
        self.assertFalse(os.path.exists(self.journal))


class Export(ImportTest):
    def make_history(self):
        """People, an interaction with favours, an ask via someone, a removal."""
        self.ok("import", "linkedin", CONNECTIONS)
        self.ok("people", "add", "Ann Lee", "--tier", "inner", "--via", "alice-chen",
                "--tag", "mentor", "--cadence", "2w", "--note", "climbs")
        self.ok("people", "set", "alice-chen", "--via", "ann-lee")  # a cycle of introductions
        self.ok("add", "ann-lee,carol-diaz", "coffee at the conference", "--kind", "coffee",
                "--gave", "intro to a recruiter", "--tag", "conf", "--on", "2026-11-20")
        self.ok("add", "bruce-wainwright", "call", "--got", "reference letter", "--weight", "2",
                "--them", "--on", "2026-11-21")
        self.ok("add", "dana-okoye", "lunch", "--on", "2026-11-22")
        self.ok("ask", "jose-alvarez", "Could you review section 2 of my proposal?",
                "--via", "ann-lee")
        self.ok("rm", "i3")
        self.ok("people", "rm", "sam-lee-2")

    def test_the_format(self):
        self.make_history()
        records = self.export()
        header = records[0]
        self.assertEqual(list(header), ["type", "version", "schema", "exported_at"])
        self.assertEqual((header["type"], header["version"], header["schema"]),
                         ("netlog-export", 1, SCHEMA))
        types = [r["type"] for r in records[1:]]
        self.assertEqual(types, ["person"] * 8 + ["ask"] + ["interaction"] * 2 + ["favour"] * 3 +
                         ["deleted"] * 2)
        uuids = {r["uuid"]: r for r in records[1:] if r["type"] != "deleted"}
        by_handle = {r["handle"]: r for r in records[1:] if r["type"] == "person"}
        ann = by_handle["ann-lee"]
        self.assertEqual(list(ann), PERSON_FIELDS)
        self.assertEqual({k: ann[k] for k in ("tier", "cadence_days", "tags", "notes", "source")},
                         {"tier": "inner", "cadence_days": 14, "tags": ["mentor"],
                          "notes": "climbs", "source": "manual"})
        self.assertEqual(ann["introduced_by"], by_handle["alice-chen"]["uuid"])
        self.assertEqual(by_handle["alice-chen"]["introduced_by"], ann["uuid"])
        self.assertEqual(by_handle["alice-chen"]["external_id"],
                         "linkedin:linkedin.com/in/alice-chen-4b2a19")
        coffee = next(r for r in records if r["type"] == "interaction" and r["kind"] == "coffee")
        self.assertEqual(list(coffee), ["type", "uuid", "on", "kind", "note", "tags", "them",
                                        "people", "source", "source_seq", "created_at",
                                        "updated_at"])
        self.assertEqual((coffee["source"], coffee["source_seq"]), (None, None))
        self.assertEqual(sorted(uuids[u]["handle"] for u in coffee["people"]),
                         ["ann-lee", "carol-diaz"])
        favours = [r for r in records if r["type"] == "favour"]
        self.assertTrue(all(uuids[f["interaction"]]["type"] == "interaction" for f in favours))
        self.assertEqual(sorted((uuids[f["person"]]["handle"], f["direction"], f["weight"])
                                for f in favours),
                         [("ann-lee", "gave", 1), ("bruce-wainwright", "got", 2),
                          ("carol-diaz", "gave", 1)])
        ask = next(r for r in records if r["type"] == "ask")
        self.assertEqual((uuids[ask["person"]]["handle"], uuids[ask["via"]]["handle"],
                          ask["status"], ask["asked_on"]), ("jose-alvarez", "ann-lee", "open", TODAY))
        deleted = [r for r in records if r["type"] == "deleted"]
        self.assertEqual(sorted(d["deleted_type"] for d in deleted), ["interaction", "person"])
        self.assertEqual(list(deleted[0]), ["type", "uuid", "deleted_type", "deleted_at"])
        for r in records[1:]:
            if r["type"] != "deleted":
                self.assertRegex(r["created_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
                self.assertRegex(r["updated_at"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
            for derived in ("interactions", "gave", "got", "since", "last", "balance"):
                self.assertNotIn(derived, r)

    def test_no_journal(self):
        self.fails(3, "export")
        self.assertFalse(os.path.exists(self.journal))

    def test_round_trip_into_an_empty_journal(self):
        self.make_history()
        first = self.ok("export").out.splitlines()
        path = self.write("export.jsonl", "\n".join(first) + "\n")
        doc = self.js("import", "json", path, env=self.other())
        self.assertEqual(doc["added"], {"person": 8, "ask": 1, "interaction": 2, "favour": 3,
                                        "deleted": 2})
        second = self.ok("export", env=self.other()).out.splitlines()
        self.assertEqual(second[1:], first[1:])
        # The maintained totals come out right, and the journal is whole.
        self.assertEqual(self.js("people", env=self.other()), self.js("people"))
        self.assertEqual(self.ok("check", env=self.other()).out, "")
        self.assertEqual(self.js("show", "bruce-wainwright", env=self.other()),
                         self.js("show", "bruce-wainwright"))

    def test_standard_input_is_read_twice_through_a_temporary_file(self):
        """`import json -` keeps standard input in a temporary file, to read it twice as
        a file is read (first for the deletions of people): the same result as the file,
        nothing left in TMPDIR, and a TMPDIR that is no folder is one error line, exit
        3, with the journal as it was."""
        self.make_history()
        export = self.ok("export").out
        tmp = os.path.join(self.dir, "tmp")
        os.mkdir(tmp)
        doc = self.js("import", "json", "-", input=export, env={**self.other(), "TMPDIR": tmp})
        self.assertEqual(doc["added"]["person"], 8)
        self.assertEqual(os.listdir(tmp), [])
        before = self.ok("export", env=self.other()).out
        r = self.fails(3, "import", "json", "-", input=export,
                       env={**self.other(), "TMPDIR": os.path.join(self.dir, "none")})
        self.assertRegex(r.err, r"^netlog: cannot keep standard input in a temporary file: "
                                r"TMPDIR \(.*none\) is not a folder")
        self.assertEqual(len(r.err.splitlines()), 1)
        self.assertEqual(self.ok("export", env=self.other()).out.splitlines()[1:],
                         before.splitlines()[1:])

    def test_what_goes_together_is_deleted_at_one_time(self):
        """An import elsewhere removes a favour with its interaction, at the
        interaction's time: the journal it comes from must say the same time."""
        self.make_history()
        before = self.export()
        uuids = {r["handle"]: r["uuid"] for r in before if r["type"] == "person"}
        coffee = next(r["uuid"] for r in before if r.get("note") == "coffee at the conference")
        call = next(r["uuid"] for r in before if r.get("note") == "call")
        favours = {r["uuid"]: r["interaction"] for r in before if r["type"] == "favour"}
        self.ok("rm", "i1")  # the coffee, and its favours (one to each of its two people)
        self.ok("people", "rm", "bruce-wainwright", "--force")  # the call, its favour
        at = {r["uuid"]: r["deleted_at"] for r in self.export() if r["type"] == "deleted"}
        groups = [[coffee] + [f for f, i in favours.items() if i == coffee],
                  [uuids["bruce-wainwright"], call] + [f for f, i in favours.items() if i == call]]
        self.assertEqual([len(g) for g in groups], [3, 3])
        for group in groups:
            self.assertEqual(len({at[u] for u in group}), 1, group)
        self.assertNotEqual(at[coffee], at[call])

    def test_a_file_that_changes_and_deletes_its_own_rows_into_an_empty_journal(self):
        """Into a journal with no history yet, the import fills the tables without
        their indexes and makes those at the end: rows the file changes or deletes
        further on, the totals and the schema come out as in the journal it came from."""
        self.make_history()
        older = self.ok("export").out.splitlines()
        self.ok("rm", "i1")  # the coffee, and its favours with it
        self.ok("edit", "i2", "--note", "a longer call")
        newer = self.ok("export").out.splitlines()
        path = self.write("both.jsonl", "\n".join(older + newer[1:]) + "\n")
        other = self.other()
        doc = self.js("import", "json", path, env=other)
        self.assertEqual((doc["removed"]["interaction"], doc["updated"]["interaction"]), (1, 1))
        self.assertEqual(self.export(env=other)[1:], self.export()[1:])
        self.assertEqual(self.js("people", env=other), self.js("people"))
        self.assertEqual(self.ok("check", env=other).out, "")

        def schema(path):
            with sqlite3.connect(path) as db:
                return db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                  "ORDER BY type, name").fetchall()

        self.assertEqual(schema(other["NETLOG_JOURNAL"]), schema(self.journal))
        # No deletion to make the indexes before the end.
        kept = [line for line in newer if '"type":"deleted"' not in line]
        third = self.other("third.db")
        self.ok("import", "json", self.write("kept.jsonl", "\n".join(kept) + "\n"), env=third)
        self.assertEqual(self.ok("check", env=third).out, "")
        self.assertEqual(schema(third["NETLOG_JOURNAL"]), schema(self.journal))

    def test_importing_a_file_twice_changes_nothing(self):
        self.make_history()
        path = self.write("export.jsonl", self.ok("export").out)
        other = self.other()
        self.ok("import", "json", path, env=other)
        before = self.journal_bytes_of(other)
        doc = self.js("import", "json", path, env=other)
        self.assertEqual(doc["added"], {t: 0 for t in doc["added"]})
        self.assertEqual(doc["updated"], {t: 0 for t in doc["updated"]})
        self.assertEqual(doc["removed"], {t: 0 for t in doc["removed"]})
        self.assertEqual(sum(doc["skipped"].values()), 16)
        self.assertEqual(self.journal_bytes_of(other), before)
        r = self.ok("import", "json", path, env=other)
        self.assertEqual(r.out, f"imported {path}:\n  unchanged 1 ask, 2 deletions, 3 favours, "
                                "2 interactions, 8 people\n")
        # Its own export changes nothing in the journal it came from.
        before = self.journal_bytes()
        self.ok("import", "json", path)
        self.assertEqual(self.journal_bytes(), before)


class Merge(ImportTest):
    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Carol Diaz", "--company", "Globex")
        self.ok("add", "carol-diaz", "first coffee", "--on", "2026-11-01")
        self.path = self.write("a.jsonl", self.ok("export").out)
        self.b = self.other("b.db")
        self.ok("import", "json", self.path, env=self.b)

    def test_newer_wins_both_ways(self):
        self.ok("people", "set", "carol-diaz", "--company", "Globex Labs")
        a2 = self.write("a2.jsonl", self.ok("export").out)
        doc = self.js("import", "json", a2, env=self.b)
        self.assertEqual(doc["updated"]["person"], 1)
        self.assertEqual(self.person("carol-diaz", env=self.b)["company"], "Globex Labs")
        # B edits later; A takes B's record; B keeps it when the older A file comes again.
        self.ok("people", "set", "carol-diaz", "--role", "CTO", env=self.b)
        b = self.write("b.jsonl", self.ok("export", env=self.b).out)
        self.js("import", "json", b)
        carol = self.person("carol-diaz")
        self.assertEqual((carol["company"], carol["role"]), ("Globex Labs", "CTO"))
        doc = self.js("import", "json", a2, env=self.b)
        self.assertEqual(doc["updated"]["person"], 0)
        self.assertEqual(self.person("carol-diaz", env=self.b)["role"], "CTO")

    def test_a_deleted_record_is_not_brought_back_and_deletions_travel(self):
        self.ok("rm", "i1", env=self.b)
        doc = self.js("import", "json", self.path, env=self.b)
        self.assertEqual((doc["added"]["interaction"], doc["skipped"]["interaction"]), (0, 1))
        self.assertEqual(self.js("log", env=self.b)["interactions"], [])
        self.assertEqual(self.person("carol-diaz", env=self.b)["interactions"], 0)
        b = self.write("b.jsonl", self.ok("export", env=self.b).out)
        doc = self.js("import", "json", b)
        self.assertEqual(doc["removed"]["interaction"], 1)
        self.assertEqual(self.js("log")["interactions"], [])
        self.assertEqual(self.person("carol-diaz")["last"], None)
        self.assertEqual(self.ok("check").out, "")

    def test_a_row_changed_after_the_deletion_stays(self):
        self.ok("people", "add", "Dan Ek")
        self.ok("import", "json", self.write("a2.jsonl", self.ok("export").out), env=self.b)
        self.ok("people", "rm", "dan-ek", env=self.b)
        b = self.write("b.jsonl", self.ok("export", env=self.b).out)
        self.ok("people", "set", "dan-ek", "--role", "Editor")  # after B's deletion
        doc = self.js("import", "json", b)
        self.assertEqual(doc["removed"]["person"], 0)
        self.assertIn("dan-ek", self.handles())

    def test_handles_that_clash_get_a_suffix(self):
        self.ok("people", "add", "Ed Wu", env=self.b)
        self.ok("people", "add", "Ed Wu")
        doc = self.js("import", "json", self.write("a2.jsonl", self.ok("export").out), env=self.b)
        self.assertEqual(doc["added"]["person"], 1)
        self.assertEqual(self.handles(env=self.b), ["carol-diaz", "ed-wu", "ed-wu-2"])

    def test_dry_run(self):
        self.ok("people", "add", "Dan Ek")
        a2 = self.write("a2.jsonl", self.ok("export").out)
        before = self.journal_bytes()
        r = self.ok("import", "json", a2, "--dry-run", env=self.b)
        self.assertIn("dry run of", r.out)
        self.assertIn("added     1 person", r.out)
        self.assertNotIn("dan-ek", self.handles(env=self.b))
        self.assertEqual(self.journal_bytes(), before)
        fresh = self.other("fresh.db")
        doc = self.js("import", "json", a2, "--dry-run", env=fresh)
        self.assertEqual((doc["dry_run"], doc["added"]["person"]), (True, 2))
        self.assertFalse(os.path.exists(fresh["NETLOG_JOURNAL"]))

    def test_a_malformed_record_stops_the_import_and_nothing_stays(self):
        self.ok("people", "add", "Dan Ek")
        lines = self.ok("export").out.splitlines()
        before = self.journal_bytes_of(self.b)
        bad_person = json.loads(lines[1])
        bad_person["tier"] = "bestie"
        unknown = json.loads(lines[3])
        unknown["uuid"] = "10000000-0000-4000-8000-000000000000"
        unknown["people"] = ["00000000-0000-4000-8000-000000000000"]
        for name, broken, line, message in [
            ("json", lines[:2] + ["{not json"] + lines[2:], 3, "not JSON"),
            ("tier", lines[:2] + [json.dumps(bad_person)] + lines[2:], 3, '"tier" must be one of'),
            ("ref", lines[:3] + [json.dumps(unknown)], 4, "neither in the journal nor earlier"),
            ("header", lines[1:], 1, "not a netlog export"),
        ]:
            with self.subTest(name=name):
                path = self.write(name + ".jsonl", "\n".join(broken) + "\n")
                r = self.fails(2, "import", "json", path, env=self.b)
                self.assertTrue(r.err.startswith(f"netlog: {path}:{line}: "), r)
                self.assertIn(message, r.err)
                self.assertEqual(self.journal_bytes_of(self.b), before)
        self.assertNotIn("dan-ek", self.handles(env=self.b))


class Interrupted(ImportTest):
    """A kill or a full disk midway leaves the journal as it was."""

    def big_export(self, n):
        """A journal's export with one person and `n` interactions with them."""
        self.ok("people", "add", "Ann Lee", env=self.other("source.db"))
        head = self.ok("export", env=self.other("source.db")).out
        ann = json.loads(head.splitlines()[1])["uuid"]
        lines = [head.rstrip("\n")]
        for i in range(n):
            lines.append(json.dumps({
                "type": "interaction", "uuid": f"00000000-0000-4000-8000-{i:012d}",
                "on": "2026-01-01", "kind": "call", "note": f"call {i} " + "x" * 200,
                "tags": [], "them": False, "people": [ann],
                "created_at": "2026-01-01T10:00:00.000Z",
                "updated_at": "2026-01-01T10:00:00.000Z"}))
        return self.write("big.jsonl", "\n".join(lines) + "\n")

    def test_a_kill_midway(self):
        path = self.big_export(150000)
        self.ok("people", "add", "Bo Kim")
        before = self.export()[1:]
        proc = subprocess.Popen([BIN, "import", "json", path], env=self.env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        proc.kill()
        proc.wait()
        self.assertEqual(self.export()[1:], before)
        self.assertEqual(self.ok("check").out, "")

    def test_a_full_disk_midway(self):
        path = self.big_export(20000)
        self.ok("people", "add", "Bo Kim")
        before = self.export()[1:]
        limit = os.path.getsize(self.journal) + 256 * 1024

        def small_disk():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        proc = subprocess.run([BIN, "import", "json", path], env=self.env(), text=True,
                              capture_output=True, preexec_fn=small_disk, timeout=120)
        self.assertEqual(proc.returncode, 3, proc)
        self.assertRegex(proc.stderr, r"^netlog: (disk full|I/O error)")
        self.assertEqual(self.export()[1:], before)
        self.assertEqual(self.ok("check").out, "")


if __name__ == "__main__":
    main()
