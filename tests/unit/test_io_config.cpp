#include "netlog/config.hpp"
#include "netlog/error.hpp"
#include "netlog/io.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using namespace netlog;

namespace {

const std::string home = "/home/ada";

Config parse(const std::string& text, std::vector<std::string>& warnings) {
    return parse_config(text, "cfg.toml", home, warnings);
}

Config parse(const std::string& text) {
    std::vector<std::string> warnings;
    const Config config = parse(text, warnings);
    CHECK(warnings.empty());
    return config;
}

// The message of the config error `text` gives; it must be one line.
std::string config_error_for(const std::string& text) {
    std::vector<std::string> warnings;
    try {
        parse(text, warnings);
    } catch (const Error& e) {
        CHECK(e.kind() == ErrorKind::config);
        CHECK(e.exit_code() == exit_journal);
        const std::string message = e.what();
        CHECK(message.find('\n') == std::string::npos);
        return message;
    }
    FAIL("no error for: " << text);
    return {};
}

Duration days(int n) {
    return Duration{n, Duration::Unit::days};
}

// A scratch directory removed at the end of the test.
struct Scratch {
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("netlog-config-test-" + std::to_string(getpid()));
    Scratch() { std::filesystem::create_directories(dir); }
    ~Scratch() { std::filesystem::remove_all(dir); }
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name) << text;
        return dir / name;
    }
};

} // namespace

TEST_CASE("an empty config gives every default") {
    const Config config = parse("");
    CHECK(!config.journal);
    CHECK(config.reply_window == days(2));
    CHECK(config.follow_up == days(7));
    CHECK(config.cadence_inner == days(30));
    CHECK(config.cadence_network == days(90));
    CHECK(config.cadence_weak == days(365));
    CHECK(config.reciprocate_after == days(30));
    CHECK(!config.purposeful_strict);
    CHECK(config.vague == std::vector<std::string>{"pick your brain", "grab a coffee", "quick chat",
                                                   "catch up", "connect"});
    CHECK(config.color == "auto");
    CHECK(config.kinds.empty());
}

TEST_CASE("cadence_days gives each tier's cadence in days, none for `none`") {
    const Config config = parse("[cadence]\ninner = \"2w\"\nnetwork = \"3m\"\nweak = \"1y\"\n");
    CHECK(config.cadence_days(Tier::inner) == 14);
    CHECK(config.cadence_days(Tier::network) == 90);
    CHECK(config.cadence_days(Tier::weak) == 365);
    CHECK(!config.cadence_days(Tier::none));
    CHECK(Config{}.cadence_days(Tier::inner) == 30);
}

TEST_CASE("every key is read") {
    const Config config = parse(R"(# my settings
journal = "/data/journal.md"

[reply]
window = "3d"
follow_up = "2 weeks"

[cadence]
inner = "3w"
network = "2m"
weak = "1 year"

[reciprocate]
after = "45d"

[ask]
purposeful = "strict"
vague = ["  just checking in ", "hop on a call"]

[output]
color = "never"

[interaction]
kinds = ["coffee", "dm-2", " demo "]
)");
    CHECK(config.journal == std::filesystem::path("/data/journal.md"));
    CHECK(config.reply_window == days(3));
    CHECK(config.follow_up == Duration{2, Duration::Unit::weeks});
    CHECK(config.cadence_inner == Duration{3, Duration::Unit::weeks});
    CHECK(config.cadence_network == Duration{2, Duration::Unit::months});
    CHECK(config.cadence_weak == Duration{1, Duration::Unit::years});
    CHECK(config.reciprocate_after == days(45));
    CHECK(config.purposeful_strict);
    CHECK(config.vague == std::vector<std::string>{"just checking in", "hop on a call"});
    CHECK(config.color == "never");
    CHECK(config.kinds == std::vector<std::string>{"coffee", "dm-2", "demo"});
}

TEST_CASE("dotted keys and inline tables work like sections") {
    const Config config = parse("reply.window = \"5d\"\noutput = { color = \"always\" }\n");
    CHECK(config.reply_window == days(5));
    CHECK(config.color == "always");
}

TEST_CASE("purposeful warn and an empty vague list are accepted") {
    const Config config = parse("[ask]\npurposeful = \"warn\"\nvague = []\n");
    CHECK(!config.purposeful_strict);
    CHECK(config.vague.empty());
}

