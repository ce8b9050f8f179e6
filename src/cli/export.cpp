// Placeholder until `netlog export` lands; replace this file.
#include "context.hpp"

namespace netlog {
void setup_export(CLI::App&, Registry&) {}
} // namespace netlog
