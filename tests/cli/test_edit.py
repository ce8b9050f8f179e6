"""netlog edit ID: every editable field of interactions, asks and favours, in place,
keeping the id and uuid, bumping updated_at, and the maintained totals right."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import TODAY, NetlogTest, main  # noqa: E402


class EditTest(NetlogTest):
    def setUp(self):
        super().setUp()
        for name in ("Ann Lee", "Bob Stone", "Cy Young"):
            self.ok("people", "add", name)

    def export(self, env=None):
        """{uuid: record} and {(type, uuid) in journal order}: the export's records."""
        lines = self.ok("export", env=env).out.splitlines()
        return [json.loads(line) for line in lines[1:]]

    def record(self, type_, **match):
        """The one exported record of `type_` whose fields match."""
        found = [r for r in self.export() if r["type"] == type_
                 and all(r.get(k) == v for k, v in match.items())]
        self.assertEqual(len(found), 1, found)
        return found[0]

    def edit(self, *args, **kw):
        return self.js("edit", *args, **kw)

    def assert_checked(self):
        """`netlog check` recomputes every total: silent, exit 0."""
        r = self.ok("check")
        self.assertEqual((r.out, r.err), ("", ""))

    def person(self, handle):
        return self.js("show", handle)["person"]

    def assert_refused(self, *args, message=None):
        before = self.journal_bytes()
        r = self.fails(2, "edit", *args)
        if message:
            self.assertIn(message, r.err)
        self.assertEqual(self.journal_bytes(), before, args)
        return r


class Interactions(EditTest):
    def setUp(self):
        super().setUp()
        self.ok("add", "ann,bob", "lunch", "--on", "2026-11-01", "--kind", "coffee", "--tag",
                "work", "--tag", "berlin", "--gave", "an intro")
        self.ok("add", "ann", "call", "--on", "2026-10-01", "--kind", "call")

    def test_every_field_in_place(self):
        before = self.record("interaction", note="lunch")
        doc = self.edit("i1", "--on", "2026-11-10", "--kind", "event", "--note", "  dinner  ",
                        "--tag=-berlin", "--tag", "remote", "--tag", "work", "--them")
        self.assertEqual((doc["edited"], doc["changed"]),
                         ("i1", ["on", "kind", "note", "tags", "them"]))
        i = doc["interaction"]
        self.assertEqual((i["id"], i["on"], i["kind"], i["note"], i["tags"], i["them"], i["people"]),
                         ("i1", "2026-11-10", "event", "dinner", ["work", "remote"], True,
                          ["ann-lee", "bob-stone"]))
        self.assertEqual((i["uuid"], i["created_at"]), (before["uuid"], before["created_at"]))
        self.assertGreater(i["updated_at"], before["updated_at"])
        after = self.record("interaction", uuid=before["uuid"])
        self.assertEqual((after["on"], after["kind"], after["note"], after["tags"], after["them"],
                          after["updated_at"]),
                         ("2026-11-10", "event", "dinner", ["work", "remote"], True, i["updated_at"]))
        (logged,) = [x for x in self.js("log")["interactions"] if x["id"] == "i1"]
        self.assertEqual({k: logged[k] for k in ("on", "kind", "note", "tags", "them")},
                         {k: i[k] for k in ("on", "kind", "note", "tags", "them")})
        self.assert_checked()
        # --me takes --them back.
        self.assertEqual(self.edit("i1", "--me")["changed"], ["them"])
        self.assertFalse(self.js("log")["interactions"][0]["them"])
        self.assert_checked()

    def test_moving_the_date_moves_last_contact_and_the_favours_dated_with_it(self):
        self.ok("people", "set", "ann", "--tier", "inner")  # cadence 30 days
        self.assertEqual(self.person("ann-lee")["last"], "2026-11-01")
        self.assertEqual(self.js("due")["reconnect"], [])
        doc = self.edit("i1", "--on", "2026-09-15")
        self.assertEqual(doc["changed"], ["on"])
        self.assertEqual([f["on"] for f in doc["interaction"]["favours"]], ["2026-09-15"] * 2)
        # ann's latest is now the call of 2026-10-01; bob's, the moved lunch.
        self.assertEqual(self.person("ann-lee")["last"], "2026-10-01")
        self.assertEqual(self.person("bob-stone")["last"], "2026-09-15")
        (item,) = self.js("due")["reconnect"]
        self.assertEqual((item["person"], item["due_on"], item["days_overdue"]),
                         ("ann-lee", "2026-10-31", 26))
        ledger = self.js("owe", "bob")["entries"]
        self.assertEqual([e["on"] for e in ledger], ["2026-09-15"])
        self.assert_checked()

    def test_a_favour_dated_apart_stays_where_it_is(self):
        self.edit("f1", "--on", "2026-11-05")
        doc = self.edit("i1", "--on", "2026-11-03")
        self.assertEqual({f["id"]: f["on"] for f in doc["interaction"]["favours"]},
                         {"f1": "2026-11-05", "f2": "2026-11-03"})
        self.assert_checked()

    def test_who_reached_out_feeds_the_audit(self):
        def reached_out():
            figures = self.js("audit")["sections"]["reciprocate"]
            return figures["they_reached_out"], figures["you_reached_out"]
        # i1 with ann and bob, i2 with ann: counted once per person in them.
        self.assertEqual(reached_out(), (0, 3))
        self.edit("i1", "--them")
        self.assertEqual(reached_out(), (2, 1))
        self.edit("i1", "--me")
        self.assertEqual(reached_out(), (0, 3))
        self.assert_checked()

    def test_a_configured_kind(self):
        self.assert_refused("i1", "--kind", "zoom", message="zoom")
        self.write_config('[interaction]\nkinds = ["zoom"]\n')
        self.assertEqual(self.edit("i1", "--kind", "zoom")["interaction"]["kind"], "zoom")

    def test_human_output(self):
        r = self.ok("edit", "i2", "--note", "long call", "--kind", "meet")
        lines = r.out.splitlines()
        self.assertEqual(lines[0], "updated i2: kind, note")
        self.assertEqual(lines[1].split(), ["ID", "DATE", "KIND", "WITH", "NOTE"])
        self.assertEqual(lines[2].split(), ["i2", "2026-10-01", "meet", "ann-lee", "long", "call"])
        self.assertEqual(self.ok("-q", "edit", "i2", "--note", "short call").out, "")


