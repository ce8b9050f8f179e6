"""Human output: alignment by display width, colour rules, stored control characters;
-q; the --json documents of add."""
import json
import os
import pty
import subprocess
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, SCHEMA, NetlogTest, main  # noqa: E402

# Names whose byte length, code point count and display width all differ.
NAMES = ["José Álvarez", "李小龙", "Emoji 😀 Fan", "Zoë", "Rene\u0301e Roy", "Ｆｕｌｌ Width",
         "Al"]


def display_width(text):
    """Terminal columns, as wcwidth counts them for these simple (non-ZWJ) strings."""
    width = 0
    for c in text:
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return width


def cell_spans(line, cells):
    """The (start, end) display columns of each cell, found left to right in `line`."""
    spans, pos = [], 0
    for cell in cells:
        at = line.index(cell, pos)
        start = display_width(line[:at])
        spans.append((start, start + display_width(cell)))
        pos = at + len(cell)
    return spans


class Alignment(NetlogTest):
    def setUp(self):
        super().setUp()
        for name in NAMES:
            self.ok("people", "add", name)
        handles = [p["handle"] for p in self.js("people")["people"]]
        self.ok("add", ",".join(handles[:3]), "lunch", "--got", "a book", "--weight", "12")
        self.ok("add", handles[3], "café ☕ with 李", "--kind", "coffee", "--on", "2026-11-01")
        self.ok("add", handles[4], "call", "--kind", "call", "--them", "--gave", "intro")

    def assert_aligned(self, lines, headers, rows, right=()):
        header_spans = cell_spans(lines[0], headers)
        self.assertEqual(len(lines), len(rows) + 1, lines)
        for line, cells in zip(lines[1:], rows):
            for column, (span, header) in enumerate(zip(cell_spans(line, cells), header_spans)):
                if column in right:
                    self.assertEqual(span[1], header[1], f"{line!r}: column {column}")
                else:
                    self.assertEqual(span[0], header[0], f"{line!r}: column {column}")

    def test_people_table(self):
        people = self.js("people")["people"]
        rows = [[p["handle"], p["name"], p["tier"], p["last"] or "-", str(p["interactions"]),
                 f"{p['balance']:+d}" if p["balance"] else "0"] for p in people]
        lines = self.ok("people").out.splitlines()
        self.assert_aligned(lines, ["HANDLE", "NAME", "TIER", "LAST", "MET", "BALANCE"], rows,
                            right=(4, 5))
        self.assertTrue(any("李小龙" in l for l in lines) and any("😀" in l for l in lines))

    def test_log_table(self):
        interactions = self.js("log")["interactions"]
        rows = [[i["id"], i["on"], i["kind"] + ("*" if i["them"] else ""), ",".join(i["people"]),
                 i["note"]] for i in interactions]
        self.assert_aligned(self.ok("log").out.splitlines(),
                            ["ID", "DATE", "KIND", "WITH", "NOTE"], rows)

    def test_no_trailing_spaces(self):
        for args in (["people"], ["log"], ["show", "zoe"]):
            for line in self.ok(*args).out.splitlines():
                self.assertEqual(line, line.rstrip(), args)


class Colour(NetlogTest):
    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Ann Lee", "--tier", "inner")
        self.ok("add", "ann", "coffee", "--on", "2026-01-01")  # long overdue: shown in red

    def run_tty(self, *args, env=None):
        """Runs netlog with stdout on a terminal; returns (exit code, output)."""
        master, slave = pty.openpty()
        proc = subprocess.Popen([BIN, *args], stdout=slave, stderr=subprocess.PIPE,
                                env=self.env(env))
        os.close(slave)
        out = b""
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the other side is closed
                break
            if not data:
                break
            out += data
        proc.wait(timeout=60)
        proc.stderr.close()
        os.close(master)
        return proc.returncode, out.decode()

    def test_none_without_a_terminal(self):
        for args in (["people"], ["log"], ["show", "ann"], ["add", "ann", "x"]):
            self.assertNotIn("\x1b", self.ok(*args).out, args)

    def test_colour_on_a_terminal(self):
        code, out = self.run_tty("show", "ann")
        self.assertEqual(code, 0)
        self.assertIn("\x1b[", out)

    def test_always_and_never(self):
        self.assertIn("\x1b[", self.ok("--color", "always", "people").out)
        self.assertIn("\x1b[", self.ok("show", "ann", "--color=always").out)
        self.assertNotIn("\x1b", self.ok("--color", "always", "--json", "show", "ann").out)
        self.assertNotIn("\x1b", self.run_tty("--color", "never", "show", "ann")[1])
        self.write_config('[output]\ncolor = "always"\n')
        self.assertIn("\x1b[", self.ok("people").out)
        self.assertNotIn("\x1b", self.ok("--color", "never", "people").out)

    def test_no_color_and_dumb_terminals(self):
        self.assertNotIn("\x1b", self.run_tty("show", "ann", env={"NO_COLOR": "1"})[1])
        self.assertNotIn("\x1b", self.run_tty("show", "ann", env={"TERM": "dumb"})[1])
        self.write_config('[output]\ncolor = "auto"\n')
        self.assertNotIn("\x1b", self.run_tty("show", "ann", env={"NO_COLOR": "1"})[1])
        self.assertIn("\x1b[", self.run_tty("--color", "always", "show", "ann",
                                            env={"NO_COLOR": "1"})[1])


