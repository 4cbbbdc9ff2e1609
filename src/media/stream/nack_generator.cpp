#include "media/stream/nack_generator.hpp"

#include <algorithm>

#include "media/stream/seq_unwrap.hpp"

namespace plenum::media::stream {

void NackGenerator::on_packet(uint16_t seq) noexcept {
  if (!started_) {
    started_ = true;
    highest_ = int64_t{65536} + seq; // cycle 1: reordered predecessors stay positive
    return;
  }
  const int64_t ext = unwrap_seq(seq, highest_);
  if (ext > highest_) {
    if (ext > highest_ + 1) add_missing(highest_ + 1, ext);
    highest_ = ext;
  } else if (highest_ - ext > kNackMaxReorder) {
    reset(false);
    highest_ = ext;
  } else if (ext < highest_) {
    remove(ext);
  }
}

size_t NackGenerator::nack_items(int64_t now_ms, std::span<NackItem> out) noexcept {
  size_t items = 0;
  bool full = false;
  size_t kept = 0;
  for (size_t i = 0; i < count_; ++i) {
    Entry entry = entries_[i];
    const bool due = entry.retries == 0 || now_ms - entry.sent_ms >= rtt_ms_;
    if (due && entry.retries >= kNackMaxRetries) {
      ++given_up_;
      continue;
    }
    if (due && !full) {
      const auto seq = static_cast<uint16_t>(entry.ext_seq);
      const auto diff = items > 0 ? static_cast<uint16_t>(seq - out[items - 1].pid) : uint16_t{0};
      if (items > 0 && diff >= 1 && diff <= 16) {
        out[items - 1].blp = static_cast<uint16_t>(out[items - 1].blp | (1U << (diff - 1)));
      } else if (items < out.size()) {
        out[items++] = NackItem{seq, 0};
      } else {
        full = true;
      }
      if (!full) {
        ++entry.retries;
        entry.sent_ms = now_ms;
      }
    }
    entries_[kept++] = entry;
  }
  count_ = kept;
  return items;
}

bool NackGenerator::take_keyframe_request() noexcept {
  const bool requested = keyframe_request_;
  keyframe_request_ = false;
  return requested;
}

void NackGenerator::add_missing(int64_t from, int64_t to) noexcept {
  if (count_ + static_cast<size_t>(to - from) > kNackMaxMissing) {
    reset(true);
    return;
  }
  for (int64_t ext = from; ext < to; ++ext) entries_[count_++] = Entry{ext, 0, 0};
}

void NackGenerator::remove(int64_t ext) noexcept {
  const auto end = entries_.begin() + static_cast<ptrdiff_t>(count_);
  const auto it = std::lower_bound(entries_.begin(), end, ext,
                                   [](const Entry& e, int64_t value) { return e.ext_seq < value; });
  if (it == end || it->ext_seq != ext) return;
  std::copy(it + 1, end, it);
  --count_;
}

void NackGenerator::reset(bool keyframe) noexcept {
  given_up_ += count_;
  count_ = 0;
  if (keyframe) keyframe_request_ = true;
}

} // namespace plenum::media::stream
