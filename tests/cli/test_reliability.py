"""Reliability (issue #7): concurrent writers beside a cron digest, SIGKILL in the middle
of bursts of `add`, and a write that runs out of space. What the README's "What netlog
guarantees" promises, proved with real processes on a real journal."""
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from harness import BIN, NetlogTest, main  # noqa: E402

# An adder: runs `add` $COUNT times, one process after the other, with the people $WHO
# (and with $NEW set, a person "$NEW-<i>" first), and stops at the first failure with
# what failed on stderr.
ADDER = """
i=0
while [ "$i" -lt "$COUNT" ]; do
  i=$((i + 1))
  who=$WHO
  [ -z "$NEW" ] || who="$NEW-$i,$WHO"
  "$BIN" -q add "$who" "$PREFIX-$i" $EXTRA || { echo "add $PREFIX-$i: exit $?" >&2; exit 1; }
done
"""

# The cron side: `due --digest` over and over until $STOP exists; every run must exit 0
# and print exactly $EXPECTED. Prints how many digests it ran.
DIGEST_LOOP = """
n=0
while [ ! -e "$STOP" ]; do
  out=$("$BIN" due --digest) || { echo "due --digest: exit $?" >&2; exit 1; }
  [ "$out" = "$EXPECTED" ] || { echo "unexpected digest: $out" >&2; exit 1; }
  n=$((n + 1))
done
echo "$n"
"""


class Reliability(NetlogTest):
    def spawn(self, script, **variables):
        """Starts `script` under sh in its own process group, with BIN and `variables`."""
        env = self.env(dict(variables, BIN=BIN))
        return subprocess.Popen(["sh", "-c", script], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, start_new_session=True)

    def interactions(self):
        return self.js("log", "--limit", "1000000")["interactions"]

    def people(self):
        return {p["handle"]: p for p in self.js("people")["people"]}

    def assert_check_passes(self):
        r = self.run_netlog("check")
        self.assertEqual((r.code, r.out, r.err), (0, "", ""), r)

    def export(self):
        """The export without its header (which says when it was made)."""
        return self.ok("export").out.split("\n", 1)[1]


class Concurrency(Reliability):
    ADDERS = 8
    EACH = 25

    def test_eight_writers_and_two_cron_digests(self):
        for k in range(self.ADDERS):
            self.ok("people", "add", f"P{k}")
        self.ok("people", "add", "Hub")
        # Something for the digest to say: an incoming ask past its reply date.
        self.ok("ask", "--from", "hub", "review my draft", "--on", "2026-11-20")
        expected = self.ok("due", "--digest").out.rstrip("\n")
        self.assertTrue(expected.startswith("netlog: 1 reply overdue"), expected)

        stop = os.path.join(self.dir, "stop")
        digests = [self.spawn(DIGEST_LOOP, STOP=stop, EXPECTED=expected) for _ in range(2)]
        adders = [self.spawn(ADDER, COUNT=str(self.EACH), WHO=f"p{k},hub", NEW="",
                             PREFIX=f"w{k}", EXTRA="--gave help")
                  for k in range(self.ADDERS)]
        copy = os.path.join(self.dir, "copy.db")
        self.ok("backup", copy)  # while they write
        adder_results = [p.communicate(timeout=300) + (p.returncode,) for p in adders]
        open(stop, "w").close()
        digest_results = [p.communicate(timeout=60) + (p.returncode,) for p in digests]

        for out, err, code in adder_results:
            self.assertEqual((code, err), (0, ""), out)
        for out, err, code in digest_results:
            self.assertEqual((code, err), (0, ""), out)
            self.assertGreater(int(out), 0)

        log = self.interactions()
        self.assertEqual(sorted(i["note"] for i in log),
                         sorted(f"w{k}-{j}" for k in range(self.ADDERS)
                                for j in range(1, self.EACH + 1)))
        for i in log:
            k = i["note"].split("-")[0][1:]
            self.assertEqual(sorted(i["people"]), ["hub", f"p{k}"])
            self.assertEqual(sorted((f["person"], f["direction"]) for f in i["favours"]),
                             [("hub", "gave"), (f"p{k}", "gave")])
        people = self.people()
        self.assertEqual((people["hub"]["interactions"], people["hub"]["balance"]),
                         (self.ADDERS * self.EACH, -self.ADDERS * self.EACH))
        for k in range(self.ADDERS):
            self.assertEqual((people[f"p{k}"]["interactions"], people[f"p{k}"]["balance"]),
                             (self.EACH, -self.EACH))
        self.assert_check_passes()
        r = self.run_netlog("check", env={"NETLOG_JOURNAL": copy})
        self.assertEqual((r.code, r.out, r.err), (0, "", ""), r)
        self.assertLessEqual(len(self.js("log", "--limit", "1000",
                                         env={"NETLOG_JOURNAL": copy})["interactions"]), 200)


