// Opening, creating and migrating the journal; transactions; row helpers.
#include "impl.hpp"

#include "netlog/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace netlog {
namespace {

// PRAGMA application_id of every netlog journal: "NTLG".
constexpr int application_id = 0x4E544C47;
// How long a command waits for another netlog's write to finish.
constexpr int busy_timeout_ms = 15000;


// Creates the journal's folder (0700 for each folder we make) and an empty file
// with mode 0600, so that SQLite never creates it with the umask's mode.
void create_journal_file(const fs::path& path) {
    fs::path folder = path.parent_path();
    if (!folder.empty() && !fs::exists(folder)) {
        std::vector<fs::path> missing;
        for (fs::path p = folder; !p.empty() && !fs::exists(p); p = p.parent_path()) {
            missing.push_back(p);
            if (p == p.parent_path()) {
                break;
            }
        }
        for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
            if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
                throw journal_error(fmt::format("cannot create folder {}: {}", it->string(),
                                                std::strerror(errno)));
            }
        }
    }
    int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw journal_error(
            fmt::format("cannot create journal {}: {}", path.string(), std::strerror(errno)));
    }
    ::fchmod(fd, 0600);
    ::close(fd);
}

struct Header {
    int application = 0;
    int version = 0;
    int objects = 0;
};

// How long check_file_header waits for a size that does not match the header to come
// right: another netlog may be checkpointing, which writes page 1 (with the new size)
// before the pages at the end.
constexpr int size_settle_ms = 1000;

Error not_sqlite(const fs::path& path) {
    return Error(ErrorKind::journal,
                 fmt::format("{} is not a netlog journal (not an SQLite database); left untouched",
                             path.string()),
                 Remedy::choose_journal);
}

// Reads what identifies a netlog journal; a file that is not SQLite fails here,
// before anything is written.
Header read_header(SQLite::Database& db, const fs::path& path) {
    try {
        // One statement, so one snapshot: read one by one, another netlog creating the
        // journal could commit in between (application_id 0, yet tables: "not netlog").
        SQLite::Statement st(db, "SELECT (SELECT application_id FROM pragma_application_id), "
                                 "(SELECT user_version FROM pragma_user_version), "
                                 "(SELECT count(*) FROM sqlite_master)");
        st.executeStep();
        Header h;
        h.application = st.getColumn(0).getInt();
        h.version = st.getColumn(1).getInt();
        h.objects = st.getColumn(2).getInt();
        return h;
    } catch (const SQLite::Exception& e) {
        // check_file_header saw an SQLite header: past it, the file is damaged.
        if (e.getErrorCode() == SQLITE_NOTADB || e.getErrorCode() == SQLITE_CORRUPT) {
            throw damaged_journal_error(path, e.getErrorStr());
        }
        throw;
    }
}

void check_header(const Header& h, const fs::path& path) {
    if (h.version < 0) {  // 4 bytes SQLite reads as signed: netlog never writes one
        throw Error(ErrorKind::journal,
                    fmt::format("{} is an SQLite database but not a netlog journal "
                                "(user_version {}); left untouched",
                                path.string(), h.version),
                    Remedy::choose_journal);
    }
    bool fresh = h.application == 0 && h.version == 0 && h.objects == 0;
    if (!fresh && h.application != application_id) {
        throw Error(ErrorKind::journal,
                    fmt::format("{} is an SQLite database but not a netlog journal; left untouched",
                                path.string()),
                    Remedy::choose_journal);
    }
    if (h.version > schema_version) {
        throw journal_error(fmt::format(
            "{} was written by a newer netlog (schema {}, this netlog knows {}); left "
            "untouched — upgrade netlog",
            path.string(), h.version, schema_version));
    }
}