TEST_CASE("journal expands a leading ~ with the home directory") {
    CHECK(parse("journal = \"~/notes/net.md\"").journal ==
          std::filesystem::path("/home/ada/notes/net.md"));
    CHECK(parse("journal = \"~\"").journal == std::filesystem::path("/home/ada"));
    CHECK(parse("journal = \"/abs/j.md\"").journal == std::filesystem::path("/abs/j.md"));
    CHECK(parse("journal = \"rel/j.md\"").journal == std::filesystem::path("rel/j.md"));
    // Only "~" and "~/…" are ours; "~bob" (another user's home) and "a/~/b" stay as written.
    CHECK(parse("journal = \"~bob/j.md\"").journal == std::filesystem::path("~bob/j.md"));
    CHECK(parse("journal = \"a/~/b\"").journal == std::filesystem::path("a/~/b"));
}

TEST_CASE("journal with ~ but no known home directory is an error") {
    std::vector<std::string> warnings;
    CHECK_THROWS_WITH_AS(parse_config("journal = \"~/j.md\"", "cfg.toml", "", warnings),
                         "config cfg.toml:1: key 'journal' starts with ~ but the home directory "
                         "is unknown",
                         Error);
    CHECK(config_error_for("journal = \"\"") ==
          "config cfg.toml:1: key 'journal' must not be empty");
}

TEST_CASE("a wrong type names the file, line, key and both types") {
    CHECK(config_error_for("\n[reply]\nwindow = 2\n") ==
          "config cfg.toml:3: key 'reply.window' must be a string like \"2d\", not an integer");
    CHECK(config_error_for("journal = 3") ==
          "config cfg.toml:1: key 'journal' must be a string (a path), not an integer");
    CHECK(config_error_for("[cadence]\ninner = 1.5") ==
          "config cfg.toml:2: key 'cadence.inner' must be a string like \"2d\", not a float");
    CHECK(config_error_for("[reciprocate]\nafter = true") ==
          "config cfg.toml:2: key 'reciprocate.after' must be a string like \"2d\", not a boolean");
    CHECK(config_error_for("[reply]\nfollow_up = 2026-11-26") ==
          "config cfg.toml:2: key 'reply.follow_up' must be a string like \"2d\", not a date");
    CHECK(config_error_for("[output]\ncolor = false") ==
          "config cfg.toml:2: key 'output.color' must be \"auto\", \"always\" or \"never\", not a "
          "boolean");
    CHECK(config_error_for("[ask]\nvague = \"quick chat\"") ==
          "config cfg.toml:2: key 'ask.vague' must be an array of strings, not \"quick chat\"");
    CHECK(config_error_for("[interaction]\nkinds = 3") ==
          "config cfg.toml:2: key 'interaction.kinds' must be an array of strings, not an integer");
}

TEST_CASE("a wrong item type in an array names the item's own line") {
    CHECK(config_error_for("[ask]\nvague = [\n  \"a\",\n  2,\n]\n") ==
          "config cfg.toml:4: key 'ask.vague' must be an array of strings, but item 2 is an "
          "integer");
    CHECK(config_error_for("[interaction]\nkinds = [[\"x\"]]") ==
          "config cfg.toml:2: key 'interaction.kinds' must be an array of strings, but item 1 is "
          "an array");
    CHECK(config_error_for("[ask]\nvague = [\"a\", \"  \"]") ==
          "config cfg.toml:2: key 'ask.vague': item 2 is empty");
}

TEST_CASE("a table where a value is expected, or a value where a table is, is a type error") {
    CHECK(config_error_for("[reply.window]\nx = 1\n") ==
          "config cfg.toml:1: key 'reply.window' must be a string like \"2d\", not a table");
    CHECK(config_error_for("[journal]\npath = \"x\"\n") ==
          "config cfg.toml:1: key 'journal' must be a string (a path), not a table");
    CHECK(config_error_for("reply = \"2d\"") ==
          "config cfg.toml:1: key 'reply' must be a table, not \"2d\"");
    CHECK(config_error_for("[[cadence]]\ninner = \"1w\"\n") ==
          "config cfg.toml:1: key 'cadence' must be a table, not an array");
}

