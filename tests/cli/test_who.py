"""`netlog who QUERY…`: full-text search over people and their history, ranked by
relevance and reachability, with the trusted path to each match; the same path finder
gives `ask` its --via candidates and the audit its introduction figures."""
import sqlite3

from harness import NetlogTest, main


class WhoTest(NetlogTest):
    def person(self, name, *options):
        self.ok("people", "add", name, *options)

    def who(self, *args):
        return self.js("who", *args)["matches"]


class KnownPaths(WhoTest):
    """A journal whose paths are worked out by hand (today is 2026-11-26).

    tara-target (tier none) is the one to reach:
    - ivy-inner, inner, seen alone 2026-10-30 (27 days ago, within the 30-day cadence):
      trust strong (3); met tara three times this year: strong (3). Path: strong (3).
    - ned-network, network, last seen 2025-11-01 at the one event tara was at too:
      past the 90-day cadence, thin (1); met once, over a year ago: thin (1). Path: 1.
    - wes-weak, weak, met tara five times: never an introducer.
    """

    def setUp(self):
        super().setUp()
        self.person("Tara Target", "--tier", "none", "--company", "Ferrous Labs",
                    "--tag", "rust", "--note", "Knows Rust compilers inside out")
        self.person("Ivy Inner", "--tier", "inner")
        self.person("Ned Network", "--tier", "network")
        self.person("Wes Weak", "--tier", "weak")
        self.person("Dana Direct", "--tier", "network", "--role", "Rust engineer")
        self.person("Nora None", "--tier", "none", "--note", "wrote a rust book")
        self.person("Otto Other", "--tier", "none")
        for day in ["2026-06-01", "2026-08-01", "2026-10-01"]:
            self.ok("add", "ivy,tara", "workshop", "--on", day)
        self.ok("add", "ivy", "lunch", "--on", "2026-10-30")
        self.ok("add", "ned,tara,otto", "conference", "--kind", "event", "--on", "2025-11-01")
        for day in ["2026-09-01", "2026-09-08", "2026-09-15", "2026-09-22", "2026-09-29"]:
            self.ok("add", "wes,tara", "climbing", "--on", day)
        self.ok("add", "dana", "call", "--on", "2026-11-20")

    def test_the_inner_contact_seen_last_month_beats_the_network_one_and_weak_is_never_offered(self):
        tara = self.who("compilers")[0]
        self.assertEqual(tara["person"], "tara-target")
        self.assertEqual(tara["reach"], "introduction")
        self.assertEqual([(p["via"], p["strength"]) for p in tara["paths"]],
                         [("ivy-inner", 3), ("ned-network", 1)])
        self.assertEqual(tara["paths"][0]["strength_words"], "strong")
        self.assertEqual(tara["paths"][1]["strength_words"], "thin")
        self.assertIn("met them 3 times, last 2026-10-01", " ".join(tara["paths"][0]["evidence"]))
        self.assertIn("past the 90-day cadence", " ".join(tara["paths"][1]["evidence"]))
        self.assertEqual(tara["command"], 'netlog ask tara-target "…" --via ivy-inner')
        self.assertNotIn("wes-weak", str(tara))

    def test_ranking_by_relevance_and_reachability_by_hand(self):
        # tara: tags 3 + notes 2 = 5, + introduction 3 = 8; dana: role 3 + direct 4 = 7;
        # nora: notes 2 + no path 0 = 2.
        matches = self.who("rust")
        self.assertEqual([(m["person"], m["relevance"], m["reach"], m["score"]) for m in matches],
                         [("tara-target", 5, "introduction", 8), ("dana-direct", 3, "direct", 7),
                          ("nora-none", 2, "none", 2)])
        self.assertEqual([(h["field"], h["snippet"]) for h in matches[0]["matched"]],
                         [("tags", "[rust]"), ("notes", "Knows [Rust] compilers inside out")])
        self.assertEqual(matches[1]["command"], 'netlog ask dana-direct "…"')
        self.assertEqual(matches[1]["paths"], [])
        self.assertEqual(matches[2]["paths"], [])
        self.assertEqual(matches[2]["command"], 'netlog add nora-none "…"')

    def test_a_one_to_one_interaction_makes_a_none_tier_person_direct(self):
        self.assertEqual(self.who("book")[0]["reach"], "none")
        self.ok("add", "nora", "coffee", "--on", "2026-11-01")
        self.assertEqual(self.who("book")[0]["reach"], "direct")
        # Meeting in a group is not knowing someone: otto stays reached through ned.
        otto = self.who("conference")
        self.assertEqual({m["person"]: m["reach"] for m in otto}["otto-other"], "introduction")

    def test_limit_and_tier(self):
        self.assertEqual([m["person"] for m in self.who("rust", "--limit", "1")], ["tara-target"])
        self.assertEqual([m["person"] for m in self.who("rust", "--tier", "none")],
                         ["tara-target", "nora-none"])
        self.fails(2, "who", "rust", "--limit", "0")
        self.fails(2, "who", "rust", "--tier", "close")

    def test_human_output_ends_each_match_with_the_command(self):
        out = self.ok("who", "compilers").out
        self.assertIn("you → ivy-inner → tara-target: strong (3)", out)
        self.assertIn("notes: Knows Rust [compilers] inside out", out)
        self.assertEqual(out.rstrip().splitlines()[-1].strip(),
                         'netlog ask tara-target "…" --via ivy-inner')
        none = self.ok("who", "book").out
        self.assertIn("no path", none)
        self.assertIn("netlog people set nora-none --via WHO", none)

    def test_at_80_columns_every_line_fits_with_a_hanging_indent(self):
        for query in ("compilers", "book", "rust"):
            out = self.ok("who", query, env={"COLUMNS": "80"}).out
            self.assertEqual([line for line in out.splitlines() if len(line) > 80], [], query)
        lines = self.ok("who", "book", env={"COLUMNS": "80"}).out.splitlines()
        reach = next(i for i, line in enumerate(lines) if line.startswith("  reach: no path"))
        self.assertTrue(lines[reach + 1].startswith(" " * 9 + lines[reach + 1].strip()))

    def test_ask_names_the_same_introducers_as_who(self):
        # Sol was never met: Ned introduced them, and an ask of mine went to them
        # through Ivy. An ask to Sol without --via names who's paths, in who's order.
        self.person("Sol Stranger", "--tier", "none", "--via", "ned",
                    "--note", "ships embedded Rust")
        self.ok("ask", "sol", "A review of my HAL crate", "--via", "ivy", "--on", "2026-11-01")
        paths = [p["via"] for p in self.who("embedded")[0]["paths"]]
        self.assertEqual(sorted(paths), ["ivy-inner", "ned-network"])
        doc = self.js("ask", "sol", "A talk at our meetup in March")
        self.assertEqual(doc["via_candidates"], paths)
        self.assertIn(", ".join(paths), doc["warnings"][0])
        # Tara was met, at group meetings: a vague ask to her asks for a specific
        # request and offers no go-between (issue #14).
        doc = self.js("ask", "tara", "Could I pick your brain?")
        self.assertEqual(doc["via_candidates"], [])
        self.assertIn("vague", doc["warnings"][0])

    def test_a_favour_passed_with_an_introducer_there_strengthens_their_link(self):
        # Ned (network, seen 2026-11-12: within his cadence, 2) was at one dinner with
        # Fay and one with Gus: each met once (1). Fay's tip to me at hers makes Ned's
        # link to her good (2); Gus stays thin.
        self.person("Fay Faraway", "--tier", "none", "--note", "runs a foundry")
        self.person("Gus Gone", "--tier", "none", "--note", "runs a foundry too")
        self.ok("add", "ned,fay", "dinner", "--on", "2026-11-10",
                "--got", "fay:a tip on wafer pricing")
        self.ok("add", "ned,gus", "dinner", "--on", "2026-11-12")
        paths = {m["person"]: [(p["via"], p["strength"]) for p in m["paths"]]
                 for m in self.who("foundry")}
        self.assertEqual(paths, {"fay-faraway": [("ned-network", 2)],
                                 "gus-gone": [("ned-network", 1)]})
        fay = self.who("foundry")[0]
        self.assertIn("was there when a favour passed between you and them",
                      " ".join(fay["paths"][0]["evidence"]))

    def test_the_audit_counts_asks_through_the_strongest_path(self):
        self.ok("ask", "tara", "A review of my parser", "--via", "ivy", "--on", "2026-11-20")
        self.ok("ask", "tara", "A review of my lexer", "--via", "ned", "--on", "2026-11-21")
        self.ok("ask", "tara", "A review of my tests", "--on", "2026-11-22")
        self.ok("ask", "tara", "An old ask", "--via", "ned", "--on", "2026-01-05")  # too old
        self.ok("ask", "dana", "A pairing session", "--on", "2026-11-22")  # known directly
        p = self.js("audit")["sections"]["purposeful"]
        self.assertEqual((p["via_strongest"], p["via_weaker"], p["path_not_taken"]), (1, 1, 1))
        self.assertIn("via_strongest", p["basis"])


