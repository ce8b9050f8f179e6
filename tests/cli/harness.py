"""Runs the real netlog binary on a temporary journal and config.

Every test gets a fresh folder with NETLOG_* variables cleared (as ccache's
reset_environment does), a fixed today, and helpers to assert on --json output
and exit codes. Run a test file directly: python3 tests/cli/test_x.py
(NETLOG_BIN points at the binary; ctest sets it).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

BIN = os.environ.get("NETLOG_BIN") or os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "netlog")
SOURCE_DIR = os.environ.get("NETLOG_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
TODAY = "2026-11-26"  # a Thursday


def schema_version():
    """The journal schema this netlog writes, from the one place that says it."""
    with open(os.path.join(SOURCE_DIR, "include", "netlog", "journal.hpp")) as f:
        return int(re.search(r"schema_version = (\d+);", f.read()).group(1))


SCHEMA = schema_version()


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def __repr__(self):
        return f"<exit {self.code}\nstdout: {self.out!r}\nstderr: {self.err!r}>"


class NetlogTest(unittest.TestCase):
    """A temporary home with a journal path and an empty config for each test."""

    maxDiff = None

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="netlog-test-")
        self.home = os.path.join(self.dir, "home")
        os.makedirs(self.home)
        self.journal = os.path.join(self.dir, "journal.db")
        self.config = os.path.join(self.dir, "config.toml")
        with open(self.config, "w") as f:
            f.write("")

    def tearDown(self):
        if os.environ.get("NETLOG_KEEP_TEST_DIR"):  # to look into a failure by hand
            print(f"kept {self.dir}", file=sys.stderr)
            return
        shutil.rmtree(self.dir, ignore_errors=True)

    def env(self, extra=None):
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("NETLOG_") and not k.startswith("XDG_")
               and k not in ("NO_COLOR", "TERM", "COLUMNS")}
        env["HOME"] = self.home
        env["NETLOG_JOURNAL"] = self.journal
        env["NETLOG_CONFIG"] = self.config
        env["NETLOG_TODAY"] = TODAY
        env["LC_ALL"] = "C.UTF-8"
        if extra:
            for k, v in extra.items():
                if v is None:
                    env.pop(k, None)
                else:
                    env[k] = v
        return env

    def run_netlog(self, *args, env=None, input=None, today=None):
        extra = dict(env or {})
        if today:
            extra["NETLOG_TODAY"] = today
        proc = subprocess.run([BIN, *args], capture_output=True, text=True,
                              env=self.env(extra), input=input, timeout=120)
        # A sanitizer build (NETLOG_SANITIZE) reports a bug on stderr, whatever the
        # exit code the test expects.
        self.assertNotRegex(proc.stderr, r"SUMMARY: \w+Sanitizer", Result(proc))
        return Result(proc)

    def ok(self, *args, **kw):
        """Runs netlog and asserts exit 0; returns the result."""
        r = self.run_netlog(*args, **kw)
        self.assertEqual(r.code, 0, r)
        return r

    def js(self, *args, **kw):
        """Runs netlog --json and asserts exit 0; returns the parsed document."""
        r = self.ok("--json", *args, **kw)
        doc = r.json()
        self.assertIsInstance(doc.get("netlog"), int)
        return doc

    def fails(self, code, *args, **kw):
        """Runs netlog, asserts the exit code and a one-line 'netlog: ' error."""
        r = self.run_netlog(*args, **kw)
        self.assertEqual(r.code, code, r)
        lines = r.err.splitlines()
        self.assertTrue(lines and lines[-1].startswith("netlog: "), r)
        self.assertEqual(len([l for l in lines if not l.startswith("netlog: warning")]), 1, r)
        return r

    def write_config(self, text):
        with open(self.config, "w") as f:
            f.write(text)

    def journal_bytes(self):
        """The journal and its WAL, to check that a refused command changed nothing."""
        data = b""
        for suffix in ("", "-wal"):
            path = self.journal + suffix
            if os.path.exists(path):
                with open(path, "rb") as f:
                    data += f.read()
        return data


def main():
    unittest.main(verbosity=1)
