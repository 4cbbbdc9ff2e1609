#include "app/media_metrics.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace plenum::app {
namespace {

// Per room and per transport (snapshots the workers take every second).
void render_room_metrics(std::string& out, const media::server::MediaServer& media) {
  using Counters = media::router::RouterCounters;
  struct RoomMetric {
    const char* name;
    const char* help;
    uint64_t Counters::*field;
  };
  static constexpr RoomMetric kRoom[] = {
      {"plenum_media_room_packets_received_total", "RTP packets from publishers.", &Counters::packets_in},
      {"plenum_media_room_bytes_received_total", "RTP bytes from publishers.", &Counters::bytes_in},
      {"plenum_media_room_packets_forwarded_total", "RTP packets sent to subscribers.",
       &Counters::packets_out},
      {"plenum_media_room_bytes_forwarded_total", "RTP bytes sent to subscribers.", &Counters::bytes_out},
      {"plenum_media_room_nacks_received_total", "Packets subscribers asked for again.",
       &Counters::nacks_received},
      {"plenum_media_room_nacks_sent_total", "Packets requested again from publishers.",
       &Counters::nacks_sent},
      {"plenum_media_room_retransmissions_total", "Packets resent to subscribers.",
       &Counters::retransmissions},
      {"plenum_media_room_plis_received_total", "Key frame requests from subscribers.",
       &Counters::plis_received},
      {"plenum_media_room_keyframe_requests_sent_total", "PLIs sent to publishers.",
       &Counters::keyframe_requests_sent},
      {"plenum_media_room_packets_lost_total", "Sequence gaps on publishers' legs.", &Counters::packets_lost},
      {"plenum_media_room_relayed_keyframe_requests_total",
       "Key frame requests from subscribers on other workers (relay), taken to the publisher.",
       &Counters::relayed_keyframe_requests},
  };
  // A room spread over several workers has a router on each: one series per room, summed.
  std::vector<media::server::RoomSnapshot> rooms;
  for (const auto& w : media.workers()) {
    for (auto& snapshot : w->room_snapshots()) {
      auto same =
          std::find_if(rooms.begin(), rooms.end(), [&](const auto& r) { return r.label == snapshot.label; });
      if (same == rooms.end()) {
        rooms.push_back(std::move(snapshot));
        continue;
      }
      for (const auto& m : kRoom) same->router.*(m.field) += snapshot.router.*(m.field);
      same->transports.insert(same->transports.end(), snapshot.transports.begin(), snapshot.transports.end());
    }
  }
  for (const auto& m : kRoom) {
    out += std::string("# HELP ") + m.name + " " + m.help + "\n# TYPE " + m.name + " counter\n";
    for (const auto& r : rooms)
      out += std::string(m.name) + "{room=\"" + r.label + "\"} " + std::to_string(r.router.*(m.field)) + "\n";
  }
  using Transport = media::transport::TransportCounters;
  struct TransportMetric {
    const char* name;
    const char* help;
    uint64_t Transport::*field;
  };
  static constexpr TransportMetric kTransport[] = {
      {"plenum_media_transport_rtp_received_total", "RTP packets received on a transport.",
       &Transport::rtp_received},
      {"plenum_media_transport_rtp_sent_total", "RTP packets sent on a transport.", &Transport::rtp_sent},
      {"plenum_media_transport_bytes_received_total", "RTP bytes received on a transport.",
       &Transport::rtp_received_bytes},
      {"plenum_media_transport_bytes_sent_total", "RTP bytes sent on a transport.",
       &Transport::rtp_sent_bytes},
      {"plenum_media_transport_srtp_failures_total", "Packets that failed SRTP checks.",
       &Transport::srtp_failures},
  };
  for (const auto& m : kTransport) {
    out += std::string("# HELP ") + m.name + " " + m.help + "\n# TYPE " + m.name + " counter\n";
    for (const auto& r : rooms)
      for (const auto& [id, c] : r.transports)
        out += std::string(m.name) + "{room=\"" + r.label + "\",transport=\"" + std::to_string(id) + "\"} " +
               std::to_string(c.*(m.field)) + "\n";
  }
}

// The SFU's send delay per worker (net::UdpStats) as a Prometheus histogram in seconds.
void render_send_delay(std::string& out, const media::server::MediaServer& media) {
  const std::string name = "plenum_media_send_delay_seconds";
  out += "# HELP " + name +
         " Time from a datagram's arrival at the worker's socket to the send of what it caused (forwarded "
         "media, retransmissions, replies).\n# TYPE " +
         name + " histogram\n";
  for (size_t w = 0; w < media.workers().size(); ++w) {
    const auto& c = media.workers()[w]->counters();
    const std::string worker = "worker=\"" + std::to_string(w) + "\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < media::net::kSendDelayBuckets; ++i) {
      cumulative += c.send_delay[i];
      std::string le = "+Inf";
      if (i < media::net::kSendDelayBoundsUs.size()) {
        char bound[32];
        std::snprintf(bound, sizeof bound, "%g", media::net::kSendDelayBoundsUs[i] / 1e6);
        le = bound;
      }
      out.append(name).append("_bucket{").append(worker).append(",le=\"").append(le).append("\"} ");
      out.append(std::to_string(cumulative)).append("\n");
    }
    char sum[48];
    std::snprintf(sum, sizeof sum, "%.6f", static_cast<double>(c.send_delay_sum_us) / 1e6);
    out.append(name).append("_sum{").append(worker).append("} ").append(sum).append("\n");
    out.append(name)
        .append("_count{")
        .append(worker)
        .append("} ")
        .append(std::to_string(cumulative))
        .append("\n");
  }
}

} // namespace

