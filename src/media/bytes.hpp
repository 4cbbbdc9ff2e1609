#pragma once
// Big-endian loads and stores over spans: every packet parser in media/ reads through these.
//
// Two layers. The checked functions (`read_be16(s, offset)` ...) return std::nullopt / false when
// the field does not lie inside the span. The unchecked `load_be16(p)` ... are for code that has
// already checked a whole header's length once; they compile to a load and a byte swap.
//
// Why std::optional and bool rather than plenum::Result<T>: these run several times per packet on
// the packet path, and an `Error` carries a std::string message (an allocation once the text
// outgrows the small-string buffer, and a constructor either way). A bounds failure here has exactly
// one meaning ("the field is not inside the buffer"); the parsers above turn it into their own
// small status enum and the transport counts the drop (docs/architecture.md, "SFU packet layer").

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace plenum::media {

// Unchecked loads/stores: the caller guarantees p[0 .. N) is valid.
constexpr uint16_t load_be16(const uint8_t* p) noexcept {
  return static_cast<uint16_t>((static_cast<uint16_t>(p[0]) << 8) | p[1]);
}
constexpr uint32_t load_be24(const uint8_t* p) noexcept {
  return (static_cast<uint32_t>(p[0]) << 16) | (static_cast<uint32_t>(p[1]) << 8) | p[2];
}
constexpr uint32_t load_be32(const uint8_t* p) noexcept {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | p[3];
}
constexpr uint64_t load_be64(const uint8_t* p) noexcept {
  return (static_cast<uint64_t>(load_be32(p)) << 32) | load_be32(p + 4);
}
constexpr void store_be16(uint8_t* p, uint16_t v) noexcept {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
constexpr void store_be24(uint8_t* p, uint32_t v) noexcept {
  p[0] = static_cast<uint8_t>(v >> 16);
  p[1] = static_cast<uint8_t>(v >> 8);
  p[2] = static_cast<uint8_t>(v);
}
constexpr void store_be32(uint8_t* p, uint32_t v) noexcept {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}
constexpr void store_be64(uint8_t* p, uint64_t v) noexcept {
  store_be32(p, static_cast<uint32_t>(v >> 32));
  store_be32(p + 4, static_cast<uint32_t>(v));
}

// True when [offset, offset + n) lies inside a buffer of `size` bytes (no overflow on huge n).
constexpr bool fits(size_t size, size_t offset, size_t n) noexcept {
  return offset <= size && n <= size - offset;
}

// Checked reads: std::nullopt when the field is not inside `s`.
constexpr std::optional<uint8_t> read_u8(std::span<const uint8_t> s, size_t offset) noexcept {
  if (!fits(s.size(), offset, 1)) return std::nullopt;
  return s[offset];
}
constexpr std::optional<uint16_t> read_be16(std::span<const uint8_t> s, size_t offset) noexcept {
  if (!fits(s.size(), offset, 2)) return std::nullopt;
  return load_be16(s.data() + offset);
}
constexpr std::optional<uint32_t> read_be24(std::span<const uint8_t> s, size_t offset) noexcept {
  if (!fits(s.size(), offset, 3)) return std::nullopt;
  return load_be24(s.data() + offset);
}
constexpr std::optional<uint32_t> read_be32(std::span<const uint8_t> s, size_t offset) noexcept {
  if (!fits(s.size(), offset, 4)) return std::nullopt;
  return load_be32(s.data() + offset);
}
constexpr std::optional<uint64_t> read_be64(std::span<const uint8_t> s, size_t offset) noexcept {
  if (!fits(s.size(), offset, 8)) return std::nullopt;
  return load_be64(s.data() + offset);
}

// Checked writes: false (and nothing written) when the field is not inside `s`.
constexpr bool write_u8(std::span<uint8_t> s, size_t offset, uint8_t v) noexcept {
  if (!fits(s.size(), offset, 1)) return false;
  s[offset] = v;
  return true;
}
constexpr bool write_be16(std::span<uint8_t> s, size_t offset, uint16_t v) noexcept {
  if (!fits(s.size(), offset, 2)) return false;
  store_be16(s.data() + offset, v);
  return true;
}
constexpr bool write_be24(std::span<uint8_t> s, size_t offset, uint32_t v) noexcept {
  if (!fits(s.size(), offset, 3) || v > 0xFFFFFFu) return false;
  store_be24(s.data() + offset, v);
  return true;
}
constexpr bool write_be32(std::span<uint8_t> s, size_t offset, uint32_t v) noexcept {
  if (!fits(s.size(), offset, 4)) return false;
  store_be32(s.data() + offset, v);
  return true;
}
constexpr bool write_be64(std::span<uint8_t> s, size_t offset, uint64_t v) noexcept {
  if (!fits(s.size(), offset, 8)) return false;
  store_be64(s.data() + offset, v);
  return true;
}

// Appends fields to a caller-provided buffer. Overflow is sticky: once a write does not fit,
// nothing more is written and ok() stays false, so a builder checks once at the end.
class ByteWriter {
 public:
  explicit ByteWriter(std::span<uint8_t> out) noexcept : out_(out) {}

  void u8(uint8_t v) noexcept {
    if (reserve(1)) out_[pos_++] = v;
  }
  void be16(uint16_t v) noexcept {
    if (reserve(2)) store_be16(out_.data() + pos_, v), pos_ += 2;
  }
  void be24(uint32_t v) noexcept {
    if (reserve(3)) store_be24(out_.data() + pos_, v), pos_ += 3;
  }
  void be32(uint32_t v) noexcept {
    if (reserve(4)) store_be32(out_.data() + pos_, v), pos_ += 4;
  }
  void be64(uint64_t v) noexcept {
    if (reserve(8)) store_be64(out_.data() + pos_, v), pos_ += 8;
  }
  void bytes(std::span<const uint8_t> v) noexcept {
    if (!reserve(v.size())) return;
    for (size_t i = 0; i < v.size(); ++i) out_[pos_ + i] = v[i];
    pos_ += v.size();
  }
  void fill(uint8_t v, size_t n) noexcept {
    if (!reserve(n)) return;
    for (size_t i = 0; i < n; ++i) out_[pos_ + i] = v;
    pos_ += n;
  }

  bool ok() const noexcept { return ok_; }
  size_t size() const noexcept { return pos_; }
  // The bytes written so far (for patching a length field or hashing).
  std::span<uint8_t> written() const noexcept { return out_.first(pos_); }

 private:
  bool reserve(size_t n) noexcept {
    if (ok_ && fits(out_.size(), pos_, n)) return true;
    ok_ = false;
    return false;
  }

  std::span<uint8_t> out_;
  size_t pos_ = 0;
  bool ok_ = true;
};

} // namespace plenum::media
