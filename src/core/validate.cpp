#include "netlog/validate.hpp"

#include "netlog/error.hpp"
#include "netlog/text.hpp"

#include <fmt/format.h>

namespace netlog {

void check_text(const std::string& field, const std::string& value, TextRule rule,
                std::size_t limit) {
    if (!is_valid_utf8(value)) {
        throw usage_error(fmt::format("{} is not valid UTF-8", field));
    }
    if (rule == TextRule::required && trim(value).empty()) {
        throw usage_error(fmt::format("{} is empty; say something", field));
    }
    if (value.size() > limit) {
        throw usage_error(fmt::format("{} is {} bytes long; the limit is {} bytes", field,
                                      value.size(), limit));
    }
}

void check_field(const std::string& field, const std::string& value, TextRule rule) {
    check_text(field, value, rule, max_field_bytes);
}

bool is_email_address(std::string_view text) {
    const std::size_t at = text.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= text.size() ||
        text.find('@', at + 1) != std::string_view::npos || text.size() > max_field_bytes) {
        return false;
    }
    for (unsigned char c : text) {
        if (c <= ' ' || c == 0x7F || std::string_view("<>,;:\"()[]\\").find(static_cast<char>(c)) !=
                                         std::string_view::npos) {
            return false;
        }
    }
    std::string_view domain = text.substr(at + 1);
    if (domain.front() == '.' || domain.back() == '.' ||
        domain.find("..") != std::string_view::npos) {
        return false;
    }
    return is_valid_utf8(text);
}

void check_email(const std::string& field, const std::string& value) {
    if (!is_email_address(value)) {
        throw usage_error(fmt::format("{} '{}' is not an email address; give one like "
                                      "jane@example.com",
                                      field, printable(value)));
    }
}

void check_weight(long long weight) {
    if (weight < 1 || weight > max_weight) {
        throw usage_error(fmt::format("weight {} is out of range; use a whole number from 1 to {}",
                                      weight, max_weight));
    }
}

} // namespace netlog
