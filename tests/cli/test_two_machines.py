"""Two machines: journals that share a past diverge — adds, edits, removals and a
`people merge` on each — then each imports the other's export, and both end with the
same records and the same `owe`, `due` and `audit`."""
import json
import os
import time
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import NetlogTest, main  # noqa: E402

# Entry ids (a7, i42, f19) are each journal's own: rows that came from the other
# machine get the next free ones. Reports are compared with them blanked.
ENTRY_ID = re.compile(r"\b[aif][0-9]+\b")


def without_ids(value):
    if isinstance(value, dict):
        return {k: without_ids(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_ids(v) for v in value]
    if isinstance(value, str):
        return ENTRY_ID.sub("#", value)
    return value


class TwoMachines(NetlogTest):
    def setUp(self):
        super().setUp()
        self.a = os.path.join(self.dir, "a.db")
        self.b = os.path.join(self.dir, "b.db")

    def on(self, journal, *args):
        """Runs netlog on one machine's journal; asserts exit 0."""
        return self.ok("--journal", journal, *args)

    def js_on(self, journal, *args):
        return self.js("--journal", journal, *args)

    def entry(self, journal, note):
        """The id of the interaction with `note`."""
        found = [i["id"] for i in self.js_on(journal, "log", "--limit", "100")["interactions"]
                 if i["note"] == note]
        self.assertEqual(len(found), 1, note)
        return found[0]

    def export_file(self, source, name):
        """`netlog export > name` on `source`; returns its path."""
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            f.write(self.on(source, "export").out)
        return path

    def records(self, journal):
        """The export without its header, in uuid order (ids, and so the order of
        rows, are each journal's own)."""
        lines = self.on(journal, "export").out.splitlines()
        self.assertEqual(json.loads(lines[0])["type"], "netlog-export")
        return sorted((json.loads(line) for line in lines[1:]), key=lambda r: r["uuid"])

    def shared_past(self):
        a = self.a
        self.on(a, "people", "add", "Ann Lee", "--tier", "inner", "--email", "ann@lee.example")
        self.on(a, "people", "add", "Annie Lee", "--company", "Globex", "--tag", "climber")
        self.on(a, "people", "add", "Bo Kim", "--tier", "network")
        self.on(a, "people", "add", "Cy Ho", "--tier", "network")
        self.on(a, "people", "add", "Cyrus Ho", "--role", "Editor")
        self.on(a, "people", "add", "Dee Fox")
        self.on(a, "people", "add", "Eve Ng", "--via", "annie-lee")
        self.on(a, "add", "ann-lee,annie-lee", "climbing gym", "--on", "2026-09-01")
        self.on(a, "add", "annie-lee", "call about the job", "--on", "2026-09-10", "--got",
                "referral", "--weight", "2")
        self.on(a, "add", "cyrus-ho", "book launch", "--on", "2026-09-15", "--gave", "review")
        self.on(a, "add", "cy-ho,bo-kim", "dinner", "--on", "2026-10-01")
        self.on(a, "add", "dee-fox", "coffee", "--on", "2026-10-05")
        self.on(a, "add", "bo-kim", "lunch", "--on", "2026-10-08")
        self.on(a, "ask", "--from", "annie-lee", "Could you read my grant proposal?", "--on",
                "2026-10-20")
        self.on(a, "ask", "eve-ng", "Could you introduce me to your editor?", "--via",
                "cyrus-ho", "--on", "2026-11-01")
        # B starts as a copy of A.
        self.on(self.b, "import", "json", self.export_file(a, "past.jsonl"))
        self.assertEqual(self.records(self.a), self.records(self.b))

    def test_both_journals_converge(self):
        a, b = self.a, self.b
        self.shared_past()

        # Machine A: Annie is Ann; a new coffee, an ask, an edit, removals.
        self.on(a, "people", "merge", "annie-lee", "ann-lee")
        self.on(a, "add", "bo-kim", "code review", "--on", "2026-11-20", "--gave", "review")
        self.on(a, "add", "cyrus-ho", "podcast recording", "--on", "2026-11-21")  # B merges him
        self.on(a, "ask", "dee-fox", "Could you review my conference talk?", "--on", "2026-11-22")
        self.on(a, "people", "set", "eve-ng", "--company", "Hooli")
        self.on(a, "edit", self.entry(a, "lunch"), "--note", "lunch at the noodle bar")
        self.on(a, "rm", self.entry(a, "dinner"))

        # Machine B, later, knowing none of it: Annie is still there.
        self.on(b, "add", "annie-lee", "bouldering", "--on", "2026-11-23", "--got", "belay lesson")
        self.on(b, "ask", "annie-lee", "Could you share your climbing gym pass?", "--on",
                "2026-11-24")
        self.on(b, "people", "add", "Fay Wu", "--via", "annie-lee")
        # An edit of a row A moved, made after A's merge: the edit wins, on Ann.
        self.on(b, "edit", self.entry(b, "call about the job"), "--note", "call about the offer")
        self.on(b, "people", "merge", "cyrus-ho", "cy-ho")
        self.on(b, "people", "set", "bo-kim", "--role", "Designer")
        self.on(b, "people", "rm", "dee-fox", "--force")  # after A's ask to her: it goes too

        # Each imports the other's export, taken before either import.
        from_a = self.export_file(a, "a.jsonl")
        from_b = self.export_file(b, "b.jsonl")
        self.on(a, "import", "json", from_b)
        self.on(b, "import", "json", from_a)

        self.assertEqual(self.records(a), self.records(b))
        for report in (("owe", "--all"), ("due", "--within", "60d"), ("audit", "--top", "50"),
                       ("people",), ("ask", "list", "--all"), ("log", "--limit", "100")):
            with self.subTest(report=report):
                self.assertEqual(without_ids(self.js_on(a, *report)),
                                 without_ids(self.js_on(b, *report)))
        for journal in (a, b):
            self.assertEqual(self.run_netlog("--journal", journal, "check").code, 0)

        # And they converged on what each machine meant.
        handles = [p["handle"] for p in self.js_on(a, "people")["people"]]
        self.assertEqual(handles, ["ann-lee", "bo-kim", "cy-ho", "eve-ng", "fay-wu"])
        log = {i["note"]: i for i in self.js_on(a, "log", "--limit", "100")["interactions"]}
        self.assertEqual(sorted(log), ["book launch", "bouldering", "call about the offer",
                                       "climbing gym", "code review", "lunch at the noodle bar",
                                       "podcast recording"])
        for note in ("bouldering", "call about the offer", "climbing gym"):
            self.assertEqual(log[note]["people"], ["ann-lee"], note)
        for note in ("book launch", "podcast recording"):
            self.assertEqual(log[note]["people"], ["cy-ho"], note)
        ann = self.js_on(b, "show", "ann-lee")["person"]
        self.assertEqual((ann["interactions"], ann["gave"], ann["got"], ann["company"],
                          ann["tags"], ann["introduced"]),
                         (3, 0, 3, "Globex", ["climber"], ["eve-ng", "fay-wu"]))
        asks = {x["what"]: x for x in self.js_on(b, "ask", "list", "--all")["asks"]}
        self.assertEqual(sorted(asks), ["Could you introduce me to your editor?",
                                        "Could you read my grant proposal?",
                                        "Could you share your climbing gym pass?"])
        self.assertEqual(asks["Could you introduce me to your editor?"]["via"], "cy-ho")
        self.assertEqual(asks["Could you share your climbing gym pass?"]["person"], "ann-lee")
        self.assertEqual(asks["Could you read my grant proposal?"]["person"], "ann-lee")
        bo = self.js_on(a, "show", "bo-kim")["person"]
        self.assertEqual(bo["role"], "Designer")

        # Importing again changes nothing on either side.
        for journal, path in ((a, from_b), (b, from_a)):
            doc = self.js_on(journal, "import", "json", path)
            self.assertEqual(sum(doc["added"].values()) + sum(doc["updated"].values()) +
                             sum(doc["removed"].values()), 0, doc)

    def test_a_merge_of_a_person_the_other_machine_edited_later_keeps_them(self):
        a, b = self.a, self.b
        self.shared_past()
        self.on(a, "people", "merge", "annie-lee", "ann-lee")
        self.on(b, "people", "set", "annie-lee", "--role", "Guide")  # after the merge
        from_a = self.export_file(a, "a.jsonl")
        from_b = self.export_file(b, "b.jsonl")
        self.on(a, "import", "json", from_b)
        self.on(b, "import", "json", from_a)
        self.assertEqual(self.records(a), self.records(b))
        # The newer edit keeps Annie, with what was hers moved to Ann all the same.
        annie = self.js_on(a, "show", "annie-lee")["person"]
        self.assertEqual((annie["role"], annie["interactions"]), ("Guide", 0))
        self.assertEqual(self.js_on(b, "show", "ann-lee")["person"]["interactions"], 2)

    def test_merges_that_chain_across_machines(self):
        a, b = self.a, self.b
        self.shared_past()
        # A folds Cyrus into Cy, then Cy into Bo; B, meanwhile, adds to Cyrus.
        self.on(a, "people", "merge", "cyrus-ho", "cy-ho")
        self.on(a, "people", "merge", "cy-ho", "bo-kim")
        self.on(b, "add", "cyrus-ho", "radio interview", "--on", "2026-11-25")
        self.on(b, "import", "json", self.export_file(a, "a.jsonl"))
        self.on(a, "import", "json", self.export_file(b, "b.jsonl"))
        self.assertEqual(self.records(a), self.records(b))
        for journal in (a, b):
            interview = next(i for i in self.js_on(journal, "log")["interactions"]
                             if i["note"] == "radio interview")
            self.assertEqual(interview["people"], ["bo-kim"])
            self.assertEqual(self.run_netlog("--journal", journal, "check").code, 0)
        # A third journal, new, takes the whole story from either.
        c = os.path.join(self.dir, "c.db")
        self.on(c, "import", "json", self.export_file(a, "a2.jsonl"))
        self.assertEqual(self.records(c), self.records(a))

    def test_the_newer_of_an_edit_and_a_deletion_wins(self):
        a, b = self.a, self.b
        self.shared_past()
        self.on(a, "rm", self.entry(a, "lunch"))
        self.on(b, "edit", self.entry(b, "lunch"), "--note", "lunch, edited after A removed it")
        self.on(a, "edit", self.entry(a, "coffee"), "--note", "coffee, edited before B removed it")
        self.on(b, "rm", self.entry(b, "coffee"))
        from_a = self.export_file(a, "a.jsonl")
        from_b = self.export_file(b, "b.jsonl")
        self.on(a, "import", "json", from_b)
        self.on(b, "import", "json", from_a)
        self.assertEqual(self.records(a), self.records(b))
        notes = [i["note"] for i in self.js_on(a, "log", "--limit", "100")["interactions"]]
        self.assertIn("lunch, edited after A removed it", notes)
        self.assertNotIn("coffee", " ".join(notes))
        self.assertEqual(self.js_on(b, "show", "dee-fox")["person"]["interactions"], 0)
        self.assertEqual(self.js_on(a, "show", "bo-kim")["person"]["interactions"], 2)

    # --- a deletion takes only what was there, unchanged, when it was made ----------

    def later_entries_for_eve(self, journal):
        """On the machine that did not delete Eve: entries made after the deletion."""
        self.on(journal, "add", "eve-ng", "later meeting", "--got", "big favour", "--weight",
                "50")
        self.on(journal, "ask", "--from", "eve-ng", "urgent request")

    def assert_eve_kept_with_later_entries(self, journal):
        eve = self.js_on(journal, "show", "eve-ng")["person"]
        self.assertEqual((eve["interactions"], eve["got"]), (1, 50), eve)
        log = [i["note"] for i in self.js_on(journal, "log", "--limit", "100")["interactions"]
               if "eve-ng" in i["people"]]
        self.assertEqual(log, ["later meeting"])
        asks = [(x["what"], x["status"]) for x in
                self.js_on(journal, "ask", "list", "--all")["asks"] if x["person"] == "eve-ng"]
        # Her ask from before the deletion went with her; the one made after stays.
        self.assertEqual(asks, [("urgent request", "open")])
        self.assertEqual(self.run_netlog("--journal", journal, "check").code, 0)

    def test_a_deletion_keeps_entries_made_after_it_and_the_person_they_need(self):
        a, b = self.a, self.b
        self.shared_past()
        self.on(a, "people", "rm", "eve-ng", "--force")
        from_a = self.export_file(a, "a.jsonl")
        self.later_entries_for_eve(b)

        dry = self.js_on(b, "import", "json", from_a, "--dry-run")
        self.assertEqual(dry["removed"], {"person": 0, "ask": 1, "interaction": 0, "favour": 0,
                                          "deleted": 0})
        self.assertEqual([(k["handle"], k["needed_by"], k["deleted_here"])
                          for k in dry["restored"]], [("eve-ng", 3, False)])
        r = self.on(b, "import", "json", from_a)
        self.assertIn("netlog: warning: restored eve-ng (Eve Ng), deleted in " + from_a,
                      r.err)
        self.assertIn("because 3 entries made after the deletion need them", r.err)
        self.assertIn("removed   1 ask", r.out)
        self.assertIn("restored  1 person", r.out)
        self.assert_eve_kept_with_later_entries(b)

        # A takes B's export: Eve comes back there too, with what needs her.
        r = self.on(a, "import", "json", self.export_file(b, "b.jsonl"))
        self.assertIn("netlog: warning: restored eve-ng (Eve Ng), deleted in this journal", r.err)
        self.assert_eve_kept_with_later_entries(a)
        self.assertEqual(self.records(a), self.records(b))

    def test_a_deletion_and_later_entries_converge_in_the_other_order(self):
        a, b = self.a, self.b
        self.shared_past()
        self.on(a, "people", "rm", "eve-ng", "--force")
        self.later_entries_for_eve(b)
        from_a = self.export_file(a, "a.jsonl")
        from_b = self.export_file(b, "b.jsonl")
        # A first, from B's export taken before B knew of the deletion; then B.
        self.on(a, "import", "json", from_b)
        self.assert_eve_kept_with_later_entries(a)
        self.on(b, "import", "json", from_a)
        self.assert_eve_kept_with_later_entries(b)
        self.assertEqual(self.records(a), self.records(b))
        # Again, either way: nothing changes.
        for journal, path in ((a, from_b), (b, from_a)):
            doc = self.js_on(journal, "import", "json", path)
            self.assertEqual(sum(doc["added"].values()) + sum(doc["updated"].values()) +
                             sum(doc["removed"].values()) + len(doc["restored"]), 0, doc)

    def test_a_deletion_with_nothing_after_it_counts_all_it_takes(self):
        a, b = self.a, self.b
        self.shared_past()
        # Annie: a call with a favour, the climbing gym with Ann, an ask from her.
        self.on(a, "people", "rm", "annie-lee", "--force")
        from_a = self.export_file(a, "a.jsonl")
        doc = self.js_on(b, "import", "json", from_a, "--dry-run")
        self.assertEqual(doc["removed"], {"person": 1, "ask": 1, "interaction": 1, "favour": 1,
                                          "deleted": 0})
        self.assertEqual(doc["restored"], [])
        r = self.on(b, "import", "json", from_a)
        self.assertIn("removed   1 ask, 1 favour, 1 interaction, 1 person", r.out)
        self.assertNotIn("warning", r.err)
        self.assertEqual(self.records(a), self.records(b))

    def test_entries_made_after_a_merge_follow_the_person_into_the_other(self):
        a, b = self.a, self.b
        self.shared_past()
        self.on(a, "people", "merge", "eve-ng", "ann-lee")
        from_a = self.export_file(a, "a.jsonl")
        self.later_entries_for_eve(b)
        from_b = self.export_file(b, "b.jsonl")
        doc = self.js_on(b, "import", "json", from_a, "--dry-run")
        # Her ask from before is Ann's already (A's newer copy of it came first).
        self.assertEqual(doc["moved"], {"person": 1, "ask": 1, "interaction": 1, "favour": 1})
        r = self.on(b, "import", "json", from_a)
        self.assertIn("moved     1 ask, 1 favour, 1 interaction of 1 person merged into another",
                      r.out)
        self.on(a, "import", "json", from_b)
        self.assertEqual(self.records(a), self.records(b))
        for journal in (a, b):
            ann = self.js_on(journal, "show", "ann-lee")["person"]
            self.assertEqual(ann["got"], 50, ann)
            log = {i["note"]: i["people"] for i in
                   self.js_on(journal, "log", "--limit", "100")["interactions"]}
            self.assertEqual(log["later meeting"], ["ann-lee"])
            asks = {x["what"]: x["person"] for x in
                    self.js_on(journal, "ask", "list", "--all")["asks"]}
            self.assertEqual(asks["urgent request"], "ann-lee")
            self.assertEqual(self.run_netlog("--journal", journal, "show", "eve-ng").code, 2)

    def test_merges_crossed_between_machines_export_into_a_new_journal(self):
        """A merges Cy into Cyrus, B (later) Cyrus into Cy: after the exchange each
        journal keeps one of them, and its export, whose two merge records point at each
        other, is no cycle to refuse: it restores into an empty journal as it was."""
        a, b = self.a, self.b
        self.shared_past()
        self.on(b, "import", "json", self.export_file(a, "past.jsonl"))
        self.on(a, "people", "merge", "cy-ho", "cyrus-ho")
        time.sleep(0.01)
        self.on(b, "people", "merge", "cyrus-ho", "cy-ho")
        from_a, from_b = self.export_file(a, "a.jsonl"), self.export_file(b, "b.jsonl")
        self.on(a, "import", "json", from_b)
        self.on(b, "import", "json", from_a)
        self.assertEqual(self.records(a), self.records(b))
        fresh = os.path.join(self.dir, "fresh.db")
        self.on(fresh, "import", "json", self.export_file(a, "again.jsonl"))
        self.assertEqual(self.records(fresh), self.records(a))
        self.assertEqual(self.on(fresh, "check").out, "")

    def test_a_person_merged_into_two_people_follows_the_later_merge_on_both(self):
        """A merges Ann into Bo and then Bo into Dee; B, later, Bo into Fay, and then
        logs a meeting with Fay and Ann (whom B never merged). The later merge of Bo
        stands on both, and Ann, merged into Bo, follows it: the meeting is Fay's
        alone on both machines. Before, A resolved Ann by its own, older merge of Bo
        (the newer record came at the end of B's export) and kept Dee in the meeting.
        B's export goes in through standard input, as through a pipe."""
        a, b = self.a, self.b
        self.shared_past()
        self.on(a, "people", "add", "Fay Wu")
        self.on(b, "import", "json", self.export_file(a, "past2.jsonl"))
        self.on(a, "people", "merge", "ann-lee", "bo-kim")
        self.on(a, "people", "merge", "bo-kim", "dee-fox")
        time.sleep(0.01)
        self.on(b, "people", "merge", "bo-kim", "fay-wu")
        self.on(b, "add", "fay-wu,ann-lee", "meeting after both merges")
        from_a, from_b = self.export_file(a, "a.jsonl"), self.export_file(b, "b.jsonl")
        with open(from_b) as f:
            r = self.run_netlog("--journal", a, "import", "json", "-", input=f.read())
        self.assertEqual(r.code, 0, r)
        self.on(b, "import", "json", from_a)
        self.assertEqual(self.records(a), self.records(b))
        for journal in (a, b):
            meeting = [i for i in self.js_on(journal, "log", "--limit", "100")["interactions"]
                       if i["note"] == "meeting after both merges"]
            self.assertEqual([m["people"] for m in meeting], [["fay-wu"]], journal)
        self.assertEqual([], [f for f in os.listdir(os.environ.get("TMPDIR", "/tmp"))
                              if f.startswith("netlog-import-")])

    def test_a_shared_interaction_goes_when_the_last_of_its_people_goes(self):
        """A removes Cy, B (later) Bo, the two people of one dinner: after a crossed
        exchange the meeting is gone on both, recorded as gone when the later
        of the two went (it went with the last of its people), on both."""
        a, b = self.a, self.b
        self.shared_past()
        self.on(a, "people", "rm", "cy-ho", "--force")
        time.sleep(0.01)
        self.on(b, "people", "rm", "bo-kim", "--force")
        from_a, from_b = self.export_file(a, "a.jsonl"), self.export_file(b, "b.jsonl")
        self.on(a, "import", "json", from_b)
        self.on(b, "import", "json", from_a)
        self.assertEqual(self.records(a), self.records(b))
        for journal in (a, b):
            self.assertNotIn("dinner", [i["note"] for i in
                                        self.js_on(journal, "log", "--limit", "100")["interactions"]])

    def test_a_person_brought_back_from_a_merge_into_someone_deleted_keeps_only_newer_entries(self):
        """A merges Ann into Cy, then removes Cy; B, which merged Cy into Bo, logged a
        meeting with Ann before that, and after it an ask from her. The ask brings Ann back on A; the meeting,
        older than Cy's removal, went with Cy, on both machines. (An export lists asks
        before interactions: before, A brought Ann back for the ask and then let the
        older meeting in with her.)"""
        a, b = self.a, self.b
        self.shared_past()
        self.on(b, "add", "ann-lee", "meeting before the merge")
        self.on(b, "people", "merge", "cy-ho", "bo-kim")  # so that B's export has no Cy
        time.sleep(0.01)
        self.on(a, "people", "merge", "ann-lee", "cy-ho")
        self.on(a, "people", "rm", "cy-ho", "--force")
        time.sleep(0.01)
        self.on(b, "ask", "--from", "ann-lee", "Could you send the report?")
        self.on(a, "import", "json", self.export_file(b, "b.jsonl"))
        self.on(b, "import", "json", self.export_file(a, "a.jsonl"))
        self.assertEqual(self.records(a), self.records(b))
        for journal in (a, b):
            notes = [i["note"] for i in self.js_on(journal, "log", "--limit", "100")["interactions"]]
            self.assertNotIn("meeting before the merge", notes, journal)
            asks = [x["what"] for x in self.js_on(journal, "ask", "list", "--all")["asks"]]
            self.assertIn("Could you send the report?", asks, journal)

    def test_a_merge_into_someone_merged_on_into_a_deleted_person_keeps_who_it_names(self):
        """B merges Cy into Bo and Bo into Ann, and removes Ann; A removes Ann too, and
        later meets Cy. After a crossed exchange the meeting is Cy's on both: Cy comes
        back for it. Before, A applied B's merges one at a time: Cy's rows went to Bo,
        who was then kept for them when Bo's merge into the deleted Ann came."""
        a, b = self.a, self.b
        self.shared_past()
        self.on(b, "people", "merge", "cy-ho", "bo-kim")
        self.on(b, "people", "merge", "bo-kim", "ann-lee")
        self.on(b, "people", "rm", "ann-lee", "--force")
        time.sleep(0.01)
        self.on(a, "people", "rm", "ann-lee", "--force")
        time.sleep(0.01)
        self.on(a, "add", "cy-ho", "meeting after every merge")
        from_a, from_b = self.export_file(a, "a.jsonl"), self.export_file(b, "b.jsonl")
        self.on(a, "import", "json", from_b)
        self.on(b, "import", "json", from_a)
        self.assertEqual(self.records(a), self.records(b))
        for journal in (a, b):
            meeting = [i["people"] for i in self.js_on(journal, "log", "--limit", "100")["interactions"]
                       if i["note"] == "meeting after every merge"]
            self.assertEqual(meeting, [["cy-ho"]], journal)


if __name__ == "__main__":
    main()
