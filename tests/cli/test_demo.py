"""The sample journal of the README's quick start: current and useful."""
import os
import shutil
import sqlite3
import subprocess

from harness import BIN, SOURCE_DIR, NetlogTest, main

DEMO = os.path.join(SOURCE_DIR, "tests", "data", "demo.db")
MAKE = os.path.join(SOURCE_DIR, "tests", "data", "make-demo.sh")


def schema(path):
    with sqlite3.connect(path) as db:
        return sorted(r[0] for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))


class DemoJournal(NetlogTest):
    def test_shipped_demo_has_the_current_schema(self):
        fresh = os.path.join(self.dir, "fresh.db")
        subprocess.run([MAKE, BIN, fresh], check=True, capture_output=True)
        self.assertEqual(schema(DEMO), schema(fresh),
                         "tests/data/demo.db is stale: rerun tests/data/make-demo.sh")

    def test_quick_start_shows_what_is_due(self):
        copy = os.path.join(self.dir, "demo.db")
        shutil.copy(DEMO, copy)
        doc = self.js("--journal", copy, "due")
        self.assertTrue(doc["replies"] and doc["promises"] and doc["follow_ups"]
                        and doc["reconnect"], doc)
        self.assertEqual(self.ok("--journal", copy, "check").out, "")


if __name__ == "__main__":
    main()
