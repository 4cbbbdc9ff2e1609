#pragma once
// One room's media on one worker: its transports, the tracks published into it (producers) and
// each subscriber's copy of a track (consumers). Runs on the worker thread only; no locks.
//
// Forwarding: an RTP packet from a publisher is matched to its producer by SSRC (learned from
// the mid/rid header extensions when the SDP did not list SSRCs), then for every consumer it is
// rebuilt in a socket send slot with the subscriber leg's SSRC, payload type, continuous
// sequence numbers and timestamps and only the header extensions that leg negotiated, encrypted
// in place and queued for sendmmsg. Nothing is allocated per packet.
//
// Layers: simulcast streams (one SSRC per rid), VP8 temporal layers (vp8.hpp) and scalable video
// in one SSRC (VP9 SVC, AV1 SVC: svc.hpp reads the dependency descriptor or the VP9 payload
// descriptor) are all offered to allocation.hpp as layers; per consumer the router switches
// simulcast streams at key frames and lets the VP8 / SVC filters drop what is above its target.

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "media/router/keyframe.hpp"
#include "media/router/rtp_parameters.hpp"
#include "media/router/svc.hpp"
#include "media/router/vp8.hpp"
#include "media/stream/sequence_rewriter.hpp"
#include "media/transport/webrtc_transport.hpp"

namespace spdlog {
class logger;
}

namespace plenum::media::speaker {
class DominantSpeaker;
}

namespace plenum::media::router {

// Events for the control plane, called on the worker thread (post them onward).
class RouterObserver {
 public:
  virtual ~RouterObserver() = default;
  virtual void on_transport_state(uint32_t transport_id, transport::TransportState state) = 0;
  // The dominant speaker changed (nullopt: nobody speaks); `speaker` as in ProducerParameters.
  virtual void on_active_speaker(std::optional<uint32_t> speaker) = 0;
  // The simulcast encodings of a producer that some consumer wants changed (the publisher may
  // stop sending the others). Initially all are wanted.
  virtual void on_publish_layers(uint32_t /*producer*/, const std::vector<std::string>& /*active_rids*/) {}
  // The consumers of a subscriber transport paused because its downlink estimate does not fit
  // them changed, or the estimate did by more than a quarter.
  virtual void on_receive_quality(uint32_t /*transport*/, const std::vector<uint32_t>& /*paused_consumers*/,
                                  std::optional<uint64_t> /*estimate_bps*/) {}
};

// What a router needs from its worker.
class TransportHost {
 public:
  virtual ~TransportHost() = default;
  virtual net::UdpSocket& socket() = 0;
  virtual std::shared_ptr<const dtls::DtlsCertificate> certificate() = 0;
  virtual void register_ufrag(const std::string& ufrag, transport::WebRtcTransport* t) = 0;
  virtual void unregister(transport::WebRtcTransport* t) = 0;
  virtual void unregister_ufrag(const std::string& ufrag) = 0; // after an ICE restart
};

// The relay between the routers of one room on different workers (src/media/relay/,
// MediaRoom): the home router (the publishers' transports) copies each packet of a producer
// once per other worker with consumers of it; there a relay producer with the same id feeds
// them like a local producer. Feedback (key frame requests, the layers wanted) goes back by
// command, not per packet.
class RelaySink { // home side: one per producer and other worker
 public:
  virtual ~RelaySink() = default;
  virtual void relay(uint32_t producer, size_t stream, const RtpPacket& packet, bool keyframe) = 0;
};
class RelayUpstream { // relay side: the home router's producer
 public:
  virtual ~RelayUpstream() = default;
  // A key frame of one stream (simulcast layer) of the producer, or of all of them (stream < 0).
  virtual void request_keyframe(uint32_t producer, int stream) = 0;
  // The streams this worker's consumers want (bit i: stream i), as on_publish_layers would say.
  virtual void want_layers(uint32_t producer, uint32_t mask) = 0;
};

struct RouterCounters {
  uint64_t packets_in = 0;
  uint64_t bytes_in = 0;
  uint64_t packets_out = 0;
  uint64_t bytes_out = 0;
  uint64_t nacks_received = 0;
  uint64_t nacks_sent = 0;
  uint64_t retransmissions = 0;
  uint64_t plis_received = 0;
  uint64_t keyframe_requests_sent = 0;
  uint64_t packets_lost = 0; // reported by publishers' legs (sequence gaps)
  uint64_t unknown_ssrc = 0;
  uint64_t padding_packets = 0;           // probe padding sent for bandwidth estimation
  uint64_t relayed_in = 0;                // packets of relay producers (publishers on another worker)
  uint64_t relayed_keyframe_requests = 0; // home: key frame requests from other workers' subscribers
};

class Router final : public transport::TransportListener {
 public:
  Router(TransportHost& host, std::shared_ptr<RouterObserver> observer);
  ~Router() override;
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  void create_transport(uint32_t id, const std::string& ufrag, std::string pwd);
  void set_remote_dtls(uint32_t id, const std::string& fingerprint, dtls::DtlsRole our_role);
  void restart_ice(uint32_t id, const std::string& ufrag, std::string pwd);
  void close_transport(uint32_t id);

