#pragma once
// Internal to the router's implementation (router.cpp: transports and the packet path,
// router_layers.cpp: layer choice and allocation, router_relay.cpp: the relay between workers):
// the router's constants and the state of its streams, producers and consumers. Not for other
// modules: they see the Router through router.hpp only.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/router/router.hpp"
#include "media/router/svc.hpp"
#include "media/stream/keyframe_throttle.hpp"
#include "media/stream/nack_generator.hpp"
#include "media/stream/receive_stats.hpp"
#include "media/stream/retransmission_buffer.hpp"
#include "media/stream/send_stats.hpp"

namespace plenum::media::router {

inline constexpr size_t kHistorySlots = 1024; // per video stream: ~1 s of a 10 Mbit/s stream
inline constexpr int64_t kSpeakerIntervalMs = 200;
inline constexpr int64_t kReportIntervalMs = 1'000;
inline constexpr int64_t kStreamQuietMs = 1'500;      // a layer silent this long may be replaced
inline constexpr uint64_t kRembBitrate = 2'500'000;   // until send-side estimation (issue 7) decides
inline constexpr uint32_t kRouterSsrc = 0x504c4e4d;   // "PLNM": sender SSRC of our own RTCP feedback
inline constexpr size_t kOutMapSize = 1024;           // subscriber sequence numbers we can map back for NACK
inline constexpr int64_t kMeasureIntervalMs = 1'000;  // layer bitrates
inline constexpr int64_t kAllocationIntervalMs = 500; // layer choice and downlink allocation
inline constexpr int64_t kLayerUnneededGraceMs = 2'000; // a layer nobody wants is stopped after this
inline constexpr int kTopLayer = 1'000;                 // a consumer's target before the first allocation
inline constexpr int64_t kUpgradeDelayMs =
    500; // a higher layer (or resuming) must fit in two allocations in a row
inline constexpr size_t kMaxPaddingPacket = 255;        // RTP padding length is one byte
inline constexpr size_t kMaxPaddingPacketsPerTick = 64; // ≈ 130 kbit per 20 ms tick: 6.5 Mbit/s of probing

struct Router::Stream {
  uint32_t ssrc = 0;
  uint32_t rtx_ssrc = 0;
  std::string rid;
  int64_t last_packet_ms = -1;
  uint64_t packets = 0;
  bool seq_started = false;
  uint16_t highest_seq = 0;
  // Video only: the last packets as received (decrypted) for retransmission on a subscriber's
  // NACK, and our own NACKs upstream for what the publisher's leg lost.
  std::unique_ptr<stream::RetransmissionBuffer> history;
  std::unique_ptr<stream::NackGenerator> nacks;
  std::optional<stream::ReceiveStats> stats; // once the SSRC is known
  stream::KeyframeThrottle keyframes;        // PLI to this stream at most every 500 ms
  // Layer choice: the size of its last key frame, its measured bitrate, whether any consumer
  // wants it (what the publisher was last told) and since when nobody does.
  uint16_t width = 0;
  uint16_t height = 0;
  uint64_t window_bytes = 0;
  uint64_t bitrate = 0;
  uint64_t peak_bitrate = 0;
  // VP8 with temporal layers: what its base layer (TL0) alone costs.
  bool temporal = false;
  uint64_t window_base_bytes = 0;
  uint64_t base_bitrate = 0;
  bool wanted = true;
  int64_t unneeded_since_ms = -1;
  SvcStream svc; // VP9 / dependency descriptor layers of this one SSRC (svc.hpp)
};

struct Router::Producer {
  ProducerParameters params;
  std::vector<Stream> streams;
  std::array<VideoCodec, 128> codec_by_pt{};
  std::vector<Consumer*> consumers;
  transport::WebRtcTransport* transport = nullptr; // the publisher's (none for a relay producer)
  bool layers_announced = false;                   // publish_layers went out at least once
  // Home side: copies to other workers and the streams their consumers want (bit i: stream i).
  struct Relay {
    uint32_t worker = 0;
    std::shared_ptr<RelaySink> sink;
    uint32_t wanted = ~0u;
  };
  std::vector<Relay> relays;
  std::shared_ptr<RelayUpstream> upstream; // a relay producer: where its feedback goes
};

struct Router::Consumer {
  // What a sent packet became, to retransmit it the same way on the subscriber's NACK.
  struct OutEntry {
    bool valid = false;
    uint8_t stream = 0;
    uint16_t out_seq = 0;
    uint16_t in_seq = 0;
    uint32_t out_ts = 0;
    Vp8Offsets vp8;
    bool svc_marker = false;
  };
  ConsumerParameters params;
  transport::WebRtcTransport* transport = nullptr;
  Producer* producer = nullptr;
  std::array<uint8_t, 128> pt_map{};     // producer payload type -> this leg's (0: not forwarded)
  std::array<uint8_t, 128> rtx_pt_map{}; // producer payload type -> this leg's RTX payload type
  std::array<uint32_t, 128> clock_by_pt{};
  int stream = -1;
  int target = kTopLayer;            // the layer the allocation chose (clamped to the producer's)
  bool bandwidth_paused = false;     // the downlink estimate does not fit even the lowest layer
  int64_t upgrade_since_ms = -1;     // since when the allocation has offered more than it gets
  int pending = -1;                  // that higher layer: the publisher is asked to send it already
  uint64_t allowed_bps = UINT64_MAX; // a stand-in layer above the target may cost at most this
  bool started = false;
  // One continuous sequence and timestamp space across stream switches and dropped packets.
  stream::SequenceRewriter seq;
  Vp8TemporalFilter vp8; // VP8 producers: which temporal layers pass, picture id continuity
  SvcLeg svc;            // SVC producers (one SSRC, several layers): which layers pass
  uint32_t clock_rate = 90'000;
  uint16_t rtx_seq = 0;
  std::optional<stream::SendStats> sent; // for our sender reports, from the first packet
  std::vector<OutEntry> out_map = std::vector<OutEntry>(kOutMapSize);
};

} // namespace plenum::media::router
