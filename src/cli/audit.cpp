// Placeholder until `netlog audit` lands; replace this file.
#include "context.hpp"

namespace netlog {
void setup_audit(CLI::App&, Registry&) {}
} // namespace netlog
