#pragma once
// Poll and vote templates that moderators prepare on an event before the meeting; they belong
// to the event (deleted with it). The fields are those of the signaling commands polls.start and
// legal_vote.start; the service checks them (services/templates.hpp). Blocking calls: run them on
// the blocking pool.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace plenum::storage {

struct PollTemplate {
  std::string id; // UUID
  std::string event_id;
  std::string title;    // how the template is listed
  int64_t position = 0; // list order within the event (ascending)
  std::string topic;
  std::vector<std::string> choices;
  bool multiple = false;
  bool live = true;
  std::optional<int64_t> duration_seconds;
  std::string created_at;
  std::string updated_at;
};

struct VoteTemplate {
  std::string id; // UUID
  std::string event_id;
  int64_t position = 0;
  std::string name;
  std::optional<std::string> subtitle;
  std::optional<std::string> topic;
  std::string kind = "roll_call"; // roll_call | secret
  bool allow_abstain = true;
  bool live_results = false;
  bool auto_close = false;
  std::optional<int64_t> duration_seconds;
  std::string created_at;
  std::string updated_at;
};

class TemplateRepository {
 public:
  virtual ~TemplateRepository() = default;
  // id and timestamps assigned; ErrorCode::conflict when the event holds `max_per_event` already.
  virtual Result<PollTemplate> create_poll(const PollTemplate& t, size_t max_per_event) = 0;
  virtual Result<std::optional<PollTemplate>> find_poll(const std::string& event_id,
                                                        const std::string& id) = 0;
  virtual Result<std::vector<PollTemplate>> polls(const std::string& event_id) = 0; // by position
  virtual Result<void> update_poll(const PollTemplate& t) = 0;                      // not_found if gone
  virtual Result<void> remove_poll(const std::string& event_id, const std::string& id) = 0;
  // The templates of the event that owns `room_id` (none when the room has no event).
  virtual Result<std::vector<PollTemplate>> polls_in_room(const std::string& room_id) = 0;

  virtual Result<VoteTemplate> create_vote(const VoteTemplate& t, size_t max_per_event) = 0;
  virtual Result<std::optional<VoteTemplate>> find_vote(const std::string& event_id,
                                                        const std::string& id) = 0;
  virtual Result<std::vector<VoteTemplate>> votes(const std::string& event_id) = 0;
  virtual Result<void> update_vote(const VoteTemplate& t) = 0;
  virtual Result<void> remove_vote(const std::string& event_id, const std::string& id) = 0;
  virtual Result<std::vector<VoteTemplate>> votes_in_room(const std::string& room_id) = 0;
};

} // namespace plenum::storage
