"""Capture from mail and calendar (issue #18): `import mail` and `import calendar` on
files in the formats people have (tests/data/capture, see SOURCES.md there): an mbox
as Thunderbird keeps it, a Maildir Sent folder, Gmail Takeout's layout, and iCalendar
exports of Google Calendar, Outlook, Apple Calendar and Thunderbird, with the real
files of python-icalendar's test suite."""
import json
import os
import glob
import subprocess
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import SOURCE_DIR, NetlogTest, main  # noqa: E402

DATA = os.path.join(SOURCE_DIR, "tests", "data", "capture")
MAIL = os.path.join(DATA, "mail")
INBOX = os.path.join(MAIL, "Inbox.mbox")
SENT = os.path.join(MAIL, "Maildir", "Sent")
TAKEOUT = os.path.join(MAIL, "Takeout")
CAL = os.path.join(DATA, "calendar")
TODAY = "2024-03-20"
ME = ["--me", "me@work.example", "--me", "me@home.example"]


class Capture(NetlogTest):
    def setUp(self):
        super().setUp()
        self.people()

    def people(self):
        self.ok("people", "add", "Dana Reyes", "--tier", "inner", "--email", "dana@acme.example",
                "--email", "d.reyes@home.example", today="2024-01-01")
        self.ok("people", "add", "Omar Alvarez", "--tier", "network", "--email",
                "omar@beta.example", today="2024-01-01")
        self.ok("people", "add", "Lee Park", "--email", "lee@gamma.example", today="2024-01-01")

    def mail(self, *args, today=TODAY):
        return self.js("import", "mail", *args, *ME, today=today)

    def calendar(self, name, *args, today=TODAY):
        return self.js("import", "calendar", os.path.join(CAL, name), *args, *ME, today=today)

    def log(self):
        return self.js("log", "--limit", "100", today=TODAY)["interactions"]

    def asks(self):
        return self.js("ask", "list", "--all", today=TODAY)["asks"]

    def export(self):
        return [json.loads(l) for l in self.ok("export", today=TODAY).out.splitlines()[1:]]


class WhoIAm(Capture):
    def test_mail_and_calendar_refuse_without_my_addresses_and_say_how_to_set_them(self):
        before = self.journal_bytes()
        for args in (["mail", INBOX], ["calendar", os.path.join(CAL, "google.ics")]):
            r = self.fails(2, "import", *args, today=TODAY)
            self.assertIn("--me", r.err)
            self.assertIn("[me] emails", r.err)
        self.assertEqual(self.journal_bytes(), before)

    def test_the_config_says_who_i_am(self):
        self.write_config('[me]\nemails = ["Me@Work.example"]\n')
        doc = self.js("import", "mail", INBOX, today=TODAY)
        self.assertEqual(doc["me"], ["me@work.example"])
        self.assertEqual(doc["interactions"]["added"], 4)

    def test_a_bad_address_is_refused(self):
        self.fails(2, "import", "mail", INBOX, "--me", "nobody", today=TODAY)
        self.write_config('[me]\nemails = ["not an address"]\n')
        r = self.fails(3, "import", "mail", INBOX, today=TODAY)
        self.assertIn("me.emails", r.err)