class Search(WhoTest):
    def test_case_accents_prefix_and_phrase(self):
        self.person("José Álvarez", "--company", "Señor Software",
                    "--note", "raised their Series A last spring")
        for query in (["jose"], ["ALVAREZ"], ["alv*"], ["senor"], ['"series a"']):
            self.assertEqual([m["person"] for m in self.who(*query)], ["jose-alvarez"], query)
        self.assertEqual(self.who('"a series"'), [])
        self.assertEqual(self.who("series", "NOT", "spring"), [])
        self.assertEqual(len(self.who("series", "OR", "nothing")), 1)

    def test_interactions_and_asks_are_searched_and_kept_current(self):
        self.person("Ann Lee", "--tier", "inner")
        self.person("Bea Ruiz", "--tier", "none")
        self.ok("add", "ann,bea", "talked about the Kubernetes migration", "--on", "2026-11-01")
        self.ok("ask", "ann", "Feedback on my Terraform module")
        found = {m["person"]: m for m in self.who("kubernetes")}
        self.assertEqual(sorted(found), ["ann-lee", "bea-ruiz"])
        self.assertEqual(found["bea-ruiz"]["matched"],
                         [{"field": "interaction", "entry": "i1",
                           "snippet": "talked about the [Kubernetes] migration"}])
        self.assertEqual(found["bea-ruiz"]["paths"][0]["via"], "ann-lee")
        self.assertEqual([m["person"] for m in self.who("terraform")], ["ann-lee"])
        # Edits, removals and people's fields: the index follows every write.
        self.ok("edit", "i1", "--note", "talked about the Nomad migration")
        self.assertEqual(self.who("kubernetes"), [])
        self.assertEqual(len(self.who("nomad")), 2)
        self.ok("rm", "i1")
        self.assertEqual(self.who("nomad"), [])
        self.ok("people", "set", "bea", "--company", "Globex")
        self.assertEqual([m["person"] for m in self.who("globex")], ["bea-ruiz"])
        self.ok("people", "merge", "bea", "ann")
        self.assertEqual([m["person"] for m in self.who("globex")], ["ann-lee"])
        self.ok("people", "rm", "ann", "--force")
        self.assertEqual(self.who("globex"), [])
        self.assertEqual(self.ok("check").out, "")

    def test_an_imported_journal_is_searchable(self):
        self.person("Ann Lee", "--company", "Initech")
        self.ok("add", "ann", "a talk on observability")
        export = self.ok("export").out
        path = f"{self.dir}/export.jsonl"
        with open(path, "w") as fh:
            fh.write(export)
        other = f"{self.dir}/other.db"
        self.ok("import", "json", path, env={"NETLOG_JOURNAL": other})
        for word in ("initech", "observability"):
            r = self.ok("--json", "who", word, env={"NETLOG_JOURNAL": other})
            self.assertEqual([m["person"] for m in r.json()["matches"]], ["ann-lee"])

    def test_control_characters_in_snippets_are_escaped(self):
        self.person("Eve Hack")
        with sqlite3.connect(self.journal) as db:  # netlog refuses such a note; a sync might not
            db.execute("UPDATE people SET notes = 'rust \x1b[31mred\x1b[0m text'")
        r = self.ok("who", "text")
        self.assertIn("\\x1b", r.out)  # shown escaped
        self.assertNotIn("\x1b", r.out)
        doc = self.who("text")
        self.assertNotIn("\x1b", doc[0]["matched"][0]["snippet"])

    def test_punctuation_in_a_word_is_searched_as_a_phrase(self):
        self.person("Pia O'Brien", "--company", "Pied-Piper")
        self.assertEqual([m["person"] for m in self.who("pied-piper")], ["pia-obrien"])
        self.assertEqual([m["person"] for m in self.who("o'brien")], ["pia-obrien"])


