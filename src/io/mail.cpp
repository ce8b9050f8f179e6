// Mail headers with GMime 3: Maildir folders and mbox files, read message by message
// from a stream over the file (an mbox of a gigabyte is never held in memory; the
// parser keeps offsets into the stream, not copies of the bodies). Only headers are
// looked at: the body is only passed over, to find where the next message starts.
#include "codec.hpp"
#include "netlog/error.hpp"
#include "netlog/io.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>
#include <gmime/gmime.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <mutex>
#include <unistd.h>

namespace fs = std::filesystem;

namespace netlog {

namespace {

void init_gmime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

// The mailboxes of an address list, groups opened.
void add_addresses(InternetAddressList* list, std::vector<MailAddress>& out) {
    if (list == nullptr) {
        return;
    }
    const int n = internet_address_list_length(list);
    for (int i = 0; i < n; ++i) {
        InternetAddress* address = internet_address_list_get_address(list, i);
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            add_addresses(internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), out);
            continue;
        }
        if (!INTERNET_ADDRESS_IS_MAILBOX(address)) {
            continue;
        }
        const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
        std::string email = addr ? io::ascii_lower(trim(addr)) : "";
        if (email.find('@') == std::string::npos || !is_valid_utf8(email)) {
            continue;
        }
        out.push_back({email, io::one_line(internet_address_get_name(address))});
    }
}

std::string header(GMimeMessage* message, const char* name) {
    const char* value = g_mime_object_get_header(GMIME_OBJECT(message), name);
    return value ? trim(value) : "";
}

void add_references(const std::string& text, std::vector<std::string>& out, bool first_only) {
    if (text.empty()) {
        return;
    }
    GMimeReferences* refs = g_mime_references_parse(nullptr, text.c_str());
    if (refs == nullptr) {
        return;
    }
    const int n = g_mime_references_length(refs);
    for (int i = 0; i < n && (!first_only || i < 1); ++i) {
        const char* id = g_mime_references_get_message_id(refs, i);
        if (id && *id && std::find(out.begin(), out.end(), id) == out.end()) {
            out.emplace_back(id);
        }
    }
    g_mime_references_free(refs);
}

// The headers netlog reads, or why the message cannot be used.
std::optional<MailMessage> headers_of(GMimeMessage* message, std::string where, std::string& why) {
    MailMessage m;
    m.where = std::move(where);
    std::vector<MailAddress> from;
    add_addresses(g_mime_message_get_from(message), from);
    if (from.empty()) {
        why = "no From address";
        return std::nullopt;
    }
    m.from = from.front();
    GDateTime* date = g_mime_message_get_date(message);
    if (date == nullptr) {
        why = "no readable Date";
        return std::nullopt;
    }
    int y = 0, mo = 0, d = 0;
    g_date_time_get_ymd(date, &y, &mo, &d);
    if (y < 1 || y > 9999) {
        why = "no readable Date";
        return std::nullopt;
    }
    m.on = Date::from_ymd(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    m.time = g_date_time_to_unix(date);
    add_addresses(g_mime_message_get_to(message), m.to);
    add_addresses(g_mime_message_get_cc(message), m.cc);
    if (const char* id = g_mime_message_get_message_id(message)) {
        m.message_id = io::one_line(id);
    }
    add_references(header(message, "References"), m.references, false);
    add_references(header(message, "In-Reply-To"), m.references, true);
    m.subject = io::one_line(g_mime_message_get_subject(message));

    const std::string precedence = io::ascii_lower(header(message, "Precedence"));
    const std::string auto_submitted = io::ascii_lower(header(message, "Auto-Submitted"));
    m.bulk = !header(message, "List-Id").empty() || precedence == "bulk" ||
             precedence == "list" || precedence == "junk" ||
             (!auto_submitted.empty() && auto_submitted != "no") ||
             is_no_reply_address(m.from.email);
    return m;
}

struct Unref {
    void operator()(gpointer object) const { g_object_unref(object); }
};
template <typename T> using GPtr = std::unique_ptr<T, Unref>;

// A file opened for GMime; Error(journal) when it cannot be read.
GPtr<GMimeStream> open_stream(const fs::path& path, bool& vanished) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            vanished = true;
            return nullptr;
        }
        throw journal_error(fmt::format("cannot read {}: {}", printable(path.string()),
                                        std::strerror(errno)));
    }
    return GPtr<GMimeStream>(g_mime_stream_fs_new(fd)); // the stream closes it
}

