// Fuzz target: the config reader (src/core/config.cpp, TOML through toml11).
#include "fuzz.hpp"

#include "netlog/config.hpp"

using namespace netlog;
using netlog::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::vector<std::string> warnings;
    try {
        Config config = parse_config(fuzz::input_text(data, size), "fuzz.toml", "/home/fuzz",
                                     warnings);
        require(config.color == "auto" || config.color == "always" || config.color == "never",
                "output.color is auto, always or never");
        for (Duration d : {config.reply_window, config.follow_up, config.cadence_inner,
                           config.cadence_network, config.cadence_weak, config.reciprocate_after}) {
            require(d.count >= 0 && d.to_days() <= 36525 + 365, "a configured duration is in range");
        }
        for (Tier tier : {Tier::inner, Tier::network, Tier::weak, Tier::none}) {
            (void)config.cadence_days(tier);
        }
    } catch (const Error& e) {
        fuzz::require_kind(e, ErrorKind::config);
    }
    return 0;
}
