#pragma once
// The SFU's figures on /metrics: per worker (packets, relay, send delay) and per room and
// transport (the snapshots the workers take every second), rendered at scrape time.

#include "base/metrics.hpp"
#include "media/server/media_server.hpp"

namespace plenum::app {

void add_media_metrics(metrics::Registry& registry, const media::server::MediaServer& media);

} // namespace plenum::app
