"""Long work shows progress (issue #20, item 5), and `check` in one pass per table
(issue #20 item 3, #16 item 6).

import (every format), backup and check print one progress line on stderr, updated in
place and erased at the end, only when stderr is a terminal (here a pseudo-terminal) and
neither -q nor --json is given, once the work has run NETLOG_PROGRESS_AFTER_MS (a second
by default; 0 here, so that the tests' small files show it).

`check` works out the totals and who was at each interaction in one pass per table
when all is well, and words each problem as before when something is off."""
import os
import pty
import select
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, NetlogTest, main  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CONNECTIONS = os.path.join(HERE, "..", "data", "linkedin", "Connections.csv")
NOW = {"NETLOG_PROGRESS_AFTER_MS": "0"}


class Progress(NetlogTest):
    def run_tty(self, *args, env=None):
        """Runs netlog with stderr on a pseudo-terminal; returns (exit code, stdout,
        what the terminal got)."""
        master, slave = pty.openpty()
        out_path = os.path.join(self.dir, "stdout")
        with open(out_path, "wb") as out:
            proc = subprocess.Popen([BIN, *args], stdin=subprocess.DEVNULL, stdout=out,
                                    stderr=slave, env=self.env(env))
        os.close(slave)
        seen = b""
        while True:
            ready, _, _ = select.select([master], [], [], 60)
            if not ready:
                proc.kill()
                self.fail("netlog did not end")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the last writer closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        os.close(master)
        code = proc.wait(timeout=60)
        with open(out_path, encoding="utf-8") as f:
            return code, f.read(), seen.decode("utf-8", "replace")

    def people(self, n=300):
        """A LinkedIn file of `n` connections, imported."""
        path = os.path.join(self.dir, "Connections.csv")
        with open(path, "w") as f:
            f.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
            for i in range(n):
                f.write(f"Ann{i},Lee{i},https://www.linkedin.com/in/ann-{i},,Acme {i},Engineer,"
                        f"01 Mar 2024\n")
        return path

    def test_import_shows_bytes_of_the_file_then_erases_the_line(self):
        path = self.people()
        code, out, tty = self.run_tty("import", "linkedin", path, env=NOW)
        self.assertEqual(code, 0, tty)
        self.assertIn("\rnetlog: import: ", tty)
        self.assertRegex(tty, r"netlog: import: [0-9.]+ MB of [0-9.]+ MB \(\d+%\)")
        # Erased before the report: the last progress line is followed by an erase.
        self.assertIn("\r\x1b[K", tty)
        self.assertNotIn("netlog: import:", tty.rsplit("\r\x1b[K", 1)[1])
        self.assertIn("300", out)

    def test_import_json_shows_it_too(self):
        self.ok("import", "linkedin", self.people())
        export = os.path.join(self.dir, "export.jsonl")
        with open(export, "w") as f:
            f.write(self.ok("export").out)
        other = dict(NOW, NETLOG_JOURNAL=os.path.join(self.dir, "other.db"))
        code, _, tty = self.run_tty("import", "json", export, env=other)
        self.assertEqual(code, 0, tty)
        self.assertRegex(tty, r"netlog: import: [0-9.]+ MB of [0-9.]+ MB \(\d+%\)")

    def test_export_shows_records_of_the_total(self):
        self.ok("import", "linkedin", self.people())
        code, out, tty = self.run_tty("export", env=NOW)
        self.assertEqual(code, 0, tty)
        self.assertRegex(tty, r"netlog: export: [\d,]+ of 300 records \(\d+%\)")
        self.assertTrue(tty.endswith("\r\x1b[K"), repr(tty[-80:]))
        # The same records as an export with nothing on a terminal (the header's time aside).
        self.assertEqual(out.split("\n", 1)[1], self.ok("export").out.split("\n", 1)[1])

    def test_check_and_backup_show_it(self):
        self.ok("import", "linkedin", self.people(2000))
        code, out, tty = self.run_tty("check", env=NOW)
        self.assertEqual((code, out), (0, ""), tty)
        self.assertRegex(tty, r"netlog: check: \d of 8 steps")
        self.assertTrue(tty.endswith("\r\x1b[K"), repr(tty[-80:]))
        code, out, tty = self.run_tty("backup", os.path.join(self.dir, "copy.db"), env=NOW)
        self.assertEqual(code, 0, tty)
        self.assertRegex(tty, r"netlog: backup: [0-9.]+ MB of [0-9.]+ MB")
        self.assertTrue(tty.endswith("\r\x1b[K"), repr(tty[-80:]))
        self.assertIn("backed up", out)

    def test_nothing_under_quiet_or_json_or_before_the_threshold(self):
        path = self.people()
        for args, env in ((["-q"], NOW), (["--json"], NOW), ([], {})):
            with self.subTest(args=args, env=env):
                journal = os.path.join(self.dir, f"j{len(args)}{len(env)}.db")
                code, _, tty = self.run_tty(*args, "import", "linkedin", path,
                                            env=dict(env, NETLOG_JOURNAL=journal))
                self.assertEqual(code, 0, tty)
                self.assertNotIn("netlog: import:", tty)
                self.assertNotIn("\x1b[K", tty)

    def test_nothing_when_stderr_is_not_a_terminal(self):
        r = self.ok("import", "linkedin", self.people(), env=NOW)
        self.assertNotIn("netlog: import:", r.err)
        self.assertNotIn("\r", r.err)
        r = self.run_netlog("check", env=NOW)
        self.assertEqual((r.code, r.out, r.err), (0, "", ""))


