"""Hostile input (issue #7, item 5), one table row per case: invalid UTF-8, huge and empty
text, absurd weights, dates and durations, bad ids, a journal or config that cannot be
used. Each is refused with exit 2 or 3 and one `netlog: ` line, never a crash, and the
journal stays byte for byte as it was. Then what must be taken as it is: SQL- and
shell-looking text is stored verbatim, and terminal control characters stored in any
field are never printed raw by any command."""
import datetime
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, NetlogTest, main  # noqa: E402

# Control characters a terminal acts on: C0 (but newline), DEL, C1 (U+0080–U+009F as
# UTF-8), and the bidirectional overrides and isolates that reorder a line.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# ... of which JSON output (meant for programs) escapes C0 and C1, and keeps the rest.
RAW_CONTROL_IN_JSON = re.compile("[\x00-\x09\x0b-\x1f\x80-\x9f]")

# Stored in every field below: colour (CSI), set the clipboard (OSC 52), bell, a C1 CSI
# that clears the screen, a C1 OSC, carriage return, tab, backspace, DEL, right-to-left.
ESCAPES = ("\x1b[31mred\x1b[0m \x1b]52;c;aGVsbG8=\x07 bell\x07 \u009b2J \u009d0;title\u009c "
           "cr\rtab\tbs\x08 del\x7f \u202eevil")

def stamp_soon():
    """A UTC timestamp an hour from now: newer than the journal's, not in the future
    by more than the day `import json` allows."""
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    return later.strftime("%Y-%m-%dT%H:%M:%S.000Z")


BIG = 100 * 1024  # over the 64 KiB text limit; the kernel takes at most 128 KiB per argument


class Hostile(NetlogTest):
    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Ann Lee", "--company", "Acme")
        self.ok("people", "add", "Bob Stone")
        self.ok("add", "ann", "lunch", "--gave", "intro")          # i1, f1
        self.ok("ask", "--from", "bob", "review my draft")          # a1

    def run_raw(self, args, env=None, preexec_fn=None, binary=BIN):
        """Runs netlog with `args` (str or bytes); returns (code, stdout, stderr) as bytes."""
        argv = [binary.encode()] + [a if isinstance(a, bytes) else a.encode() for a in args]
        # Another user (preexec_fn) starts in the test's folder: it may not enter ours.
        proc = subprocess.run(argv, env=self.env(env), capture_output=True, timeout=120,
                              preexec_fn=preexec_fn, cwd=self.dir if preexec_fn else None)
        self.assertNotRegex(proc.stderr, rb"SUMMARY: \w+Sanitizer", proc)  # as run_netlog
        return proc.returncode, proc.stdout, proc.stderr

    def assert_refused(self, code, args, message, env=None, preexec_fn=None, binary=BIN):
        """Exit `code`, nothing on stdout, one `netlog: ` line holding `message`, and the
        journal unchanged."""
        before = self.journal_bytes()
        got, out, err = self.run_raw(args, env, preexec_fn, binary)
        what = f"{args!r}: exit {got}\nstdout: {out!r}\nstderr: {err!r}"
        self.assertGreaterEqual(got, 0, "crashed: " + what)
        self.assertEqual(got, code, what)
        self.assertEqual(out, b"", what)
        text = err.decode()  # the message itself is valid UTF-8
        self.assertRegex(text, r"\Anetlog: [^\n]+\n\Z", what)
        self.assertNotRegex(text, RAW_CONTROL, what)
        self.assertIn(message, text, what)
        self.assertEqual(self.journal_bytes(), before, what)
        return text

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path

    def export_with(self, **changes):
        """An export file of the journal whose first interaction has `changes`."""
        lines = self.ok("export").out.splitlines()
        records = [json.loads(line) for line in lines]
        for r in records:
            if r["type"] == "interaction":
                r.update(changes, updated_at=stamp_soon())
                break
        name = f"export-{len(os.listdir(self.dir))}.jsonl"
        return self.write(name, "\n".join(json.dumps(r) for r in records) + "\n")


