"""netlog ask (new, list, reply, done, decline, drop), the purposefulness check, and
netlog due (sections, boundaries, --within, --digest, --exit-code, snooze)."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import TODAY, NetlogTest, main  # noqa: E402

DUE_SECTIONS = ("replies", "promises", "follow_ups", "reconnect", "reciprocate")


class AskDueTest(NetlogTest):
    def person(self, name, *options, today=None):
        """`people add NAME …` (added on `today`); returns the handle."""
        return self.js("people", "add", name, *options, today=today)["person"]["handle"]

    def ask(self, *args, today=None):
        """`ask …` with --json; returns the document."""
        return self.js("ask", *args, today=today)

    def due(self, *args, today=None):
        doc = self.js("due", *args, today=today)
        self.assertEqual(set(DUE_SECTIONS) | {"netlog", "today"} <= set(doc), True, doc)
        return doc

    def last(self, handle):
        people = {p["handle"]: p for p in self.js("people")["people"]}
        return people[handle]["last"]

    def asks(self, *args):
        return {a["id"]: a for a in self.js("ask", "list", "--all", *args)["asks"]}

    def assert_refused(self, code, *args, today=None):
        """The command fails with `code` and leaves the journal byte for byte as it was."""
        before = self.journal_bytes()
        r = self.fails(code, *args, today=today)
        self.assertEqual(self.journal_bytes(), before, r)
        return r


class NewAsk(AskDueTest):
    def setUp(self):
        super().setUp()
        self.person("Alice Chen", "--tier", "inner")
        self.person("Bob Stone", "--tier", "network")
        self.ok("add", "alice-chen,bob-stone", "lunch", "--on", "2026-10-01")

    def test_outgoing_follow_up_date_is_asked_plus_window_or_by(self):
        doc = self.ask("alice-chen", "Intro to the Acme CTO about their data pipeline")
        self.assertEqual((doc["ask"], doc["due_on"], doc["warnings"]), ("a1", "2026-12-03", []))
        self.assertEqual((doc["direction"], doc["person"], doc["by"]), ("out", "alice-chen", None))
        doc = self.ask("alice-chen", "Review the Q3 deck", "--by", "2026-11-30")
        self.assertEqual((doc["due_on"], doc["by"]), ("2026-11-30", "2026-11-30"))
        doc = self.ask("bob", "Feedback on the pricing page", "--on", "2026-11-20")
        self.assertEqual((doc["asked_on"], doc["due_on"]), ("2026-11-20", "2026-11-27"))
        self.write_config('[reply]\nfollow_up = "2w"\n')
        self.assertEqual(self.ask("bob", "A quote for the site")["due_on"], "2026-12-10")

    def test_incoming_reply_date_is_asked_plus_reply_window_and_by_is_kept(self):
        doc = self.ask("--from", "alice", "Review my deck", "--by", "2026-12-20")
        self.assertEqual((doc["ask"], doc["direction"], doc["person"]), ("a1", "in", "alice-chen"))
        self.assertEqual((doc["asked_on"], doc["due_on"], doc["by"]),
                         (TODAY, "2026-11-28", "2026-12-20"))
        self.assertEqual(doc["warnings"], [])
        self.write_config('[reply]\nwindow = "1d"\n')
        doc = self.ask("--from", "bob", "An intro to Dana", "--on", "2026-11-20")
        self.assertEqual(doc["due_on"], "2026-11-21")

    def test_new_creates_the_person_with_a_tier(self):
        doc = self.ask("--from", "Dana Fox", "A reference letter", "--new", "--tier", "network")
        self.assertEqual(doc["person"], "dana-fox")
        self.assertEqual(self.js("show", "dana-fox")["person"]["tier"], "network")
        self.assert_refused(2, "ask", "Erin Gray", "Something", "--tier", "inner")

    def test_via_is_recorded(self):
        self.person("Carol Diaz")
        doc = self.ask("carol", "An intro to the Acme CTO", "--via", "alice")
        self.assertEqual((doc["via"], doc["warnings"]), ("alice-chen", []))
        self.assertEqual(self.asks()["a1"]["via"], "alice-chen")

    def test_bad_input_changes_nothing(self):
        self.assert_refused(2, "ask", "alice", "Something", "--on", "tomorrow")
        self.assert_refused(2, "ask", "alice", "Something", "--on", "2026-11-20", "--by",
                            "2026-11-19")
        self.assert_refused(2, "ask", "alice", "   ")
        self.assert_refused(2, "ask", "alice")
        self.assert_refused(2, "ask", "nobody-here", "Something")
        self.assert_refused(2, "ask", "alice", "Something", "--via", "alice")
        self.assert_refused(2, "ask", "--from", "alice", "Something", "--via", "bob")
        self.assert_refused(2, "ask", "--from", "alice", "bob", "Something")
        self.assertEqual(self.asks(), {})

    def test_a_person_named_like_a_subcommand_follows_double_dash(self):
        self.person("List")
        self.assertEqual(self.ask("--", "list", "An intro to Acme")["person"], "list")
        # Without `--` the word is the subcommand, and stray words are refused.
        r = self.assert_refused(2, "ask", "alice", "list")
        self.assertIn("--", r.err)


class AskList(AskDueTest):
    def setUp(self):
        super().setUp()
        self.person("Alice Chen", "--tier", "inner")
        self.person("Bob Stone")
        self.ok("add", "alice-chen,bob-stone", "lunch", "--on", "2026-10-01")
        self.ask("alice", "Intro to Acme", "--on", "2026-11-01")          # a1 out, open
        self.ask("--from", "bob", "Review my deck", "--on", "2026-11-02")  # a2 in, replied
        self.ask("--from", "alice", "A reference", "--on", "2026-11-03")   # a3 in, done
        self.ok("ask", "reply", "a2")
        self.ok("ask", "done", "a3")

    def ids(self, *args):
        return [a["id"] for a in self.js("ask", "list", *args)["asks"]]

    def test_default_is_open_or_replied(self):
        self.assertEqual(self.ids(), ["a2", "a1"])  # by due date: 11-04, 11-08
        self.assertEqual(self.ids("--open"), ["a2", "a1"])
        self.assertEqual(sorted(self.ids("--all")), ["a1", "a2", "a3"])

    def test_filters(self):
        self.assertEqual(self.ids("--in"), ["a2"])
        self.assertEqual(self.ids("--out"), ["a1"])
        self.assertEqual(sorted(self.ids("alice", "--all")), ["a1", "a3"])
        self.assertEqual(self.ids("bob", "--out"), [])
        self.fails(2, "ask", "list", "--open", "--all")
        self.fails(2, "ask", "list", "--in", "--out")

    def test_keys(self):
        a = self.js("ask", "list", "--all")["asks"]
        self.assertTrue({"id", "direction", "person", "via", "what", "asked_on", "due_on", "by",
                         "status"} <= set(a[0]))
        by_id = {x["id"]: x for x in a}
        self.assertEqual((by_id["a2"]["direction"], by_id["a2"]["status"]), ("in", "replied"))
        self.assertEqual(by_id["a3"]["status"], "done")

    def test_human_output(self):
        out = self.ok("ask", "list").out
        self.assertIn("a1", out)
        self.assertIn("Intro to Acme", out)
        self.assertNotIn("A reference", out)


class Lifecycle(AskDueTest):
    def setUp(self):
        super().setUp()
        self.person("Rita Ruiz", today="2026-01-01")
        self.person("Omar Aziz", today="2026-01-01")
        self.ok("add", "omar", "coffee", "--on", "2026-03-01")
        self.ask("--from", "rita", "Review my deck", "--on", "2026-11-20")  # a1 in
        self.ask("omar", "Intro to the Acme CTO", "--on", "2026-11-20")     # a2 out

    def favours(self):
        db = sqlite3.connect(self.journal)
        try:
            return db.execute("SELECT p.handle, f.direction, f.weight, f.what, f.on_date, f.ask_id "
                              "FROM favours f JOIN people p ON p.id = f.person_id "
                              "ORDER BY f.id").fetchall()
        finally:
            db.close()

    def test_reply_then_done_records_the_favour_i_gave(self):
        doc = self.js("ask", "reply", "a1", "--on", "2026-11-21")
        self.assertEqual((doc["ask"], doc["status"]), ("a1", "replied"))
        doc = self.js("ask", "done", "a1", "--on", "2026-11-25", "--weight", "3")
        self.assertEqual((doc["ask"], doc["status"], doc["favour"]), ("a1", "done", "f1"))
        a = self.asks()["a1"]
        self.assertEqual((a["replied_on"], a["closed_on"]), ("2026-11-21", "2026-11-25"))
        self.assertEqual(self.favours(), [("rita-ruiz", "gave", 3, "Review my deck", "2026-11-25", 1)])
        balances = {p["handle"]: p["balance"] for p in self.js("people")["people"]}
        self.assertEqual(balances["rita-ruiz"], -3)

    def test_outgoing_done_records_the_favour_i_got_and_counts_as_the_reply(self):
        doc = self.js("ask", "done", "a2", "--note", "they said yes")
        self.assertEqual((doc["status"], doc["favour"]), ("done", "f1"))
        a = self.asks()["a2"]
        self.assertEqual((a["replied_on"], a["closed_on"]), (TODAY, TODAY))
        self.assertEqual(self.favours(), [("omar-aziz", "got", 1, "Intro to the Acme CTO", TODAY, 2)])

    def test_decline_straight_from_open_counts_as_the_reply(self):
        doc = self.js("ask", "decline", "a1", "--on", "2026-11-21")
        self.assertEqual((doc["status"], doc.get("favour")), ("declined", None))
        a = self.asks()["a1"]
        self.assertEqual((a["replied_on"], a["closed_on"]), ("2026-11-21", "2026-11-21"))
        self.assertEqual(self.favours(), [])

    def test_drop(self):
        doc = self.js("ask", "drop", "a2")
        self.assertEqual(doc["status"], "dropped")
        a = self.asks()["a2"]
        self.assertEqual((a["replied_on"], a["closed_on"]), (None, TODAY))
        self.assertEqual(self.favours(), [])

    def test_errors_change_nothing(self):
        self.assert_refused(2, "ask", "reply", "a99")          # unknown ask
        self.assert_refused(2, "ask", "done", "a99")
        self.assert_refused(2, "ask", "done", "i1")            # not an ask id
        self.assert_refused(2, "ask", "done", "f1")
        self.assert_refused(2, "ask", "done", "zz")
        self.assert_refused(2, "ask", "reply", "a1", "--on", "2026-11-19")   # before the ask
        self.assert_refused(2, "ask", "done", "a1", "--on", "2026-11-19")
        self.assert_refused(2, "ask", "reply", "a1", "--on", "tomorrow")     # future --on
        self.assert_refused(2, "ask", "done", "a1", "--weight", "0")
        self.ok("ask", "reply", "a1", "--on", "2026-11-22")
        self.assert_refused(2, "ask", "reply", "a1")                         # reply twice
        self.assert_refused(2, "ask", "done", "a1", "--on", "2026-11-21")    # before the reply
        self.ok("ask", "done", "a1")
        r = self.assert_refused(2, "ask", "done", "a1")                      # finished twice
        self.assertIn("already done", r.err)
        self.assert_refused(2, "ask", "decline", "a1")
        self.assert_refused(2, "ask", "drop", "a1")
        self.ok("ask", "decline", "a2")
        r = self.assert_refused(2, "ask", "reply", "a2")                     # reply on declined
        self.assertIn("already declined", r.err)
        self.ask("omar", "A quote for the site")                             # a3
        self.ok("ask", "drop", "a3")
        r = self.assert_refused(2, "ask", "done", "a3")                      # drop then done
        self.assertIn("already dropped", r.err)
        self.assertEqual(len(self.favours()), 1)

    def test_ask_events_count_as_contact(self):
        self.person("Paul Park", today="2026-01-01")
        self.person("Vera Vance", "--tier", "inner", today="2026-01-01")
        self.assertIsNone(self.last("paul-park"))
        self.ask("--from", "paul", "Review my CV", "--on", "2026-11-01")       # a3
        self.assertEqual(self.last("paul-park"), "2026-11-01")
        self.ok("ask", "reply", "a3", "--on", "2026-11-03")
        self.assertEqual(self.last("paul-park"), "2026-11-03")
        self.ask("paul", "An intro to Acme", "--on", "2026-11-05", "--via", "vera")  # a4
        self.assertEqual(self.last("paul-park"), "2026-11-05")
        self.assertIsNone(self.last("vera-vance"))  # being someone's via is no contact
        self.ok("ask", "done", "a4", "--on", "2026-11-10")
        self.assertEqual(self.last("paul-park"), "2026-11-10")
        self.ok("ask", "decline", "a3", "--on", "2026-11-12")
        self.assertEqual(self.last("paul-park"), "2026-11-12")
        self.ask("paul", "A quote", "--on", "2026-11-13")                      # a5
        self.ok("ask", "drop", "a5")                                           # today: no contact
        self.assertEqual(self.last("paul-park"), "2026-11-13")
        self.ok("rm", "a5")
        self.assertEqual(self.last("paul-park"), "2026-11-12")


class Purposeful(AskDueTest):
    def setUp(self):
        super().setUp()
        self.person("Tina Trust", "--tier", "inner")
        self.person("Nate Net", "--tier", "network")
        self.person("Walt Weak", "--tier", "weak")
        self.person("Sam Stranger", "--via", "tina")
        self.person("Una Unknown", "--via", "walt")
        self.person("Eve Met")
        self.ok("add", "eve,nate,walt", "conference dinner", "--on", "2026-10-01")

    def test_a_stranger_without_via_warns_and_names_the_introducer(self):
        r = self.ok("--json", "ask", "sam", "An intro to the Acme CTO")
        doc = r.json()
        self.assertEqual(doc["ask"], "a1")
        self.assertEqual(len(doc["warnings"]), 1)
        self.assertIn("tina-trust", doc["warnings"][0])
        self.assertEqual(doc["via_candidates"], ["tina-trust"])
        self.assertEqual([l for l in r.err.splitlines()], ["netlog: warning: " + doc["warnings"][0]])
        self.assertEqual(self.asks()["a1"]["status"], "open")  # stored all the same

    def test_only_trusted_people_are_candidates(self):
        doc = self.ask("una", "An intro to the Acme CTO")
        self.assertEqual(doc["via_candidates"], [])
        self.assertEqual(len(doc["warnings"]), 1)
        self.assertIn("no trusted contact", doc["warnings"][0])
        self.assertNotIn("walt", doc["warnings"][0])

    def test_a_vague_ask_to_someone_met_asks_only_for_a_specific_request(self):
        # Eve was met (with nate and walt): no go-between is offered (issue 14).
        r = self.ok("--json", "ask", "eve", "Could I PICK your brain?")
        doc = r.json()
        self.assertEqual(len(doc["warnings"]), 1)
        self.assertIn("pick your brain", doc["warnings"][0])
        self.assertIn("say what exactly you need", doc["warnings"][0])
        self.assertNotIn("nate-net", doc["warnings"][0])
        self.assertNotIn("--via", doc["warnings"][0])
        self.assertEqual(doc["via_candidates"], [])
        self.assertIn("netlog: warning: 'pick your brain' is vague", r.err)

    def test_a_vague_ask_to_someone_met_in_many_meetings_names_nobody(self):
        self.person("Mia Many", "--via", "tina")
        for name in ["Ann", "Ben", "Cat", "Dan", "Eli", "Fay"]:
            self.person(f"{name} Net", "--tier", "network")
        # Oldest first; Tina (the introducer) again, and Walt (weak) never counts.
        self.ok("add", "mia,ann,ben", "lunch", "--on", "2026-10-01")
        self.ok("add", "mia,cat,walt", "call", "--on", "2026-10-05")
        self.ok("add", "mia,dan,tina", "meetup", "--on", "2026-10-10")
        self.ok("add", "mia,eli", "coffee", "--on", "2026-10-20")
        self.ok("add", "mia,fay", "coffee", "--on", "2026-11-02")
        # Mia was met: a vague ask to her names no go-between (issue 14).
        doc = self.ask("mia", "Could I pick your brain?")
        self.assertEqual(doc["via_candidates"], [])
        self.assertNotIn("--via", doc["warnings"][0])

    def test_configured_vague_phrases(self):
        self.write_config('[ask]\nvague = ["Quick Sync"]\n')
        self.assertEqual(len(self.ask("eve", "a quick sync next week")["warnings"]), 1)
        self.assertEqual(self.ask("eve", "pick your brain")["warnings"], [])

    def test_a_stranger_asked_vaguely_gets_both_warnings(self):
        doc = self.ask("sam", "Let's catch up")
        self.assertEqual(len(doc["warnings"]), 2)

    def test_via_met_person_and_incoming_asks_do_not_warn(self):
        r = self.ok("--json", "ask", "sam", "An intro to the Acme CTO", "--via", "tina")
        self.assertEqual((r.json()["warnings"], r.err), ([], ""))
        r = self.ok("--json", "ask", "eve", "Feedback on the pricing page")
        self.assertEqual((r.json()["warnings"], r.err), ([], ""))
        r = self.ok("--json", "ask", "--from", "una", "Let's catch up")
        self.assertEqual((r.json()["warnings"], r.err), ([], ""))

    def test_a_new_person_is_a_stranger(self):
        doc = self.ask("Zed Zero", "An intro to the Acme CTO", "--new")
        self.assertEqual(len(doc["warnings"]), 1)

    def test_strict_refuses_and_stores_nothing(self):
        self.write_config('[ask]\npurposeful = "strict"\n')
        r = self.assert_refused(2, "ask", "sam", "An intro to the Acme CTO")
        self.assertIn("tina-trust", r.err)
        self.assert_refused(2, "ask", "eve", "Let's grab a coffee")
        self.assert_refused(2, "ask", "Zed Zero", "An intro to the Acme CTO", "--new")
        self.assertNotIn("zed-zero", [p["handle"] for p in self.js("people")["people"]])
        self.assertEqual(self.asks(), {})
        # Purposeful asks and incoming ones pass.
        self.assertEqual(self.ask("sam", "An intro to the Acme CTO", "--via", "tina")["ask"], "a1")
        self.assertEqual(self.ask("--from", "sam", "Let's catch up")["ask"], "a2")


class Due(AskDueTest):
    def items(self, section, today, *args):
        return self.due(*args, today=today)[section]

    def test_missing_journal(self):
        r = self.fails(3, "due")
        self.assertIn("no journal yet", r.err)
        self.fails(3, "due", "--digest")
        self.assertFalse(os.path.exists(self.journal))

    def test_replies_boundary(self):
        self.person("Rita Ruiz", today="2026-11-01")
        self.ask("--from", "rita", "Review my deck", "--on", "2026-11-20")  # reply by 11-22
        self.assertEqual(self.items("replies", "2026-11-21"), [])
        item, = self.items("replies", "2026-11-22")  # due today is due (issue #14)
        self.assertEqual((item["ask"], item["days_overdue"]), ("a1", 0))
        item, = self.items("replies", "2026-11-23")
        self.assertEqual(item, {"person": "rita-ruiz", "name": "Rita Ruiz", "due_on": "2026-11-22",
                                "days_overdue": 1, "ask": "a1", "what": "Review my deck",
                                "command": "netlog ask reply a1"})
        item, = self.items("replies", "2026-11-21", "--within", "1d")
        self.assertEqual(item["days_overdue"], -1)
        self.assertEqual(self.items("replies", "2026-11-20", "--within", "1d"), [])
        self.ok("ask", "reply", "a1")
        doc = self.due(today="2026-12-30")
        self.assertEqual((doc["replies"], doc["promises"]), ([], []))  # no --by: never falls due

    def test_promises_boundary(self):
        self.person("Rita Ruiz", today="2026-11-01")
        self.ask("--from", "rita", "Write a reference", "--on", "2026-11-20", "--by", "2026-12-01")
        self.ok("ask", "reply", "a1", "--on", "2026-11-21")
        self.assertEqual(self.items("promises", "2026-11-30"), [])
        item, = self.items("promises", "2026-12-01")
        self.assertEqual(item["days_overdue"], 0)
        item, = self.items("promises", "2026-12-02")
        self.assertEqual((item["ask"], item["due_on"], item["days_overdue"], item["command"]),
                         ("a1", "2026-12-01", 1, "netlog ask done a1"))
        item, = self.items("promises", "2026-11-29", "--within", "3d")
        self.assertEqual(item["days_overdue"], -2)
        self.ok("ask", "done", "a1")
        self.assertEqual(self.items("promises", "2026-12-02"), [])

    def test_follow_ups_boundary(self):
        self.person("Omar Aziz", today="2026-01-01")
        self.ok("add", "omar", "coffee", "--on", "2026-03-01")
        self.ask("omar", "Intro to the Acme CTO", "--on", "2026-11-10")              # 11-17
        self.ask("omar", "A quote", "--on", "2026-11-10", "--by", "2026-11-20")      # 11-20
        self.assertEqual(self.items("follow_ups", "2026-11-16"), [])
        item, = self.items("follow_ups", "2026-11-17")
        self.assertEqual((item["ask"], item["days_overdue"]), ("a1", 0))
        item, = self.items("follow_ups", "2026-11-18")
        self.assertEqual((item["ask"], item["days_overdue"], item["command"]),
                         ("a1", 1, "netlog ask nudge a1"))
        items = self.items("follow_ups", "2026-11-21")
        self.assertEqual([(i["ask"], i["days_overdue"]) for i in items], [("a1", 4), ("a2", 1)])
        self.ok("ask", "reply", "a1")  # they answered: nothing to follow up
        self.assertEqual([i["ask"] for i in self.items("follow_ups", "2026-11-21")], ["a2"])

    def test_reconnect_boundary_from_last_contact_and_from_added(self):
        self.person("Ivy Inner", "--tier", "inner", today="2026-01-01")
        self.ok("add", "ivy", "coffee", "--on", "2026-10-01")                  # due 10-31
        self.person("Nia Net", "--tier", "network", today="2026-06-01")        # due 08-30
        self.person("Ned None", "--tier", "none", today="2020-01-01")          # no cadence
        self.assertEqual(self.items("reconnect", "2026-08-29"), [])
        item, = self.items("reconnect", "2026-08-30")
        self.assertEqual((item["person"], item["days_overdue"]), ("nia-net", 0))
        item, = self.items("reconnect", "2026-08-31")
        self.assertEqual(item, {"person": "nia-net", "name": "Nia Net", "due_on": "2026-08-30",
                                "days_overdue": 1, "what": "never contacted",
                                "command": 'netlog add nia-net "…"', "last": None,
                                "snooze": "netlog people set nia-net --snooze 2w"})
        self.assertEqual([i["person"] for i in self.items("reconnect", "2026-10-30")], ["nia-net"])
        self.assertEqual([(i["person"], i["days_overdue"])
                          for i in self.items("reconnect", "2026-10-31")],
                         [("nia-net", 62), ("ivy-inner", 0)])
        items = self.items("reconnect", "2026-11-01")
        self.assertEqual([(i["person"], i["days_overdue"]) for i in items],
                         [("nia-net", 63), ("ivy-inner", 1)])
        self.assertEqual(items[1]["last"], "2026-10-01")
        self.assertEqual(items[1]["command"], 'netlog add ivy-inner "…"')
        # A cadence override wins over the tier's.
        self.ok("people", "set", "ivy", "--cadence", "10d")
        items = self.items("reconnect", "2026-10-12")
        self.assertEqual([(i["person"], i["days_overdue"]) for i in items],
                         [("nia-net", 43), ("ivy-inner", 1)])

    def test_reconnect_counts_ask_events_as_contact(self):
        self.person("Ivy Inner", "--tier", "inner", today="2026-01-01")
        self.ask("--from", "ivy", "Review my deck", "--on", "2026-10-01")
        self.ok("ask", "decline", "a1", "--on", "2026-10-02")
        self.assertEqual(self.items("reconnect", "2026-10-31"), [])
        item, = self.items("reconnect", "2026-11-02")
        self.assertEqual((item["due_on"], item["last"]), ("2026-11-01", "2026-10-02"))

    def test_snoozed_people_are_left_out_until_the_snooze_ends(self):
        self.person("Ivy Inner", "--tier", "inner", today="2026-01-01")
        self.ok("add", "ivy", "coffee", "--on", "2026-10-01")
        self.assertEqual(len(self.items("reconnect", TODAY)), 1)
        self.ok("people", "set", "ivy", "--snooze", "2026-12-10")
        self.assertEqual(self.items("reconnect", TODAY), [])
        self.assertEqual(self.items("reconnect", "2026-12-09"), [])
        item, = self.items("reconnect", "2026-12-10")  # the snooze ends: due that day
        self.assertEqual(item["days_overdue"], 0)
        item, = self.items("reconnect", "2026-12-11")
        self.assertEqual((item["due_on"], item["days_overdue"]), ("2026-12-10", 1))
        item, = self.items("reconnect", "2026-12-08", "--within", "3d")
        self.assertEqual(item["days_overdue"], -2)
        self.ok("people", "set", "ivy", "--snooze", "2w")
        self.assertEqual(self.items("reconnect", "2026-12-09"), [])
        self.ok("people", "set", "ivy", "--snooze", "off")
        self.assertEqual(len(self.items("reconnect", TODAY)), 1)

    def test_reciprocate_boundary(self):
        self.person("Rex Reyes", "--tier", "none")
        self.ok("add", "rex", "lunch", "--got", "An intro to a VC", "--on", "2026-10-01")
        self.assertEqual(self.items("reciprocate", "2026-10-30"), [])
        self.assertEqual(self.items("reciprocate", "2026-10-31")[0]["days_overdue"], 0)
        item, = self.items("reciprocate", "2026-11-01")
        self.assertEqual((item["person"], item["due_on"], item["days_overdue"]),
                         ("rex-reyes", "2026-10-31", 1))
        self.assertEqual((item["balance"], item["since"]), (1, "2026-10-01"))
        self.assertEqual(item["command"], 'netlog add rex-reyes "…" --gave "…"')
        self.write_config('[reciprocate]\nafter = "60d"\n')
        self.assertEqual(self.items("reciprocate", "2026-11-29"), [])
        self.assertEqual(len(self.items("reciprocate", "2026-11-30")), 1)
        self.ok("add", "rex", "dinner", "--gave", "Paid for dinner")
        self.assertEqual(self.items("reciprocate", "2026-12-31"), [])

    def test_most_urgent_first(self):
        self.person("Ann Lee")
        self.person("Bo Li")
        self.ask("--from", "bo", "One", "--on", "2026-11-20")   # a1, 4 days overdue
        self.ask("--from", "ann", "Two", "--on", "2026-11-15")  # a2, 9 days overdue
        self.ask("--from", "ann", "Three", "--on", "2026-11-20")  # a3, 4 days overdue
        items = self.items("replies", TODAY)
        self.assertEqual([(i["ask"], i["days_overdue"]) for i in items],
                         [("a2", 9), ("a3", 4), ("a1", 4)])

    def test_human_output(self):
        self.person("Rita Ruiz", "--tier", "none", today="2026-11-01")
        self.assertEqual(self.ok("due").out, "nothing due today\n")
        self.assertEqual(self.ok("due", "--within", "3d").out, "nothing due within 3d\n")
        self.ask("--from", "rita", "Review my deck", "--on", "2026-11-20")
        out = self.ok("due", "--color", "never").out
        lines = out.splitlines()
        self.assertEqual(lines[0], "Replies you owe (1)")
        self.assertIn("Review my deck", lines[2])
        self.assertIn("4 days overdue", lines[2])
        self.assertIn("netlog ask reply a1", lines[2])
        # The columns line up: the header's DUE sits over the row's date.
        self.assertEqual(lines[1].index("DUE"), lines[2].index("2026-11-22"))
        self.assertNotIn("Follow-ups", out)


class Digest(AskDueTest):
    def setUp(self):
        super().setUp()
        self.person("Quiet Quinn", "--tier", "none")

    def test_silent_when_nothing_is_due_even_with_config_warnings(self):
        self.write_config('unknown_key = 1\n')
        self.assertIn("unknown key", self.ok("due").err)  # the warning exists …
        for args in (["due", "--digest"], ["due", "--digest", "--exit-code"],
                     ["due", "--digest", "--within", "3d"]):
            r = self.run_netlog(*args)
            self.assertEqual((r.code, r.out, r.err), (0, "", ""), r)  # … and is held back

    def test_summary_line_first_then_the_items(self):
        self.person("Rita Ruiz", today="2026-01-01")
        self.person("Ralf Roe", today="2026-01-01")
        self.person("Ivy Inner", "--tier", "inner", today="2026-01-01")
        self.ok("add", "ivy", "coffee", "--on", "2026-10-01")
        self.ok("add", "ralf", "coffee", "--on", "2026-10-01")
        self.ask("--from", "rita", "Review my deck", "--on", "2026-11-20")
        self.ask("--from", "ralf", "An intro", "--on", "2026-11-20")
        self.ask("ralf", "A quote", "--on", "2026-11-10")
        r = self.run_netlog("--color", "always", "due", "--digest")
        self.assertEqual(r.code, 0, r)
        self.assertEqual(r.err, "")
        lines = r.out.splitlines()
        self.assertEqual(lines[0], "netlog: 2 replies overdue, 1 follow-up, 1 to reconnect")
        self.assertNotIn("\x1b", r.out)
        for text in ("Review my deck", "An intro", "A quote", "ivy-inner", "netlog ask reply a1"):
            self.assertIn(text, r.out)
        # Upcoming items under --within are counted apart.
        r = self.ok("due", "--digest", "--within", "3d", today="2026-11-20")
        self.assertEqual(r.out.splitlines()[0],
                         "netlog: 1 follow-up, 1 to reconnect, 2 more due within 3d")

    def test_exit_code(self):
        self.assertEqual(self.run_netlog("due", "--exit-code").code, 0)
        self.person("Rita Ruiz", today="2026-01-01")
        self.ask("--from", "rita", "Review my deck", "--on", "2026-11-20")  # reply by 11-22
        self.assertEqual(self.run_netlog("due", "--exit-code", today="2026-11-21").code, 0)
        r = self.run_netlog("due", "--exit-code", today="2026-11-22")
        self.assertEqual(r.code, 1, r)  # due today is listed
        self.assertIn("due today", r.out)
        r = self.run_netlog("due", "--exit-code", "--within", "3d", today="2026-11-20")
        self.assertEqual(r.code, 1, r)  # only upcoming, but listed
        self.assertIn("Review my deck", r.out)
        r = self.run_netlog("due", "--exit-code", today="2026-11-23")
        self.assertEqual(r.code, 1, r)
        self.assertEqual(r.err, "")
        self.assertEqual(self.run_netlog("--json", "due", "--exit-code", today="2026-11-23").code, 1)
        self.assertEqual(self.run_netlog("due", today="2026-11-23").code, 0)  # only when asked
        self.fails(2, "due", "--within", "soon")


if __name__ == "__main__":
    main()