TEST_CASE("a bad duration value names the file, line and key") {
    CHECK(config_error_for("[reply]\nwindow = \"soon\"") ==
          "config cfg.toml:2: key 'reply.window': bad duration 'soon' (use 2d, 1w, 3m, 1y or 2 "
          "days, 1 week, 3 months, 1 year)");
    CHECK(config_error_for("[cadence]\nweak = \"0d\"") ==
          "config cfg.toml:2: key 'cadence.weak': bad duration '0d' (must be more than zero)");
    CHECK(config_error_for("[cadence]\nweak = \"200y\"") ==
          "config cfg.toml:2: key 'cadence.weak': bad duration '200y' (at most 100 years)");
    CHECK(config_error_for("[reply]\nwindow = \"-2d\"").find("must not be negative") !=
          std::string::npos);
}

TEST_CASE("bad enum values are refused with the allowed ones") {
    CHECK(config_error_for("[ask]\npurposeful = \"maybe\"") ==
          "config cfg.toml:2: key 'ask.purposeful' must be \"warn\" or \"strict\", not \"maybe\"");
    CHECK(config_error_for("[output]\n\ncolor = \"sometimes\"") ==
          "config cfg.toml:3: key 'output.color' must be \"auto\", \"always\" or \"never\", not "
          "\"sometimes\"");
    // Values are exact: no case folding.
    CHECK(config_error_for("[output]\ncolor = \"Never\"").find("not \"Never\"") !=
          std::string::npos);
}

TEST_CASE("interaction kinds must be lowercase letters, digits and -") {
    for (const char* bad : {"Coffee", "coffee chat", "café", "-x", "a_b"}) {
        const std::string message =
            config_error_for("[interaction]\nkinds = [\"ok\", \"" + std::string(bad) + "\"]");
        CHECK_MESSAGE(message.starts_with("config cfg.toml:2: key 'interaction.kinds': bad kind"),
                      message);
        CHECK(message.ends_with("(use lowercase letters, digits and -)"));
    }
}

TEST_CASE("values shown in messages keep the message on one line") {
    const std::string message = config_error_for("[ask]\npurposeful = \"a\\nb\"");
    CHECK(message.find("not \"a b\"") != std::string::npos);
    CHECK(message.find('\n') == std::string::npos);
}

TEST_CASE("broken TOML gives one line with the line number") {
    CHECK(config_error_for("journal = \"/j\"\nwindow =\n") ==
          "config cfg.toml:2: missing value after key-value separator '='");
    CHECK(config_error_for("[reply]\nwindow = \"2d\"\nwindow = \"3d\"\n") ==
          "config cfg.toml:3: value (\"window\") already exists.");
    CHECK(config_error_for("x = 1\n[reply\n") == "config cfg.toml:2: an invalid key appeared.");
    CHECK(config_error_for("journal = \"/j\n") ==
          "config cfg.toml:1: the next token is not a valid string");
}

TEST_CASE("a broken TOML report with no text on its first line uses the marker's text") {
    CHECK(config_error_for("x = 1\ny = 0x\n") ==
          "config cfg.toml:2: the next token is not an integer");
}

TEST_CASE("unknown keys and tables are warned about and ignored") {
    std::vector<std::string> warnings;
    const Config config = parse(R"(colour = "never"
[reply]
windw = "9d"
window = "4d"
[plugins]
x = 1
y = 2
[cadence.extra]
z = 1
)",
                                warnings);
    CHECK(config.reply_window == days(4));
    CHECK(warnings == std::vector<std::string>{
                          "config cfg.toml: unknown key 'cadence.extra' (ignored)",
                          "config cfg.toml: unknown key 'colour' (ignored)",
                          "config cfg.toml: unknown key 'plugins' (ignored)",
                          "config cfg.toml: unknown key 'reply.windw' (ignored)",
                      });
}

TEST_CASE("load_config gives the defaults, without warnings, when the file is missing") {
    Scratch scratch;
    std::vector<std::string> warnings;
    const Config config = load_config(scratch.dir / "nope.toml", home, warnings);
    CHECK(warnings.empty());
    CHECK(config.reply_window == days(2));
    CHECK(!config.journal);
}

