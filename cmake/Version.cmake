# The version and the git revision netlog was built from, for `netlog --version`.
find_package(Git QUIET)
set(NETLOG_GIT_REVISION "unknown")
if(GIT_FOUND AND EXISTS "${CMAKE_SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" describe --always --dirty --abbrev=12
                  WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
                  OUTPUT_VARIABLE NETLOG_GIT_REVISION OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET)
  if(NOT NETLOG_GIT_REVISION)
    set(NETLOG_GIT_REVISION "unknown")
  endif()
endif()
set(NETLOG_VERSION_SOURCE "${CMAKE_BINARY_DIR}/generated/version.cpp")
configure_file("${CMAKE_SOURCE_DIR}/src/version.cpp.in" "${NETLOG_VERSION_SOURCE}" @ONLY)
