// The version netlog was built as, and the git revision it was built from.
#pragma once

namespace netlog {
extern const char* const version;
extern const char* const git_revision;
} // namespace netlog
