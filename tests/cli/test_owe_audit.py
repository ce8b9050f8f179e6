"""End to end: `netlog owe` (balances and one person's register) and `netlog audit`.

Every expected number below is worked out by hand from the journal the test
builds (today is 2026-11-26); docs/audit.md defines the audit's figures.
"""
import re
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import NetlogTest, main  # noqa: E402


class OweTest(NetlogTest):
    def ledger(self):
        """Six people; their favours (on, direction, weight) are in the comments."""
        for name in ("Ann", "Bob", "Cat", "Dan", "Eve", "Gus"):
            self.ok("people", "add", name)
        # gus: got 1 on 07-01 -> you owe 1, the oldest debt but the smallest
        self.ok("add", "gus", "meet", "--on", "2026-07-01", "--got", "tip")
        # ann: got 2 on 09-01 -> you owe 2, since 09-01
        self.ok("add", "ann", "coffee", "--on", "2026-09-01", "--got", "intro to Acme",
                "--weight", "2")
        # bob: got 2 on 10-01 -> you owe 2, since 10-01 (same size as ann, younger)
        self.ok("add", "bob", "call", "--on", "2026-10-01", "--got", "reference", "--weight", "2")
        # cat: gave 1 on 08-01 and 1 on 10-05 -> owes you 2, since 08-01
        self.ok("add", "cat", "lunch", "--on", "2026-08-01", "--gave", "lunch")
        self.ok("add", "cat", "lunch", "--on", "2026-10-05", "--gave", "book")
        # dan: gave 3 on 11-01 -> owes you 3, since 11-01
        self.ok("add", "dan", "meet", "--on", "2026-11-01", "--gave", "review", "--weight", "3")
        # eve: got 1, gave 1 -> settled
        self.ok("add", "eve", "meet", "--on", "2026-11-02", "--got", "x", "--gave", "y")

    def test_balances_you_owe_first_largest_then_oldest_then_owe_you(self):
        self.ledger()
        self.ok("people", "add", "Fay")  # no favours at all
        doc = self.js("owe")
        self.assertEqual(doc["balances"], [
            {"person": "ann", "name": "Ann", "balance": 2, "gave": 0, "got": 2,
             "since": "2026-09-01"},
            {"person": "bob", "name": "Bob", "balance": 2, "gave": 0, "got": 2,
             "since": "2026-10-01"},
            {"person": "gus", "name": "Gus", "balance": 1, "gave": 0, "got": 1,
             "since": "2026-07-01"},
            {"person": "dan", "name": "Dan", "balance": -3, "gave": 3, "got": 0,
             "since": "2026-11-01"},
            {"person": "cat", "name": "Cat", "balance": -2, "gave": 2, "got": 0,
             "since": "2026-08-01"},
        ])

    def test_all_adds_settled_people_but_not_people_without_favours(self):
        self.ledger()
        self.ok("people", "add", "Fay")
        people = [b["person"] for b in self.js("owe", "--all")["balances"]]
        self.assertEqual(people, ["ann", "bob", "gus", "dan", "cat", "eve"])
        eve = self.js("owe", "--all")["balances"][-1]
        self.assertEqual((eve["balance"], eve["gave"], eve["got"], eve["since"]), (0, 1, 1, None))

    def test_human_balances_are_grouped_aligned_and_signed(self):
        self.ledger()
        out = self.ok("owe", "--all", "--color", "never").out
        lines = out.splitlines()
        self.assertEqual(lines[0], "you owe  total 5")
        self.assertEqual(lines[1].split(), ["HANDLE", "NAME", "BALANCE", "GAVE", "GOT", "SINCE"])
        self.assertIn("owe you  total 5", lines)
        self.assertIn("settled", lines)
        rows = [l for l in lines if l.startswith("  ") and "HANDLE" not in l]
        self.assertEqual([r.split()[0] for r in rows], ["ann", "bob", "gus", "dan", "cat", "eve"])
        self.assertEqual([re.search(r"you owe \d+|owes you \d+|even", r).group() for r in rows],
                         ["you owe 2", "you owe 2", "you owe 1", "owes you 3", "owes you 2", "even"])
        # The balance column is right-aligned across all the groups.
        ends = {re.search(r"you owe \d+|owes you \d+|even", r).end() for r in rows}
        self.assertEqual(len(ends), 1, out)
        self.assertIn("2026-09-01 (86d)", out)
        self.assertNotIn("\x1b", out)

    def test_nothing_to_show(self):
        self.ok("people", "add", "Ann")
        self.assertIn("nobody owes anybody", self.ok("owe").out)
        self.assertIn("no favours in the ledger yet", self.ok("owe", "--all").out)
        self.assertEqual(self.js("owe")["balances"], [])
        self.ok("add", "ann", "meet", "--got", "x", "--gave", "y")
        self.assertIn("nobody owes anybody", self.ok("owe").out)

    def test_register_runs_oldest_first_with_a_running_balance(self):
        self.ok("people", "add", "Ann")
        # Logged out of date order: the register sorts by date.
        self.ok("add", "ann", "call", "--on", "2026-11-01", "--gave", "referral")
        self.ok("add", "ann", "coffee", "--on", "2026-09-01", "--got", "intro", "--weight", "2")
        self.ok("add", "ann", "meet", "--on", "2026-10-01", "--got", "feedback")
        doc = self.js("owe", "ann")
        self.assertEqual(doc["person"], "ann")
        self.assertEqual(doc["balance"], 2)
        self.assertEqual([(e["on"], e["direction"], e["weight"], e["what"], e["balance"])
                          for e in doc["entries"]],
                         [("2026-09-01", "got", 2, "intro", 2),
                          ("2026-10-01", "got", 1, "feedback", 3),
                          ("2026-11-01", "gave", 1, "referral", 2)])
        self.assertEqual([e["id"] for e in doc["entries"]], ["f2", "f3", "f1"])
        # FIFO: the gave unit matches the oldest got unit (one of Sep's two), so the
        # oldest unit left is the other Sep one.
        self.assertEqual(doc["since"], "2026-09-01")
        out = self.ok("owe", "ann", "--color", "never").out
        self.assertIn("you owe ann (Ann) 2, since 2026-09-01 (86 days)", out)
        rows = out.splitlines()[2:]
        self.assertEqual([" ".join(r.split()[-3:]) for r in rows],
                         ["you owe 2", "you owe 3", "you owe 2"])
        self.assertEqual([r.split()[-4] for r in rows], ["+2", "+1", "-1"])

    def test_since_moves_after_partial_reciprocation(self):
        self.ok("people", "add", "Ann")
        self.ok("add", "ann", "a", "--on", "2026-09-01", "--got", "sep")
        self.ok("add", "ann", "b", "--on", "2026-10-01", "--got", "oct")
        self.assertEqual(self.js("owe", "ann")["since"], "2026-09-01")
        self.ok("add", "ann", "c", "--on", "2026-11-01", "--gave", "nov")
        doc = self.js("owe", "ann")
        self.assertEqual((doc["balance"], doc["since"]), (1, "2026-10-01"))
        self.assertEqual(self.js("owe")["balances"][0]["since"], "2026-10-01")
        self.ok("add", "ann", "d", "--on", "2026-11-02", "--gave", "more")
        doc = self.js("owe", "ann")
        self.assertEqual((doc["balance"], doc["since"]), (0, None))

    def test_rm_of_a_favour_or_interaction_updates_balances(self):
        self.ledger()
        ann = self.js("owe", "ann")["entries"][0]["id"]
        self.ok("rm", ann)
        people = [b["person"] for b in self.js("owe")["balances"]]
        self.assertNotIn("ann", people)
        # dan's interaction goes with its favour.
        interaction = self.js("log", "dan")["interactions"][0]["id"]
        self.ok("rm", interaction)
        self.assertEqual([b["person"] for b in self.js("owe")["balances"]], ["bob", "gus", "cat"])
        cat_first = self.js("owe", "cat")["entries"][0]["id"]
        self.ok("rm", cat_first)
        cat = self.js("owe", "cat")
        self.assertEqual((cat["balance"], cat["since"]), (-1, "2026-10-05"))

    def test_register_shows_favours_from_asks(self):
        self.ok("people", "add", "Ann")
        self.ok("add", "ann", "met")
        asked = self.js("ask", "ann", "Intro to the CFO at Acme", "--on", "2026-11-01")["ask"]
        done = self.js("ask", "done", asked, "--on", "2026-11-10", "--weight", "2")
        entry = self.js("owe", "ann")["entries"][0]
        self.assertEqual((entry["id"], entry["ask"], entry["direction"], entry["weight"],
                          entry["on"], entry["balance"]),
                         (done["favour"], asked, "got", 2, "2026-11-10", 2))

    def test_a_person_without_favours_has_an_empty_register(self):
        self.ok("people", "add", "Ann")
        doc = self.js("owe", "ann")
        self.assertEqual((doc["balance"], doc["since"], doc["entries"]), (0, None, []))
        self.assertIn("no favours with ann", self.ok("owe", "ann").out)

    def test_refusals(self):
        self.ledger()
        before = self.journal_bytes()
        self.fails(2, "owe", "ann", "--all")
        self.assertIn("did you mean", self.fails(2, "owe", "anm").err)
        self.assertEqual(self.journal_bytes(), before)


