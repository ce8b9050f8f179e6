"""Trust with the only copy (issue #16, items 2 to 7): paths SQLite would take for
something else, FIFOs and devices, configs built to crash the parser, backups that are
whole or absent, damaged journals called damaged and salvaged, permissions, dates no
command can read, and dry runs that write nothing. Each refusal is a row of the table:
its exit code, the first words of its message, and the journal byte for byte as it was."""
import os
import resource
import shutil
import sqlite3
import stat
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import test_hostile  # noqa: E402
from harness import BIN, main  # noqa: E402

NOBODY = 65534


def checkpoint(path):
    """Copies the WAL into the journal file and empties it, as a long-running netlog would."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


class Trust(test_hostile.Hostile):
    def file_bytes(self, path):
        with open(path, "rb") as f:
            return f.read()

    def sql(self, statement, path=None):
        db = sqlite3.connect(path or self.journal)
        db.execute(statement)
        db.commit()
        db.close()

    def cut_copy(self, name, cut):
        """A copy of the journal, its WAL folded in, with `cut` bytes off its end."""
        checkpoint(self.journal)
        path = os.path.join(self.dir, name)
        shutil.copyfile(self.journal, path)
        os.truncate(path, os.path.getsize(path) - cut)
        return path

    def garble(self, path, table="interactions"):
        """Garbage over a middle page of `table` (its only page if it has one), found
        through SQLite's dbstat: wherever the schema puts the table, reads of it fail."""
        checkpoint(path)
        db = sqlite3.connect(path)
        pages = [p for (p,) in db.execute("SELECT pageno FROM dbstat WHERE name = ? "
                                          "ORDER BY pageno", (table,))]
        size = db.execute("PRAGMA page_size").fetchone()[0]
        db.close()
        self.assertTrue(pages)
        with open(path, "r+b") as f:
            f.seek((pages[len(pages) // 2] - 1) * size)
            f.write(b"\xde\xad\xbe\xef" * (size // 4))

    def more_history(self, n=120):
        for k in range(n):
            self.ok("add", "ann", f"meeting {k} " + "x" * 300, "--gave", f"thing {k}")


class Refused(Trust):
    def test_the_table(self):
        fifo = os.path.join(self.dir, "fifo")
        os.mkfifo(fifo)
        folder = os.path.join(self.dir, "folder")
        os.mkdir(folder)
        dangling = os.path.join(self.dir, "dangling.db")
        os.symlink(os.path.join(self.dir, "nowhere", "x.db"), dangling)
        taken = self.write("taken.db", "")
        config = lambda name, text: {"NETLOG_CONFIG": self.write(name, text)}  # noqa: E731
        cases = [
            # (what, exit code, argv, first words of the message, environment)
            ("--journal ''", 2, ["people", "--journal", ""], "netlog: the journal path is empty"),
            ("--journal ''  (write)", 2, ["add", "ann", "x", "--journal", ""],
             "netlog: the journal path is empty"),
            ("--journal :memory:", 2, ["add", "ann", "x", "--journal", ":memory:"],
             "netlog: journal ':memory:' is SQLite's in-memory database"),
            ("--journal file: URI", 2, ["people", "--journal", "file:j.db?mode=memory"],
             "netlog: journal 'file:j.db?mode=memory' is an SQLite URI"),
            ("NETLOG_JOURNAL :memory:", 2, ["people"], "netlog: journal ':memory:'",
             {"NETLOG_JOURNAL": ":memory:"}),
            ("--config ''", 2, ["people", "--config", ""], "netlog: --config is empty"),
            ("journal is a FIFO", 3, ["people", "--journal", fifo], f"netlog: journal {fifo} is "
             "not a regular file"),
            ("journal is a device", 3, ["add", "ann", "x", "--journal", "/dev/null"],
             "netlog: journal /dev/null is not a regular file"),
            ("config is a FIFO", 3, ["people", "--config", fifo], f"netlog: config {fifo}: cannot "
             "read: it is not a regular file"),
            ("config is /dev/zero", 3, ["people", "--config", "/dev/zero"],
             "netlog: config /dev/zero is over 1 MiB"),
            ("config over 1 MiB", 3, ["people"], "netlog: config ",
             config("huge.toml", "# " + "x" * 2_000_000 + "\n")),
            ("config 10,000 arrays deep", 3, ["people"], "netlog: config ",
             config("deep.toml", "a = " + "[" * 10_000 + "]" * 10_000 + "\n")),
            ("config 10,000 inline tables deep", 3, ["people"], "netlog: config ",
             config("deep2.toml", "a = " + "{b = " * 10_000 + "1" + "}" * 10_000 + "\n")),
            ("config 10,000 dotted keys", 3, ["people"], "netlog: config ",
             config("deep3.toml", ".".join(["a"] * 10_000) + " = 1\n")),
            ("config 10,000-level table header", 3, ["people"], "netlog: config ",
             config("deep4.toml", "[" + ".".join(["a"] * 10_000) + "]\n")),
            ("config 40,000-item array", 3, ["people"], "netlog: config ",
             config("long.toml", "[ask]\nvague = [" + ", ".join(f'"p{i}"' for i in range(40_000))
                    + "]\n")),
            ("backup ''", 2, ["backup", ""], "netlog: the backup path is empty"),
            ("backup :memory:", 2, ["backup", ":memory:"], "netlog: backup ':memory:' is SQLite's"),
            ("backup file: URI", 2, ["backup", "file:b.db"], "netlog: backup 'file:b.db' is an SQLite URI"),
            ("backup to a folder", 2, ["backup", folder], f"netlog: backup {folder} is a folder"),
            ("backup in a missing folder", 2, ["backup", os.path.join(self.dir, "no", "b.db")],
             "netlog: the folder "),
            ("backup over a file", 2, ["backup", taken], f"netlog: backup {taken} exists already"),
            ("backup through a dangling link", 2, ["backup", dangling],
             f"netlog: backup {dangling} is a symbolic link"),
            ("salvage over a file", 2, ["check", "--salvage", taken],
             f"netlog: salvage {taken} exists already"),
            ("salvage to :memory:", 2, ["check", "--salvage", ":memory:"], "netlog: salvage ':memory:'"),
        ]
        for what, code, args, message, *env in cases:
            with self.subTest(what):
                started = time.monotonic()
                text = self.assert_refused(code, args, message, env[0] if env else None)
                self.assertTrue(text.startswith(message), text)
                self.assertLess(time.monotonic() - started, 10)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "nowhere")))
        self.assertEqual(self.file_bytes(taken), b"")
        self.assertEqual(sorted(os.listdir(folder)), [])

    def test_journals_refused_untouched(self):
        """A negative user_version, a journal cut short, a journal with bad pages: each
        refused, for reading and writing, and left as it was."""
        self.more_history()
        negative = os.path.join(self.dir, "negative.db")
        shutil.copyfile(self.cut_copy("whole.db", 0), negative)
        self.sql("PRAGMA user_version = -5", negative)
        one_byte = self.cut_copy("cut1.db", 1)
        four_kb = self.cut_copy("cut4k.db", 4096)
        bad_pages = self.cut_copy("bad.db", 0)
        self.garble(bad_pages)  # garbage over a page of the interactions
        damaged = "netlog: the journal {} is damaged ("
        known = "netlog: the journal {} is known to be damaged (found on 2026-11-26 by netlog "
        salvage = "netlog check --salvage OUT writes what can be read into a new journal"
        cases = [
            ("negative user_version", negative, ["people"], "is an SQLite database but not a "
             "netlog journal", 3),
            ("negative user_version (write)", negative, ["add", "ann", "x"], "not a netlog "
             "journal", 3),
            ("cut by 1 byte", one_byte, ["people"], damaged.format(one_byte), 3),
            # The read before found the damage: the write is refused as known damaged.
            ("cut by 1 byte (add)", one_byte, ["add", "ann", "x"], known.format(one_byte), 3),
            ("cut by 4 KB", four_kb, ["show", "ann"], damaged.format(four_kb), 3),
            ("cut by 4 KB (add)", four_kb, ["add", "ann", "x"], known.format(four_kb), 3),
            ("cut by 4 KB (check)", four_kb, ["check"], damaged.format(four_kb), 3),
            ("bad pages (log)", bad_pages, ["log", "--limit", "500"], damaged.format(bad_pages), 3),
            ("bad pages (export)", bad_pages, ["export"], damaged.format(bad_pages), 3),
        ]
        for what, path, args, message, code in cases:
            with self.subTest(what):
                before = self.file_bytes(path)
                got, out, err = self.run_raw(args, {"NETLOG_JOURNAL": path})
                text = err.decode()
                self.assertEqual(got, code, text)
                self.assertRegex(text, r"\Anetlog: [^\n]+\n\Z")
                self.assertIn(message, text)
                self.assertNotIn("not a netlog journal", text) if "damaged" in message else None
                if "damaged" in message:
                    self.assertIn(salvage, text)
                self.assertEqual(self.file_bytes(path), before)
                self.assertFalse(os.path.exists(path + "-wal") and os.path.getsize(path + "-wal"))

    def test_add_refuses_a_journal_with_bad_pages(self):
        self.more_history()
        self.garble(self.journal)
        r = self.run_netlog("check")
        self.assertEqual(r.code, 3, r)
        self.assertIn("netlog check --salvage OUT", r.err)
        self.assert_refused(3, ["log", "--limit", "500"], "is damaged")


class KnownDamage(Trust):
    """Damage found once is remembered beside the journal (JOURNAL-damaged), so that a
    write whose own pages read fine does not go on into a damaged journal."""

    def test_writes_refuse_a_journal_found_damaged_until_check_finds_it_whole(self):
        self.more_history(20)
        self.ok("ask", "ann", "Could you review my draft?")
        checkpoint(self.journal)
        sound = self.file_bytes(self.journal)
        self.garble(self.journal, table="asks")
        marker = self.journal + "-damaged"
        self.assertFalse(os.path.exists(marker))
        # A read that meets the damage says so, and remembers it.
        self.assert_refused(3, ["ask", "list"], "is damaged")
        self.assertEqual(stat.S_IMODE(os.stat(marker).st_mode), 0o600)
        with open(marker) as f:
            self.assertIn("by netlog ask list", f.read())
        # Now a write is refused, even one that never reads the damaged pages.
        self.assert_refused(3, ["add", "ann", "after the damage"], "is known to be damaged")
        self.assert_refused(3, ["people", "add", "Bo Kim"], "netlog check --salvage OUT")
        # Reads go on with what they can read; salvage gives a journal that takes writes.
        self.assertEqual(len(self.js("log", "--limit", "100")["interactions"]), 21)
        out = os.path.join(self.dir, "salvaged.db")
        self.ok("check", "--salvage", out)
        self.ok("add", "ann", "into the salvaged copy", env={"NETLOG_JOURNAL": out})
        # The damage is gone (the file was put back whole): check forgets it, writes work.
        with open(self.journal, "r+b") as f:
            f.write(sound)
        r = self.ok("check")
        self.assertEqual(r.out, "")
        self.assertIn("reads whole again", r.err)
        self.assertFalse(os.path.exists(marker))
        self.ok("add", "ann", "after the repair")

    def test_check_remembers_what_it_finds(self):
        self.more_history(20)
        self.garble(self.journal)
        self.assertEqual(self.run_netlog("check").code, 3)
        self.assert_refused(3, ["add", "ann", "x"], "found on 2026-")
        self.assertEqual(self.run_netlog("check").code, 3)  # still damaged: still refused
        self.assert_refused(3, ["rm", "i1"], "is known to be damaged")


class FullCheck(Trust):
    def test_full_compares_every_index_with_its_table(self):
        """check reads every page and b-tree (SQLite's quick_check); an index whose rows
        no longer match its table is found by --full (integrity_check) alone."""
        self.more_history(5)
        checkpoint(self.journal)
        db = sqlite3.connect(self.journal)
        db.execute("PRAGMA writable_schema = ON")
        db.execute("UPDATE sqlite_master SET sql = 'CREATE INDEX people_name_key ON "
                   "people(handle)' WHERE name = 'people_name_key'")
        db.commit()
        db.close()
        self.assertEqual(self.ok("check").err, "")
        r = self.run_netlog("check", "--full")
        self.assertEqual(r.code, 3, r)
        self.assertIn("netlog: integrity: row 1 missing from index people_name_key", r.err)
        self.assertIn("is damaged", r.err)


class Backup(Trust):
    def test_a_checked_copy_written_whole(self):
        target = os.path.join(self.dir, "backups", "b.db")
        os.mkdir(os.path.dirname(target))
        r = self.ok("backup", target)
        self.assertIn(target, r.err + r.out)
        self.assertIn("checked", r.err + r.out)
        self.assertEqual(os.listdir(os.path.dirname(target)), ["b.db"])  # no temporary left
        self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o600)
        self.assertEqual(self.js("people", env={"NETLOG_JOURNAL": target})["people"],
                         self.js("people")["people"])
        self.assertEqual(self.ok("check", env={"NETLOG_JOURNAL": target}).out, "")

    def test_a_failed_backup_names_the_backup_and_leaves_nothing(self):
        self.more_history(250)
        folder = os.path.join(self.dir, "small")
        os.mkdir(folder)
        target = os.path.join(folder, "b.db")
        limit = lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))  # noqa: E731
        got, out, err = self.run_raw(["backup", target], preexec_fn=limit)
        self.assertEqual(got, 3, err)
        self.assertRegex(err.decode(), rf"\Anetlog: cannot write backup {target}: [^\n]+\n\Z")
        self.assertEqual(os.listdir(folder), [])