TEST_CASE("load_config reads the file and names it in messages") {
    Scratch scratch;
    std::vector<std::string> warnings;
    const auto good = scratch.write("good.toml", "journal = \"~/j.md\"\nfoo = 1\n");
    CHECK(load_config(good, home, warnings).journal == std::filesystem::path("/home/ada/j.md"));
    CHECK(warnings ==
          std::vector<std::string>{"config " + good.string() + ": unknown key 'foo' (ignored)"});

    const auto bad = scratch.write("bad.toml", "\n[output]\ncolor = 1\n");
    CHECK_THROWS_WITH_AS(load_config(bad, home, warnings),
                         ("config " + bad.string() +
                          ":3: key 'output.color' must be \"auto\", \"always\" or \"never\", not "
                          "an integer")
                             .c_str(),
                         Error);
}

TEST_CASE("load_config refuses a directory as the config file") {
    Scratch scratch;
    std::vector<std::string> warnings;
    CHECK_THROWS_WITH_AS(
        load_config(scratch.dir, home, warnings),
        ("config " + scratch.dir.string() + ": cannot read: it is a directory").c_str(), Error);
}

TEST_CASE("a config that is not UTF-8 is refused with its line, before toml11 reads it") {
    // toml11 3.7 read out of bounds reporting this one (tests/fuzz/regressions/config).
    CHECK(config_error_for("[reply]\nwindow = '\x81\x81'\n") ==
          "config cfg.toml:2: not valid UTF-8; save the file as UTF-8");
    CHECK(config_error_for("a = \"\xff\"") ==
          "config cfg.toml:1: not valid UTF-8; save the file as UTF-8");
}

TEST_CASE("a config nested too deep or with too long a list is refused before toml11 parses it") {
    std::vector<std::string> warnings;
    auto refused = [&](const std::string& text) {
        try {
            parse(text, warnings);
        } catch (const Error& e) {
            return e.kind() == ErrorKind::config;
        }
        return false;
    };
    CHECK(refused("a = " + std::string(10000, '[') + std::string(10000, ']') + "\n"));
    std::string inline_tables;
    for (int i = 0; i < 10000; ++i) {
        inline_tables += "{b = ";
    }
    CHECK(refused("a = " + inline_tables + "1" + std::string(10000, '}') + "\n"));
    std::string dotted = "a";
    for (int i = 0; i < 10000; ++i) {
        dotted += ".a";
    }
    CHECK(refused(dotted + " = 1\n"));
    CHECK(refused("[" + dotted + "]\n"));
    std::string list = "[ask]\nvague = [\"x\"";
    for (int i = 0; i < 40000; ++i) {
        list += ", \"x\"";
    }
    CHECK(refused(list + "]\n"));
    CHECK(refused("# " + std::string(2 * 1024 * 1024, 'x') + "\n"));
    // What a real config holds passes, brackets and dots in strings and comments too.
    Config c = parse("[ask]\nvague = [\"a [[[ {{{ ...\", 'b ]]] }}}', \"\"\"c\n[[[\"\"\"]  # [[[[\n"
                     "[reply]\nwindow = \"3d\"\n",
                     warnings);
    CHECK(c.vague.size() == 3);
}

TEST_CASE("[me] emails are read lowercased, and [mail] replies_owed is one of three words") {
    const Config config = parse("[me]\nemails = [\"Me@Work.example\", \"me@home.example\"]\n"
                                "[mail]\nreplies_owed = \"known\"\n");
    CHECK(config.me_emails == std::vector<std::string>{"me@work.example", "me@home.example"});
    CHECK(config.replies_owed == "known");
    CHECK(parse("").me_emails.empty());
    CHECK(parse("").replies_owed == "trusted");
}

TEST_CASE("[me] emails that are not addresses and a bad replies_owed are errors naming the key") {
    CHECK(config_error_for("[me]\nemails = \"me@x.org\"\n").find("'me.emails' must be an array") !=
          std::string::npos);
    CHECK(config_error_for("[me]\nemails = [\"me at x.org\"]\n").find("is not an address") !=
          std::string::npos);
    CHECK(config_error_for("[me]\nemails = [1]\n").find("item 1") != std::string::npos);
    CHECK(config_error_for("[mail]\nreplies_owed = \"all\"\n")
              .find("'mail.replies_owed' must be \"trusted\", \"known\" or \"off\"") !=
          std::string::npos);
}
