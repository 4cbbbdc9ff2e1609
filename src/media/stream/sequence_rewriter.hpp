#pragma once
// Maps the sequence numbers and timestamps of whichever source currently feeds one outgoing
// track onto a single continuous output space, so a subscriber's jitter buffer and decoder see
// one stream across simulcast layer switches and across another participant's stream taking
// over the track.
//
// - switch_source() starts a new source: its first packet continues at the highest output
//   sequence number + 1, and its timestamp at the last output timestamp advanced by the wall
//   time since the last forwarded packet (at least one tick), so playout timing stays plausible.
// - rewrite() maps a packet of the current source by the offset of its source; a packet
//   reordered behind newer ones maps by the same rule. Packets older than the switch point, or
//   older than kRewriteWindow behind the newest input, are refused (nullopt).
// - drop() marks an input sequence number we deliberately do not forward (padding-only, a
//   temporal layer being thinned): later packets shift down by one, so the output has no hole a
//   subscriber would NACK. The dropped inputs of the last kRewriteWindow sequence numbers are
//   remembered (a bitmap, mediasoup's SeqManager keeps a set for the same purpose), so a
//   reordered packet still maps to the number it would have had in order. A drop() for an input
//   older than the newest returns false and changes nothing: numbers after it were already sent,
//   so the caller should forward that packet after all (or accept the hole).
//
// The caller routes only the current source's packets here (it knows SSRCs); all state is
// fixed-size and nothing allocates.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace plenum::media::stream {

inline constexpr int64_t kRewriteWindow = 512; // input sequence numbers; a power of two

struct RewrittenIds {
  uint16_t sequence = 0;
  uint32_t timestamp = 0;
  friend bool operator==(const RewrittenIds&, const RewrittenIds&) = default;
};

class SequenceRewriter {
 public:
  // The first source's first packet gets these (RFC 3550 section 5.1 asks for random initial
  // values; the caller draws them).
  explicit SequenceRewriter(uint16_t initial_sequence = 0, uint32_t initial_timestamp = 0) noexcept;

  // The next packets come from a new source (or the same source after a pause we want to hide)
  // starting with (first_in_seq, first_in_ts). `clock_rate` is the RTP clock in Hz.
  void switch_source(uint16_t first_in_seq, uint32_t first_in_ts, int64_t now_ms,
                     uint32_t clock_rate) noexcept;

  // The output numbers for a packet of the current source, or nullopt if it must not be sent:
  // no source yet, before the switch point, too old, or drop()ped.
  std::optional<RewrittenIds> rewrite(uint16_t in_seq, uint32_t in_ts, int64_t now_ms) noexcept;

  bool drop(uint16_t in_seq) noexcept;

  bool has_source() const noexcept { return has_source_; }
  uint16_t last_sequence() const noexcept { return static_cast<uint16_t>(max_out_); }
  uint32_t last_timestamp() const noexcept { return last_out_ts_; }

 private:
  static constexpr size_t kWords = kRewriteWindow / 64;

  // Advances the newest input to `ext`, forgetting drops that leave the window.
  void advance(int64_t ext) noexcept;
  bool is_dropped(int64_t ext) const noexcept;
  int64_t dropped_after(int64_t ext) const noexcept; // drops in (ext, highest_in_]

  bool has_source_ = false;
  bool forwarded_any_ = false;
  int64_t start_in_ = 0;   // extended input number of the switch point
  int64_t highest_in_ = 0; // newest extended input number seen since the switch
  int64_t out_base_ = 0;   // extended output number of start_in_
  int64_t dropped_ = 0;    // drops in [start_in_, highest_in_]
  int64_t max_out_ = 0;    // highest extended output number sent
  uint32_t ts_offset_ = 0; // out_ts = in_ts + ts_offset_ (mod 2^32)
  uint32_t last_out_ts_ = 0;
  int64_t last_out_ms_ = 0;                     // when max_out_ was sent
  std::array<uint64_t, kWords> dropped_bits_{}; // bit (ext % kRewriteWindow)
};

} // namespace plenum::media::stream
