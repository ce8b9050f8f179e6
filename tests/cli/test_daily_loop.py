"""The daily loop (issue #14): what is due today is due, `ask nudge` records a
follow-up, and ids are never reused."""
import datetime
import json
import os
import shutil
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, SOURCE_DIR, TODAY, NetlogTest, main  # noqa: E402


class Loop(NetlogTest):
    def person(self, name, *options, today=None):
        return self.js("people", "add", name, *options, today=today)["person"]["handle"]

    def assert_refused(self, code, *args, today=None):
        """Fails with `code`, one `netlog:` line, and the journal byte for byte as it was."""
        before = self.journal_bytes()
        r = self.fails(code, *args, today=today)
        self.assertEqual(self.journal_bytes(), before, r)
        self.assertEqual(len(r.err.splitlines()), 1, r)
        self.assertTrue(r.err.startswith("netlog: "), r)
        return r


class DueToday(Loop):
    def setUp(self):
        super().setUp()
        self.person("Rita Ruiz", "--tier", "none", today="2026-01-01")
        self.person("Omar Aziz", "--tier", "none", today="2026-01-01")
        self.ok("add", "omar", "coffee", "--on", "2026-03-01")
        # Reply by today (asked 2 days ago), and one overdue since yesterday.
        self.js("ask", "--from", "rita", "Review my deck", "--on", "2026-11-24")  # a1
        self.js("ask", "--from", "rita", "A reference", "--on", "2026-11-23")     # a2
        # Follow up today, and in two days.
        self.js("ask", "omar", "Intro to the Acme CTO", "--on", "2026-11-19")     # a3
        self.js("ask", "omar", "A quote", "--on", "2026-11-21")                   # a4

    def test_listed_as_due_today_after_the_overdue_ones(self):
        doc = self.js("due")
        self.assertEqual([(i["ask"], i["due_on"], i["days_overdue"]) for i in doc["replies"]],
                         [("a2", "2026-11-25", 1), ("a1", TODAY, 0)])
        self.assertEqual([(i["ask"], i["days_overdue"]) for i in doc["follow_ups"]], [("a3", 0)])
        out = self.ok("due", "--color", "never").out
        self.assertIn("1 day overdue", out)
        self.assertIn("due today", out)
        self.assertLess(out.index("A reference"), out.index("Review my deck"))

    def test_the_digest_warns_on_the_day(self):
        r = self.ok("due", "--digest")
        self.assertEqual(r.out.splitlines()[0], "netlog: 1 reply overdue, 1 reply due today, "
                                                "1 follow-up due today")
        self.assertIn("Review my deck", r.out)
        # Only due today: listed, and summed up without "overdue".
        self.ok("ask", "reply", "a2")
        r = self.ok("due", "--digest")
        self.assertEqual(r.out.splitlines()[0],
                         "netlog: 1 reply due today, 1 follow-up due today")
        self.assertEqual(self.run_netlog("due", "--exit-code").code, 1)
        self.assertEqual(self.run_netlog("due", "--exit-code", "--digest").code, 1)

    def test_within_still_adds_later_items_and_headings_say_no_overdue(self):
        self.person("Pia Park", today="2026-01-01")
        self.js("ask", "--from", "pia", "A talk", "--on", "2026-11-20", "--by", "2026-11-28")
        self.ok("ask", "reply", "a5", "--on", "2026-11-21")
        doc = self.js("due", "--within", "2d")
        self.assertEqual([(i["ask"], i["days_overdue"]) for i in doc["follow_ups"]],
                         [("a3", 0), ("a4", -2)])
        self.assertEqual([(i["ask"], i["days_overdue"]) for i in doc["promises"]], [("a5", -2)])
        out = self.ok("due", "--within", "2d", "--color", "never").out
        self.assertIn("due in 2 days", out)
        self.assertNotIn("Promises overdue", out)
        self.assertIn("Promises due (1)", out)
        r = self.ok("due", "--digest", "--within", "2d")
        self.assertEqual(r.out.splitlines()[0],
                         "netlog: 1 reply overdue, 1 reply due today, 1 follow-up due today, "
                         "2 more due within 2d")
        # Overdue promises are still called so.
        out = self.ok("due", "--color", "never", today="2026-11-29").out
        self.assertIn("Promises overdue (1)", out)

    def test_reconnect_snooze_and_reciprocate_on_their_day(self):
        # Journal-side pre-filter (SQL) and core agree on the boundary: inner 30 days.
        self.person("Ivy Inner", "--tier", "inner", today="2026-01-01")
        self.ok("add", "ivy", "coffee", "--on", "2026-10-27", "--got", "An intro")  # due 11-26
        self.person("Sam Snooze", "--tier", "inner", today="2026-01-01")
        self.ok("add", "sam", "call", "--on", "2026-09-01")
        self.ok("people", "set", "sam", "--snooze", TODAY, today="2026-11-20")  # ends today
        self.person("Cal Cadence", "--cadence", "10d", today="2026-01-01")
        self.ok("add", "cal", "call", "--on", "2026-11-16")  # own cadence: due 11-26
        doc = self.js("due")
        self.assertEqual(sorted((i["person"], i["days_overdue"]) for i in doc["reconnect"]),
                         [("cal-cadence", 0), ("ivy-inner", 0), ("sam-snooze", 0)])
        self.assertEqual([(i["person"], i["days_overdue"]) for i in doc["reciprocate"]],
                         [("ivy-inner", 0)])
        doc = self.js("due", today="2026-11-25")
        self.assertEqual((doc["reconnect"], doc["reciprocate"]), ([], []))