class AuditTest(NetlogTest):
    def journal_for_audit(self):
        """Seven people, six interactions, eight asks; the figures are worked out in the tests."""
        for name, tier, added in (("Ann", "inner", "2025-01-01"), ("Bob", "inner", "2025-01-01"),
                                  ("Cat", "network", "2025-01-01"), ("Dan", "weak", "2026-02-01"),
                                  ("Eve", "none", "2026-03-01"), ("Fay", "inner", "2025-01-01"),
                                  ("Gus", "network", "2025-01-01")):
            self.ok("people", "add", name, "--tier", tier, today=added)
        self.ok("add", "ann", "book club", "--on", "2026-10-01", "--gave", "book")
        self.ok("add", "ann", "coffee", "--on", "2026-11-10", "--them", "--got", "intro")
        self.ok("add", "bob", "call", "--on", "2026-09-01", "--got", "reference", "--weight", "2")
        self.ok("add", "cat", "lunch", "--on", "2025-06-01", "--gave", "lunch")
        self.ok("add", "fay", "meet", "--on", "2026-08-01", "--got", "advice")
        ids = {}
        ids["dan_out"] = self.js("ask", "dan", "Could I pick your brain about pricing?",
                                 "--on", "2026-11-20")["ask"]
        ids["eve_out"] = self.js("ask", "eve", "Review my deck", "--via", "ann",
                                 "--on", "2026-11-01")["ask"]
        ids["ann_out"] = self.js("ask", "ann", "Intro to the CFO at Acme",
                                 "--on", "2026-10-15")["ask"]
        self.ok("ask", "reply", ids["ann_out"], "--on", "2026-10-16")
        ids["ann_in"] = self.js("ask", "--from", "ann", "Feedback on my CV",
                                "--on", "2026-11-01")["ask"]
        self.ok("ask", "reply", ids["ann_in"], "--on", "2026-11-02")
        ids["bob_in"] = self.js("ask", "--from", "bob", "Speak at our meetup",
                                "--on", "2026-11-05")["ask"]
        self.ok("ask", "decline", ids["bob_in"], "--on", "2026-11-06")
        ids["cat_in"] = self.js("ask", "--from", "cat", "Referral for a job",
                                "--on", "2026-11-10")["ask"]
        self.ok("ask", "reply", ids["cat_in"], "--on", "2026-11-16")
        ids["dan_in"] = self.js("ask", "--from", "dan", "Advice on fundraising",
                                "--on", "2026-11-20")["ask"]
        ids["eve_in"] = self.js("ask", "--from", "eve", "Read my draft", "--on", "2026-11-25")["ask"]
        return ids

    def figures(self, doc, section):
        return {k: v for k, v in doc["sections"][section].items() if k != "basis"}

    def test_figures_and_scores_on_a_hand_built_journal(self):
        self.journal_for_audit()
        doc = self.js("audit")
        self.assertEqual(doc["today"], "2026-11-26")
        # 7 people; never met: dan, eve (an ask is not a meeting), gus; met once long
        # ago: cat (2025-06-01, 543 days). 100 × 3/7 = 42.9.
        self.assertEqual(self.figures(doc, "empty"),
                         {"score": 43, "people": 7, "never_met": 3, "met_once_long_ago": 1})
        # 3 outgoing asks: dan's is to a stranger and vague; eve's went through ann;
        # ann had been met on 10-01, before her ask. 100 × 2/3.
        self.assertEqual(self.figures(doc, "purposeful"),
                         {"score": 67, "asks_out": 3, "to_strangers": 1, "vague": 1, "flagged": 1,
                          "via_strongest": 0, "via_weaker": 0, "path_not_taken": 0})
        # inner: ann (last contact 11-10), bob (his decline on 11-06 is a contact)
        # within 30 days, fay (08-01) not; network: cat (reply 11-16) within 90, gus
        # never contacted. Dormant: fay, gus (counted from 2025-01-01). 100 × 3/5.
        self.assertEqual(self.figures(doc, "invest"),
                         {"score": 60, "inner": 3, "inner_within_cadence": 2, "network": 2,
                          "network_within_cadence": 1, "dormant": 2})
        # Incoming: ann replied in 1 day, bob declined in 1, cat replied in 6 (late),
        # dan's is open past 11-22, eve's still within its window. 100 × 2/(3 + 1).
        self.assertEqual(self.figures(doc, "act_quickly"),
                         {"score": 50, "asks_in": 5, "responded": 3, "replied_within_window": 2,
                          "median_reply_days": 1, "overdue_now": 1, "quick_declines": 1})
        # Favours: ann 1/1 settled, bob got 2 (since 09-01), cat gave 1, fay got 1
        # (since 08-01): you owe 3, owed 1, owed for long: bob, fay. 100 × (4 − 2)/4.
        self.assertEqual(self.figures(doc, "reciprocate"),
                         {"score": 50, "people_with_favours": 4, "you_owe": 3, "owed_to_you": 1,
                          "owing_long": 2, "one_sided_take": 2, "one_sided_give": 1,
                          "they_reached_out": 1, "you_reached_out": 4})
        self.assertEqual(doc["score"], 54)  # (43 + 67 + 60 + 50 + 50) / 5
        for name, section in doc["sections"].items():
            basis = section["basis"]
            self.assertEqual(set(basis), set(section) - {"basis"}, name)
            self.assertTrue(all(isinstance(v, str) and v for v in basis.values()), name)

    def test_findings_take_turns_by_section_with_their_commands(self):
        ids = self.journal_for_audit()
        doc = self.js("audit", "--top", "20")
        self.assertEqual(doc["findings_total"], 9)
        got = [(f["section"], f["person"], f["ask"], f["command"]) for f in doc["findings"]]
        self.assertEqual(got, [
            ("act_quickly", "dan", ids["dan_in"], f"netlog ask reply {ids['dan_in']}"),
            ("reciprocate", "fay", None, "netlog add fay \"…\" --gave \"…\""),     # 117 days
            ("invest", "gus", None, "netlog add gus \"…\""),                      # 604 days past
            ("purposeful", "dan", ids["dan_out"], f"netlog ask drop {ids['dan_out']}"),
            ("empty", "gus", None, "netlog people set gus --tier none"),         # added 694 days ago
            ("reciprocate", "bob", None, "netlog add bob \"…\" --gave \"…\""),     # 86 days
            ("invest", "fay", None, "netlog add fay \"…\""),                      # 87 days past
            ("empty", "cat", None, "netlog people set cat --tier none"),         # met 543 days ago
            ("empty", "dan", None, "netlog people set dan --tier none"),         # added 298 days ago
        ])
        self.assertEqual(doc["findings"][0]["text"],
                         'dan asked "Advice on fundraising" on 2026-11-20; your reply is 4 days '
                         'overdue (a quick no counts too)')

    def test_top_limits_the_findings(self):
        self.journal_for_audit()
        self.assertEqual(len(self.js("audit")["findings"]), 5)
        one = self.js("audit", "--top", "1")
        self.assertEqual([f["section"] for f in one["findings"]], ["act_quickly"])
        self.assertEqual(one["findings_total"], 9)
        self.assertEqual(self.js("audit", "--top", "0")["findings"], [])
        self.assertNotIn("To act on", self.ok("audit", "--top", "0").out)
        before = self.journal_bytes()
        self.fails(2, "audit", "--top", "-1")
        self.fails(2, "audit", "--top", "many")
        self.assertEqual(self.journal_bytes(), before)

    def test_human_report(self):
        ids = self.journal_for_audit()
        out = self.ok("audit", "--top", "2", "--color", "never").out
        self.assertNotIn("\x1b", out)
        for heading in ("Empty connections", "Purposeful asks", "Invest in your network",
                        "Act quickly", "Reciprocate", "Overall"):
            self.assertIn(heading, out)
        self.assertIn("████░░░░░░   43", out)
        self.assertIn("█████░░░░░   54", out)
        self.assertIn("3 of 7 people you never met; 1 met only once, more than a year ago", out)
        self.assertIn("To act on (2 of 9)", out)
        self.assertIn(f"netlog ask reply {ids['dan_in']}", out)
        self.assertIn("netlog add fay \"…\" --gave \"…\"", out)
        coloured = self.ok("audit", "--color", "always").out
        self.assertIn("\x1b[", coloured)

    def test_stored_text_in_findings_is_made_printable(self):
        self.ok("people", "add", "Ann")
        self.ok("ask", "--from", "ann", "evil \x1b[31m text", "--on", "2026-11-01")
        out = self.ok("audit", "--color", "never").out
        self.assertNotIn("\x1b", out)
        self.assertIn("\\x1b[31m", out)

    def test_an_empty_journal(self):
        self.ok("people", "add", "Ann")
        self.ok("people", "rm", "ann")
        out = self.ok("audit").out
        self.assertIn("nothing to audit yet", out)
        doc = self.js("audit")
        self.assertIsNone(doc["score"])
        self.assertEqual(doc["findings"], [])
        for name, section in doc["sections"].items():
            self.assertIsNone(section["score"], name)
            for figure, value in section.items():
                if figure in ("score", "basis"):
                    continue
                if figure == "median_reply_days":
                    self.assertIsNone(value)
                else:
                    self.assertEqual(value, 0, (name, figure))

    def test_a_missing_journal_is_an_error_that_says_how_to_start(self):
        r = self.fails(3, "audit")
        self.assertIn("no journal yet", r.err)
        self.assertFalse(os.path.exists(self.journal))

    def test_config_decides_vague_phrases_and_the_reciprocate_delay(self):
        self.journal_for_audit()
        self.write_config('[ask]\nvague = ["deck"]\n[reciprocate]\nafter = "100d"\n')
        doc = self.js("audit")
        self.assertEqual(doc["sections"]["purposeful"]["vague"], 1)    # eve's "Review my deck"
        self.assertEqual(doc["sections"]["purposeful"]["flagged"], 2)  # and dan's (a stranger)
        self.assertEqual(doc["sections"]["reciprocate"]["owing_long"], 1)  # fay, 117 days


