"""netlog add, log and rm: dates, kinds, favours, balances and maintained totals."""
import os
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import TODAY, NetlogTest, main  # noqa: E402


class Base(NetlogTest):
    def setUp(self):
        super().setUp()
        for name in ("Ann Lee", "Bob Stone", "Cy Young"):
            self.ok("people", "add", name)

    def add(self, *args, **kw):
        return self.js("add", *args, **kw)

    def people(self):
        return {p["handle"]: p for p in self.js("people")["people"]}

    def totals(self):
        """What the journal maintains per person, as `people` and `show` report it."""
        result = {}
        for handle in self.people():
            p = self.js("show", handle)["person"]
            result[handle] = {k: p[k] for k in ("last", "interactions", "balance", "gave",
                                                "got", "since")}
        return result


class Add(Base):
    def test_several_people_in_one_interaction(self):
        doc = self.add("bob, ann,ann-lee", "lunch", "--kind", "coffee", "--tag", "work",
                       "--tag", "berlin", "--tag", "work")
        self.assertTrue({"interaction", "favours", "people"} <= set(doc))
        self.assertEqual(doc["people"], ["bob-stone", "ann-lee"])  # as named, without repeats
        self.assertEqual((doc["interaction"], doc["favours"], doc["on"], doc["kind"]),
                         ("i1", [], TODAY, "coffee"))
        (i,) = self.js("log")["interactions"]
        self.assertEqual((i["id"], i["on"], i["kind"], i["note"], i["people"], i["tags"], i["them"]),
                         ("i1", TODAY, "coffee", "lunch", ["ann-lee", "bob-stone"],
                          ["work", "berlin"], False))
        people = self.people()
        for h in ("ann-lee", "bob-stone"):
            self.assertEqual((people[h]["last"], people[h]["interactions"]), (TODAY, 1))
        self.assertEqual((people["cy-young"]["last"], people["cy-young"]["interactions"]), (None, 0))

    def test_dates(self):
        # TODAY is Thursday 2026-11-26.
        cases = {"last friday": "2026-11-20", "friday": "2026-11-20", "thursday": TODAY,
                 "3d ago": "2026-11-23", "-3d": "2026-11-23", "3d": "2026-11-23",
                 "yesterday": "2026-11-25", "today": TODAY, "2026-02-28": "2026-02-28",
                 "1m": "2026-10-26", "Last Friday": "2026-11-20"}
        for text, date in cases.items():
            with self.subTest(on=text):
                self.assertEqual(self.add("ann", "x", "--on", text)["on"], date)

    def test_refused_dates_store_nothing(self):
        before = self.journal_bytes()
        for text in ("tomorrow", "2026-11-27", "+1d", "in 2 weeks", "next monday", "2026-02-30",
                     "2026-13-01", "26-11-2026", "someday", ""):
            with self.subTest(on=text):
                r = self.fails(2, "add", "ann", "x", "--on", text)
                if text in ("tomorrow", "2026-11-27"):
                    self.assertIn("future", r.err)
                self.assertEqual(self.journal_bytes(), before)

    def test_today_moves_the_future(self):
        self.assertEqual(self.add("ann", "x", "--on", "2026-11-27", today="2026-11-27")["on"],
                         "2026-11-27")

    def test_kinds(self):
        for kind in ("meet", "call", "coffee", "message", "email", "event", "intro"):
            self.add("ann", "x", "--kind", kind)
        before = self.journal_bytes()
        r = self.fails(2, "add", "ann", "x", "--kind", "zoom")
        self.assertIn("zoom", r.err)
        self.assertEqual(self.journal_bytes(), before)
        self.write_config('[interaction]\nkinds = ["zoom", "conf-talk"]\n')
        self.assertEqual(self.add("ann", "x", "--kind", "zoom")["kind"], "zoom")
        self.assertEqual(self.add("ann", "x", "--kind", "conf-talk")["kind"], "conf-talk")
        self.fails(2, "add", "ann", "x", "--kind", "party")

    def test_them(self):
        self.add("ann", "she called", "--them")
        self.assertTrue(self.js("log")["interactions"][0]["them"])
        self.assertIn("meet*", self.ok("log").out)

    def test_favours_one_per_person_and_text(self):
        doc = self.add("ann,bob", "dinner", "--gave", "intro to Cy", "--got", "advice",
                       "--got", "a book", "--weight", "3")
        self.assertEqual(doc["favours"], ["f1", "f2", "f3", "f4", "f5", "f6"])
        (i,) = self.js("log")["interactions"]
        self.assertEqual([(f["id"], f["person"], f["direction"], f["weight"], f["what"], f["on"],
                           f["interaction"]) for f in i["favours"]],
                         [("f1", "ann-lee", "gave", 3, "intro to Cy", TODAY, "i1"),
                          ("f2", "ann-lee", "got", 3, "advice", TODAY, "i1"),
                          ("f3", "ann-lee", "got", 3, "a book", TODAY, "i1"),
                          ("f4", "bob-stone", "gave", 3, "intro to Cy", TODAY, "i1"),
                          ("f5", "bob-stone", "got", 3, "advice", TODAY, "i1"),
                          ("f6", "bob-stone", "got", 3, "a book", TODAY, "i1")])

    def test_balance_is_got_minus_gave(self):
        self.add("ann", "a", "--got", "advice", "--weight", "5", "--on", "2026-09-01")
        self.add("ann", "b", "--gave", "intro", "--weight", "2", "--on", "2026-10-01")
        self.add("bob", "c", "--gave", "review", "--on", "2026-10-02")
        people = self.people()
        self.assertEqual({h: p["balance"] for h, p in people.items()},
                         {"ann-lee": 3, "bob-stone": -1, "cy-young": 0})
        ann = self.js("show", "ann")["person"]
        self.assertEqual((ann["gave"], ann["got"], ann["since"]), (2, 5, "2026-09-01"))

    def test_weights(self):
        self.add("ann", "x", "--got", "y", "--weight", "1000")
        self.add("ann", "x", "--got", "y", "--weight", "1")
        before = self.journal_bytes()
        for weight in ("0", "-1", "1001", "1.5", "abc", "99999999999"):
            with self.subTest(weight=weight):
                self.fails(2, "add", "ann", "x", "--got", "y", f"--weight={weight}")
                self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(self.people()["ann-lee"]["balance"], 1001)

    def test_refused_inputs_store_nothing(self):
        self.add("ann", "first")
        before = self.journal_bytes()
        for args in (["ann", ""], ["ann", "   "], ["", "x"], [",,", "x"], ["ann", "x", "--tag", ""],
                     ["ann", "x", "--gave", ""], ["ann", "x", "--tier", "inner"],
                     ["ann,zed", "x"], ["ann", "x" * (64 * 1024 + 1)]):
            with self.subTest(args=args[:3]):
                self.fails(2, "add", *args)
                self.assertEqual(self.journal_bytes(), before)