// GMime's parser takes a failed read for the end of the file: a file stream that did
// not reach its end had a read error, and an import of what came before it would be
// partial. Error(journal): nothing is stored.
void check_read_to_end(GMimeStream* stream, const std::string& name, int read_errno) {
    // What the parser left (the rest of a file that is no message, a message's body)
    // is read to the end, and so is known to be readable.
    char buffer[4096];
    ssize_t got = 0;
    while ((got = g_mime_stream_read(stream, buffer, sizeof buffer)) > 0) {
    }
    if (got < 0) {
        read_errno = errno;
    }
    if (GMIME_IS_STREAM_FS(stream) && !g_mime_stream_eos(stream)) {
        throw journal_error(fmt::format("read error in {} at byte {}{}; nothing imported",
                                        printable(name), g_mime_stream_tell(stream),
                                        read_errno ? fmt::format(" ({})", std::strerror(read_errno))
                                                   : std::string()));
    }
}

// The messages of an mbox on `stream`, one at a time.
void read_mbox_stream(GMimeStream* stream, const std::string& name, const MailSink& each,
                      MailReadSummary& summary) {
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MBOX);
    long long count = 0;
    while (!g_mime_parser_eos(parser.get())) {
        GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
        const gint64 offset = g_mime_parser_get_mbox_marker_offset(parser.get());
        const std::string where = fmt::format("{}:byte {}", name, offset);
        if (!message) {
            if (count == 0) {
                throw usage_error(fmt::format(
                    "{}: not an mbox file (it does not start with a \"From \" line)",
                    printable(name)));
            }
            summary.skipped.push_back({where, "unreadable", "the rest of the file is not a message"});
            break;
        }
        ++count;
        ++summary.read;
        // A message whose headers never end (the file cut short inside them): the
        // parser's end of headers is still that of the message before.
        if (g_mime_parser_get_headers_end(parser.get()) <
            g_mime_parser_get_headers_begin(parser.get())) {
            summary.skipped.push_back({where, "cut short", "cut short inside its headers"});
            continue;
        }
        std::string why;
        auto m = headers_of(message.get(), where, why);
        if (!m) {
            summary.skipped.push_back({where, why, why});
            continue;
        }
        each(std::move(*m));
    }
}

void read_mbox(const fs::path& path, const std::string& name, const MailSink& each,
               MailReadSummary& summary) {
    bool vanished = false;
    auto stream = open_stream(path, vanished);
    if (!stream) {
        throw usage_error(fmt::format("cannot read {}: no such file", printable(name)));
    }
    errno = 0;
    read_mbox_stream(stream.get(), name, each, summary);
    check_read_to_end(stream.get(), name, errno);
}

void read_maildir_file(const fs::path& path, const MailSink& each, MailReadSummary& summary) {
    bool vanished = false;
    auto stream = open_stream(path, vanished);
    if (!stream) {
        summary.skipped.push_back({path.string(), "vanished", "the file vanished while reading"});
        return;
    }
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    errno = 0;
    GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
    check_read_to_end(stream.get(), path.string(), errno);
    ++summary.read;
    if (!message) {
        summary.skipped.push_back({path.string(), "unreadable", "not a mail message"});
        return;
    }
    std::string why;
    auto m = headers_of(message.get(), path.string(), why);
    if (!m) {
        summary.skipped.push_back({path.string(), why, why});
        return;
    }
    each(std::move(*m));
}