class Nudge(Loop):
    def setUp(self):
        super().setUp()
        self.person("Omar Aziz", "--tier", "none", today="2026-01-01")
        self.ok("add", "omar", "coffee", "--on", "2026-03-01")
        self.js("ask", "omar", "Intro to the Acme CTO", "--on", "2026-11-10")  # a1, follow up 11-17

    def ask_doc(self, aid="a1"):
        return {a["id"]: a for a in self.js("ask", "list", "--all")["asks"]}[aid]

    def test_a_nudge_moves_the_follow_up_and_counts_as_contact(self):
        item, = self.js("due")["follow_ups"]
        self.assertEqual(item["command"], "netlog ask nudge a1")
        doc = self.js("ask", "nudge", "a1", "--on", "2026-11-20")
        self.assertEqual((doc["ask"], doc["status"], doc["nudges"], doc["nudged_on"],
                          doc["due_on"]), ("a1", "open", 1, ["2026-11-20"], "2026-11-27"))
        self.assertEqual(self.js("due")["follow_ups"], [])
        item, = self.js("due", today="2026-11-27")["follow_ups"]
        self.assertEqual((item["due_on"], item["days_overdue"]), ("2026-11-27", 0))
        a = self.ask_doc()
        self.assertEqual((a["nudges"], a["nudged_on"], a["last_nudge"], a["due_on"], a["status"]),
                         (1, ["2026-11-20"], "2026-11-20", "2026-11-27", "open"))
        person = self.js("show", "omar")["person"]
        self.assertEqual(person["last"], "2026-11-20")
        self.ok("ask", "nudge", "a1")  # today, 11-26
        a = self.js("show", "omar")["asks"][0]
        self.assertEqual((a["nudges"], a["nudged_on"], a["due_on"]),
                         (2, ["2026-11-20", TODAY], "2026-12-03"))
        self.assertEqual(self.js("show", "omar")["person"]["last"], TODAY)
        # Human output says how many and when.
        out = self.ok("ask", "list", "--color", "never").out
        self.assertIn("nudged 2× (last 2026-11-26)", out)
        self.assertIn("2 nudges, last 2026-11-26", self.ok("show", "omar").out)
        r = self.ok("ask", "nudge", "a1", "--on", "2026-11-25")
        self.assertIn("3 nudges so far", r.out + r.err)
        self.assertIn("follow up next on 2026-12-03", r.out + r.err)
        # The window is the config's.
        self.write_config('[reply]\nfollow_up = "2w"\n')
        self.assertEqual(self.js("ask", "nudge", "a1")["due_on"], "2026-12-10")
        self.assertEqual(self.ok("check").out, "")

    def test_rm_of_a_nudged_ask_gives_back_the_contact_before(self):
        self.ok("ask", "nudge", "a1", "--on", "2026-11-20")
        self.ok("rm", "a1")
        self.assertEqual(self.js("show", "omar")["person"]["last"], "2026-03-01")

    def test_refused(self):
        self.person("Rita Ruiz", today="2026-01-01")
        self.js("ask", "--from", "rita", "Review my deck")  # a2, incoming
        self.js("ask", "omar", "A quote")                   # a3
        self.ok("ask", "reply", "a3")                       # they answered
        for args in (["a2"], ["a3"], ["a9"], ["i1"], ["x"], ["a1", "--on", "2026-11-01"],
                     ["a1", "--on", "tomorrow"], ["a1", "--on", "someday"]):
            self.assert_refused(2, "ask", "nudge", *args)
        self.ok("ask", "drop", "a1")
        self.assert_refused(2, "ask", "nudge", "a1")
        r = self.assert_refused(2, "ask", "nudge", "a2")
        self.assertIn("ask reply a2", r.err)
        self.assert_refused(2, "ask", "nudge")

    def test_nudges_round_trip_through_export_and_import(self):
        self.ok("ask", "nudge", "a1", "--on", "2026-11-20")
        self.ok("ask", "nudge", "a1", "--on", "2026-11-24")
        export = self.ok("export").out
        ask, = [json.loads(line) for line in export.splitlines()
                if json.loads(line).get("type") == "ask"]
        self.assertEqual(ask["nudged_on"], ["2026-11-20", "2026-11-24"])
        other = os.path.join(self.dir, "other.db")
        path = os.path.join(self.dir, "export.jsonl")
        with open(path, "w") as fh:
            fh.write(export)
        self.ok("import", "json", path, env={"NETLOG_JOURNAL": other})
        a = self.js("ask", "list", env={"NETLOG_JOURNAL": other})["asks"][0]
        self.assertEqual((a["nudged_on"], a["due_on"]), (["2026-11-20", "2026-11-24"],
                                                         "2026-12-01"))
        self.assertEqual(self.js("show", "omar", env={"NETLOG_JOURNAL": other})["person"]["last"],
                         "2026-11-24")
        # A nudge on one machine reaches the other; twice changes nothing.
        self.ok("ask", "nudge", "a1")
        with open(path, "w") as fh:
            fh.write(self.ok("export").out)
        self.ok("import", "json", path, env={"NETLOG_JOURNAL": other})
        self.ok("import", "json", path, env={"NETLOG_JOURNAL": other})
        a = self.js("ask", "list", env={"NETLOG_JOURNAL": other})["asks"][0]
        self.assertEqual(a["nudges"], 3)
        self.assertEqual(self.ok("export", env={"NETLOG_JOURNAL": other}).out.split("\n", 1)[1],
                         self.ok("export").out.split("\n", 1)[1])
        # An export of an older netlog has no nudged_on: none.
        lines = [json.loads(line) for line in export.splitlines()]
        for r in lines:
            r.pop("nudged_on", None)
        lines[0]["schema"] = 4
        third = os.path.join(self.dir, "third.db")
        with open(path, "w") as fh:
            fh.write("".join(json.dumps(r) + "\n" for r in lines))
        self.ok("import", "json", path, env={"NETLOG_JOURNAL": third})
        self.assertEqual(self.js("ask", "list", env={"NETLOG_JOURNAL": third})["asks"][0]["nudges"],
                         0)
        # A bad list is refused, naming the field.
        lines[1:] = [dict(r, nudged_on=["soon"]) if r["type"] == "ask" else r for r in lines[1:]]
        with open(path, "w") as fh:
            fh.write("".join(json.dumps(r) + "\n" for r in lines))
        r = self.fails(2, "import", "json", path, env={"NETLOG_JOURNAL": third})
        self.assertIn("nudged_on", r.err)