class Log(Base):
    def setUp(self):
        super().setUp()
        self.add("ann", "first", "--on", "2026-11-01")   # i1
        self.add("bob", "second", "--on", "2026-11-20")  # i2
        self.add("ann,bob", "third", "--on", "2026-11-10")  # i3
        self.add("cy", "fourth", "--on", "2026-11-20")   # i4

    def ids(self, *args):
        return [i["id"] for i in self.js("log", *args)["interactions"]]

    def test_newest_first(self):
        self.assertEqual(self.ids(), ["i4", "i2", "i3", "i1"])

    def test_who_since_limit(self):
        self.assertEqual(self.ids("ann"), ["i3", "i1"])
        self.assertEqual(self.ids("bob-stone"), ["i2", "i3"])
        self.assertEqual(self.ids("--since", "2026-11-10"), ["i4", "i2", "i3"])
        self.assertEqual(self.ids("--since", "last friday"), ["i4", "i2"])
        self.assertEqual(self.ids("--limit", "2"), ["i4", "i2"])
        self.assertEqual(self.ids("ann", "--since", "2026-11-05", "--limit", "5"), ["i3"])
        self.assertEqual(self.ids("cy", "--since", "2026-11-21"), [])

    def test_keys(self):
        i = self.js("log")["interactions"][0]
        self.assertTrue({"id", "on", "kind", "note", "people", "favours"} <= set(i))

    def test_bad_options(self):
        self.fails(2, "log", "--limit", "0")
        self.fails(2, "log", "--limit", "x")
        self.fails(2, "log", "--since", "soon")
        self.fails(2, "log", "zed")

    def test_human(self):
        lines = self.ok("log").out.splitlines()
        self.assertEqual(lines[0].split(), ["ID", "DATE", "KIND", "WITH", "NOTE"])
        self.assertEqual([l.split()[0] for l in lines[1:]], ["i4", "i2", "i3", "i1"])
        self.assertIn("ann-lee, bob-stone", lines[3])


