#!/usr/bin/env python3
"""Builds a big synthetic netlog journal for the speed benchmark (run_bench.py).

The journal is created by netlog itself (`netlog people add`), so the real
schema, triggers, application_id and user_version are in place; nothing of the
schema is copied here. The bootstrap person is then removed and the synthetic
records are inserted with sqlite3 in one transaction, into the same tables,
and the schema's triggers keep the per-person totals (interactions, last
contact, gave/got, since) exactly as netlog's own writes would.

Deterministic for a given --seed and sizes; each table draws from its own
random stream, so the people are the same whatever the number of
interactions (run_bench.py relies on that for its scaling check).

    python3 tests/bench/gen_journal.py --netlog build-bench/netlog \
        --out /tmp/netlog-bench/journal.db
"""
import argparse
import datetime
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time

DEFAULT_TODAY = "2026-11-26"  # the tests' fixed today, a Thursday
YEARS = 10

FIRST = """Aaron Abigail Adam Adrian Aisha Alan Albert Alex Alice Amara Amelia Amir Ana Andre
Andrew Angela Anna Anton Arjun Ava Beatrice Ben Bianca Boris Brian Bruno Camila Carl Carla
Carlos Caroline Chen Chloe Chris Claire Clara Daniel David Diana Diego Dmitri Elena Eli Elif
Emily Emma Eric Erik Eva Fatima Felix Fiona Frank Gabriel George Grace Hana Hannah Hassan
Helen Henry Hugo Ian Ines Irene Isaac Ivan Jack Jacob James Jana Jane Jason Javier Jin John
Jonas Jorge Julia Kai Karen Kate Kenji Kevin Lara Laura Leo Lena Liam Lina Lucas Lucy Luis
Maria Mark Marta Mateo Max Maya Mei Mia Michael Mila Nadia Nina Noah Nora Olga Oliver Omar
Paul Pedro Peter Priya Rafael Rania Ravi Rosa Ruth Sam Samir Sara Sofia Sven Tara Theo
Thomas Tom Uma Victor Vera Wei Will Xin Yara Yuki Yusuf Zara Zoe""".split()
LAST = """Abbott Adams Ahmed Alvarez Andersen Bauer Becker Bell Berg Bianchi Brooks Brown
Campbell Carter Castro Chen Clark Costa Cruz Das Davies Diaz Dubois Edwards Evans Fischer
Fleming Foster Garcia Gomez Gonzalez Green Gupta Hall Hansen Harris Hayes Hill Hoffmann
Huang Hughes Ito Jackson Jensen Johnson Jones Kang Kaur Khan Kim King Klein Koch Kowalski
Kumar Larsen Lee Lewis Li Lin Lopez Martin Martinez Meyer Miller Moore Morales Morris
Muller Murphy Nakamura Nguyen Novak Olsen Ortiz Park Patel Perez Petrov Phillips Popescu
Price Reyes Richter Rivera Roberts Rossi Russo Sanchez Santos Sato Schmidt Schneider Silva
Singh Smith Sousa Suzuki Tanaka Taylor Thomas Torres Turner Wagner Walker Wang Weber White
Williams Wilson Wong Wright Wu Yamamoto Yang Young Zhang Zimmermann""".split()
COMPANIES = """Acme Globex Initech Umbrella Hooli Stark Wayne Wonka Tyrell Cyberdyne Soylent
Vandelay Pied-Piper Aperture Massive Dynamic Gringotts Oscorp Nakatomi Monarch""".split()
ROLES = ["CTO", "Engineer", "Product Manager", "Founder", "Investor", "Designer",
         "Recruiter", "Researcher", "Sales Lead", "Professor", "Consultant", "Editor"]
TAGS = ["investor", "mentor", "alumni", "conference", "hiring", "client", "press"]
KINDS = ["meet", "call", "coffee", "message", "email", "event", "intro"]
NOTES = ["talked about the roadmap", "intro to their CTO", "caught up on the new job",
         "discussed the grant proposal", "reviewed my slides", "coffee near the office",
         "met at the meetup", "long call about hiring", "asked for feedback on the draft",
         "shared the conference recap", "planned the workshop", "quick sync on the contract"]
FAVOURS = ["intro to a recruiter", "reviewed the deck", "reference letter", "lent the book",
           "feedback on the paper", "shared a job lead", "warm intro to an investor",
           "helped with the move", "code review", "spoke at our meetup"]
ASKS_SPECIFIC = ["Could you review section 2 of my grant proposal?",
                 "Would you introduce me to your head of data?",
                 "Can you send the contact of the venue manager?",
                 "Would you be a reference for the Berlin role?",
                 "Could you give feedback on the pricing page by Friday?"]
