#pragma once
// Identifiers from the operating system's CSPRNG (getrandom).

#include <string>

namespace plenum {

// `bytes` random bytes as lowercase hex (2 * bytes characters).
std::string random_hex(size_t bytes);

} // namespace plenum