class Rm(Base):
    def insert_ask(self, handle, asked_on, status="open", replied_on=None):
        """An ask row straight into the journal (the `ask` command is not in the foundation)."""
        db = sqlite3.connect(self.journal)
        with db:
            (person,) = db.execute("SELECT id FROM people WHERE handle = ?", (handle,)).fetchone()
            db.execute("INSERT INTO asks (uuid, direction, person_id, what, asked_on, due_on, "
                       "status, replied_on, created_at, updated_at) VALUES "
                       "(lower(hex(randomblob(16))), 'in', ?, 'a review', ?, ?, ?, ?, 'x', 'x')",
                       (person, asked_on, asked_on, status, replied_on))
            (ask,) = db.execute("SELECT max(id) FROM asks").fetchone()
        db.close()
        return f"a{ask}"

    def test_rm_interaction_restores_totals(self):
        self.add("ann,bob", "old", "--on", "2026-10-01", "--got", "advice")
        before = self.totals()
        doc = self.add("ann,bob", "new", "--gave", "intro", "--weight", "4", "--on", "2026-11-20")
        self.assertNotEqual(self.totals(), before)
        self.assertEqual(self.js("rm", doc["interaction"])["removed"], [doc["interaction"]])
        self.assertEqual(self.totals(), before)
        self.assertEqual([i["note"] for i in self.js("log")["interactions"]], ["old"])

    def test_rm_older_interaction_keeps_the_latest(self):
        old = self.add("ann", "old", "--on", "2026-10-01")["interaction"]
        self.add("ann", "new", "--on", "2026-11-01", "--them")
        self.ok("rm", old)
        ann = self.people()["ann-lee"]
        self.assertEqual((ann["last"], ann["interactions"]), ("2026-11-01", 1))
        self.ok("rm", "i2")
        ann = self.people()["ann-lee"]
        self.assertEqual((ann["last"], ann["interactions"]), (None, 0))

    def test_rm_favour(self):
        doc = self.add("ann", "x", "--got", "advice", "--gave", "intro", "--weight", "2",
                       "--on", "2026-11-01")
        self.assertEqual(self.people()["ann-lee"]["balance"], 0)
        favours = {f["direction"]: f["id"] for f in self.js("log")["interactions"][0]["favours"]}
        self.assertEqual(sorted(favours.values()), doc["favours"])
        self.ok("rm", favours["gave"])
        ann = self.js("show", "ann")["person"]
        self.assertEqual((ann["balance"], ann["since"], ann["interactions"]), (2, "2026-11-01", 1))
        self.assertEqual([f["id"] for f in self.js("log")["interactions"][0]["favours"]],
                         [favours["got"]])

    def test_rm_ask_restores_last_contact(self):
        self.add("ann", "x", "--on", "2026-10-01")
        ask = self.insert_ask("ann-lee", "2026-11-01", "replied", "2026-11-03")
        self.assertEqual(self.people()["ann-lee"]["last"], "2026-11-03")
        self.ok("rm", ask)
        self.assertEqual(self.people()["ann-lee"]["last"], "2026-10-01")

    def test_several_ids_at_once_or_none(self):
        a = self.add("ann", "a")["interaction"]
        b = self.add("bob", "b", "--got", "x")
        before = self.journal_bytes()
        r = self.fails(2, "rm", a, "i99")
        self.assertIn("i99", r.err)
        self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(self.js("rm", a, b["favours"][0])["removed"], [a, b["favours"][0]])
        self.assertEqual(self.ids_left(), [b["interaction"]])

    def ids_left(self):
        return [i["id"] for i in self.js("log")["interactions"]]

    def test_unknown_and_malformed_ids(self):
        self.add("ann", "a", "--got", "x")
        before = self.journal_bytes()
        for bad in ("i99", "a1", "f99", "x9", "i", "i0", "i-1", "9", "i1x", "ii1", "f1.0", ""):
            with self.subTest(id=bad):
                self.fails(2, "rm", "--", bad)
                self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(self.ids_left(), ["i1"])

    def test_an_interaction_with_its_own_favour(self):
        doc = self.add("ann", "a", "--got", "x", "--gave", "y")
        self.assertEqual(self.js("rm", doc["interaction"], doc["favours"][1], doc["interaction"])
                         ["removed"], [doc["interaction"], doc["favours"][1]])
        self.assertEqual(self.ids_left(), [])
        self.assertEqual(self.people()["ann-lee"]["balance"], 0)

    def test_removed_twice(self):
        self.add("ann", "a")
        self.ok("rm", "i1")
        self.fails(2, "rm", "i1")


if __name__ == "__main__":
    main()