class Favours(EditTest):
    def setUp(self):
        super().setUp()
        self.ok("add", "ann", "x", "--on", "2026-10-01", "--got", "advice")
        self.ok("add", "ann", "y", "--on", "2026-11-01", "--gave", "a review")

    def balance(self, handle):
        (b,) = [b for b in self.js("owe", "--all")["balances"] if b["person"] == handle]
        return b

    def test_weight_changes_the_balance(self):
        self.assertEqual((self.balance("ann-lee")["balance"], self.balance("ann-lee")["since"]),
                         (0, None))
        before = self.record("favour", what="advice")
        doc = self.edit("f1", "--weight", "3")
        self.assertEqual(doc["changed"], ["weight"])
        f = doc["favour"]
        self.assertEqual((f["id"], f["weight"], f["direction"], f["person"], f["uuid"]),
                         ("f1", 3, "got", "ann-lee", before["uuid"]))
        self.assertGreater(f["updated_at"], before["updated_at"])
        b = self.balance("ann-lee")
        self.assertEqual((b["balance"], b["got"], b["gave"], b["since"]), (2, 3, 1, "2026-10-01"))
        self.assertEqual(self.person("ann-lee")["balance"], 2)
        self.assertEqual([(e["id"], e["weight"], e["balance"]) for e in self.js("owe", "ann")["entries"]],
                         [("f1", 3, 3), ("f2", 1, 2)])
        self.assert_checked()

    def test_text_and_date(self):
        self.edit("f2", "--weight", "2")
        doc = self.edit("f2", "--what", "a long review", "--on", "2026-09-01")
        self.assertEqual(doc["changed"], ["what", "on"])
        self.assertEqual((doc["favour"]["what"], doc["favour"]["on"]), ("a long review", "2026-09-01"))
        # Gave 2 on 09-01, got 1 on 10-01: they owe one, since 09-01 (first in, first out).
        b = self.balance("ann-lee")
        self.assertEqual((b["balance"], b["since"]), (-1, "2026-09-01"))
        self.assertEqual([e["id"] for e in self.js("owe", "ann")["entries"]], ["f2", "f1"])
        self.assert_checked()

    def test_human_output(self):
        lines = self.ok("edit", "f1", "--weight", "2").out.splitlines()
        self.assertEqual(lines[0], "updated f1: weight")
        self.assertEqual(lines[2].split(), ["f1", "2026-10-01", "got", "ann-lee", "2", "advice"])