class Refused(Hostile):
    def test_the_table(self):
        directory = os.path.join(self.dir, "a-directory")
        os.mkdir(directory)
        dir_config = os.path.join(self.dir, "xdg")
        os.makedirs(os.path.join(dir_config, "netlog", "config.toml"))
        export = self.ok("export").out.encode()
        csv = b"First Name,Last Name,Email Address,Company,Position,Connected On\n"
        latin1 = "Jos\u00e9,Ruiz,,Acme,CTO,01 Jan 2024\n".encode("latin-1")
        vcard = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{}\r\n{}END:VCARD\r\n"
        cases = [
            # (what, exit code, argv, message, environment)
            ("argument not UTF-8: name", 2, ["people", "add", b"Ann \xff"], "not valid UTF-8"),
            ("argument not UTF-8: note", 2, ["add", "ann", b"caf\xe9"], "not valid UTF-8"),
            ("argument not UTF-8: tag", 2, ["add", "ann", "x", "--tag", b"\xc3"], "UTF-8"),
            ("argument not UTF-8: favour", 2, ["add", "ann", "x", "--gave", b"\xed\xa0\x80"],
             "UTF-8"),
            ("argument not UTF-8: ask", 2, ["ask", "ann", b"\xf8\x88\x80\x80\x80"], "UTF-8"),
            ("argument not UTF-8: company", 2, ["people", "set", "ann", "--company", b"\xc0\xaf"],
             "UTF-8"),
            ("argument not UTF-8: who", 2, ["show", b"\xfe"], "UTF-8"),
            ("argument not UTF-8: C1 byte", 2, ["add", "ann", b"\x9b2J"], "UTF-8"),
            ("file not UTF-8: json", 2,
             ["import", "json", self.write("bad.jsonl", export.replace(b"Ann Lee", b"Ann \xff"))],
             "UTF-8"),
            # (A LinkedIn or vCard file that is not UTF-8 is read as Windows-1252:
            # test_import_files.py.)
            ("config not UTF-8", 3, ["people"], "bad.toml:1",
             {"NETLOG_CONFIG": self.write("bad.toml", b'journal = "\xff"\n')}),
            ("a note over the limit", 2, ["add", "ann", "x" * BIG], "limit is 65536 bytes"),
            ("ask text over the limit", 2, ["ask", "ann", "x" * BIG], "limit is 65536 bytes"),
            ("person notes over the limit", 2, ["people", "add", "Cy", "--note", "x" * BIG],
             "limit is 65536 bytes"),
            ("a name over the limit", 2, ["people", "add", "x" * 600], "limit is 512 bytes"),
            ("done note over the limit", 2, ["ask", "done", "a1", "--note", "x" * BIG], "65536"),
            ("edited note over the limit", 2, ["edit", "i1", "--note", "x" * BIG], "65536"),
            ("a 2 MB company in a LinkedIn export", 2,
             ["import", "linkedin", "--strict", self.write("big.csv", csv + b"Cy,Ng,,"
                                               + b"x" * 2_000_000 + b",CTO,01 Jan 2024\n")],
             "512"),
            ("a 2 MB note in an import", 2,
             ["import", "json", self.export_with(note="x" * 2_000_000)], "at most 65536 bytes"),
            ("a 2 MB vCard note", 2,
             ["import", "vcard", "--strict", self.write("big.vcf", vcard.format("Cy", "NOTE:" + "x" * 2_000_000
                                                                    + "\r\n"))], "65536"),
            ("empty name", 2, ["people", "add", ""], "empty"),
            ("blank name", 2, ["people", "add", "  \t "], "empty"),
            ("empty note", 2, ["add", "ann", ""], "empty"),
            ("blank note", 2, ["add", "ann", " \n "], "empty"),
            ("empty who", 2, ["add", "", "x"], "say who"),
            ("only commas", 2, ["add", ",,", "x", "--new"], "say who"),
            ("empty --gave", 2, ["add", "ann", "x", "--gave", ""], "empty"),
            ("blank --got", 2, ["add", "ann", "x", "--got", " "], "empty"),
            ("empty tag", 2, ["add", "ann", "x", "--tag", ""], "empty"),
            ("empty kind", 2, ["add", "ann", "x", "--kind", ""], "kind"),
            ("empty ask", 2, ["ask", "ann", ""], "say whom you ask and what"),
            ("empty incoming ask", 2, ["ask", "--from", "bob", " "], "empty"),
            ("empty new name", 2, ["people", "set", "ann", "--name", ""], "empty"),
            ("empty new handle", 2, ["people", "set", "ann", "--handle", ""], "handle"),
            ("name without letters", 2, ["people", "add", "!!!"], "no letter or digit"),
            ("escape in a handle", 2, ["people", "set", "ann", "--handle", "a\x1b[31mb"],
             "not a handle"),
            ("escape in a configured kind", 3, ["people"], "bad kind",
             {"NETLOG_CONFIG": self.write("kind.toml", '[interaction]\nkinds = ["z\\u001b"]\n')}),
            ("weight 0", 2, ["add", "ann", "x", "--gave", "y", "--weight", "0"], "from 1 to 1000"),
            ("weight -1", 2, ["add", "ann", "x", "--gave", "y", "--weight", "-1"], "1000"),
            ("weight 1001", 2, ["add", "ann", "x", "--got", "y", "--weight", "1001"], "1000"),
            ("huge weight", 2, ["add", "ann", "x", "--got", "y", "--weight", "9" * 20],
             "--weight"),
            ("fractional weight", 2, ["add", "ann", "x", "--got", "y", "--weight", "1.5"],
             "--weight"),
            ("weight 0 on done", 2, ["ask", "done", "a1", "--weight", "0"], "1000"),
            ("weight 2^31 on done", 2, ["ask", "done", "a1", "--weight", "2147483648"],
             "--weight"),
            ("year 0", 2, ["add", "ann", "x", "--on", "0000-01-01"], "0000-01-01"),
            ("year 99999", 2, ["add", "ann", "x", "--on", "99999-01-01"], "99999-01-01"),
            ("--by year 99999", 2, ["ask", "ann", "x", "--by", "99999-12-31"], "99999"),
            ("--today year 0", 2, ["people", "--today", "0000-06-01"], "0000-06-01"),
            ("NETLOG_TODAY year 99999", 2, ["people"], "99999", {"NETLOG_TODAY": "99999-06-01"}),
            ("year 0 in an import", 2, ["import", "json", self.export_with(on="0000-01-01")],
             '"on"'),
            ("year 99999 in an import", 2, ["import", "json", self.export_with(on="99999-01-01")],
             '"on"'),
            ("negative --within", 2, ["due", "--within", "-3d"], "negative"),
            ("enormous --within", 2, ["due", "--within", "99999y"], "100 years"),
            ("overflowing --within", 2, ["due", "--within", "9" * 30 + "d"], "duration"),
            ("zero cadence", 2, ["people", "add", "Cy", "--cadence", "0d"], "more than zero"),
            ("negative cadence", 2, ["people", "set", "ann", "--cadence", "-5d"], "negative"),
            ("enormous cadence", 2, ["people", "set", "ann", "--cadence", "101y"], "100 years"),
            ("enormous --on", 2, ["add", "ann", "x", "--on", "999999d"], "100 years"),
            ("enormous negative --on", 2, ["add", "ann", "x", "--on", "-99999y"], "100 years"),
            ("enormous --by", 2, ["ask", "ann", "x", "--by", "+101y"], "100 years"),
            ("negative reply window", 3, ["due"], "reply.window",
             {"NETLOG_CONFIG": self.write("neg.toml", '[reply]\nwindow = "-2d"\n')}),
            ("enormous cadence in the config", 3, ["due"], "cadence.inner",
             {"NETLOG_CONFIG": self.write("big.toml", '[cadence]\ninner = "99999y"\n')}),
            ("id that does not exist", 2, ["rm", "i999"], "i999"),
            ("ask that does not exist", 2, ["ask", "reply", "a999"], "a999"),
            ("favour that does not exist", 2, ["rm", "f999"], "f999"),
            ("id of the wrong type", 2, ["ask", "done", "i1"], "i1"),
            ("id to edit that does not exist", 2, ["edit", "i999", "--note", "x"], "i999"),
            ("malformed id to edit", 2, ["edit", "zz", "--note", "x"], "bad id"),
            ("id without a number", 2, ["rm", "i"], "bad id"),
            ("id zero", 2, ["rm", "i0"], "bad id"),
            ("negative id", 2, ["rm", "i-1"], "bad id"),
            ("huge id", 2, ["rm", "i" + "9" * 25], "bad id"),
            ("unknown id letter", 2, ["rm", "x1"], "bad id"),
            ("id with junk", 2, ["rm", "i1;"], "bad id"),
            ("empty id", 2, ["rm", ""], "bad id"),
            ("unknown person", 2, ["show", "nobody"], "no person matches"),
            ("unknown person for owe", 2, ["owe", "nobody"], "no person matches"),
            ("unknown person for add", 2, ["add", "ann,nobody", "x"], "no person matches"),
            ("journal is a directory (read)", 3, ["people", "--journal", directory], "directory"),
            ("journal is a directory (write)", 3, ["add", "ann", "x", "--journal", directory],
             "directory"),
            ("journal folder cannot be made", 3,
             ["people", "add", "Cy", "--journal", "/proc/netlog/journal.db"], "cannot create"),
            ("journal under a file", 3,
             ["people", "add", "Cy", "--journal", os.path.join(self.config, "journal.db")],
             "cannot create"),
            ("config is a directory (--config)", 3, ["people", "--config", directory],
             "directory"),
            ("config is a directory (NETLOG_CONFIG)", 3, ["people"], "directory",
             {"NETLOG_CONFIG": directory}),
            ("config is a directory (XDG)", 3, ["people"], "directory",
             {"NETLOG_CONFIG": None, "XDG_CONFIG_HOME": dir_config}),
        ]
        for what, code, args, message, *env in cases:
            with self.subTest(what):
                self.assert_refused(code, args, message, env[0] if env else None)

    def test_a_journal_that_cannot_be_written(self):
        """Read-only for whoever runs netlog: as root, that means running as nobody."""
        os.chmod(self.journal, 0o444)
        preexec_fn = None
        binary = BIN
        if os.geteuid() == 0:
            os.chmod(self.dir, 0o755)
            preexec_fn = lambda: os.setuid(65534)  # noqa: E731
            # nobody may not reach the checkout (a clone in /root, or in a folder of mode
            # 0700): it runs a copy of the binary from the test's own folder.
            binary = os.path.join(self.dir, "netlog")
            shutil.copy(BIN, binary)
            os.chmod(binary, 0o755)
        for args in (["add", "ann", "x"], ["people", "add", "Cy"], ["ask", "drop", "a1"],
                     ["rm", "i1"]):
            with self.subTest(args=args):
                r = self.assert_refused(3, args, self.journal, preexec_fn=preexec_fn,
                                        binary=binary)
                self.assertRegex(r, "cannot (write|open) journal")
        if preexec_fn:  # nobody cannot even read root's -wal file
            r = self.assert_refused(3, ["people"], "cannot open journal", preexec_fn=preexec_fn,
                                    binary=binary)
        else:  # read-only to its owner: reading works
            self.ok("people")


