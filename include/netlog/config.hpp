// The user's settings (config.toml), with every default from netlog(1)/netlog-config(5).
#pragma once

#include "netlog/dates.hpp"
#include "netlog/model.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace netlog {

struct Config {
    std::optional<std::filesystem::path> journal;  // `journal`, with ~ expanded
    Duration reply_window{2, Duration::Unit::days};  // [reply] window
    Duration follow_up{7, Duration::Unit::days};     // [reply] follow_up
    Duration cadence_inner{30, Duration::Unit::days};
    Duration cadence_network{90, Duration::Unit::days};
    Duration cadence_weak{365, Duration::Unit::days};
    Duration reciprocate_after{30, Duration::Unit::days};
    bool purposeful_strict = false;  // [ask] purposeful = "strict" (else "warn")
    std::vector<std::string> vague{"pick your brain", "grab a coffee", "quick chat", "catch up",
                                   "connect"};
    std::string color = "auto";          // [output] color: auto | always | never
    std::vector<std::string> kinds;      // [interaction] kinds: extra interaction kinds
    std::vector<std::string> me_emails;  // [me] emails: my own addresses (mail, calendar)
    // [mail] replies_owed: whose mail left unanswered becomes an incoming ask:
    // "trusted" (inner, network), "known" (anyone in the journal) or "off".
    std::string replies_owed = "trusted";

    // The default cadence of a tier in days; nullopt for `none`.
    std::optional<int> cadence_days(Tier tier) const;
};

// The largest config netlog reads: a netlog config is a few lines.
inline constexpr std::size_t config_max_bytes = 1024 * 1024;

// Parses TOML text (for tests and load_config); `name` is used in messages.
Config parse_config(const std::string& text, const std::string& name, const std::string& home,
                    std::vector<std::string>& warnings);

} // namespace netlog