// Whether the file is shorter than its header says, or not made of whole pages, as
// SQLite always writes it: what a copy cut short, or a disk that lost the end, leaves.
// SQLite itself would read the missing pages as zeros and say nothing until a query
// met them. "" when the size is right.
template <typename Number>
std::string cut_short(const unsigned char* bytes, Number number, const fs::path& path) {
    std::uint32_t page_size = static_cast<std::uint32_t>(bytes[16]) << 8 | bytes[17];
    if (page_size == 1) {
        page_size = 65536;
    }
    std::error_code ec;
    std::uintmax_t size = fs::file_size(path, ec);
    if (ec || page_size < 512) {
        return "";  // SQLite will say what it makes of it
    }
    // With commits in the WAL, the file may be mid-way: a checkpoint stopped by a full
    // disk or a file size limit leaves part of a page, and the WAL, which SQLite reads
    // first, still holds it all (the next checkpoint writes it again).
    std::uintmax_t wal = fs::file_size(path.string() + "-wal", ec);
    if (!ec && wal > 0) {
        return "";
    }
    if (size % page_size != 0) {
        return fmt::format("{} bytes, not a whole number of its {}-byte pages: cut short",
                           size, page_size);
    }
    // The page count in the header is valid when the change counter matches the
    // version-valid-for number (both at the last write of the file's header).
    std::uintmax_t pages = number(28);
    if (pages != 0 && number(24) == number(92) && size < pages * page_size) {
        return fmt::format("{} pages of {} bytes, but its header says {}: cut short",
                           size / page_size, page_size, pages);
    }
    return "";
}

