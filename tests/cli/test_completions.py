"""Shell completion: completions/netlog.bash (with and without the bash-completion
package), _netlog (zsh) and netlog.fish complete netlog's commands, options, option
values, and the handles and open asks of the journal the line names.

Each shell runs for real: bash calls _netlog with COMP_WORDS/COMP_CWORD set as bash
sets them; fish runs `complete -C`; zsh runs in a pseudo-terminal (zpty) where TAB
starts the completion system and a wrapper around compadd prints every match.
test_docs.py reuses complete() to check that every command and option is offered.
"""
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, SOURCE_DIR, NetlogTest, main  # noqa: E402

COMPLETIONS = os.path.join(SOURCE_DIR, "completions")
BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
TIERS = {"inner", "network", "weak", "none"}
KINDS = {"meet", "call", "coffee", "message", "email", "event", "intro"}

# Runs in a pseudo-terminal an interactive `zsh -f` whose TAB runs the completion system
# without inserting or listing anything; a compadd wrapper prints each match as
# <<match>>WORD and the widget ends with <<end>>. Arguments: the folder of _netlog,
# then the lines to complete. Prints <<input>>LINE, then its matches, for each line.
ZSH_CAPTURE = r"""
zmodload zsh/zpty || exit 3
fpath_dir=$1; shift
zpty z zsh -f -i
setup=(
  "PROMPT=''"
  "fpath=(${(q)fpath_dir} \$fpath)"
  'autoload -Uz compinit && compinit -u -D'
  '_cap_main() { _main_complete; compstate[insert]=""; compstate[list]=""; print -r -- "<<end>>" }'
  'zle -C cap-complete complete-word _cap_main'
  "bindkey '^I' cap-complete"
  "bindkey '^U' kill-whole-line"
  "zstyle ':completion:*' insert-tab false"
  'compadd() {
     if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
     local -a __hits; builtin compadd -O __hits "$@"
     local __h; for __h in $__hits; do print -r -- "<<match>>$__h"; done
     builtin compadd "$@"
   }'
  'print -r -- "<<rea""dy>>"'
)
for s in $setup; do zpty -w z "$s"; done
zpty -r z out '*<<ready>>*' || exit 4
for input in "$@"; do
  print -r -- "<<input>>$input"
  zpty -w -n z "$input"$'\t'
  zpty -r z out '*<<end>>*' || exit 5
  for line in "${(@f)out}"; do
    line=${line//$'\r'/}
    [[ $line == *'<<match>>'* ]] && print -r -- "${line##*<<match>>}"
  done
  zpty -w -n z $'\C-u'
done
zpty -d z
"""


def bash_words(line):
    """COMP_WORDS as bash makes them: split at blanks, and at '=' (COMP_WORDBREAKS)."""
    words = []
    for word in line.split(" "):
        if "=" in word and word.startswith("-"):
            name, value = word.split("=", 1)
            words += [name, "="] + ([value] if value else [])
        else:
            words.append(word)
    return words


def run_bounded(args, env, timeout=120):
    """Runs a shell in its own session; on a timeout kills it with all it started."""
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"{args[0]} did not finish within {timeout} s")
    return proc.returncode, out, err


def split_cases(out, marker):
    """{line: [matches]} from output where each case starts with marker + line."""
    result, current = {}, None
    for row in out.split("\n"):
        if row.startswith(marker):
            current = row[len(marker):]
            result[current] = []
        elif current is not None and row:
            result[current].append(row)
    return result


