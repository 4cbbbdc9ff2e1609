#include "storage/live_state.hpp"

namespace plenum::storage {

void InMemoryLiveState::put_resumption(std::string_view token_hash, const ResumptionEntry& entry,
                                       TimePoint expires) {
  std::lock_guard lock(mutex_);
  if (resumptions_.size() >= kMaxResumptionTokens) {
    auto oldest = resumptions_.begin();
    for (auto it = resumptions_.begin(); it != resumptions_.end(); ++it)
      if (it->second.expires < oldest->second.expires) oldest = it;
    resumptions_.erase(oldest);
  }
  resumptions_.insert_or_assign(std::string(token_hash), Resumption{entry, expires});
}

std::optional<ResumptionEntry> InMemoryLiveState::find_resumption(std::string_view token_hash,
                                                                  TimePoint now) {
  std::lock_guard lock(mutex_);
  auto it = resumptions_.find(token_hash);
  if (it == resumptions_.end()) return std::nullopt;
  if (it->second.expires <= now) {
    resumptions_.erase(it);
    return std::nullopt;
  }
  return it->second.entry;
}

void InMemoryLiveState::drop_resumption(std::string_view token_hash) {
  std::lock_guard lock(mutex_);
  if (auto it = resumptions_.find(token_hash); it != resumptions_.end()) resumptions_.erase(it);
}

void InMemoryLiveState::ban_for_meeting(const std::string& room_id, const std::string& user_id) {
  std::lock_guard lock(mutex_);
  meeting_bans_[room_id].insert(user_id);
}

bool InMemoryLiveState::banned_from_meeting(const std::string& room_id, const std::string& user_id) {
  std::lock_guard lock(mutex_);
  auto it = meeting_bans_.find(room_id);
  return it != meeting_bans_.end() && it->second.contains(user_id);
}

void InMemoryLiveState::set_participant_count(const std::string& room_id, size_t count) {
  std::lock_guard lock(mutex_);
  counts_[room_id] = count;
}

size_t InMemoryLiveState::participant_count(const std::string& room_id) {
  std::lock_guard lock(mutex_);
  auto it = counts_.find(room_id);
  return it == counts_.end() ? 0 : it->second;
}

void InMemoryLiveState::forget_room(const std::string& room_id) {
  std::lock_guard lock(mutex_);
  meeting_bans_.erase(room_id);
  counts_.erase(room_id);
}

} // namespace plenum::storage
