#include "modules/speaker_queue.hpp"

#include <algorithm>
#include <cstdlib>
#include <utility>

#include <sodium.h>

namespace plenum::modules::speakers {

uint32_t uniform(uint32_t upper) {
  // sodium_init() seeds the CSPRNG once; a function-local static runs it exactly once.
  static const bool initialised = sodium_init() >= 0;
  if (!initialised) std::abort();
  return randombytes_uniform(upper);
}

bool eligible(const rooms::Participant& p, bool include_moderators) {
  if (p.kind != rooms::Kind::user && p.kind != rooms::Kind::guest) return false;
  return include_moderators || !p.moderator();
}

std::string name_key(std::string_view display_name) {
  std::string key(display_name);
  for (size_t i = 0; i < key.size(); ++i) {
    const auto ch = static_cast<unsigned char>(key[i]);
    if (ch >= 'A' && ch <= 'Z') {
      key[i] = static_cast<char>(ch + ('a' - 'A'));
    } else if (ch == 0xC3 && i + 1 < key.size()) {
      // U+00C0..U+00DE (À..Þ, not U+00D7 ×) are C3 80..C3 9E; their small letters are 0x20 on.
      const auto next = static_cast<unsigned char>(key[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) key[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return key;
}

std::vector<std::string> order_candidates(std::vector<Candidate> candidates, std::string_view order) {
  if (order == "name") {
    std::vector<std::pair<std::string, size_t>> keys; // name key, index in join order
    keys.reserve(candidates.size());
    for (size_t i = 0; i < candidates.size(); ++i) keys.emplace_back(name_key(candidates[i].display_name), i);
    std::stable_sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
      if (a.first != b.first) return a.first < b.first;
      return candidates[a.second].joined_at < candidates[b.second].joined_at;
    });
    std::vector<Candidate> sorted;
    sorted.reserve(candidates.size());
    for (const auto& [key, index] : keys) sorted.push_back(std::move(candidates[index]));
    candidates = std::move(sorted);
  } else if (order == "join_time") {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.joined_at < b.joined_at; });
  } else { // random: Fisher–Yates, each step an unbiased draw
    for (size_t i = candidates.size(); i > 1; --i)
      std::swap(candidates[i - 1], candidates[uniform(static_cast<uint32_t>(i))]);
  }
  std::vector<std::string> out;
  const size_t kept = std::min(candidates.size(), kMaxEntries);
  out.reserve(kept);
  for (size_t i = 0; i < kept; ++i) out.push_back(std::move(candidates[i].id));
  return out;
}

bool is_upcoming(const proto::SpeakerQueue& q, std::string_view id) {
  return std::find(q.upcoming.begin(), q.upcoming.end(), id) != q.upcoming.end();
}

bool is_speaking(const proto::SpeakerQueue& q, std::string_view id) {
  return q.current && q.current->participant_id == id;
}

bool take_upcoming(proto::SpeakerQueue& q, std::string_view id) { return std::erase(q.upcoming, id) > 0; }

void begin_turn(proto::SpeakerQueue& q, const std::string& id, int64_t now) {
  take_upcoming(q, id);
  proto::SpeakerTurn turn;
  turn.participant_id = id;
  turn.started_at = now;
  if (q.time_limit_seconds) turn.ends_at = now + *q.time_limit_seconds * 1000;
  q.current = std::move(turn);
}

std::optional<std::string> end_turn(proto::SpeakerQueue& q) {
  if (!q.current) return std::nullopt;
  std::string id = std::move(q.current->participant_id);
  q.current.reset();
  if (q.done.size() >= kMaxEntries) q.done.erase(q.done.begin());
  q.done.push_back(id);
  return id;
}

std::optional<std::string> draw(const proto::SpeakerQueue& q) {
  if (q.upcoming.empty()) return std::nullopt;
  return q.upcoming[uniform(static_cast<uint32_t>(q.upcoming.size()))];
}

std::optional<std::string> choose(const proto::SpeakerQueue& q) {
  if (q.selection == "list") {
    if (q.upcoming.empty()) return std::nullopt;
    return q.upcoming.front();
  }
  return draw(q);
}

void start_spin(proto::SpeakerQueue& q, std::string spin_id, int64_t now, int64_t duration_ms) {
  proto::WheelSpin spin;
  spin.id = std::move(spin_id);
  spin.candidates = q.upcoming;
  spin.winner = *draw(q);
  spin.turns = kMinTurns + uniform(static_cast<uint32_t>(kMaxTurns - kMinTurns + 1));
  spin.started_at = now;
  spin.stops_at = now + duration_ms;
  q.spin = std::move(spin);
}

std::optional<std::string> finish_spin(proto::SpeakerQueue& q) {
  if (!q.spin) return std::nullopt;
  std::string winner = std::move(q.spin->winner);
  q.spin.reset();
  if (is_upcoming(q, winner)) return winner;
  return draw(q);
}

} // namespace plenum::modules::speakers
