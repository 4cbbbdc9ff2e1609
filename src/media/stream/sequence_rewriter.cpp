#include "media/stream/sequence_rewriter.hpp"

#include <algorithm>
#include <bit>

#include "media/stream/seq_unwrap.hpp"

namespace plenum::media::stream {
namespace {

static_assert(kRewriteWindow % 64 == 0 && std::has_single_bit(static_cast<uint64_t>(kRewriteWindow)));

constexpr uint64_t kPositionMask = static_cast<uint64_t>(kRewriteWindow) - 1;

// The first source's switch point sits in input cycle 1 so that reordered earlier packets unwrap
// to non-negative numbers (they are refused either way).
constexpr int64_t kFirstCycle = 65536;

} // namespace

SequenceRewriter::SequenceRewriter(uint16_t initial_sequence, uint32_t initial_timestamp) noexcept
    : max_out_(kFirstCycle + initial_sequence - 1), last_out_ts_(initial_timestamp) {}

void SequenceRewriter::switch_source(uint16_t first_in_seq, uint32_t first_in_ts, int64_t now_ms,
                                     uint32_t clock_rate) noexcept {
  has_source_ = true;
  start_in_ = kFirstCycle + first_in_seq;
  highest_in_ = start_in_ - 1;
  dropped_ = 0;
  dropped_bits_.fill(0);
  out_base_ = max_out_ + 1;
  uint32_t first_out_ts = last_out_ts_;
  if (forwarded_any_) {
    const int64_t ticks = std::max<int64_t>(1, (now_ms - last_out_ms_) * int64_t{clock_rate} / 1000);
    first_out_ts = last_out_ts_ + static_cast<uint32_t>(ticks);
  }
  ts_offset_ = first_out_ts - first_in_ts;
}

std::optional<RewrittenIds> SequenceRewriter::rewrite(uint16_t in_seq, uint32_t in_ts,
                                                      int64_t now_ms) noexcept {
  if (!has_source_) return std::nullopt;
  const int64_t ext = unwrap_seq(in_seq, highest_in_);
  if (ext < start_in_) return std::nullopt;
  int64_t dropped_before = dropped_;
  if (ext > highest_in_) {
    advance(ext);
  } else {
    if (highest_in_ - ext >= kRewriteWindow || is_dropped(ext)) return std::nullopt;
    dropped_before -= dropped_after(ext);
  }
  const int64_t out = out_base_ + (ext - start_in_) - dropped_before;
  const uint32_t out_ts = in_ts + ts_offset_;
  if (out > max_out_) {
    max_out_ = out;
    last_out_ts_ = out_ts;
    last_out_ms_ = now_ms;
    forwarded_any_ = true;
  }
  return RewrittenIds{static_cast<uint16_t>(out), out_ts};
}

bool SequenceRewriter::drop(uint16_t in_seq) noexcept {
  if (!has_source_) return true; // nothing is forwarded anyway
  const int64_t ext = unwrap_seq(in_seq, highest_in_);
  if (ext <= highest_in_) return false;
  advance(ext);
  const auto pos = static_cast<uint64_t>(ext) & kPositionMask;
  dropped_bits_[pos / 64] |= uint64_t{1} << (pos % 64);
  ++dropped_;
  return true;
}

void SequenceRewriter::advance(int64_t ext) noexcept {
  if (ext - highest_in_ >= kRewriteWindow) {
    dropped_bits_.fill(0);
  } else {
    for (int64_t e = highest_in_ + 1; e <= ext; ++e) {
      const auto pos = static_cast<uint64_t>(e) & kPositionMask;
      dropped_bits_[pos / 64] &= ~(uint64_t{1} << (pos % 64));
    }
  }
  highest_in_ = ext;
}

bool SequenceRewriter::is_dropped(int64_t ext) const noexcept {
  const auto pos = static_cast<uint64_t>(ext) & kPositionMask;
  return ((dropped_bits_[pos / 64] >> (pos % 64)) & 1U) != 0;
}

int64_t SequenceRewriter::dropped_after(int64_t ext) const noexcept {
  auto remaining = static_cast<uint64_t>(highest_in_ - ext);
  uint64_t pos = static_cast<uint64_t>(ext + 1) & kPositionMask;
  int64_t count = 0;
  while (remaining > 0) {
    const uint64_t bit = pos % 64;
    const uint64_t take = std::min<uint64_t>(remaining, 64 - bit);
    const uint64_t mask = take == 64 ? ~uint64_t{0} : ((uint64_t{1} << take) - 1) << bit;
    count += std::popcount(dropped_bits_[pos / 64] & mask);
    pos = (pos + take) & kPositionMask;
    remaining -= take;
  }
  return count;
}

} // namespace plenum::media::stream
