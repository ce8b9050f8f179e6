// Capture from mail and calendar: the decisions, as pure functions of the messages'
// and events' headers (src/io/mail.cpp and calendar.cpp read them; cli/capture.cpp
// stores what these decide). Nothing here reads a file, the clock or the journal.
#pragma once

#include "netlog/dates.hpp"
#include "netlog/model.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace netlog {

// --- mail ---------------------------------------------------------------------------------

// An address of a header: the address lowercased, the display name decoded (may be "").
struct MailAddress {
    std::string email;
    std::string name;
};

// What netlog reads of a message: its headers, never its body.
struct MailMessage {
    std::string where;                   // for warnings: "FILE" or "FILE:byte N"
    std::string message_id;              // without <>, "" when it has none
    std::vector<std::string> references; // References, then In-Reply-To, without <>
    std::string subject;                 // decoded, valid UTF-8
    Date on;                             // the Date header's day, in its own offset
    std::int64_t time = 0;               // seconds since 1970: orders the messages
    MailAddress from;
    std::vector<MailAddress> to, cc;
    bool bulk = false; // List-Id, Precedence bulk|list|junk, Auto-Submitted, a no-reply sender
};

// True for a sender that takes no replies: noreply@, no-reply@, donotreply@,
// mailer-daemon@, bounces+… (the local part, ignoring case, '-', '_' and '.').
bool is_no_reply_address(const std::string& email);

// The subject without its Re:/Fwd:/Fw:/AW:/SV:/WG: prefixes and [list] tags, runs of
// white space made one space, folded: what threads a reply without References.
std::string normalized_subject(const std::string& subject);

// Messages of one thread, as indexes into the list given, oldest first.
struct MailThread {
    std::string root; // the first message's References root, else its Message-ID
    std::vector<std::size_t> messages;
};

// Groups messages into threads: by References and In-Reply-To, then threads with the
// same normalised subject among the same people (other than me) whose messages are
// within 30 days of each other are one. Threads come in the order of their first message.
std::vector<MailThread> group_threads(const std::vector<MailMessage>& messages,
                                      const std::set<std::string>& me);

// Someone of the journal a message names, by one of their addresses.
struct KnownPerson {
    std::int64_t id = 0;
    Tier tier = Tier::none;
};

// The people to add under `--new`: correspondents (not me, not known) with a two-way
// exchange — they wrote to me directly (in To) and I wrote to them (To or Cc). By
// address, with the display name they used last (or "").
std::vector<MailAddress> two_way_strangers(const std::vector<MailMessage>& messages,
                                           const std::set<std::string>& me,
                                           const std::map<std::string, KnownPerson>& known);

// An interaction mail makes: one per thread per day with people of the journal in it.
struct MailInteraction {
    std::string source; // "mail:<thread root>/<YYYY-MM-DD>"
    Date on;
    std::string note;   // the day's first subject
    bool them = false;  // they wrote first that day
    std::vector<std::int64_t> people;
};

// A reply I owe: the thread's latest message is from them, to me directly.
struct MailReplyOwed {
    std::string source; // "mail-ask:<Message-ID>"
    std::int64_t person = 0;
    std::string what;   // the subject
    Date asked_on;
};

// A reply of mine to a message (by its Message-ID), which closes a reply owed for it.
struct MailReplySeen {
    std::string message_id;
    Date on;
};

struct MailPlan {
    std::vector<MailInteraction> interactions;
    std::vector<MailReplyOwed> replies_owed;
    std::vector<MailReplySeen> replies_seen;
};

// What the messages (bulk ones already left out) make: interactions of kind email,
// replies owed to people whose tier `replies_owed` names ("trusted": inner and network;
// "known": anyone; "off": none), and my replies to earlier messages.
MailPlan plan_mail(const std::vector<MailMessage>& messages, const std::set<std::string>& me,
                   const std::map<std::string, KnownPerson>& known,
                   const std::string& replies_owed);

// --- calendar -----------------------------------------------------------------------------

// An attendee or organizer of an event.
struct EventPerson {
    std::string email; // lowercased, without mailto:
    std::string name;
    bool declined = false; // PARTSTAT=DECLINED
};

// One occurrence of an event, recurrences expanded.
struct CalendarEvent {
    std::string where;  // "FILE:line N" or "FILE: event UID"
    std::string source; // "ical:<UID>/<RECURRENCE-ID or the occurrence's start>"
    int sequence = 0;
    Date on;            // in the event's own time zone
    std::string summary;
    bool cancelled = false;
    bool conference = false; // a conference URL (Meet, Zoom, Teams …)
    std::vector<EventPerson> people; // the ORGANIZER included
};

// What an event makes: an interaction of kind meet (call with a conference URL) with
// the people of the journal among its attendees; nullopt when it was cancelled, I
// declined it, or nobody of the journal was there. My own addresses are not attendees.
struct EventInteraction {
    std::vector<std::int64_t> people;
    std::string kind;
};
std::optional<EventInteraction> plan_event(const CalendarEvent& event,
                                           const std::set<std::string>& me,
                                           const std::map<std::string, KnownPerson>& known);

} // namespace netlog