class IdsNeverReused(Loop):
    def setUp(self):
        super().setUp()
        self.person("Ann Lee", today="2026-01-01")
        self.person("Bo Li", today="2026-01-01")

    def test_rm_of_the_newest(self):
        self.assertEqual(self.js("add", "ann", "one")["interaction"], "i1")
        doc = self.js("add", "ann", "two", "--gave", "notes")
        self.assertEqual((doc["interaction"], doc["favours"]), ("i2", ["f1"]))
        self.assertEqual(self.js("ask", "ann", "A quote")["ask"], "a1")
        self.ok("rm", "i2", "a1")
        doc = self.js("add", "ann", "three", "--got", "a book")
        self.assertEqual((doc["interaction"], doc["favours"]), ("i3", ["f2"]))
        self.assertEqual(self.js("ask", "ann", "A quote")["ask"], "a2")
        self.ok("rm", "f2")
        self.assertEqual(self.js("add", "ann", "four", "--gave", "x")["favours"], ["f3"])

    def test_people_rm_and_merge(self):
        self.js("add", "bo", "one", "--gave", "notes")  # i1 f1
        self.js("ask", "bo", "A quote")                 # a1
        self.ok("people", "rm", "bo", "--force")
        doc = self.js("add", "ann", "two", "--gave", "x")
        self.assertEqual((doc["interaction"], doc["favours"]), ("i2", ["f2"]))
        self.assertEqual(self.js("ask", "ann", "A quote")["ask"], "a2")
        self.person("Cy Dee", today="2026-01-01")
        self.js("add", "cy", "three", "--gave", "y")  # i3 f3
        self.ok("people", "merge", "cy", "ann")
        self.ok("rm", "i3")
        self.assertEqual(self.js("add", "ann", "four")["interaction"], "i4")
        self.assertEqual(self.ok("check").out, "")

    def test_import_json_deletions(self):
        self.js("add", "ann", "one")   # i1
        self.js("add", "ann", "two")   # i2
        path = os.path.join(self.dir, "export.jsonl")
        other = os.path.join(self.dir, "other.db")
        with open(path, "w") as fh:
            fh.write(self.ok("export").out)
        self.ok("import", "json", path, env={"NETLOG_JOURNAL": other})
        self.ok("rm", "i2")
        with open(path, "w") as fh:
            fh.write(self.ok("export").out)
        self.ok("import", "json", path, env={"NETLOG_JOURNAL": other})
        self.assertEqual([i["id"] for i in self.js("log", env={"NETLOG_JOURNAL": other})
                          ["interactions"]], ["i1"])
        self.assertEqual(self.js("add", "ann", "three", env={"NETLOG_JOURNAL": other})
                         ["interaction"], "i3")
        # An import of new entries into a journal whose newest were removed.
        self.assertEqual(self.js("add", "ann", "four")["interaction"], "i3")
        with open(path, "w") as fh:
            fh.write(self.ok("export").out)
        mine = os.path.join(self.dir, "mine.db")
        self.ok("people", "add", "Zed", env={"NETLOG_JOURNAL": mine})
        self.js("add", "zed", "z1", env={"NETLOG_JOURNAL": mine})
        self.js("add", "zed", "z2", env={"NETLOG_JOURNAL": mine})
        self.ok("rm", "i2", env={"NETLOG_JOURNAL": mine})
        self.ok("import", "json", path, env={"NETLOG_JOURNAL": mine})
        ids = {i["note"]: i["id"] for i in self.js("log", env={"NETLOG_JOURNAL": mine})
               ["interactions"]}
        self.assertNotIn("i2", ids.values())
        self.assertEqual(ids["z1"], "i1")

    def test_what_the_journal_keeps(self):
        self.js("add", "ann", "one")
        self.ok("rm", "i1")
        with sqlite3.connect(self.journal) as db:
            self.assertEqual(db.execute("SELECT last FROM retired_ids WHERE entry = 'interactions'")
                             .fetchone(), (1,))


