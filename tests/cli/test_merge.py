"""netlog people merge WHO INTO: what moves, equivalence with entering everything on
INTO, the dry run, the export record, and refused merges."""
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE_DIR, NetlogTest, main  # noqa: E402

CONNECTIONS = os.path.join(SOURCE_DIR, "tests", "data", "linkedin", "Connections.csv")


class MergeTest(NetlogTest):
    def person(self, who, **kw):
        return self.js("show", who, **kw)["person"]

    def handles(self, **kw):
        return [p["handle"] for p in self.js("people", **kw)["people"]]

    def export(self, **kw):
        return [json.loads(line) for line in self.ok("export", **kw).out.splitlines()[1:]]


class WhatMoves(MergeTest):
    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Ann Lee", "--tier", "network", "--email", "ann@lee.example",
                "--tag", "climber", "--note", "typed on ann")
        self.ok("people", "add", "Annie Lee", "--tier", "inner", "--email", "annie@old.example",
                "--company", "Globex", "--role", "CTO", "--cadence", "2w", "--tag", "mentor",
                "--tag", "climber", "--note", "typed on annie", "--via", "ann-lee")
        self.ok("people", "add", "Bo Kim", "--via", "annie-lee")
        self.ok("people", "add", "Cy Ho")
        self.ok("add", "ann-lee,annie-lee,cy-ho", "conference dinner", "--on", "2026-10-01")
        self.ok("add", "annie-lee", "call", "--on", "2026-11-02", "--got", "reference", "--them")
        self.ok("add", "annie-lee", "coffee", "--on", "2026-11-03", "--gave", "intro",
                "--weight", "2")
        self.ok("ask", "cy-ho", "Could you review chapter 2 of my draft?", "--via", "annie-lee",
                "--on", "2026-11-10")
        self.ok("ask", "annie-lee", "Could you introduce me to your CFO?", "--via", "ann-lee",
                "--on", "2026-11-11")
        self.ok("ask", "--from", "annie-lee", "Can you read my grant proposal?", "--on",
                "2026-11-12")

    def test_everything_moves_and_who_is_gone(self):
        doc = self.js("people", "merge", "annie-lee", "ann-lee")
        self.assertEqual(doc["merged"], "annie-lee")
        self.assertEqual(doc["into"], "ann-lee")
        self.assertFalse(doc["dry_run"])
        self.assertEqual({k: doc[k] for k in ("interactions", "shared_interactions", "favours",
                                               "asks", "asks_via", "introduced")},
                         {"interactions": 3, "shared_interactions": 1, "favours": 2, "asks": 2,
                          "asks_via": 1, "introduced": 1})
        # Empty fields are filled; what INTO had stays; the higher tier wins.
        # Annie's address joins Ann's, after it.
        self.assertEqual(doc["filled"], ["tier", "cadence_days", "emails", "company", "role",
                                         "tags"])
        self.assertEqual(self.handles(), ["ann-lee", "bo-kim", "cy-ho"])
        ann = self.person("ann-lee")
        self.assertEqual({k: ann[k] for k in ("tier", "cadence_days", "email", "company", "role",
                                              "notes", "tags", "introduced_by", "interactions",
                                              "gave", "got", "balance", "last")},
                         {"tier": "inner", "cadence_days": 14, "email": "ann@lee.example",
                          "company": "Globex", "role": "CTO", "notes": "typed on ann",
                          "tags": ["climber", "mentor"], "introduced_by": None,
                          "interactions": 3, "gave": 2, "got": 1, "balance": -1,
                          "last": "2026-11-12"})
        self.assertEqual(ann["introduced"], ["bo-kim"])
        self.assertEqual(self.person("bo-kim")["introduced_by"], "ann-lee")
        # The dinner has Ann once, not twice.
        dinner = self.js("log", "--limit", "10")["interactions"][-1]
        self.assertEqual(sorted(dinner["people"]), ["ann-lee", "cy-ho"])
        self.assertEqual(self.person("cy-ho")["interactions"], 1)
        asks = {a["what"]: a for a in self.js("ask", "list", "--all")["asks"]}
        self.assertEqual(asks["Could you review chapter 2 of my draft?"]["via"], "ann-lee")
        # Ann asked through Ann is Ann asked: no via.
        cfo = asks["Could you introduce me to your CFO?"]
        self.assertEqual((cfo["person"], cfo["via"]), ("ann-lee", None))
        self.assertEqual(asks["Can you read my grant proposal?"]["person"], "ann-lee")
        self.assertEqual(self.run_netlog("check").code, 0)
        self.fails(2, "show", "annie-lee")

    def test_human_output_and_the_export_record(self):
        r = self.ok("people", "merge", "annie-lee", "ann-lee")
        self.assertEqual(r.out, "merged annie-lee into ann-lee: 3 interactions (1 shared), "
                                "2 favours, 2 asks, 1 ask via them, 1 introduction; filled "
                                "tier, cadence_days, emails, company, role, tags\n")
        records = self.export()
        ann = next(r for r in records if r.get("handle") == "ann-lee")
        gone = [r for r in records if r["type"] == "deleted"]
        self.assertEqual(len(gone), 1)
        self.assertEqual(gone[0]["deleted_type"], "person")
        self.assertEqual(gone[0]["merged_into"], ann["uuid"])
        with sqlite3.connect(self.journal) as db:
            self.assertEqual(db.execute("SELECT uuid, type, merged_into FROM deleted").fetchall(),
                             [(gone[0]["uuid"], "person", ann["uuid"])])
        # Every row the merge changed carries its time, so that it wins over the copies
        # that still name WHO on another machine.
        stamp = gone[0]["deleted_at"]
        changed = [r for r in records if r.get("updated_at") == stamp]
        self.assertEqual(sorted(r["type"] for r in changed),
                         ["ask"] * 3 + ["favour"] * 2 + ["interaction"] * 3 + ["person"] * 2)
        self.assertNotIn(gone[0]["uuid"], json.dumps([r for r in records if r is not gone[0]]))

    def test_dry_run_writes_nothing_and_says_the_same(self):
        before = self.journal_bytes()
        dry = self.js("people", "merge", "annie-lee", "ann-lee", "--dry-run")
        self.assertTrue(dry["dry_run"])
        self.assertEqual(self.journal_bytes(), before)
        self.assertIn("annie-lee", self.handles())
        r = self.ok("people", "merge", "annie-lee", "ann-lee", "--dry-run")
        self.assertTrue(r.out.startswith("dry run, nothing written: would merge annie-lee into "
                                         "ann-lee: 3 interactions (1 shared)"), r)
        self.assertEqual(self.journal_bytes(), before)
        real = self.js("people", "merge", "annie-lee", "ann-lee")
        self.assertEqual({**dry, "dry_run": False}, real)

    def test_into_introduced_by_who_takes_whoever_introduced_who(self):
        self.ok("people", "add", "Dee Fox")
        self.ok("people", "set", "annie-lee", "--via", "dee-fox")
        self.ok("people", "set", "ann-lee", "--via", "annie-lee")
        doc = self.js("people", "merge", "annie-lee", "ann-lee")
        self.assertIn("introduced_by", doc["filled"])
        self.assertEqual(self.person("ann-lee")["introduced_by"], "dee-fox")
        self.assertEqual(self.person("dee-fox")["introduced"], ["ann-lee"])

    def test_refused_merges_change_nothing(self):
        self.ok("people", "add", "Ann Leroy")
        before = self.journal_bytes()
        cases = [
            (("annie-lee", "annie-lee"), "are both annie-lee"),
            (("annie-lee", "Annie Lee"), "are both annie-lee"),
            (("nobody-here", "ann-lee"), "no person matches"),
            (("annie-lee", "nobody-here"), "no person matches"),
            (("annie-lee", "ann-le"), "ann-lee"),  # ambiguous: Ann Lee, Ann Leroy
            (("annie-lee",), "into is required"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                r = self.fails(2, "people", "merge", *args)
                self.assertIn(message, r.err)
                self.assertEqual(self.journal_bytes(), before)
        self.assertIn("annie-lee", self.handles())


class Equivalence(MergeTest):
    """After a merge, balances, last contact, `due` and the audit are what they would be
    had everything been entered on INTO."""

    def history(self, dup, env):
        """Ann's history, with what concerns `dup` entered on `dup`."""
        run = lambda *args: self.ok(*args, env=env)  # noqa: E731
        run("people", "add", "Ann Lee", "--tier", "inner", "--company", "Globex")
        if dup != "ann-lee":
            run("people", "add", "Annie Lee", "--tier", "network", "--company", "Initech")
        run("people", "add", "Bo Kim", "--tier", "network")
        run("people", "add", "Cy Ho", "--via", dup)
        run("add", "ann-lee", "first coffee", "--on", "2025-06-01", "--got", "advice")
        run("add", dup, "call about the job", "--on", "2026-08-02", "--got", "referral",
            "--weight", "3", "--them")
        run("add", f"{dup},bo-kim", "lunch", "--on", "2026-09-05", "--gave", "paid lunch")
        run("add", "ann-lee,bo-kim", "board game night", "--on", "2026-09-20")
        run("add", dup, "message", "--on", "2026-10-30", "--kind", "message")
        run("ask", dup, "Could you review my pitch deck slides?", "--on", "2026-11-01")
        run("ask", "--from", dup, "Could you mentor my intern for a month?", "--on", "2026-11-02")
        run("ask", "done", "a2", "--on", "2026-11-20")
        run("ask", "--from", dup, "Can you send me the meetup slides?", "--on", "2026-11-20")
        run("ask", "cy-ho", "Could you introduce me to your editor?", "--via", dup,
            "--on", "2026-11-21")

    def reports(self, env):
        out = {}
        for args in (("owe",), ("owe", "ann-lee"), ("owe", "--all"), ("due", "--within", "30d"),
                     ("audit", "--top", "20"), ("people",), ("ask", "list", "--all"),
                     ("log", "--limit", "50"), ("show", "ann-lee"), ("show", "cy-ho")):
            doc = self.js(*args, env=env)
            if args[0] == "show":
                for key in ("uuid", "created_at", "updated_at", "company"):
                    doc["person"].pop(key)
            out[" ".join(args)] = doc
        return out

    def test_reports_equal_entering_everything_on_into(self):
        merged = {}
        direct = {"NETLOG_JOURNAL": os.path.join(self.dir, "direct.db")}
        self.history("annie-lee", merged)
        self.ok("people", "merge", "annie-lee", "ann-lee")
        self.history("ann-lee", direct)
        self.assertEqual(self.run_netlog("check").code, 0)
        a, b = self.reports(merged), self.reports(direct)
        for key in a:
            with self.subTest(report=key):
                self.assertEqual(a[key], b[key])
        # The figures are not trivially equal: Ann has a history worth comparing.
        ann = a["show ann-lee"]["person"]
        self.assertEqual((ann["interactions"], ann["balance"], ann["last"], ann["since"]),
                         (5, 2, "2026-11-20", "2026-08-02"))


class AfterMerge(MergeTest):
    """A merge leaves WHO's interactions naming WHO's id, which person_aliases maps to
    INTO: everything that comes after must see INTO there."""

    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Ann Lee")
        self.ok("people", "add", "Bo Kim")
        self.ok("people", "add", "Annie Lee")  # the highest id
        self.ok("add", "annie,bo", "dinner", "--on", "2026-10-01")
        self.ok("add", "annie", "call", "--on", "2026-10-05", "--them")
        self.ok("people", "merge", "annie-lee", "ann-lee")

    def interactions(self, who):
        return sorted(i["note"] for i in self.js("show", who)["interactions"])

    def clean(self):
        self.assertEqual(self.ok("check").out, "")

    def test_a_new_person_does_not_take_the_id_of_one_merged_away(self):
        self.ok("people", "add", "Cy Ho")
        self.assertEqual(self.interactions("cy-ho"), [])
        self.assertEqual(self.person("cy-ho")["interactions"], 0)
        self.assertEqual(self.interactions("ann-lee"), ["call", "dinner"])
        self.ok("import", "linkedin", CONNECTIONS)
        for p in self.js("people")["people"]:
            if p["handle"] not in ("ann-lee", "bo-kim"):
                self.assertEqual(p["interactions"], 0, p["handle"])
        self.clean()

    def test_edit_rm_and_log_see_into(self):
        log = self.js("log")["interactions"]
        self.assertEqual(sorted(tuple(sorted(i["people"])) for i in log),
                         [("ann-lee",), ("ann-lee", "bo-kim")])
        dinner = next(i for i in log if i["note"] == "dinner")
        call = next(i for i in log if i["note"] == "call")
        self.ok("edit", dinner["id"], "--on", "2026-11-20")
        self.assertEqual(self.person("ann-lee")["last"], "2026-11-20")
        self.assertEqual(self.person("bo-kim")["last"], "2026-11-20")
        self.ok("rm", call["id"])
        self.assertEqual(self.person("ann-lee")["interactions"], 1)
        self.clean()

    def test_a_second_merge_takes_the_first_ones_along(self):
        self.ok("people", "add", "Ann Lee-Park")
        self.ok("add", "ann-lee,bo", "lunch", "--on", "2026-10-10")
        doc = self.js("people", "merge", "ann-lee", "ann-lee-park")
        self.assertEqual((doc["interactions"], doc["shared_interactions"]), (3, 0))
        self.assertEqual(self.interactions("ann-lee-park"), ["call", "dinner", "lunch"])
        # Bo was at two of them with Ann, now one person.
        doc = self.js("people", "merge", "bo-kim", "ann-lee-park")
        self.assertEqual((doc["interactions"], doc["shared_interactions"]), (2, 2))
        self.assertEqual(self.person("ann-lee-park")["interactions"], 3)
        records = self.export()
        park = next(r["uuid"] for r in records if r.get("handle") == "ann-lee-park")
        self.assertEqual([r["people"] for r in records if r["type"] == "interaction"],
                         [[park]] * 3)
        self.clean()

    def test_removing_into_removes_what_came_from_who(self):
        self.assertEqual(self.js("people", "rm", "ann-lee", "--force")["entries"], 2)
        self.assertEqual(self.js("log")["interactions"][0]["people"], ["bo-kim"])
        self.assertEqual(self.person("bo-kim")["interactions"], 1)
        self.clean()

    def test_an_import_into_a_new_journal_has_no_aliases(self):
        path = os.path.join(self.dir, "all.jsonl")
        with open(path, "w") as fh:
            fh.write(self.ok("export").out)
        other = {"NETLOG_JOURNAL": os.path.join(self.dir, "other.db")}
        self.ok("import", "json", path, env=other)
        self.assertEqual(self.js("log", env=other), self.js("log"))
        self.assertEqual(self.export(env=other), self.export())
        self.assertEqual(self.ok("check", env=other).out, "")

    def test_check_finds_the_two_ways_out_of_step(self):
        self.clean()
        with sqlite3.connect(self.journal) as db:
            db.execute("DELETE FROM interaction_people WHERE person_id = "
                       "(SELECT id FROM people WHERE handle = 'bo-kim')")
        r = self.run_netlog("check")
        self.assertEqual(r.code, 3, r)
        self.assertIn("is missing from the interactions of person", r.out + r.err)


class ImportKey(MergeTest):
    def test_a_reimport_finds_into_by_whos_linkedin_profile(self):
        self.ok("import", "linkedin", CONNECTIONS)
        self.ok("people", "add", "Alice C. Chen", "--tier", "inner")
        doc = self.js("people", "merge", "alice-chen", "alice-c-chen")
        self.assertIn("external_id", doc["filled"])
        before = self.handles()
        self.ok("import", "linkedin", CONNECTIONS)
        self.assertEqual(self.handles(), before)
        self.assertEqual(self.person("alice-c-chen")["tier"], "inner")


if __name__ == "__main__":
    main()
