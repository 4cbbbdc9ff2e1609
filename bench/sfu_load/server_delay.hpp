#pragma once
// The server's own share of the forwarding latency, where it measures it: Plenum's
// plenum_media_send_delay_seconds histogram (arrival at the worker's socket to the send of what
// the datagram caused), summed over workers, as the difference between two scrapes.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace plenum::bench::sfu {

// Cumulative counts by upper bound in seconds (+Inf as infinity), summed over workers.
using DelayHistogram = std::map<double, uint64_t>;

DelayHistogram parse_send_delay(const std::string& metrics_text);

struct DelaySummary {
  uint64_t count = 0;
  double p50_us = 0; // the upper bound of the bucket holding the percentile
  double p99_us = 0;
  double within_1ms = 0; // share of datagrams sent within 1 ms of their cause's arrival
};

// `after` minus `before`; nullopt when nothing was measured in between.
std::optional<DelaySummary> summarize_delay(const DelayHistogram& before, const DelayHistogram& after);

} // namespace plenum::bench::sfu