class Salvage(Trust):
    def test_an_intact_journal_is_copied_whole(self):
        self.more_history(20)
        out = os.path.join(self.dir, "salvaged.db")
        doc = self.js("check", "--salvage", out)
        self.assertTrue(doc["complete"], doc)
        self.assertEqual(doc["tables"]["interactions"]["copied"], 21)
        self.assertEqual(stat.S_IMODE(os.stat(out).st_mode), 0o600)
        for args in (["people"], ["owe"], ["ask", "list"], ["log", "--limit", "100"]):
            self.assertEqual(self.js(*args, env={"NETLOG_JOURNAL": out}), self.js(*args))
        self.assertEqual(self.ok("check", env={"NETLOG_JOURNAL": out}).out, "")

    def test_a_cut_journal_gives_what_can_be_read(self):
        self.more_history()
        cut = self.cut_copy("cut.db", 4096)
        before = self.file_bytes(cut)
        out = os.path.join(self.dir, "salvaged.db")
        r = self.ok("check", "--salvage", out, env={"NETLOG_JOURNAL": cut})
        self.assertIn("lost", r.out)
        self.assertEqual(self.file_bytes(cut), before)  # never written to
        doc = self.js("check", "--salvage", os.path.join(self.dir, "again.db"),
                      env={"NETLOG_JOURNAL": cut})
        self.assertFalse(doc["complete"])
        interactions = doc["tables"]["interactions"]
        self.assertTrue(interactions["damaged_after"] or interactions["unreadable"], doc)
        # The new journal passes check, and its totals agree with what it holds.
        env = {"NETLOG_JOURNAL": out}
        self.assertEqual(self.ok("check", env=env).out, "")
        kept = self.js("log", "--limit", "1000", env=env)["interactions"]
        self.assertGreater(len(kept), 50)
        self.assertLess(len(kept), 121)
        ann = [p for p in self.js("people", env=env)["people"] if p["handle"] == "ann-lee"][0]
        self.assertEqual(ann["interactions"], len(kept))
        self.ok("add", "ann", "after the salvage", env=env)  # a journal like any other