class Killed(Reliability):
    """SIGKILL at a random moment of a burst of `add`s: every add is all there or absent."""

    ROUNDS = 40
    BURST = 40

    def test_sigkill_during_bursts_of_add(self):
        seed = int(os.environ.get("NETLOG_TEST_SEED") or random.randrange(1 << 32))
        print(f"\n{type(self).__name__}: NETLOG_TEST_SEED={seed}", file=sys.stderr)
        rng = random.Random(seed)
        self.ok("people", "add", "Hub")
        cut_short = 0
        for r in range(self.ROUNDS):
            # Each add creates a person (--new), links two people and records six
            # favours: a kill between any two of those writes would show.
            burst = self.spawn(ADDER, COUNT=str(self.BURST), WHO="hub", NEW=f"r{r}",
                               PREFIX=f"k{r}", EXTRA="--new --weight 3 --gave a --gave b --got c")
            time.sleep(rng.uniform(0.0, 0.4))  # the random moment of the kill
            os.killpg(burst.pid, signal.SIGKILL)
            burst.communicate(timeout=60)
            with self.subTest(round=r, seed=seed):
                self.assert_check_passes()
            stored = len([i for i in self.interactions() if i["note"].startswith(f"k{r}-")])
            cut_short += stored < self.BURST

        log = self.interactions()
        people = self.people()
        rounds = {}
        for i in log:
            r, j = (int(n) for n in i["note"][1:].split("-"))
            rounds.setdefault(r, []).append(j)
            handle = f"r{r}-{j}"
            self.assertEqual(sorted(i["people"]), sorted(["hub", handle]), i)
            favours = sorted((f["person"], f["direction"], f["weight"], f["what"])
                             for f in i["favours"])
            self.assertEqual(favours, sorted((who, d, 3, what) for who in ("hub", handle)
                                             for d, what in (("gave", "a"), ("gave", "b"),
                                                             ("got", "c"))), i)
            self.assertEqual((people[handle]["interactions"], people[handle]["balance"]), (1, -3))
        # The adds of a burst run one after the other: what survived is its first few,
        # with no gap, and no person --new made without the interaction that made them.
        for r, js in rounds.items():
            self.assertEqual(sorted(js), list(range(1, len(js) + 1)), f"round {r}")
        self.assertEqual(len(people), 1 + len(log))
        self.assertEqual((people["hub"]["interactions"], people["hub"]["balance"]),
                         (len(log), -3 * len(log)))
        self.assertGreater(cut_short, self.ROUNDS // 2, "the kills came after the bursts ended")
        self.assert_check_passes()


class DiskFull(Reliability):
    """A write past `ulimit -f` (RLIMIT_FSIZE): exit 3, one line, the journal as before."""

    def setUp(self):
        super().setUp()
        self.ok("people", "add", "Ann Lee")
        self.ok("people", "add", "Bob Stone")
        for n in range(5):
            self.ok("add", "ann,bob", f"lunch {n}", "--gave", "intro", "--got", "advice")

    def run_limited(self, limit, *args):
        def small_disk():
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        proc = subprocess.run([BIN, *args], env=self.env(), text=True, capture_output=True,
                              preexec_fn=small_disk, timeout=120)
        self.assertNotRegex(proc.stderr, r"SUMMARY: \w+Sanitizer", proc)  # as run_netlog
        return proc

    def test_a_write_that_runs_out_of_space(self):
        wal = self.journal + "-wal"
        with open(self.journal, "rb") as f:
            page_size = int.from_bytes(f.read(18)[16:18], "big")
        self.assertIn(page_size, (1024, 2048, 4096, 8192, 16384, 32768))
        frame = 24 + page_size
        # Commits are appended to the -wal file (netlog leaves it in place, and it is far
        # from the 1000 pages that would make SQLite checkpoint and start it over). So a
        # limit a little more than one WAL frame past its end lets a commit write its
        # first page and fails the next: the disk fills up in the middle of the commit.
        commands = [["add", "ann,bob", "dinner", "--gave", "a book", "--got", "a talk"],
                    ["add", "Cy Young", "met at the conference", "--new", "--tag", "conf"],
                    ["ask", "ann", "introduce me to your CTO"],
                    ["people", "add", "Dee Ray", "--company", "Initech"]]
        for args in commands:
            with self.subTest(args=args):
                before_export, before_db = self.export(), self.journal_bytes_of_file()
                wal_size = os.path.getsize(wal)
                self.assertLess(wal_size, 500 * frame)
                r = self.run_limited(wal_size + frame + 1000, *args)
                self.assertEqual(r.returncode, 3, r)
                self.assertRegex(r.stderr, r"^netlog: (disk full|I/O error) [^\n]*\n\Z")
                self.assertIn(self.journal, r.stderr)
                self.assertEqual(r.stdout, "")
                self.assertGreater(os.path.getsize(wal), wal_size)  # it really wrote, partly
                self.assertEqual(self.export(), before_export)
                self.assertEqual(self.journal_bytes_of_file(), before_db)
                self.assert_check_passes()
                self.ok(*args)  # with space again, the same command goes through
                self.assert_check_passes()

    def journal_bytes_of_file(self):
        with open(self.journal, "rb") as f:
            return f.read()


if __name__ == "__main__":
    main()
