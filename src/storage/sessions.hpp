#pragma once
// Sign-in sessions. Only the SHA-256 of an access token is stored, never the token.

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.hpp"

namespace plenum::storage {

struct Session {
  std::string token_hash;
  std::string user_id;
  int64_t created_at = 0; // unix seconds
  int64_t expires_at = 0; // unix seconds
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Result<void> create(const Session& session) = 0;
  virtual Result<std::optional<Session>> find(const std::string& token_hash) = 0;
  virtual Result<void> remove(const std::string& token_hash) = 0;
  virtual Result<void> remove_for_user(const std::string& user_id) = 0;
  // Deletes sessions that expired before `now`; returns how many.
  virtual Result<int64_t> remove_expired(int64_t now) = 0;
};

} // namespace plenum::storage
