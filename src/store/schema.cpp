// The journal's schema and its migrations.
//
// Per-person totals (interaction count, first and last interaction, last contact,
// favour sums, the FIFO `since`) are kept by triggers, so every write path — add, rm,
// import, edit, merge — keeps them right in its own transaction, and commands like
// `people`, `due` and `owe` cost O(people) instead of O(history).
#include "impl.hpp"

#include <fmt/format.h>

namespace netlog::store {
namespace {

// Version 1's recomputation of interaction count, reached_me and last_interaction for
// the people matched by `where` (`who` names the person's id inside the subqueries).
// Frozen: version 1's triggers are made from it, and version 2 replaces them.
std::string refresh_interactions_v1(const std::string& who, const std::string& where) {
    return fmt::format(R"(
  UPDATE people SET
    interactions = (SELECT count(*) FROM interaction_people WHERE person_id = {0}),
    reached_me = (SELECT count(*) FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
                  WHERE ip.person_id = {0} AND i.them = 1),
    last_interaction = (SELECT max(i.on_date) FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
                        WHERE ip.person_id = {0})
  WHERE {1};)",
                       who, where);
}

// Recomputes interaction count, reached_me, last_interaction and first_interaction for
// the people matched by `where`; `who` names the person's id inside the subqueries.
// The dates come from interaction_people's own on_date: one index range per person.
std::string refresh_interactions(const std::string& who, const std::string& where) {
    return fmt::format(R"(
  UPDATE people SET
    interactions = (SELECT count(*) FROM interaction_people WHERE person_id = {0}),
    reached_me = (SELECT count(*) FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
                  WHERE ip.person_id = {0} AND i.them = 1),
    last_interaction = (SELECT max(on_date) FROM interaction_people WHERE person_id = {0}),
    first_interaction = (SELECT min(on_date) FROM interaction_people WHERE person_id = {0})
  WHERE {1};)",
                       who, where);
}

// Last contact = the latest interaction or ask event (asked, replied, done, declined).
// Frozen: the triggers of versions 1 to 4 are made from it; version 5 replaces them.
std::string refresh_contact_v1(const std::string& who, const std::string& where) {
    return fmt::format(R"(
  UPDATE people SET last_contact = nullif(max(coalesce(last_interaction, ''),
    coalesce((SELECT max(max(asked_on, coalesce(replied_on, ''),
                             CASE WHEN status IN ('done', 'declined') THEN coalesce(closed_on, '') ELSE '' END))
              FROM asks WHERE person_id = {0}), '')), '')
  WHERE {1};)",
                       who, where);
}

// Last contact = the latest interaction or ask event (asked, replied, done, declined,
// nudged: asks.nudged_on is a JSON list of dates, oldest first).
std::string refresh_contact(const std::string& who, const std::string& where) {
    return fmt::format(R"(
  UPDATE people SET last_contact = nullif(max(coalesce(last_interaction, ''),
    coalesce((SELECT max(max(asked_on, coalesce(replied_on, ''),
                             CASE WHEN status IN ('done', 'declined') THEN coalesce(closed_on, '') ELSE '' END,
                             coalesce(json_extract(nudged_on, '$[#-1]'), '')))
              FROM asks WHERE person_id = {0}), '')), '')
  WHERE {1};)",
                       who, where);
}

// Favour sums and the FIFO `since` of one person (`who` is NEW.x or OLD.x), or of
// the people matched by `where` (`who` then names the person's id, people.id):
// the units of the bigger side, oldest first, past the first min(gave, got).
std::string refresh_ledger(const std::string& who, std::string where = "") {
    if (where.empty()) {
        where = "id = " + who;
    }
    return fmt::format(R"(
  UPDATE people SET
    gave = (SELECT coalesce(sum(weight), 0) FROM favours WHERE person_id = {0} AND direction = 'gave'),
    got = (SELECT coalesce(sum(weight), 0) FROM favours WHERE person_id = {0} AND direction = 'got')
  WHERE {1};
  UPDATE people SET since = CASE
    WHEN got > gave THEN (SELECT on_date FROM (SELECT on_date, sum(weight) OVER (ORDER BY on_date, id) AS cum
                          FROM favours WHERE person_id = {0} AND direction = 'got')
                          WHERE cum > people.gave ORDER BY cum LIMIT 1)
    WHEN gave > got THEN (SELECT on_date FROM (SELECT on_date, sum(weight) OVER (ORDER BY on_date, id) AS cum
                          FROM favours WHERE person_id = {0} AND direction = 'gave')
                          WHERE cum > people.got ORDER BY cum LIMIT 1)
  END
  WHERE {1};)",
                       who, where);
}

