#pragma once
// Generic NACK (RFC 4585 section 6.2.1) requests for one incoming stream: every gap in the
// sequence numbers becomes an entry in a fixed-size list; nack_items() asks for each entry at
// most once per RTT and gives up after kNackMaxRetries requests (the packet's playout time has
// passed by then). A packet that arrives (retransmitted or late) leaves the list. When a gap is
// too large for the list, or the list is full, NACKs cannot repair the stream: the list is
// cleared and a key frame request is raised (take_keyframe_request(); the caller sends PLI/FIR).

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "media/rtcp.hpp"

namespace plenum::media::stream {

inline constexpr size_t kNackMaxMissing = 256;    // entries in the list
inline constexpr uint32_t kNackMaxRetries = 10;   // requests per missing packet
inline constexpr int64_t kNackDefaultRttMs = 100; // until set_rtt_ms() has a measurement
// Arrivals further behind the newest than this mean the sender restarted: the list is cleared.
inline constexpr int64_t kNackMaxReorder = 3000;

class NackGenerator {
 public:
  // Every received packet of the stream (after SRTP).
  void on_packet(uint16_t seq) noexcept;

  // Fills `out` with NACK items (PID + BLP) for the missing packets due now: never requested, or
  // last requested at least one RTT ago. Returns the number written; entries that did not fit
  // stay due for the next call.
  size_t nack_items(int64_t now_ms, std::span<NackItem> out) noexcept;

  // True once after the list overflowed.
  bool take_keyframe_request() noexcept;

  void set_rtt_ms(int64_t rtt_ms) noexcept { rtt_ms_ = rtt_ms; }
  size_t missing_count() const noexcept { return count_; }
  uint64_t given_up() const noexcept { return given_up_; } // packets dropped from the list unrepaired

 private:
  struct Entry {
    int64_t ext_seq = 0;
    int64_t sent_ms = 0;
    uint32_t retries = 0;
  };

  void add_missing(int64_t from, int64_t to) noexcept; // [from, to)
  void remove(int64_t ext) noexcept;
  void reset(bool keyframe) noexcept;

  std::array<Entry, kNackMaxMissing> entries_{}; // sorted by ext_seq, [0, count_)
  size_t count_ = 0;
  bool started_ = false;
  int64_t highest_ = 0;
  int64_t rtt_ms_ = kNackDefaultRttMs;
  bool keyframe_request_ = false;
  uint64_t given_up_ = 0;
};

} // namespace plenum::media::stream
