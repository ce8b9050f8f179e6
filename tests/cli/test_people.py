"""netlog people (list, add, set, rm), show, WHO resolution, --new and `--`."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from harness import TODAY, NetlogTest, main  # noqa: E402

# Every key SPEC.md promises in a person's full record (`show`, `export`).
PERSON_KEYS = {"handle", "name", "tier", "last", "interactions", "balance", "uuid",
               "cadence_days", "introduced_by", "source", "email", "company", "role", "url",
               "tags", "notes", "added_on"}


class PeopleTest(NetlogTest):
    def add_person(self, name, *options, **kw):
        """`people add NAME …`; returns the new person's handle."""
        return self.js("people", "add", name, *options, **kw)["person"]["handle"]

    def person(self, who):
        return self.js("show", who)["person"]

    def handles(self, *args, **kw):
        return [p["handle"] for p in self.js("people", *args, **kw)["people"]]


class PeopleAdd(PeopleTest):
    def test_handles_are_made_from_names(self):
        cases = [("José Álvarez", "jose-alvarez"), ("李 小龙", "李-小龙"), ("Йошкар", "йошкар"),
                 ("O'Brien", "obrien"), ("Anne-Marie  d’Arc", "anne-marie-darc"),
                 ("Dr. Who?", "dr-who"), ("Zoë Ünal", "zoe-unal")]
        for name, handle in cases:
            with self.subTest(name=name):
                self.assertEqual(self.add_person(name), handle)
                self.assertEqual(self.person(handle)["name"], name)

    def test_a_clashing_handle_gets_a_suffix(self):
        self.assertEqual(self.add_person("Alice Chen"), "alice-chen")
        self.assertEqual(self.add_person("Alice Chen", "--again"), "alice-chen-2")
        self.assertEqual(self.add_person("alice chen", "--again"), "alice-chen-3")
        self.assertEqual(self.handles(), ["alice-chen", "alice-chen-2", "alice-chen-3"])

    def test_defaults_weak_manual_and_added_today(self):
        p = self.person(self.add_person("Ann Lee"))
        self.assertEqual((p["tier"], p["source"], p["added_on"]), ("weak", "manual", TODAY))
        self.assertEqual((p["last"], p["interactions"], p["balance"]), (None, 0, 0))
        self.assertEqual((p["cadence_days"], p["introduced_by"], p["tags"]), (None, None, []))
        self.assertEqual(self.person(self.add_person("Bo Li", today="2026-01-05"))["added_on"],
                         "2026-01-05")

    def test_every_option(self):
        self.add_person("Ann Lee")
        self.add_person("Bob Stone", "--tier", "inner", "--cadence", "2w", "--via", "ann",
                        "--email", "bob@example.org", "--company", "Acme", "--role", "CTO",
                        "--url", "https://bob.example", "--tag", "climbing", "--tag", "berlin",
                        "--tag", "climbing", "--note", "met at FOSDEM")
        p = self.person("bob-stone")
        self.assertEqual({k: p[k] for k in ("tier", "cadence_days", "introduced_by", "email",
                                            "company", "role", "url", "tags", "notes")},
                         {"tier": "inner", "cadence_days": 14, "introduced_by": "ann-lee",
                          "email": "bob@example.org", "company": "Acme", "role": "CTO",
                          "url": "https://bob.example", "tags": ["climbing", "berlin"],
                          "notes": "met at FOSDEM"})
        self.assertEqual(self.person("ann")["introduced"], ["bob-stone"])

    def test_refused_names_and_options_store_nothing(self):
        self.add_person("Ann Lee")
        before = self.journal_bytes()
        for args in (["!!!"], [""], ["   "], ["Bo", "--tier", "close"], ["Bo", "--cadence", "0d"],
                     ["Bo", "--cadence", "often"], ["Bo", "--via", "nobody"],
                     ["Bo", "--tag", ""], ["Bo", "--tag=-x"]):
            with self.subTest(args=args):
                self.fails(2, "people", "add", *args)
                self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(self.handles(), ["ann-lee"])

    def test_a_refused_first_add_creates_no_journal(self):
        self.fails(2, "people", "add", "!!!")
        self.assertFalse(os.path.exists(self.journal))