std::string version_1() {
    std::string sql = R"(
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  handle TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  tier TEXT NOT NULL CHECK (tier IN ('inner', 'network', 'weak', 'none')),
  cadence_days INTEGER CHECK (cadence_days > 0),
  introduced_by INTEGER REFERENCES people(id) ON DELETE SET NULL,
  source TEXT NOT NULL DEFAULT 'manual',
  email TEXT, company TEXT, role TEXT, url TEXT, notes TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  added_on TEXT NOT NULL,
  snooze_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  interactions INTEGER NOT NULL DEFAULT 0,
  reached_me INTEGER NOT NULL DEFAULT 0,
  last_interaction TEXT,
  last_contact TEXT,
  gave INTEGER NOT NULL DEFAULT 0,
  got INTEGER NOT NULL DEFAULT 0,
  since TEXT,
  external_id TEXT  -- what an import matches on: "vcard:UID", "linkedin:URL"
);
CREATE INDEX people_name_key ON people(name_key);
CREATE INDEX people_introduced_by ON people(introduced_by);
CREATE INDEX people_external_id ON people(external_id);
CREATE INDEX people_email ON people(email COLLATE NOCASE);

CREATE TABLE interactions (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  on_date TEXT NOT NULL,
  kind TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '[]',
  them INTEGER NOT NULL DEFAULT 0 CHECK (them IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX interactions_on ON interactions(on_date, id);

CREATE TABLE interaction_people (
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  PRIMARY KEY (interaction_id, person_id)
) WITHOUT ROWID;
CREATE INDEX interaction_people_person ON interaction_people(person_id, interaction_id);

CREATE TABLE asks (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  via INTEGER REFERENCES people(id) ON DELETE SET NULL,
  what TEXT NOT NULL,
  asked_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  by_on TEXT,
  status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'replied', 'done', 'declined', 'dropped')),
  replied_on TEXT,
  closed_on TEXT,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX asks_person ON asks(person_id);
CREATE INDEX asks_status ON asks(status, due_on);

CREATE TABLE favours (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  direction TEXT NOT NULL CHECK (direction IN ('gave', 'got')),
  weight INTEGER NOT NULL CHECK (weight > 0),
  what TEXT NOT NULL DEFAULT '',
  on_date TEXT NOT NULL,
  interaction_id INTEGER REFERENCES interactions(id) ON DELETE CASCADE,
  ask_id INTEGER REFERENCES asks(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX favours_person ON favours(person_id, direction, on_date, id, weight);
CREATE INDEX favours_interaction ON favours(interaction_id);
CREATE INDEX favours_ask ON favours(ask_id);

CREATE TABLE deleted (
  uuid TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  deleted_at TEXT NOT NULL
);
)";
    // Adding a person to an interaction is the hot path (`add`): incremental.
    sql += R"(
CREATE TRIGGER interaction_people_added AFTER INSERT ON interaction_people BEGIN
  UPDATE people SET
    interactions = interactions + 1,
    reached_me = reached_me + (SELECT them FROM interactions WHERE id = NEW.interaction_id),
    last_interaction = max(coalesce(last_interaction, ''),
                           (SELECT on_date FROM interactions WHERE id = NEW.interaction_id))
  WHERE id = NEW.person_id;)" +
           refresh_contact_v1("people.id", "id = NEW.person_id") + "\nEND;\n";
    sql += "CREATE TRIGGER interaction_people_removed AFTER DELETE ON interaction_people BEGIN" +
           refresh_interactions_v1("people.id", "id = OLD.person_id") +
           refresh_contact_v1("people.id", "id = OLD.person_id") + "\nEND;\n";
    const std::string members =
        "id IN (SELECT person_id FROM interaction_people WHERE interaction_id = NEW.id)";
    sql += "CREATE TRIGGER interaction_changed AFTER UPDATE OF on_date, them ON interactions BEGIN" +
           refresh_interactions_v1("people.id", members) + refresh_contact_v1("people.id", members) +
           "\nEND;\n";
    // Favours and asks change rarely and per person: recompute that person in full.
    struct Event {
        const char* sql;
        const char* name;
        bool has_old, has_new;
    };
    for (Event e : {Event{"INSERT", "added", false, true}, Event{"UPDATE", "changed", true, true},
                    Event{"DELETE", "removed", true, false}}) {
        std::string ledger, contact;
        for (auto [present, row] : {std::pair{e.has_old, "OLD"}, std::pair{e.has_new, "NEW"}}) {
            if (present) {
                ledger += refresh_ledger(fmt::format("{}.person_id", row));
                contact += refresh_contact_v1("people.id", fmt::format("id = {}.person_id", row));
            }
        }
        sql += fmt::format("CREATE TRIGGER favours_{} AFTER {} ON favours BEGIN{}\nEND;\n", e.name,
                           e.sql, ledger);
        sql += fmt::format("CREATE TRIGGER asks_{} AFTER {} ON asks BEGIN{}\nEND;\n", e.name, e.sql,
                           contact);
    }
    return sql;
}

