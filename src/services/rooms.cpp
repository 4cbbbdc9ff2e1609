#include "services/rooms.hpp"

#include <algorithm>

#include "auth/token.hpp"
#include "base/utf8.hpp"

namespace plenum::services {
namespace {

auth::TicketClaims claims_for(const storage::Room& room, const std::string& display_name) {
  auth::TicketClaims claims;
  claims.room_id = room.id;
  claims.display_name = display_name;
  claims.room_name = room.name;
  claims.waiting_room = room.waiting_room;
  claims.max_participants = room.max_participants;
  return claims;
}

constexpr size_t kMaxRoomName = 200;    // code points
constexpr size_t kMaxRoomPassword = 64; // code points
constexpr int kMaxParticipantsLimit = 10'000;
constexpr int64_t kMaxInviteLifetime = 366LL * 24 * 3600;

Error not_found() { return make_error(ErrorCode::not_found, "no such room"); }

// Applies `s` to `room`, validating each field it sets.
Result<void> apply(storage::Room& room, const RoomSettings& s) {
  if (s.name) {
    if (!utf8::valid(*s.name) || utf8::has_control_chars(*s.name) ||
        utf8::code_points(*s.name) > kMaxRoomName) {
      return field_error("name", "up to 200 characters, no control characters");
    }
    room.name = *s.name;
  }
  if (s.password) {
    const auto& p = *s.password;
    if (p && (p->empty() || !utf8::valid(*p) || utf8::has_control_chars(*p) ||
              utf8::code_points(*p) > kMaxRoomPassword)) {
      return field_error("password", "1 to 64 characters, no control characters (or null for none)");
    }
    room.password = p;
  }
  if (s.waiting_room) {
    if (*s.waiting_room != "off" && *s.waiting_room != "guests" && *s.waiting_room != "everyone") {
      return field_error("waiting_room", "expected \"off\", \"guests\" or \"everyone\"");
    }
    room.waiting_room = *s.waiting_room;
  }
  if (s.guest_access) {
    if (*s.guest_access != "disabled" && *s.guest_access != "waiting_room" && *s.guest_access != "direct") {
      return field_error("guest_access", "expected \"disabled\", \"waiting_room\" or \"direct\"");
    }
    room.guest_access = *s.guest_access;
  }
  if (s.e2ee) room.e2ee = *s.e2ee;
  if (s.max_participants) {
    if (*s.max_participants < 1 || *s.max_participants > kMaxParticipantsLimit) {
      return field_error("max_participants", "expected 1 to " + std::to_string(kMaxParticipantsLimit));
    }
    room.max_participants = *s.max_participants;
  }
  return {};
}

} // namespace

Rooms::Rooms(storage::Store& store, auth::TicketStore& tickets, storage::LiveState* live)
    : store_(store), tickets_(tickets), live_(live), password_throttle_(auth::LoginThrottle::Policy{}) {}

Result<storage::Room> Rooms::create(const storage::User& caller, const RoomSettings& settings) {
  storage::Room room;
  room.owner_id = caller.id;
  if (auto r = apply(room, settings); !r) return r.error();
  return store_.rooms().create(room);
}

Result<storage::Room> Rooms::managed_room(const storage::User& caller, const std::string& room_id) {
  auto room = store_.rooms().find(room_id);
  if (!room) return room.error();
  // Rooms someone may not manage are reported as absent: no probing for room ids.
  if (!*room || ((*room)->owner_id != caller.id && !caller.admin)) return not_found();
  return std::move(**room);
}

Result<storage::Room> Rooms::get(const storage::User& caller, const std::string& room_id) {
  return managed_room(caller, room_id);
}

Result<std::vector<storage::Room>> Rooms::list(const storage::User& caller, size_t limit, size_t offset) {
  return store_.rooms().list_owned(caller.id, limit, offset);
}

Result<int64_t> Rooms::count(const storage::User& caller) { return store_.rooms().count_owned(caller.id); }

Result<storage::Room> Rooms::update(const storage::User& caller, const std::string& room_id,
                                    const RoomSettings& settings) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  if (auto r = apply(*room, settings); !r) return r.error();
  if (auto r = store_.rooms().update(*room); !r) return r.error();
  return managed_room(caller, room_id);
}

