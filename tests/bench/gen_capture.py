#!/usr/bin/env python3
"""Benchmark of capture (issue #18): generates a big mbox, the same messages as a
Maildir, and a calendar, then times `netlog import mail` (and its re-import) and
`netlog import calendar`, with the peak memory of each process.

    python3 tests/bench/gen_capture.py --netlog build-bench/netlog          # the full run
    python3 tests/bench/gen_capture.py --netlog build-cc/netlog --messages 2000 --events 200

The full run writes about 1 GB (100,000 messages with bodies) to --out (default
/tmp/netlog-bench-capture) and checks the issue's targets: import mail <= 20 s and
<= 100 MiB, re-import <= 10 s, a calendar of 5,000 events with 200 weekly over five
years <= 2 s. Deterministic for a --seed. Nothing leaves the machine.
"""
import argparse
import datetime
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time

TODAY = datetime.date(2026, 11, 26)


def addr(i):
    return f"person{i}@corp{i % 50}.example"


def write_people(path, people):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(people):
            f.write(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nEMAIL:{addr(i)}\r\n"
                    f"UID:bench-{i}\r\nEND:VCARD\r\n")


def messages(rng, count, people, body_bytes):
    """(headers, body) of `count` messages over the two years before today: threads of
    1-6 messages between me and one or two people, a fifth of them bulk."""
    start = datetime.datetime(TODAY.year - 2, TODAY.month, 1, 8, 0, tzinfo=datetime.timezone.utc)
    span = (datetime.datetime(TODAY.year, TODAY.month, TODAY.day,
                              tzinfo=datetime.timezone.utc) - start).total_seconds()
    filler = ("lorem ipsum dolor sit amet " * (body_bytes // 27 + 1))[:body_bytes]
    n = 0
    thread = 0
    while n < count:
        thread += 1
        other = addr(rng.randrange(people * 2))  # half of them are not in the journal
        when = start + datetime.timedelta(seconds=rng.random() * span * 0.98)
        subject = f"Project {thread} update"
        if rng.random() < 0.2:
            headers = [f"From: News <news{thread % 7}@lists.example>", "To: me@work.example",
                       f"List-Id: <list{thread % 7}.lists.example>",
                       f"Message-ID: <bulk{thread}@lists.example>", f"Subject: Digest {thread}"]
            yield when, headers, filler
            n += 1
            continue
        previous = []
        for k in range(min(rng.randint(1, 6), count - n)):
            mine = k % 2 == 1
            mid = f"t{thread}.m{k}@{'work' if mine else 'corp'}.example"
            headers = [f"From: {'Me <me@work.example>' if mine else f'Person <{other}>'}",
                       f"To: {other if mine else 'me@work.example'}",
                       f"Message-ID: <{mid}>",
                       f"Subject: {'Re: ' if k else ''}{subject}"]
            if previous:
                headers.append(f"In-Reply-To: <{previous[-1]}>")
                headers.append("References: " + " ".join(f"<{p}>" for p in previous))
            previous.append(mid)
            yield when, headers, filler
            when += datetime.timedelta(hours=rng.randint(1, 60))
            n += 1


def rfc2822(when):
    return when.strftime("%a, %d %b %Y %H:%M:%S +0000")


def write_mail(out, rng, count, people, body_bytes, maildir):
    mbox = os.path.join(out, "mail.mbox")
    md = os.path.join(out, "Maildir")
    if maildir:
        for sub in ("cur", "new", "tmp"):
            os.makedirs(os.path.join(md, sub), exist_ok=True)
    with open(mbox, "w", encoding="utf-8") as f:
        for i, (when, headers, body) in enumerate(messages(rng, count, people, body_bytes)):
            text = "\n".join([f"Date: {rfc2822(when)}", *headers,
                              "Content-Type: text/plain; charset=UTF-8", "", body, ""])
            f.write(f"From - {when.strftime('%a %b %d %H:%M:%S %Y')}\n{text}\n")
            if maildir:
                with open(os.path.join(md, "cur", f"{i:08d}.bench:2,S"), "w",
                          encoding="utf-8") as m:
                    m.write(text)
    return mbox, md


def write_calendar(path, rng, events, recurring, people):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//netlog//bench//EN"]
    for i in range(events):
        day = TODAY - datetime.timedelta(days=rng.randrange(5 * 365))
        lines += ["BEGIN:VEVENT", f"UID:bench-event-{i}@netlog.example",
                  f"DTSTART:{day.strftime('%Y%m%d')}T{9 + i % 8:02d}0000Z",
                  f"SUMMARY:Meeting {i}", "ORGANIZER:mailto:me@work.example",
                  f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{addr(rng.randrange(people))}"]
        if i < recurring:
            first = TODAY - datetime.timedelta(days=5 * 365)
            lines[-4] = f"DTSTART:{first.strftime('%Y%m%d')}T100000Z"
            lines.append("RRULE:FREQ=WEEKLY")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\r\n".join(lines) + "\r\n")


def timed(netlog, journal, *args):
    """Runs netlog; returns (seconds, peak MiB of that process, its JSON)."""
    env = {**os.environ, "NETLOG_JOURNAL": journal, "NETLOG_CONFIG": "/dev/null",
           "NETLOG_TODAY": TODAY.isoformat()}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    p = subprocess.run([netlog, "--json", *args], env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode != 0:
        sys.exit(f"netlog {' '.join(args)} failed: {p.stderr}")
    # ru_maxrss of the children is the largest so far: exact when this run is the largest.
    return seconds, max(peak, before) / 1024, json.loads(p.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--netlog", required=True)
    ap.add_argument("--out", default="/tmp/netlog-bench-capture")
    ap.add_argument("--messages", type=int, default=100_000)
    ap.add_argument("--body-bytes", type=int, default=10_000)
    ap.add_argument("--people", type=int, default=2_000)
    ap.add_argument("--events", type=int, default=5_000)
    ap.add_argument("--recurring", type=int, default=200)
    ap.add_argument("--no-maildir", action="store_true")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    journal = os.path.join(args.out, "journal.db")
    vcf = os.path.join(args.out, "people.vcf")
    write_people(vcf, args.people)
    timed(args.netlog, journal, "import", "vcard", vcf)
    mbox, maildir = write_mail(args.out, rng, args.messages, args.people, args.body_bytes,
                               not args.no_maildir)
    ics = os.path.join(args.out, "calendar.ics")
    write_calendar(ics, rng, args.events, args.recurring, args.people)

    scale = args.messages / 100_000
    rows = []
    for label, path, target in [("import mail (mbox)", mbox, 20 * scale),
                                ("re-import mail (mbox)", mbox, 10 * scale)] + (
            [] if args.no_maildir else [("import mail (Maildir)", maildir, 20 * scale)]):
        seconds, mib, doc = timed(args.netlog, journal, "import", "mail", path,
                                  "--me", "me@work.example")
        rows.append((label, seconds, mib, target, 100, doc["interactions"]))
    seconds, mib, doc = timed(args.netlog, journal, "import", "calendar", ics,
                              "--me", "me@work.example")
    # The target, 2 s for 4,800 single events and 200 weekly over five years (52,200
    # occurrences), scaled by the occurrences this calendar has.
    occurrences = args.events - args.recurring + args.recurring * 261
    rows.append(("import calendar", seconds, mib, 2 * occurrences / (4800 + 200 * 261), None,
                 doc["interactions"]))
    missed = 0
    for label, seconds, mib, target, mem, counts in rows:
        ok = seconds <= target and (mem is None or mib <= mem)
        missed += not ok
        print(f"{label:24} {seconds:7.2f} s (target {target:.2f})  peak {mib:6.1f} MiB"
              f"  {counts}  {'ok' if ok else 'MISSED'}")
    sys.exit(1 if missed and args.strict else 0)


if __name__ == "__main__":
    main()
