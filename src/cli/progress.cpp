#include "progress.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace netlog {
namespace {

// How long work runs before its progress shows: a second, or NETLOG_PROGRESS_AFTER_MS
// (for the tests, which cannot wait for work that long).
std::chrono::milliseconds threshold() {
    if (const char* text = std::getenv("NETLOG_PROGRESS_AFTER_MS"); text && *text) {
        char* end = nullptr;
        long ms = std::strtol(text, &end, 10);
        if (*end == '\0' && ms >= 0) {
            return std::chrono::milliseconds(ms);
        }
    }
    return std::chrono::milliseconds(1000);
}

// "1,260,000"
std::string grouped(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

std::string amount(Progress::Unit unit, std::uint64_t n) {
    if (unit == Progress::Unit::bytes) {
        return fmt::format("{:.1f} MB", static_cast<double>(n) / 1e6);
    }
    return grouped(n);
}

// "1 min 5 s", "12 s"
std::string duration(double seconds) {
    auto s = static_cast<long long>(seconds + 0.5);
    if (s >= 60) {
        return fmt::format("{} min {} s", s / 60, s % 60);
    }
    return fmt::format("{} s", s);
}

} // namespace

Progress::Progress(const Output& out, std::string what, Unit unit)
    : m_on(!out.quiet && !out.json && ::isatty(2) == 1),
      m_what(std::move(what)),
      m_unit(unit),
      m_start(Clock::now()),
      m_next(m_start + threshold()) {}

Progress::~Progress() { finish(); }

bool Progress::due() const { return m_on && Clock::now() >= m_next; }

std::string Progress::line(const std::string& what, Unit unit, std::uint64_t done,
                           std::uint64_t total, double seconds) {
    const char* noun = unit == Unit::records ? " records" : unit == Unit::steps ? " steps" : "";
    std::string text = "netlog: " + what + ": " + amount(unit, done);
    if (total > 0) {
        text += " of " + amount(unit, total) + noun;
        text += fmt::format(" ({}%)", done >= total ? 100 : done * 100 / total);
    } else {
        text += noun;
    }
    if (seconds > 0 && done > 0) {
        const double rate = static_cast<double>(done) / seconds;
        if (unit != Unit::steps) {
            text += unit == Unit::bytes ? fmt::format(", {:.1f} MB/s", rate / 1e6)
                                        : ", " + grouped(static_cast<std::uint64_t>(rate)) + "/s";
        }
        if (total > done) {
            text += ", " + duration(static_cast<double>(total - done) / rate) + " left";
        }
    }
    return text;
}

void Progress::update(std::uint64_t done, std::uint64_t total) {
    if (!due()) {
        return;
    }
    const auto now = Clock::now();
    m_next = now + std::chrono::milliseconds(200);
    const double seconds = std::chrono::duration<double>(now - m_start).count();
    // Back to the start of the line, the new text, then the rest of the old one erased.
    std::string text = "\r" + line(m_what, m_unit, done, total, seconds) + "\x1b[K";
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
    m_shown = true;
}

void Progress::finish() {
    if (m_shown) {
        std::fputs("\r\x1b[K", stderr);
        std::fflush(stderr);
        m_shown = false;
    }
}

} // namespace netlog
