// Fuzz target: the vCard reader (src/io/vcard.cpp): 2.1, 3.0 and 4.0 cards,
// folding, escapes, quoted-printable, charsets.
#include "contacts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    netlog::fuzz::read_contacts(data, size, netlog::read_vcard);
    return 0;
}
