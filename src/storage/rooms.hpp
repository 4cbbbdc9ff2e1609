#pragma once
// Meeting rooms and their guest links, as stored. Blocking calls: run them on the blocking pool.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace plenum::storage {

struct Room {
  std::string id; // UUID
  std::string owner_id;
  std::string name;                          // may be empty: the event title names most meetings
  std::optional<std::string> password;       // shared with participants, so kept readable
  std::string waiting_room = "off";          // "off" | "guests" | "everyone"
  std::string guest_access = "waiting_room"; // "disabled" | "waiting_room" | "direct"
  bool e2ee = false;
  int max_participants = 100;
  std::string created_at;
};

struct RoomInvite {
  std::string code; // the secret in the guest link
  std::string room_id;
  std::string created_by;
  std::optional<int64_t> expires_at; // unix seconds; none = until revoked
  std::string created_at;
};

// Dial-in by phone: a 10-digit room number and a 10-digit PIN.
struct DialIn {
  std::string room_id;
  std::string numeric_id;
  std::string pin;
};

struct StreamingTarget {
  std::string id; // UUID
  std::string room_id;
  std::string name;
  std::string endpoint;   // rtmp:// or rtmps:// URL
  std::string stream_key; // secret: shown in full only when created
  std::optional<std::string> public_url;
  std::string created_at;
};

class RoomRepository {
 public:
  virtual ~RoomRepository() = default;
  virtual Result<Room> create(const Room& room) = 0; // id and created_at are assigned
  virtual Result<std::optional<Room>> find(const std::string& id) = 0;
  virtual Result<std::vector<Room>> list_owned(const std::string& owner_id, size_t limit, size_t offset) = 0;
  virtual Result<int64_t> count_owned(const std::string& owner_id) = 0;
  virtual Result<void> update(const Room& room) = 0; // every mutable field; not_found if gone
  virtual Result<void> remove(const std::string& id) = 0;

  virtual Result<RoomInvite> create_invite(const RoomInvite& invite) = 0;
  virtual Result<std::optional<RoomInvite>> find_invite(const std::string& code) = 0;
  virtual Result<std::vector<RoomInvite>> list_invites(const std::string& room_id) = 0;
  virtual Result<void> remove_invite(const std::string& room_id, const std::string& code) = 0;

  virtual Result<std::optional<DialIn>> find_dial_in(const std::string& room_id) = 0;
  // Insert or replace; ErrorCode::conflict when the number belongs to another room.
  virtual Result<void> put_dial_in(const DialIn& dial_in) = 0;

  virtual Result<StreamingTarget> create_streaming_target(const StreamingTarget& target) = 0;
  virtual Result<std::vector<StreamingTarget>> streaming_targets(const std::string& room_id) = 0;
  virtual Result<void> remove_streaming_target(const std::string& room_id, const std::string& id) = 0;

  // Persistent bans: the user may not join this room again (a moderator's decision in a meeting).
  virtual Result<void> ban(const std::string& room_id, const std::string& user_id) = 0;
  virtual Result<bool> is_banned(const std::string& room_id, const std::string& user_id) = 0;
};

} // namespace plenum::storage
