#include "media/server/placement.hpp"

namespace plenum::media::server {

size_t place_transport(TransportRole role, const PlacementInput& in) {
  const size_t n = in.room_transports.size();
  if (role == TransportRole::publish || n <= 1 || in.home >= n) return in.home;
  auto used = [&](size_t w) { return w == in.home || in.room_transports[w] > 0; };
  // A worker the room uses with room left: the home first, then the one with the fewest.
  if (in.room_transports[in.home] < in.per_worker) return in.home;
  size_t best = n;
  for (size_t w = 0; w < n; ++w)
    if (used(w) && in.room_transports[w] < in.per_worker &&
        (best == n || in.room_transports[w] < in.room_transports[best]))
      best = w;
  if (best != n) return best;
  // All full: the least-loaded worker the room does not use yet.
  for (size_t w = 0; w < n; ++w)
    if (!used(w) && (best == n || in.worker_transports[w] < in.worker_transports[best])) best = w;
  if (best != n) return best;
  // The room uses every worker: spread evenly over them; on a tie not the home, which also
  // receives the publishers.
  best = in.home;
  for (size_t w = 0; w < n; ++w)
    if (in.room_transports[w] < in.room_transports[best] ||
        (best == in.home && w != in.home && in.room_transports[w] == in.room_transports[best]))
      best = w;
  return best;
}

} // namespace plenum::media::server
