#!/usr/bin/env python3
"""What a journal would weigh with compact stored formats (issue #20).

Copies a netlog journal's rows into a scratch file whose tables and indexes are
netlog's own (taken from the journal's schema), but with the values stored compactly:

  - uuids as 16-byte blobs instead of 36 characters of text;
  - dates (YYYY-MM-DD) as day numbers since 1970-01-01;
  - timestamps (…T…Z) as milliseconds since 1970, and updated_at left NULL when it
    equals created_at (a record never edited).

Then compares the size of each table and index, from SQLite's dbstat, with the
journal's. The search index (FTS5) holds the same texts either way: it is counted as
it is in the journal. Nothing here is netlog's format; it is a measurement of what a
change of stored formats would buy, before making it.

    python3 tests/bench/stored_formats.py /tmp/netlog-bench/heavy.db [--out scratch.db]

A value that is not in the regular form (a date that is not YYYY-MM-DD, a uuid that
is not one) is kept as it is, as netlog itself would have to.
"""
import argparse
import datetime
import os
import sqlite3
import sys
import tempfile
import uuid

TABLES = ["people", "interactions", "asks", "favours", "interaction_members",
          "interaction_people", "deleted", "person_aliases", "person_emails", "retired_ids"]
UUIDS = {"uuid", "merged_into"}
TIMESTAMPS = {"created_at", "updated_at", "deleted_at", "merged_at"}
DATES = {"on_date", "asked_on", "due_on", "by_on", "replied_on", "closed_on", "added_on",
         "snooze_until", "last_interaction", "last_contact", "since", "first_interaction"}
EPOCH = datetime.date(1970, 1, 1).toordinal()


def as_uuid(value):
    try:
        return uuid.UUID(value).bytes if isinstance(value, str) and len(value) == 36 else value
    except ValueError:
        return value


def as_day(value):
    try:
        return datetime.date.fromisoformat(value).toordinal() - EPOCH if isinstance(value, str) else value
    except ValueError:
        return value


def as_millis(value):
    if not isinstance(value, str) or not value.endswith("Z"):
        return value
    try:
        moment = datetime.datetime.fromisoformat(value[:-1] + "+00:00")
    except ValueError:
        return value
    return int(moment.timestamp() * 1000)


def converter(column):
    if column in UUIDS:
        return as_uuid
    if column in TIMESTAMPS:
        return as_millis
    if column in DATES:
        return as_day
    return lambda value: value


def sizes(db, where=""):
    return dict(db.execute(f"SELECT name, sum(pgsize) FROM dbstat {where} GROUP BY name"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("journal")
    parser.add_argument("--out", help="scratch file (default: a temporary one, removed)")
    args = parser.parse_args()

    source = sqlite3.connect(f"file:{os.path.abspath(args.journal)}?mode=ro", uri=True)
    folder = None
    if args.out:
        out = args.out
        if os.path.exists(out):
            sys.exit(f"stored_formats: {out} exists")
    else:
        folder = tempfile.TemporaryDirectory(prefix="netlog-formats-")
        out = os.path.join(folder.name, "compact.db")
    target = sqlite3.connect(out)

    schema = dict(source.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
    tables = [t for t in TABLES if t in schema]
    for table in tables:
        # NOT NULL would refuse the updated_at left out; types are only affinities.
        target.execute(schema[table].replace("updated_at TEXT NOT NULL", "updated_at"))
    for table in tables:
        columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")]
        convert = [converter(c) for c in columns]
        created = columns.index("created_at") if "created_at" in columns else None
        updated = columns.index("updated_at") if "updated_at" in columns else None
        insert = f"INSERT INTO {table} VALUES ({','.join('?' * len(columns))})"
        batch = []
        for row in source.execute(f"SELECT * FROM {table}"):
            values = [f(v) for f, v in zip(convert, row)]
            if updated is not None and row[updated] == row[created]:
                values[updated] = None
            batch.append(values)
            if len(batch) == 50000:
                target.executemany(insert, batch)
                batch = []
        target.executemany(insert, batch)
    placeholders = ",".join("?" * len(tables))
    for (sql,) in source.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND sql "
                                 f"IS NOT NULL AND tbl_name IN ({placeholders})", tables):
        target.execute(sql)
    target.commit()
    target.execute("VACUUM")

    before = sizes(source)
    after = sizes(target)
    search = {name: size for name, size in before.items() if name.startswith("search_")}
    names = sorted(set(before) | set(after), key=lambda n: -before.get(n, 0))
    print(f"{'table or index':40s} {'journal MB':>11s} {'compact MB':>11s}")
    for name in names:
        if name in search or name == "sqlite_schema":
            continue
        print(f"{name:40s} {before.get(name, 0) / 1e6:11.1f} {after.get(name, 0) / 1e6:11.1f}")
    print(f"{'search index (FTS5, unchanged)':40s} {sum(search.values()) / 1e6:11.1f} "
          f"{sum(search.values()) / 1e6:11.1f}")
    total_before = sum(before.values())
    total_after = sum(after.values()) + sum(search.values())
    print(f"{'total':40s} {total_before / 1e6:11.1f} {total_after / 1e6:11.1f}")
    page_size = source.execute("PRAGMA page_size").fetchone()[0]
    free = source.execute("PRAGMA freelist_count").fetchone()[0] * page_size
    print(f"journal file: {os.path.getsize(args.journal) / 1e6:.1f} MB "
          f"({free / 1e6:.1f} MB of it free pages)")
    target.close()
    if folder:
        folder.cleanup()


if __name__ == "__main__":
    main()