class PeopleSet(PeopleTest):
    def setUp(self):
        super().setUp()
        self.add_person("Ann Lee")
        self.add_person("Bob Stone")

    def test_name_keeps_the_handle(self):
        self.ok("people", "set", "bob", "--name", "Robert Stone")
        p = self.person("bob-stone")
        self.assertEqual((p["name"], p["handle"]), ("Robert Stone", "bob-stone"))
        self.assertEqual(self.person("robert stone")["handle"], "bob-stone")
        self.fails(2, "people", "set", "bob-stone", "--name", "")

    def test_handle(self):
        uuid = self.person("bob")["uuid"]
        self.ok("people", "set", "bob-stone", "--handle", "bobby")
        p = self.person("bobby")
        self.assertEqual((p["handle"], p["uuid"]), ("bobby", uuid))
        self.fails(2, "show", "bob-stone")
        before = self.journal_bytes()
        for bad in ("ann-lee", "Bobby", "bob stone", "-bob", "bob--s", ""):
            with self.subTest(handle=bad):
                self.fails(2, "people", "set", "bobby", "--handle", bad)
                self.assertEqual(self.journal_bytes(), before)

    def test_tier_cadence_and_via(self):
        self.ok("people", "set", "bob", "--tier", "inner", "--cadence", "3m", "--via", "ann")
        p = self.person("bob")
        self.assertEqual((p["tier"], p["cadence_days"], p["introduced_by"]), ("inner", 90, "ann-lee"))
        self.ok("people", "set", "bob", "--cadence", "tier")
        p = self.person("bob")
        self.assertEqual((p["cadence_days"], p["cadence"]), (None, 30))
        self.ok("people", "set", "bob", "--via", "")
        self.assertIsNone(self.person("bob")["introduced_by"])
        self.fails(2, "people", "set", "bob", "--via", "bob")
        self.fails(2, "people", "set", "bob", "--tier", "best")

    def test_text_fields_set_and_cleared_with_empty(self):
        fields = {"--email": "email", "--company": "company", "--role": "role", "--url": "url",
                  "--note": "notes"}
        value = {option: f"value of {option}" for option in fields}
        value["--email"] = "value-of-email@example.org"  # only local@domain is an email
        args = []
        for option in fields:
            args += [option, value[option]]
        self.ok("people", "set", "bob", *args)
        p = self.person("bob")
        for option, key in fields.items():
            self.assertEqual(p[key], value[option])
        self.ok("people", "set", "bob", "--email", "", "--note", "")
        p = self.person("bob")
        self.assertEqual((p["email"], p["notes"], p["company"]), (None, None, "value of --company"))

    def test_tags_add_and_remove(self):
        self.ok("people", "set", "bob", "--tag", "x", "--tag", "y", "--tag", "z")
        self.ok("people", "set", "bob", "--tag", "-x", "--tag", "w", "--tag=-nope")
        self.assertEqual(self.person("bob")["tags"], ["y", "z", "w"])
        # A tag that reads like a netlog option (-q) is given with `=`.
        self.ok("people", "set", "bob", "--tag", "q", "--tag=-y")
        self.ok("people", "set", "bob", "--tag=-q")
        self.assertEqual(self.person("bob")["tags"], ["z", "w"])

    def test_snooze(self):
        self.ok("people", "set", "bob", "--snooze", "2w")
        self.assertEqual(self.person("bob")["snooze_until"], "2026-12-10")
        self.ok("people", "set", "bob", "--snooze", "friday")  # the next one after Thursday
        self.assertEqual(self.person("bob")["snooze_until"], "2026-11-27")
        self.ok("people", "set", "bob", "--snooze", "off")
        self.assertIsNone(self.person("bob")["snooze_until"])
        before = self.journal_bytes()
        self.fails(2, "people", "set", "bob", "--snooze", "2026-01-01")
        self.fails(2, "people", "set", "bob", "--snooze", "someday")
        self.assertEqual(self.journal_bytes(), before)

    def test_unknown_person_changes_nothing(self):
        before = self.journal_bytes()
        self.fails(2, "people", "set", "carol", "--tier", "inner")
        self.assertEqual(self.journal_bytes(), before)


