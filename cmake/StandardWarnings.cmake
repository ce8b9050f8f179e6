# Warnings for netlog's own code, through an INTERFACE target (as ccache does).
# -Werror only when NETLOG_WERROR is on: development and CI, never packagers.
add_library(netlog_warnings INTERFACE)
target_compile_options(netlog_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused
  -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
if(NETLOG_WERROR)
  target_compile_options(netlog_warnings INTERFACE -Werror)
endif()
if(NETLOG_SANITIZE)
  target_compile_options(netlog_warnings INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(netlog_warnings INTERFACE -fsanitize=address,undefined)
endif()
