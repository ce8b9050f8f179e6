"""The documentation and the completions keep in step with the code.

One source of truth: `netlog _commands` lists every command path and its options
(its first line, with no command, the global options). Each of them must appear in
`--help`, in netlog(1), in README.md, and be offered by the bash, zsh and fish
completions; and mandoc finds nothing to say about the man pages. -h/--help is left
out: every command has it, and its documentation is the help itself.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE_DIR, NetlogTest, main  # noqa: E402
from test_completions import BASH_COMPLETION, complete, shell_env  # noqa: E402

MAN_PAGES = [os.path.join(SOURCE_DIR, "man", page) for page in ("netlog.1", "netlog-config.5")]
README = os.path.join(SOURCE_DIR, "README.md")
IGNORED = {"-h", "--help"}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def option_pattern(option):
    """The option as a word of its own: --on, not --one or --on-time."""
    return r"(?<![\w-])" + re.escape(option) + r"(?![\w-])"


class Docs(NetlogTest):
    def setUp(self):
        super().setUp()
        lines = self.ok("_commands").out.splitlines()
        self.assertTrue(lines and lines[0].startswith("-"), "the first line: the global options")
        self.global_options = [o for o in lines[0].split() if o not in IGNORED]
        # [(path, [options])], e.g. ("people set", ["--name", …]).
        self.commands = []
        for line in lines[1:]:
            words = line.split()
            path = [w for w in words if not w.startswith("-")]
            options = [w for w in words if w.startswith("-") and w not in IGNORED]
            self.commands.append((" ".join(path), options))
        self.assertIn("people set", dict(self.commands))

    def all_options(self):
        """[(where, option)]: '' for the global options, else the command path."""
        return [("", o) for o in self.global_options] + [
            (path, o) for path, options in self.commands for o in options]

    def report(self, missing, where):
        if missing:
            self.fail(f"{len(missing)} missing from {where}:\n  " + "\n  ".join(missing))

    @staticmethod
    def label(path, option=None):
        if option is None:
            return f"command `netlog {path}`"
        return f"option {option} of " + (f"`netlog {path}`" if path else "netlog (global)")

    def test_help_lists_every_command_and_option(self):
        missing = []
        for path in [""] + [p for p, _ in self.commands]:
            words = path.split()
            text = self.ok(*words, "--help").out
            for option in ([o for p, o in self.all_options() if p == path]):
                if not re.search(option_pattern(option), text):
                    missing.append(f"`netlog {path} --help`: {self.label(path, option)}")
            if words:
                parent = self.ok(*words[:-1], "--help").out
                if not re.search(r"^\s+" + re.escape(words[-1]) + r"\s", parent, re.M):
                    missing.append(f"`netlog {' '.join(words[:-1])} --help`: {self.label(path)}")
        self.report(missing, "--help")

    def test_man_page_documents_every_command_and_option(self):
        page = read(MAN_PAGES[0])
        missing = []
        for path, _ in self.commands:
            # An entry: `.It Nm Cm people set …` or `.Nm` then `.Cm people set …`.
            words = r"(?:\s+(?:Cm\s+)?)".join(re.escape(w) for w in path.split())
            if not re.search(r"Nm(?:[ \t]+|\n\.)Cm\s+" + words + r"(?![\w-])", page):
                missing.append(f"{self.label(path)} (no entry `.Nm Cm {path}`)")
        for path, option in self.all_options():
            # `Fl \-on` or `Fl -on` for --on, `Fl j` for -j; or \-\-on spelt out.
            name = re.escape(option.lstrip("-"))
            dash = r"(?:\\-|-)" if option.startswith("--") else ""
            literal = re.escape(option.replace("-", "\\-"))
            if not re.search(rf"(?:Fl\s+{dash}{name}|{literal})(?![\w-])", page):
                mdoc = "Fl " + ("\\" if option.startswith("--") else "") + option[1:]
                missing.append(f"{self.label(path, option)} (`{mdoc}`)")
        self.report(sorted(set(missing)), "man/netlog.1")

    def test_readme_documents_every_command_and_option(self):
        readme = read(README)
        missing = []
        for path, _ in self.commands:
            if not re.search(r"netlog\s+" + re.escape(path) + r"(?![\w-])", readme):
                missing.append(f"{self.label(path)} (`netlog {path}`)")
        for path, option in self.all_options():
            if not re.search(option_pattern(option), readme):
                missing.append(self.label(path, option))
        self.report(sorted(set(missing)), "README.md")

    def check_completion(self, shell, bash_completion=False):
        if shutil.which(shell) is None:
            self.skipTest(f"{shell} is not installed (tools/install-deps installs it)")
        if bash_completion and not os.path.exists(BASH_COMPLETION):
            self.skipTest(f"{BASH_COMPLETION} is missing (package bash-completion)")
        # What must be offered where: the subcommands after their parent, and after
        # `netlog PATH -` the command's options and the global ones.
        expected = {"netlog ": set()}
        for path, options in self.commands:
            words = path.split()
            expected.setdefault(" ".join(["netlog", *words[:-1], ""]), set()).add(words[-1])
            expected[f"netlog {path} -"] = set(options) | set(self.global_options)
        expected["netlog -"] = set(self.global_options)
        offered, _ = complete(shell, list(expected), shell_env(self), bash_completion)
        missing = []
        for line, words in expected.items():
            for word in sorted(words - offered[line]):
                path = line[len("netlog "):].rstrip(" -")
                if word.startswith("-"):
                    missing.append(f"{self.label(path, word)} (after `{line}`)")
                else:
                    missing.append(f"{self.label((path + ' ' + word).strip())} (after `{line}`)")
        self.report(missing, f"the {shell} completion")

    def test_bash_completion_offers_every_command_and_option(self):
        self.check_completion("bash")

    def test_bash_completion_with_the_bash_completion_package(self):
        self.check_completion("bash", bash_completion=True)

    def test_zsh_completion_offers_every_command_and_option(self):
        self.check_completion("zsh")

    def test_fish_completion_offers_every_command_and_option(self):
        self.check_completion("fish")

    def test_mandoc_finds_no_warning(self):
        if shutil.which("mandoc") is None:
            self.skipTest("mandoc is not installed (tools/install-deps installs it)")
        r = subprocess.run(["mandoc", "-T", "lint", "-W", "warning", *MAN_PAGES],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual((r.returncode, r.stdout + r.stderr), (0, ""))


if __name__ == "__main__":
    main()