class CronLine(Loop):
    """The crontab of the README and the man page works under cron's environment: a
    minimal PATH, HOME, and none of the user's variables (issue #14, item 9)."""

    def crontab(self, text):
        lines = text.splitlines()
        start = next(i for i, line in enumerate(lines) if line.strip().startswith("MAILTO="))
        block = []
        for line in lines[start:]:
            if not line.strip() or line.startswith(("```", ".Ed")):
                break
            block.append(line.strip())
        return block

    def run_cron(self, block, prefix):
        """Runs the crontab's job as cron would: its PATH= line (with `prefix`/bin, where
        netlog is installed here, for /usr/local/bin), HOME, nothing else."""
        path = next(line[5:] for line in block if line.startswith("PATH="))
        self.assertIn("/usr/local/bin", path.split(":"))
        job = block[-1].split(None, 5)[5]
        self.assertEqual(job, "netlog due --digest")
        env = {"PATH": path.replace("/usr/local/bin", os.path.join(prefix, "bin")),
               "HOME": self.home, "LOGNAME": "me", "SHELL": "/bin/sh"}
        return subprocess.run(["/bin/sh", "-c", job], env=env, capture_output=True, text=True,
                              timeout=60)

    def test_readme_and_man_page(self):
        prefix = os.path.join(self.dir, "prefix")
        os.makedirs(os.path.join(prefix, "bin"))
        shutil.copy(BIN, os.path.join(prefix, "bin", "netlog"))
        with open(os.path.join(SOURCE_DIR, "README.md")) as fh:
            readme = self.crontab(fh.read())
        with open(os.path.join(SOURCE_DIR, "man", "netlog.1")) as fh:
            man = self.crontab(fh.read())
        self.assertEqual(readme, man)
        # No journal yet at the default place: one line that says so, exit 3, mailed.
        r = self.run_cron(readme, prefix)
        self.assertEqual((r.returncode, r.stdout), (3, ""), r)
        self.assertEqual(r.stderr.splitlines(), [
            f"netlog: no journal yet at {self.home}/.local/share/netlog/journal.db; start one "
            "with `netlog people add NAME` or `netlog add WHO NOTE --new`"])
        # At the default place, nothing due: silent. A reply due today: the digest.
        journal = os.path.join(self.home, ".local", "share", "netlog", "journal.db")
        env = {"NETLOG_JOURNAL": journal}
        self.ok("people", "add", "Rita Ruiz", "--tier", "none", env=env)
        today = datetime.date.today().isoformat()
        r = self.run_cron(readme, prefix)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""), r)
        self.ok("ask", "--from", "rita", "Review my deck", "--on", "2d ago", env=env,
                today=today)
        r = self.run_cron(readme, prefix)
        self.assertEqual((r.returncode, r.stderr), (0, ""), r)
        self.assertEqual(r.stdout.splitlines()[0], "netlog: 1 reply due today")


if __name__ == "__main__":
    main()
