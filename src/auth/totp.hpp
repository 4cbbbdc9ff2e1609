#pragma once
// Time-based one-time passwords (RFC 6238) as authenticator apps implement them: HMAC-SHA1,
// 30-second steps from the Unix epoch, 6 digits, secrets in base32 (RFC 4648 section 6).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace plenum::auth {

inline constexpr int64_t kTotpStepSeconds = 30; // RFC 6238 section 5.2 default X
inline constexpr int kTotpDigits = 6;
inline constexpr size_t kTotpSecretBytes = 20; // RFC 4226 section 4: 160 bits recommended
inline constexpr size_t kTotpMinKeyBytes = 16; // RFC 4226 section 4 R6: at least 128 bits

// A new shared secret: kTotpSecretBytes random bytes in base32 (32 characters, no padding).
std::string generate_totp_secret();

// RFC 4648 base32, upper case, without '=' padding.
std::string base32_encode(std::span<const uint8_t> data);

// Accepts upper and lower case, spaces anywhere (apps show secrets in groups) and trailing
// '=' padding or none. invalid_argument for any other character or an impossible length.
Result<std::vector<uint8_t>> base32_decode(std::string_view text);

// The code for the time step containing `unix_seconds` (RFC 6238 section 4, RFC 4226 section
// 5.3), zero-padded to `digits` (6 to 8).
std::string totp_code(std::span<const uint8_t> key, int64_t unix_seconds, int digits = kTotpDigits);

// Checks `code` against the steps within `window` steps of `unix_seconds` (RFC 6238 section
// 5.2: one step either way absorbs clock drift and typing time). Returns the matched step, which
// the caller stores as the new `last_used_step`: steps <= last_used_step are never accepted, so
// an observed code cannot be replayed (section 5.2). nullopt for a wrong code, a code that is
// not exactly kTotpDigits ASCII digits, or a secret that is not valid base32 of at least
// kTotpMinKeyBytes bytes. Codes are compared in constant time.
std::optional<int64_t> verify_totp(std::string_view secret_base32, std::string_view code,
                                   int64_t unix_seconds, int64_t last_used_step, int window = 1);

// The provisioning URI for a QR code (Google Authenticator "Key URI Format"):
// otpauth://totp/Issuer:account?secret=...&issuer=..., label and parameters percent-encoded
// (RFC 3986: everything but unreserved characters). Without an issuer the label is the account.
std::string totp_uri(std::string_view secret, std::string_view account, std::string_view issuer);

} // namespace plenum::auth
