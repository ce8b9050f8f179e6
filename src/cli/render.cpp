#include "render.hpp"

#include "netlog/records.hpp"

#include <fmt/format.h>

namespace netlog {

Json date_or_null(const std::optional<Date>& date) {
    return date ? Json(format_date(*date)) : Json(nullptr);
}

Json text_or_null(const std::optional<std::string>& text) {
    return text ? Json(*text) : Json(nullptr);
}

Json person_summary_json(const PersonSummary& p) {
    return Json{{"handle", p.handle},
                {"name", p.name},
                {"tier", std::string(to_string(p.tier))},
                {"last", date_or_null(p.last_contact)},
                {"interactions", p.interactions},
                {"balance", p.balance()}};
}

namespace {

// A person's member as JSON.
struct Write {
    const Person& p;
    Json& out;
    void operator()(Tier Person::*m) const { out = std::string(to_string(p.*m)); }
    void operator()(Date Person::*m) const { out = format_date(p.*m); }
    void operator()(std::optional<Date> Person::*m) const { out = date_or_null(p.*m); }
    template <class T> void operator()(std::optional<T> Person::*m) const {
        out = p.*m ? Json(*(p.*m)) : Json(nullptr);
    }
    template <class T> void operator()(T Person::*m) const { out = p.*m; }
};

// One field of `p` as `people show --json` writes it.
Json person_field_json(const Person& p, const records::Field& field) {
    switch (field.kind) {
    case records::Kind::optional_reference: // the handle of whom it refers to
        return p.introduced_by_handle.empty() ? Json(nullptr) : Json(p.introduced_by_handle);
    case records::Kind::emails:
        return email_list(p);
    default:
        break;
    }
    Json out;
    records::visit_member<Person>(field.member, Write{p, out});
    return out;
}

} // namespace

// The summary's keys first, then every field shown, in the order of records::person
// but for notes, written after tags as `people show --json` always has; the maintained
// totals before the stamps.
Json person_json(const Person& p) {
    Json j = person_summary_json(p);
    for (const records::Field& field : records::person.fields) {
        if (!field.shown || j.contains(field.key) || field.key == "notes") {
            continue;
        }
        if (field.kind == records::Kind::timestamp && !j.contains("gave")) {
            j["gave"] = p.gave;
            j["got"] = p.got;
            j["since"] = date_or_null(p.since);
        }
        j[std::string(field.key)] = person_field_json(p, field);
        if (field.key == "tags") {
            j["notes"] = person_field_json(p, *records::field(records::person, "notes"));
        }
    }
    return j;
}

Json favour_json(const Favour& f) {
    Json j{{"id", favour_id(f.id)},
           {"person", f.person},
           {"on", format_date(f.on)},
           {"direction", std::string(to_string(f.direction))},
           {"weight", f.weight},
           {"what", f.what}};
    j["interaction"] = f.interaction_id ? Json(interaction_id(*f.interaction_id)) : Json(nullptr);
    j["ask"] = f.ask_id ? Json(ask_id(*f.ask_id)) : Json(nullptr);
    return j;
}

Json interaction_json(const Interaction& in) {
    Json favours = Json::array();
    for (const auto& f : in.favours) {
        favours.push_back(favour_json(f));
    }
    return Json{{"id", interaction_id(in.id)}, {"on", format_date(in.on)}, {"kind", in.kind},
                {"note", in.note},           {"people", in.people},       {"favours", favours},
                {"tags", in.tags},           {"them", in.them}};
}

Json ask_json(const Ask& a) {
    return Json{{"id", ask_id(a.id)},
                {"direction", std::string(to_string(a.direction))},
                {"person", a.person},
                {"via", a.via.empty() ? Json(nullptr) : Json(a.via)},
                {"what", a.what},
                {"asked_on", format_date(a.asked_on)},
                {"due_on", format_date(a.due_on)},
                {"by", date_or_null(a.by)},
                {"status", std::string(to_string(a.status))},
                {"replied_on", date_or_null(a.replied_on)},
                {"closed_on", date_or_null(a.closed_on)},
                {"nudges", a.nudged_on.size()},
                {"nudged_on", nudged_on_json(a)},
                {"last_nudge", a.nudged_on.empty() ? Json(nullptr)
                                                   : Json(format_date(a.nudged_on.back()))},
                {"note", a.note.empty() ? Json(nullptr) : Json(a.note)}};
}

Json nudged_on_json(const Ask& a) {
    Json list = Json::array();
    for (const Date& d : a.nudged_on) {
        list.push_back(format_date(d));
    }
    return list;
}

std::string nudges_text(std::size_t n) {
    return n == 1 ? "1 nudge" : fmt::format("{} nudges", n);
}

std::string ask_status_text(const Ask& a) {
    std::string text(to_string(a.status));
    if (a.nudged_on.size() == 1) {
        text += ", nudged " + format_date(a.nudged_on.back());
    } else if (!a.nudged_on.empty()) {
        text += fmt::format(", nudged {}× (last {})", a.nudged_on.size(),
                            format_date(a.nudged_on.back()));
    }
    return text;
}

std::string signed_number(long long n) { return n > 0 ? fmt::format("+{}", n) : fmt::format("{}", n); }

std::string balance_words(long long balance) {
    if (balance > 0) {
        return fmt::format("you owe {}", balance);
    }
    if (balance < 0) {
        return fmt::format("owes you {}", -balance);
    }
    return "even";
}

std::string date_text(const std::optional<Date>& date) { return date ? format_date(*date) : "-"; }

} // namespace netlog