ASKS_VAGUE = ["Can I pick your brain?", "Want to grab a coffee sometime?",
              "Quick chat next week?", "Let's catch up!", "Would love to connect"]

# tier, share of people, weight when drawing the people of an interaction or ask
TIERS = [("inner", 0.05, 40.0), ("network", 0.15, 10.0), ("weak", 0.40, 2.0),
         ("none", 0.40, 0.05)]


class Days:
    """ISO strings of the days in the generated span, from `today` back YEARS years."""

    def __init__(self, today):
        self.today = datetime.date.fromisoformat(today)
        self.count = YEARS * 365 + YEARS // 4
        start = self.today - datetime.timedelta(days=self.count - 1)
        self.iso = [(start + datetime.timedelta(days=d)).isoformat()
                    for d in range(self.count + 400)]  # + room for future --by dates
        self.last = self.count - 1  # index of today

    def clamp(self, day):
        return min(day, self.last)


def uuid4(rng):
    """A version 4 UUID from `rng` (uuid.uuid4() would not be reproducible)."""
    h = f"{rng.getrandbits(128):032x}"
    variant = "89ab"[int(h[16], 16) & 3]
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"


def stamp(days, day, rng):
    """A UTC timestamp on the given day, as netlog writes them."""
    s = rng.randrange(86400000)
    return (f"{days.iso[day]}T{s // 3600000:02}:{s // 60000 % 60:02}:"
            f"{s // 1000 % 60:02}.{s % 1000:03}Z")