class Permissions(Trust):
    def test_an_empty_file_becomes_a_private_journal(self):
        journal = os.path.join(self.dir, "touched.db")
        old = os.umask(0o022)
        try:
            with open(journal, "w"):
                pass
        finally:
            os.umask(old)
        self.assertEqual(stat.S_IMODE(os.stat(journal).st_mode), 0o644)
        self.ok("people", "add", "Cy", env={"NETLOG_JOURNAL": journal})
        for suffix in ("", "-wal", "-shm"):
            self.assertEqual(stat.S_IMODE(os.stat(journal + suffix).st_mode), 0o600, suffix)

    def test_a_journal_in_a_folder_that_cannot_be_written(self):
        """Read commands read it; writes say why they cannot. As root, who may write
        anywhere, it runs as nobody: with a copy of netlog in a folder anyone may enter,
        wherever the checkout lives."""
        base = tempfile.mkdtemp(prefix="netlog-ro-")
        self.addCleanup(shutil.rmtree, base, True)
        os.chmod(base, 0o755)
        binary = os.path.join(base, "netlog")
        shutil.copy(BIN, binary)
        os.chmod(binary, 0o755)
        folder = os.path.join(base, "ro")
        os.mkdir(folder)
        journal = os.path.join(folder, "journal.db")
        checkpoint(self.journal)
        shutil.copyfile(self.journal, journal)
        config = os.path.join(base, "config.toml")
        shutil.copyfile(self.config, config)
        os.chmod(config, 0o644)
        preexec = None
        if os.geteuid() == 0:
            for path in (folder, journal):
                os.chown(path, NOBODY, NOBODY)
            preexec = lambda: (os.setgid(NOBODY), os.setgroups([]), os.setuid(NOBODY))  # noqa
        os.chmod(journal, 0o600)
        os.chmod(folder, 0o500)
        self.addCleanup(os.chmod, folder, 0o700)
        env = self.env({"NETLOG_JOURNAL": journal, "NETLOG_CONFIG": config, "HOME": base})
        import subprocess

        def run(*args):
            return subprocess.run([binary, *args], capture_output=True, text=True, env=env,
                                  preexec_fn=preexec, timeout=60)

        for args in (["people"], ["show", "ann"], ["log"], ["due"], ["audit"], ["check"]):
            r = run(*args)
            self.assertEqual(r.returncode, 0, (args, r.stderr))
        before = self.file_bytes(journal)
        r = run("add", "ann", "x")
        self.assertEqual(r.returncode, 3, r.stderr)
        self.assertRegex(r.stderr, rf"\Anetlog: cannot write journal {journal}: its folder "
                                   rf"{folder} is not writable[^\n]*\n\Z")
        self.assertEqual(self.file_bytes(journal), before)
        self.assertEqual(sorted(os.listdir(folder)), ["journal.db"])


