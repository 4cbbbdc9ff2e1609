#pragma once
// A participant of a live room as the room's actor keeps it. One participant may have several
// devices (a registered user on laptop and phone); each device is one signaling connection,
// or none for a while after it dropped (the resumption window).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/steady_timer.hpp>

#include "protocol/protocol.hpp"

namespace plenum::rooms {

enum class Kind { user, guest, phone, service };
enum class Role { owner, moderator, user };

std::string_view to_string(Kind kind);
std::string_view to_string(Role role);

struct Device {
  std::string id;
  std::string connection_id;                        // empty while dropped and waiting to be resumed
  std::string token_hash;                           // of the current resumption token
  std::unique_ptr<boost::asio::steady_timer> grace; // armed while dropped
};

struct Participant {
  std::string id;
  std::string display_name;
  Kind kind = Kind::user;
  Role role = Role::user;
  std::optional<std::string> user_id; // registered users only
  std::vector<std::string> groups;    // from the ticket (e.g. OpenID Connect groups)
  int64_t joined_at = 0;              // entered the room (0 while waiting)
  int64_t waiting_since = 0;
  bool admitted = false;
  std::optional<int64_t> hand_raised_at;
  // Set by moderation's microphone restriction: the SFU does not forward this participant's
  // microphone (moderators are never restricted).
  bool microphone_blocked = false;
  std::vector<Device> devices;

  bool moderator() const { return role != Role::user; }
  int connected_devices() const;
  // Chat groups: the ticket's plus "moderators" for the moderator team.
  std::vector<std::string> all_groups() const;
  proto::Participant view() const;
  proto::Waiter waiter_view() const;
};

} // namespace plenum::rooms
