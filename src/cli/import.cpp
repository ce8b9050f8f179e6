// netlog import linkedin|vcard|json FILE [--dry-run] — bring people in from LinkedIn
// or an address book, or merge another journal's export.
//
// Every import is one write transaction. A card or row that cannot be read is
// skipped with a "FILE:LINE: why" warning and counted (--strict: refused, exit 2,
// nothing stays); a file that cannot be read to its end stores nothing (exit 3);
// `import json` refuses a file with any bad record (exit 2, "FILE:LINE: …"). A dry run does the very same work and
// rolls it back, so what it reports is exact; with no journal yet it works on an
// empty one in memory, so that it creates nothing.
#include "common.hpp"
#include "context.hpp"
#include "progress.hpp"
#include "resolve.hpp"

#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <vector>

namespace fs = std::filesystem;

namespace netlog {
namespace {

struct ImportOptions {
    std::string file;
    bool dry_run = false;
    bool strict = false; // any record that cannot be read refuses the whole file
};

// The file to read; "-" is standard input.
std::unique_ptr<std::istream> open_input(const std::string& file) {
    if (file == "-") {
        return std::make_unique<std::istream>(std::cin.rdbuf());
    }
    auto in = std::make_unique<std::ifstream>(file, std::ios::binary);
    if (!*in || fs::is_directory(file)) {
        throw usage_error(
            fmt::format("cannot read {}: {}", printable(file),
                        fs::is_directory(file) ? "it is a folder" : std::strerror(errno)));
    }
    return in;
}

// The progress line of an import: the bytes read of the file's size (none for
// standard input, whose size is not known).
class InputProgress {
public:
    InputProgress(const Output& out, const std::string& file, std::istream& in)
        : m_progress(out, "import", Progress::Unit::bytes), m_in(in) {
        std::error_code ec;
        if (file != "-") {
            m_size = fs::file_size(file, ec);
            if (ec) {
                m_size = 0;
            }
        }
    }
    void update() {
        if (m_size > 0 && m_progress.due()) {
            const auto at = m_in.tellg();
            if (at >= 0) {
                m_progress.update(static_cast<std::uint64_t>(at), m_size);
            }
        }
    }
    // Clears the line: before warnings and the report.
    void finish() { m_progress.finish(); }

private:
    Progress m_progress;
    std::istream& m_in;
    std::uintmax_t m_size = 0;
};

// An error in a record found past the parser, named like the parser's own: FILE:LINE: …
[[noreturn]] void fail_at(const std::string& file, int line, const Error& e) {
    if (e.kind() != ErrorKind::usage) {
        throw e;
    }
    throw usage_error(fmt::format("{}:{}: {}", printable(file), line, e.what()));
}

// --- LinkedIn and vCard ------------------------------------------------------------------

struct ContactReport {
    Json added = Json::array(), updated = Json::array(), unchanged = Json::array();
    std::vector<ContactSkip> skipped; // the reader's, then those the journal refused
};

Json person_entry(const Person& p) {
    return Json{{"handle", p.handle}, {"name", p.name}};
}

void store_contact(Journal& journal, JournalSync::ContactImport& people, const Contact& c,
                   const std::string& source, Date today, ContactReport& report) {
    check_contact(c);
    if (auto found = people.match(c.key, c.emails, c.name, source)) {
        if (!c.key.empty()) {
            people.claim(found->id, c.key);
        }
        if (merge_contact(*found, c).empty()) {
            report.unchanged.push_back(person_entry(*found));
            return;
        }
        Person p = *journal.people().person_by_id(found->id); // every field, for update_person
        auto changed = merge_contact(p, c);
        journal.people().update_person(p);
        Json entry = person_entry(p);
        entry["fields"] = changed;
        report.updated.push_back(entry);
        return;
    }
    Person p;
    p.name = checked_name(c.name);
    p.handle = handle_base(p.name);
    p.tier = Tier::none;
    p.source = source;
    p.added_on = c.added_on.value_or(today);
    take_contact_fields(p, c);
    people.add(p, c.key);
    report.added.push_back(person_entry(p));
}

using ContactReader = ContactFileSummary (*)(std::istream&, const std::string&, const ContactSink&);

// "2 skipped (1 bad date, 1 unreadable line)" and the like.
std::map<std::string, long long> skip_reasons(const std::vector<ContactSkip>& skipped) {
    std::map<std::string, long long> reasons;
    for (const auto& skip : skipped) {
        reasons[skip.reason]++;
    }
    return reasons;
}

void print_contact_report(Context& ctx, const ImportOptions& opt, const ContactReport& report,
                          const ContactFileSummary& summary) {
    auto reasons = skip_reasons(report.skipped);
    if (ctx.out.json) {
        Json skipped = Json::array();
        for (const auto& skip : report.skipped) {
            skipped.push_back({{"line", skip.line}, {"reason", skip.reason}, {"why", skip.why}});
        }
        ctx.out.emit(Json{{"file", opt.file},
                          {"dry_run", opt.dry_run},
                          {"added", report.added},
                          {"updated", report.updated},
                          {"unchanged", report.unchanged},
                          {"skipped", skipped},
                          {"skipped_reasons", reasons},
                          {"not_people", summary.not_people},
                          {"ignored", summary.ignored},
                          {"warnings", summary.warnings}});
        return;
    }
    std::string text = fmt::format("{} added, {} updated, {} unchanged", report.added.size(),
                                   report.updated.size(), report.unchanged.size());
    if (!report.skipped.empty()) {
        std::string why;
        for (const auto& [reason, n] : reasons) {
            why += fmt::format("{}{} {}", why.empty() ? "" : ", ", n, reason);
        }
        text += fmt::format(", {} skipped ({})", report.skipped.size(), why);
    }
    if (summary.not_people > 0) {
        text += fmt::format(", {} not people (groups, organisations)", summary.not_people);
    }
    if (summary.ignored > 0) {
        text += fmt::format(", {} without a name ignored", summary.ignored);
    }
    if (!opt.dry_run) {
        ctx.out.info(fmt::format("imported {}: {}", printable(opt.file), text));
        return;
    }
    ctx.out.print(fmt::format("dry run of {}, nothing written: {}", printable(opt.file), text));
    Table table({"WOULD", "HANDLE", "NAME", "FIELDS"});
    for (auto [action, list] :
         {std::pair{"add", &report.added}, std::pair{"update", &report.updated},
          std::pair{"keep", &report.unchanged}}) {
        for (const auto& entry : *list) {
            std::string fields;
            for (const auto& f : entry.value("fields", Json::array())) {
                fields += (fields.empty() ? "" : ", ") + f.get<std::string>();
            }
            table.add_row({action, entry["handle"].get<std::string>(),
                           truncate_to_width(printable(entry["name"].get<std::string>()), 40),
                           fields});
        }
    }
    if (!table.empty()) {
        ctx.out.print(table.render(ctx.out));
    }
}

int import_contacts(Context& ctx, const ImportOptions& opt, const std::string& source,
                    ContactReader read) {
    auto in = open_input(opt.file);
    std::optional<Journal> scratch;
    Journal& journal = import_target(ctx, opt.dry_run, scratch);
    Journal::WriteTransaction tx(journal, opt.dry_run ? Journal::WriteTransaction::Intent::dry_run
                                                      : Journal::WriteTransaction::Intent::commit);
    JournalSync::ContactImport people(journal);
    ContactReport report;
    std::vector<ContactSkip> refused; // records the journal would not take
    InputProgress progress(ctx.out, opt.file, *in);
    ContactFileSummary summary = read(*in, opt.file, [&](const Contact& c) {
        progress.update();
        try {
            store_contact(journal, people, c, source, ctx.today, report);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::usage) {
                throw;
            }
            refused.push_back({c.line, "invalid field", e.what()});
        }
    });
    progress.finish();
    report.skipped = summary.skipped;
    report.skipped.insert(report.skipped.end(), refused.begin(), refused.end());
    std::stable_sort(report.skipped.begin(), report.skipped.end(),
                     [](const ContactSkip& a, const ContactSkip& b) { return a.line < b.line; });
    if (opt.strict && !report.skipped.empty()) {
        const ContactSkip& first = report.skipped.front();
        throw usage_error(fmt::format("{}:{}: {}; --strict: nothing imported ({} record{} "
                                      "cannot be read)",
                                      printable(opt.file), first.line, first.why,
                                      report.skipped.size(),
                                      report.skipped.size() == 1 ? "" : "s"));
    }
    for (const auto& warning : summary.warnings) {
        ctx.out.warn(warning);
    }
    for (const auto& skip : report.skipped) {
        ctx.out.warn(fmt::format("{}:{}: {}; skipped", printable(opt.file), skip.line, skip.why));
    }
    if (!opt.dry_run) {
        tx.commit();
    }
    print_contact_report(ctx, opt, report, summary);
    return 0;
}

int import_linkedin(Context& ctx, const ImportOptions& opt) {
    return import_contacts(ctx, opt, "linkedin", read_linkedin);
}

int import_vcard(Context& ctx, const ImportOptions& opt) {
    return import_contacts(ctx, opt, "vcard", read_vcard);
}

// --- JSON Lines ------------------------------------------------------------------------------

std::string counted(long long n, const std::string& type) {
    static const std::map<std::string, std::pair<const char*, const char*>> nouns{
        {"person", {"person", "people"}},
        {"interaction", {"interaction", "interactions"}},
        {"favour", {"favour", "favours"}},
        {"ask", {"ask", "asks"}},
        {"deleted", {"deletion", "deletions"}}};
    const auto& [one, many] = nouns.at(type);
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

// One warning for each person a deletion would have taken but newer entries kept.
void warn_kept(Context& ctx, const ImportOptions& opt,
               const std::vector<JournalSync::Merge::KeptPerson>& kept) {
    for (const auto& person : kept) {
        const std::string why =
            person.needed_by == 0 ? "they were changed after the deletion"
            : person.needed_by == 1
                ? "1 entry made after the deletion needs them"
                : fmt::format("{} entries made after the deletion need them", person.needed_by);
        ctx.out.warn(fmt::format("{} {} ({}), deleted {} at {}, because {}",
                                 opt.dry_run ? "would have restored" : "restored", person.handle,
                                 person.name,
                                 person.deleted_here ? "in this journal" : "in " + opt.file,
                                 person.deleted_at, why));
    }
}

// Standard input as a file that can be read twice: copied to a temporary file (mode
// 0600, unlinked as soon as it is open again, so that nothing is left behind).
std::unique_ptr<std::istream> rereadable_stdin() {
    std::error_code ec;
    const fs::path folder = fs::temp_directory_path(ec);
    if (ec) {
        const char* tmpdir = std::getenv("TMPDIR");
        throw journal_error(fmt::format(
            "cannot keep standard input in a temporary file: TMPDIR ({}) is not a folder; set "
            "TMPDIR to one, or give the export's path instead of -",
            printable(tmpdir ? tmpdir : "")));
    }
    std::string path = (folder / "netlog-import-XXXXXX").string();
    const int fd = ::mkstemp(path.data());
    if (fd < 0) {
        throw journal_error(fmt::format("cannot keep standard input in a temporary file in {}: "
                                        "{}; give the export's path instead of -",
                                        printable(folder.string()), std::strerror(errno)));
    }
    auto fail = [&](const char* what) {
        const int err = errno;
        ::close(fd);
        ::unlink(path.c_str());
        throw journal_error(fmt::format("cannot {} standard input: {}; give the export's path "
                                        "instead of -",
                                        what, std::strerror(err)));
    };
    std::vector<char> buffer(1 << 16);
    for (;;) {
        const ssize_t n = ::read(STDIN_FILENO, buffer.data(), buffer.size());
        if (n == 0) {
            break;
        }
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail("read");
        }
        for (ssize_t done = 0; done < n;) {
            const ssize_t w = ::write(fd, buffer.data() + done, static_cast<std::size_t>(n - done));
            if (w < 0 && errno != EINTR) {
                fail("copy to a temporary file");
            }
            done += std::max<ssize_t>(w, 0);
        }
    }
    auto in = std::make_unique<std::ifstream>(path, std::ios::binary);
    ::close(fd);
    ::unlink(path.c_str());
    if (!*in) {
        throw journal_error("cannot read standard input back from its temporary file");
    }
    return in;
}

int import_json(Context& ctx, const ImportOptions& opt) {
    // Read twice: ahead for the deletions of people (JournalSync::Merge::foresee), then
    // record by record.
    auto in = opt.file == "-" ? rereadable_stdin() : open_input(opt.file);
    std::optional<Journal> scratch;
    Journal& journal = import_target(ctx, opt.dry_run, scratch);
    Journal::WriteTransaction tx(journal, opt.dry_run ? Journal::WriteTransaction::Intent::dry_run
                                                      : Journal::WriteTransaction::Intent::commit);
    ExportReader reader(*in, opt.file, schema_version, ctx.now);
    JournalSync::Merge merge(journal);
    for (const auto& deletion : person_deletions(*in)) {
        merge.foresee(deletion);
    }
    in->clear();
    in->seekg(0);
    // Outcome -> record type -> count, in the order they are reported.
    const std::pair<JournalSync::Merge::Outcome, const char*> outcomes[] = {
        {JournalSync::Merge::Outcome::added, "added"},
        {JournalSync::Merge::Outcome::updated, "updated"},
        {JournalSync::Merge::Outcome::removed, "removed"},
        {JournalSync::Merge::Outcome::skipped, "skipped"}};
    // Counted by record type; what deletions removed, row by row, from the merge's report.
    std::map<JournalSync::Merge::Outcome, std::map<std::string, long long>> counts;
    InputProgress progress(ctx.out, opt.file, *in);
    while (auto record = reader.next()) {
        progress.update();
        try {
            auto outcome = merge.apply(*record);
            if (outcome != JournalSync::Merge::Outcome::removed) {
                counts[outcome][(*record)["type"].get<std::string>()]++;
            }
        } catch (const Error& e) {
            fail_at(opt.file, reader.line(), e);
        }
    }
    try {
        merge.finish();
    } catch (const Error& e) {
        throw usage_error(fmt::format("{}: {}", printable(opt.file), error_message(e)));
    }
    progress.finish();
    if (!opt.dry_run) {
        tx.commit();
    }
    const JournalSync::Merge::Report& report = merge.report();
    for (const auto& [type, n] : report.removed) {
        if (n > 0) {
            counts[JournalSync::Merge::Outcome::removed][type] = n;
        }
    }
    warn_kept(ctx, opt, report.kept);

    if (ctx.out.json) {
        Json doc{{"file", opt.file}, {"dry_run", opt.dry_run}};
        for (const auto& [outcome, key] : outcomes) {
            Json by_type = Json::object();
            for (const char* type : {"person", "ask", "interaction", "favour", "deleted"}) {
                by_type[type] = counts[outcome][type];
            }
            doc[key] = by_type;
        }
        doc["unchanged"] = doc["skipped"]; // the name the contact imports use
        Json moved = Json::object();
        for (const char* type : {"person", "ask", "interaction", "favour"}) {
            auto it = report.moved.find(type);
            moved[type] = it == report.moved.end() ? 0 : it->second;
        }
        doc["moved"] = moved;
        Json kept = Json::array();
        for (const auto& person : report.kept) {
            kept.push_back(Json{{"handle", person.handle},
                                {"name", person.name},
                                {"deleted_at", person.deleted_at},
                                {"deleted_here", person.deleted_here},
                                {"needed_by", person.needed_by}});
        }
        doc["restored"] = kept;
        ctx.out.emit(doc);
        return 0;
    }
    std::vector<std::string> lines{
        opt.dry_run ? fmt::format("dry run of {}, nothing written:", printable(opt.file))
                    : fmt::format("imported {}:", printable(opt.file))};
    for (const auto& [outcome, key] : outcomes) {
        std::string parts;
        for (const auto& [type, n] : counts[outcome]) {
            parts += (parts.empty() ? "" : ", ") + counted(n, type);
        }
        if (!parts.empty()) {
            lines.push_back(fmt::format(
                "  {:<9} {}", outcome == JournalSync::Merge::Outcome::skipped ? "unchanged" : key,
                parts));
        }
    }
    std::string moved;
    for (const auto& [type, n] : report.moved) {
        if (n > 0 && type != "person") {
            moved += (moved.empty() ? "" : ", ") + counted(n, type);
        }
    }
    if (report.moved.count("person") && report.moved.at("person") > 0) {
        lines.push_back(fmt::format("  {:<9} {}{} merged into another", "moved",
                                    moved.empty() ? "" : moved + " of ",
                                    counted(report.moved.at("person"), "person")));
    }
    if (!report.kept.empty()) {
        lines.push_back(fmt::format("  {:<9} {}", "restored",
                                    counted(static_cast<long long>(report.kept.size()), "person")));
    }
    if (lines.size() == 1) {
        lines.push_back("  no records");
    }
    std::string text;
    for (const auto& line : lines) {
        text += line + "\n";
    }
    if (opt.dry_run) {
        ctx.out.print(text);
    } else {
        ctx.out.info(text);
    }
    return 0;
}

} // namespace

