#pragma once
// One direction of the relay between two media workers (mediasoup's pipeToRouter, in process):
// the worker where a room's publishers are (its home) copies each packet a producer receives
// once into the link of every other worker with consumers of it; that worker feeds them to its
// router of the same room. Lock-free and single-producer/single-consumer: only the sending
// worker's thread pushes, only the receiving worker's thread drains.
//
// Packets live in a fixed slab of kRelaySlots slots; two boost::lockfree::spsc_queue of slot
// indices pass them over (free: receiver -> sender, full: sender -> receiver), so nothing is
// allocated or copied twice per packet. When no slot is free the packet is counted as a drop and
// dropped: the sending worker never blocks. The receiving worker is woken through its eventfd,
// once per burst (the sender's loop turn), not per packet.

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <boost/lockfree/spsc_queue.hpp>

namespace plenum::media::relay {

// Packets in flight per link: ~100 ms of a worker relaying 80 Mbit/s of 1 kB packets, and what
// a receiving worker busy for that long would otherwise make the sender wait for.
inline constexpr uint32_t kRelaySlots = 1024;
// Largest packet relayed (a decrypted RTP packet of one datagram fits): kRelaySlots * this =
// 2 MiB per link, allocated when a room first relays from one worker to another.
inline constexpr size_t kRelaySlotBytes = 2048;

struct RelayHeader {
  uint64_t room = 0;     // the room's id, the same on every worker
  uint32_t producer = 0; // the producer's id in the room
  uint8_t stream = 0;    // its stream (simulcast layer)
  bool keyframe = false; // the packet starts a key frame
  uint16_t size = 0;     // bytes of the packet
};

struct RelayLinkCounters {
  std::atomic<uint64_t> relayed{0};  // packets pushed by the sender
  std::atomic<uint64_t> dropped{0};  // packets the sender dropped: no free slot, or too large
  std::atomic<uint64_t> received{0}; // packets drained by the receiver
};

class RelayLink {
 public:
  // `wake_fd`: the receiving worker's eventfd (it owns it and outlives the link's use).
  explicit RelayLink(int wake_fd, uint32_t slots = kRelaySlots);
  RelayLink(const RelayLink&) = delete;
  RelayLink& operator=(const RelayLink&) = delete;

  // Sender's thread. False (and counted) when the packet was dropped.
  bool push(const RelayHeader& header, std::span<const uint8_t> packet) noexcept;
  // Sender's thread, at the end of its loop turn: wakes the receiver once if anything was pushed
  // since the last call. Returns whether it woke it.
  bool wake_if_pushed() noexcept;

  // Receiver's thread: hands each waiting packet (at most the link's capacity) to `f(header,
  // bytes)`; the bytes may be modified and are valid during the call only. Returns the count.
  template <class F>
  size_t drain(F&& f) {
    size_t n = 0;
    uint32_t slot = 0;
    while (n < slots_ && full_.pop(slot)) {
      Slot& s = slab_[slot];
      f(static_cast<const RelayHeader&>(s.header), std::span<uint8_t>(s.bytes.data(), s.header.size));
      free_.push(slot);
      ++n;
    }
    counters_.received.fetch_add(n, std::memory_order_relaxed);
    return n;
  }

  const RelayLinkCounters& counters() const noexcept { return counters_; }
  uint32_t capacity() const noexcept { return slots_; }

 private:
  struct Slot {
    RelayHeader header;
    std::array<uint8_t, kRelaySlotBytes> bytes;
  };
  int wake_fd_;
  uint32_t slots_;
  std::unique_ptr<Slot[]> slab_; // NOLINT: a fixed slab, indexed by the queues
  boost::lockfree::spsc_queue<uint32_t> free_;
  boost::lockfree::spsc_queue<uint32_t> full_;
  bool pushed_ = false; // sender's thread only
  RelayLinkCounters counters_;
};

} // namespace plenum::media::relay
