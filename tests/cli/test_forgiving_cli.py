"""Issue 14, the daily loop: no silent duplicates (--new, `people add --again`), typos
that get help, output that fits the terminal, words a user reads right, names in every
script."""
import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import unicodedata

from harness import BIN, NetlogTest, main


class NoSilentDuplicatesTest(NetlogTest):
    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Dana Li")
        self.ok("people", "add", "Sam Ortiz")

    def handles(self):
        return [p["handle"] for p in self.js("people")["people"]]

    def test_new_uses_a_unique_prefix_and_says_so(self):
        r = self.ok("--json", "add", "dana", "coffee", "--new")
        self.assertEqual(r.json()["people"], ["dana-li"])
        self.assertIn("dana-li", r.err)
        self.assertIn("already in the journal", r.err)
        r = self.ok("--json", "ask", "sam", "an intro to the Acme CTO", "--new")
        self.assertEqual(r.json()["person"], "sam-ortiz")
        self.assertIn("sam-ortiz", r.err)
        self.assertEqual(self.handles(), ["dana-li", "sam-ortiz"])

    def test_new_makes_only_names_that_match_nobody(self):
        r = self.ok("--json", "add", "dana,Zoe Park", "dinner", "--new")
        self.assertEqual(r.json()["people"], ["dana-li", "zoe-park"])
        self.assertEqual(self.handles(), ["dana-li", "sam-ortiz", "zoe-park"])

    def test_new_with_a_prefix_of_several_refuses(self):
        self.ok("people", "add", "Dana Ortiz")
        before = self.journal_bytes()
        r = self.fails(2, "add", "dana", "x", "--new")
        self.assertIn("dana-li", r.err)
        self.assertIn("dana-ortiz", r.err)
        self.assertEqual(self.journal_bytes(), before)

    def test_new_takes_a_prefix_only_of_whole_words(self):
        # `Dan` is someone new beside dana-li, as `Person 1` is beside Person 10.
        r = self.ok("--json", "add", "Dan", "x", "--new")
        self.assertEqual(r.json()["people"], ["dan"])
        self.assertEqual(r.err, "")

    def test_people_add_of_an_existing_name_refuses_without_again(self):
        before = self.journal_bytes()
        r = self.fails(2, "people", "add", "dana li")
        self.assertIn("dana-li", r.err)
        self.assertIn("--again", r.err)
        self.assertEqual(self.journal_bytes(), before)
        doc = self.js("people", "add", "Dana Li", "--again")
        self.assertEqual(doc["person"]["handle"], "dana-li-2")
        # A name that only starts like someone's is a new person.
        self.assertEqual(self.js("people", "add", "Dan")["person"]["handle"], "dan")


class TyposTest(NetlogTest):
    def test_unknown_command_suggests_the_closest(self):
        r = self.fails(2, "deu")
        self.assertIn("'deu'", r.err)
        self.assertIn("did you mean `due`?", r.err)
        self.assertNotIn("The following argument", r.err)

    def test_unknown_option_suggests_the_closest_in_order_typed(self):
        r = self.fails(2, "due", "--withn", "3d", "--digst")
        self.assertIn("did you mean `--within`?", r.err)
        self.assertLess(r.err.index("--withn"), r.err.index("3d"))
        self.assertLess(r.err.index("3d"), r.err.index("--digst"))
        r = self.fails(2, "log", "--sinse", "yesterday")
        self.assertIn("did you mean `--since`?", r.err)

    def test_parser_errors_exit_2(self):
        for args in (["due", "--within"], ["log", "--limit", "x"], ["--color", "pink", "due"],
                     ["add"], ["people", "add", "X", "--tier", "bogus"]):
            self.fails(2, *args)

    def test_extra_words_after_add_say_to_quote_the_note(self):
        self.ok("people", "add", "Ann")
        before = self.journal_bytes()
        r = self.fails(2, "add", "ann", "met", "at", "the", "fair")
        self.assertIn("quote", r.err)
        self.assertIn("'at', 'the', 'fair'", r.err)
        self.assertEqual(self.journal_bytes(), before)

    def test_separator_names_a_person_whose_handle_is_a_command_word(self):
        self.ok("people", "add", "add")
        self.ok("people", "add", "list")
        self.ok("people", "set", "--", "add", "--tier", "inner")
        self.assertEqual(self.js("show", "add")["person"]["tier"], "inner")
        self.ok("add", "list", "hello")
        doc = self.js("ask", "--", "list", "an intro to Acme", "--by", "2026-12-01")
        self.assertEqual((doc["person"], doc["by"]), ("list", "2026-12-01"))
        self.ok("people", "rm", "--", "list", "--force")
        self.assertEqual([p["handle"] for p in self.js("people")["people"]], ["add"])

    def test_numbers_are_decimal(self):
        self.ok("people", "add", "Ann")
        doc = self.js("add", "ann", "x", "--gave", "help", "--weight", "010")
        self.assertEqual(self.js("owe", "ann")["entries"][0]["weight"], 10, doc)
        self.fails(2, "add", "ann", "x", "--gave", "help", "--weight", "0x10")
        for i in range(12):
            self.ok("add", "ann", f"n{i}")
        self.assertEqual(len(self.js("log", "--limit", "011")["interactions"]), 11)