class Asks(EditTest):
    def setUp(self):
        super().setUp()
        self.ok("add", "bob", "met", "--on", "2026-01-01")
        self.ok("ask", "bob", "review my draft", "--on", "2026-11-20")
        self.ok("ask", "--from", "cy", "a referral", "--on", "2026-11-25")

    def test_text_via_note(self):
        before = self.record("ask", what="review my draft")
        doc = self.edit("a1", "--what", "review chapter 2", "--via", "ann", "--note", "sent v2")
        self.assertEqual(doc["changed"], ["what", "via", "note"])
        a = doc["ask"]
        self.assertEqual((a["id"], a["what"], a["via"], a["note"], a["due_on"], a["uuid"]),
                         ("a1", "review chapter 2", "ann-lee", "sent v2", "2026-11-27", before["uuid"]))
        self.assertGreater(a["updated_at"], before["updated_at"])
        self.assertEqual(self.edit("a1", "--via", "", "--note", "")["changed"], ["via", "note"])
        (listed,) = [x for x in self.js("ask", "list")["asks"] if x["id"] == "a1"]
        self.assertEqual((listed["via"], listed["what"]), (None, "review chapter 2"))
        self.assert_checked()

    def test_dates_move_the_due_date(self):
        doc = self.edit("a1", "--by", "2026-12-05")
        self.assertEqual(doc["changed"], ["by", "due_on"])
        self.assertEqual((doc["ask"]["by"], doc["ask"]["due_on"]), ("2026-12-05", "2026-12-05"))
        self.assertEqual(self.js("due")["follow_ups"], [])
        # Asked earlier, no --by: the follow-up falls due 7 days after, and is overdue.
        doc = self.edit("a1", "--on", "2026-11-10", "--by", "")
        self.assertEqual(doc["changed"], ["asked_on", "by", "due_on"])
        self.assertEqual((doc["ask"]["asked_on"], doc["ask"]["by"], doc["ask"]["due_on"]),
                         ("2026-11-10", None, "2026-11-17"))
        (item,) = self.js("due")["follow_ups"]
        self.assertEqual((item["ask"], item["due_on"], item["days_overdue"]), ("a1", "2026-11-17", 9))
        self.assert_checked()

    def test_asked_on_moves_last_contact(self):
        self.assertEqual(self.person("cy-young")["last"], "2026-11-25")
        doc = self.edit("a2", "--on", "2026-11-20")
        # An incoming ask's reply date is asked + the reply window (2 days).
        self.assertEqual((doc["ask"]["asked_on"], doc["ask"]["due_on"]), ("2026-11-20", "2026-11-22"))
        self.assertEqual(self.person("cy-young")["last"], "2026-11-20")
        (item,) = self.js("due")["replies"]
        self.assertEqual((item["ask"], item["days_overdue"]), ("a2", 4))
        self.assert_checked()

    def test_dates_stay_in_order(self):
        self.ok("ask", "reply", "a1", "--on", "2026-11-22")
        self.assert_refused("a1", "--on", "2026-11-23", message="replied to on 2026-11-22")
        self.assert_refused("a1", "--by", "2026-11-19", message="before a1 was asked")
        self.ok("ask", "done", "a2")
        self.edit("a2", "--what", "a referral to Acme")  # a finished ask keeps its text right
        self.assertEqual(self.edit("a1", "--on", "2026-11-21")["ask"]["asked_on"], "2026-11-21")
        self.assert_checked()

    def test_via_is_for_asks_you_made(self):
        self.assert_refused("a2", "--via", "ann", message="--via is for asks you make")
        self.assert_refused("a1", "--via", "bob", message="themselves")
        self.assert_refused("a1", "--via", "nobody-here")

    def test_human_output(self):
        lines = self.ok("edit", "a1", "--by", "2026-12-01").out.splitlines()
        self.assertEqual(lines[0], "updated a1: by, due_on")
        self.assertEqual(lines[2].split()[:7],
                         ["a1", "out", "bob-stone", "-", "2026-11-20", "2026-12-01", "open"])


