#pragma once
// The SFU's UDP port: non-blocking, batched receive (recvmmsg) and send (sendmmsg). Buffers are
// allocated once; a packet is built directly in a send slot (acquire → write → commit), so the
// packet path neither allocates nor copies between buffers.
//
// Sending uses UDP generic segmentation offload (Linux UDP_SEGMENT, 4.18+) where it can: the
// queued datagrams are grouped by destination (keeping their order per destination), and a run
// of datagrams to one address of equal size (the last may be shorter) goes to the kernel as one
// message that the kernel (or the NIC) cuts into datagrams. The kernel's per-datagram work —
// route lookup, socket buffer, IP output, device queue — then happens once per run. A video
// frame is several packets of equal size (browsers split frames evenly), so each subscriber's
// share of a frame is typically one run. Receivers see ordinary datagrams. If the kernel refuses
// a segmented message (no checksum offload on the route: EIO), the socket sends datagram by
// datagram from then on.

#include <sys/socket.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "media/stun.hpp"

struct mmsghdr;

namespace plenum::media::net {

inline constexpr size_t kDatagramCapacity = 2048; // larger datagrams are truncated and dropped
inline constexpr size_t kBatchSize = 32;          // datagrams per recvmmsg call
// Datagrams queued before a flush (also flushed at the end of every loop turn, which reads at most
// a few receive batches). Enough for a video frame of ~6 packets to ~170 subscribers to form runs
// (measured: 256 slots cost ~25 % more CPU per packet at 200-400 subscribers); 2 MB per worker.
inline constexpr size_t kSendSlots = 1024;
// At most this many datagrams per segmented message (the kernel's UDP_MAX_SEGMENTS) and bytes.
inline constexpr size_t kMaxSegments = 64;
inline constexpr size_t kMaxSegmentedBytes = 65'000;

// Send delay: from a datagram's arrival (the kernel's receive timestamp) to the flush that sends
// what it caused (forwarded media, retransmissions, replies), per bucket of these upper bounds in
// µs (the last bucket: above). The SFU's own share of the forwarding latency, without the
// network or the peers' stacks.
inline constexpr std::array<uint32_t, 11> kSendDelayBoundsUs = {25,    50,    100,    200,    500,   1'000,
                                                                2'000, 5'000, 10'000, 20'000, 50'000};
inline constexpr size_t kSendDelayBuckets = kSendDelayBoundsUs.size() + 1;

struct UdpStats {
  uint64_t received = 0;
  uint64_t sent = 0;
  uint64_t received_bytes = 0;
  uint64_t sent_bytes = 0;
  uint64_t send_errors = 0;
  uint64_t truncated = 0;
  uint64_t send_calls = 0; // sendmmsg system calls
  uint64_t segmented = 0;  // messages of several datagrams (UDP_SEGMENT)
  uint64_t segmented_datagrams = 0;
  std::array<uint64_t, kSendDelayBuckets> send_delay{}; // datagrams per bucket (not cumulative)
  uint64_t send_delay_sum_us = 0;
};

class UdpSocket {
 public:
  // Binds `ip` (a literal address) and `port` (0: any free port).
  static Result<UdpSocket> bind(std::string_view ip, uint16_t port);

  UdpSocket(UdpSocket&& other) noexcept;
  UdpSocket& operator=(UdpSocket&&) = delete;
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;
  ~UdpSocket();

  int fd() const noexcept { return fd_; }
  uint16_t port() const noexcept { return port_; }
  const UdpStats& stats() const noexcept { return stats_; }

  // Reads one batch; calls on_datagram(std::span<uint8_t> bytes, const SocketAddress& from) for
  // each. Returns how many were read (0: nothing waiting).
  template <class F>
  size_t receive(F&& on_datagram) {
    const size_t n = receive_batch();
    for (size_t i = 0; i < n; ++i) {
      if (!valid_[i]) continue;
      origin_ns_ = arrival_ns_[i]; // what on_datagram sends is timed from here
      on_datagram(std::span<uint8_t>(in_[i].data(), lengths_[i]), from_[i]);
    }
    origin_ns_ = 0;
    return n;
  }

  // A buffer for the next outgoing datagram (kDatagramCapacity bytes); commit() queues it.
  std::span<uint8_t> acquire() noexcept;
  void commit(size_t length, const SocketAddress& to) noexcept;
  // Convenience for control traffic (STUN responses, DTLS records): copies into a slot.
  void send(std::span<const uint8_t> bytes, const SocketAddress& to) noexcept;
  // Sends everything queued. Called when the slots are full and at the end of each loop turn.
  void flush() noexcept;
  // Segmentation offload on (default) or off (tests, and the fallback when the kernel refuses).
  void set_segmentation(bool on) noexcept { segmentation_ = on; }
  // Off when configured so or after the kernel refused a segmented message (one by one from then).
  bool segmentation() const noexcept { return segmentation_; }

 private:
  struct Buffers;
  UdpSocket(int fd, uint16_t port);
  size_t receive_batch() noexcept;
  // Orders the queued slots by destination (first appearance first, queue order within one);
  // in queue order when segmentation is off (nothing to gain from grouping).
  void group_by_destination() noexcept;
  // Builds messages for the ordered slots from `position` on; returns how many, with the number
  // of datagrams each carries in `segments_`.
  size_t build_messages(size_t position) noexcept;
  // Adds the queued datagrams that answer a received one to stats_.send_delay.
  void record_send_delay() noexcept;
  static int64_t realtime_ns() noexcept;

  int fd_ = -1;
  uint16_t port_ = 0;
  UdpStats stats_;
  bool segmentation_ = true;
  std::vector<std::array<uint8_t, kDatagramCapacity>> in_;
  std::vector<std::array<uint8_t, kDatagramCapacity>> out_;
  std::vector<size_t> lengths_;
  std::vector<SocketAddress> from_;
  std::vector<bool> valid_;
  std::vector<sockaddr_storage> in_addresses_;
  std::vector<sockaddr_storage> out_addresses_;
  std::vector<size_t> out_lengths_;
  std::vector<int64_t> arrival_ns_; // per received datagram: kernel timestamp (CLOCK_REALTIME), 0: none
  std::vector<int64_t> out_origin_; // per slot: the arrival it answers, 0: none (tick, relay)
  std::vector<uint8_t> in_control_; // one timestamp control message per received datagram
  int64_t origin_ns_ = 0;
  size_t queued_ = 0;
  // Flush scratch, allocated once (kSendSlots each).
  std::vector<uint64_t> out_keys_;       // destination key per slot
  std::vector<uint32_t> next_;           // next slot to the same destination
  std::vector<uint32_t> order_;          // slots grouped by destination
  std::vector<uint32_t> table_;          // open addressing: group head slot + 1 (0: empty)
  std::vector<uint32_t> tails_;          // per head slot: the group's last slot
  std::vector<uint32_t> segments_;       // datagrams per built message
  std::vector<uint8_t> control_;         // one UDP_SEGMENT control message per built message
  std::vector<struct iovec> vectors_;    // one per slot
  std::vector<struct mmsghdr> messages_; // one per built message
};

} // namespace plenum::media::net