class WordsTest(NetlogTest):
    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Ann Lee")
        self.ok("people", "add", "Bob Ray")
        self.ok("add", "ann,bob", "x", "--got", "advice", "--got", "an intro")
        self.ok("add", "bob", "y", "--gave", "a review", "--weight", "6")

    def test_balances_in_words(self):
        out = self.ok("owe").out
        self.assertRegex(out, r"ann-lee\s+Ann Lee\s+you owe 2")
        self.assertRegex(out, r"bob-ray\s+Bob Ray\s+owes you 4")
        self.assertNotRegex(out, r"\s-4\b")
        out = self.ok("people").out
        self.assertIn("you owe 2", out)
        self.assertIn("owes you 4", out)
        self.assertIn("owes you 4", self.ok("show", "bob").out)
        # JSON unchanged.
        self.assertEqual({p["person"]: p["balance"] for p in self.js("owe")["balances"]},
                         {"ann-lee": 2, "bob-ray": -4})

    def test_ask_note_is_shown(self):
        self.ok("ask", "ann", "an intro to the Acme CTO")
        self.ok("ask", "done", "a1", "--note", "she wrote the same day")
        self.assertIn("she wrote the same day", self.ok("ask", "list", "--all").out)
        self.assertEqual(self.js("ask", "list", "--all")["asks"][0]["note"], "she wrote the same day")
        self.ok("ask", "bob", "feedback on the deck")
        self.ok("edit", "a2", "--note", "sent the deck on Monday")
        self.assertIn("sent the deck on Monday", self.ok("show", "bob").out)
        self.assertIn("sent the deck on Monday", self.ok("edit", "a2", "--note", "sent the deck on Monday").out)

    def test_vague_ask_to_someone_met_asks_only_for_a_specific_request(self):
        self.ok("people", "add", "Cy Inner", "--tier", "inner")
        self.ok("add", "cy,bob", "dinner")  # cy met bob: a --via candidate for a stranger
        r = self.ok("ask", "bob", "pick your brain")
        self.assertIn("vague", r.err)
        self.assertNotIn("--via", r.err)
        self.assertNotIn("cy-inner", r.err)

    def test_since_accepts_the_date_grammar(self):
        self.ok("add", "ann", "old", "--on", "2026-10-01")
        self.assertEqual(len(self.js("log", "--since", "last week")["interactions"]), 2)
        self.assertEqual(len(self.js("log", "--since", "last month")["interactions"]), 2)
        self.assertEqual(len(self.js("log", "--since", "last year")["interactions"]), 3)
        self.assertEqual(len(self.js("people", "--stale")["people"]), 0)
        self.ok("people", "set", "ann", "--snooze", "next month")

    def test_suggestions_offer_only_options_the_command_has(self):
        for args in (["log", "zed"], ["owe", "zed"], ["show", "zed"]):
            r = self.fails(2, *args)
            self.assertNotIn("--new", r.err, args)
        self.assertIn("--new", self.fails(2, "add", "zed", "x").err)

    def test_due_and_audit_suggest_the_same_command(self):
        self.ok("add", "ann", "x", "--got", "a flat", "--weight", "3", "--on", "2026-06-01")
        self.ok("people", "set", "bob", "--tier", "inner")
        due = self.js("due", today="2026-11-26")
        audit = self.js("audit", "--top", "50", today="2026-11-26")
        due_commands = {item["person"] + ":" + section: item["command"]
                        for section in ("reconnect", "reciprocate") for item in due[section]}
        audit_commands = {f["person"] + ":" + {"invest": "reconnect"}.get(f["section"], f["section"]):
                          f["command"] for f in audit["findings"]}
        shared = set(due_commands) & set(audit_commands)
        self.assertTrue(shared, (due_commands, audit_commands))
        for key in shared:
            self.assertEqual(due_commands[key], audit_commands[key], key)

    def test_one_persons_favour_in_a_meeting_with_several(self):
        self.ok("people", "add", "José Álvarez")
        doc = self.js("add", "ann,jose,bob", "planning", "--got", "jose:the venue",
                      "--gave", "advice: on pricing")
        favours = self.js("log", "--limit", "1")["interactions"][0]["favours"]
        got = [(f["person"], f["what"]) for f in favours if f["direction"] == "got"]
        self.assertEqual(got, [("jose-alvarez", "the venue")], doc)
        gave = sorted(f["person"] for f in favours if f["direction"] == "gave")
        self.assertEqual(gave, ["ann-lee", "bob-ray", "jose-alvarez"])
        self.assertTrue(all(f["what"] == "advice: on pricing" for f in favours
                            if f["direction"] == "gave"))
        before = self.journal_bytes()
        r = self.fails(2, "add", "ann,bob", "x", "--got", "jose-alvarez:the venue")
        self.assertIn("not in this interaction", r.err)
        self.assertEqual(self.journal_bytes(), before)


