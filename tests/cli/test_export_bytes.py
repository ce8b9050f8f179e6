"""`export` writes each record's line straight from the journal's columns (issue #20),
no longer through a nlohmann object: these tests hold it to the bytes that the
nlohmann writer wrote, kept in tests/data/export-expected.jsonl (made by netlog at
cf1725d, before the change). The journal is the demo's with texts no everyday
journal holds: quotes, backslashes, control and C1 characters, non-ASCII, invalid
UTF-8, tags and dates kept as JSON other than netlog writes it, a merged person."""
import os
import shutil
import sqlite3
import subprocess
import unittest

from harness import BIN, SOURCE_DIR, NetlogTest, main

DEMO = os.path.join(SOURCE_DIR, "tests", "data", "demo.db")
EXPECTED = os.path.join(SOURCE_DIR, "tests", "data", "export-expected.jsonl")

# (SQL, parameters): run in order on a copy of the demo journal.
ODD = [
    ("UPDATE people SET name = ?, notes = ?, tags = ? WHERE id = 1",
     ['Maya "Q" O\'Kafor \\ Zoë', "line one\nline two\ttab \x01\x1f\x7f \u0085\u009f\u2028 😀",
      '["a", "b"]']),
    ("UPDATE people SET notes = CAST(X'6F6B20FF20C32820E282' AS TEXT), tags = ? WHERE id = 2",
     ['["x",1,null,"\\u00e9\\"q"]']),
    ("UPDATE people SET tags = 'not json', company = ?, role = '', url = ? WHERE id = 3",
     ["Ünïcode GmbH", "https://example.com/?a=\"b\"&c=\\d"]),
    ("UPDATE people SET tags = '[]', cadence_days = 3000000001 WHERE id = 4", []),
    ("INSERT OR REPLACE INTO person_emails (person_id, position, email) VALUES (1, 1, ?)",
     ["zoë@exämple.com"]),
    ("UPDATE interactions SET note = ?, kind = ?, tags = ? WHERE id = 1",
     ["said \"hi\" \\o/ \u0080\u0099 é\x00end", "café", '[ "spaced" ]']),
    ("UPDATE interactions SET note = CAST(X'C280C29FC2A0' AS TEXT), source = ?, source_seq = ? "
     "WHERE id = 2", ["mail:<id@host>", 3000000000]),
    ("UPDATE interactions SET them = 1, tags = '[\"q\\\"t\"]' WHERE id = 3", []),
    ("UPDATE asks SET what = ?, note = ?, nudged_on = ? WHERE id = 1",
     ["Could you\u2026 review?", "\t", '["2026-01-02", "2026-01-03"]']),
    ("UPDATE asks SET nudged_on = '[\"2026-01-04\",\"2026-01-05\"]', source = ? WHERE id = 2",
     ["calendar:x"]),
    ("UPDATE favours SET what = ?, weight = 4294967298 WHERE id = 1", ["café \"gift\""]),
    # A person merged away: their membership stays, by their old id (person_aliases).
    ("INSERT INTO person_aliases (id, person_id, merged_at) VALUES (900, 2, "
     "'2030-01-01T00:00:00.000Z')", []),
    ("INSERT INTO interaction_members (interaction_id, person_id) VALUES (4, 900)", []),
    ("INSERT INTO deleted (uuid, type, deleted_at, merged_into) VALUES (?, 'person', "
     "'2026-11-20T10:00:00.000Z', ?)",
     ["0f0e0d0c-0000-4000-8000-000000000900", "cc28957a-78b6-47c6-9f34-efb1116e2eae"]),
    ("INSERT INTO deleted (uuid, type, deleted_at) VALUES "
     "('0f0e0d0c-0000-4000-8000-000000000901', 'interaction', '2026-11-21T10:00:00.000Z')", []),
    # A uuid netlog would not make, in an interaction's list of people.
    ("UPDATE people SET uuid = 'A,b\"c' WHERE id = 5", []),
]


class ExportBytes(NetlogTest):
    def odd_journal(self):
        shutil.copyfile(DEMO, self.journal)
        os.chmod(self.journal, 0o600)
        db = sqlite3.connect(self.journal)
        for sql, args in ODD:
            db.execute(sql, args)
        db.commit()
        db.close()

    def export_bytes(self):
        proc = subprocess.run([BIN, "export"], env=self.env(), capture_output=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        header, _, body = proc.stdout.partition(b"\n")
        self.assertTrue(header.startswith(b'{"type":"netlog-export","version":1,"schema":'))
        return body

    def test_the_same_bytes_as_the_nlohmann_writer(self):
        self.odd_journal()
        with open(EXPECTED, "rb") as f:
            expected = f.read()
        body = self.export_bytes()
        self.assertEqual(body.splitlines(), expected.splitlines())
        self.assertEqual(body, expected)

    def test_the_check_can_fail(self):
        """One byte changed in the journal changes the export: the comparison above
        is not comparing something with itself."""
        self.odd_journal()
        db = sqlite3.connect(self.journal)
        db.execute("UPDATE interactions SET note = note || 'x' WHERE id = 1")
        db.commit()
        db.close()
        with open(EXPECTED, "rb") as f:
            expected = f.read()
        self.assertNotEqual(self.export_bytes(), expected)

    def test_round_trip(self):
        """What export writes, import json reads back into a new journal, and that
        journal's export is the same (the demo, as make-demo.sh leaves it)."""
        shutil.copyfile(DEMO, self.journal)
        os.chmod(self.journal, 0o600)
        first = self.export_bytes()
        path = os.path.join(self.dir, "demo.jsonl")
        with open(path, "wb") as f:
            f.write(b'{"type":"netlog-export","version":1,"schema":1}\n' + first)
        other = self.env({"NETLOG_JOURNAL": os.path.join(self.dir, "other.db")})
        proc = subprocess.run([BIN, "import", "json", path], env=other, capture_output=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        again = subprocess.run([BIN, "export"], env=other, capture_output=True, timeout=60)
        self.assertEqual(again.stdout.partition(b"\n")[2], first)
        # The search index, which an import into an empty journal makes at the end
        # rather than row by row: interactions' notes and asks' texts are found.
        for word in ("retro", "migration", "hiring", "maya"):
            with self.subTest(word=word):
                here = self.js("who", word)
                there = self.js("who", word, env={"NETLOG_JOURNAL": other["NETLOG_JOURNAL"]})
                self.assertTrue(here["matches"], word)
                self.assertEqual(there["matches"], here["matches"])
        self.assertEqual(self.ok("check", "--full",
                                 env={"NETLOG_JOURNAL": other["NETLOG_JOURNAL"]}).out, "")


if __name__ == "__main__":
    main()
