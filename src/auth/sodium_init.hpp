#pragma once
// libsodium must be initialised once before use (it picks implementations and seeds its
// CSPRNG). Every auth function that calls libsodium calls this first.

#include <sodium.h>

#include "base/error.hpp"

namespace plenum::auth {

inline void ensure_sodium() noexcept {
  // A function-local static is initialised exactly once, thread-safely ([stmt.dcl]/4).
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) fatal("auth: sodium_init() failed");
}

} // namespace plenum::auth