// The triggers that keep people's interaction totals (version 2 on): on interaction_people,
// and on interactions for a new date or `them`. An interaction's people are those of
// `with` (by interaction_id); `dated` picks the rows of interaction_people that take
// its new date.
std::string interaction_triggers(const std::string& with, const std::string& dated,
                                 std::string (*contact)(const std::string&, const std::string&)) {
    // Adding a person to an interaction is the hot path (`add`): incremental, and
    // last_contact too, as a new interaction can only move it later.
    std::string sql = R"(
CREATE TRIGGER interaction_people_added AFTER INSERT ON interaction_people BEGIN
  UPDATE people SET
    interactions = interactions + 1,
    reached_me = reached_me + (SELECT them FROM interactions WHERE id = NEW.interaction_id),
    last_interaction = max(coalesce(last_interaction, ''), NEW.on_date),
    first_interaction = min(coalesce(first_interaction, NEW.on_date), NEW.on_date),
    last_contact = max(coalesce(last_contact, ''), NEW.on_date)
  WHERE id = NEW.person_id;
END;
)";
    sql += "CREATE TRIGGER interaction_people_removed AFTER DELETE ON interaction_people BEGIN" +
           refresh_interactions("people.id", "id = OLD.person_id") +
           contact("people.id", "id = OLD.person_id") + "\nEND;\n";
    // An edit writes every field back: only a new date or a new `them` changes totals.
    // (An UPDATE of interaction_people itself, as `people merge` makes, fires nothing:
    // its writer recomputes the totals with refresh_totals.)
    const std::string members =
        fmt::format("id IN (SELECT person_id FROM {} WHERE interaction_id = NEW.id)", with);
    sql += fmt::format(R"(CREATE TRIGGER interaction_changed AFTER UPDATE OF on_date, them ON interactions
  WHEN OLD.on_date IS NOT NEW.on_date OR OLD.them IS NOT NEW.them BEGIN
  UPDATE interaction_people SET on_date = NEW.on_date WHERE {};)",
                       dated) +
           refresh_interactions("people.id", members) + contact("people.id", members) +
           "\nEND;\n";
    return sql;
}

// Version 2: interaction_people carries its interaction's date, so that a person's
// timeline (`show`) is one range of the index (person_id, on_date) instead of a lookup
// of each of their interactions; and people carry first_interaction, the date of their
// earliest interaction, for the audit's "asked before ever meeting". SQLite cannot add
// a NOT NULL column without a default, so interaction_people is rebuilt (its triggers
// go with it) and filled from interactions. Also: an index on asks(via), which `people
// merge` and `people rm` look people up by (else two full scans of asks), and
// deleted.merged_into, the uuid of the person someone was merged into (`people merge`).
std::string version_2() {
    std::string sql = R"(
DROP TRIGGER interaction_people_added;
DROP TRIGGER interaction_people_removed;
DROP TRIGGER interaction_changed;
CREATE TABLE interaction_people_v2 (
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  on_date TEXT NOT NULL,  -- the interaction's on_date, kept in step by interaction_changed
  PRIMARY KEY (interaction_id, person_id)
) WITHOUT ROWID;
INSERT INTO interaction_people_v2 (interaction_id, person_id, on_date)
  SELECT ip.interaction_id, ip.person_id, i.on_date
  FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id;
DROP TABLE interaction_people;
ALTER TABLE interaction_people_v2 RENAME TO interaction_people;
CREATE INDEX interaction_people_person ON interaction_people(person_id, on_date, interaction_id);
ALTER TABLE people ADD COLUMN first_interaction TEXT;
UPDATE people SET first_interaction =
  (SELECT min(on_date) FROM interaction_people WHERE person_id = people.id);
CREATE INDEX asks_via ON asks(via);
ALTER TABLE deleted ADD COLUMN merged_into TEXT CHECK (merged_into IS NULL OR type = 'person');
)";
    sql += interaction_triggers("interaction_people", "interaction_id = NEW.id", refresh_contact_v1);
    return sql;
}

