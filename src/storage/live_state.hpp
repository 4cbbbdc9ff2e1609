#pragma once
// Ephemeral state of running meetings that more than one component (or, after scale-out, more
// than one node) must see: resumption tokens, who is banned from the current meeting, and how
// many participants a room has. In memory now; a Redis implementation follows the same
// interface. Module state (chat, hands, ...) is not here: it lives in the room's actor.

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace plenum::storage {

struct ResumptionEntry {
  std::string room_id;
  std::string participant_id;
  std::string device_id;
};

class LiveState {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  virtual ~LiveState() = default;

  // Keyed by the hash of the token (auth::hash_token): the token itself is never stored.
  virtual void put_resumption(std::string_view token_hash, const ResumptionEntry& entry,
                              TimePoint expires) = 0;
  virtual std::optional<ResumptionEntry> find_resumption(std::string_view token_hash, TimePoint now) = 0;
  virtual void drop_resumption(std::string_view token_hash) = 0;

  // Bans for the running meeting (persistent bans are stored with the room). Subjects are
  // user ids.
  virtual void ban_for_meeting(const std::string& room_id, const std::string& user_id) = 0;
  virtual bool banned_from_meeting(const std::string& room_id, const std::string& user_id) = 0;

  // Participants currently in the room (for the participant limit at `start`).
  virtual void set_participant_count(const std::string& room_id, size_t count) = 0;
  virtual size_t participant_count(const std::string& room_id) = 0;

  // The meeting ended: forget its bans and count.
  virtual void forget_room(const std::string& room_id) = 0;
};

class InMemoryLiveState final : public LiveState {
 public:
  static constexpr size_t kMaxResumptionTokens = 1'000'000; // the oldest expiring go first

  void put_resumption(std::string_view token_hash, const ResumptionEntry& entry, TimePoint expires) override;
  std::optional<ResumptionEntry> find_resumption(std::string_view token_hash, TimePoint now) override;
  void drop_resumption(std::string_view token_hash) override;
  void ban_for_meeting(const std::string& room_id, const std::string& user_id) override;
  bool banned_from_meeting(const std::string& room_id, const std::string& user_id) override;
  void set_participant_count(const std::string& room_id, size_t count) override;
  size_t participant_count(const std::string& room_id) override;
  void forget_room(const std::string& room_id) override;

 private:
  struct Resumption {
    ResumptionEntry entry;
    TimePoint expires;
  };
  std::mutex mutex_;
  std::map<std::string, Resumption, std::less<>> resumptions_; // by token hash
  std::map<std::string, std::set<std::string>> meeting_bans_;
  std::map<std::string, size_t> counts_;
};

} // namespace plenum::storage
