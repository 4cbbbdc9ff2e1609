#pragma once
// STUN (RFC 8489, which obsoletes RFC 5389) as ICE-lite needs it on the server side (RFC 8445):
// parse and check Binding requests, build Binding success and error responses.
//
// Message header (RFC 8489 section 5):
//    0                   1                   2                   3
//    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |0 0|     STUN Message Type     |         Message Length        |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                         Magic Cookie                          |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
//   |                     Transaction ID (96 bits)                  |
//   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// followed by attributes (section 14): type (16), length (16, of the value before padding),
// value padded to a multiple of 4 bytes.
//
// StunMessage is a view over the caller's buffer (no copy, no allocation); it keeps the buffer
// alive only as long as the caller does. StunWriter builds into a caller-provided buffer.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "media/hmac_sha1.hpp"

namespace plenum::media {

inline constexpr uint32_t kStunMagicCookie = 0x2112A442;
inline constexpr uint32_t kStunFingerprintXor = 0x5354554e; // RFC 8489 section 14.7
inline constexpr size_t kStunHeaderSize = 20;
inline constexpr size_t kStunTransactionIdSize = 12;
inline constexpr size_t kStunHmacSize = 20;
// RFC 8489 section 14.3: USERNAME is fewer than 509 bytes; RFC 5389 allowed up to 512. We take
// the older, larger limit so older clients are not refused.
inline constexpr size_t kStunMaxUsername = 512;
// RFC 8489 section 14.8: the reason phrase is fewer than 128 characters (up to 763 bytes).
inline constexpr size_t kStunMaxReason = 763;
// How many unknown comprehension-required attribute types a parsed message remembers for a
// 420 response (UNKNOWN-ATTRIBUTES); more are counted but not listed.
inline constexpr size_t kStunMaxUnknown = 8;

// Message types used here (method Binding = 1; class bits per RFC 8489 section 5).
inline constexpr uint16_t kStunBindingRequest = 0x0001;
inline constexpr uint16_t kStunBindingIndication = 0x0011;
inline constexpr uint16_t kStunBindingSuccess = 0x0101;
inline constexpr uint16_t kStunBindingError = 0x0111;

// Attribute types (RFC 8489 section 18.3, RFC 8445 section 16.1).
namespace stun_attr {
inline constexpr uint16_t kMappedAddress = 0x0001;
inline constexpr uint16_t kUsername = 0x0006;
inline constexpr uint16_t kMessageIntegrity = 0x0008;
inline constexpr uint16_t kErrorCode = 0x0009;
inline constexpr uint16_t kUnknownAttributes = 0x000A;
inline constexpr uint16_t kXorMappedAddress = 0x0020;
inline constexpr uint16_t kPriority = 0x0024;
inline constexpr uint16_t kUseCandidate = 0x0025;
inline constexpr uint16_t kSoftware = 0x8022;
inline constexpr uint16_t kFingerprint = 0x8028;
inline constexpr uint16_t kIceControlled = 0x8029;
inline constexpr uint16_t kIceControlling = 0x802A;
} // namespace stun_attr

enum class StunMethodClass : uint8_t { request = 0, indication = 1, success = 2, error = 3 };

// An IP address and port as STUN carries it (family 4 or 6; IPv4 uses ip[0..4)).
struct SocketAddress {
  uint8_t family = 4;
  std::array<uint8_t, 16> ip{};
  uint16_t port = 0;

  static SocketAddress v4(std::array<uint8_t, 4> a, uint16_t port) noexcept;
  static SocketAddress v6(const std::array<uint8_t, 16>& a, uint16_t port) noexcept;
  friend bool operator==(const SocketAddress&, const SocketAddress&) = default;
};

struct StunErrorCode {
  uint16_t code = 0;               // 300..699
  std::span<const uint8_t> reason; // UTF-8 reason phrase, unpadded
};

enum class StunParseError : uint8_t {
  none,
  too_short,  // fewer than 20 bytes
  not_stun,   // first byte above 3 (RFC 7983 section 7) or wrong magic cookie
  bad_length, // header length not a multiple of 4 or not the datagram's length
  truncated_attribute,
  bad_attribute,     // a known attribute with an impossible length or value
  after_fingerprint, // anything after FINGERPRINT (it must be last, RFC 8489 section 14.7)
};

// The MESSAGE-INTEGRITY key: HMAC-SHA1 (media::HmacSha1, no allocation per use) keyed with the
// ICE password (short-term credential, RFC 8489 section 9.1.1). One per ICE session, used on its
// worker only.
class StunIntegrityKey {
 public:
  explicit StunIntegrityKey(std::string_view password) noexcept;

  bool valid() const noexcept { return valid_; }
  // HMAC over the concatenation of the three parts; false if OpenSSL fails.
  bool compute(std::span<const uint8_t> a, std::span<const uint8_t> b, std::span<const uint8_t> c,
               std::span<uint8_t, kStunHmacSize> out) const noexcept {
    return valid_ && hmac_.compute(a, b, c, out);
  }

 private:
  HmacSha1 hmac_;
  bool valid_ = false;
};

class StunMessage {
 public:
  // Parses a whole datagram. Attributes after MESSAGE-INTEGRITY other than FINGERPRINT are
  // ignored (RFC 8489 section 14.5); of repeated attributes the first counts (section 14).
  static std::optional<StunMessage> parse(std::span<const uint8_t> data,
                                          StunParseError* error = nullptr) noexcept;