// The audit reads every ask: each direction gets an index holding only what it reads
// of them, a third of the table's pages (whose rows carry uuids, notes, timestamps).
std::string version_3() {
    return R"(
CREATE INDEX asks_out ON asks(direction, person_id, via, asked_on, status, what)
  WHERE direction = 'out';
CREATE INDEX asks_in ON asks(direction, person_id, asked_on, due_on, status, replied_on, closed_on)
  WHERE direction = 'in';
)";
}

// Version 4: `people merge` of someone met 1,400 times rewrote 1,400 rows of
// interaction_people, keyed by interaction and so one to a page all over the file
// (and restamped 1,400 interactions for the sync): 3,000 pages, 230 ms. Now:
// - interaction_members (interaction, person as entered) answers "who was there";
//   a merge leaves its rows, and person_aliases says who a merged-away id is now
//   (interaction_with is the view that applies it);
// - interaction_people is keyed by person: their interactions, by date, with the person
//   they are with now. A merge moves one contiguous range of it.
// - person_aliases.merged_at stands for the restamp: the updated_at an interaction
//   has for `export` and `import json` is the later of its own and that of the merge
//   that moved it (interaction_stamp()).
// The interaction_members_* triggers keep interaction_people in step with the members;
// the bulk writes that drop the totals' triggers keep them (SetAside::totals_triggers).
//
// interaction_members.person_id: a person's id, or an id in person_aliases.
// interaction_people.on_date: the interaction's, kept in step by interaction_changed;
//   its interaction_id has no foreign key (a cascade would scan the table): its row goes
//   with the interaction_members row, by trigger.
// person_aliases: id, someone merged away; person_id, who they are now; merged_at, when
//   `people merge` made it here (NULL when an import applied another machine's merge).
//
// Every command parses the schema first (SQLite reads it on open; 2.8 M instructions,
// a tenth of a millisecond for 13,000 characters): the comments are here, not in it,
// and the triggers on a changed favour or ask recompute both people in one statement
// (half their SQL, and one pass when the person stays).
// Which rows of interaction_people take an interaction's new date (version 4 on).
constexpr const char* v4_dated = "on_date = OLD.on_date AND interaction_id = NEW.id\n"
                                 "    AND person_id IN (SELECT person_id FROM interaction_with "
                                 "WHERE interaction_id = NEW.id)";

std::string version_4() {
    std::string sql = R"(
DROP TRIGGER interaction_people_added;
DROP TRIGGER interaction_people_removed;
DROP TRIGGER interaction_changed;
DROP TRIGGER favours_changed;
DROP TRIGGER asks_changed;
CREATE TABLE interaction_members (
  interaction_id INTEGER NOT NULL REFERENCES interactions(id) ON DELETE CASCADE,
  person_id INTEGER NOT NULL,
  PRIMARY KEY (interaction_id, person_id)
) WITHOUT ROWID;
INSERT INTO interaction_members (interaction_id, person_id)
  SELECT interaction_id, person_id FROM interaction_people ORDER BY 1, 2;
CREATE TABLE interaction_people_v4 (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  on_date TEXT NOT NULL,
  interaction_id INTEGER NOT NULL,
  PRIMARY KEY (person_id, on_date, interaction_id)
) WITHOUT ROWID;
INSERT INTO interaction_people_v4 (person_id, on_date, interaction_id)
  SELECT person_id, on_date, interaction_id FROM interaction_people ORDER BY 1, 2, 3;
DROP TABLE interaction_people;
ALTER TABLE interaction_people_v4 RENAME TO interaction_people;
CREATE TABLE person_aliases (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  merged_at TEXT
);
CREATE INDEX person_aliases_person ON person_aliases(person_id);
CREATE VIEW interaction_with (interaction_id, person_id) AS
  SELECT m.interaction_id, coalesce(a.person_id, m.person_id)
  FROM interaction_members m LEFT JOIN person_aliases a ON a.id = m.person_id;
CREATE TRIGGER interaction_members_added AFTER INSERT ON interaction_members BEGIN
  INSERT OR IGNORE INTO interaction_people (person_id, on_date, interaction_id)
    SELECT coalesce((SELECT person_id FROM person_aliases WHERE id = NEW.person_id), NEW.person_id),
           on_date, id FROM interactions WHERE id = NEW.interaction_id;
END;
CREATE TRIGGER interaction_members_removed AFTER DELETE ON interaction_members BEGIN
  DELETE FROM interaction_people WHERE interaction_id = OLD.interaction_id AND person_id =
    coalesce((SELECT person_id FROM person_aliases WHERE id = OLD.person_id), OLD.person_id);
END;
)";
    const std::string both = "id IN (OLD.person_id, NEW.person_id)";
    sql += "CREATE TRIGGER favours_changed AFTER UPDATE ON favours BEGIN" +
           refresh_ledger("people.id", both) + "\nEND;\n";
    sql += "CREATE TRIGGER asks_changed AFTER UPDATE ON asks BEGIN" +
           refresh_contact_v1("people.id", both) + "\nEND;\n";
    sql += interaction_triggers("interaction_with", v4_dated, refresh_contact_v1);
    return sql;
}

