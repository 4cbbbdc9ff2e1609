#pragma once
// Scheduled meetings (events), their single-occurrence exceptions, favourites and invitations,
// as stored. Each event owns one room. Blocking calls: run them on the blocking pool.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace plenum::storage {

struct Event {
  std::string id; // UUID
  std::string room_id;
  std::string created_by;
  std::string title;
  std::string description;
  bool time_independent = false; // no date: a standing room
  bool all_day = false;
  bool adhoc = false;                                       // "meet now"
  std::optional<std::string> starts_at, ends_at, time_zone; // local times + IANA zone
  std::optional<std::string> rrule;
  std::vector<std::string> rdates, exdates;
  std::string created_at;
  std::string updated_at;
};

struct EventException {
  std::string event_id;
  std::string original_start; // local start the rule generated
  bool cancelled = false;
  std::optional<std::string> starts_at, ends_at; // new local times when moved
};

struct EventInvite {
  std::string event_id;
  std::optional<std::string> user_id; // a registered user ...
  std::optional<std::string> email;   // ... or an e-mail address (exactly one of the two)
  std::string role = "user";          // "user" | "moderator" | "guest"
  std::string status = "pending";     // "pending" | "accepted" | "declined" | "tentative"
  std::string created_at;
  // An invited registered user's current name and address (read with the invitation).
  std::optional<std::string> user_name;
  std::optional<std::string> user_email;
};

class EventRepository {
 public:
  virtual ~EventRepository() = default;
  virtual Result<Event> create(const Event& event) = 0; // id and timestamps assigned
  virtual Result<std::optional<Event>> find(const std::string& id) = 0;
  virtual Result<void> update(const Event& event) = 0;
  virtual Result<void> remove(const std::string& id) = 0;
  // Events the user created or is invited to (as a registered user), newest first.
  virtual Result<std::vector<Event>> list_for_user(const std::string& user_id, size_t limit,
                                                   size_t offset) = 0;

  virtual Result<void> put_exception(const EventException& exception) = 0;
  virtual Result<std::vector<EventException>> exceptions(const std::string& event_id) = 0;

  virtual Result<void> set_favourite(const std::string& user_id, const std::string& event_id, bool on) = 0;
  virtual Result<std::vector<std::string>> favourites(const std::string& user_id) = 0;

  // conflict when that user or address is invited already.
  virtual Result<void> add_invite(const EventInvite& invite) = 0;
  virtual Result<std::vector<EventInvite>> invites(const std::string& event_id) = 0;
  virtual Result<std::vector<EventInvite>> pending_invites_for(const std::string& user_id) = 0;
  // The user's invitations (not declined) to the event that owns `room_id`.
  virtual Result<std::vector<EventInvite>> invites_in_room(const std::string& room_id,
                                                           const std::string& user_id) = 0;
  // not_found when the user is not invited.
  virtual Result<void> set_invite_status(const std::string& event_id, const std::string& user_id,
                                         const std::string& status) = 0;
  virtual Result<void> remove_invite(const std::string& event_id, const std::optional<std::string>& user_id,
                                     const std::optional<std::string>& email) = 0;
};

} // namespace plenum::storage
