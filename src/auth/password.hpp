#pragma once
// Password storage (Argon2id) and the rules a new password must meet.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace plenum::auth {

// Argon2id cost (RFC 9106). Measured on the 2-core development machine (Debian 12, libsodium
// 1.0.18): 3 passes over 64 MiB take ~90 ms per hash and the same per verification; 2 passes
// (libsodium's INTERACTIVE) ~65 ms, 3 passes over 256 MiB (MODERATE) ~430 ms. We take the
// middle: RFC 9106 section 4's second recommended option is t=3 with 64 MiB (libsodium always
// uses one lane), which stays under the ~100 ms a sign-in may spend hashing while costing an
// offline attacker 3 passes over 64 MiB per guess. Each concurrent sign-in holds 64 MiB while it hashes; the
// blocking pool bounds how many run at once. Raising either value later makes needs_rehash() return true for
// older hashes, so they are upgraded at the next successful sign-in.
inline constexpr uint64_t kArgon2OpsLimit = 3;
inline constexpr size_t kArgon2MemLimitBytes = size_t{64} * 1024 * 1024;

// The encoded Argon2id hash ("$argon2id$v=19$m=65536,t=3,p=1$salt$hash") with a fresh random
// salt. Fails (internal) only when the memory cannot be allocated.
Result<std::string> hash_password(std::string_view password);

// True when `password` matches `stored_hash`. False for a wrong password and for anything that
// is not a valid encoded hash (empty, truncated, another algorithm). Takes as long as hashing.
bool verify_password(std::string_view password, const std::string& stored_hash);

// True when `stored_hash` was made with other parameters than the current ones (or is not a
// valid hash): the caller rehashes the password it has just verified and stores the new hash.
bool needs_rehash(const std::string& stored_hash);

// Length limits in Unicode code points. The maximum bounds the work per hash and is generous
// for passphrases; the minimum follows NIST SP 800-63B's advice of length over composition
// rules, so no "one digit, one symbol" rules here.
struct PasswordPolicy {
  size_t min_length = 10;
  size_t max_length = 256;
};

// Checks a password a user chooses (sign-up, change, reset). Each failure is invalid_argument
// with a message meant for the user: not valid UTF-8, too short, too long, equal to or
// containing the e-mail address' local part or the name, a very common password, one repeated
// character, or a simple run ("1234567890", "abcdefghij", "zyxwvutsrq"). ASCII letters compare
// case-insensitively. The local part and the name are also checked word by word (split at
// spaces, '.', '_', '-', '+'); a word shorter than kMinPersonalFragment code points is rejected
// only when it is the whole password, so "Jo" does not forbid "enjoy".
inline constexpr size_t kMinPersonalFragment = 4;
Result<void> check_new_password(std::string_view password, std::string_view email,
                                std::string_view display_name, const PasswordPolicy& policy = {});

} // namespace plenum::auth