class Dates(Trust):
    def test_check_names_dates_no_command_can_read_and_the_command_that_sets_them_right(self):
        self.ok("add", "bob", "coffee", "--got", "an intro", "--on", "2026-11-20")
        self.ok("ask", "bob", "Could you review my draft?", "--on", "2026-11-21")
        self.sql("UPDATE people SET added_on = 'garbage' WHERE handle = 'bob-stone'")
        self.sql("UPDATE interactions SET on_date = '2026-02-30' WHERE id = 1")
        self.sql("UPDATE favours SET on_date = 'x' WHERE id = 1")
        self.sql("UPDATE asks SET asked_on = '2026-13-01', replied_on = 'soon' WHERE id = 1")
        for args in (["people"], ["show", "bob"], ["audit"], ["log"]):
            with self.subTest(args=args):
                r = self.assert_refused(3, args, "netlog: bad date")
                self.assertIn("netlog check", r)
        r = self.run_netlog("check")
        self.assertEqual(r.code, 3, r)
        for expected in (
                "person bob-stone has added_on 'garbage', not a YYYY-MM-DD date, and the "
                "commands that read it fail; set it right with `netlog people set bob-stone "
                "--added YYYY-MM-DD`",
                "interaction i1 has on_date '2026-02-30'",
                "`netlog edit i1 --on YYYY-MM-DD`",
                "favour f1 has on_date 'x'", "`netlog edit f1 --on YYYY-MM-DD`",
                "ask a1 has asked_on '2026-13-01'", "`netlog edit a1 --on YYYY-MM-DD`",
                "ask a1 has replied_on 'soon'",
                "UPDATE asks SET replied_on = 'YYYY-MM-DD' WHERE id = 1;"):
            self.assertIn(expected, r.err)
        # The command named sets it right; another change alone is refused, unchanged.
        self.assert_refused(2, ["people", "set", "bob", "--role", "CTO"],
                            "bob-stone has the day they were added stored as no date netlog "
                            "can read; give --added DATE")
        self.assert_refused(2, ["edit", "i1", "--note", "x"], "give --on DATE")
        self.assert_refused(2, ["people", "set", "bob", "--added", "tomorrow"], "future")
        self.ok("people", "set", "bob", "--added", "2026-01-05")
        self.ok("edit", "i1", "--on", "2026-02-28")
        self.ok("edit", "f1", "--on", "2026-02-28")
        self.assert_refused(2, ["edit", "a1", "--on", "2026-11-21"], "sqlite3 UPDATE")
        self.sql("UPDATE asks SET replied_on = '2026-11-22' WHERE id = 1;")
        self.ok("edit", "a1", "--on", "2026-11-21")
        self.assertEqual(self.ok("check").err, "")
        self.assertEqual(self.js("show", "bob")["person"]["added_on"], "2026-01-05")
        self.assertEqual(self.js("log")["interactions"][-1]["on"], "2026-02-28")
        ask = self.js("ask", "list", "--all")["asks"][0]
        self.assertEqual((ask["asked_on"], ask["replied_on"]), ("2026-11-21", "2026-11-22"))


