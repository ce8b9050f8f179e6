// Fuzz target: the mail header path (src/io/mail.cpp) — GMime's mbox and MIME header
// parsing included — and the decisions made from what it reads (threads, replies owed).
#include "fuzz.hpp"

#include "netlog/capture.hpp"
#include "netlog/io.hpp"
#include "netlog/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace netlog;
    const std::string text = fuzz::input_text(data, size);
    std::vector<MailMessage> messages;
    MailReadSummary summary;
    try {
        read_mbox_text(text, "fuzz.mbox", [&](MailMessage&& m) { messages.push_back(std::move(m)); },
                       summary);
    } catch (const Error& e) {
        fuzz::require_kind(e, ErrorKind::usage);
        return 0;
    }
    for (const auto& m : messages) {
        // What may be stored must be valid UTF-8; addresses are lowercased local@domain.
        fuzz::require(is_valid_utf8(m.subject), "a subject is valid UTF-8");
        fuzz::require(m.from.email.find('@') != std::string::npos, "From is an address");
    }
    const std::set<std::string> me{"me@example.org"};
    std::map<std::string, KnownPerson> known;
    for (const auto& m : messages) {
        known.emplace(m.from.email, KnownPerson{static_cast<std::int64_t>(known.size() + 1),
                                                Tier::inner});
    }
    const MailPlan plan = plan_mail(messages, me, known, "known");
    for (const auto& day : plan.interactions) {
        fuzz::require(!day.people.empty(), "an interaction has people");
    }
    return 0;
}
