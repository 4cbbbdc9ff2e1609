#include "media/stun.hpp"

#include <openssl/crypto.h>
#include <zlib.h>

#include <algorithm>

#include "media/bytes.hpp"

namespace plenum::media {
namespace {

constexpr size_t kAttributeHeader = 4;
constexpr uint8_t kFamilyV4 = 0x01; // RFC 8489 section 14.1
constexpr uint8_t kFamilyV6 = 0x02;

constexpr size_t padded(size_t n) noexcept { return (n + 3) & ~size_t{3}; }

uint32_t stun_crc(std::span<const uint8_t> bytes) noexcept {
  // zlib's crc32 is the CRC-32 of ISO 3309 / ITU-T V.42 that RFC 8489 section 14.7 names.
  return static_cast<uint32_t>(crc32(0L, bytes.data(), static_cast<uInt>(bytes.size())));
}

// XOR-MAPPED-ADDRESS value (RFC 8489 section 14.2): family, port ^ (cookie >> 16), address ^
// (cookie || transaction id).
std::optional<SocketAddress> read_xor_address(
    std::span<const uint8_t> value, std::span<const uint8_t, kStunTransactionIdSize> txid) noexcept {
  if (value.size() < 4) return std::nullopt;
  SocketAddress a;
  a.port = static_cast<uint16_t>(load_be16(value.data() + 2) ^ (kStunMagicCookie >> 16));
  uint8_t mask[16];
  store_be32(mask, kStunMagicCookie);
  std::copy(txid.begin(), txid.end(), mask + 4);
  if (value[1] == kFamilyV4 && value.size() == 8) {
    a.family = 4;
    for (size_t i = 0; i < 4; ++i) a.ip[i] = value[4 + i] ^ mask[i];
    return a;
  }
  if (value[1] == kFamilyV6 && value.size() == 20) {
    a.family = 6;
    for (size_t i = 0; i < 16; ++i) a.ip[i] = value[4 + i] ^ mask[i];
    return a;
  }
  return std::nullopt;
}

} // namespace

SocketAddress SocketAddress::v4(std::array<uint8_t, 4> a, uint16_t port) noexcept {
  SocketAddress s;
  s.family = 4;
  std::copy(a.begin(), a.end(), s.ip.begin());
  s.port = port;
  return s;
}

SocketAddress SocketAddress::v6(const std::array<uint8_t, 16>& a, uint16_t port) noexcept {
  SocketAddress s;
  s.family = 6;
  s.ip = a;
  s.port = port;
  return s;
}

// ---- StunIntegrityKey ----

StunIntegrityKey::StunIntegrityKey(std::string_view password) noexcept
    : valid_(hmac_.set_key({reinterpret_cast<const uint8_t*>(password.data()), password.size()})) {}

// ---- StunMessage ----

std::optional<StunMessage> StunMessage::parse(std::span<const uint8_t> data, StunParseError* error) noexcept {
  auto fail = [error](StunParseError e) -> std::optional<StunMessage> {
    if (error != nullptr) *error = e;
    return std::nullopt;
  };
  if (error != nullptr) *error = StunParseError::none;
  if (data.size() < kStunHeaderSize) return fail(StunParseError::too_short);
  const uint8_t* p = data.data();
  // RFC 8489 only requires the top two bits to be zero, but on a port shared with DTLS and RTP
  // (RFC 7983 section 7) a first byte above 3 is not STUN: methods above 0x3FF cannot be used
  // there. Agreeing with demux.cpp keeps the two from disagreeing about a datagram.
  if (p[0] > 3 || load_be32(p + 4) != kStunMagicCookie) return fail(StunParseError::not_stun);
  const size_t length = load_be16(p + 2);
  if (length % 4 != 0 || length + kStunHeaderSize != data.size()) return fail(StunParseError::bad_length);

  StunMessage m;
  m.data_ = data;
  m.type_ = load_be16(p);
  size_t pos = kStunHeaderSize;
  while (pos < data.size()) {
    if (m.fingerprint_offset_ != 0) return fail(StunParseError::after_fingerprint);
    if (!fits(data.size(), pos, kAttributeHeader)) return fail(StunParseError::truncated_attribute);
    const uint16_t type = load_be16(p + pos);
    const size_t size = load_be16(p + pos + 2);
    const size_t value = pos + kAttributeHeader;
    if (!fits(data.size(), value, padded(size))) return fail(StunParseError::truncated_attribute);
    const auto v = data.subspan(value, size);
    const bool after_integrity = m.integrity_offset_ != 0;

    if (type == stun_attr::kFingerprint) {
      if (size != 4) return fail(StunParseError::bad_attribute);
      m.fingerprint_offset_ = static_cast<uint32_t>(pos);
    } else if (after_integrity) {
      // Ignored: not covered by MESSAGE-INTEGRITY (RFC 8489 section 14.5).
    } else {
      switch (type) {
        case stun_attr::kUsername:
          if (size > kStunMaxUsername) return fail(StunParseError::bad_attribute);
          if (m.username_offset_ == 0) {
            m.username_offset_ = static_cast<uint32_t>(value);
            m.username_size_ = static_cast<uint32_t>(size);
          }
          break;
        case stun_attr::kMessageIntegrity:
          if (size != kStunHmacSize) return fail(StunParseError::bad_attribute);
          m.integrity_offset_ = static_cast<uint32_t>(pos);
          break;
        case stun_attr::kErrorCode: {
          if (size < 4 || size - 4 > kStunMaxReason) return fail(StunParseError::bad_attribute);
          const uint8_t cls = v[2] & 0x07;
          if (cls < 3 || cls > 6 || v[3] > 99) return fail(StunParseError::bad_attribute);
          if (m.error_offset_ == 0) {
            m.error_offset_ = static_cast<uint32_t>(value);
            m.error_size_ = static_cast<uint32_t>(size);
          }
          break;
        }
        case stun_attr::kXorMappedAddress: {
          auto a = read_xor_address(v, m.transaction_id());
          if (!a) return fail(StunParseError::bad_attribute);
          if (!m.xor_mapped_) m.xor_mapped_ = a;
          break;
        }
        case stun_attr::kPriority:
          if (size != 4) return fail(StunParseError::bad_attribute);
          if (!m.priority_) m.priority_ = load_be32(v.data());
          break;
        case stun_attr::kUseCandidate:
          if (size != 0) return fail(StunParseError::bad_attribute);
          m.use_candidate_ = true;
          break;
        case stun_attr::kIceControlling:
          if (size != 8) return fail(StunParseError::bad_attribute);
          if (!m.ice_controlling_) m.ice_controlling_ = load_be64(v.data());
          break;
        case stun_attr::kIceControlled:
          if (size != 8) return fail(StunParseError::bad_attribute);
          if (!m.ice_controlled_) m.ice_controlled_ = load_be64(v.data());
          break;
        default:
          if (type < 0x8000) {
            if (m.unknown_count_ < kStunMaxUnknown) m.unknown_[m.unknown_count_] = type;
            m.unknown_count_ = std::min(m.unknown_count_ + 1, kStunMaxUnknown);
          }
          break;
      }
    }
    pos = value + padded(size);
  }
  return m;
}

uint16_t StunMessage::method() const noexcept {
  // Type bits: M11..M7 C1 M6..M4 C0 M3..M0 (RFC 8489 section 5).
  return static_cast<uint16_t>((type_ & 0x000F) | ((type_ & 0x00E0) >> 1) | ((type_ & 0x3E00) >> 2));
}

StunMethodClass StunMessage::method_class() const noexcept {
  return static_cast<StunMethodClass>(((type_ >> 4) & 0x1) | ((type_ >> 7) & 0x2));
}

std::optional<std::span<const uint8_t>> StunMessage::username() const noexcept {
  if (username_offset_ == 0) return std::nullopt;
  return data_.subspan(username_offset_, username_size_);
}

std::optional<StunErrorCode> StunMessage::error_code() const noexcept {
  if (error_offset_ == 0) return std::nullopt;
  const uint8_t* v = data_.data() + error_offset_;
  return StunErrorCode{static_cast<uint16_t>((v[2] & 0x07) * 100 + v[3]),
                       data_.subspan(error_offset_ + 4, error_size_ - 4)};
}

bool StunMessage::check_fingerprint() const noexcept {
  if (fingerprint_offset_ == 0) return false;
  const uint32_t expected = stun_crc(data_.first(fingerprint_offset_)) ^ kStunFingerprintXor;
  return load_be32(data_.data() + fingerprint_offset_ + kAttributeHeader) == expected;
}

bool StunMessage::check_integrity(const StunIntegrityKey& key) const noexcept {
  if (integrity_offset_ == 0) return false;
  // The HMAC covers the header with its length field set as if MESSAGE-INTEGRITY were the last
  // attribute, then every attribute before it.
  uint8_t length[2];
  store_be16(length,
             static_cast<uint16_t>(integrity_offset_ + kAttributeHeader + kStunHmacSize - kStunHeaderSize));
  std::array<uint8_t, kStunHmacSize> mac{};
  if (!key.compute(data_.first(2), length, data_.subspan(4, integrity_offset_ - 4), mac)) return false;
  return CRYPTO_memcmp(mac.data(), data_.data() + integrity_offset_ + kAttributeHeader, kStunHmacSize) == 0;
}

IceCheckResult check_ice_request(const StunMessage& request, std::string_view local_ufrag,
                                 const StunIntegrityKey& key) noexcept {
  if (request.type() != kStunBindingRequest) return IceCheckResult::drop;
  // RFC 8445 section 7.3 requires FINGERPRINT on ICE checks; without it we cannot tell a
  // STUN check from other traffic that happened to parse.
  if (!request.check_fingerprint()) return IceCheckResult::drop;
  const auto user = request.username();
  if (!user || !request.has_message_integrity()) return IceCheckResult::bad_request;
  // USERNAME is "<receiver's ufrag>:<sender's ufrag>" (RFC 8445 section 7.2.2).
  const size_t n = local_ufrag.size();
  if (user->size() <= n || (*user)[n] != ':' ||
      !std::equal(local_ufrag.begin(), local_ufrag.end(), user->begin(),
                  [](char a, uint8_t b) { return static_cast<uint8_t>(a) == b; })) {
    return IceCheckResult::unauthorized;
  }
  if (!request.check_integrity(key)) return IceCheckResult::unauthorized;
  if (!request.unknown_required().empty()) return IceCheckResult::unknown_attribute;
  if (!request.priority()) return IceCheckResult::bad_request;
  return IceCheckResult::ok;
}

// ---- StunWriter ----

StunWriter::StunWriter(std::span<uint8_t> out, uint16_t type,
                       std::span<const uint8_t, kStunTransactionIdSize> txid) noexcept
    : out_(out) {
  if (out_.size() < kStunHeaderSize) {
    ok_ = false;
    return;
  }
  uint8_t* p = out_.data();
  store_be16(p, type);
  store_be16(p + 2, 0);
  store_be32(p + 4, kStunMagicCookie);
  std::copy(txid.begin(), txid.end(), p + 8);
  pos_ = kStunHeaderSize;
}

void StunWriter::set_length(size_t total) noexcept {
  store_be16(out_.data() + 2, static_cast<uint16_t>(total - kStunHeaderSize));
}

uint8_t* StunWriter::begin_attribute(uint16_t type, size_t value_size) noexcept {
  const size_t total = kAttributeHeader + padded(value_size);
  if (!ok_ || value_size > 0xFFFF || !fits(out_.size(), pos_, total) ||
      pos_ + total - kStunHeaderSize > 0xFFFF) {
    ok_ = false;
    return nullptr;
  }
  uint8_t* p = out_.data() + pos_;
  store_be16(p, type);
  store_be16(p + 2, static_cast<uint16_t>(value_size));
  pos_ += total;
  set_length(pos_);
  return p + kAttributeHeader;
}

void StunWriter::add_attribute(uint16_t type, std::span<const uint8_t> value, uint8_t pad) noexcept {
  uint8_t* v = begin_attribute(type, value.size());
  if (v == nullptr) return;
  std::copy(value.begin(), value.end(), v);
  std::fill(v + value.size(), v + padded(value.size()), pad);
}

void StunWriter::add_xor_mapped_address(const SocketAddress& address) noexcept {
  const size_t ip_size = address.family == 6 ? 16 : 4;
  uint8_t* v = begin_attribute(stun_attr::kXorMappedAddress, 4 + ip_size);
  if (v == nullptr) return;
  uint8_t mask[16];
  store_be32(mask, kStunMagicCookie);
  std::copy(out_.begin() + 8, out_.begin() + 20, mask + 4);
  v[0] = 0;
  v[1] = address.family == 6 ? kFamilyV6 : kFamilyV4;
  store_be16(v + 2, static_cast<uint16_t>(address.port ^ (kStunMagicCookie >> 16)));
  for (size_t i = 0; i < ip_size; ++i) v[4 + i] = address.ip[i] ^ mask[i];
}

void StunWriter::add_error_code(uint16_t code, std::string_view reason) noexcept {
  if (code < 300 || code > 699 || reason.size() > kStunMaxReason) {
    ok_ = false;
    return;
  }
  uint8_t* v = begin_attribute(stun_attr::kErrorCode, 4 + reason.size());
  if (v == nullptr) return;
  v[0] = 0;
  v[1] = 0;
  v[2] = static_cast<uint8_t>(code / 100);
  v[3] = static_cast<uint8_t>(code % 100);
  std::copy(reason.begin(), reason.end(), v + 4);
  std::fill(v + 4 + reason.size(), v + padded(4 + reason.size()), uint8_t{0});
}

void StunWriter::add_unknown_attributes(std::span<const uint16_t> types) noexcept {
  uint8_t* v = begin_attribute(stun_attr::kUnknownAttributes, 2 * types.size());
  if (v == nullptr) return;
  for (size_t i = 0; i < types.size(); ++i) store_be16(v + 2 * i, types[i]);
  std::fill(v + 2 * types.size(), v + padded(2 * types.size()), uint8_t{0});
}

void StunWriter::add_message_integrity(const StunIntegrityKey& key) noexcept {
  const size_t covered = pos_;
  uint8_t* v = begin_attribute(stun_attr::kMessageIntegrity, kStunHmacSize);
  if (v == nullptr) return;
  // begin_attribute already set the length to include this attribute, as the HMAC requires.
  const auto head = out_.first(covered);
  if (!key.compute(head.first(4), {}, head.subspan(4), std::span<uint8_t, kStunHmacSize>(v, kStunHmacSize))) {
    ok_ = false;
  }
}

void StunWriter::add_fingerprint() noexcept {
  const size_t covered = pos_;
  uint8_t* v = begin_attribute(stun_attr::kFingerprint, 4);
  if (v == nullptr) return;
  store_be32(v, stun_crc(out_.first(covered)) ^ kStunFingerprintXor);
}

std::optional<size_t> StunWriter::finish() const noexcept {
  if (!ok_) return std::nullopt;
  return pos_;
}

std::optional<size_t> build_binding_success(std::span<uint8_t> out, const StunMessage& request,
                                            const SocketAddress& mapped,
                                            const StunIntegrityKey& key) noexcept {
  StunWriter w(out, kStunBindingSuccess, request.transaction_id());
  w.add_xor_mapped_address(mapped);
  w.add_message_integrity(key);
  w.add_fingerprint();
  return w.finish();
}

std::optional<size_t> build_binding_error(std::span<uint8_t> out, const StunMessage& request, uint16_t code,
                                          std::string_view reason, const StunIntegrityKey* key) noexcept {
  StunWriter w(out, kStunBindingError, request.transaction_id());
  w.add_error_code(code, reason);
  if (code == 420) w.add_unknown_attributes(request.unknown_required());
  if (key != nullptr) w.add_message_integrity(*key);
  w.add_fingerprint();
  return w.finish();
}

} // namespace plenum::media
