"""Journals of an older schema are migrated forward on first use, data intact; and the
interaction dates that schema 2 keeps beside each person stay right under every write."""
import datetime
import json
import os
import shutil
import sqlite3

from harness import SCHEMA, SOURCE_DIR, NetlogTest, main

# The quick-start journal as schema 1 wrote it (tests/data/make-demo.sh, netlog 0.1),
# and as schemas 2 and 3 did.
V1 = os.path.join(SOURCE_DIR, "tests", "data", "v1.db")
V2 = os.path.join(SOURCE_DIR, "tests", "data", "v2.db")
V3 = os.path.join(SOURCE_DIR, "tests", "data", "v3.db")
CURRENT = SCHEMA

# Who was at which interaction, on which day, however the schema keeps it.
LINKS = "SELECT interaction_id, person_id, on_date FROM interaction_people ORDER BY 1, 2"


def rows(path, sql):
    with sqlite3.connect(path) as db:
        return db.execute(sql).fetchall()


def table_rows(path, table, like=None):
    """The rows of `table`, cut to the width of `like`'s rows (the journal before): later
    schemas add columns at the end (asks.nudged_on in 5)."""
    found = rows(path, f"SELECT * FROM {table} ORDER BY 1, 2")
    width = len(like[0]) if like else None
    return [r[:width] for r in found]


class MigrationTest(NetlogTest):
    """A copy of FIXTURE, an older journal, as the journal."""
    FIXTURE = None

    def setUp(self):
        super().setUp()
        shutil.copy(self.FIXTURE, self.journal)

    def assert_schema_of_a_new_journal(self):
        fresh = os.path.join(self.dir, "fresh.db")
        self.ok("people", "add", "Ann Lee", env={"NETLOG_JOURNAL": fresh})
        schema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        self.assertEqual(rows(self.journal, schema), rows(fresh, schema))


class Migration(MigrationTest):
    FIXTURE = V1

    def test_a_version_1_journal_migrates_with_its_data(self):
        self.assertEqual(rows(self.journal, "PRAGMA user_version"), [(1,)])
        tables = ["people", "interactions", "asks", "favours", "deleted"]
        before = {t: rows(self.journal, f"SELECT * FROM {t} ORDER BY rowid") for t in tables}
        links = rows(self.journal, "SELECT interaction_id, person_id FROM interaction_people "
                                   "ORDER BY 1, 2")
        self.assertTrue(before["interactions"] and links and before["favours"] and before["asks"])

        self.assertEqual(self.ok("check").out, "")  # a read migrates too

        self.assertEqual(rows(self.journal, "PRAGMA user_version"), [(CURRENT,)])
        after = {t: rows(self.journal, f"SELECT * FROM {t} ORDER BY rowid") for t in tables}
        # People gained one column at the end, first_interaction; asks two, nudged_on
        # (no nudges yet) and source (8: not captured); interactions two, source and
        # source_seq (8); the rest is as it was.
        self.assertEqual([p[:-1] for p in after["people"]], before["people"])
        self.assertEqual([a[:-2] for a in after["asks"]], before["asks"])
        self.assertEqual({a[-2] for a in after["asks"]}, {"[]"})
        self.assertEqual({a[-1] for a in after["asks"]}, {None})
        self.assertEqual([i[:-2] for i in after["interactions"]], before["interactions"])
        self.assertEqual({i[-2:] for i in after["interactions"]}, {(None, None)})
        for t in ["favours", "deleted"]:
            self.assertEqual(after[t], before[t], t)
        self.assertEqual(rows(self.journal, """SELECT ip.interaction_id, ip.person_id
            FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
            WHERE ip.on_date = i.on_date ORDER BY 1, 2"""), links)
        self.assertEqual(rows(self.journal, """SELECT handle, first_interaction FROM people
            WHERE handle IN ('maya-okafor', 'sam-fischer') ORDER BY handle"""),
                         [("maya-okafor", "2026-06-10"), ("sam-fischer", None)])
        # Same schema as a journal made new by this netlog.
        self.assert_schema_of_a_new_journal()

    def test_the_migrated_journal_works(self):
        doc = self.js("show", "maya")
        self.assertEqual([i["on"] for i in doc["interactions"]], ["2026-09-03", "2026-06-10"])
        self.ok("add", "maya", "a call", "--on", "2026-11-20")
        doc = self.js("show", "maya")
        self.assertEqual([i["on"] for i in doc["interactions"]],
                         ["2026-11-20", "2026-09-03", "2026-06-10"])
        self.assertEqual(doc["person"]["last"], "2026-11-20")
        self.assertEqual(self.ok("check").out, "")

    def test_a_journal_of_a_newer_schema_is_refused_untouched(self):
        with sqlite3.connect(self.journal) as db:
            db.execute(f"PRAGMA user_version = {CURRENT + 1}")
        before = self.journal_bytes()
        self.fails(3, "people")
        self.assertEqual(self.journal_bytes(), before)


