// The whole program: parses the command line, runs one command, returns the exit code.
#pragma once

namespace netlog {
int run(int argc, char** argv);
} // namespace netlog
