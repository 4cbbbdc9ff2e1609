#pragma once
// Poll and vote templates prepared on an event before the meeting ("Prepared polls and votes").
// Who: the event's organiser, its invitees with the role moderator (registered users) and
// administrators read and write them; other invitees get permission_denied, everyone else
// not_found (the event stays invisible). The fields and their limits are those of the signaling
// commands polls.start and legal_vote.start (src/protocol/protocol.json; a unit test keeps the
// constants below equal to it). Blocking: run on the blocking pool.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/store.hpp"

namespace plenum::services {

namespace template_limits {
inline constexpr size_t kPerEvent = 50; // poll templates per event; vote templates likewise
inline constexpr size_t kTitle = 200;   // poll template title, code points
inline constexpr int64_t kMaxPosition = 1'000'000;
inline constexpr size_t kPollTopic = 500; // polls.start
inline constexpr size_t kPollChoicesMin = 2;
inline constexpr size_t kPollChoicesMax = 64;
inline constexpr size_t kPollChoice = 100;
inline constexpr int64_t kPollDurationMin = 10;
inline constexpr int64_t kPollDurationMax = 86'400;
inline constexpr size_t kVoteName = 150; // legal_vote.start
inline constexpr size_t kVoteSubtitle = 255;
inline constexpr size_t kVoteTopic = 2'000;
inline constexpr int64_t kVoteDurationMin = 60;
inline constexpr int64_t kVoteDurationMax = 86'400;
} // namespace template_limits

// New values; absent fields keep theirs (PATCH) or take the defaults (POST).
struct PollTemplateInput {
  std::optional<std::string> title;
  std::optional<int64_t> position;
  std::optional<std::string> topic;
  std::optional<std::vector<std::string>> choices;
  std::optional<bool> multiple;
  std::optional<bool> live;
  std::optional<std::optional<int64_t>> duration_seconds; // an empty optional clears it
};

struct VoteTemplateInput {
  std::optional<int64_t> position;
  std::optional<std::string> name;
  std::optional<std::optional<std::string>> subtitle;
  std::optional<std::optional<std::string>> topic;
  std::optional<std::string> kind;
  std::optional<bool> allow_abstain;
  std::optional<bool> live_results;
  std::optional<bool> auto_close;
  std::optional<std::optional<int64_t>> duration_seconds;
};

// A whole template checked as the signaling command would check it; errors name the field.
Result<void> check_poll_template(const storage::PollTemplate& t);
Result<void> check_vote_template(const storage::VoteTemplate& t);

class Templates {
 public:
  explicit Templates(storage::Store& store) : store_(store) {}

  Result<std::vector<storage::PollTemplate>> polls(const storage::User& caller, const std::string& event_id);
  Result<storage::PollTemplate> poll(const storage::User& caller, const std::string& event_id,
                                     const std::string& id);
  Result<storage::PollTemplate> create_poll(const storage::User& caller, const std::string& event_id,
                                            const PollTemplateInput& input);
  Result<storage::PollTemplate> update_poll(const storage::User& caller, const std::string& event_id,
                                            const std::string& id, const PollTemplateInput& input);
  Result<void> remove_poll(const storage::User& caller, const std::string& event_id, const std::string& id);

  Result<std::vector<storage::VoteTemplate>> votes(const storage::User& caller, const std::string& event_id);
  Result<storage::VoteTemplate> vote(const storage::User& caller, const std::string& event_id,
                                     const std::string& id);
  Result<storage::VoteTemplate> create_vote(const storage::User& caller, const std::string& event_id,
                                            const VoteTemplateInput& input);
  Result<storage::VoteTemplate> update_vote(const storage::User& caller, const std::string& event_id,
                                            const std::string& id, const VoteTemplateInput& input);
  Result<void> remove_vote(const storage::User& caller, const std::string& event_id, const std::string& id);

  // For the meeting in `room_id` (its moderators ask over signaling; the room checks the role).
  Result<std::vector<storage::PollTemplate>> polls_in_room(const std::string& room_id);
  Result<std::vector<storage::VoteTemplate>> votes_in_room(const std::string& room_id);

 private:
  Result<void> authorise(const storage::User& caller, const std::string& event_id);

  storage::Store& store_;
};

} // namespace plenum::services
