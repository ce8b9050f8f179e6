"""The journal file (creation, refusals, WAL, UUIDs, concurrent writers), the global
options, command-line errors, and how the journal, config and today are found."""
import hashlib
import os
import re
import sqlite3
import stat
import subprocess
import sys
import uuid

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, SCHEMA, TODAY, NetlogTest, main  # noqa: E402

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def file_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class Creation(NetlogTest):
    def test_created_0600_in_new_folders_0700(self):
        journal = os.path.join(self.dir, "a", "b", "journal.db")
        self.ok("people", "add", "Ann", env={"NETLOG_JOURNAL": journal})
        self.assertEqual(stat.S_IMODE(os.stat(journal).st_mode), 0o600)
        for folder in ("a", os.path.join("a", "b")):
            self.assertEqual(stat.S_IMODE(os.stat(os.path.join(self.dir, folder)).st_mode), 0o700)

    def test_mode_does_not_follow_a_permissive_umask(self):
        script = f"umask 000; exec {BIN} add Ann hello --new"
        proc = subprocess.run(["sh", "-c", script], env=self.env(), capture_output=True)
        self.assertEqual(proc.returncode, 0, proc)
        self.assertEqual(stat.S_IMODE(os.stat(self.journal).st_mode), 0o600)

    def test_reads_never_create_it(self):
        journal = os.path.join(self.dir, "nested", "journal.db")
        for args in (["people"], ["log"], ["show", "x"], ["people", "--stale"], ["log", "ann"]):
            with self.subTest(args=args):
                r = self.fails(3, *args, env={"NETLOG_JOURNAL": journal})
                self.assertIn("no journal yet", r.err)
                self.assertIn("netlog people add", r.err)  # how to start
                self.assertFalse(os.path.exists(os.path.join(self.dir, "nested")))

    def test_an_empty_file_is_not_a_journal_yet(self):
        open(self.journal, "wb").close()
        self.assertIn("no journal yet", self.fails(3, "people").err)
        self.assertEqual(file_bytes(self.journal), b"")
        self.ok("people", "add", "Ann")  # a write makes it one
        self.assertEqual(len(self.js("people")["people"]), 1)


class Refusals(NetlogTest):
    def files(self):
        """Every file in the test folder (journal, -wal, -shm …) with its bytes."""
        paths = [os.path.join(self.dir, name) for name in os.listdir(self.dir)]
        return {os.path.basename(path): hashlib.sha256(file_bytes(path)).hexdigest()
                for path in paths if os.path.isfile(path)}

    def assert_refused_untouched(self, message):
        before = self.files()
        for args in (["people"], ["show", "ann"], ["log"], ["add", "ann", "x", "--new"],
                     ["people", "add", "Ann"], ["rm", "i1"]):
            with self.subTest(args=args):
                r = self.fails(3, *args)
                self.assertIn(message, r.err)
                self.assertIn(self.journal, r.err)
                self.assertEqual(self.files(), before)

    def test_not_sqlite(self):
        with open(self.journal, "wb") as f:
            f.write(b"name,email\nAnn,ann@example.org\n" * 200)
        self.assert_refused_untouched("not a netlog journal")

    def test_sqlite_but_not_netlog(self):
        db = sqlite3.connect(self.journal)
        db.execute("CREATE TABLE people (name TEXT)")
        db.execute("INSERT INTO people VALUES ('Ann')")
        db.commit()
        db.close()
        self.assert_refused_untouched("not a netlog journal")

    def test_sqlite_but_not_netlog_in_wal_mode(self):
        db = sqlite3.connect(self.journal)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE TABLE notes (text TEXT)")
        db.commit()
        db.close()
        self.assert_refused_untouched("not a netlog journal")

    def test_newer_schema(self):
        self.ok("people", "add", "Ann")
        db = sqlite3.connect(self.journal)
        db.execute("PRAGMA user_version = 99")
        db.commit()
        db.close()
        self.assert_refused_untouched("newer netlog")

    def test_journal_is_a_directory(self):
        os.mkdir(self.journal)
        for args in (["people"], ["people", "add", "Ann"]):
            self.assertIn("directory", self.fails(3, *args).err)