class ControlCharacters(NetlogTest):
    NAME = "Evil \x1b[31mRed\x07 Bell"
    NOTE = "note \x1b]0;pwned\x07 \u009b2J \u202eevil\r\nnext"

    def setUp(self):
        super().setUp()
        self.added = self.run_netlog("people", "add", self.NAME, "--note", self.NOTE,
                                     "--company", "\x1b[2JAcme", "--tag", "t\x1bg")
        self.assertEqual(self.added.code, 0, self.added)
        self.handle = self.js("people")["people"][0]["handle"]
        self.logged = self.run_netlog("add", self.handle, self.NOTE, "--got", "\x07gift",
                                      "--kind", "call")
        self.assertEqual(self.logged.code, 0, self.logged)

    def assert_safe(self, text):
        for raw in ("\x1b", "\x07", "\u009b", "\u202e", "\r"):
            self.assertNotIn(raw, text)

    def test_never_raw_in_human_output(self):
        self.assert_safe(self.added.out + self.added.err + self.logged.out + self.logged.err)
        for args in (["people"], ["show", self.handle], ["log"], ["log", self.handle],
                     ["people", "evil"]):
            with self.subTest(args=args):
                r = self.ok(*args)
                self.assert_safe(r.out + r.err)
                self.assertIn("\\x1b", r.out)
        r = self.ok("--color", "always", "show", self.handle)
        self.assertNotIn("\x1b[31mRed", r.out)
        self.assertNotIn("\x07", r.out)

    def test_not_in_error_messages(self):
        r = self.fails(2, "show", "\x1b[31mnobody\x07")
        self.assert_safe(r.err)
        r = self.fails(2, "add", self.handle, "x", "--kind", "\x1b[31m")
        self.assert_safe(r.err)

    def test_verbatim_in_json(self):
        out = self.ok("--json", "show", self.handle).out
        self.assertNotIn("\x1b", out)
        self.assertIn("\\u001b", out)
        doc = json.loads(out)
        p = doc["person"]
        self.assertEqual((p["name"], p["notes"], p["company"], p["tags"]),
                         (self.NAME, self.NOTE.strip(), "\x1b[2JAcme", ["t\x1bg"]))
        (i,) = self.js("log")["interactions"]
        self.assertEqual((i["note"], i["favours"][0]["what"]), (self.NOTE.strip(), "\x07gift"))
        self.assertEqual(self.js("people")["people"][0]["name"], self.NAME)


class Quiet(NetlogTest):
    def test_quiet_prints_nothing_on_success(self):
        for args in (["people", "add", "Ann"], ["add", "ann", "x", "--got", "y"],
                     ["add", "Bea", "x", "--new"], ["people", "set", "ann", "--tier", "inner"],
                     ["rm", "f1"], ["people", "rm", "bea", "--force"]):
            with self.subTest(args=args):
                r = self.ok("-q", *args)
                self.assertEqual((r.out, r.err), ("", ""))
        self.assertEqual(len(self.js("log")["interactions"]), 1)

    def test_quiet_still_prints_what_was_asked_for(self):
        self.ok("people", "add", "Ann")
        self.assertIn("ann", self.ok("-q", "people").out)
        self.assertIn("Ann", self.ok("show", "ann", "-q").out)

    def test_quiet_still_prints_errors(self):
        self.fails(3, "-q", "people")  # no journal yet
        self.ok("people", "add", "Ann")
        self.fails(2, "-q", "show", "nobody")


class AddJson(NetlogTest):
    def test_keys(self):
        self.ok("people", "add", "Ann")
        doc = self.js("add", "ann,Bea", "x", "--new", "--gave", "intro", "--got", "advice")
        self.assertEqual(doc["interaction"], "i1")
        self.assertEqual(doc["favours"], ["f1", "f2", "f3", "f4"])
        self.assertEqual(doc["people"], ["ann", "bea"])
        self.assertEqual(doc["netlog"], SCHEMA)
        r = self.ok("--json", "add", "ann", "y")
        self.assertEqual(r.err, "")
        self.assertEqual(json.loads(r.out)["favours"], [])

    def test_new_people_are_not_announced_in_json(self):
        r = self.ok("--json", "add", "Cy", "x", "--new")
        self.assertEqual(json.loads(r.out)["people"], ["cy"])


if __name__ == "__main__":
    main()