class Verbatim(Hostile):
    """What looks like SQL, shell or format strings is text like any other."""

    TEXTS = ["Robert'); DROP TABLE people;--", "' OR '1'='1", '"; DELETE FROM favours; --',
             "$(touch PWNED)", "`touch PWNED`", "; rm -rf ~ #", "| cat /etc/passwd",
             "%s%n%x%99999999d", "{} {0} {:>999999999} {{", "\\x1b[31m not an escape",
             "NULL", "*", "?"]

    def test_stored_and_printed_as_typed(self):
        for n, text in enumerate(self.TEXTS):
            with self.subTest(text=text):
                name = f"Pat {text}"
                doc = self.js("people", "add", name, "--company", text, "--role", text,
                              "--note", text, "--tag", text)
                handle = doc["person"]["handle"]
                i = self.js("add", handle, text, "--gave", text, "--tag", text)
                a = self.js("ask", "--from", handle, text)
                person = self.js("show", handle)["person"]
                self.assertEqual([person[k] for k in ("name", "company", "role", "notes")],
                                 [name, text, text, text])
                self.assertEqual(person["tags"], [text])
                (logged,) = self.js("log", handle)["interactions"]
                self.assertEqual((logged["id"], logged["note"], logged["tags"],
                                  logged["favours"][0]["what"]),
                                 (i["interaction"], text, [text], text))
                asks = self.js("ask", "list", handle)["asks"]
                self.assertEqual([(x["id"], x["what"]) for x in asks], [(a["ask"], text)])
                for args in (["log"], ["show", handle], ["ask", "list"]):
                    self.assertIn(text, self.ok(*args).out)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "PWNED")))
        self.assertFalse(os.path.exists(os.path.join(self.home, "PWNED")))
        self.assertEqual(len(self.js("people")["people"]), 2 + len(self.TEXTS))
        self.assertEqual(self.ok("check").out, "")