class Schema(NetlogTest):
    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Ann Lee")
        self.ok("people", "add", "Bob Stone", "--via", "ann")
        self.ok("add", "ann,bob", "lunch", "--gave", "intro", "--got", "advice")
        self.ok("add", "bob", "call", "--kind", "call")

    def query(self, sql):
        db = sqlite3.connect(self.journal)
        try:
            return db.execute(sql).fetchall()
        finally:
            db.close()

    def test_wal_version_and_application_id(self):
        self.assertEqual(self.query("PRAGMA journal_mode"), [("wal",)])
        self.assertEqual(self.query("PRAGMA user_version"), [(SCHEMA,)])
        self.assertEqual(self.query("PRAGMA application_id"), [(0x4E544C47,)])
        self.assertEqual(self.js("people")["netlog"], SCHEMA)

    def test_foreign_keys(self):
        self.assertTrue(self.query("PRAGMA foreign_key_list(favours)"))
        self.assertTrue(self.query("PRAGMA foreign_key_list(interaction_people)"))
        # Enforced by netlog's connection: removing Ann cascades to her links and favours.
        self.ok("people", "rm", "ann", "--force")
        self.assertEqual(self.query("PRAGMA foreign_key_check"), [])
        self.assertEqual(self.query("SELECT count(*) FROM interaction_people"), [(2,)])
        self.assertEqual(self.query("SELECT count(*) FROM favours"), [(2,)])
        self.assertEqual(self.query("SELECT introduced_by FROM people"), [(None,)])

    def test_every_row_has_a_uuid(self):
        seen = set()
        for table in ("people", "interactions", "favours", "asks"):
            for (uuid,) in self.query(f"SELECT uuid FROM {table}"):
                self.assertRegex(uuid, UUID)
                self.assertNotIn(uuid, seen)
                seen.add(uuid)
        self.assertEqual(len(seen), 2 + 2 + 4)

    def test_removals_are_recorded(self):
        people = {h: u for h, u in self.query("SELECT handle, uuid FROM people")}
        self.ok("rm", "i2")
        self.ok("people", "rm", "ann", "--force")
        deleted = dict((u, t) for u, t in self.query("SELECT uuid, type FROM deleted"))
        self.assertEqual(deleted.get(people["ann-lee"]), "person")
        self.assertEqual(sorted(deleted.values()), ["favour", "favour", "interaction", "person"])