def make_people(n, days, seed):
    rng = random.Random(f"{seed}-people")
    tiers = rng.choices([t[0] for t in TIERS], weights=[t[1] for t in TIERS], k=n)
    rows, seen = [], set()
    for pid in range(1, n + 1):
        tier = tiers[pid - 1]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        base = name.lower().replace(" ", "-")
        handle, k = base, 1
        while handle in seen:
            k += 1
            handle = f"{base}-{k}"
        seen.add(handle)
        # Imported connections arrive any time; people met by hand mostly early on.
        if tier == "none":
            source = "linkedin"
            added = rng.randrange(days.count)
        else:
            source = rng.choices(["manual", "linkedin", "vcard"], [70, 25, 5])[0]
            added = rng.randrange(days.count // 3)
        created = stamp(days, added, rng)
        first = name.split()[0].lower()
        rows.append((
            pid, uuid4(rng), handle, name, name.lower(), tier,
            rng.choice([14, 60, 180]) if rng.random() < 0.05 else None,
            rng.randrange(1, pid) if pid > 1 and rng.random() < 0.10 else None,
            source,
            f"{first}.{pid}@example.com" if rng.random() < 0.5 else None,
            rng.choice(COMPANIES) if rng.random() < 0.6 else None,
            rng.choice(ROLES) if rng.random() < 0.4 else None,
            f"https://example.com/in/{handle}" if rng.random() < 0.1 else None,
            "met through the alumni network" if rng.random() < 0.1 else None,
            json.dumps([rng.choice(TAGS)]) if rng.random() < 0.2 else "[]",
            days.iso[added],
            days.iso[days.last + rng.randrange(1, 60)] if rng.random() < 0.01 else None,
            created, created))
    weights = {t[0]: t[2] for t in TIERS}
    return rows, [weights[t] for t in tiers]


def make_interactions(m, n, person_weights, days, seed):
    rng = random.Random(f"{seed}-interactions")
    dates = sorted(rng.randrange(days.count) for _ in range(m))
    sizes = [min(s, n) for s in rng.choices([1, 2, 3], weights=[70, 20, 10], k=m)]
    draws = rng.choices(range(1, n + 1), weights=person_weights, k=sum(sizes) * 2)
    rows, links, members = [], [], []
    d = 0
    for iid, (day, size) in enumerate(zip(dates, sizes), start=1):
        people = []
        while len(people) < size:  # distinct people; a third of spare draws is plenty
            p = draws[d % len(draws)]
            d += 1
            if p not in people:
                people.append(p)
        members.append(people)
        links.extend((iid, p, days.iso[day]) for p in people)
        created = stamp(days, day, rng)
        rows.append((iid, uuid4(rng), days.iso[day], rng.choice(KINDS), rng.choice(NOTES),
                     '["work"]' if rng.random() < 0.1 else "[]",
                     1 if rng.random() < 0.3 else 0, created, created))
    return rows, links, dates, members


def make_asks(a, n, person_weights, tiers, days, seed, heavy=False):
    """Asks in both directions with every status; open ones mostly recent. In the heavy
    shape every second ask is open whatever its age (what `due` lists)."""
    rng = random.Random(f"{seed}-asks")
    trusted = [pid for pid, t in enumerate(tiers, start=1) if t in ("inner", "network")] or [1]
    statuses = ["open", "replied", "done", "declined", "dropped"]
    rows, done = [], []
    for aid in range(1, a + 1):
        direction = rng.choice(["in", "out"])
        person = rng.choices(range(1, n + 1), weights=person_weights)[0]
        asked = rng.randrange(days.count)
        # Asks still in flight are recent; a few old ones were left hanging (what `due`
        # is for), the rest were closed long ago.
        in_flight = days.last - asked < 30
        status = rng.choices(statuses, weights=[25, 20, 30, 15, 10] if in_flight
                             else [0.5, 0.5, 50, 25, 24])[0]
        if heavy and aid % 2 == 0:
            status = "open"
        vague = rng.random() < 0.1
        what = rng.choice(ASKS_VAGUE if vague else ASKS_SPECIFIC)
        via = rng.choice(trusted) if direction == "out" and rng.random() < 0.2 else None
        by = asked + rng.randrange(3, 30) if rng.random() < 0.3 else None
        due = asked + 2 if direction == "in" else (by if by is not None else asked + 7)
        replied = closed = None
        if status == "replied" or (status == "done" and rng.random() < 0.6):
            replied = days.clamp(asked + rng.randrange(6))
        if status == "done":
            closed = days.clamp((replied if replied is not None else asked) + rng.randrange(30))
            done.append((aid, person, direction, closed))
        elif status == "declined":
            closed = days.clamp(asked + rng.randrange(5))
        elif status == "dropped":
            closed = days.clamp(asked + rng.randrange(60))
        last = max(x for x in (asked, replied, closed) if x is not None)
        rows.append((aid, uuid4(rng), direction, person, via, what, days.iso[asked],
                     days.iso[due], days.iso[by] if by is not None else None, status,
                     days.iso[replied] if replied is not None else None,
                     days.iso[closed] if closed is not None else None, "",
                     stamp(days, asked, rng), stamp(days, last, rng)))
    return rows, done


def make_favours(f, interaction_dates, members, done_asks, days, seed, n=0, heavy=False):
    """One favour per ask done (what `ask done` records), the rest from interactions.
    In the heavy shape every person first gets a favour received (no interaction) and
    every favour at an interaction is one received, so that each person has a favour to
    return (`due` lists all of them under reciprocate, `owe` has n balances)."""
    rng = random.Random(f"{seed}-favours")
    rows = []
    fid = 0
    if heavy:
        for person in range(1, min(n, f) + 1):
            fid += 1
            day = rng.randrange(days.count)
            when = stamp(days, day, rng)
            rows.append((fid, uuid4(rng), person, "got", rng.choices([1, 2, 3], [80, 15, 5])[0],
                         rng.choice(FAVOURS), days.iso[day], None, None, when, when))
    for aid, person, direction, closed in done_asks[:f - fid]:
        fid += 1
        when = stamp(days, closed, rng)
        rows.append((fid, uuid4(rng), person, "gave" if direction == "in" else "got", 1,
                     "done: " + rng.choice(FAVOURS), days.iso[closed], None, aid, when, when))
    picks = sorted(rng.choices(range(len(members)), k=f - fid)) if members else []
    for i in picks:
        fid += 1
        day = interaction_dates[i]
        when = stamp(days, day, rng)
        direction = rng.choice(["gave", "got"])
        rows.append((fid, uuid4(rng), rng.choice(members[i]), "got" if heavy else direction,
                     rng.choices([1, 2, 3], weights=[80, 15, 5])[0], rng.choice(FAVOURS),
                     days.iso[day], i + 1, None, when, when))
    return rows


def bootstrap(netlog, out, today):
    """Creates the journal with netlog itself: real schema, application_id, user_version."""
    with tempfile.TemporaryDirectory(prefix="netlog-gen-") as tmp:
        config = os.path.join(tmp, "config.toml")
        open(config, "w").close()
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp,
               "LC_ALL": "C.UTF-8", "NETLOG_JOURNAL": out, "NETLOG_CONFIG": config,
               "NETLOG_TODAY": today}
        subprocess.run([netlog, "-q", "people", "add", "Bench Bootstrap"], env=env, check=True)