class NamesInEveryScriptTest(NetlogTest):
    def test_greek_final_sigma_stays_in_handles(self):
        doc = self.js("people", "add", "Αλέξανδρος Παπαδόπουλος")
        self.assertEqual(doc["person"]["handle"], "αλέξανδρος-παπαδόπουλος")
        self.assertEqual(self.js("people", "add", "Σωκράτης")["person"]["handle"], "σωκράτης")

    def test_names_match_without_accents_in_every_script(self):
        self.ok("people", "add", "Αλέξανδρος")
        self.ok("people", "add", "José Álvarez")
        self.ok("people", "add", "Йошкар Олаев")
        self.assertEqual(self.js("show", "αλεξανδρος")["person"]["name"], "Αλέξανδρος")
        self.assertEqual(self.js("show", "ΑΛΕΞ")["person"]["name"], "Αλέξανδρος")
        self.assertEqual(self.js("show", "jose")["person"]["name"], "José Álvarez")
        self.assertEqual(self.js("show", "иошкар")["person"]["name"], "Йошкар Олаев")
        self.assertEqual(self.js("add", "αλεξανδρος", "x")["people"], ["αλέξανδρος"])

    def test_completion_helper_matches_names_in_any_case_or_accents(self):
        self.ok("people", "add", "José Álvarez")
        self.ok("people", "add", "Dana Li")
        self.ok("people", "add", "Михаил Петров")
        self.ok("people", "add", "Sam")
        self.assertEqual(self.ok("_handles", "--", "José").out.split(), ["jose-alvarez"])
        self.assertEqual(self.ok("_handles", "--", "Da").out.split(), ["dana-li"])
        self.assertEqual(self.ok("_handles", "--", "М").out.split(), ["михаил-петров"])
        self.assertEqual(len(self.ok("_handles").out.split()), 4)


LONG = ("Maximiliane Alexandra von Hohenzollern-Sigmaringen und Württemberg")
NOTE = ("met at the long conference dinner where we talked through the whole migration "
        "plan, the hiring freeze and the next steps for the platform team 🎉 and more")