class BadInput(WhoTest):
    def test_fts_syntax_errors_say_how_to_quote(self):
        self.person("Ann Lee")
        before = self.journal_bytes()
        for query in ('"unbalanced', "AND", "*", "(rust"):
            r = self.fails(2, "who", query)
            self.assertTrue(r.err.startswith("netlog: cannot search for"), r.err)
            self.assertIn("double quotes", r.err)
            self.assertNotIn("fts5", r.err.lower())
            self.assertEqual(len(r.err.strip().splitlines()), 1)
        self.assertEqual(self.journal_bytes(), before)

    def test_an_empty_query_is_refused(self):
        self.person("Ann Lee")
        r = self.fails(2, "who", "")
        self.assertIn("say what to look for", r.err)
        self.fails(2, "who", "  ")
        self.fails(2, "who")

    def test_nobody_matches(self):
        self.person("Ann Lee")
        self.assertIn("nobody matches", self.ok("who", "zebra").out)
        self.assertEqual(self.who("zebra"), [])


class Index(WhoTest):
    def test_a_new_journal_has_the_search_indexes_filled_by_its_triggers(self):
        self.person("Ann Lee", "--company", "Initech")
        with sqlite3.connect(self.journal) as db:
            rows = db.execute("SELECT rowid FROM search_people WHERE search_people MATCH "
                              "'initech'").fetchall()
        self.assertEqual(rows, [(1,)])


if __name__ == "__main__":
    main()
