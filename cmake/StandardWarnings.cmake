# Warnings for netlog's own code, through an INTERFACE target (as ccache does).
# -Werror only when NETLOG_WERROR is on: development and CI, never packagers.
add_library(netlog_warnings INTERFACE)
target_compile_options(netlog_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused
  -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(NETLOG_WERROR)
  target_compile_options(netlog_warnings INTERFACE -Werror)
endif()
if(NETLOG_SANITIZE OR NETLOG_FUZZ)
  target_compile_options(netlog_warnings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(netlog_warnings INTERFACE -fsanitize=address,undefined)
endif()
# libFuzzer comes with clang only (Debian: clang-16 and libclang-rt-16-dev; clang-14
# cannot compile libstdc++ 12's <ranges>). netlog's code gets the coverage hooks the
# fuzzer steers by; tests/fuzz links the fuzzer itself into each fuzz_NAME.
if(NETLOG_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "NETLOG_FUZZ needs clang: -DCMAKE_CXX_COMPILER=clang++-16 (tools/fuzz does this)")
  endif()
  target_compile_options(netlog_warnings INTERFACE -fsanitize=fuzzer-no-link)
endif()
