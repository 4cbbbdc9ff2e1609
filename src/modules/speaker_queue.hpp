#pragma once
// The pure rules of a speaker round (namespace `speakers`), without the room: who is eligible,
// the order of the upcoming list, turns, fair draws and the wheel of names. The module
// (speakers.cpp) adds validation, scheduling and delivery. Every random choice comes from
// libsodium's CSPRNG (randombytes_uniform: unbiased).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/protocol.hpp"
#include "rooms/participant.hpp"

namespace plenum::modules::speakers {

// Entries of `upcoming`, and the turns `done` keeps (the oldest go first beyond it).
constexpr size_t kMaxEntries = 10'000;
// Full rotations of a wheel spin: uniform in [kMinTurns, kMaxTurns].
constexpr int64_t kMinTurns = 4;
constexpr int64_t kMaxTurns = 7;

// A uniform random integer in [0, upper) from the CSPRNG; upper > 0.
uint32_t uniform(uint32_t upper);

// May speak in a round: users and guests (not phone or service participants); moderators only
// when `include_moderators`.
bool eligible(const rooms::Participant& p, bool include_moderators);

struct Candidate {
  std::string id;
  std::string display_name;
  int64_t joined_at = 0;
};

// The sort key of a display name: ASCII and Latin-1 letters folded to lower case, everything
// else by its UTF-8 bytes (code point order). Independent of the server's locale.
std::string name_key(std::string_view display_name);

// `candidates` (in join order) ordered by `order` — "name" (name_key, ties by join time),
// "join_time" or "random" (Fisher–Yates) — of which the first kMaxEntries are kept.
std::vector<std::string> order_candidates(std::vector<Candidate> candidates, std::string_view order);

bool is_upcoming(const proto::SpeakerQueue& q, std::string_view id);
bool is_speaking(const proto::SpeakerQueue& q, std::string_view id);
// Takes `id` off the upcoming list; false when it was not there.
bool take_upcoming(proto::SpeakerQueue& q, std::string_view id);

// Gives `id` the word at `now` (off the upcoming list; `ends_at` from the time limit).
void begin_turn(proto::SpeakerQueue& q, const std::string& id, int64_t now);
// Ends the current turn, counted: the speaker goes into `done`. Returns who spoke. (A skipped
// turn does not count: the module puts the speaker back after choosing the next.)
std::optional<std::string> end_turn(proto::SpeakerQueue& q);

// The next speaker by the round's selection without a wheel: the first upcoming (`list`) or a
// uniform draw among the upcoming (`random`, `nomination`); nullopt when nobody is upcoming.
std::optional<std::string> choose(const proto::SpeakerQueue& q);
std::optional<std::string> draw(const proto::SpeakerQueue& q);

// Starts a wheel spin over the (non-empty) upcoming list: winner drawn first, turns uniform.
void start_spin(proto::SpeakerQueue& q, std::string spin_id, int64_t now, int64_t duration_ms);
// At the spin's stop: its winner if still upcoming, else a new draw among the upcoming (the
// winner left or was taken off the list meanwhile). Clears `spin`.
std::optional<std::string> finish_spin(proto::SpeakerQueue& q);

} // namespace plenum::modules::speakers
