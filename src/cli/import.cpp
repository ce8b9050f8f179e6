// Placeholder until `netlog import` lands; replace this file.
#include "context.hpp"

namespace netlog {
void setup_import(CLI::App&, Registry&) {}
} // namespace netlog
