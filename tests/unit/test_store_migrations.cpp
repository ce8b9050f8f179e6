// Released schema steps are history: a journal migrated by them must be what every
// later netlog expects. Their SQL is built in part from helpers that today's schema
// uses too (refresh_totals and friends): editing such a helper must not rewrite a
// released step. So each step's text is pinned here, by a hash. A change to one fails
// this test; the fix is a new version_N() that makes the change, never an edit of an
// old one. (A new step adds its line here when it is released.)
#include "store/impl.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdint>
#include <string_view>

namespace {

// FNV-1a, 64 bits: stable across compilers and runs, unlike std::hash.
std::uint64_t fnv1a(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

} // namespace

TEST_CASE("released migrations are frozen: their SQL is what it was when released") {
    const std::uint64_t released[] = {
        0xafbfabb775e57a1aULL, // version 1
        0xb629851d7a4fefc3ULL, // version 2
        0x63aa730f608d12a6ULL, // version 3
        0x99212bbc6be8e9faULL, // version 4
        0xaf65eefddb216f51ULL, // version 5
        0x75ccaff212659d48ULL, // version 6
        0xde08b8857e22d19cULL, // version 7
        0xa5c4c5fabbc961a0ULL, // version 8
    };
    const auto& steps = netlog::store::migrations();
    REQUIRE(steps.size() >= std::size(released));
    for (std::size_t v = 0; v < std::size(released); ++v) {
        INFO(fmt::format("schema step {} (0x{:016x}) changed; write a new step instead", v + 1,
                         fnv1a(steps[v])));
        CHECK(fnv1a(steps[v]) == released[v]);
    }
}
