#include "auth/token.hpp"

#include <sodium.h>

#include <array>

#include "auth/sodium_init.hpp"

namespace plenum::auth {
namespace {

// A valid pointer for libsodium even when the view is empty (string_view{}.data() is null).
const unsigned char* bytes_of(std::string_view text) noexcept {
  static constexpr unsigned char kEmpty = 0;
  return text.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(text.data());
}

} // namespace

IssuedToken issue_token(std::string_view prefix) {
  ensure_sodium();
  std::array<unsigned char, kTokenRandomBytes> random{};
  randombytes_buf(random.data(), random.size());
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::array<char, sodium_base64_ENCODED_LEN(kTokenRandomBytes, kVariant)> encoded{};
  sodium_bin2base64(encoded.data(), encoded.size(), random.data(), random.size(), kVariant);
  sodium_memzero(random.data(), random.size());

  IssuedToken issued;
  issued.token.reserve(prefix.size() + encoded.size() - 1);
  issued.token.append(prefix);
  issued.token.append(encoded.data()); // NUL-terminated
  sodium_memzero(encoded.data(), encoded.size());
  issued.hash = hash_token(issued.token);
  return issued;
}

std::string hash_token(std::string_view token) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), bytes_of(token), token.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return {hex.data(), hex.size() - 1};
}

bool constant_time_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string random_digits(size_t count) {
  ensure_sodium();
  std::string out(count, '0');
  for (auto& c : out) c = static_cast<char>('0' + randombytes_uniform(10));
  return out;
}

} // namespace plenum::auth
