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

void check_weight(long long weight) {
    if (weight < 1 || weight > max_weight) {
        throw usage_error(fmt::format("weight {} is out of range; use a whole number from 1 to {}",
                                      weight, max_weight));
    }
}

} // namespace netlog