class PeopleRm(PeopleTest):
    def setUp(self):
        super().setUp()
        for name in ("Ann Lee", "Bob Stone", "Cy Young"):
            self.add_person(name)

    def test_removes_someone_without_history(self):
        self.assertEqual(self.js("people", "rm", "cy")["removed"], "cy-young")
        self.assertEqual(self.handles(), ["ann-lee", "bob-stone"])

    def test_refused_with_history_unless_forced(self):
        self.ok("add", "ann", "lunch alone")
        self.ok("add", "ann,bob", "lunch together", "--got", "advice")
        before = self.journal_bytes()
        r = self.fails(2, "people", "rm", "ann")
        self.assertIn("--force", r.err)
        self.assertEqual(self.journal_bytes(), before)
        self.assertEqual(self.handles(), ["ann-lee", "bob-stone", "cy-young"])

        self.assertEqual(self.js("people", "rm", "ann", "--force")["entries"], 3)
        self.assertEqual(self.handles(), ["bob-stone", "cy-young"])
        # Her solo interaction went with her; the shared one stays, with Bob only.
        log = self.js("log")["interactions"]
        self.assertEqual([(i["note"], i["people"], [f["person"] for f in i["favours"]])
                          for i in log],
                         [("lunch together", ["bob-stone"], ["bob-stone"])])
        self.assertEqual(self.person("bob")["interactions"], 1)

    def test_unknown_person(self):
        before = self.journal_bytes()
        self.fails(2, "people", "rm", "dora")
        self.assertEqual(self.journal_bytes(), before)