// The SFU's counters per worker, read from its atomics at scrape time.
void add_media_metrics(metrics::Registry& registry, const media::server::MediaServer& media) {
  registry.add_collector([&media](std::string& out) {
    struct Metric {
      const char* name;
      const char* type;
      const char* help;
      uint64_t (*get)(const media::server::WorkerCounters&);
    };
    static constexpr Metric kMetrics[] = {
        {"plenum_media_packets_received_total", "counter", "UDP datagrams received by the SFU.",
         [](const auto& c) -> uint64_t { return c.packets_in; }},
        {"plenum_media_packets_sent_total", "counter", "UDP datagrams sent by the SFU.",
         [](const auto& c) -> uint64_t { return c.packets_out; }},
        {"plenum_media_bytes_received_total", "counter", "UDP bytes received by the SFU.",
         [](const auto& c) -> uint64_t { return c.bytes_in; }},
        {"plenum_media_bytes_sent_total", "counter", "UDP bytes sent by the SFU.",
         [](const auto& c) -> uint64_t { return c.bytes_out; }},
        {"plenum_media_unroutable_total", "counter", "Datagrams for no known transport (dropped).",
         [](const auto& c) -> uint64_t { return c.unroutable; }},
        {"plenum_media_transports", "gauge", "Open transports (two per device in a meeting).",
         [](const auto& c) -> uint64_t { return c.transports; }},
        {"plenum_media_rooms", "gauge", "Rooms with media on this worker.",
         [](const auto& c) -> uint64_t { return c.rooms; }},
        {"plenum_media_relay_packets_sent_total", "counter",
         "Packets this worker copied to other workers for their subscribers (relay).",
         [](const auto& c) -> uint64_t { return c.relay_sent; }},
        {"plenum_media_relay_drops_total", "counter",
         "Relayed packets dropped because the link to the other worker was full.",
         [](const auto& c) -> uint64_t { return c.relay_dropped; }},
        {"plenum_media_relay_packets_received_total", "counter",
         "Packets this worker received from other workers' relays.",
         [](const auto& c) -> uint64_t { return c.relay_received; }},
        {"plenum_media_relay_wakes_total", "counter", "Wake-ups this worker sent to others (one per burst).",
         [](const auto& c) -> uint64_t { return c.relay_wakes; }},
    };
    for (const auto& m : kMetrics) {
      out += std::string("# HELP ") + m.name + " " + m.help + "\n# TYPE " + m.name + " " + m.type + "\n";
      for (size_t i = 0; i < media.workers().size(); ++i)
        out += std::string(m.name) + "{worker=\"" + std::to_string(i) + "\"} " +
               std::to_string(m.get(media.workers()[i]->counters())) + "\n";
    }
    render_send_delay(out, media);
    render_room_metrics(out, media);
  });
}

} // namespace plenum::app
