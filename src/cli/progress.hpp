// The progress line of long work (import, export, check, backup): one line on stderr,
// updated in place, only when stderr is a terminal and neither -q nor --json is given,
// and only once the work has run for a second. It is gone when the work ends.
#pragma once

#include "output.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace netlog {

class Progress {
public:
    enum class Unit { records, bytes, steps };
    // `what` names the work ("import", "export", "check", "backup").
    Progress(const Output& out, std::string what, Unit unit);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Whether update() would print now: cheap, for loops that must work out `done`
    // (a file position) before calling it.
    bool due() const;
    // `done` of `total` (0: unknown) so far.
    void update(std::uint64_t done, std::uint64_t total);
    // Clears the line, if one was printed.
    void finish();

    // The line update() prints, without the carriage return: for the tests.
    static std::string line(const std::string& what, Unit unit, std::uint64_t done,
                            std::uint64_t total, double seconds);

private:
    using Clock = std::chrono::steady_clock;
    bool m_on;
    std::string m_what;
    Unit m_unit;
    Clock::time_point m_start;
    Clock::time_point m_next;  // not before then
    bool m_shown = false;
};

} // namespace netlog
