#include "media/server/turn_credentials.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

namespace plenum::media::server {

TurnCredentials turn_credentials(const std::string& secret, const std::string& id, int64_t expires_unix) {
  TurnCredentials out;
  out.username = std::to_string(expires_unix) + ":" + id;
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(out.username.data()), out.username.size(), mac.data(),
       &mac_size);
  std::array<unsigned char, 4 * ((EVP_MAX_MD_SIZE + 2) / 3) + 1> text{};
  const int n = EVP_EncodeBlock(text.data(), mac.data(), static_cast<int>(mac_size));
  out.credential.assign(reinterpret_cast<const char*>(text.data()), static_cast<size_t>(n));
  return out;
}

} // namespace plenum::media::server