Result<void> Rooms::remove(const storage::User& caller, const std::string& room_id) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  return store_.rooms().remove(room_id);
}

Result<storage::RoomInvite> Rooms::create_invite(const storage::User& caller, const std::string& room_id,
                                                 std::optional<int64_t> expires_at, const Now& now) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  if (expires_at &&
      (*expires_at <= now.unix_seconds || *expires_at > now.unix_seconds + kMaxInviteLifetime)) {
    return field_error("expires_at", "must be in the future and at most one year ahead");
  }
  storage::RoomInvite invite{auth::issue_token("").token, room_id, caller.id, expires_at, {}};
  return store_.rooms().create_invite(invite);
}

Result<std::vector<storage::RoomInvite>> Rooms::list_invites(const storage::User& caller,
                                                             const std::string& room_id) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  return store_.rooms().list_invites(room_id);
}

Result<void> Rooms::remove_invite(const storage::User& caller, const std::string& room_id,
                                  const std::string& code) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  return store_.rooms().remove_invite(room_id, code);
}

Result<storage::DialIn> Rooms::new_dial_in(const std::string& room_id) {
  constexpr int kAttempts = 5; // 10^10 numbers: a collision is rare, five in a row is a broken RNG
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    storage::DialIn d{room_id, auth::random_digits(10), auth::random_digits(10)};
    auto stored = store_.rooms().put_dial_in(d);
    if (stored) return d;
    if (stored.error().code != ErrorCode::conflict) return stored.error();
  }
  return make_error(ErrorCode::internal, "could not find a free dial-in number");
}

Result<storage::DialIn> Rooms::dial_in(const storage::User& caller, const std::string& room_id) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  auto existing = store_.rooms().find_dial_in(room_id);
  if (!existing) return existing.error();
  if (*existing) return std::move(**existing);
  return new_dial_in(room_id);
}

Result<storage::DialIn> Rooms::regenerate_dial_in(const storage::User& caller, const std::string& room_id) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  return new_dial_in(room_id);
}

Result<storage::StreamingTarget> Rooms::add_streaming_target(const storage::User& caller,
                                                             const std::string& room_id,
                                                             const NewStreamingTarget& t) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  auto printable = [](std::string_view s) {
    return std::none_of(s.begin(), s.end(),
                        [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7f; });
  };
  if (t.name.empty() || utf8::code_points(t.name) > 100 || !utf8::valid(t.name) ||
      utf8::has_control_chars(t.name)) {
    return field_error("name", "1 to 100 characters");
  }
  if (!(t.endpoint.starts_with("rtmp://") || t.endpoint.starts_with("rtmps://")) ||
      t.endpoint.size() > 2048 || !printable(t.endpoint)) {
    return field_error("endpoint", "an rtmp:// or rtmps:// URL without spaces");
  }
  if (t.stream_key.empty() || t.stream_key.size() > 512 || !printable(t.stream_key)) {
    return field_error("stream_key", "1 to 512 printable characters without spaces");
  }
  if (t.public_url && (!(t.public_url->starts_with("https://") || t.public_url->starts_with("http://")) ||
                       t.public_url->size() > 2048 || !printable(*t.public_url))) {
    return field_error("public_url", "an http(s):// URL without spaces");
  }
  return store_.rooms().create_streaming_target(
      {"", room_id, t.name, t.endpoint, t.stream_key, t.public_url, ""});
}

Result<std::vector<storage::StreamingTarget>> Rooms::streaming_targets(const storage::User& caller,
                                                                       const std::string& room_id) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  return store_.rooms().streaming_targets(room_id);
}

Result<void> Rooms::remove_streaming_target(const storage::User& caller, const std::string& room_id,
                                            const std::string& target_id) {
  auto room = managed_room(caller, room_id);
  if (!room) return room.error();
  return store_.rooms().remove_streaming_target(room_id, target_id);
}

Result<storage::RoomInvite> Rooms::valid_invite(const std::string& code, const Now& now) {
  const Error invalid = make_error(ErrorCode::not_found, "this guest link is not valid (anymore)");
  if (code.empty() || code.size() > 64) return invalid;
  auto invite = store_.rooms().find_invite(code);
  if (!invite) return invite.error();
  if (!*invite || ((*invite)->expires_at && *(*invite)->expires_at <= now.unix_seconds)) return invalid;
  return std::move(**invite);
}

