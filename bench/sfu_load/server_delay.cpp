#include "server_delay.hpp"

#include <cmath>
#include <limits>
#include <sstream>

namespace plenum::bench::sfu {

DelayHistogram parse_send_delay(const std::string& metrics_text) {
  static const std::string kPrefix = "plenum_media_send_delay_seconds_bucket{";
  DelayHistogram out;
  std::istringstream lines(metrics_text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(kPrefix, 0) != 0) continue;
    const auto le = line.find("le=\"");
    const auto close = line.find("\"}", le == std::string::npos ? 0 : le + 4);
    if (le == std::string::npos || close == std::string::npos) continue;
    const std::string bound = line.substr(le + 4, close - le - 4);
    const double upper = bound == "+Inf" ? std::numeric_limits<double>::infinity() : std::stod(bound);
    out[upper] += std::stoull(line.substr(close + 2));
  }
  return out;
}

std::optional<DelaySummary> summarize_delay(const DelayHistogram& before, const DelayHistogram& after) {
  DelayHistogram delta;
  for (const auto& [upper, count] : after) {
    const auto it = before.find(upper);
    const uint64_t earlier = it == before.end() ? 0 : it->second;
    delta[upper] = count >= earlier ? count - earlier : 0;
  }
  if (delta.empty() || delta.rbegin()->second == 0) return std::nullopt;
  DelaySummary s;
  s.count = delta.rbegin()->second;
  auto percentile = [&](double p) {
    const double rank = p / 100.0 * static_cast<double>(s.count);
    for (const auto& [upper, cumulative] : delta)
      if (static_cast<double>(cumulative) >= rank) return upper * 1e6;
    return std::numeric_limits<double>::infinity();
  };
  s.p50_us = percentile(50);
  s.p99_us = percentile(99);
  const auto ms = delta.find(0.001);
  s.within_1ms = ms == delta.end() ? 0 : static_cast<double>(ms->second) / static_cast<double>(s.count);
  return s;
}

} // namespace plenum::bench::sfu