class Mail(Capture):
    def test_a_thunderbird_mbox_makes_one_email_interaction_per_thread_per_day(self):
        r = self.run_netlog("--json", "import", "mail", INBOX, *ME, today=TODAY)
        self.assertEqual(r.code, 0, r)
        doc = r.json()
        m = doc["messages"]
        # 9 messages: 2 bulk (List-Id, noreply@), 1 without From, 2 with strangers only.
        self.assertEqual((m["read"], m["bulk"], m["skipped"], m["strangers"], m["matched"]),
                         (9, 2, 1, 2, 4))
        self.assertRegex(r.err, r"Inbox\.mbox:byte \d+: no From address; skipped")
        log = {(i["on"], i["note"]): (i["kind"], sorted(i["people"]), i["them"])
               for i in self.log()}
        self.assertEqual(log, {
            ("2024-03-04", "Intro to your CFO?"): ("email", ["dana-reyes"], True),
            # RFC 2047 names and subjects; Lee in Cc is in it too.
            ("2024-03-05", "Café next week?"): ("email", ["lee-park", "omar-alvarez"], True),
            ("2024-03-06", "Re: Café next week?"): ("email", ["lee-park", "omar-alvarez"], False),
            # An ISO-8859-1 subject without encoding, read as Latin-1.
            ("2024-03-08", "Project notes été"): ("email", ["lee-park"], True),
        })
        # Nothing about the strangers (Sam, Bea) nor the senders of bulk mail.
        self.assertEqual(len(self.js("people", today=TODAY)["people"]), 3)
        self.assertNotIn("delta.example", self.ok("export", today=TODAY).out)

    def test_a_reply_owed_is_opened_and_a_later_import_of_my_reply_closes_it(self):
        doc = self.mail(INBOX)
        # Dana (inner) wrote last, to me: a reply owed. Omar (network) got my answer.
        # Lee (weak) is not trusted: no ask.
        opened = doc["replies_owed"]["opened"]
        self.assertEqual([(a["person"], a["what"], a["asked_on"], a["due_on"]) for a in opened],
                         [("dana-reyes", "Intro to your CFO?", "2024-03-04", "2024-03-06")])
        due = self.js("due", today="2024-03-10")
        self.assertEqual([(d["person"], d["ask"]) for d in due["replies"]],
                         [("dana-reyes", opened[0]["ask"])])
        digest = self.ok("due", "--digest", today="2024-03-10").out
        self.assertIn("Intro to your CFO?", digest)
        # The Sent folder, imported later, holds my reply of the 13th.
        doc = self.mail(SENT)
        self.assertEqual(doc["replies_owed"]["closed"],
                         [{"ask": opened[0]["ask"], "person": "dana-reyes",
                           "replied_on": "2024-03-13"}])
        ask = self.asks()[0]
        self.assertEqual((ask["status"], ask["replied_on"]), ("replied", "2024-03-13"))
        self.assertEqual(self.js("due", today=TODAY)["replies"], [])
        audit = self.js("audit", today=TODAY)["sections"]["act_quickly"]
        self.assertEqual((audit["asks_in"], audit["median_reply_days"]), (1, 9))

    def test_an_ask_the_user_closed_is_never_reopened_nor_made_again(self):
        ask = self.mail(INBOX)["replies_owed"]["opened"][0]["ask"]
        self.ok("ask", "decline", ask, today=TODAY)
        for _ in range(2):
            doc = self.mail(INBOX, SENT)
            self.assertEqual(doc["replies_owed"], {"opened": [], "closed": []})
        self.assertEqual([(a["id"], a["status"]) for a in self.asks()], [(ask, "declined")])
        self.ok("rm", ask, today=TODAY)
        self.assertEqual(self.mail(INBOX)["replies_owed"]["opened"], [])
        self.assertEqual(self.asks(), [])

    def test_re_importing_adds_and_changes_nothing(self):
        self.mail(INBOX, SENT)
        before = self.ok("export", today=TODAY).out.splitlines()[1:]
        doc = self.mail(INBOX, SENT)
        self.assertEqual(doc["interactions"], {"added": 0, "unchanged": 6})
        self.assertEqual(doc["replies_owed"], {"opened": [], "closed": []})
        self.assertEqual(self.ok("export", today=TODAY).out.splitlines()[1:], before)

    def test_a_subject_without_references_continues_its_thread(self):
        self.mail(INBOX, SENT)
        exported = [r for r in self.export() if r["type"] == "interaction"]
        lee = sorted((r["on"], r["source"]) for r in exported
                     if "Project notes" in r["note"])
        # Lee's notes on the 8th, my "RE:" without References a week later: one thread.
        self.assertEqual([on for on, _ in lee], ["2024-03-08", "2024-03-15"])
        self.assertEqual({s.rsplit("/", 1)[0] for _, s in lee},
                         {"mail:lee-notes-1@gamma.example"})

    def test_new_adds_only_correspondents_of_a_two_way_exchange(self):
        shutil.rmtree(self.dir)
        os.makedirs(self.home)
        self.write_config("")
        without = self.mail(INBOX, SENT)
        self.assertEqual(without["people_added"], [])
        self.assertFalse(os.path.exists(self.journal) and self.js("people", today=TODAY)["people"])
        doc = self.mail(INBOX, SENT, "--new")
        # Sam and Lee wrote to me and I answered; Bea only pitched; Omar I answered
        # but he wrote to me too: all two-way but Bea.
        self.assertEqual(sorted((p["handle"], p["email"]) for p in doc["people_added"]),
                         [("dana-reyes", "dana@acme.example"),
                          ("lee-park", "lee@gamma.example"),
                          ("omar-alvarez", "omar@beta.example"),
                          ("sam-stranger", "sam@delta.example")])
        people = {p["handle"]: p["tier"] for p in self.js("people", today=TODAY)["people"]}
        self.assertEqual(set(people.values()), {"weak"})
        self.assertEqual(self.js("show", "sam-stranger", today=TODAY)["person"]["source"], "mail")

    def test_gmail_takeout_matches_a_second_address_and_ignores_spam(self):
        doc = self.mail(TAKEOUT)
        self.assertEqual((doc["messages"]["read"], doc["messages"]["bulk"]), (2, 1))
        self.assertEqual([(a["person"], a["what"]) for a in doc["replies_owed"]["opened"]],
                         [("dana-reyes", "Board seat question")])
        self.assertEqual([(i["on"], i["people"]) for i in self.log()],
                         [("2024-03-10", ["dana-reyes"])])

    def test_replies_owed_follow_the_config(self):
        self.write_config('[mail]\nreplies_owed = "off"\n')
        self.assertEqual(self.mail(INBOX)["replies_owed"]["opened"], [])
        self.write_config('[mail]\nreplies_owed = "known"\n')
        opened = self.mail(INBOX)["replies_owed"]["opened"]
        # Lee (weak) counts now: his notes of the 8th are unanswered in the inbox.
        self.assertEqual(sorted(a["person"] for a in opened), ["dana-reyes", "lee-park"])

    def test_dry_run_since_and_strict(self):
        before = self.journal_bytes()
        doc = self.mail(INBOX, "--dry-run")
        self.assertTrue(doc["dry_run"])
        self.assertEqual(doc["interactions"]["added"], 4)
        self.assertEqual(self.journal_bytes(), before)
        doc = self.mail(INBOX, "--since", "2024-03-06")
        self.assertEqual(doc["messages"]["older"], 2)  # Dana's and Omar's; bulk is bulk
        self.assertEqual(doc["interactions"]["added"], 2)
        r = self.fails(2, "import", "mail", INBOX, "--strict", *ME, today=TODAY)
        self.assertIn("--strict", r.err)
        # Messages dated after today are left out.
        self.assertEqual(self.mail(INBOX, today="2024-03-05")["messages"]["future"], 4)

    def test_a_truncated_mbox_imports_what_it_holds(self):
        with open(INBOX, "rb") as f:
            data = f.read()
        cut = os.path.join(self.dir, "cut.mbox")
        with open(cut, "wb") as f:
            f.write(data[:data.index(b"Message-ID: <omar-cafe-1")])
        r = self.run_netlog("--json", "import", "mail", cut, *ME, today=TODAY)
        self.assertEqual(r.code, 0, r)
        self.assertRegex(r.err, r"cut\.mbox:byte \d+: cut short inside its headers; skipped")
        self.assertEqual([i["note"] for i in self.log()], ["Intro to your CFO?"])

    def test_a_read_error_in_the_middle_of_the_file_stores_nothing(self):
        # A bad sector, made by a read() that fails with EIO from a byte on (an
        # LD_PRELOAD shim, compiled here): exit 3, nothing imported, not a partial
        # import of what came before it, whether an mbox or a Maildir file.
        shim = os.path.join(self.dir, "eio.so")
        source = os.path.join(os.path.dirname(__file__), "shims", "eio.c")
        subprocess.run(["cc", "-shared", "-fPIC", "-o", shim, source, "-ldl"], check=True)
        maildir = os.path.join(self.dir, "Maildir")
        shutil.copytree(os.path.join(MAIL, "Maildir"), maildir)
        one = sorted(glob.glob(os.path.join(maildir, "Sent", "cur", "*")))[0]
        asan = os.environ.get("ASAN_OPTIONS", "")
        for path, at in ((INBOX, 1500), (os.path.join(maildir, "Sent"), 100)):
            with self.subTest(path=path):
                bad = os.path.realpath(INBOX if path == INBOX else one)
                env = {"LD_PRELOAD": shim, "NETLOG_TEST_EIO_FILE": bad,
                       "NETLOG_TEST_EIO_AT": str(at),
                       # A sanitizer build: its runtime need not come first.
                       "ASAN_OPTIONS": (asan + ":" if asan else "") + "verify_asan_link_order=0"}
                before = self.journal_bytes()
                r = self.run_netlog("import", "mail", path, *ME, env=env, today=TODAY)
                self.assertEqual(r.code, 3, r)
                self.assertRegex(r.err, r"\Anetlog: read error in .* at byte \d+ \(Input/output "
                                        r"error\); nothing imported\n\Z")
                self.assertEqual(self.journal_bytes(), before)
                self.assertEqual(self.log(), [])
        # Without the shim, both read whole.
        self.assertGreater(self.mail(INBOX)["interactions"]["added"], 0)

    def test_a_maildir_file_that_vanishes_while_reading_is_skipped(self):
        # The mail client moved it between the listing and the reading (the shim's
        # open() says ENOENT for it): a warning, and the rest is imported.
        shim = os.path.join(self.dir, "eio.so")
        source = os.path.join(os.path.dirname(__file__), "shims", "eio.c")
        subprocess.run(["cc", "-shared", "-fPIC", "-o", shim, source, "-ldl"], check=True)
        maildir = os.path.join(self.dir, "Maildir")
        shutil.copytree(os.path.join(MAIL, "Maildir"), maildir)
        files = sorted(glob.glob(os.path.join(maildir, "Sent", "*", "*")))
        gone = files[0]
        asan = os.environ.get("ASAN_OPTIONS", "")
        env = {"LD_PRELOAD": shim, "NETLOG_TEST_VANISH_FILE": gone,
               "ASAN_OPTIONS": (asan + ":" if asan else "") + "verify_asan_link_order=0"}
        r = self.run_netlog("--json", "import", "mail", os.path.join(maildir, "Sent"), *ME,
                            env=env, today=TODAY)
        self.assertEqual(r.code, 0, r)
        self.assertIn(gone + ": the file vanished while reading; skipped", r.err)
        self.assertEqual(json.loads(r.out)["messages"]["read"], len(files) - 1)

    def test_bad_paths(self):
        r = self.fails(2, "import", "mail", os.path.join(MAIL, "nothing-here"), *ME, today=TODAY)
        self.assertIn("no such file", r.err)
        not_mbox = os.path.join(self.dir, "notes.txt")
        with open(not_mbox, "w") as f:
            f.write("just some text\n")
        self.assertIn("not an mbox", self.fails(2, "import", "mail", not_mbox, *ME,
                                                today=TODAY).err)

    def test_a_huge_subject_is_cut_so_that_an_export_imports_elsewhere(self):
        mbox = os.path.join(self.dir, "huge.mbox")
        with open(mbox, "w", encoding="utf-8") as f:
            f.write("From - Mon Mar 04 09:12:33 2024\nDate: Mon, 4 Mar 2024 09:12:00 +0000\n"
                    "From: Dana <dana@acme.example>\nTo: me@work.example\n"
                    "Message-ID: <huge@acme.example>\nSubject: " + "é" * 40000 + "\n\nbody\n")
        doc = self.mail(mbox)
        self.assertEqual(doc["interactions"]["added"], 1)
        [i] = self.log()
        self.assertLessEqual(len(i["note"].encode()), 2048)
        self.assertTrue(i["note"].startswith("éé"))
        dump = os.path.join(self.dir, "dump.jsonl")
        with open(dump, "w") as f:
            f.write(self.ok("export", today=TODAY).out)
        self.ok("import", "json", dump, env={"NETLOG_JOURNAL": os.path.join(self.dir, "b.db")},
                today=TODAY)

    def test_a_deleted_captured_interaction_is_not_made_again(self):
        self.mail(INBOX)
        first = [i for i in self.log() if i["note"] == "Intro to your CFO?"][0]
        self.ok("rm", first["id"], today=TODAY)
        doc = self.mail(INBOX)
        self.assertEqual(doc["interactions"]["added"], 0)
        self.assertNotIn("Intro to your CFO?", [i["note"] for i in self.log()])

    def test_two_machines_importing_the_same_mailbox_converge(self):
        self.mail(INBOX)
        other = os.path.join(self.dir, "other.db")
        env = {"NETLOG_JOURNAL": other}
        for p in (("Dana Reyes", "inner", "dana@acme.example"),
                  ("Omar Alvarez", "network", "omar@beta.example"),
                  ("Lee Park", "weak", "lee@gamma.example")):
            self.ok("people", "add", p[0], "--tier", p[1], "--email", p[2], env=env,
                    today="2024-01-01")
        self.ok("import", "mail", INBOX, *ME, env=env, today=TODAY)
        dump = os.path.join(self.dir, "other.jsonl")
        with open(dump, "w") as f:
            f.write(self.ok("export", env=env, today=TODAY).out)
        self.ok("import", "json", dump, today=TODAY)
        log = self.log()
        # The people are two records each (added by hand on each machine), but every
        # captured interaction and ask is one.
        sources = [r["source"] for r in self.export() if r["type"] == "interaction"]
        self.assertEqual(len(sources), len(set(sources)))
        self.assertEqual(len(sources), 4)
        self.assertEqual(len(self.asks()), 1)  # Dana's reply owed, made on both
        self.assertEqual(len(log), 4)


