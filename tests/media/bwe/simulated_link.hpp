#pragma once
// A small network for driving BandwidthEstimator in tests: the sender sends media at the
// estimator's target rate plus the probe padding it asks for; packets cross a drop-tail
// bottleneck of capacity C (queue up to 500 ms, or a drop-tail queue of N packets like tc's
// pfifo) with optional random loss and a propagation delay; the receiver's TransportCcGenerator
// builds feedback that travels back and is parsed like real RTCP. Time advances in 1 ms steps;
// the receiver's clock has an arbitrary offset. A test may replace the paced media with its own
// source (set_source: an SFU's allocation of simulcast layers, key frames, pauses).

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <random>
#include <span>
#include <vector>

#include "media/bwe/bandwidth_estimator.hpp"
#include "media/bwe/transport_cc_generator.hpp"
#include "media/rtcp.hpp"

namespace plenum::media::bwe::testing {

class SimulatedLink {
 public:
  static constexpr int64_t kOneWayDelayMs = 40;
  static constexpr int64_t kQueueLimitMs = 500;
  static constexpr int64_t kTickMs = 20; // the router's tick
  static constexpr size_t kPacketSize = 1'200;
  static constexpr int64_t kReceiverClockOffsetUs = 987'654'321;
  static constexpr int64_t kNackDelayMs = 150;