class Refused(EditTest):
    def setUp(self):
        super().setUp()
        self.ok("add", "ann", "lunch", "--on", "2026-11-01", "--got", "advice")
        self.ok("ask", "bob", "review my draft", "--on", "2026-11-20")

    def test_future_dates(self):
        for args in (["i1", "--on", "tomorrow"], ["a1", "--on", "2026-11-27"],
                     ["f1", "--on", "+1w"]):
            with self.subTest(args=args):
                self.assert_refused(*args, message="future")

    def test_bad_values(self):
        for args in (["f1", "--weight", "0"], ["f1", "--weight", "1001"], ["f1", "--weight", "x"],
                     ["f1", "--what", ""], ["i1", "--note", ""], ["i1", "--tag", ""],
                     ["a1", "--what", ""], ["i1", "--on", "someday"], ["a1", "--by", "soon"]):
            with self.subTest(args=args):
                self.assert_refused(*args)

    def test_unknown_and_malformed_ids(self):
        self.assert_refused("i99", "--note", "x", message="no interaction i99")
        self.assert_refused("a99", "--what", "x", message="no ask a99")
        self.assert_refused("f99", "--weight", "2", message="no favour f99")
        for text in ("x1", "i", "42", "i-1", "ia"):
            with self.subTest(id=text):
                self.assert_refused(text, "--note", "x")

    def test_options_for_another_type(self):
        r = self.assert_refused("i1", "--weight", "2", "--by", "friday")
        self.assertIn("--weight, --by are not for interaction i1", r.err)
        self.assertIn("--on, --kind, --note, --tag, --them or --me", r.err)
        r = self.assert_refused("a1", "--kind", "call")
        self.assertIn("--kind is not for ask a1: it takes --what, --on, --by, --via or --note", r.err)
        r = self.assert_refused("f1", "--note", "x")
        self.assertIn("--what, --weight or --on", r.err)
        self.assert_refused("f1", "--tag", "x")
        self.assert_refused("a1", "--them")

    def test_nothing_to_change(self):
        r = self.assert_refused("i1")
        self.assertIn("say what to change in interaction i1", r.err)
        self.assert_refused("i1", "--them", "--me")

    def test_the_same_values_change_nothing(self):
        before, stamp = self.journal_bytes(), self.record("interaction")["updated_at"]
        doc = self.edit("i1", "--note", "lunch", "--kind", "meet", "--on", "2026-11-01")
        self.assertEqual(doc["changed"], [])
        self.assertEqual(doc["interaction"]["updated_at"], stamp)
        self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(self.ok("edit", "f1", "--weight", "1").out.splitlines()[0],
                         "f1 already reads so; nothing changed")


class Sync(EditTest):
    def test_import_takes_the_newer_edit(self):
        self.ok("add", "ann", "lunch", "--on", "2026-11-01", "--got", "advice")
        self.ok("ask", "ann", "review my draft", "--on", "2026-11-20")
        other = {"NETLOG_JOURNAL": os.path.join(self.dir, "other.db")}
        first = os.path.join(self.dir, "first.jsonl")
        with open(first, "w") as f:
            f.write(self.ok("export").out)
        self.ok("import", "json", first, env=other)

        self.edit("i1", "--note", "long lunch")
        self.edit("f1", "--weight", "4")
        self.edit("a1", "--what", "review chapter 2")
        second = os.path.join(self.dir, "second.jsonl")
        with open(second, "w") as f:
            f.write(self.ok("export").out)
        doc = self.js("import", "json", second, env=other)
        self.assertEqual({k: doc["updated"].get(k) for k in ("interaction", "favour", "ask")},
                         {"interaction": 1, "favour": 1, "ask": 1})
        self.assertEqual(self.js("log", env=other)["interactions"][0]["note"], "long lunch")
        self.assertEqual(self.js("owe", "ann", env=other)["balance"], 4)
        self.assertEqual(self.js("ask", "list", env=other)["asks"][0]["what"], "review chapter 2")
        self.assertEqual(self.ok("check", env=other).out, "")
        # The older export brings nothing back.
        doc = self.js("import", "json", first, env=other)
        self.assertEqual(self.js("log", env=other)["interactions"][0]["note"], "long lunch")


if __name__ == "__main__":
    main()