class MigrationFrom2(MigrationTest):
    FIXTURE = V2

    def test_a_version_2_journal_gains_the_audit_indexes_and_keeps_its_data(self):
        self.assertEqual(rows(self.journal, "PRAGMA user_version"), [(2,)])
        tables = ["people", "interactions", "asks", "favours", "deleted"]
        before = {t: rows(self.journal, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
        links = rows(self.journal, LINKS)
        audit = self.js("audit")  # a read migrates too
        self.assertEqual(rows(self.journal, "PRAGMA user_version"), [(CURRENT,)])
        for t in tables:
            self.assertEqual(table_rows(self.journal, t, before[t]), before[t], t)
        self.assertEqual(rows(self.journal, LINKS), links)
        plan = rows(self.journal, "EXPLAIN QUERY PLAN SELECT id, person_id, via, what, asked_on, "
                                  "status FROM asks WHERE direction = 'out'")
        self.assertIn("COVERING INDEX asks_out", plan[0][-1])
        self.assert_schema_of_a_new_journal()
        self.assertEqual(self.js("audit"), audit)
        self.assertGreater(audit["sections"]["purposeful"]["asks_out"], 0)


class MigrationFrom3(MigrationTest):
    FIXTURE = V3

    def test_a_version_3_journal_keeps_who_was_there_two_ways(self):
        self.assertEqual(rows(self.journal, "PRAGMA user_version"), [(3,)])
        tables = ["people", "interactions", "asks", "favours", "deleted"]
        before = {t: rows(self.journal, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
        links = rows(self.journal, LINKS)
        self.assertTrue(links)
        outputs = [self.js(*args) for args in (["audit"], ["due"], ["owe", "--all"], ["people"])]
        self.assertEqual(rows(self.journal, "PRAGMA user_version"), [(CURRENT,)])
        for t in tables:
            self.assertEqual(table_rows(self.journal, t, before[t]), before[t], t)
        # By person, with the date, and by interaction: the same links.
        self.assertEqual(rows(self.journal, LINKS), links)
        self.assertEqual(rows(self.journal, "SELECT interaction_id, person_id "
                                            "FROM interaction_members ORDER BY 1, 2"),
                         [link[:2] for link in links])
        self.assertEqual(self.ok("check").out, "")
        self.assert_schema_of_a_new_journal()
        # A migrated journal merges people like a new one.
        self.assertEqual([self.js(*args) for args in (["audit"], ["due"], ["owe", "--all"],
                                                       ["people"])], outputs)
        handles = [p["handle"] for p in outputs[3]["people"]]
        self.ok("people", "merge", handles[0], handles[1])
        self.assertEqual(self.ok("check").out, "")


class EmailsMigrated(MigrationTest):
    FIXTURE = V3

    def test_each_persons_email_becomes_their_primary_address(self):
        emails = rows(self.journal, "SELECT id, email FROM people WHERE email IS NOT NULL "
                                    "ORDER BY id")
        self.assertTrue(emails)
        self.assertEqual(self.ok("check").out, "")  # a read migrates too
        self.assertEqual(rows(self.journal, "SELECT person_id, email FROM person_emails "
                                            "WHERE position = 0 ORDER BY person_id"), emails)
        self.assertEqual(rows(self.journal, "SELECT count(*) FROM person_emails WHERE position > 0"),
                         [(0,)])
        handle = rows(self.journal, f"SELECT handle FROM people WHERE id = {emails[0][0]}")[0][0]
        person = self.js("show", handle)["person"]
        self.assertEqual(person["emails"], [emails[0][1]])
        self.ok("people", "set", handle, "--email", "second@example.org")
        self.assertEqual(self.js("show", handle)["person"]["emails"],
                         [emails[0][1], "second@example.org"])
        self.assert_schema_of_a_new_journal()


class IdsFrom3(MigrationTest):
    """Ids are never reused (issue #14), in journals made by earlier versions too."""
    FIXTURE = V3

    def newest(self, table):
        return rows(self.journal, f"SELECT max(id) FROM {table}")[0][0]

    def test_the_newest_entry_removed_by_an_older_netlog_keeps_its_id(self):
        # As netlog 0.3 removed the newest interaction, ask and favour: the rows go,
        # a deletion record of each stays.
        removed = {}
        with sqlite3.connect(self.journal) as db:
            for table, kind in (("interactions", "interaction"), ("asks", "ask"),
                                ("favours", "favour")):
                newest, uuid = db.execute(
                    f"SELECT id, uuid FROM {table} ORDER BY id DESC LIMIT 1").fetchone()
                db.execute("PRAGMA foreign_keys = ON")
                db.execute(f"DELETE FROM {table} WHERE id = ?", (newest,))
                db.execute("INSERT INTO deleted (uuid, type, deleted_at) VALUES "
                           "(?, ?, '2026-11-01T00:00:00.000Z')", (uuid, kind))
                removed[kind] = newest
        handle = self.js("people")["people"][0]["handle"]
        doc = self.js("add", handle, "a call", "--gave", "notes")
        self.assertGreater(int(doc["interaction"][1:]), removed["interaction"])
        self.assertGreater(int(doc["favours"][0][1:]), removed["favour"])
        doc = self.js("ask", "--from", handle, "A review")
        self.assertGreater(int(doc["ask"][1:]), removed["ask"])
        self.assertEqual(self.ok("check").out, "")

    def test_rm_of_the_newest_after_the_migration(self):
        handle = self.js("people")["people"][0]["handle"]
        newest = self.newest("interactions")
        self.ok("rm", f"i{newest}")
        self.assertEqual(self.js("add", handle, "a call")["interaction"], f"i{newest + 1}")


class SearchIndexFrom3(MigrationTest):
    """Schema 7 builds the full-text indexes of `netlog who` from what the journal holds."""
    FIXTURE = V3

    def test_a_version_3_journal_is_searchable_after_migrating(self):
        tables = ["people", "interactions", "favours", "deleted"]  # asks gain nudged_on (5)
        before = {t: rows(self.journal, f"SELECT * FROM {t} ORDER BY 1, 2") for t in tables}
        # Accents folded (Tomás), a company, an interaction's note, a prefix.
        self.assertEqual([m["person"] for m in self.js("who", "tomas")["matches"]],
                         ["tomas-herrera"])
        self.assertEqual(rows(self.journal, "PRAGMA user_version"), [(CURRENT,)])
        for t in tables:
            after = rows(self.journal, f"SELECT * FROM {t} ORDER BY 1, 2")
            if t == "interactions":  # they gain source and source_seq (8)
                after = [i[:-2] for i in after]
            self.assertEqual(after, before[t], t)
        self.assertEqual(sorted(m["person"] for m in self.js("who", "northwind")["matches"]),
                         ["jonas-berg", "maya-okafor", "李-小龙"])  # an ask names Northwind
        pilot = self.js("who", "pilot")["matches"]
        self.assertEqual([(m["person"], m["matched"][0]["field"]) for m in pilot],
                         [("tomas-herrera", "interaction")])
        self.assertEqual([m["person"] for m in self.js("who", "tail*")["matches"]], ["李-小龙"])
        self.assertEqual(rows(self.journal, "SELECT count(*) FROM search_interactions WHERE "
                                            "search_interactions MATCH 'migration'"), [(2,)])
        self.assertEqual(self.ok("check").out, "")
        self.assert_schema_of_a_new_journal()


class KeptDates(NetlogTest):
    """import json rewrites an interaction with its triggers off: the date it keeps for
    each person must follow all the same."""

    def test_an_import_that_moves_an_interaction_moves_it_for_its_people(self):
        self.ok("people", "add", "Ann Lee")
        self.ok("people", "add", "Bea Ruiz")
        self.ok("add", "ann,bea", "lunch", "--on", "2026-10-01")
        self.ok("add", "ann", "call", "--on", "2026-11-01")
        records = [json.loads(line) for line in self.ok("export").out.splitlines()]
        lunch = next(r for r in records if r.get("note") == "lunch")
        lunch["on"] = "2026-11-10"
        # Newer than the journal's, and within the day of the future import json allows.
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
        lunch["updated_at"] = later.strftime("%Y-%m-%dT%H:%M:%S.000Z")
        path = os.path.join(self.dir, "moved.jsonl")
        with open(path, "w") as fh:
            fh.write("".join(json.dumps(r) + "\n" for r in records))
        self.ok("import", "json", path)
        self.assertEqual([i["note"] for i in self.js("show", "ann")["interactions"]],
                         ["lunch", "call"])
        bea = self.js("show", "bea")["person"]
        self.assertEqual(bea["last"], "2026-11-10")
        self.assertEqual(self.ok("check").out, "")

    def test_check_finds_a_kept_date_out_of_step(self):
        self.ok("people", "add", "Ann Lee")
        self.ok("add", "ann", "lunch", "--on", "2026-10-01")
        self.assertEqual(self.ok("check").out, "")
        with sqlite3.connect(self.journal) as db:
            db.execute("UPDATE interaction_people SET on_date = '2026-01-01'")
        r = self.run_netlog("check")
        self.assertEqual(r.code, 3, r)
        self.assertIn("interaction i1 kept for ann-lee is '2026-01-01'", r.out + r.err)


if __name__ == "__main__":
    main()
