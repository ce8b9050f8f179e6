#!/bin/sh
# Rebuilds tests/data/demo.db, the sample journal of the README's quick start:
# a few months of a consultant's networking, as of 2026-11-26.
#   tests/data/make-demo.sh build/netlog tests/data/demo.db
set -eu
netlog_bin=$1
journal=$2
rm -f "$journal" "$journal-wal" "$journal-shm"

n() { # n DATE ARGS…: run netlog as if today were DATE
  day=$1
  shift
  NETLOG_CONFIG=/dev/null "$netlog_bin" --quiet --journal "$journal" --today "$day" "$@"
}

n 2026-06-02 people add "Maya Okafor" --tier inner --company "Northwind" --role "CTO" --email maya@northwind.example
n 2026-06-02 people add "Tomás Herrera" --tier inner --company "Fabrikam" --role "Head of Data"
n 2026-06-02 people add "Priya Natarajan" --tier network --company "Contoso" --role "Engineering Manager"
n 2026-06-02 people add "Jonas Berg" --tier network --via maya --company "Northwind"
n 2026-06-02 people add "李 小龙" --tier weak --company "Tailspin"
n 2026-06-02 people add "Ana O'Connell" --tier weak
n 2026-06-02 people add "Sam Fischer" --tier none --company "Litware"

n 2026-06-10 add maya "quarterly catch-up: their data platform migration" --kind coffee --got "intro to Jonas"
n 2026-07-01 add jonas "call about the migration contract" --kind call --them
n 2026-08-14 add tomas,priya "panel at the data meetup" --kind event --gave "reviewed Priya's talk"
n 2026-09-03 add maya "workshop retro" --kind meet --gave "wrote the retro notes"
n 2026-09-20 add 李 "met at the Tailspin launch" --kind event
n 2026-10-05 add priya "she asked about hiring" --kind call --them --got "shared their hiring rubric"
n 2026-10-28 add tomas "lunch: Fabrikam wants a pilot" --kind coffee --got "referral to their CFO" --weight 2
n 2026-11-18 add ana "coffee after the meetup" --kind coffee --them
n 2026-11-02 ask --from priya "feedback on her team's hiring rubric" --by 2026-11-20
n 2026-11-04 ask reply a1
n 2026-11-12 ask jonas "a 30-minute look at the migration plan" --by 2026-11-19
n 2026-11-20 ask sam "pick your brain about Litware's data stack"
n 2026-11-23 ask --from 李 "an intro to someone at Northwind"
n 2026-11-25 ask --from ana "review her conference talk proposal"
n 2026-11-26 ask decline a5

# Fold the WAL into the file, so that the one file in git holds everything.
sqlite3 "$journal" "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;" >/dev/null
rm -f "$journal-wal" "$journal-shm"
