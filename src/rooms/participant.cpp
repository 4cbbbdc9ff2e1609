#include "rooms/participant.hpp"

#include <algorithm>

namespace plenum::rooms {

std::string_view to_string(Kind kind) {
  switch (kind) {
    case Kind::user: return "user";
    case Kind::guest: return "guest";
    case Kind::phone: return "phone";
    case Kind::service: return "service";
  }
  return "user";
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::owner: return "owner";
    case Role::moderator: return "moderator";
    case Role::user: return "user";
  }
  return "user";
}

int Participant::connected_devices() const {
  return static_cast<int>(std::count_if(devices.begin(), devices.end(),
                                        [](const Device& d) { return !d.connection_id.empty(); }));
}

std::vector<std::string> Participant::all_groups() const {
  std::vector<std::string> out = groups;
  if (moderator() && std::find(out.begin(), out.end(), "moderators") == out.end())
    out.emplace_back("moderators");
  return out;
}

proto::Participant Participant::view() const {
  proto::Participant v;
  v.id = id;
  v.display_name = display_name;
  v.kind = std::string(to_string(kind));
  v.role = std::string(to_string(role));
  v.joined_at = joined_at;
  v.devices = connected_devices();
  v.hand_raised_at = hand_raised_at;
  v.groups = all_groups();
  return v;
}

proto::Waiter Participant::waiter_view() const {
  proto::Waiter w;
  w.id = id;
  w.display_name = display_name;
  w.kind = std::string(to_string(kind));
  w.waiting_since = waiting_since;
  return w;
}

} // namespace plenum::rooms