class Wording(Trust):
    """The whole of each message whose remedy the CLI words for the store (issue 17,
    item 7): the store says what happened, the CLI names the option or command."""

    def test_check_words_the_fix_for_every_date_column(self):
        self.ok("add", "bob", "coffee", "--got", "an intro", "--on", "2026-11-20")
        self.ok("ask", "bob", "Could you review my draft?", "--on", "2026-11-21", "--by",
                "2026-11-30")
        self.sql("UPDATE people SET added_on = 'garbage', snooze_until = '2026-02-31' "
                 "WHERE handle = 'bob-stone'")
        self.sql("UPDATE interactions SET on_date = '2026-02-30' WHERE id = 1")
        self.sql("UPDATE favours SET on_date = 'x' WHERE id = 1")
        self.sql("UPDATE asks SET asked_on = '2026-13-01', due_on = 'd', by_on = 'b', "
                 "replied_on = 'soon', closed_on = 12 WHERE id = 1")
        fail = "not a YYYY-MM-DD date, and the commands that read it fail"
        expected = [
            f"date: person bob-stone has added_on 'garbage', {fail}; set it right with "
            "`netlog people set bob-stone --added YYYY-MM-DD`",
            f"date: person bob-stone has snooze_until '2026-02-31', {fail}; set it right with "
            "`netlog people set bob-stone --snooze off`",
            f"date: interaction i1 has on_date '2026-02-30', {fail}; set it right with "
            "`netlog edit i1 --on YYYY-MM-DD`",
            f"date: favour f1 has on_date 'x', {fail}; set it right with "
            "`netlog edit f1 --on YYYY-MM-DD`",
            f"date: ask a1 has asked_on '2026-13-01', {fail}; set it right with "
            "`netlog edit a1 --on YYYY-MM-DD`",
            f"date: ask a1 has due_on 'd', {fail}; set it right with "
            "`netlog edit a1 --on 2026-13-01`",
            f"date: ask a1 has by_on 'b', {fail}; set it right with "
            "`netlog edit a1 --by YYYY-MM-DD`",
            f"date: ask a1 has replied_on 'soon', {fail}; after `netlog backup`, set it right "
            "in the sqlite3 shell: UPDATE asks SET replied_on = 'YYYY-MM-DD' WHERE id = 1;",
            f"date: ask a1 has closed_on '12', {fail}; after `netlog backup`, set it right "
            "in the sqlite3 shell: UPDATE asks SET closed_on = 'YYYY-MM-DD' WHERE id = 1;",
        ]
        r = self.run_netlog("check")
        self.assertEqual((r.code, r.out), (3, ""), r)
        self.assertEqual(r.err, "".join(f"netlog: {line}\n" for line in expected))
        r = self.run_netlog("--json", "check")
        self.assertEqual(r.code, 3, r)
        self.assertEqual(r.json()["problems"], expected)
        # A salvage checks the new journal: the same words.
        r = self.run_netlog("check", "--salvage", os.path.join(self.dir, "salvaged.db"))
        self.assertEqual(r.code, 0, r)
        self.assertIn("".join(f"  the new journal: {line}\n" for line in expected), r.out)
        # A handle with a quote in it, named as it is.
        self.sql("UPDATE people SET handle = 'o''neil', snooze_until = NULL "
                 "WHERE handle = 'bob-stone'")
        self.sql("UPDATE asks SET asked_on = '2026-11-21', due_on = '2026-11-23', by_on = NULL, "
                 "replied_on = NULL, closed_on = NULL")
        self.sql("UPDATE interactions SET on_date = '2026-11-20'")
        self.sql("UPDATE favours SET on_date = '2026-11-20'")
        self.sql("UPDATE people SET added_on = '2026-00-01' WHERE handle = 'o''neil'")
        r = self.run_netlog("check")
        self.assertEqual(r.err, f"netlog: date: person o'neil has added_on '2026-00-01', {fail}; "
                                "set it right with `netlog people set o'neil --added "
                                "YYYY-MM-DD`\n")

    def test_a_path_sqlite_reads_otherwise_is_refused_with_the_option_that_gives_one(self):
        folder = os.path.join(self.dir, "folder")
        os.mkdir(folder)
        cases = [
            (["people", "--journal", ""], None,
             "the journal path is empty; give a file path with --journal"),
            (["people", "--journal", ":memory:"], None,
             "journal ':memory:' is SQLite's in-memory database, which keeps nothing; give a "
             "file path with --journal (./:memory: for a file of that name)"),
            (["people", "--journal", "file:j.db"], None,
             "journal 'file:j.db' is an SQLite URI; give a plain file path with --journal "
             "(./file:j.db for a file of that name)"),
            (["people"], {"NETLOG_JOURNAL": ":memory:"},
             "journal ':memory:' is SQLite's in-memory database, which keeps nothing; give a "
             "file path with --journal or NETLOG_JOURNAL (./:memory: for a file of that name)"),
            (["add", "ann", "x", "--new"], {"NETLOG_JOURNAL": "file:j.db"},
             "journal 'file:j.db' is an SQLite URI; give a plain file path with --journal or "
             "NETLOG_JOURNAL (./file:j.db for a file of that name)"),
            (["check", "--salvage", os.path.join(self.dir, "out.db")],
             {"NETLOG_JOURNAL": "file:j.db"},
             "journal 'file:j.db' is an SQLite URI; give a plain file path with --journal or "
             "NETLOG_JOURNAL (./file:j.db for a file of that name)"),
            (["check", "--salvage", os.path.join(self.dir, "out.db")],
             {"NETLOG_JOURNAL": ":memory:"},
             "journal ':memory:' is SQLite's in-memory database, which keeps nothing; give a "
             "file path with --journal or NETLOG_JOURNAL (./:memory: for a file of that name)"),
            (["people"], {"NETLOG_JOURNAL": folder},
             f"journal {folder} is a directory; give a file path with --journal or "
             "NETLOG_JOURNAL"),
            (["backup", ""], None, "the backup path is empty; give a file path with FILE"),
            (["backup", ":memory:"], None,
             "backup ':memory:' is SQLite's in-memory database, which keeps nothing; give a "
             "file path with FILE (./:memory: for a file of that name)"),
            (["backup", "file:b.db"], None,
             "backup 'file:b.db' is an SQLite URI; give a plain file path with FILE "
             "(./file:b.db for a file of that name)"),
            (["check", "--salvage", ""], None,
             "the salvage path is empty; give a file path with FILE"),
            (["check", "--salvage", "file:s.db"], None,
             "salvage 'file:s.db' is an SQLite URI; give a plain file path with FILE "
             "(./file:s.db for a file of that name)"),
        ]
        self.ok("people", "add", "Ann")
        for args, env, message in cases:
            with self.subTest(args=args, env=env):
                self.assertEqual(self.assert_refused(2 if "directory" not in message else 3,
                                                     args, message, env),
                                 f"netlog: {message}\n")