// Version 5 (issue #14):
// - asks.nudged_on: the days I followed up an outgoing ask (`ask nudge`), a JSON list
//   of dates, oldest first. A nudge is contact: the triggers that compute last_contact
//   are made again with refresh_contact(), which reads it. A field of the ask, so
//   that `export` and `import json` carry nudges with the ask they belong to.
// - retired_ids: ids are never reused. SQLite gives a new row max(id) + 1, so after
//   `rm` of the newest entry its id came back. retired_ids.last is the highest id a
//   removed row of the table had; a new row gets max(max(id), last) + 1 (next_entry_id).
//   AUTOINCREMENT would need every table rebuilt (the whole file rewritten for a
//   1M-row journal, and the tables referencing them); this costs a few rows and
//   an AFTER DELETE trigger, which cascades (`people rm`) fire too.
//   A journal of an earlier version does not know the ids it removed: `deleted` keeps
//   one record per removed row (rm, people rm, merge, import json), and SQLite gave
//   each row at most max(id) + 1, so max(id) + the number of deletion records of that
//   type is at least every id ever given: one index seek and a pass over `deleted`,
//   never over the tables themselves.
std::string version_5() {
    std::string sql = R"(
ALTER TABLE asks ADD COLUMN nudged_on TEXT NOT NULL DEFAULT '[]';
DROP TRIGGER asks_added;
DROP TRIGGER asks_removed;
DROP TRIGGER asks_changed;
DROP TRIGGER interaction_people_added;
DROP TRIGGER interaction_people_removed;
DROP TRIGGER interaction_changed;
CREATE TABLE retired_ids (
  entry TEXT PRIMARY KEY,
  last INTEGER NOT NULL
) WITHOUT ROWID;
)";
    for (auto [table, type] : {std::pair{"interactions", "interaction"}, std::pair{"asks", "ask"},
                               std::pair{"favours", "favour"}}) {
        sql += fmt::format(R"(INSERT INTO retired_ids (entry, last) VALUES ('{0}',
  coalesce((SELECT max(id) FROM {0}), 0) + (SELECT count(*) FROM deleted WHERE type = '{1}'));
CREATE TRIGGER {2}{0} AFTER DELETE ON {0} BEGIN
  UPDATE retired_ids SET last = OLD.id WHERE entry = '{0}' AND last < OLD.id;
END;
)",
                           table, type, store::retired_ids_triggers);
    }
    const std::string both = "id IN (OLD.person_id, NEW.person_id)";
    sql += "CREATE TRIGGER asks_added AFTER INSERT ON asks BEGIN" +
           refresh_contact("people.id", "id = NEW.person_id") + "\nEND;\n";
    sql += "CREATE TRIGGER asks_removed AFTER DELETE ON asks BEGIN" +
           refresh_contact("people.id", "id = OLD.person_id") + "\nEND;\n";
    sql += "CREATE TRIGGER asks_changed AFTER UPDATE ON asks BEGIN" +
           refresh_contact("people.id", both) + "\nEND;\n";
    sql += interaction_triggers("interaction_with", v4_dated, refresh_contact);
    return sql;
}

// Version 6: a person has several email addresses. person_emails holds them all in
// order, position 0 being the primary one, which people.email keeps too (every
// reader of a person's one address, and the `people` query, read it there). Imports
// match any of them, case-insensitively: hence the index.
std::string version_6() {
    return R"(
CREATE TABLE person_emails (
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  email TEXT NOT NULL,
  PRIMARY KEY (person_id, position)
) WITHOUT ROWID;
CREATE INDEX person_emails_email ON person_emails(email COLLATE NOCASE);
INSERT INTO person_emails (person_id, position, email)
  SELECT id, 0, email FROM people WHERE email IS NOT NULL AND email <> '' ORDER BY id;
)";
}