  void add_producer(ProducerParameters params);
  void remove_producer(uint32_t id);
  void set_producer_paused(uint32_t id, bool paused);
  void add_consumer(ConsumerParameters params);
  void remove_consumer(uint32_t id);
  // A paused consumer gets nothing (its subscriber does not show the video); resuming waits for
  // a key frame and continues the leg's sequence numbers without a gap, so the receiver sees a
  // pause rather than loss.
  void set_consumer_paused(uint32_t id, bool paused);
  // The size the subscriber renders the video at and its priority: the layer choice follows.
  void set_consumer_layout(uint32_t id, ConsumerLayout layout);

  // Relay, home side: copy the producer's packets to `sink` (for consumers on worker `worker`),
  // and the layers that worker wants (until it says, all of them).
  void add_relay(uint32_t producer, uint32_t worker, std::shared_ptr<RelaySink> sink);
  void remove_relay(uint32_t producer, uint32_t worker);
  void set_relay_layers(uint32_t producer, uint32_t worker, uint32_t mask);
  void request_relayed_keyframe(uint32_t producer, int stream);
  // Relay, the other side: a producer fed by on_relayed_rtp (its transport is on the home
  // worker) whose feedback goes to `upstream`. Removed with remove_producer.
  void add_relay_producer(ProducerParameters params, std::shared_ptr<RelayUpstream> upstream);
  // A packet of a relay producer (as the home router received it, decrypted and restored).
  void on_relayed_rtp(uint32_t producer, size_t stream, const RtpPacket& packet, bool keyframe,
                      int64_t now_ms);

  void tick(int64_t now_ms);
  const RouterCounters& counters() const noexcept { return counters_; }
  size_t transport_count() const noexcept { return transports_.size(); }
  size_t producer_count() const noexcept { return producers_.size(); } // relay producers included
  template <class F>
  void for_each_transport(F&& f) const {
    for (const auto& [id, t] : transports_) f(*t);
  }

  // TransportListener
  void on_state(transport::WebRtcTransport& t, transport::TransportState state) override;
  void on_rtp(transport::WebRtcTransport& t, RtpPacket& packet, int64_t now_ms) override;
  void on_rtcp(transport::WebRtcTransport& t, std::span<const uint8_t> compound, int64_t now_ms) override;

 private:
  struct Stream; // one encoding of a producer (simulcast layer or the only one)
  struct Producer;
  struct Consumer;