  std::span<const uint8_t> bytes() const noexcept { return data_; }
  uint16_t type() const noexcept { return type_; }
  uint16_t method() const noexcept;
  StunMethodClass method_class() const noexcept;
  std::span<const uint8_t, kStunTransactionIdSize> transaction_id() const noexcept {
    return data_.subspan<8, kStunTransactionIdSize>();
  }

  std::optional<std::span<const uint8_t>> username() const noexcept;
  std::optional<uint32_t> priority() const noexcept { return priority_; }
  bool use_candidate() const noexcept { return use_candidate_; }
  std::optional<uint64_t> ice_controlling() const noexcept { return ice_controlling_; }
  std::optional<uint64_t> ice_controlled() const noexcept { return ice_controlled_; }
  std::optional<SocketAddress> xor_mapped_address() const noexcept { return xor_mapped_; }
  std::optional<StunErrorCode> error_code() const noexcept;
  bool has_message_integrity() const noexcept { return integrity_offset_ != 0; }
  bool has_fingerprint() const noexcept { return fingerprint_offset_ != 0; }
  // Comprehension-required (type < 0x8000) attributes we do not understand (RFC 8489 section 15).
  std::span<const uint16_t> unknown_required() const noexcept { return {unknown_.data(), unknown_count_}; }

  // FINGERPRINT present and equal to CRC-32 of the message before it XOR 0x5354554e.
  bool check_fingerprint() const noexcept;
  // MESSAGE-INTEGRITY present and equal to HMAC-SHA1 of the message up to it, with the header
  // length counting up to the end of MESSAGE-INTEGRITY (RFC 8489 section 14.5). Constant-time.
  bool check_integrity(const StunIntegrityKey& key) const noexcept;

 private:
  StunMessage() = default;

  std::span<const uint8_t> data_;
  uint16_t type_ = 0;
  uint32_t username_offset_ = 0; // of the value; 0 = absent (no value can start before 24)
  uint32_t username_size_ = 0;
  uint32_t error_offset_ = 0;
  uint32_t error_size_ = 0;
  uint32_t integrity_offset_ = 0; // of the attribute header; 0 = absent
  uint32_t fingerprint_offset_ = 0;
  bool use_candidate_ = false;
  std::optional<uint32_t> priority_;
  std::optional<uint64_t> ice_controlling_;
  std::optional<uint64_t> ice_controlled_;
  std::optional<SocketAddress> xor_mapped_;
  std::array<uint16_t, kStunMaxUnknown> unknown_{};
  size_t unknown_count_ = 0;
};

// Checking an incoming ICE connectivity check (RFC 8445 section 7.3, RFC 8489 section 9.1.3),
// in the order that decides the response.
enum class IceCheckResult : uint8_t {
  ok,
  drop,              // not a Binding request, or no/bad FINGERPRINT: discard silently
  bad_request,       // 400: USERNAME or MESSAGE-INTEGRITY missing, or PRIORITY missing
  unauthorized,      // 401: USERNAME not "<our ufrag>:..." or MESSAGE-INTEGRITY wrong
  unknown_attribute, // 420: comprehension-required attributes we do not know
};
IceCheckResult check_ice_request(const StunMessage& request, std::string_view local_ufrag,
                                 const StunIntegrityKey& key) noexcept;

// Builds a STUN message into a caller-provided buffer. The header length is kept current after
// each attribute, as MESSAGE-INTEGRITY and FINGERPRINT need it. Overflow is sticky; finish()
// returns the message size or std::nullopt if anything did not fit or a hash failed.
class StunWriter {
 public:
  StunWriter(std::span<uint8_t> out, uint16_t type,
             std::span<const uint8_t, kStunTransactionIdSize> txid) noexcept;

  // Any attribute; `pad` fills the padding (RFC 8489 leaves its value open; zero by default).
  void add_attribute(uint16_t type, std::span<const uint8_t> value, uint8_t pad = 0) noexcept;
  void add_xor_mapped_address(const SocketAddress& address) noexcept;
  void add_error_code(uint16_t code, std::string_view reason) noexcept;
  void add_unknown_attributes(std::span<const uint16_t> types) noexcept;
  void add_message_integrity(const StunIntegrityKey& key) noexcept;
  void add_fingerprint() noexcept;
  std::optional<size_t> finish() const noexcept;

 private:
  uint8_t* begin_attribute(uint16_t type, size_t value_size) noexcept;
  void set_length(size_t total) noexcept;

  std::span<uint8_t> out_;
  size_t pos_ = 0;
  bool ok_ = true;
};

// Binding success response to `request`: XOR-MAPPED-ADDRESS, MESSAGE-INTEGRITY, FINGERPRINT.
std::optional<size_t> build_binding_success(std::span<uint8_t> out, const StunMessage& request,
                                            const SocketAddress& mapped,
                                            const StunIntegrityKey& key) noexcept;
// Binding error response: ERROR-CODE (+ UNKNOWN-ATTRIBUTES for 420), MESSAGE-INTEGRITY when `key`
// is given (not for 400/401, where the request's credentials are not trusted; RFC 8489
// section 9.1.3), FINGERPRINT.
std::optional<size_t> build_binding_error(std::span<uint8_t> out, const StunMessage& request, uint16_t code,
                                          std::string_view reason, const StunIntegrityKey* key) noexcept;

} // namespace plenum::media
