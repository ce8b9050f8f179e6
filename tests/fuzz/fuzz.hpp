// What the fuzz targets share: the input as text, and properties that stop the run.
//
// A target calls the code under test on any input and lets only netlog::Error
// through quietly: that is how netlog refuses bad input. Any other exception, a
// crash, a sanitizer report or a failed property is a bug that libFuzzer (or the
// replay driver) reports with the input that caused it.
#pragma once

#include "netlog/error.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace netlog::fuzz {

// The fuzzer's bytes as a string (any bytes, NUL included).
inline std::string input_text(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// Aborts, which the fuzzer reports as a crash, when a property does not hold.
inline void require(bool holds, const char* property) {
    if (!holds) {
        std::fprintf(stderr, "fuzz: property failed: %s\n", property);
        std::abort();
    }
}

// An Error thrown for bad input must be of the kind the code documents.
inline void require_kind(const Error& e, ErrorKind kind) {
    if (e.kind() != kind) {
        std::fprintf(stderr, "fuzz: unexpected error kind: %s\n", e.what());
        std::abort();
    }
}

} // namespace netlog::fuzz