class Escapes(Hostile):
    """Terminal control characters stored in every field are never printed raw."""

    def setUp(self):
        super().setUp()
        self.write_config("[ask]\nvague = [\"pick your brain\"]\n")
        e = ESCAPES
        self.eve = self.js("people", "add", "Eve " + e, "--company", e, "--role", e,
                           "--email", "eve@example.org", "--url", "https://x/" + e,
                           "--note", e, "--tag", "t" + e,
                           "--tier", "inner")["person"]["handle"]
        self.mal = self.js("people", "add", "Mal " + e)["person"]["handle"]
        self.ok("add", self.eve, "met " + e, "--tag", "x" + e, "--gave", e, "--got", e,
                "--on", "2025-01-01")
        self.ok("add", self.eve, "again " + e, "--got", e + " twice", "--on", "2025-02-01")
        self.ok("ask", self.eve, "help " + e, "--on", "2025-03-01")
        self.ok("ask", "--from", self.eve, "asks " + e, "--on", "2025-03-02")
        done = self.js("ask", "--from", self.eve, "done " + e, "--on", "2025-04-01")["ask"]
        self.ok("ask", "done", done, "--note", e)
        self.ok("ask", self.mal, "pick your brain " + e, "--on", "2025-05-01")  # warnings

    def assert_clean(self, args, json_output=False):
        code, out, err = self.run_raw(args)
        what = f"{args!r}: exit {code}\nstdout: {out!r}\nstderr: {err!r}"
        self.assertIn(code, (0, 1, 2), what)
        self.assertNotRegex(out.decode(), RAW_CONTROL_IN_JSON if json_output else RAW_CONTROL,
                            what)
        self.assertNotRegex(err.decode(), RAW_CONTROL, what)
        return code, out.decode(), err.decode()

    def test_no_command_prints_them_raw(self):
        e, eve, mal = ESCAPES, self.eve, self.mal
        commands = [["people"], ["people", "--tag", "t" + e], ["people", "--stale"],
                    ["people", "--empty"], ["people", "eve"], ["show", eve], ["show", mal],
                    ["log"], ["log", eve], ["ask", "list", "--all"], ["ask", "list", eve],
                    ["owe"], ["owe", "--all"], ["owe", eve], ["due"], ["due", "--within", "1y"],
                    ["due", "--digest"], ["audit"], ["audit", "--top", "50"], ["_handles"],
                    ["_asks"], ["check"],
                    # Refused, with the hostile text in the message:
                    ["show", e], ["add", e, "x"], ["people", "add", "Eve " + e],
                    ["ask", mal, e, "--via", e], ["add", eve, "x", "--kind", e],
                    ["add", eve, "x", "--on", e], ["rm", e], ["people", "--tier", e],
                    ["due", "--within", e], ["import", "json", self.write("e.jsonl", e)],
                    ["import", "linkedin", self.write(e.replace("/", ""), "x")]]
        for args in commands:
            with self.subTest(args=args):
                self.assert_clean(args)
        # Shown, as escapes: the text is not lost, only defused.
        card = self.assert_clean(["show", eve])[1]
        self.assertIn("\\x1b[31mred\\x1b[0m", card)
        self.assertIn("\\u{9b}2J", card)
        code, _, err = self.assert_clean(["ask", mal, "pick your brain " + e])
        self.assertEqual(code, 0)
        self.assertIn("netlog: warning:", err)

    def test_json_and_export_escape_them(self):
        for args in (["--json", "show", self.eve], ["--json", "log"], ["--json", "people"],
                     ["--json", "ask", "list", "--all"], ["--json", "owe", self.eve],
                     ["--json", "due", "--within", "1y"], ["--json", "audit"], ["export"]):
            with self.subTest(args=args):
                code, out, _ = self.assert_clean(args, json_output=True)
                self.assertEqual(code, 0)
                self.assertIn("\\u001b[31mred", out)
                self.assertIn("\\u009b2J", out)
        # ... and keep them: what was stored comes back whole.
        person = self.js("show", self.eve)["person"]
        self.assertEqual((person["company"], person["notes"], person["tags"], person["url"]),
                         (ESCAPES, ESCAPES, ["t" + ESCAPES], "https://x/" + ESCAPES))


if __name__ == "__main__":
    main()