class Calendar(Capture):
    def test_google_recurrence_override_cancelled_declined_and_conference(self):
        doc = self.calendar("google.ics")
        self.assertEqual((doc["events"]["read"], doc["events"]["cancelled"]), (5, 1))
        got = sorted((i["on"], i["kind"], i["note"], i["people"]) for i in self.log())
        self.assertEqual(got, [
            # Weekly, EXDATE of the 11th, the 18th moved to the 19th; up to today only.
            ("2024-03-04", "call", "1:1 Dana", ["dana-reyes"]),
            # 23:30 UTC is the 8th in UTC; Omar as ORGANIZER only.
            ("2024-03-08", "meet", "Late coffee", ["omar-alvarez"]),
            ("2024-03-19", "call", "1:1 Dana (moved to Tuesday)", ["dana-reyes"]),
        ])
        # Declined by me (the offsite) and cancelled (the lunch): nothing.
        self.assertEqual(self.calendar("google.ics")["interactions"],
                         {"added": 0, "updated": 0, "unchanged": 3})
        # A month later, more Mondays have happened.
        later = self.calendar("google.ics", today="2024-04-02")
        self.assertEqual(later["interactions"]["added"], 2)  # the 25th and the 1st

    def test_captured_interactions_are_found_by_who_and_pass_check(self):
        # Capture writes the search index in one statement at the end (InteractionBulk):
        # what it added is found like any other interaction, and nothing is out of step.
        self.calendar("google.ics")
        self.mail(os.path.join(MAIL, "Inbox.mbox"))
        found = self.js("who", "coffee", today=TODAY)["matches"]
        self.assertEqual([m["person"] for m in found], ["omar-alvarez"])
        self.assertEqual(self.ok("check", "--full", today=TODAY).err, "")
        self.ok("import", "calendar", os.path.join(CAL, "google.ics"), *ME, "--dry-run",
                today="2024-04-02")
        self.assertEqual(self.ok("check", "--full", today=TODAY).err, "")

    def test_outlook_organizer_teams_and_an_unknown_time_zone(self):
        r = self.run_netlog("--json", "import", "calendar", os.path.join(CAL, "outlook.ics"),
                            *ME, today=TODAY)
        self.assertEqual(r.code, 0, r)
        self.assertRegex(r.err, r"outlook\.ics:UID 0400\w+: unknown time zone "
                                r"\"Mars Standard Time\"; skipped")
        self.assertEqual(r.json()["skipped_reasons"], {"unknown TZID": 1})
        self.assertEqual([(i["on"], i["kind"], i["people"]) for i in self.log()],
                         [("2024-03-12", "call", ["omar-alvarez"])])
        before = self.journal_bytes()
        self.fails(2, "import", "calendar", os.path.join(CAL, "outlook.ics"), "--strict", *ME,
                   today=TODAY)
        self.assertEqual(self.journal_bytes(), before)

    def test_apple_calendar_lunch_is_a_meeting_and_i_am_no_attendee(self):
        self.calendar("apple.ics")
        self.assertEqual([(i["on"], i["kind"], i["note"], i["people"]) for i in self.log()],
                         [("2024-03-14", "meet", "Lunch with Lee", ["lee-park"])])

    def test_a_higher_sequence_updates_unless_edited_by_hand(self):
        self.calendar("thunderbird.ics")
        [first] = self.log()
        self.assertEqual((first["on"], first["note"]), ("2024-03-05", "Board prep"))
        doc = self.calendar("thunderbird-updated.ics")
        self.assertEqual(doc["interactions"], {"added": 0, "updated": 1, "unchanged": 0})
        [moved] = self.log()
        self.assertEqual((moved["id"], moved["on"], moved["note"]),
                         (first["id"], "2024-03-06", "Board prep with the CFO"))
        self.assertEqual(self.calendar("thunderbird-updated.ics")["interactions"]["updated"], 0)
        # Edited by hand, the interaction is the user's: an older or newer copy leaves it.
        self.ok("edit", first["id"], "--note", "Board prep, my notes", today=TODAY)
        self.calendar("thunderbird.ics")
        self.calendar("thunderbird-updated.ics")
        [kept] = self.log()
        self.assertEqual(kept["note"], "Board prep, my notes")

    def test_dry_run_writes_nothing(self):
        before = self.journal_bytes()
        doc = self.calendar("google.ics", "--dry-run")
        self.assertEqual(doc["interactions"]["added"], 3)
        self.assertEqual(self.journal_bytes(), before)

    def test_the_real_files_of_python_icalendar_read_cleanly(self):
        expected = {"alarm_google_future.ics": (1, 0), "alarm_outlook_closed.ics": (3, 2),
                    "alarm_thunderbird_future.ics": (1, 0)}
        for name, (events, expanded) in expected.items():
            r = self.run_netlog("--json", "import", "calendar",
                                os.path.join(CAL, "icalendar", name), *ME,
                                "--me", "niccokunzmann@googlemail.com", today="2024-12-01")
            self.assertEqual(r.code, 0, r)
            self.assertEqual(r.err, "", name)
            doc = r.json()
            # No attendees in them (the Google file's ATTENDEE is its alarm's): nothing added.
            self.assertEqual((doc["events"]["read"], doc["events"]["expanded"],
                              doc["interactions"]["added"]), (events, expanded, 0), name)

    def test_a_bad_rrule_skips_its_event_only(self):
        ics = os.path.join(self.dir, "bad.ics")
        with open(ics, "w") as f:
            f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:bad-rrule\r\n"
                    "DTSTART:20240301T100000Z\r\nRRULE:FREQ=SOMETIMES;COUNT=x\r\n"
                    "SUMMARY:Bad rule\r\nORGANIZER:mailto:dana@acme.example\r\nEND:VEVENT\r\n"
                    "BEGIN:VEVENT\r\nUID:fine\r\nDTSTART:20240302T100000Z\r\nSUMMARY:Fine\r\n"
                    "ORGANIZER:mailto:dana@acme.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        r = self.run_netlog("--json", "import", "calendar", ics, *ME, today=TODAY)
        self.assertEqual(r.code, 0, r)
        self.assertIn("bad.ics:UID bad-rrule: libical: ", r.err)
        self.assertEqual([i["note"] for i in self.log()], ["Fine"])
        self.fails(2, "import", "calendar", ics, "--strict", *ME, today=TODAY)

    def test_not_a_calendar(self):
        self.assertIn("not an iCalendar file",
                      self.fails(2, "import", "calendar", INBOX, *ME, today=TODAY).err)


if __name__ == "__main__":
    main()
