#include "netlog/capture.hpp"

#include "netlog/text.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <numeric>
#include <unordered_map>

namespace netlog {

namespace {

std::string lower_ascii(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

bool is_me(const std::set<std::string>& me, const std::string& email) {
    return me.count(email) > 0;
}

bool in_list(const std::vector<MailAddress>& list, const std::set<std::string>& me) {
    return std::any_of(list.begin(), list.end(),
                       [&](const MailAddress& a) { return is_me(me, a.email); });
}

// Every address of the message but mine.
std::vector<std::string> others(const MailMessage& m, const std::set<std::string>& me) {
    std::vector<std::string> out;
    auto add = [&](const MailAddress& a) {
        if (!a.email.empty() && !is_me(me, a.email) &&
            std::find(out.begin(), out.end(), a.email) == out.end()) {
            out.push_back(a.email);
        }
    };
    add(m.from);
    for (const auto& a : m.to) {
        add(a);
    }
    for (const auto& a : m.cc) {
        add(a);
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Union-find over message indexes.
struct Groups {
    std::vector<std::size_t> parent;
    explicit Groups(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
    std::size_t find(std::size_t i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
    void join(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) {
            parent[std::max(a, b)] = std::min(a, b);
        }
    }
};

constexpr std::int64_t thread_gap_seconds = 30LL * 24 * 3600;

} // namespace

bool is_no_reply_address(const std::string& email) {
    const std::size_t at = email.find('@');
    std::string local;
    for (char c : email.substr(0, at)) {
        if (c != '-' && c != '_' && c != '.') {
            local += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    for (const char* word : {"noreply", "donotreply", "dontreply", "mailerdaemon", "postmaster"}) {
        if (local.starts_with(word)) {
            return true;
        }
    }
    return local.starts_with("bounce") || local == "notifications" || local == "notification";
}

std::string normalized_subject(const std::string& subject) {
    std::string s = trim(subject);
    for (bool again = true; again;) {
        again = false;
        if (s.starts_with("[")) { // [list-name] tags
            const std::size_t close = s.find(']');
            if (close != std::string::npos) {
                s = trim(s.substr(close + 1));
                again = true;
                continue;
            }
        }
        const std::size_t colon = s.find(':');
        if (colon != std::string::npos && colon <= 6) {
            std::string prefix = lower_ascii(s.substr(0, colon));
            // "Re", "RE[2]", "Fwd", "Fw", "AW", "SV", "WG", "Antw", "Réf" is left alone
            const std::size_t bracket = prefix.find('[');
            if (bracket != std::string::npos && prefix.ends_with("]")) {
                prefix = prefix.substr(0, bracket);
            }
            for (const char* p : {"re", "fwd", "fw", "aw", "sv", "wg", "antw", "tr", "vs"}) {
                if (prefix == p) {
                    s = trim(s.substr(colon + 1));
                    again = true;
                    break;
                }
            }
        }
    }
    std::string spaced;
    for (char c : s) {
        const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
        if (!space) {
            spaced += c;
        } else if (!spaced.empty() && spaced.back() != ' ') {
            spaced += ' ';
        }
    }
    return is_valid_utf8(spaced) ? fold(trim(spaced)) : lower_ascii(trim(spaced));
}

std::vector<MailThread> group_threads(const std::vector<MailMessage>& messages,
                                      const std::set<std::string>& me) {
    const std::size_t n = messages.size();
    Groups groups(n);
    // Messages join through every Message-ID they name, present or not.
    std::unordered_map<std::string, std::size_t> first_naming;
    auto link = [&](const std::string& id, std::size_t i) {
        if (id.empty()) {
            return;
        }
        auto [it, fresh] = first_naming.emplace(id, i);
        if (!fresh) {
            groups.join(it->second, i);
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        link(messages[i].message_id, i);
        for (const auto& ref : messages[i].references) {
            link(ref, i);
        }
    }
    // The threads so far, each oldest first.
    std::map<std::size_t, std::vector<std::size_t>> by_group;
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return messages[a].time < messages[b].time;
    });
    for (std::size_t i : order) {
        by_group[groups.find(i)].push_back(i);
    }
    std::vector<std::vector<std::size_t>> threads;
    for (auto& [group, members] : by_group) {
        threads.push_back(std::move(members));
    }
    std::stable_sort(threads.begin(), threads.end(), [&](const auto& a, const auto& b) {
        return messages[a.front()].time < messages[b.front()].time;
    });
    // The fallback: the same subject among the same people, within 30 days of the
    // thread's latest message, continues it.
    std::map<std::pair<std::string, std::vector<std::string>>, std::size_t> open; // -> thread
    std::vector<bool> merged(threads.size(), false);
    for (std::size_t t = 0; t < threads.size(); ++t) {
        const MailMessage& first = messages[threads[t].front()];
        const std::string subject = normalized_subject(first.subject);
        if (subject.empty()) {
            continue;
        }
        auto key = std::make_pair(subject, others(first, me));
        auto it = open.find(key);
        if (it != open.end()) {
            auto& earlier = threads[it->second];
            if (first.time - messages[earlier.back()].time <= thread_gap_seconds) {
                earlier.insert(earlier.end(), threads[t].begin(), threads[t].end());
                std::stable_sort(earlier.begin(), earlier.end(), [&](std::size_t a, std::size_t b) {
                    return messages[a].time < messages[b].time;
                });
                merged[t] = true;
                continue;
            }
        }
        open[key] = t;
    }
    std::vector<MailThread> out;
    for (std::size_t t = 0; t < threads.size(); ++t) {
        if (merged[t]) {
            continue;
        }
        const MailMessage& first = messages[threads[t].front()];
        MailThread thread;
        thread.root = !first.references.empty() ? first.references.front()
                      : !first.message_id.empty()
                          ? first.message_id
                          : "subject:" + normalized_subject(first.subject) + "/" +
                                format_date(first.on);
        thread.messages = std::move(threads[t]);
        out.push_back(std::move(thread));
    }
    return out;
}

std::vector<MailAddress> two_way_strangers(const std::vector<MailMessage>& messages,
                                           const std::set<std::string>& me,
                                           const std::map<std::string, KnownPerson>& known) {
    std::map<std::string, std::string> wrote_to_me; // address -> their latest name
    std::set<std::string> i_wrote_to;
    std::vector<std::size_t> order(messages.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return messages[a].time < messages[b].time;
    });
    for (std::size_t i : order) {
        const MailMessage& m = messages[i];
        if (m.bulk) {
            continue;
        }
        if (is_me(me, m.from.email)) {
            for (const auto* list : {&m.to, &m.cc}) {
                for (const auto& a : *list) {
                    i_wrote_to.insert(a.email);
                }
            }
        } else if (!m.from.email.empty() && in_list(m.to, me)) {
            auto& name = wrote_to_me[m.from.email];
            if (!m.from.name.empty()) {
                name = m.from.name;
            }
        }
    }
    std::vector<MailAddress> out;
    for (const auto& [email, name] : wrote_to_me) {
        if (i_wrote_to.count(email) && !known.count(email) && !is_me(me, email)) {
            out.push_back({email, name});
        }
    }
    return out;
}

MailPlan plan_mail(const std::vector<MailMessage>& messages, const std::set<std::string>& me,
                   const std::map<std::string, KnownPerson>& known,
                   const std::string& replies_owed) {
    MailPlan plan;
    auto person_of = [&](const std::string& email) -> const KnownPerson* {
        auto it = known.find(email);
        return it == known.end() || is_me(me, email) ? nullptr : &it->second;
    };
    for (const MailThread& thread : group_threads(messages, me)) {
        // One interaction per day of the thread.
        for (std::size_t k = 0; k < thread.messages.size();) {
            const MailMessage& first = messages[thread.messages[k]];
            MailInteraction day;
            day.on = first.on;
            day.source = "mail:" + thread.root + "/" + format_date(first.on);
            day.note = trim(first.subject);
            day.them = !is_me(me, first.from.email);
            for (; k < thread.messages.size() && messages[thread.messages[k]].on == day.on; ++k) {
                const MailMessage& m = messages[thread.messages[k]];
                std::vector<const MailAddress*> all{&m.from};
                for (const auto& a : m.to) {
                    all.push_back(&a);
                }
                for (const auto& a : m.cc) {
                    all.push_back(&a);
                }
                for (const MailAddress* a : all) {
                    const KnownPerson* p = person_of(a->email);
                    if (p && std::find(day.people.begin(), day.people.end(), p->id) ==
                                 day.people.end()) {
                        day.people.push_back(p->id);
                    }
                }
            }
            if (!day.people.empty()) {
                plan.interactions.push_back(std::move(day));
            }
        }
        // My replies close what was asked before them in the thread, and what they name.
        for (std::size_t k = 0; k < thread.messages.size(); ++k) {
            const MailMessage& m = messages[thread.messages[k]];
            if (!is_me(me, m.from.email)) {
                continue;
            }
            std::set<std::string> answered(m.references.begin(), m.references.end());
            for (std::size_t j = 0; j < k; ++j) {
                const MailMessage& earlier = messages[thread.messages[j]];
                if (!is_me(me, earlier.from.email) && !earlier.message_id.empty()) {
                    answered.insert(earlier.message_id);
                }
            }
            for (const auto& id : answered) {
                plan.replies_seen.push_back({id, m.on});
            }
        }
        // A reply owed: the latest message is theirs, to me directly.
        const MailMessage& last = messages[thread.messages.back()];
        const KnownPerson* sender = person_of(last.from.email);
        const bool eligible =
            sender && (replies_owed == "known" ||
                       (replies_owed == "trusted" &&
                        (sender->tier == Tier::inner || sender->tier == Tier::network)));
        if (eligible && !last.message_id.empty() && in_list(last.to, me)) {
            plan.replies_owed.push_back({"mail-ask:" + last.message_id, sender->id,
                                         trim(last.subject).empty() ? "(no subject)"
                                                                    : trim(last.subject),
                                         last.on});
        }
    }
    return plan;
}

std::optional<EventInteraction> plan_event(const CalendarEvent& event,
                                           const std::set<std::string>& me,
                                           const std::map<std::string, KnownPerson>& known) {
    if (event.cancelled) {
        return std::nullopt;
    }
    EventInteraction out;
    out.kind = event.conference ? "call" : "meet";
    for (const auto& p : event.people) {
        if (is_me(me, p.email)) {
            if (p.declined) {
                return std::nullopt;
            }
            continue;
        }
        if (p.declined) {
            continue; // they said they would not come
        }
        auto it = known.find(p.email);
        if (it != known.end() && std::find(out.people.begin(), out.people.end(), it->second.id) ==
                                     out.people.end()) {
            out.people.push_back(it->second.id);
        }
    }
    if (out.people.empty()) {
        return std::nullopt;
    }
    return out;
}

} // namespace netlog
