// TURN REST API credentials (coturn --use-auth-secret) against a vector computed independently:
//   python3 -c 'import hmac,hashlib,base64; u="1700000000:alice";
//     print(base64.b64encode(hmac.new(b"north-secret", u.encode(), hashlib.sha1).digest()).decode())'
//   -> g+jb180fcj+xlpA/2mP60OdIgU0=
#include "media/server/turn_credentials.hpp"

#include <gtest/gtest.h>

namespace plenum::media::server {
namespace {

TEST(MediaCoreTurnCredentials, MatchesAnIndependentHmacSha1) {
  const auto c = turn_credentials("north-secret", "alice", 1'700'000'000);
  EXPECT_EQ(c.username, "1700000000:alice");
  EXPECT_EQ(c.credential, "g+jb180fcj+xlpA/2mP60OdIgU0=");
}

TEST(MediaCoreTurnCredentials, DependOnSecretIdAndExpiry) {
  const auto base = turn_credentials("north-secret", "alice", 1'700'000'000);
  EXPECT_NE(turn_credentials("south-secret", "alice", 1'700'000'000).credential, base.credential);
  EXPECT_NE(turn_credentials("north-secret", "bob", 1'700'000'000).credential, base.credential);
  EXPECT_NE(turn_credentials("north-secret", "alice", 1'700'000'001).credential, base.credential);
  EXPECT_EQ(turn_credentials("north-secret", "alice", 1'700'000'000).credential, base.credential);
  // Base64 of 20 bytes: 28 characters with one '=' of padding.
  EXPECT_EQ(base.credential.size(), 28u);
}

} // namespace
} // namespace plenum::media::server