class Listing(PeopleTest):
    def setUp(self):
        super().setUp()
        self.add_person("José Álvarez", "--tier", "inner", "--company", "Initech",
                        "--email", "jose@corp.example", "--tag", "climbing")
        self.add_person("Ann Lee", "--tier", "network", "--tag", "berlin")
        self.add_person("Bob Stone", "--tier", "none")
        self.add_person("Cy Young", "--tag", "berlin", "--tag", "climbing")
        self.ok("add", "ann", "call", "--on", "2026-11-01")

    def test_all_people_by_handle_with_summary_keys(self):
        people = self.js("people")["people"]
        self.assertEqual([p["handle"] for p in people],
                         ["ann-lee", "bob-stone", "cy-young", "jose-alvarez"])
        for p in people:
            self.assertEqual(set(p), {"handle", "name", "tier", "last", "interactions", "balance"})
        self.assertEqual(people[0]["last"], "2026-11-01")

    def test_json_is_laid_out_as_every_document_even_streamed(self):
        for query in ([], ["nobody"]):
            with self.subTest(query=query):
                text = self.ok("--json", "people", *query).out
                self.assertEqual(text, json.dumps(json.loads(text), indent=2,
                                                  ensure_ascii=False) + "\n")

    def test_query_matches_handle_name_company_email(self):
        self.assertEqual(self.handles("alvarez"), ["jose-alvarez"])
        self.assertEqual(self.handles("ÁLVAREZ"), ["jose-alvarez"])
        self.assertEqual(self.handles("initech"), ["jose-alvarez"])
        self.assertEqual(self.handles("corp.example"), ["jose-alvarez"])
        self.assertEqual(self.handles("o"), ["bob-stone", "cy-young", "jose-alvarez"])
        self.assertEqual(self.handles("nobody"), [])

    def test_query_folds_company_and_email(self):
        self.ok("people", "set", "ann", "--company", "Société Générale", "--email", "Ann@Example.ORG")
        for query in ("société", "SOCIETE", "générale", "ann@example.org", "ANN@EXAMPLE"):
            with self.subTest(query=query):
                self.assertEqual(self.handles(query), ["ann-lee"])

    def test_filters(self):
        self.assertEqual(self.handles("--tier", "network"), ["ann-lee"])
        self.assertEqual(self.handles("--tag", "berlin"), ["ann-lee", "cy-young"])
        self.assertEqual(self.handles("--tag", "climbing", "--tier", "weak"), ["cy-young"])
        self.assertEqual(self.handles("--empty"), ["bob-stone", "cy-young", "jose-alvarez"])
        self.assertEqual(self.handles("y", "--empty"), ["cy-young"])
        self.fails(2, "people", "--tier", "close")

    def test_stale(self):
        # Today everyone was added today: nobody is past a cadence.
        self.assertEqual(self.handles("--stale"), [])
        # 40 days on, José (inner, 30 days from being added) is stale, Ann (network,
        # 90 days from her call) is not, Bob (tier none) never is.
        self.assertEqual(self.handles("--stale", today="2027-01-05"), ["jose-alvarez"])
        self.ok("people", "set", "ann", "--cadence", "2w")
        self.assertEqual(self.handles("--stale", today="2027-01-05"), ["ann-lee", "jose-alvarez"])
        self.ok("people", "set", "jose", "--snooze", "2027-02-01")
        self.assertEqual(self.handles("--stale", today="2027-01-05"), ["ann-lee"])
        self.ok("add", "ann", "coffee", today="2027-01-01")
        self.assertEqual(self.handles("--stale", today="2027-01-05"), [])

    def test_stale_lists_whom_due_lists_to_reconnect_on_the_day_they_fall_due(self):
        # José (inner, added 2026-11-26) falls due on 2026-12-26; snoozed to 2027-02-01,
        # on that day. Each day --stale and due's reconnect name the same people.
        def reconnect(day):
            return sorted(i["person"] for i in self.js("due", today=day)["reconnect"])
        for day in ("2026-12-25", "2026-12-26"):
            self.assertEqual(self.handles("--stale", today=day), reconnect(day), day)
        self.assertEqual(self.handles("--stale", today="2026-12-26"), ["jose-alvarez"])
        self.ok("people", "set", "jose", "--snooze", "2027-02-01")
        for day in ("2027-01-31", "2027-02-01"):
            self.assertEqual(self.handles("--stale", today=day), reconnect(day), day)
        self.assertEqual(self.handles("--stale", today="2027-02-01"),
                         ["ann-lee", "jose-alvarez"])

    def test_human_listing(self):
        out = self.ok("people").out.splitlines()
        self.assertEqual(out[0].split(), ["HANDLE", "NAME", "TIER", "LAST", "MET", "BALANCE"])
        self.assertEqual(len(out), 5)
        self.assertIn("José Álvarez", out[4])
        self.assertIn("nobody matches", self.ok("people", "zzz").out)


