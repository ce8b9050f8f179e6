// Fuzz target: LinkedIn's Connections.csv reader (src/io/linkedin.cpp, libcsv) and
// the profile-URL key it matches people on.
#include "contacts.hpp"

using namespace netlog;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::read_contacts(data, size, read_linkedin);
    std::string key = linkedin_key(fuzz::input_text(data, size));
    fuzz::require(key.starts_with("linkedin:"), "a LinkedIn key starts with linkedin:");
    return 0;
}