class Concurrency(NetlogTest):
    def run_all(self, journal, n=40, already=0):
        env = {"NETLOG_JOURNAL": journal}
        procs = [subprocess.Popen([BIN, "add", f"Person {k}", f"note {k}", "--new"],
                                  env=self.env(env), stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
                 for k in range(n)]
        results = [(p.wait(timeout=120), p.stderr.read().decode()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        self.assertEqual([code for code, _ in results], [0] * n, results)
        self.assertEqual([err for _, err in results], [""] * n)
        log = self.js("log", "--limit", "1000", env=env)["interactions"]
        self.assertEqual(sorted(i["note"] for i in log), sorted(f"note {k}" for k in range(n)))
        self.assertEqual(len(self.js("people", env=env)["people"]), n + already)

    def test_40_writers_on_an_existing_journal(self):
        self.ok("people", "add", "Someone")
        self.run_all(self.journal, already=1)

    def test_40_writers_racing_to_create_it(self):
        # A few rounds: the race (a writer reading the header while another creates
        # the schema) is lost only now and then.
        for round in range(4):
            journal = os.path.join(self.dir, f"round{round}", "journal.db")
            self.run_all(journal)
            self.assertEqual(stat.S_IMODE(os.stat(journal).st_mode), 0o600)


class Checkpoint(NetlogTest):
    def test_a_write_that_makes_the_wal_long_empties_it(self):
        # Ann has 2,400 interactions of 1.5 KB, two to a page: removing her rewrites
        # 1,200 pages of them, past the 1,000 pages at which the WAL is checkpointed.
        self.ok("people", "add", "Ann Lee")
        self.ok("people", "add", "Annie Lee")
        db = sqlite3.connect(self.journal)
        (ann,) = db.execute("SELECT id FROM people WHERE handle = 'ann-lee'").fetchone()
        for k in range(2400):
            on = f"2025-{k % 12 + 1:02}-{k % 28 + 1:02}"
            cur = db.execute("INSERT INTO interactions (uuid, on_date, kind, note, created_at, "
                             "updated_at) VALUES (?, ?, 'meet', ?, ?, ?)",
                             (str(uuid.uuid4()), on, f"{k} " + "x" * 1500,
                              "2025-01-01T00:00:00.000Z", "2025-01-01T00:00:00.000Z"))
            db.execute("INSERT INTO interaction_members VALUES (?, ?)", (cur.lastrowid, ann))
        db.commit()
        db.close()
        wal = self.journal + "-wal"
        self.ok("people", "rm", "ann-lee", "--force")
        # Emptied: the next commands do not read it all again, nor the next write copy it.
        self.assertEqual(os.path.getsize(wal), 0)
        self.ok("add", "annie", "call")
        self.assertLess(os.path.getsize(wal), 100 * 4096)
        self.assertEqual(self.js("show", "annie")["person"]["interactions"], 1)
        self.assertEqual(self.run_netlog("check").code, 0)


class CommandLine(NetlogTest):
    def test_global_options_after_the_command(self):
        self.ok("people", "add", "Ann")
        self.assertIn("people", self.run_netlog("people", "--json").json())
        doc = self.run_netlog("add", "ann", "y", "--today", "2026-01-01", "--json").json()
        self.assertEqual(doc["on"], "2026-01-01")
        other = os.path.join(self.dir, "other.db")
        self.ok("people", "add", "Bea", "-j", other, "-q")
        self.assertEqual([p["handle"] for p in self.js("people", "--journal", other)["people"]],
                         ["bea"])

    def test_parse_errors_are_one_line_exit_2(self):
        for args in (["people", "--bogus"], ["--bogus"], ["add", "ann"], ["add"],
                     ["log", "--limit"], ["frobnicate"], ["people", "add"],
                     ["--color", "sometimes", "people"], ["add", "a", "b", "c"]):
            with self.subTest(args=args):
                r = self.fails(2, *args)
                self.assertEqual(len(r.err.splitlines()), 1, r)
                self.assertEqual(r.out, "")
        self.assertFalse(os.path.exists(self.journal))

    def test_help(self):
        for args in (["help", "add"], ["add", "--help"], ["help"], ["--help"], ["help", "people", "add"],
                     ["people", "add", "-h"], ["help", "log"], ["help", "show"]):
            with self.subTest(args=args):
                r = self.ok(*args)
                self.assertIn("Usage:", r.out)
                self.assertEqual(r.err, "")
        self.assertIn("--weight", self.ok("help", "add").out)
        self.assertIn("--weight", self.ok("add", "--help").out)
        self.assertIn("Usage: netlog people add", self.ok("help", "people", "add").out)
        top = self.ok("help").out
        for command in ("add", "people", "show", "log", "rm"):
            self.assertRegex(top, rf"(?m)^\s+{command}\s")
        self.assertIn("no command", self.fails(2, "help", "frob").err)
        self.assertFalse(os.path.exists(self.journal))

    def test_version(self):
        self.assertRegex(self.ok("--version").out, r"^netlog \d+\.\d+\.\d+")

    def test_argument_not_utf8(self):
        proc = subprocess.run([BIN.encode(), b"people", b"add", b"\xff\xfe"], env=self.env(),
                              capture_output=True)
        self.assertEqual(proc.returncode, 2)
        self.assertTrue(proc.stderr.startswith(b"netlog: "))


class Locations(NetlogTest):
    def where(self, env=None, args=()):
        """Adds someone and returns which of the candidate journals got created."""
        self.ok(*args, "people", "add", "Ann", env=env)
        found = []
        for root, _, files in os.walk(self.dir):
            found += [os.path.relpath(os.path.join(root, f), self.dir)
                      for f in files if f.endswith(".db")]
        return found

    def test_flag_beats_env(self):
        self.write_config('journal = "~/from-config.db"\n')
        self.assertEqual(self.where({"XDG_DATA_HOME": os.path.join(self.dir, "xdg")},
                                    ["--journal", os.path.join(self.dir, "flag.db")]),
                         ["flag.db"])

    def test_env_beats_config(self):
        self.write_config('journal = "~/from-config.db"\n')
        self.assertEqual(self.where(), ["journal.db"])  # NETLOG_JOURNAL, as the harness sets

    def test_config_journal_with_tilde(self):
        self.write_config('journal = "~/notes/from-config.db"\n')
        self.assertEqual(self.where({"NETLOG_JOURNAL": None,
                                     "XDG_DATA_HOME": os.path.join(self.dir, "xdg")}),
                         [os.path.join("home", "notes", "from-config.db")])

    def test_xdg_data_home(self):
        self.assertEqual(self.where({"NETLOG_JOURNAL": None,
                                     "XDG_DATA_HOME": os.path.join(self.dir, "xdg")}),
                         [os.path.join("xdg", "netlog", "journal.db")])

    def test_relative_xdg_data_home_is_ignored(self):
        self.assertEqual(self.where({"NETLOG_JOURNAL": None, "XDG_DATA_HOME": "relative"}),
                         [os.path.join("home", ".local", "share", "netlog", "journal.db")])

    def test_default_under_home(self):
        self.assertEqual(self.where({"NETLOG_JOURNAL": None}),
                         [os.path.join("home", ".local", "share", "netlog", "journal.db")])
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(self.home, ".local")).st_mode), 0o700)