// Version 7 (`netlog who`): full-text indexes (FTS5, `unicode61 remove_diacritics 2`:
// case- and accent-insensitive) over people's name, company, role, tags and notes,
// interactions' notes, and asks' text and note. Each is an external-content index of
// its table (the text is not stored twice: the index adds a tenth of the journal, not
// a copy of it), without column sizes (netlog ranks by its own rule, not bm25) and kept
// current by the search_* triggers; store::SetAside::totals_triggers() leaves those on, so every
// write, bulk ones included, keeps the index right. Filled for an existing journal by
// 'rebuild'.
std::string version_7() {
    std::string sql;
    struct Index {
        const char* table;
        const char* index;
        std::vector<const char*> columns;
    };
    for (const Index& ix : {Index{"people", "search_people", {"name", "company", "role", "tags", "notes"}},
                            Index{"interactions", "search_interactions", {"note"}},
                            Index{"asks", "search_asks", {"what", "note"}}}) {
        std::string cols, olds, news, changed;
        for (const char* c : ix.columns) {
            cols += fmt::format("{}{}", cols.empty() ? "" : ", ", c);
            olds += fmt::format(", OLD.{}", c);
            news += fmt::format(", NEW.{}", c);
            changed += fmt::format("{}OLD.{} IS NOT NEW.{}", changed.empty() ? "" : " OR ", c, c);
        }
        sql += fmt::format(R"(
CREATE VIRTUAL TABLE {1} USING fts5({2}, content='{0}', content_rowid='id', columnsize=0,
  tokenize='unicode61 remove_diacritics 2');
INSERT INTO {1}({1}) VALUES ('rebuild');
CREATE TRIGGER {1}_added AFTER INSERT ON {0} BEGIN
  INSERT INTO {1}(rowid, {2}) VALUES (NEW.id{4});
END;
CREATE TRIGGER {1}_removed AFTER DELETE ON {0} BEGIN
  INSERT INTO {1}({1}, rowid, {2}) VALUES ('delete', OLD.id{3});
END;
CREATE TRIGGER {1}_changed AFTER UPDATE OF {2} ON {0} WHEN {5} BEGIN
  INSERT INTO {1}({1}, rowid, {2}) VALUES ('delete', OLD.id{3});
  INSERT INTO {1}(rowid, {2}) VALUES (NEW.id{4});
END;
)",
                           ix.table, ix.index, cols, olds, news, changed);
    }
    return sql;
}

// Version 8 (issue #18, capture from mail and calendar): a captured interaction or ask
// remembers its source — "mail:<thread>/<day>", "mail-ask:<Message-ID>",
// "ical:<UID>/<RECURRENCE-ID>" — and its uuid is derived from it (capture_uuid()), so
// that two machines importing the same mailbox make the same records, which `import
// json` then merges instead of duplicating. A re-import finds a record by that uuid.
// interactions.source_seq: the calendar SEQUENCE the capture last wrote (0 for mail);
// NULL once the user edited the interaction, which the capture then leaves alone.
std::string version_8() {
    return R"(
ALTER TABLE interactions ADD COLUMN source TEXT;
ALTER TABLE interactions ADD COLUMN source_seq INTEGER;
ALTER TABLE asks ADD COLUMN source TEXT;
)";
}

} // namespace

std::string refresh_totals(const std::string& where) {
    return refresh_interactions("people.id", where) + refresh_contact("people.id", where) +
           refresh_ledger("people.id", where);
}

std::string refresh_totals_given_them(const std::string& where, const std::string& them) {
    std::string sql = refresh_totals(where);
    const std::string join = "FROM interaction_people ip JOIN interactions i ON i.id = "
                             "ip.interaction_id\n                  WHERE ip.person_id = people.id "
                             "AND i.them = 1";
    const auto at = sql.find(join);
    if (at == std::string::npos) {
        throw std::logic_error("refresh_totals_given_them: reached_me is not where it was");
    }
    sql.replace(at, join.size(),
                fmt::format("FROM interaction_people ip WHERE ip.person_id = people.id AND "
                            "ip.interaction_id IN (SELECT id FROM {})",
                            them));
    return sql;
}

const std::vector<std::string>& migrations() {
    static const std::vector<std::string> all{version_1(), version_2(), version_3(), version_4(),
                                              version_5(), version_6(), version_7(),
                                              version_8()};
    return all;
}

} // namespace netlog::store
