#pragma once
// Rooms, guest links and admission (join tickets). Every call is authorised here: the owner
// and administrators manage a room; any signed-in user may join it (with its password); guests
// join through a valid guest link when the room admits guests. Blocking: run on the blocking pool.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/login_throttle.hpp"
#include "auth/ticket_store.hpp"
#include "services/accounts.hpp"
#include "storage/live_state.hpp"
#include "storage/store.hpp"

namespace plenum::services {

// A change or a new room: unset fields keep their value (or default).
struct RoomSettings {
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> password; // set to nullopt-inside to remove it
  std::optional<std::string> waiting_room;
  std::optional<std::string> guest_access;
  std::optional<bool> e2ee;
  std::optional<int> max_participants;
};

struct InviteCheck {
  std::string room_id;
  bool password_required;
};

struct Admission {
  std::string ticket;
  int64_t expires_in_seconds;
  std::string room_id;
};

class Rooms {
 public:
  // `live` (the running meetings) lets `start` refuse banned users and full rooms.
  Rooms(storage::Store& store, auth::TicketStore& tickets, storage::LiveState* live = nullptr);

  Result<storage::Room> create(const storage::User& caller, const RoomSettings& settings);
  Result<storage::Room> get(const storage::User& caller, const std::string& room_id);
  Result<std::vector<storage::Room>> list(const storage::User& caller, size_t limit, size_t offset);
  Result<int64_t> count(const storage::User& caller);
  Result<storage::Room> update(const storage::User& caller, const std::string& room_id,
                               const RoomSettings& s);
  Result<void> remove(const storage::User& caller, const std::string& room_id);

  Result<storage::RoomInvite> create_invite(const storage::User& caller, const std::string& room_id,
                                            std::optional<int64_t> expires_at, const Now& now);
  Result<std::vector<storage::RoomInvite>> list_invites(const storage::User& caller,
                                                        const std::string& room_id);
  Result<void> remove_invite(const storage::User& caller, const std::string& room_id,
                             const std::string& code);
  // Without sign-in: reveals only which room and whether it needs a password.
  Result<InviteCheck> verify_invite(const std::string& code, const Now& now);

  // The room's phone number and PIN, made on first request.
  Result<storage::DialIn> dial_in(const storage::User& caller, const std::string& room_id);
  // New number and PIN (e.g. after they leaked); the old ones stop working.
  Result<storage::DialIn> regenerate_dial_in(const storage::User& caller, const std::string& room_id);

  struct NewStreamingTarget {
    std::string name, endpoint, stream_key;
    std::optional<std::string> public_url;
  };
  Result<storage::StreamingTarget> add_streaming_target(const storage::User& caller,
                                                        const std::string& room_id,
                                                        const NewStreamingTarget& target);
  Result<std::vector<storage::StreamingTarget>> streaming_targets(const storage::User& caller,
                                                                  const std::string& room_id);
  Result<void> remove_streaming_target(const storage::User& caller, const std::string& room_id,
                                       const std::string& target_id);

  Result<Admission> start(const storage::User& caller, const std::string& room_id,
                          const std::optional<std::string>& password, const std::string& client_address,
                          const Now& now);
  Result<Admission> start_invited(const std::string& room_id, const std::string& invite_code,
                                  const std::string& display_name, const std::optional<std::string>& password,
                                  const std::string& client_address, const Now& now);

 private:
  Result<storage::Room> managed_room(const storage::User& caller, const std::string& room_id);
  Result<storage::DialIn> new_dial_in(const std::string& room_id);
  Result<storage::RoomInvite> valid_invite(const std::string& code, const Now& now);
  Result<void> check_admission(const storage::Room& room, const std::optional<std::string>& user_id);
  Result<void> check_password(const storage::Room& room, const std::optional<std::string>& given,
                              const std::string& client_address, const Now& now);

  storage::Store& store_;
  auth::TicketStore& tickets_;
  storage::LiveState* live_;
  auth::LoginThrottle password_throttle_; // wrong room passwords, per room and address
};

} // namespace plenum::services
