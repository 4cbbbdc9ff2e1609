#pragma once
// Opaque bearer tokens (sessions, API keys, invitation and reset links). The server keeps only
// the SHA-256 of a token: the token has 256 bits of entropy, so a fast hash is enough (no
// salt, no Argon2) and a leaked database does not reveal usable tokens.

#include <cstddef>
#include <string>
#include <string_view>

namespace plenum::auth {

// Random bytes per token: 256 bits, 43 base64url characters.
inline constexpr size_t kTokenRandomBytes = 32;

struct IssuedToken {
  std::string token; // prefix + base64url (RFC 4648 section 5, no padding); shown to the user once
  std::string hash;  // lowercase hex SHA-256 of `token`; what the server stores
};

// `prefix` names the kind of token (e.g. "plsess_") so that leaked tokens are recognisable by
// secret scanners and in support requests; it is part of the hashed token.
IssuedToken issue_token(std::string_view prefix);

// Lowercase hex SHA-256 of the full token (64 characters): look up a presented token by this.
std::string hash_token(std::string_view token);

// Compares in time that depends only on the length. Different lengths are unequal (the
// lengths of tokens and hashes are not secret).
// `count` decimal digits, each uniformly random (dial-in numbers and PINs).
std::string random_digits(size_t count);

bool constant_time_equal(std::string_view a, std::string_view b) noexcept;

} // namespace plenum::auth
