#pragma once
// Time-limited TURN credentials (the "TURN REST API" scheme coturn implements with
// --use-auth-secret): username "<expiry unix time>:<id>", password
// base64(HMAC-SHA1(shared secret, username)). The secret stays on the servers.

#include <cstdint>
#include <string>

namespace plenum::media::server {

struct TurnCredentials {
  std::string username;
  std::string credential;
};

TurnCredentials turn_credentials(const std::string& secret, const std::string& id, int64_t expires_unix);

} // namespace plenum::media::server
