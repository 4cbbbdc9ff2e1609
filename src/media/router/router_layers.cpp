// The router's layer choice (issue 7): what each stream costs, which simulcast layer, temporal or
// spatial (SVC) layers each consumer gets within its subscriber's downlink estimate, and which of
// a publisher's layers anyone still needs. Runs from the router's tick; see allocation.hpp for the
// pure rules.
#include <algorithm>

#include "base/logging.hpp"
#include "media/router/allocation.hpp"
#include "media/router/router_state.hpp"

namespace plenum::media::router {

int Router::effective_layer(const Producer& p, const Consumer& c, int64_t now_ms) const {
  const int count = static_cast<int>(p.streams.size());
  if (count <= 1) return 0;
  const int target = std::clamp(c.target, 0, count - 1);
  auto active = [&](int i) {
    const auto& s = p.streams[static_cast<size_t>(i)];
    return s.last_packet_ms >= 0 && now_ms - s.last_packet_ms <= kStreamQuietMs;
  };
  if (active(target)) return target;
  for (int i = target - 1; i >= 0; --i)
    if (active(i)) return i;
  // A higher layer stands in only while it fits what the downlink allows this video.
  for (int i = target + 1; i < count; ++i)
    if (active(i) && p.streams[static_cast<size_t>(i)].bitrate <= c.allowed_bps) return i;
  return target;
}

void Router::measure_streams(int64_t now_ms) {
  const int64_t elapsed = now_ms - last_measure_ms_;
  if (elapsed < kMeasureIntervalMs) return;
  last_measure_ms_ = now_ms;
  for (auto& [id, p] : producers_) {
    for (auto& s : p->streams) {
      // A layer the publisher stopped keeps its last rate: what it would cost to resume it.
      if (s.window_bytes > 0) {
        s.bitrate = s.window_bytes * 8 * 1000 / static_cast<uint64_t>(elapsed);
        // The recent peak (decaying 10 % a second while sent): a layer that was just switched on,
        // or is switched off, costs what it cost at full speed, not its ramp.
        s.peak_bitrate = std::max(s.peak_bitrate * 9 / 10, s.bitrate);
        s.base_bitrate = s.window_base_bytes * 8 * 1000 / static_cast<uint64_t>(elapsed);
      }
      s.svc.measure(elapsed);
      s.window_bytes = 0;
      s.window_base_bytes = 0;
    }
  }
}

std::optional<uint64_t> Router::downlink_estimate(const transport::WebRtcTransport& t) const {
  // Numbered packets (transport-wide feedback) or, from a peer without it, REMB; neither: no
  // estimate, and every video gets the layer its tile needs.
  const auto& e = t.estimator();
  if (!estimated_.contains(t.id()) && e.counters().remb_received == 0) return std::nullopt;
  return static_cast<uint64_t>(std::max<int64_t>(e.target_bps(), 0));
}

void Router::apply_temporal(Consumer& c, bool base_only, int64_t now_ms) {
  // A leg still below its temporal target since the last allocation has not seen a layer sync
  // frame: a key frame of its stream lets every layer start.
  if (c.vp8.current() < c.vp8.target() && c.stream >= 0 && c.transport->sending())
    request_keyframe(*c.producer, now_ms, c.stream);
  const uint8_t target = base_only ? 0 : Vp8TemporalFilter::kAllLayers;
  if (target != c.vp8.target() && logger_->should_log(spdlog::level::debug))
    logger_->debug("consumer {} temporal layers: {}", c.params.id, base_only ? "base only" : "all");
  c.vp8.set_target(target);
}

size_t Router::svc_layers(const Producer& p) {
  // Simulcast of SVC streams (several rids, each L1T3) is simulcast: its streams are the layers.
  return p.streams.size() == 1 && p.streams.front().svc.spatial_layers() > 1
             ? p.streams.front().svc.spatial_layers()
             : 0;
}

void Router::apply_svc(Consumer& c, bool base_only, int64_t now_ms) {
  const size_t spatial = svc_layers(*c.producer);
  const auto target = spatial > 0
                          ? static_cast<uint8_t>(std::clamp<int>(c.target, 0, static_cast<int>(spatial) - 1))
                          : SvcLeg::kAllLayers;
  c.svc.set_target(target, base_only ? 0 : SvcLeg::kAllLayers);
  // Below its target spatial layer where only a key frame lets it up (K-SVC): ask for one.
  if (c.svc.needs_keyframe() && c.stream >= 0 && c.transport->sending())
    request_keyframe(*c.producer, now_ms, c.stream);
}

void Router::allocate(int64_t now_ms) {
  if (!allocation_dirty_ && now_ms - last_allocation_ms_ < kAllocationIntervalMs) return;
  allocation_dirty_ = false;
  last_allocation_ms_ = now_ms;
  // Per subscriber transport: its video consumers that are shown, and its audio's share.
  struct Leg {
    std::vector<Consumer*> videos;
    uint64_t audio_bps = 0;
  };
  std::unordered_map<transport::WebRtcTransport*, Leg> legs;
  for (auto& [id, c] : consumers_) {
    if (c->producer == nullptr) continue;
    Leg& leg = legs[c->transport];
    if (c->producer->params.kind == MediaKind::audio) {
      if (!c->producer->streams.empty()) leg.audio_bps += c->producer->streams.front().bitrate;
    } else if (!c->params.paused) {
      leg.videos.push_back(c.get());
    }
  }
  std::vector<LayerState> layers;
  std::vector<VideoDemand> demands;
  std::vector<int> chosen;
  // allocate() writes through a span<bool>, which std::vector<bool> cannot give: one buffer
  // for every leg, grown to the largest leg.
  std::unique_ptr<bool[]> base_only; // NOLINT(*-avoid-c-arrays)
  size_t base_only_size = 0;
  for (auto& [t, leg] : legs) {
    // Subscription order, so equal priorities are served first come, first served.
    std::sort(leg.videos.begin(), leg.videos.end(),
              [](const Consumer* a, const Consumer* b) { return a->params.id < b->params.id; });
    layers.clear();
    for (Consumer* c : leg.videos) {
      for (const auto& s : c->producer->streams) {
        const bool active = s.last_packet_ms >= 0 && now_ms - s.last_packet_ms <= kStreamQuietMs;
        if (svc_layers(*c->producer) > 0) { // one stream with spatial layers: offered as layers
          s.svc.append_layer_states(active, layers);
          continue;
        }
        layers.push_back(LayerState{active, s.width, s.height, std::max(s.bitrate, s.peak_bitrate),
                                    s.temporal ? s.base_bitrate : 0});
      }
    }
    demands.clear();
    size_t offset = 0;
    for (Consumer* c : leg.videos) {
      const size_t n = std::max(c->producer->streams.size(), svc_layers(*c->producer));
      const auto& layout = c->params.layout;
      // What the last allocation gave it (none before the first one, or while paused).
      const int current = c->bandwidth_paused || c->target == kTopLayer
                              ? -1
                              : std::clamp(c->target, 0, static_cast<int>(n) - 1);
      demands.push_back(VideoDemand{std::span<const LayerState>(layers.data() + offset, n), layout.width,
                                    layout.height, layout.high_priority, current,
                                    current >= 0 && (c->vp8.target() == 0 || c->svc.target_temporal() == 0)});
      offset += n;
    }
    const auto estimate = downlink_estimate(*t);
    if (estimate) {
      // What this subscriber would receive without a limit: the estimator probes towards it.
      uint64_t desired = leg.audio_bps;
      for (const auto& d : demands)
        desired += layer_bitrate(d.layers, layer_for_size(d.layers, d.max_width, d.max_height));
      t->estimator().set_desired_bps(static_cast<int64_t>(desired), now_ms);
      if (logger_->should_log(spdlog::level::debug)) {
        const auto& e = t->estimator();
        logger_->debug(
            "downlink t{} estimate={} delay={} loss={} acked={} rtt={} probing={} desired={} audio={}",
            t->id(), e.target_bps(), e.delay_based_bps(), e.loss_based_bps(),
            e.acknowledged_bps().value_or(-1), e.rtt_ms(), e.probing(), desired, leg.audio_bps);
      }
    }
    std::optional<uint64_t> budget;
    if (estimate) budget = *estimate > leg.audio_bps ? *estimate - leg.audio_bps : 0;
    chosen.assign(demands.size(), -1);
    if (demands.size() > base_only_size) {
      base_only = std::make_unique<bool[]>(demands.size()); // NOLINT(*-avoid-c-arrays)
      base_only_size = demands.size();
    }
    router::allocate(demands, budget, chosen, std::span<bool>(base_only.get(), demands.size()));
    std::vector<uint32_t> paused;
    for (size_t i = 0; i < leg.videos.size(); ++i) {
      Consumer& c = *leg.videos[i];
      // Down at once, up (or out of a pause) only when it was offered for kUpgradeDelayMs: an
      // estimate that wobbles does not make the picture switch back and forth.
      const int current = demands[i].current;
      const bool first = c.target == kTopLayer && !c.bandwidth_paused;
      if (chosen[i] > current && budget && !first) {
        if (c.upgrade_since_ms < 0) c.upgrade_since_ms = now_ms;
        c.pending = -1;
        if (now_ms - c.upgrade_since_ms < kUpgradeDelayMs) {
          c.pending = chosen[i];
          chosen[i] = current; // the next allocation (every 500 ms) looks again
        }
      } else {
        c.upgrade_since_ms = -1;
        c.pending = -1;
      }
      const bool now_paused = chosen[i] < 0;
      if (now_paused) paused.push_back(c.params.id);
      if (now_paused != c.bandwidth_paused) {
        c.bandwidth_paused = now_paused;
        c.stream = -1; // resumes at a key frame, continuing its sequence numbers
      }
      c.allowed_bps = budget && !now_paused
                          ? layer_bitrate(demands[i].layers, static_cast<size_t>(chosen[i])) * 5 / 4
                          : UINT64_MAX;
      apply_temporal(c, !now_paused && base_only[i], now_ms);
      if (!now_paused && chosen[i] != c.target) {
        const int before = effective_layer(*c.producer, c, now_ms);
        if (logger_->should_log(spdlog::level::debug)) {
          std::string costs;
          for (size_t k = 0; k < demands[i].layers.size(); ++k)
            costs += (k ? "/" : "") + std::to_string(layer_bitrate(demands[i].layers, k) / 1000) +
                     (demands[i].layers[k].active ? "" : "(off)");
          logger_->debug("consumer {} layer {} -> {} (tile {}x{}, budget {}, costs kbit/s {})", c.params.id,
                         c.target == kTopLayer ? -1 : c.target, chosen[i], demands[i].max_width,
                         demands[i].max_height, budget ? static_cast<int64_t>(*budget) : -1, costs);
        }
        c.target = chosen[i];
        const int after = effective_layer(*c.producer, c, now_ms);
        if (after != before && c.transport->sending()) request_keyframe(*c.producer, now_ms, after);
      }
      if (!now_paused) apply_svc(c, base_only[i], now_ms);
    }
    auto& reported = receive_quality_[t->id()];
    const bool estimate_moved =
        estimate.has_value() != reported.estimate.has_value() ||
        (estimate && (*estimate * 4 < *reported.estimate * 3 || *estimate * 4 > *reported.estimate * 5));
    if (paused != reported.paused || estimate_moved) {
      reported.paused = paused;
      reported.estimate = estimate;
      observer_->on_receive_quality(t->id(), paused, estimate);
    }
  }
  std::erase_if(receive_quality_, [this](const auto& entry) { return !transports_.contains(entry.first); });
  announce_publish_layers(now_ms);
}

void Router::announce_publish_layers(int64_t now_ms) {
  for (auto& [id, p] : producers_) {
    if (p->params.kind != MediaKind::video || p->params.rids.size() < 2) continue;
    // The first word about a producer is always sent: the client may still hold what it was
    // told about an earlier track at the same mid.
    bool changed = !p->layers_announced;
    p->layers_announced = true;
    // The lowest layer stays on while anyone shows the video: it is where a subscriber goes when
    // its downlink shrinks, and switching down must not wait for an encoder to start.
    const bool shown = std::any_of(p->consumers.begin(), p->consumers.end(),
                                   [](const Consumer* c) { return !c->params.paused; });
    const int layers = static_cast<int>(p->streams.size());
    for (size_t i = 0; i < p->streams.size(); ++i) {
      const int layer = static_cast<int>(i);
      const bool needed =
          (i == 0 && shown) ||
          std::any_of(p->consumers.begin(), p->consumers.end(),
                      [layer, layers](const Consumer* c) {
                        if (c->params.paused) return false;
                        // A layer about to be taken is started already: its key frame is ready at the switch.
                        if (c->pending == layer) return true;
                        return !c->bandwidth_paused && std::clamp(c->target, 0, layers - 1) == layer;
                      }) ||
          std::any_of(p->relays.begin(), p->relays.end(),
                      [i](const Producer::Relay& r) { return i < 32 && ((r.wanted >> i) & 1u) != 0; });
      auto& s = p->streams[i];
      if (needed) {
        s.unneeded_since_ms = -1;
        if (!s.wanted) changed = true;
        s.wanted = true;
      } else if (s.wanted) {
        // Stopped only after a grace period: tiles that move around do not make it flap.
        if (s.unneeded_since_ms < 0) s.unneeded_since_ms = now_ms;
        if (now_ms - s.unneeded_since_ms >= kLayerUnneededGraceMs) {
          s.wanted = false;
          changed = true;
        }
      }
    }
    if (!changed) continue;
    if (p->upstream) {
      uint32_t mask = 0;
      for (size_t i = 0; i < p->streams.size() && i < 32; ++i)
        if (p->streams[i].wanted) mask |= 1u << i;
      p->upstream->want_layers(id, mask);
      continue;
    }
    std::vector<std::string> rids;
    for (const auto& s : p->streams)
      if (s.wanted) rids.push_back(s.rid);
    observer_->on_publish_layers(id, rids);
  }
}

} // namespace plenum::media::router
