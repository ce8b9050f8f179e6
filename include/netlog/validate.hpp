// Checks on text a user types before it goes into the journal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace netlog {

// Longest note, ask text, favour text or person note, in bytes (documented in netlog(1)).
inline constexpr std::size_t max_text_bytes = 64 * 1024;
// Longest name, handle, tag, kind, email, company, role or URL, in bytes.
inline constexpr std::size_t max_field_bytes = 512;
// Largest favour weight.
inline constexpr int max_weight = 1000;

enum class TextRule {
    required,  // must not be empty
    optional,  // may be empty
};

// Throws Error(usage) when `value` is not valid UTF-8, empty under `required`,
// or longer than the limit for its kind. `field` names it in the message ("note").
void check_text(const std::string& field, const std::string& value, TextRule rule,
                std::size_t limit = max_text_bytes);
void check_field(const std::string& field, const std::string& value, TextRule rule);

// True when `text` is an address of the form local@domain: one '@', something on
// each side, a domain of dot-separated labels, no white space, control characters,
// or the <>,;:"() of a display name around it. "urn:li:member:123" is not one.
bool is_email_address(std::string_view text);

// Throws Error(usage) unless `value` is an email address (is_email_address), naming
// `field` ("--email").
void check_email(const std::string& field, const std::string& value);

// Throws Error(usage) unless 1 <= weight <= max_weight.
void check_weight(long long weight);

} // namespace netlog
