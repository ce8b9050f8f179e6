"""The layers, enforced (ARCHITECTURE.md): src/core is pure — no SQLite, no CLI11, no
terminal, file or clock; src/io reads and writes formats but never the journal or the
command line; src/store is the only door to SQLite and never speaks of the command
line's machinery (CLI11); src/cli alone parses arguments. A grep over the sources is
enough: a rule broken is a line named here."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE_DIR  # noqa: E402

SRC = os.path.join(SOURCE_DIR, "src")

SQLITE = r'#include\s*[<"](SQLiteCpp/|sqlite3\.h)'
CLI11 = r'#include\s*[<"]CLI/'
RULES = {
    # layer: [(what is forbidden, regex)]
    "core": [
        ("SQLite", SQLITE), ("CLI11", CLI11),
        ("file or terminal I/O", r'#include\s*<(fstream|iostream)>|\bstd::(cout|cerr|cin)\b|'
                                 r'\bfopen\s*\(|\bfmt::print\s*\(|\bisatty\s*\(|[^n]printf\s*\('),
        ("the clock", r'\bstd::time\s*\(|\blocaltime(_r)?\s*\(|system_clock::now|'
                      r'\butc_timestamp_now\s*\('),
        ("the environment", r'\bgetenv\s*\('),
        ("the journal", r'#include\s*"netlog/journal(_\w+)?\.hpp"|#include\s*"store/'),
    ],
    "io": [("SQLite", SQLITE), ("CLI11", CLI11),
           ("the journal", r'#include\s*"netlog/journal(_\w+)?\.hpp"|#include\s*"store/')],
    "store": [("CLI11", CLI11), ("the terminal", r'\bstd::(cout|cerr)\b|\bfmt::print\s*\(')],
}


def code_lines(path):
    """The lines of a source file, comments blanked (a rule may be named in one)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    return [re.sub(r"//.*", "", line) for line in text.splitlines()]


# The commands, as `netlog COMMAND` would name one in a message.
COMMANDS = ("add", "ask", "who", "owe", "due", "audit", "people", "show", "log", "rm", "edit",
            "import", "export", "check", "backup", "help")
STRING = r'"(?:[^"\\\n]|\\.)*"'
# What the CLI's own words are: a command-line option, or a netlog command.
CLI_WORDS = r'(?<![\w-])--[a-z]|\bnetlog (' + "|".join(COMMANDS) + r')\b'
# The test fails on any string literal in src/store that names one (issue 17, item 7): a
# store message says what happened and names a Remedy (netlog/error.hpp), a finding of
# `check` its CheckProblem::Fix (netlog/journal.hpp); src/cli words the option or command.


def string_literals(line):
    return re.findall(STRING, line)


def joined_literals(lines):
    """Each run of adjacent string literals (C++ joins "a " "b" into one), with the line
    it starts on: a message split over lines is read whole."""
    text = "\n".join(lines)
    runs = []
    for match in re.finditer(STRING + r"(?:\s*" + STRING + r")*", text):
        joined = "".join(literal[1:-1] for literal in re.findall(STRING, match.group(0)))
        runs.append((text.count("\n", 0, match.start()) + 1, '"' + joined + '"'))
    return runs


def store_cli_words():
    """Each string literal in src/store that names an option or a command."""
    found = []
    folder = os.path.join(SRC, "store")
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".cpp", ".hpp")):
            continue
        for number, literal in joined_literals(code_lines(os.path.join(folder, name))):
            if re.search(CLI_WORDS, literal):
                found.append(f"src/store/{name}:{number}: {literal}")
    return found


class Layers(unittest.TestCase):
    def test_each_layer_keeps_to_its_rules(self):
        broken = []
        for layer, rules in RULES.items():
            folder = os.path.join(SRC, layer)
            files = sorted(f for f in os.listdir(folder) if f.endswith((".cpp", ".hpp")))
            self.assertTrue(files, folder)
            for name in files:
                for number, line in enumerate(code_lines(os.path.join(folder, name)), 1):
                    for what, pattern in rules:
                        if re.search(pattern, line):
                            broken.append(f"src/{layer}/{name}:{number}: {what}: {line.strip()}")
        self.assertEqual(broken, [])

    def test_each_unit_test_file_names_its_layer(self):
        """tests/unit/test_core_*.cpp, test_io_*.cpp, test_store_*.cpp: the layer whose
        rules a file holds is in its name (ARCHITECTURE.md, "Tests")."""
        unit = os.path.join(SOURCE_DIR, "tests", "unit")
        files = sorted(f for f in os.listdir(unit) if f.startswith("test_"))
        self.assertGreater(len(files), 10)
        unnamed = [f for f in files if not re.match(r"test_(core|io|store|cli)_\w+\.cpp$", f)]
        self.assertEqual(unnamed, [])

    def test_only_the_cli_parses_the_command_line(self):
        for layer in ("core", "io", "store"):
            for name in os.listdir(os.path.join(SRC, layer)):
                for line in code_lines(os.path.join(SRC, layer, name)):
                    self.assertNotRegex(line, CLI11, f"src/{layer}/{name}")

    def test_the_store_names_no_option_or_command_in_a_message(self):
        """Store errors say what happened; the CLI says which command fixes it."""
        self.assertEqual(store_cli_words(), [])

    def test_the_option_and_command_rule_catches_what_it_is_for(self):
        for literal in ['"point --journal at your journal"', '"run `netlog check`"',
                        '"netlog people set ann --snooze off"']:
            self.assertRegex(literal, CLI_WORDS)
        for literal in ['"not a netlog journal"', '"this netlog knows 8"', '"-- a SQL comment"',
                        '"a 2026-11-26"', '"netlog never writes through a link"']:
            self.assertNotRegex(literal, CLI_WORDS)
        self.assertEqual(string_literals('x("a \\"b\\"", "c")'), ['"a \\"b\\""', '"c"'])
        # A message split over lines is read whole.
        self.assertEqual(joined_literals(['f("bad date; `netlog "', '  "check` names it", x);']),
                         [(1, '"bad date; `netlog check` names it"')])
        self.assertRegex(joined_literals(['"run `netlog "', '"check`"'])[0][1], CLI_WORDS)

    def test_the_rules_catch_what_they_are_for(self):
        """Each rule matches the line it exists to refuse (so the test can fail)."""
        samples = {
            "SQLite": "#include <SQLiteCpp/Database.h>", "CLI11": '#include "CLI/CLI.hpp"',
            "file or terminal I/O": "std::ifstream in(path); #include <fstream>",
            "the clock": "const std::time_t now = std::time(nullptr);",
            "the environment": 'const char* home = std::getenv("HOME");',
            "the journal": '#include "netlog/journal.hpp"',
            "the terminal": 'fmt::print(stderr, "x");',
        }
        for rules in RULES.values():
            for what, pattern in rules:
                self.assertRegex(samples[what], pattern, what)
        self.assertNotRegex('std::snprintf(buf, sizeof buf, "%d", n);', RULES["core"][2][1])
        # The journal's areas (netlog/journal_people.hpp …) are the journal too.
        self.assertRegex('#include "netlog/journal_people.hpp"', RULES["core"][5][1])


if __name__ == "__main__":
    unittest.main()
