#include "auth/login_throttle.hpp"

#include <algorithm>
#include <limits>

#include "base/error.hpp"

namespace plenum::auth {

LoginThrottle::LoginThrottle() : LoginThrottle(Policy{}) {}

LoginThrottle::LoginThrottle(Policy policy) : policy_(policy) {
  PLENUM_ASSERT(policy_.free_failures >= 0, "free_failures must not be negative");
  PLENUM_ASSERT(policy_.base_delay.count() > 0, "base_delay must be positive");
  PLENUM_ASSERT(policy_.max_delay >= policy_.base_delay, "max_delay must be at least base_delay");
  PLENUM_ASSERT(policy_.forget_after.count() > 0, "forget_after must be positive");
  PLENUM_ASSERT(policy_.max_entries > 0, "max_entries must be positive");
}

std::chrono::seconds LoginThrottle::delay_after(int failures) const {
  if (failures <= policy_.free_failures) return std::chrono::seconds{0};
  std::chrono::seconds delay = policy_.base_delay;
  // Doubling stops at the cap, so no overflow however many failures there are.
  for (int i = policy_.free_failures + 1; i < failures && delay < policy_.max_delay; ++i) delay *= 2;
  return std::min(delay, policy_.max_delay);
}

bool LoginThrottle::expired(const Entry& entry, TimePoint now) const {
  return now - entry.last_failure >= policy_.forget_after;
}

// Entries are ordered by last failure, so the expired ones are at the front. Callers on
// several threads may pass slightly out-of-order times; an entry then stays a little longer.
void LoginThrottle::forget_expired(TimePoint now) {
  while (!entries_.empty() && expired(entries_.front(), now)) {
    index_.erase(entries_.front().key);
    entries_.pop_front();
  }
}

LoginThrottle::Decision LoginThrottle::check(std::string_view key, TimePoint now) const {
  const std::lock_guard lock(mutex_);
  const auto found = index_.find(key);
  if (found == index_.end() || expired(*found->second, now)) return {true, std::chrono::seconds{0}};
  const Entry& entry = *found->second;
  const auto blocked_until = entry.last_failure + delay_after(entry.failures);
  if (now >= blocked_until) return {true, std::chrono::seconds{0}};
  return {false, std::chrono::ceil<std::chrono::seconds>(blocked_until - now)};
}

void LoginThrottle::record_failure(std::string_view key, TimePoint now) {
  const std::lock_guard lock(mutex_);
  forget_expired(now);
  auto found = index_.find(key);
  if (found == index_.end()) {
    if (entries_.size() >= policy_.max_entries) {
      index_.erase(entries_.front().key);
      entries_.pop_front();
    }
    entries_.push_back(Entry{std::string(key), 0, now});
    found = index_.emplace(entries_.back().key, std::prev(entries_.end())).first;
  }
  Entry& entry = *found->second;
  if (expired(entry, now)) entry.failures = 0; // not yet pruned (out-of-order times)
  if (entry.failures < std::numeric_limits<int>::max()) ++entry.failures;
  entry.last_failure = std::max(entry.last_failure, now);
  entries_.splice(entries_.end(), entries_, found->second); // now the most recent
}

void LoginThrottle::record_success(std::string_view key) {
  const std::lock_guard lock(mutex_);
  const auto found = index_.find(key);
  if (found == index_.end()) return;
  const Entries::iterator entry = found->second;
  index_.erase(found);
  entries_.erase(entry);
}

size_t LoginThrottle::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

} // namespace plenum::auth