void setup_import(CLI::App& app, Registry& registry) {
    CLI::App* import = add_command(app, "import",
                                   "Bring in LinkedIn connections, vCards, mail, a calendar "
                                   "or another journal's export");
    struct Format {
        const char* name;
        const char* description;
        const char* file_help;
        int (*run)(Context&, const ImportOptions&);
    };
    const Format formats[] = {
        {"linkedin", "LinkedIn connections (tier none, source linkedin); a re-import updates them",
         "Connections.csv from LinkedIn's data export (\"-\" for standard input)", import_linkedin},
        {"vcard", "Contacts from vCards (Google, Apple, khard; tier none, source vcard)",
         "A .vcf file with one or more cards (\"-\" for standard input)", import_vcard},
        {"json", "Merge another journal's `netlog export`: newer records win, deletions stay",
         "The export, JSON Lines (\"-\" for standard input)", import_json},
    };
    for (const auto& format : formats) {
        auto opt = std::make_shared<ImportOptions>();
        CLI::App* cmd = add_command(*import, format.name, format.description);
        cmd->add_option("file", opt->file, format.file_help)->required()->type_name("FILE");
        cmd->add_flag("--dry-run", opt->dry_run,
                      "Say what would be added, updated and skipped; write nothing");
        if (format.run != import_json) {
            cmd->add_flag("--strict", opt->strict,
                          "Refuse the whole file if any record cannot be read (default: skip it "
                          "with a warning)");
        }
        registry.on(cmd, [opt, run = format.run](Context& ctx) { return run(ctx, *opt); });
    }
    setup_capture(*import, registry);
}

} // namespace netlog