// Checks the SQLite header (the file's first 100 bytes) before SQLite opens the file,
// so that a file netlog refuses is left untouched: SQLite would leave -wal and -shm
// files beside a database in WAL mode, and could checkpoint a foreign WAL into it.
// read_header() checks again through SQLite, which also sees a header still in the WAL.
void check_file_header(const fs::path& path) {
    for (int waited = 0;; waited += 10) {
        std::array<unsigned char, 100> bytes{};
        std::ifstream in(path, std::ios::binary);
        in.read(reinterpret_cast<char*>(bytes.data()), bytes.size());
        if (in.gcount() == 0) {
            return;  // empty (a journal still to be made) or unreadable (SQLite will say)
        }
        if (in.gcount() < 100 || std::memcmp(bytes.data(), "SQLite format 3", 16) != 0) {
            throw not_sqlite(path);
        }
        auto number = [&](std::size_t offset) {  // 4 bytes, big-endian, as SQLite stores them
            std::uint32_t n = 0;
            for (std::size_t i = 0; i < 4; ++i) {
                n = n << 8 | bytes[offset + i];
            }
            return n;
        };
        Header h;
        h.application = static_cast<int>(number(68));
        h.version = static_cast<int>(number(60));
        // The schema cookie changes with every CREATE and DROP: 0 while no table was ever made.
        h.objects = number(40) == 0 ? 0 : 1;
        check_header(h, path);
        std::string cut = cut_short(bytes.data(), number, path);
        if (cut.empty()) {
            return;
        }
        if (waited >= size_settle_ms) {
            throw damaged_journal_error(path, cut);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// WAL lets a cron digest read while an `add` writes. Switching needs a moment
// alone with the file, so retry while another process holds it.
void ensure_wal(SQLite::Database& db) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(busy_timeout_ms);
    for (;;) {
        try {
            std::string mode = db.execAndGet("PRAGMA journal_mode").getString();
            if (mode == "wal") {
                return;
            }
            db.execAndGet("PRAGMA journal_mode = WAL");
        } catch (const SQLite::Exception& e) {
            if (e.getErrorCode() != SQLITE_BUSY || std::chrono::steady_clock::now() > deadline) {
                throw;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
}

// SQLite's own automatic checkpoint, past this many WAL pages (its default).
constexpr int checkpoint_pages = 1000;

// The WAL hook: once a commit leaves the WAL past checkpoint_pages, copies it into the
// journal and empties it. SQLite's own automatic checkpoint copies it but leaves it as
// long as it was: only a writer that knows it was all copied starts it over, and no
// netlog process knows that, as each one opens the journal first (there is no checkpoint
// on close) and so rebuilds the WAL's index from the whole WAL, counting none of it as
// copied. Every command would then read the whole WAL when it opens the journal, and
// every write copy it all again, and the WAL would never shrink (after a `people merge`
// of 1,400 interactions: 3,000 pages read by each `show`, written again by each `add`).
// It does not wait for readers: while one reads, it copies what it can and leaves the
// WAL to a later commit, as SQLite's would. The commit happened before: whatever the
// checkpoint meets, the commit stands.
int checkpoint_long_wal(void*, sqlite3* db, const char* name, int pages) {
    if (pages >= checkpoint_pages) {
        sqlite3_busy_timeout(db, 0);
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
        sqlite3_busy_timeout(db, busy_timeout_ms);
    }
    return SQLITE_OK;
}

// Runs every migration past the journal's version, all in one transaction.
void migrate(SQLite::Database& db) {
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version > schema_version) {
        return;  // another netlog migrated it meanwhile; check_header refuses on next open
    }
    const auto& steps = store::migrations();
    for (int v = version; v < schema_version; ++v) {
        db.exec(steps.at(static_cast<size_t>(v)));
    }
    db.exec(fmt::format("PRAGMA application_id = {}", application_id));
    db.exec(fmt::format("PRAGMA user_version = {}", schema_version));
    tx.commit();
}

} // namespace

Journal::Journal(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {
    m_impl->now = utc_timestamp_now();
}

void Journal::set_clock(std::string now) { m_impl->now = std::move(now); }

const std::string& Journal::now() const { return m_impl->now; }
Journal::Journal(Journal&&) noexcept = default;
Journal& Journal::operator=(Journal&&) noexcept = default;
Journal::~Journal() = default;

const fs::path& Journal::path() const { return m_impl->path; }

JournalPeople Journal::people() { return JournalPeople(*m_impl); }
JournalEntries Journal::entries() { return JournalEntries(*m_impl); }
JournalLedger Journal::ledger() { return JournalLedger(*m_impl); }
JournalSync Journal::sync() { return JournalSync(*m_impl); }
JournalMaintenance Journal::maintenance() { return JournalMaintenance(*m_impl); }

void Journal::set_progress(std::function<void(std::uint64_t, std::uint64_t)> progress) {
    m_impl->progress = std::move(progress);
}

void Journal::read_unreadable_dates() {
    store::unreadable_dates_read = true;
}

namespace {

// Whether SQLite can read the journal as it opened it (not when it cannot make the -shm
// file of a WAL journal: SQLITE_CANTOPEN, or SQLITE_READONLY_CANTINIT).
bool readable(SQLite::Database& db) {
    try {
        db.execAndGet("SELECT count(*) FROM sqlite_master");
        return true;
    } catch (const SQLite::Exception& e) {
        int code = e.getErrorCode();
        return code != SQLITE_CANTOPEN && code != SQLITE_READONLY;
    }
}

// `path`, absolute, with what a URI's path cannot hold as it is percent-encoded.
std::string uri_path(const fs::path& path) {
    std::string text = fs::absolute(path).string();
    std::string out;
    for (unsigned char c : text) {
        if (c == '%' || c == '?' || c == '#' || c < 0x21 || c >= 0x7F) {
            out += fmt::format("%{:02X}", c);
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

} // namespace

void check_file_path(const fs::path& path, const char* what, PathSource source) {
    const auto [file_path, plain_file_path] = [source] {
        switch (source) {
        case PathSource::journal:
            return std::pair(Remedy::journal_file_path, Remedy::journal_plain_file_path);
        case PathSource::journal_option:
            return std::pair(Remedy::journal_option_file_path,
                             Remedy::journal_option_plain_file_path);
        case PathSource::argument:
            return std::pair(Remedy::argument_file_path, Remedy::argument_plain_file_path);
        }
        return std::pair(Remedy::none, Remedy::none);
    }();
    std::string text = path.string();
    if (text.empty()) {
        throw Error(ErrorKind::usage, fmt::format("the {} path is empty", what), file_path);
    }
    // SQLite gives these a meaning of its own: an in-memory database (gone when netlog
    // exits; with WAL it also spun forever) and a URI with parameters.
    if (text == ":memory:") {
        throw Error(ErrorKind::usage,
                    fmt::format("{} ':memory:' is SQLite's in-memory database, which keeps "
                                "nothing",
                                what),
                    file_path, text);
    }
    if (text.starts_with("file:")) {
        throw Error(ErrorKind::usage, fmt::format("{} '{}' is an SQLite URI", what, text),
                    plain_file_path, text);
    }
}

Journal Journal::open(const fs::path& path, Mode mode) {
    check_file_path(path, "journal", PathSource::journal);
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (fs::is_directory(status)) {
        throw Error(ErrorKind::journal, fmt::format("journal {} is a directory", path.string()),
                    Remedy::journal_file_path);
    }
    if (fs::exists(status) && !fs::is_regular_file(status)) {
        throw Error(ErrorKind::journal,
                    fmt::format("journal {} is not a regular file (a FIFO, socket or device)",
                                path.string()),
                    Remedy::journal_file_path);
    }
    bool exists = fs::exists(status);
    if (!exists && mode == Mode::read) {
        throw Error(ErrorKind::journal, fmt::format("no journal yet at {}", path.string()),
                    Remedy::start_journal);
    }
    if (mode == Mode::write && exists) {
        if (auto damage = known_damage(path)) {
            throw Error(ErrorKind::damaged,
                        fmt::format("the journal {} is known to be damaged ({}); netlog writes "
                                    "nothing into it",
                                    path.string(), *damage),
                        Remedy::salvage_known);
        }
    }
    if (!exists) {
        forget_damage(path); // left by a file that was there before
        create_journal_file(path);
    } else if (mode == Mode::write && fs::file_size(path, ec) == 0 && !ec) {
        // An empty file made beforehand (`touch`) becomes the journal: 0600 like one
        // netlog makes, and so its -wal and -shm, which SQLite gives the journal's mode.
        ::chmod(path.c_str(), 0600);
    }
    if (mode == Mode::write) {
        fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
        if (::access(folder.c_str(), W_OK | X_OK) != 0 && errno == EACCES) {
            throw journal_error(fmt::format(
                "cannot write journal {}: its folder {} is not writable, and SQLite keeps the "
                "journal's -wal and -shm files beside it; reading works — to write, make the "
                "folder writable or move the journal",
                path.string(), folder.string()));
        }
    }
    check_file_header(path);
    // One thread per connection: without NOMUTEX every sqlite3_column_* call takes
    // and releases the connection's mutex (6% of `people` on 10,000 people).
    int flags = (mode == Mode::read ? SQLite::OPEN_READONLY : SQLite::OPEN_READWRITE) |
                SQLite::OPEN_NOMUTEX;
    std::unique_ptr<Impl> impl;
    try {
        impl = std::make_unique<Impl>(path, flags, busy_timeout_ms);
    } catch (const SQLite::Exception& e) {
        throw journal_error(
            fmt::format("cannot open journal {}: {}", path.string(), e.getErrorStr()));
    }
    // Reading a journal in a folder we cannot write to: SQLite cannot make the -shm file
    // WAL needs. With no -wal there (nothing committed outside the file) the file alone is
    // the journal: read it as immutable, as SQLite allows.
    auto wal_size = fs::file_size(path.string() + "-wal", ec);
    bool no_wal = ec || wal_size == 0;
    if (mode == Mode::read && no_wal && !readable(impl->db)) {
        std::string uri = "file:" + uri_path(path) + "?immutable=1";
        try {
            impl = std::make_unique<Impl>(path, uri, flags | SQLite::OPEN_URI, busy_timeout_ms);
        } catch (const SQLite::Exception& e) {
            throw journal_error(
                fmt::format("cannot open journal {}: {}", path.string(), e.getErrorStr()));
        }
    }
    SQLite::Database& db = impl->db;
    // Before a migration too: it rewrites tables (schema 4: 120 MiB of WAL for a
    // million interactions).
    sqlite3_wal_hook(db.getHandle(), checkpoint_long_wal, nullptr);
    Header header = read_header(db, path);
    check_header(header, path);
    if (header.version < schema_version) {
        if (mode == Mode::read) {
            if (header.objects == 0) {
                throw Error(ErrorKind::journal,
                            fmt::format("no journal yet at {} (the file is empty)", path.string()),
                            Remedy::start_journal);
            }
            return open(path, Mode::write);  // an older journal is migrated on first use
        }
        ensure_wal(db);
        migrate(db);
    }
    db.exec("PRAGMA foreign_keys = ON");
    // WAL with synchronous = NORMAL never corrupts and never loses a commit to a
    // crash or a kill of netlog; only a power cut may lose the last commits. And
    // no checkpoint on close: a short command then costs one fsync instead of five
    // (the WAL is checkpointed as it grows, and stays beside the journal).
    db.exec("PRAGMA synchronous = NORMAL");
    // Statement journals (an UPDATE of a column a foreign key names, as `people merge`
    // makes) and temporary b-trees stay in memory instead of temporary files: their
    // pages cost a write and a read each, and they hold only what one statement changes.
    db.exec("PRAGMA temp_store = MEMORY");
    sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    return Journal(std::move(impl));
}

Journal::WriteTransaction::WriteTransaction(Journal& journal, Intent intent)
    : m_journal(journal), m_intent(intent) {
    if (m_intent == Intent::dry_run) {
        // A transaction larger than the page cache spills its pages into the WAL before
        // it ends, and a rollback leaves them there: a dry run of a 49 MB import left a
        // 31 MB WAL. Without the spill the cache grows instead, by what the import
        // changes, and the rollback drops it.
        store::impl_of(m_journal).db.exec("PRAGMA cache_spill = OFF");
    }
    store::impl_of(m_journal).db.exec("BEGIN IMMEDIATE");
}

Journal::WriteTransaction::~WriteTransaction() {
    if (!m_done) {
        try {
            store::impl_of(m_journal).db.exec("ROLLBACK");
        } catch (...) {
            // The transaction is gone already (SQLite rolled it back on an I/O error).
        }
    }
    if (m_intent == Intent::dry_run) {
        try {
            store::impl_of(m_journal).db.exec("PRAGMA cache_spill = ON");
        } catch (...) {
        }
    }
}

void Journal::WriteTransaction::commit() {
    if (m_intent == Intent::dry_run) {
        throw std::logic_error("a dry run is never committed");
    }
    store::impl_of(m_journal).db.exec("COMMIT");
    m_done = true;
}

std::string utc_timestamp_now() {
    using namespace std::chrono;
    auto now = system_clock::now();
    auto ms = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
    std::time_t t = system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

std::string new_uuid() {
    static std::mt19937_64 engine = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    std::uint64_t hi = engine(), lo = engine();
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // RFC 4122 variant
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF,
                       hi & 0xFFFF, lo >> 48, lo & 0xFFFFFFFFFFFFULL);
}

Error damaged_journal_error(const fs::path& path, const std::string& what) {
    return Error(ErrorKind::damaged,
                 fmt::format("the journal {} is damaged ({})", path.string(), what),
                 Remedy::salvage);
}

fs::path damage_marker(const fs::path& journal) {
    return journal.string() + "-damaged";
}

void remember_damage(const fs::path& journal, const std::string& what) {
    // Best effort: the error that found the damage is what the user sees either way.
    int fd = ::open(damage_marker(journal).c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC,
                    0600);
    if (fd < 0) {
        return;
    }
    std::string line = what + "\n";
    [[maybe_unused]] auto written = ::write(fd, line.data(), line.size());
    ::close(fd);
}

std::optional<std::string> known_damage(const fs::path& journal) {
    std::ifstream in(damage_marker(journal));
    if (!in) {
        return std::nullopt;
    }
    std::string line;
    std::getline(in, line);
    return line.empty() ? "found earlier" : line;
}

void forget_damage(const fs::path& journal) {
    std::error_code ec;
    fs::remove(damage_marker(journal), ec);
}

Error translate_store_error(const std::exception& e, const fs::path& path) {
    if (const auto* sql = dynamic_cast<const SQLite::Exception*>(&e)) {
        switch (sql->getErrorCode()) {
        case SQLITE_BUSY: // another process holds the lock; SQLITE_LOCKED (a conflict
                          // inside this one connection) is a bug and keeps SQLite's words
            return journal_error(fmt::format(
                "journal {} is locked by another program (another netlog, or a sqlite3 "
                "shell) for more than {} s; try again",
                path.string(), busy_timeout_ms / 1000));
        case SQLITE_FULL:
            return journal_error(fmt::format(
                "disk full while writing journal {}; nothing was changed — free some space",
                path.string()));
        case SQLITE_IOERR:
            return journal_error(fmt::format(
                "I/O error on journal {} ({}); nothing was changed — check free space and "
                "file size limits",
                path.string(), sql->getErrorStr()));
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return journal_error(fmt::format(
                "cannot write journal {} ({}); check its permissions", path.string(),
                sql->getErrorStr()));
        case SQLITE_CANTOPEN: // also for a read: the -wal and -shm files beside it
            return journal_error(fmt::format(
                "cannot open journal {} ({}); check the permissions of it, its -wal and "
                "-shm files and its folder",
                path.string(), sql->getErrorStr()));
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return damaged_journal_error(path, sql->getErrorStr());
        default:
            break;
        }
        return journal_error(
            fmt::format("journal {}: {}", path.string(), sql->getErrorStr()));
    }
    return journal_error(fmt::format("journal {}: {}", path.string(), e.what()));
}

namespace store {

std::optional<std::string> optional_text(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return column.getString();
}

// Set by Journal::read_unreadable_dates(): one journal per process, one command.
bool unreadable_dates_read = false;

std::optional<Date> optional_date(const SQLite::Column& column) {
    if (column.isNull()) {
        return std::nullopt;
    }
    return date_column(column);
}

Date date_column(const SQLite::Column& column) {
    // Read in place (text before its length, as SQLite asks): no string per date.
    const char* text = column.getText();
    auto date = parse_iso_date(std::string_view(text, static_cast<std::size_t>(column.getBytes())));
    if (!date && unreadable_dates_read) {
        return unreadable_date;
    }
    if (!date) {
        throw Error(ErrorKind::journal,
                    fmt::format("bad date '{}' in column {} of the journal", column.getString(),
                                column.getName()),
                    Remedy::check_names_fix);
    }
    return *date;
}

void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::string>& value) {
    if (value) {
        statement.bind(index, *value);
    } else {
        statement.bind(index);
    }
}

void bind_optional(SQLite::Statement& statement, int index, const std::optional<Date>& value) {
    if (value) {
        statement.bind(index, format_date(*value));
    } else {
        statement.bind(index);
    }
}

void bind_optional(SQLite::Statement& statement, int index, const std::optional<std::int64_t>& value) {
    if (value) {
        statement.bind(index, *value);
    } else {
        statement.bind(index);
    }
}

std::string tags_to_json(const std::vector<std::string>& tags) {
    return nlohmann::json(tags).dump();
}

std::vector<std::string> tags_from_json(const std::string& json) {
    if (json == "[]") {
        return {};  // most rows: skip the JSON parser, read once per listed row
    }
    auto parsed = nlohmann::json::parse(json, nullptr, false);
    std::vector<std::string> tags;
    if (parsed.is_array()) {
        for (const auto& t : parsed) {
            if (t.is_string()) {
                tags.push_back(t.get<std::string>());
            }
        }
    }
    return tags;
}

void replace_emails(SQLite::Statement& remove, SQLite::Statement& insert, std::int64_t person_id,
                    const std::vector<std::string>& emails) {
    remove.reset();
    remove.bind(1, person_id);
    remove.exec();
    int position = 0;
    for (const auto& email : emails) {
        insert.reset();
        insert.bind(1, person_id);
        insert.bind(2, position++);
        insert.bind(3, email);
        insert.exec();
    }
}

void replace_emails(SQLite::Database& db, std::int64_t person_id,
                    const std::vector<std::string>& emails) {
    SQLite::Statement remove(db, delete_emails_sql);
    SQLite::Statement insert(db, insert_email_sql);
    replace_emails(remove, insert, person_id, emails);
}

std::string dates_to_json(const std::vector<Date>& dates) {
    std::vector<std::string> texts;
    for (const Date& d : dates) {
        texts.push_back(format_date(d));
    }
    return tags_to_json(texts);
}

std::vector<Date> dates_from_json(const std::string& json) {
    std::vector<Date> dates;
    for (const auto& text : tags_from_json(json)) {
        if (auto d = parse_iso_date(text)) {
            dates.push_back(*d);
        }
    }
    return dates;
}

void record_deletion(SQLite::Database& db, const std::string& type, const std::string& uuid,
                     const std::string& at) {
    SQLite::Statement st(db, "INSERT OR REPLACE INTO deleted (uuid, type, deleted_at) VALUES (?, ?, ?)");
    st.bind(1, uuid);
    st.bind(2, type);
    st.bind(3, at);
    st.exec();
}

} // namespace store
} // namespace netlog