class FitsTheTerminalTest(NetlogTest):
    def setUp(self):
        super().setUp()
        people = [LONG, "李小龙 工程师 上海 分公司 平台 团队 负责人", "Dana Li", "Sam Ortiz", "Zoe Park",
                  "Ann Lee", "Bob Ray", "Cy Ng"]
        for name in people:
            self.ok("people", "add", name, "--tier", "inner")
        self.ok("add", "maximiliane,李小龙,dana,sam,zoe,ann,bob,cy", NOTE,
                "--got", "an introduction to the head of platform engineering at a large company",
                "--on", "2026-05-01")
        self.ok("add", "dana", "short 👋🏽 note", "--gave", "advice", "--on", "2026-06-01")
        self.ok("ask", "maximiliane", "an introduction to the CTO " + NOTE)
        self.ok("ask", "--from", "李小龙", "review of the whole platform migration plan " + NOTE,
                "--on", "2026-11-01")
        self.ok("ask", "done", "a1", "--note", "she did it the same day " + NOTE)

    commands = [["due"], ["log"], ["show", "maximiliane"], ["audit", "--top", "20"],
                ["ask", "list", "--all"], ["owe"], ["owe", "dana"], ["people"], ["--help"],
                ["add", "--help"], ["help", "ask"], ["show", "李小龙"]]

    def assert_fits(self, out, args, width=80):
        for line in out.splitlines():
            w = 0
            for ch in line:
                if unicodedata.combining(ch) or ch in "\u200d\ufe0f" or 0x1F3FB <= ord(ch) <= 0x1F3FF:
                    continue
                w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            self.assertLessEqual(w, width, f"{args}: {line!r}")

    def test_columns_80(self):
        for args in self.commands:
            r = self.ok(*args, env={"COLUMNS": "80"})
            self.assert_fits(r.out, args)

    def test_not_cut_when_piped(self):
        out = self.ok("log").out
        self.assertIn(NOTE, out)
        self.assertIn("an introduction to the head of platform engineering at a large company", out)

    def test_log_puts_favours_on_their_own_lines_and_cuts_with(self):
        out = self.ok("log", env={"COLUMNS": "80"}).out
        self.assertRegex(out, r"\n    f\d+ got dana-li: an introduction")
        self.assertRegex(out, r"\+\d\s")  # "dana-li, sam +4"
        self.assertIn("…", out)

    def test_wrapping_keeps_the_spacing_of_a_line(self):
        out = self.ok("audit", "--top", "20", env={"COLUMNS": "80"}).out
        self.assertRegex(out, r"\n  invest {2,}no contact with ")
        self.assertRegex(self.ok("add", "--help", env={"COLUMNS": "60"}).out, r"--on DATE {2,}When")

    def test_help_wraps_with_a_hanging_indent(self):
        first_two = self.ok("--help", env={"COLUMNS": "60"}).out.splitlines()[:2]
        self.assertFalse(first_two[1].startswith(" "), first_two)  # a paragraph wraps at 0
        out = self.ok("add", "--help", env={"COLUMNS": "60"}).out
        lines = out.splitlines()
        gave = next(i for i, l in enumerate(lines) if l.lstrip().startswith("--gave"))
        start = lines[gave].index("A favour")
        self.assertTrue(lines[gave + 1].startswith(" " * start) and lines[gave + 1].strip(),
                        lines[gave:gave + 2])

    def run_in_pty(self, args, cols):
        """Runs netlog with stdout on a pseudo-terminal `cols` wide; returns its text."""
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
        proc = subprocess.Popen([BIN, *args], stdout=slave, stderr=subprocess.PIPE,
                                stdin=subprocess.DEVNULL,
                                env=self.env({"COLUMNS": None, "TERM": "xterm"}))
        os.close(slave)
        chunks = []
        while True:
            ready, _, _ = select.select([master], [], [], 30)
            if not ready:
                break
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        os.close(master)
        self.assertEqual(proc.wait(timeout=30), 0, args)
        proc.stderr.close()
        text = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
        return re.sub(r"\x1b\[[0-9;]*m", "", text)

    def test_through_a_pseudo_terminal(self):
        for args in self.commands:
            out = self.run_in_pty(["--color", "never", *args], 80)
            self.assertTrue(out.strip(), args)
            self.assert_fits(out, args)
        # Wider than 80 when the terminal is.
        self.assertIn(NOTE, self.run_in_pty(["log"], 400))


if __name__ == "__main__":
    main()