def complete(shell, lines, env, bash_completion=False):
    """Completes each line (the cursor at its end) in `shell`; returns
    ({line: set of matches}, stderr). netlog is found on env's PATH."""
    with tempfile.TemporaryDirectory(prefix="netlog-complete-") as tmp:
        if shell == "bash" and bash_completion:
            # As installed: bash-completion finds the script by the command's name
            # and sources it inside a function, on the first TAB.
            user_dir = os.path.join(tmp, "bash-completion")
            os.makedirs(os.path.join(user_dir, "completions"))
            shutil.copy(os.path.join(COMPLETIONS, "netlog.bash"),
                        os.path.join(user_dir, "completions", "netlog"))
            env = dict(env, BASH_COMPLETION_USER_DIR=user_dir)
            script = [f"source {shlex.quote(BASH_COMPLETION)}",
                      "if declare -F _comp_load >/dev/null; then _comp_load netlog;"
                      " else __load_completion netlog; fi || exit 8"]
        elif shell == "bash":
            script = [f"source {shlex.quote(os.path.join(COMPLETIONS, 'netlog.bash'))}"]
        if shell == "bash":
            script.append("complete -p netlog >/dev/null || exit 9")
            for line in lines:
                words = bash_words(line)
                script += [
                    "COMPREPLY=()",
                    f"COMP_WORDS=({' '.join(shlex.quote(w) for w in words)})",
                    f"COMP_CWORD={len(words) - 1}",
                    f"COMP_LINE={shlex.quote(line)}; COMP_POINT=${{#COMP_LINE}}",
                    f"printf '\\001%s\\n' {shlex.quote(line)}",
                    f"_netlog netlog {shlex.quote(words[-1])} {shlex.quote(words[-2])}",
                    "printf '%s\\n' \"${COMPREPLY[@]}\""]
            args = ["bash", "--norc", "--noprofile", "-c", "\n".join(script)]
            marker = "\x01"
        elif shell == "fish":
            script = (f"source {shlex.quote(os.path.join(COMPLETIONS, 'netlog.fish'))}\n"
                      "for line in $argv\n  printf '\\001%s\\n' $line\n"
                      "  complete -C$line | string replace -r '\\t.*' ''\nend\ntrue")
            args = ["fish", "--no-config", "-c", script, *lines]
            marker = "\x01"
        else:
            capture = os.path.join(tmp, "capture.zsh")
            with open(capture, "w") as f:
                f.write(ZSH_CAPTURE)
            args = ["zsh", "-f", capture, COMPLETIONS, *lines]
            marker = "<<input>>"
        code, out, err = run_bounded(args, env)
    if code != 0:
        raise AssertionError(f"{shell} exited {code}\nstdout: {out}\nstderr: {err}")
    cases = split_cases(out, marker)
    missing = [line for line in lines if line not in cases]
    if missing:
        raise AssertionError(f"{shell} completed none of {missing}\nstdout: {out}\nstderr: {err}")
    return {line: set(matches) for line, matches in cases.items()}, err


def shell_env(test, journal=None):
    """The harness's environment, with the netlog under test first on PATH."""
    env = test.env({"NETLOG_JOURNAL": journal} if journal else None)
    env["PATH"] = os.path.dirname(os.path.abspath(BIN)) + os.pathsep + env.get("PATH", "")
    return env


class HiddenCommands(NetlogTest):
    """_handles and _asks, which the completion scripts run on every TAB."""

    def test_they_print_nothing_and_succeed_without_a_journal(self):
        for command in ("_handles", "_asks"):
            r = self.ok(command)
            self.assertEqual((r.out, r.err), ("", ""), command)
        self.assertFalse(os.path.exists(self.journal))

    def test_they_list_handles_and_the_ids_of_open_asks(self):
        self.ok("people", "add", "Alice Chen")
        self.ok("people", "add", "Bob Li")
        self.ok("ask", "alice", "review my CV for the platform role")
        self.ok("ask", "--from", "bob", "an intro to the Rust team at Acme")
        self.ok("ask", "alice", "a reference letter for the grant")
        self.ok("ask", "reply", "a2")
        self.ok("ask", "done", "a3")
        self.assertEqual(self.ok("_handles").out.split(), ["alice-chen", "bob-li"])
        self.assertEqual(sorted(self.ok("_asks").out.split()), ["a1", "a2"])