  // The stream's layer bookkeeping for a packet (bitrate window, VP8 temporal layers, key frame
  // size), given the packet's VP8 descriptor (nullopt for other codecs and audio).
  // Returns the packet's SVC layers (VP9 descriptor or dependency descriptor), nullopt for others.
  std::optional<SvcPacket> measure_packet(Producer& producer, size_t stream, const RtpPacket& packet,
                                          bool keyframe, const std::optional<Vp8Descriptor>& vp8);
  Producer* find_producer_for(transport::WebRtcTransport& t, RtpPacket& packet, size_t* stream, bool* rtx);
  // `vp8`: the packet's VP8 payload descriptor (nullptr for other codecs and audio).
  // `svc`: its layers when one SSRC carries several (VP9 SVC, dependency descriptor).
  void forward(Producer& producer, size_t stream, const RtpPacket& packet, bool keyframe,
               const Vp8Descriptor* vp8, int64_t now_ms, const SvcPacket* svc = nullptr);
  // `svc_marker`: the packet ends the leg's picture although the publisher's does not (SVC).
  bool send_to(Consumer& c, const RtpPacket& packet, stream::RewrittenIds out, int64_t now_ms, bool rtx,
               const Vp8Descriptor* vp8 = nullptr, Vp8Offsets vp8_offsets = {}, bool svc_marker = false);
  static std::optional<std::span<const uint8_t>> dependency_descriptor(const Producer& p,
                                                                       const RtpPacket& packet);
  // Spatial layers of a producer's single SVC stream (0: none; simulcast streams are its layers).
  static size_t svc_layers(const Producer& p);
  // The leg's SVC target from its allocated layer (spatial) and temporal base; a key frame when
  // it waits for one to go up.
  void apply_svc(Consumer& c, bool base_only, int64_t now_ms);
  // A key frame of one stream (simulcast layer) of the producer, or of all of them (stream < 0).
  void request_keyframe(Producer& producer, int64_t now_ms, int stream = -1);
  // The layer a consumer should receive now: its target, else the nearest one being sent.
  int effective_layer(const Producer& producer, const Consumer& c, int64_t now_ms) const;
  void measure_streams(int64_t now_ms);
  void allocate(int64_t now_ms);
  // Only the temporal base layer (VP8 TL0) for this leg, or every temporal layer.
  void apply_temporal(Consumer& c, bool base_only, int64_t now_ms);
  void announce_publish_layers(int64_t now_ms);
  // Probe padding the transports' estimators ask for, on a video consumer's RTX stream.
  void send_padding(int64_t now_ms);
  // The downlink estimate for a subscriber transport, nullopt while there is none.
  std::optional<uint64_t> downlink_estimate(const transport::WebRtcTransport& t) const;
  void on_feedback(transport::WebRtcTransport& t, std::span<const uint8_t> compound, int64_t now_ms);
  void send_reports(int64_t now_ms);
  void detect_speaker(int64_t now_ms);
  void request_retransmissions(int64_t now_ms);

  TransportHost& host_;
  std::shared_ptr<RouterObserver> observer_;
  std::unordered_map<uint32_t, std::unique_ptr<transport::WebRtcTransport>> transports_;
  std::unordered_map<uint32_t, std::unique_ptr<Producer>> producers_;
  std::unordered_map<uint32_t, std::unique_ptr<Consumer>> consumers_;
  std::unordered_map<uint64_t, std::pair<Producer*, size_t>> by_ssrc_; // (transport << 32 | ssrc)
  std::unordered_map<uint64_t, Consumer*> consumer_by_ssrc_;           // (transport << 32 | ssrc)
  RouterCounters counters_;
  int64_t last_report_ms_ = 0;
  std::unique_ptr<speaker::DominantSpeaker> speaker_;
  int64_t last_speaker_ms_ = 0;
  int64_t last_measure_ms_ = 0;
  int64_t last_allocation_ms_ = 0;
  bool allocation_dirty_ = true;
  // Per subscriber transport: what on_receive_quality last said.
  struct ReceiveQuality {
    std::vector<uint32_t> paused;
    std::optional<uint64_t> estimate;
  };
  std::unordered_map<uint32_t, ReceiveQuality> receive_quality_;
  // Subscriber transports whose packets are numbered for transport-wide feedback.
  std::unordered_set<uint32_t> estimated_;
  std::shared_ptr<spdlog::logger> logger_; // debug: each subscriber transport's estimate per allocation
  // The worker's clock as of the last packet or tick (at most one 20 ms tick old), for commands
  // and state changes that arrive without a time.
  int64_t now_ms_ = 0;
};

} // namespace plenum::media::router