Result<InviteCheck> Rooms::verify_invite(const std::string& code, const Now& now) {
  auto invite = valid_invite(code, now);
  if (!invite) return invite.error();
  auto room = store_.rooms().find(invite->room_id);
  if (!room) return room.error();
  if (!*room || (*room)->guest_access == "disabled") {
    return make_error(ErrorCode::not_found, "this guest link is not valid (anymore)");
  }
  return InviteCheck{invite->room_id, (*room)->password.has_value()};
}

Result<void> Rooms::check_password(const storage::Room& room, const std::optional<std::string>& given,
                                   const std::string& client_address, const Now& now) {
  if (!room.password) return {};
  if (!given || given->empty()) {
    return Error{ErrorCode::password_required, "this room needs its password", "password", 0};
  }
  const std::string key = "room:" + room.id + ":" + client_address;
  auto decision = password_throttle_.check(key, now.steady);
  if (!decision.allowed) {
    Error e = make_error(ErrorCode::too_many_requests, "too many wrong passwords; try again later");
    e.retry_after_seconds = static_cast<int>(std::max<int64_t>(1, decision.retry_after.count()));
    return e;
  }
  if (!auth::constant_time_equal(*given, *room.password)) {
    password_throttle_.record_failure(key, now.steady);
    return Error{ErrorCode::wrong_password, "the room password is not correct", "password", 0};
  }
  return {};
}

Result<void> Rooms::check_admission(const storage::Room& room, const std::optional<std::string>& user_id) {
  if (user_id) {
    auto banned = store_.rooms().is_banned(room.id, *user_id);
    if (!banned) return banned.error();
    if (*banned || (live_ != nullptr && live_->banned_from_meeting(room.id, *user_id)))
      return make_error(ErrorCode::permission_denied, "you are banned from this room");
  }
  if (live_ != nullptr && live_->participant_count(room.id) >= static_cast<size_t>(room.max_participants))
    return make_error(ErrorCode::conflict,
                      "the room is full (" + std::to_string(room.max_participants) + " participants)");
  return {};
}

Result<Admission> Rooms::start(const storage::User& caller, const std::string& room_id,
                               const std::optional<std::string>& password, const std::string& client_address,
                               const Now& now) {
  auto room = store_.rooms().find(room_id);
  if (!room) return room.error();
  if (!*room) return not_found();
  const bool owner = (*room)->owner_id == caller.id;
  if (!owner) {
    if (auto r = check_admission(**room, caller.id); !r) return r.error();
    if (auto r = check_password(**room, password, client_address, now); !r) return r.error();
  }
  auto claims = claims_for(**room, caller.display_name);
  claims.user_id = caller.id;
  claims.owner = owner;
  claims.moderator = owner || caller.admin;
  if (!claims.moderator) { // invited to the meeting as a moderator
    auto invites = store_.events().invites_in_room(room_id, caller.id);
    if (!invites) return invites.error();
    for (const auto& invite : *invites) claims.moderator = claims.moderator || invite.role == "moderator";
  }
  return Admission{tickets_.issue(claims, now.steady), tickets_.ttl().count(), room_id};
}

Result<Admission> Rooms::start_invited(const std::string& room_id, const std::string& invite_code,
                                       const std::string& display_name,
                                       const std::optional<std::string>& password,
                                       const std::string& client_address, const Now& now) {
  auto name = normalize_display_name(display_name);
  if (!name) return name.error();
  auto invite = valid_invite(invite_code, now);
  if (!invite) return invite.error();
  if (invite->room_id != room_id)
    return make_error(ErrorCode::not_found, "this guest link is for another room");
  auto room = store_.rooms().find(room_id);
  if (!room) return room.error();
  if (!*room) return not_found();
  if ((*room)->guest_access == "disabled") {
    return make_error(ErrorCode::permission_denied, "this room does not admit guests");
  }
  if (auto r = check_admission(**room, std::nullopt); !r) return r.error();
  if (auto r = check_password(**room, password, client_address, now); !r) return r.error();
  auto claims = claims_for(**room, *name);
  claims.kind = "guest";
  return Admission{tickets_.issue(claims, now.steady), tickets_.ttl().count(), room_id};
}

} // namespace plenum::services
