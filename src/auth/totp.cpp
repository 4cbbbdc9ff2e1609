#include "auth/totp.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <limits>

#include "auth/sodium_init.hpp"
#include "auth/token.hpp"

namespace plenum::auth {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// The value of a base32 digit, or -1.
int base32_value(char c) noexcept {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

// floor(unix_seconds / step): RFC 6238 section 4 defines T with floor, also before the epoch.
int64_t time_step(int64_t unix_seconds) noexcept {
  int64_t step = unix_seconds / kTotpStepSeconds;
  if (unix_seconds % kTotpStepSeconds < 0) --step;
  return step;
}

std::string code_for_step(std::span<const uint8_t> key, int64_t step, int digits) {
  PLENUM_ASSERT(digits >= 6 && digits <= 8, "RFC 4226 codes have 6 to 8 digits");
  PLENUM_ASSERT(key.size() <= static_cast<size_t>(std::numeric_limits<int>::max()), "TOTP key too large");
  // The counter is 8 bytes, big-endian (RFC 4226 section 5.1).
  std::array<unsigned char, 8> counter{};
  auto value = static_cast<uint64_t>(step);
  for (size_t i = counter.size(); i-- > 0;) {
    counter[i] = static_cast<unsigned char>(value & 0xFF);
    value >>= 8;
  }
  static constexpr unsigned char kNoKey = 0;
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha1(), key.empty() ? &kNoKey : key.data(), static_cast<int>(key.size()), counter.data(),
           counter.size(), mac.data(), &mac_size) == nullptr ||
      mac_size != 20) {
    fatal("auth: HMAC-SHA1 failed");
  }
  // Dynamic truncation (RFC 4226 section 5.3).
  const unsigned offset = mac[19] & 0x0F;
  const uint32_t binary =
      (static_cast<uint32_t>(mac[offset] & 0x7F) << 24) | (static_cast<uint32_t>(mac[offset + 1]) << 16) |
      (static_cast<uint32_t>(mac[offset + 2]) << 8) | static_cast<uint32_t>(mac[offset + 3]);
  uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  code.insert(0, static_cast<size_t>(digits) - code.size(), '0');
  return code;
}

bool is_unreserved(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

std::string percent_encode(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (is_unreserved(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

} // namespace

std::string generate_totp_secret() {
  ensure_sodium();
  std::array<uint8_t, kTotpSecretBytes> key{};
  randombytes_buf(key.data(), key.size());
  std::string secret = base32_encode(key);
  sodium_memzero(key.data(), key.size());
  return secret;
}

std::string base32_encode(std::span<const uint8_t> data) {
  std::string out;
  out.reserve((data.size() * 8 + 4) / 5);
  uint32_t buffer = 0;
  int bits = 0;
  for (const uint8_t byte : data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kBase32Alphabet[(buffer >> bits) & 0x1F];
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1F];
  return out;
}

Result<std::vector<uint8_t>> base32_decode(std::string_view text) {
  while (!text.empty() && (text.back() == '=' || text.back() == ' ')) text.remove_suffix(1);
  std::vector<uint8_t> out;
  out.reserve(text.size() * 5 / 8);
  uint32_t buffer = 0;
  int bits = 0;
  size_t digits = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ' ') continue;
    const int value = base32_value(text[i]);
    if (value < 0) {
      return make_error(ErrorCode::invalid_argument,
                        "not valid base32: unexpected character at position " + std::to_string(i + 1));
    }
    ++digits;
    buffer = (buffer << 5) | static_cast<uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<uint8_t>((buffer >> bits) & 0xFF));
    }
  }
  // A final quantum has 2, 4, 5 or 7 digits (RFC 4648 section 6); 1, 3 or 6 cannot occur.
  const size_t rest = digits % 8;
  if (rest == 1 || rest == 3 || rest == 6) {
    return make_error(ErrorCode::invalid_argument, "not valid base32: impossible length");
  }
  return out;
}

std::string totp_code(std::span<const uint8_t> key, int64_t unix_seconds, int digits) {
  return code_for_step(key, time_step(unix_seconds), digits);
}

std::optional<int64_t> verify_totp(std::string_view secret_base32, std::string_view code,
                                   int64_t unix_seconds, int64_t last_used_step, int window) {
  PLENUM_ASSERT(window >= 0, "the TOTP window is a number of steps, not negative");
  if (code.size() != static_cast<size_t>(kTotpDigits)) return std::nullopt;
  for (const char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  auto key = base32_decode(secret_base32);
  if (!key || key->size() < kTotpMinKeyBytes) return std::nullopt;
  const int64_t now = time_step(unix_seconds);
  std::optional<int64_t> matched;
  for (int64_t step = now - window; step <= now + window; ++step) {
    if (step <= last_used_step) continue;
    // Every candidate is compared, also after a match, so the time taken does not tell which.
    if (constant_time_equal(code_for_step(*key, step, kTotpDigits), code) && !matched) matched = step;
  }
  sodium_memzero(key->data(), key->size());
  return matched;
}

std::string totp_uri(std::string_view secret, std::string_view account, std::string_view issuer) {
  std::string uri = "otpauth://totp/";
  if (!issuer.empty()) uri += percent_encode(issuer) + ':';
  uri += percent_encode(account);
  uri += "?secret=" + percent_encode(secret);
  if (!issuer.empty()) uri += "&issuer=" + percent_encode(issuer);
  return uri;
}

} // namespace plenum::auth
