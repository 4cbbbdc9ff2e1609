#pragma once
// The bounds of every estimate (docs/architecture.md, "Bandwidth estimation").

#include <cstdint>

namespace plenum::media::bwe {

struct BweLimits {
  int64_t min_bps = 100'000; // below this, video is useless; audio (~40 kbit/s) still fits
  int64_t initial_bps = 1'000'000;
  int64_t max_bps = 20'000'000; // the most one subscriber's allocation can ask for
};

} // namespace plenum::media::bwe