class DryRun(Trust):
    def test_a_dry_run_import_writes_nothing(self):
        """Larger than SQLite's page cache (2 MB), which used to spill into the WAL (5 MB
        of it, with the old code, for this import of 7 MB)."""
        import json
        import uuid
        ts = "2026-01-01T00:00:00.000Z"
        lines = [json.dumps({"type": "netlog-export", "version": 1, "schema": 4})]
        people = [str(uuid.uuid4()) for _ in range(2000)]
        for i, person in enumerate(people):
            lines.append(json.dumps({
                "type": "person", "uuid": person, "handle": f"p{i}",
                "name": f"Person {i}", "tier": "weak", "cadence_days": None,
                "introduced_by": None, "source": "manual", "email": None, "company": None,
                "role": None, "url": None, "notes": "n" * 200, "tags": [],
                "added_on": "2026-01-01", "snooze_until": None, "external_id": None,
                "created_at": ts, "updated_at": ts}))
        for i in range(20000):
            lines.append(json.dumps({
                "type": "interaction", "uuid": str(uuid.uuid4()), "on": "2026-11-01",
                "kind": "meet", "note": "note " * 40, "tags": [], "them": False,
                "people": [people[i % 2000]], "created_at": ts, "updated_at": ts}))
        path = self.write("big.jsonl", "\n".join(lines) + "\n")
        self.journal = os.path.join(self.dir, "small.db")  # (with more in it, no spill)
        self.ok("people", "add", "Ann", env={"NETLOG_JOURNAL": self.journal})
        before = self.journal_bytes()
        wal = os.path.getsize(self.journal + "-wal")
        doc = self.js("import", "json", path, "--dry-run", env={"NETLOG_JOURNAL": self.journal})
        self.assertEqual((doc["added"]["person"], doc["added"]["interaction"]), (2000, 20000))
        self.assertEqual(os.path.getsize(self.journal + "-wal"), wal)
        self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(len(self.js("people", env={"NETLOG_JOURNAL": self.journal})["people"]), 1)


if __name__ == "__main__":
    main()