class TotalsConsistencyTest(NetlogTest):
    """After each kind of write, the people columns that owe and audit read equal a
    recomputation from the history (read straight from the SQLite file)."""

    def recomputed(self, db, person):
        rows = db.execute("""SELECT i.on_date, i.them FROM interactions i
            JOIN interaction_people ip ON ip.interaction_id = i.id WHERE ip.person_id = ?""",
                          (person,)).fetchall()
        last_interaction = max((r[0] for r in rows), default=None)
        contacts = [r[0] for r in rows]
        for asked, replied, closed, status in db.execute(
                "SELECT asked_on, replied_on, closed_on, status FROM asks WHERE person_id = ?",
                (person,)):
            contacts += [asked] + ([replied] if replied else [])
            if status in ("done", "declined") and closed:
                contacts.append(closed)
        favours = db.execute("""SELECT direction, weight, on_date FROM favours
            WHERE person_id = ? ORDER BY on_date, id""", (person,)).fetchall()
        gave = sum(w for d, w, _ in favours if d == "gave")
        got = sum(w for d, w, _ in favours if d == "got")
        since = None
        if gave != got:
            more = "got" if got > gave else "gave"
            cumulative = 0
            for d, w, on in favours:
                if d == more:
                    cumulative += w
                    if cumulative > min(gave, got):
                        since = on
                        break
        return (len(rows), sum(r[1] for r in rows), last_interaction,
                max(contacts, default=None), gave, got, since)

    def check(self, what):
        db = sqlite3.connect(f"file:{self.journal}?mode=ro", uri=True)
        try:
            for row in db.execute("""SELECT id, handle, interactions, reached_me,
                    last_interaction, last_contact, gave, got, since FROM people"""):
                self.assertEqual(tuple(row[2:]), self.recomputed(db, row[0]), (what, row[1]))
        finally:
            db.close()

    def test_every_kind_of_write_keeps_the_totals(self):
        for name in ("Ann", "Bob", "Cat"):
            self.ok("people", "add", name)
        steps = [
            ("add with favours", ["add", "ann,bob", "meet", "--on", "2026-09-01", "--got", "x",
                                  "--weight", "3", "--gave", "y"]),
            ("add --them", ["add", "ann", "call", "--on", "2026-10-01", "--them", "--gave", "z"]),
            ("add for cat", ["add", "cat", "lunch", "--on", "2026-08-01", "--got", "w"]),
            ("ask out", ["ask", "bob", "Review section 2", "--on", "2026-11-01"]),
            ("ask in", ["ask", "--from", "cat", "Read my draft", "--on", "2026-11-10"]),
            ("ask done", ["ask", "done", "a1", "--on", "2026-11-15", "--weight", "2"]),
            ("ask decline", ["ask", "decline", "a2", "--on", "2026-11-11"]),
            ("rm favour", ["rm", "f1"]),
            ("rm interaction", ["rm", "i2"]),
            ("rm ask", ["rm", "a1"]),
            ("people rm --force", ["people", "rm", "cat", "--force"]),
        ]
        for what, args in steps:
            self.ok(*args)
            self.check(what)
        # What is left: ann's got 3 (f2); bob's gave 3 and got 3 (the ask's favour went
        # with the ask).
        self.assertEqual(self.js("owe", "ann")["balance"], 3)
        self.assertEqual(self.js("owe", "bob")["balance"], 0)


if __name__ == "__main__":
    main()
