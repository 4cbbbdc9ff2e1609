#pragma once
// Which worker a room's new transport goes to. A room lives on its home worker (its publishers'
// transports and its first subscribers'); when the room's transports on every worker it uses
// reach `per_worker`, new subscribe transports go to the least-loaded worker the room does not
// use yet (their consumers are fed over a relay from the home, src/media/relay/). When the room
// uses every worker, the one with the fewest of its transports takes the next (on a tie not the
// home: it also receives the publishers).

#include <cstddef>
#include <cstdint>
#include <span>

namespace plenum::media::server {

enum class TransportRole : uint8_t { publish, subscribe };

struct PlacementInput {
  size_t home = 0;
  std::span<const int64_t> room_transports;   // per worker: this room's open transports there
  std::span<const int64_t> worker_transports; // per worker: all rooms' transports there
  int64_t per_worker = 150;                   // media.room_transports_per_worker
};

size_t place_transport(TransportRole role, const PlacementInput& in);

} // namespace plenum::media::server