class Show(PeopleTest):
    def test_json_has_every_person_field(self):
        self.add_person("Ann Lee")
        self.add_person("Bob Stone", "--via", "ann", "--tag", "x", "--email", "b@example.org")
        self.ok("add", "bob", "coffee", "--got", "advice", "--weight", "2", "--on", "2026-11-20")
        doc = self.js("show", "bob")
        self.assertEqual(set(doc) - {"netlog"}, {"person", "asks", "interactions"})
        p = doc["person"]
        self.assertTrue(PERSON_KEYS <= set(p), PERSON_KEYS - set(p))
        self.assertRegex(p["uuid"], r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        self.assertEqual((p["handle"], p["last"], p["interactions"], p["balance"]),
                         ("bob-stone", "2026-11-20", 1, 2))
        self.assertEqual((p["introduced_by"], p["email"], p["tags"], p["added_on"]),
                         ("ann-lee", "b@example.org", ["x"], TODAY))
        self.assertEqual(p["next_due"], "2027-11-20")
        self.assertEqual([i["note"] for i in doc["interactions"]], ["coffee"])
        self.assertEqual(doc["asks"], [])

    def test_human_card(self):
        self.add_person("José Álvarez", "--tier", "inner", "--company", "Initech")
        self.ok("add", "jose", "coffee in Lisbon", "--gave", "intro", "--on", "2026-10-01")
        out = self.ok("show", "jose alvarez").out
        self.assertTrue(out.startswith("José Álvarez (jose-alvarez)\n"), out)
        for text in ("inner", "30 days (tier)", "2026-10-01", "2026-10-31 (26 days overdue)",
                     "owes you 1 since 2026-10-01", "Initech", "coffee in Lisbon",
                     "Timeline"):
            self.assertIn(text, out)

    def test_missing_person(self):
        self.add_person("Ann Lee")
        self.fails(2, "show", "zed")


class Resolution(PeopleTest):
    def setUp(self):
        super().setUp()
        for name in ("José Álvarez", "Alice Chen", "Alice Chen", "Ann", "Anna Bell", "李 小龙",
                     "Йошкар Ола"):
            self.add_person(name, "--again")

    def resolves(self, who):
        return self.person(who)["handle"]

    def test_exact_handle_then_name_then_prefix(self):
        cases = {"jose-alvarez": "jose-alvarez", "jose alvarez": "jose-alvarez",
                 "JOSÉ ÁLVAREZ": "jose-alvarez", "Jose Alvarez": "jose-alvarez",
                 "jose-alv": "jose-alvarez", "alv": "jose-alvarez", "ÁLV": "jose-alvarez",
                 "alice-chen-2": "alice-chen-2", "alice-chen": "alice-chen",
                 "ann": "ann",  # exact handle wins over the prefix of anna-bell
                 "bell": "anna-bell", "anna": "anna-bell", "小龙": "李-小龙", "李": "李-小龙",
                 "ола": "йошкар-ола", "ЙОШКАР": "йошкар-ола"}
        for who, handle in cases.items():
            with self.subTest(who=who):
                self.assertEqual(self.resolves(who), handle)

    def test_ambiguous_lists_them(self):
        for who, listed in (("alice chen", ["alice-chen", "alice-chen-2"]),
                            ("chen", ["alice-chen", "alice-chen-2"]),
                            ("an", ["ann", "anna-bell"])):
            with self.subTest(who=who):
                r = self.fails(2, "show", who)
                for handle in listed:
                    self.assertIn(handle, r.err)
                self.assertIn(f"matches {len(listed)} people", r.err)

    def test_unknown_suggests_close_handles(self):
        r = self.fails(2, "show", "alcie")
        self.assertIn("did you mean 'alice-chen'", r.err)
        self.assertNotIn("--new", r.err)  # `show` has no --new (issue 14)
        self.assertIn("people add", r.err)
        self.assertIn("--new", self.fails(2, "add", "alcie", "x").err)
        r = self.fails(2, "show", "jsoe-alvarez")
        self.assertIn("did you mean 'jose-alvarez'", r.err)

    def test_unknown_and_unlike_anyone(self):
        for who in ("zzz", "rm", "!!!", "-", "%", "_"):
            with self.subTest(who=who):
                r = self.fails(2, "show", "--", who)
                self.assertIn("no person matches", r.err)
                self.assertNotIn("did you mean", r.err)

    def test_everywhere_who_is_taken(self):
        self.ok("add", "jose alvarez", "met")
        self.assertEqual(len(self.js("log", "alv")["interactions"]), 1)
        self.ok("people", "set", "JOSÉ ÁLVAREZ", "--tier", "inner")
        self.assertEqual(self.person("jose-alvarez")["tier"], "inner")


class New(PeopleTest):
    def test_new_creates_or_reuses(self):
        self.add_person("Ann Lee")
        doc = self.js("add", "Ann Lee,Bea Ortiz,Çelik", "dinner", "--new", "--tier", "inner")
        self.assertEqual(doc["people"], ["ann-lee", "bea-ortiz", "celik"])
        tiers = {p["handle"]: p["tier"] for p in self.js("people")["people"]}
        self.assertEqual(tiers, {"ann-lee": "weak", "bea-ortiz": "inner", "celik": "inner"})
        self.js("add", "bea ortiz", "again", "--new")
        self.assertEqual(len(self.js("people")["people"]), 3)

    def test_new_is_weak_by_default_and_dated_today(self):
        self.js("add", "Dee", "hello", "--new", today="2026-03-03")
        p = self.person("dee")
        self.assertEqual((p["tier"], p["added_on"], p["source"]), ("weak", "2026-03-03", "manual"))

    def test_without_new_unknown_people_are_refused(self):
        self.add_person("Ann Lee")
        before = self.journal_bytes()
        r = self.fails(2, "add", "ann,dora", "lunch")
        self.assertIn("dora", r.err)
        self.assertEqual(self.journal_bytes(), before)

    def test_new_with_an_ambiguous_name_is_refused(self):
        self.add_person("Alice Chen")
        self.add_person("Alice Chen", "--again")
        before = self.journal_bytes()
        self.fails(2, "add", "alice chen", "x", "--new")
        self.assertEqual(self.journal_bytes(), before)


class HandlesLikeSubcommands(PeopleTest):
    """`add`, `set`, `rm` are subcommands of `people`: such a handle goes after `--`.

    CLI11 treats everything after `--` as positional, so options come before it:
    `people set --tier inner -- add`. Commands whose WHO is required (`show`,
    `people set`, `people rm`) also take the word without `--`, since a required
    positional comes first. The names of the top-level commands need no `--` after a
    command: one command per run, so `log add` is the log of the person `add`.
    """

    def setUp(self):
        super().setUp()
        for name in ("add", "set", "rm", "log", "show", "help"):
            self.add_person(name)

    def test_listing_needs_the_separator_for_its_own_subcommands(self):
        self.assertEqual(self.handles("--", "add"), ["add"])
        self.assertEqual(self.handles("--", "set"), ["set"])
        self.fails(2, "people", "add")  # `people add` without a NAME

    def test_top_level_command_names_are_arguments(self):
        self.assertEqual(self.handles("log"), ["log"])
        self.assertEqual(self.handles("show"), ["show"])
        self.assertEqual(self.handles("help"), ["help"])
        self.ok("add", "show", "demo")
        self.assertEqual(len(self.js("log", "show")["interactions"]), 1)
        self.assertEqual(len(self.js("log", "add")["interactions"]), 0)
        self.assertEqual(self.js("people", "add", "people")["person"]["handle"], "people")
        self.assertEqual(self.person("people")["handle"], "people")

    def test_set_and_rm(self):
        self.ok("people", "set", "--tier", "inner", "--", "add")
        self.ok("people", "set", "set", "--tier", "network")
        self.assertEqual(self.person("add")["tier"], "inner")
        self.assertEqual(self.person("set")["tier"], "network")
        before = self.journal_bytes()
        # Options after `-- NAME` are still options (README: `people set -- add --tier inner`).
        self.ok("people", "set", "--", "add", "--tier", "weak")
        self.assertEqual(self.person("add")["tier"], "weak")
        self.assertNotEqual(self.journal_bytes(), before)
        self.ok("people", "rm", "--", "rm")
        self.ok("people", "rm", "set")
        self.assertEqual(self.handles(), ["add", "help", "log", "show"])

    def test_show_log_and_add(self):
        self.assertEqual(self.person("add")["handle"], "add")
        self.ok("add", "add,log", "standup")
        self.assertEqual(self.js("add", "--", "log", "retro")["people"], ["log"])
        self.assertEqual(self.js("add", "help", "pairing")["people"], ["help"])
        self.assertEqual(len(self.js("log", "--", "add")["interactions"]), 1)
        self.assertEqual(len(self.js("log", "log")["interactions"]), 2)


if __name__ == "__main__":
    main()