bool is_maildir(const fs::path& path) {
    std::error_code ec;
    return fs::is_directory(path / "cur", ec) || fs::is_directory(path / "new", ec);
}

void read_maildir(const fs::path& path, const MailSink& each, MailReadSummary& summary) {
    std::vector<fs::path> files;
    for (const char* sub : {"cur", "new"}) {
        std::error_code ec;
        for (fs::directory_iterator it(path / sub, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code type_ec;
            if (it->is_regular_file(type_ec) && !it->path().filename().string().starts_with(".")) {
                files.push_back(it->path());
            }
        }
    }
    std::sort(files.begin(), files.end()); // the same order on every machine
    for (const auto& file : files) {
        read_maildir_file(file, each, summary);
    }
}

} // namespace

void read_mail(const std::string& path, const MailSink& each, MailReadSummary& summary) {
    init_gmime();
    std::error_code ec;
    const fs::path p(path);
    const auto status = fs::status(p, ec);
    if (status.type() == fs::file_type::not_found) {
        throw usage_error(fmt::format("cannot read {}: no such file or folder", printable(path)));
    }
    if (fs::is_directory(status)) {
        if (is_maildir(p)) {
            read_maildir(p, each, summary);
            return;
        }
        // A folder of mailboxes, at any depth: Maildirs (Maildir++ .Sent …) and *.mbox
        // files (Gmail Takeout's Takeout/Mail/, Thunderbird's exports).
        std::vector<fs::path> maildirs, mboxes;
        fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec);
        for (fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
            std::error_code child_ec;
            if (it->is_directory(child_ec)) {
                if (is_maildir(it->path())) {
                    maildirs.push_back(it->path());
                    it.disable_recursion_pending();
                }
            } else if (it->is_regular_file(child_ec) && it->path().extension() == ".mbox") {
                mboxes.push_back(it->path());
            }
        }
        std::sort(maildirs.begin(), maildirs.end());
        std::sort(mboxes.begin(), mboxes.end());
        for (const auto& dir : maildirs) {
            read_maildir(dir, each, summary);
        }
        for (const auto& file : mboxes) {
            read_mbox(file, file.string(), each, summary);
        }
        if (maildirs.empty() && mboxes.empty()) {
            throw usage_error(fmt::format("{}: a folder that is neither a Maildir (cur/, new/) "
                                          "nor holds one or .mbox files",
                                          printable(path)));
        }
        return;
    }
    read_mbox(p, path, each, summary);
}

void read_mbox_text(const std::string& text, const std::string& name, const MailSink& each,
                    MailReadSummary& summary) {
    init_gmime();
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(text.data(), text.size()));
    read_mbox_stream(stream.get(), name, each, summary);
}

std::string capture_uuid(const std::string& source) {
    // A name-based uuid (RFC 4122 version 5: SHA-1) in a namespace of netlog's own.
    static const unsigned char space[16] = {0x6e, 0x65, 0x74, 0x6c, 0x6f, 0x67, 0x2d, 0x63,
                                            0x61, 0x70, 0x74, 0x75, 0x72, 0x65, 0x31, 0x38};
    GChecksum* sha1 = g_checksum_new(G_CHECKSUM_SHA1);
    g_checksum_update(sha1, space, sizeof space);
    g_checksum_update(sha1, reinterpret_cast<const guchar*>(source.data()),
                      static_cast<gssize>(source.size()));
    guint8 digest[20];
    gsize length = sizeof digest;
    g_checksum_get_digest(sha1, digest, &length);
    g_checksum_free(sha1);
    digest[6] = static_cast<guint8>((digest[6] & 0x0f) | 0x50);
    digest[8] = static_cast<guint8>((digest[8] & 0x3f) | 0x80);
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            out += '-';
        }
        out += fmt::format("{:02x}", digest[i]);
    }
    return out;
}

} // namespace netlog