def generate(args):
    days = Days(args.today)
    n, m = args.people, args.interactions
    f = args.favours if args.favours is not None else m // 5
    a = args.asks if args.asks is not None else m // 20
    t0 = time.perf_counter()
    people, weights = make_people(n, days, args.seed)
    tiers = [row[5] for row in people]
    interactions, links, dates, members = make_interactions(m, n, weights, days, args.seed)
    heavy = args.shape == "heavy"
    asks, done = make_asks(a, n, weights, tiers, days, args.seed, heavy)
    favours = make_favours(f, dates, members, done, days, args.seed, n, heavy)
    del members
    t1 = time.perf_counter()
    print(f"made {n} people, {m} interactions ({len(links)} links), {len(favours)} favours, "
          f"{a} asks in Python: {t1 - t0:.1f} s", flush=True)

    bootstrap(args.netlog, args.out, args.today)
    db = sqlite3.connect(args.out, isolation_level=None)
    # Generation only: no fsync and no rollback journal on disk; WAL is back at the end.
    db.execute("PRAGMA journal_mode = MEMORY")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -524288")  # 512 MiB
    db.execute("PRAGMA temp_store = MEMORY")
    timings = {}
    db.execute("BEGIN")
    db.execute("DELETE FROM people")  # the bootstrap person; ids restart at 1
    for table, sql, rows in [
        ("people", """INSERT INTO people (id, uuid, handle, name, name_key, tier, cadence_days,
            introduced_by, source, email, company, role, url, notes, tags, added_on,
            snooze_until, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", people),
        ("interactions", """INSERT INTO interactions (id, uuid, on_date, kind, note, tags, them,
            created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", interactions),
        # Who was at each interaction; a trigger adds each person's row of
        # interaction_people (keyed by person, with the date).
        ("interaction_members", """INSERT INTO interaction_members (interaction_id, person_id)
            VALUES (?, ?)""", [link[:2] for link in links]),
        ("asks", """INSERT INTO asks (id, uuid, direction, person_id, via, what, asked_on,
            due_on, by_on, status, replied_on, closed_on, note, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", asks),
        ("favours", """INSERT INTO favours (id, uuid, person_id, direction, weight, what, on_date,
            interaction_id, ask_id, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", favours),
    ]:
        start = time.perf_counter()
        db.executemany(sql, rows)
        timings[table] = round(time.perf_counter() - start, 2)
        print(f"  {table}: {len(rows)} rows in {timings[table]:.1f} s", flush=True)
    # Every address of a person, the primary one first (schema 6), as netlog keeps them.
    db.execute("INSERT INTO person_emails (person_id, position, email) SELECT id, 0, email "
               "FROM people WHERE email IS NOT NULL AND email <> '' ORDER BY id")
    db.execute("COMMIT")
    db.execute("PRAGMA journal_mode = WAL")
    # Sanity: the triggers did their work.
    got = db.execute("SELECT sum(interactions) FROM people").fetchone()[0] or 0
    if got != len(links):
        sys.exit(f"gen_journal: triggers counted {got} interaction links, expected {len(links)}")
    db.close()
    t2 = time.perf_counter()
    print(f"inserted in {t2 - t1:.1f} s; total {t2 - t0:.1f} s; "
          f"{os.path.getsize(args.out) / 2**20:.0f} MiB at {args.out}")
    meta = {"seed": args.seed, "shape": args.shape, "today": args.today, "people": n, "interactions": m,
            "links": len(links), "favours": len(favours), "asks": a,
            "python_s": round(t1 - t0, 2), "insert_s": round(t2 - t1, 2),
            "insert_by_table_s": timings}
    with open(args.out + ".json", "w") as fh:
        json.dump(meta, fh, indent=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="/tmp/netlog-bench/journal.db",
                        help="journal to write (default %(default)s)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    parser.add_argument("--netlog", default=os.environ.get("NETLOG_BIN") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "build-bench", "netlog"),
        help="the netlog binary (default $NETLOG_BIN, else build-bench/netlog)")
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=1_000_000)
    parser.add_argument("--favours", type=int, help="default interactions / 5")
    parser.add_argument("--asks", type=int, help="default interactions / 20")
    parser.add_argument("--today", default=DEFAULT_TODAY,
                        help="the last day of the generated history (default %(default)s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shape", choices=["normal", "heavy"], default="normal",
                        help="normal (default): asks mostly closed, favours both ways; heavy: "
                        "every second ask open and every person owed a favour, so that `due` "
                        "lists ~38,000 items and `owe` 10,000 balances")
    args = parser.parse_args()
    if args.people < 1 or args.interactions < 0:
        parser.error("--people must be at least 1 and --interactions at least 0")
    args.out = os.path.abspath(args.out)
    if os.path.exists(args.out):
        if not args.force:
            parser.error(f"{args.out} exists; give --force to replace it")
        for suffix in ("", "-wal", "-shm", ".json"):
            if os.path.exists(args.out + suffix):
                os.remove(args.out + suffix)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    generate(args)


if __name__ == "__main__":
    main()
