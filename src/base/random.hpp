#pragma once
// Identifiers from the operating system's CSPRNG (getrandom).

#include <string>

namespace plenum {

// `bytes` random bytes as lowercase hex (2 * bytes characters).
std::string random_hex(size_t bytes);

// A random (version 4) UUID in its canonical lowercase form (RFC 9562, section 5.4).
std::string uuid_v4();

} // namespace plenum