  explicit SimulatedLink(BandwidthEstimator& estimator, int64_t capacity_bps,
                         uint16_t first_sequence = 65'000)
      : estimator_(estimator), capacity_bps_(capacity_bps), sequence_(first_sequence) {}

  // Called every ms instead of the media paced at the target; sends with send_media().
  using Source = std::function<void(SimulatedLink&, int64_t now_ms)>;

  void set_capacity(int64_t bps) { capacity_bps_ = bps; }
  // Random loss of media and padding on the way to the receiver (media so lost is retransmitted
  // like a queue drop when set_retransmissions is on) and of feedback on the way back.
  void set_loss(double fraction) { loss_ = fraction; }
  void set_feedback_loss(double fraction) { feedback_loss_ = fraction; }
  // Drop-tail by packets waiting (tc pfifo limit); 0: by delay (kQueueLimitMs).
  void set_queue_packets(size_t packets) { queue_packets_ = packets; }
  // The largest padding packet (the router's: 255 bytes of RTP padding plus headers).
  void set_max_padding_packet(size_t bytes) { max_padding_ = bytes; }
  void set_source(Source source) { source_ = std::move(source); }
  // Media the queue dropped is sent again (the receiver's NACK, answered from the router's
  // retransmission buffer) after kNackDelayMs, up to `attempts` times per packet.
  void set_retransmissions(int attempts) { retransmit_attempts_ = attempts; }
  uint64_t retransmitted() const { return retransmitted_; }
  void send_media(size_t size) { send(size, kNoProbeCluster); }
  int64_t now_ms() const { return now_ms_; }
  uint64_t dropped() const { return dropped_; }
  uint64_t sent_bytes() const { return sent_bytes_; }
  uint64_t padding_bytes() const { return padding_bytes_; }
  uint64_t delivered_bytes() const { return delivered_bytes_; }

  // Runs until `until_ms`, calling `observe(now_ms, target_bps)` every ms.
  template <typename Observe>
  void run_until(int64_t until_ms, Observe&& observe) {
    while (now_ms_ < until_ms) {
      step();
      observe(now_ms_, estimator_.target_bps());
      ++now_ms_;
    }
  }
  void run_until(int64_t until_ms) {
    run_until(until_ms, [](int64_t, int64_t) {});
  }

 private:
  void send(size_t size, int32_t cluster, int attempt = 0) {
    estimator_.on_packet_sent(sequence_, size, now_ms_, cluster);
    const uint16_t seq = sequence_++;
    sent_bytes_ += size;
    if (cluster != kNoProbeCluster) padding_bytes_ += size;
    if (loss_ > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < loss_) {
      if (cluster == kNoProbeCluster && attempt < retransmit_attempts_)
        nacked_.push_back({now_ms_ + kNackDelayMs, size, attempt + 1});
      return;
    }
    const int64_t now_us = now_ms_ * 1000;
    const int64_t start = std::max(link_free_us_, now_us);
    while (!waiting_.empty() && waiting_.front() <= now_us) waiting_.pop_front();
    const bool full =
        queue_packets_ > 0 ? waiting_.size() >= queue_packets_ : start - now_us > kQueueLimitMs * 1000;
    if (full) {
      ++dropped_;
      if (cluster == kNoProbeCluster && attempt < retransmit_attempts_)
        nacked_.push_back({now_ms_ + kNackDelayMs, size, attempt + 1});
      return;
    }
    if (start > now_us) waiting_.push_back(start); // waits until its transmission starts
    link_free_us_ = start + static_cast<int64_t>(size) * 8 * 1'000'000 / capacity_bps_;
    delivered_bytes_ += size;
    in_flight_.push_back({link_free_us_ + kOneWayDelayMs * 1000, seq});
  }

  void step() {
    if (source_) {
      source_(*this, now_ms_);
    } else {
      // Media paced at the target rate.
      media_budget_ += static_cast<double>(estimator_.target_bps()) / 8'000.0;
      while (media_budget_ >= static_cast<double>(kPacketSize)) {
        send(kPacketSize, kNoProbeCluster);
        media_budget_ -= static_cast<double>(kPacketSize);
      }
    }
    while (!nacked_.empty() && nacked_.front().resend_ms <= now_ms_) {
      const Nacked n = nacked_.front();
      nacked_.pop_front();
      ++retransmitted_;
      send(n.size, kNoProbeCluster, n.attempt);
    }
    if (now_ms_ % kTickMs == 0) {
      auto due = estimator_.padding_bytes_due(now_ms_);
      while (due.bytes > 0) {
        const size_t size = std::clamp<size_t>(due.bytes, std::min<size_t>(200, max_padding_), max_padding_);
        send(size, due.cluster);
        due.bytes = due.bytes > size ? due.bytes - size : 0;
      }
    }
    // Arrivals at the receiver.
    const int64_t now_us = now_ms_ * 1000;
    while (!in_flight_.empty() && in_flight_.front().arrival_us <= now_us) {
      generator_.on_packet(in_flight_.front().sequence,
                           in_flight_.front().arrival_us + kReceiverClockOffsetUs);
      in_flight_.pop_front();
    }
    if (generator_.due(now_ms_)) {
      std::vector<uint8_t> out(1'500);
      if (auto n = generator_.build(out, 0x504c4e4d, 0x1234, now_ms_)) {
        out.resize(*n);
        if (feedback_loss_ == 0 || std::uniform_real_distribution<double>(0, 1)(rng_) >= feedback_loss_)
          feedback_.push_back({now_ms_ + kOneWayDelayMs, std::move(out)});
      }
    }
    while (!feedback_.empty() && feedback_.front().deliver_ms <= now_ms_) {
      RtcpReader reader(feedback_.front().bytes);
      while (auto packet = reader.next()) {
        auto fb = RtcpFeedback::parse(*packet);
        if (!fb) continue;
        if (auto tcc = TransportCc::parse(*fb)) estimator_.on_transport_feedback(*tcc, now_ms_);
      }
      feedback_.pop_front();
    }
  }

  struct InFlight {
    int64_t arrival_us;
    uint16_t sequence;
  };
  struct Nacked {
    int64_t resend_ms;
    size_t size;
    int attempt;
  };
  struct Feedback {
    int64_t deliver_ms;
    std::vector<uint8_t> bytes;
  };

  BandwidthEstimator& estimator_;
  TransportCcGenerator generator_;
  int64_t capacity_bps_;
  uint16_t sequence_;
  double loss_ = 0;
  double feedback_loss_ = 0;
  size_t queue_packets_ = 0;
  size_t max_padding_ = kPacketSize;
  Source source_;
  int retransmit_attempts_ = 0;
  uint64_t retransmitted_ = 0;
  std::deque<Nacked> nacked_;
  std::deque<int64_t> waiting_; // transmission start times of the packets in the queue
  uint64_t sent_bytes_ = 0;
  uint64_t padding_bytes_ = 0;
  uint64_t delivered_bytes_ = 0;
  std::mt19937 rng_{7};
  int64_t now_ms_ = 0;
  double media_budget_ = 0;
  int64_t link_free_us_ = 0;
  uint64_t dropped_ = 0;
  std::deque<InFlight> in_flight_;
  std::deque<Feedback> feedback_;
};

} // namespace plenum::media::bwe::testing