class Config(NetlogTest):
    """Which config is read is told by the interaction kind each one adds."""

    def config_with_kind(self, path, kind):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(f'[interaction]\nkinds = ["{kind}"]\n')

    def kind_accepted(self, kind, env=None, args=()):
        return self.run_netlog(*args, "add", "ann", "x", "--kind", kind, env=env).code == 0

    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Ann")
        xdg = os.path.join(self.dir, "xdg")
        self.flag = os.path.join(self.dir, "flag.toml")
        self.config_with_kind(self.flag, "fromflag")
        self.config_with_kind(self.config, "fromenv")
        self.config_with_kind(os.path.join(xdg, "netlog", "config.toml"), "fromxdg")
        self.config_with_kind(os.path.join(self.home, ".config", "netlog", "config.toml"),
                              "fromhome")
        self.xdg = {"XDG_CONFIG_HOME": xdg}

    def test_resolution_order(self):
        self.assertTrue(self.kind_accepted("fromflag", self.xdg, ["--config", self.flag]))
        self.assertFalse(self.kind_accepted("fromenv", self.xdg, ["--config", self.flag]))
        self.assertTrue(self.kind_accepted("fromenv", self.xdg))
        self.assertFalse(self.kind_accepted("fromxdg", self.xdg))
        no_env = dict(self.xdg, NETLOG_CONFIG=None)
        self.assertTrue(self.kind_accepted("fromxdg", no_env))
        self.assertFalse(self.kind_accepted("fromhome", no_env))
        self.assertTrue(self.kind_accepted("fromhome", {"NETLOG_CONFIG": None}))

    def test_missing_default_config_is_fine(self):
        self.ok("people", env={"NETLOG_CONFIG": None})

    def test_missing_named_config_is_an_error(self):
        r = self.fails(3, "people", "--config", os.path.join(self.dir, "nope.toml"))
        self.assertIn("nope.toml", r.err)

    def test_broken_config_names_file_and_line(self):
        self.write_config('[reply]\nwindow = "2d"\nfollow_up = \n')
        before = self.journal_bytes()
        r = self.fails(3, "add", "ann", "x")
        self.assertIn(f"{self.config}:3", r.err)
        self.assertEqual(self.journal_bytes(), before)

    def test_wrong_type_names_file_line_and_key(self):
        self.write_config('\n[cadence]\ninner = 30\n')
        r = self.fails(3, "people")
        self.assertIn(f"{self.config}:3", r.err)
        self.assertIn("cadence.inner", r.err)
        self.write_config('[output]\ncolor = "sometimes"\n')
        self.assertIn("output.color", self.fails(3, "people").err)

    def test_unknown_key_is_a_warning(self):
        self.write_config('colour = "never"\n[reply]\nwindwo = "3d"\n')
        r = self.ok("people")
        self.assertIn("netlog: warning:", r.err)
        self.assertIn("'colour'", r.err)
        self.assertIn("'reply.windwo'", r.err)
        self.assertEqual(self.run_netlog("-q", "people").err, "")

    def test_today(self):
        self.assertEqual(self.js("add", "ann", "x")["on"], TODAY)
        self.assertEqual(self.js("add", "ann", "x", env={"NETLOG_TODAY": "2026-03-04"})["on"],
                         "2026-03-04")
        self.assertEqual(self.js("--today", "2026-05-06", "add", "ann", "x",
                                 env={"NETLOG_TODAY": "2026-03-04"})["on"], "2026-05-06")
        self.assertEqual(self.js("people", "add", "Bo", "--today", "2025-12-31")["person"]["added_on"],
                         "2025-12-31")
        self.fails(2, "people", "--today", "2026-02-30")
        self.fails(2, "people", env={"NETLOG_TODAY": "whenever"})


if __name__ == "__main__":
    main()