class CheckPasses(NetlogTest):
    """check's one pass per table says all is well only when the SQL would, and when
    something is off the SQL words it as before."""

    def setUp(self):
        super().setUp()
        self.cases = 0
        self.build()

    def build(self):
        """A new journal: three people, favours both ways, an ask, and a merge (which
        leaves person_aliases and interactions that name the merged-away id)."""
        self.cases += 1
        self.journal = os.path.join(self.dir, f"journal{self.cases}.db")
        self.ok("people", "add", "Ann Lee", "--tier", "inner")
        self.ok("people", "add", "Bo Kim")
        self.ok("people", "add", "Cy Park")
        self.ok("add", "ann-lee,bo-kim", "coffee", "--on", "2026-10-01")
        self.ok("add", "bo-kim", "drinks", "--on", "2026-10-05", "--got", "an intro")
        self.ok("add", "ann-lee", "call", "--on", "2026-11-01", "--gave", "review", "--them")
        self.ok("add", "cy-park", "lunch", "--on", "2026-09-01", "--got", "a book",
                "--weight", "2")
        self.ok("ask", "cy-park", "Could you review section 2?")
        self.ok("people", "merge", "bo-kim", "cy-park")

    def sql(self, statement):
        db = sqlite3.connect(self.journal)
        db.executescript(statement)
        db.commit()
        db.close()

    def problems(self):
        doc = self.run_netlog("--json", "check")
        self.assertEqual(doc.code, 3, doc)
        return doc.json()["problems"]

    def test_a_sound_journal_with_a_merge_is_silent(self):
        r = self.ok("check")
        self.assertEqual((r.out, r.err), ("", ""))

    def test_each_total_off_is_named(self):
        cases = {
            "UPDATE people SET interactions = 9 WHERE handle = 'ann-lee'":
                "total: interactions of ann-lee is '9' but the history says '2'",
            "UPDATE people SET reached_me = 0 WHERE handle = 'ann-lee'":
                "total: reached_me of ann-lee is '0' but the history says '1'",
            "UPDATE people SET last_interaction = '2026-01-01' WHERE handle = 'ann-lee'":
                "total: last_interaction of ann-lee is '2026-01-01' but the history says "
                "'2026-11-01'",
            "UPDATE people SET first_interaction = NULL WHERE handle = 'cy-park'":
                "total: first_interaction of cy-park is '' but the history says '2026-09-01'",
            "UPDATE people SET last_contact = '2026-09-01' WHERE handle = 'cy-park'":
                "total: last_contact of cy-park is '2026-09-01' but the history says "
                "'2026-11-26'",
            "UPDATE people SET got = 7 WHERE handle = 'cy-park'":
                "total: got of cy-park is '7' but the history says '3'",
            "UPDATE people SET since = '2026-01-02' WHERE handle = 'cy-park'":
                "total: since of cy-park is '2026-01-02' but the history says '2026-09-01'",
        }
        for statement, problem in cases.items():
            with self.subTest(statement=statement):
                self.sql(statement)
                self.assertIn(problem, self.problems())
                self.build()

    def test_who_was_there_off_is_named(self):
        cases = {
            "DELETE FROM interaction_people WHERE person_id = "
            "(SELECT id FROM people WHERE handle = 'ann-lee') AND on_date = '2026-11-01'":
                "is missing from the interactions of person",
            "UPDATE interaction_people SET on_date = '2026-11-02' WHERE on_date = '2026-11-01'":
                "total: the date of interaction",
            "DELETE FROM interaction_members WHERE interaction_id = "
            "(SELECT id FROM interactions WHERE on_date = '2026-11-01')":
                "of nobody",
        }
        for statement, problem in cases.items():
            with self.subTest(statement=statement):
                self.sql("PRAGMA foreign_keys = OFF; PRAGMA recursive_triggers = OFF; "
                         "DROP TRIGGER IF EXISTS interaction_members_removed; "
                         "DROP TRIGGER IF EXISTS interaction_people_removed; " + statement)
                problems = self.problems()
                self.assertTrue(any(problem in p for p in problems), (problem, problems))
                self.build()


class DueJsonLayout(NetlogTest):
    """`due --json` is written by hand (issue #20): the same layout as every other
    document (two-space indent, ", " and ": "), and the same escapes."""

    def test_the_layout_of_every_document(self):
        import json
        self.ok("people", "add", "Ann Lee", "--tier", "inner")
        self.ok("people", "add", 'Zoë "Q" Łukasz', "--tier", "inner")
        self.ok("ask", "--from", "ann-lee", 'Could you "review" \\ the\ttab?', "--on",
                "2026-10-01")
        self.ok("ask", "zoe-q-lukasz", "Coffee?", "--on", "2026-10-01")
        self.ok("add", "ann-lee", "lunch", "--on", "2025-01-01", "--got", "a book")
        for args in ([], ["--within", "2w"]):
            r = self.ok("--json", "due", *args)
            doc = json.loads(r.out)
            self.assertEqual(r.out, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
            self.assertEqual(len(doc["replies"]), 1)
            self.assertEqual(doc["promises"], [])
            self.assertEqual(doc["reciprocate"][0]["since"], "2025-01-01")
            self.assertIsNone(doc["reconnect"][0]["last"] if doc["reconnect"][0]["person"] ==
                              "zoe-q-lukasz" else None)
        self.assertEqual(json.loads(self.ok("--json", "due", "--within", "2w").out)["within"],
                         "2w")


if __name__ == "__main__":
    main()