class CompletionTest(NetlogTest):
    """A journal with three people and asks in every state, another journal for
    --journal, and the cases every shell must complete alike."""

    shell = None
    bash_completion = False

    def setUp(self):
        super().setUp()
        if shutil.which(self.shell) is None:
            self.skipTest(f"{self.shell} is not installed (tools/install-deps installs it)")
        if self.bash_completion and not os.path.exists(BASH_COMPLETION):
            self.skipTest(f"{BASH_COMPLETION} is missing (package bash-completion)")
        self.ok("people", "add", "Alice Chen", "--tier", "inner")
        self.ok("people", "add", "Bob Li")
        self.ok("people", "add", "José Álvarez")
        self.ok("ask", "alice", "review my CV for the platform role")           # a1 open
        self.ok("ask", "--from", "bob", "an intro to the Rust team at Acme")    # a2 open
        self.ok("ask", "alice", "a reference letter for the grant")             # a3 done
        self.ok("ask", "done", "a3")
        self.ok("ask", "--from", "jose", "feedback on the conference talk")      # a4 replied
        self.ok("ask", "reply", "a4")
        self.ok("ask", "bob", "a review of the meetup slides")                  # a5 dropped
        self.ok("ask", "drop", "a5")
        self.other = os.path.join(self.dir, "other.db")
        self.ok("people", "add", "Carol Diaz", env={"NETLOG_JOURNAL": self.other})

    handles = {"alice-chen", "bob-li", "jose-alvarez"}
    open_asks = {"a1", "a2", "a4"}

    def complete(self, lines, journal=None):
        matches, err = complete(self.shell, lines, shell_env(self, journal), self.bash_completion)
        self.assertEqual(err, "", f"{self.shell} wrote to stderr")
        return matches

    def commands(self):
        """The top-level commands, from `netlog _commands`."""
        return {line.split()[0] for line in self.ok("_commands").out.splitlines()
                if line and not line.startswith("-")}

    def comma_list(self, done, handle):
        """What completing after `done,` offers: zsh the handle, bash and fish the word."""
        return handle if self.shell == "zsh" else f"{done},{handle}"

    def arguments(self, matches):
        """The matches but options: zsh offers options where no argument goes."""
        return {m for m in matches if not m.startswith("-")}

    def test_commands_and_subcommands(self):
        m = self.complete(["netlog ", "netlog peo", "netlog people ", "netlog import ",
                           "netlog help people ", "netlog ask -- "])
        self.assertEqual(m["netlog "], self.commands())
        self.assertEqual(m["netlog peo"], {"people"})
        self.assertEqual(m["netlog people "], {"add", "set", "rm", "merge"})
        self.assertEqual(m["netlog import "], {"linkedin", "vcard", "json", "mail", "calendar"})
        self.assertEqual(m["netlog help people "], {"add", "set", "rm", "merge"})
        self.assertEqual(m["netlog ask -- "], self.handles, "after --, `list` is a handle")

    def test_options_of_the_command_and_global_ones(self):
        m = self.complete(["netlog due --", "netlog add alice-chen note --ki",
                           "netlog ask list --"])
        self.assertLessEqual({"--within", "--digest", "--exit-code", "--json", "--journal",
                              "--color", "--help"}, m["netlog due --"])
        self.assertNotIn("--kind", m["netlog due --"])
        self.assertEqual(m["netlog add alice-chen note --ki"], {"--kind"})
        self.assertLessEqual({"--open", "--all", "--in", "--out"}, m["netlog ask list --"])
        self.assertNotIn("--from", m["netlog ask list --"])

    def test_option_values(self):
        m = self.complete(["netlog people add Zed --tier ", "netlog add alice-chen x --kind ",
                           "netlog --color ", "netlog --color=al", "netlog people set bob-li --tier w"])
        self.assertEqual(m["netlog people add Zed --tier "], TIERS)
        self.assertEqual(m["netlog add alice-chen x --kind "], KINDS)
        self.assertEqual(m["netlog --color "], {"auto", "always", "never"})
        expected = "--color=always" if self.shell == "fish" else "always"
        self.assertEqual(m["netlog --color=al"], {expected})
        self.assertEqual(m["netlog people set bob-li --tier w"], {"weak"})

    def test_handles_where_a_person_goes(self):
        lines = ["netlog show ", "netlog add ", "netlog add b", "netlog add alice-chen,",
                 "netlog add alice-chen,jo", "netlog ask ", "netlog ask --from ",
                 "netlog ask --via ", "netlog ask list ", "netlog owe ", "netlog log ",
                 "netlog people set ", "netlog people rm ", "netlog people add Zed --via ",
                 "netlog people set bob-li --via ", "netlog show --json a",
                 "netlog people merge ", "netlog people merge bob-li ",
                 "netlog add --gave thanks --weight 2 --tag x --on today ",
                 "netlog ask --via alice-chen --by friday --tier weak --new "]
        m = self.complete(lines)
        for line in ["netlog show ", "netlog add ", "netlog ask --from ", "netlog ask --via ",
                     "netlog ask list ", "netlog owe ", "netlog log ", "netlog people set ",
                     "netlog people rm ", "netlog people add Zed --via ",
                     "netlog people set bob-li --via ", "netlog people merge ",
                     "netlog people merge bob-li ",
                     "netlog add --gave thanks --weight 2 --tag x --on today "]:
            self.assertEqual(m[line], self.handles, line)
        self.assertEqual(m["netlog add b"], {"bob-li"})
        self.assertEqual(m["netlog add alice-chen,"],
                         {self.comma_list("alice-chen", h) for h in self.handles - {"alice-chen"}})
        self.assertEqual(m["netlog add alice-chen,jo"],
                         {self.comma_list("alice-chen", "jose-alvarez")})
        self.assertEqual(m["netlog ask "],
                         self.handles | {"list", "reply", "nudge", "done", "decline", "drop"})
        self.assertEqual(m["netlog show --json a"], {"alice-chen"})
        self.assertLessEqual(self.handles,
                             m["netlog ask --via alice-chen --by friday --tier weak --new "])

    def test_handles_for_a_name_typed_in_any_case_or_accents(self):
        # netlog _handles PREFIX matches names too (issue 14): `JOS` and `José` find
        # jose-alvarez, `Bo` bob-li. Fish filters candidates itself, without accents.
        lines = ["netlog show JOS", "netlog show Bo", "netlog add alice-chen,JOS"]
        if self.shell != "fish":
            lines += ["netlog show José", "netlog ask --via Álv"]
        m = self.complete(lines)
        self.assertEqual(m["netlog show JOS"], {"jose-alvarez"})
        self.assertEqual(m["netlog show Bo"], {"bob-li"})
        self.assertEqual(m["netlog add alice-chen,JOS"], {self.comma_list("alice-chen", "jose-alvarez")})
        if self.shell != "fish":
            self.assertEqual(m["netlog show José"], {"jose-alvarez"})
            self.assertEqual(m["netlog ask --via Álv"], set())  # a name's start, not a word's

    def test_no_person_where_none_goes(self):
        m = self.complete(["netlog ask --from bob-li ", "netlog add alice-chen ",
                           "netlog add alice-chen note --on ", "netlog show alice-chen ",
                           "netlog people merge bob-li alice-chen ",
                           "netlog import mail --me "])
        for line, matches in m.items():
            self.assertEqual(self.arguments(matches), set(), line)

    def test_open_asks_after_reply_done_decline_drop(self):
        lines = [f"netlog ask {sub} " for sub in ("reply", "nudge", "done", "decline", "drop")]
        m = self.complete(lines + ["netlog ask done --on today ", "netlog ask reply a"])
        for line in lines + ["netlog ask done --on today "]:
            self.assertEqual(m[line], self.open_asks, line)
        self.assertEqual(m["netlog ask reply a"], self.open_asks)

    def test_the_journal_named_on_the_line(self):
        missing = os.path.join(self.dir, "missing.db")
        m = self.complete([f"netlog -j {self.other} show ", f"netlog --journal {self.other} owe ",
                           f"netlog --journal={self.other} log ", f"netlog show -j {self.other} ",
                           "netlog show ", "netlog ask drop "], journal=missing)
        for line in list(m)[:4]:
            self.assertEqual(m[line], {"carol-diaz"}, line)
        self.assertEqual(m["netlog show "], set(), "no journal: nothing, and no error")
        self.assertEqual(m["netlog ask drop "], set())
        self.assertFalse(os.path.exists(missing))

    def test_files(self):
        prefix = os.path.join(self.dir, "jour")
        m = self.complete([f"netlog import vcard {prefix}", f"netlog backup {prefix}",
                           f"netlog --journal {prefix}", f"netlog -c {prefix}",
                           f"netlog import linkedin --dry-run {prefix}"])
        for line, matches in m.items():
            self.assertTrue(any(match.endswith("journal.db") for match in matches),
                            f"{line}: {matches}")


class BashCompletion(CompletionTest):
    shell = "bash"


class BashWithBashCompletion(CompletionTest):
    shell = "bash"
    bash_completion = True


class FishCompletion(CompletionTest):
    shell = "fish"


class ZshCompletion(CompletionTest):
    shell = "zsh"

    def test_compinit_loads_it_without_a_word(self):
        r = subprocess.run(
            ["zsh", "-f", "-c", f"fpath=({shlex.quote(COMPLETIONS)} $fpath); autoload -Uz compinit;"
             " compinit -u -D; print -r -- $_comps[netlog]"],
            capture_output=True, text=True, env=shell_env(self), timeout=60)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "_netlog\n", ""))


del CompletionTest  # only its subclasses run

if __name__ == "__main__":
    main()
