#pragma once
// An SRTP/SRTCP crypto context (RFC 3711, RFC 7714) on OpenSSL EVP: one master key and salt,
// the derived session keys, and per-SSRC state (rollover counter, SRTCP index, replay window).
// Every operation works in place on the caller's buffer and allocates nothing: the cipher
// contexts are created once and only re-keyed with a new IV per packet. One context per
// direction in practice (DTLS-SRTP gives one key for what we send, one for what we receive);
// protect and unprotect keep separate per-SSRC state, so one context can also do both.
//
// Not thread-safe: a transport and its contexts live on one media worker.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "base/result.hpp"
#include "media/srtp/srtp_kdf.hpp"
#include "media/srtp/srtp_profile.hpp"

namespace plenum::media::srtp {

// Per-packet failures are plain values: the packet path neither allocates nor builds messages.
enum class SrtpError : std::uint8_t {
  none,
  too_short,        // shorter than header + tag (+ SRTCP index)
  malformed,        // not RTP version 2 / header longer than the packet
  no_room,          // protect: the buffer has no room for the tag (+ index)
  auth_failed,      // tag mismatch: tampered, wrong key or wrong rollover counter
  replayed,         // index already seen or older than the replay window
  too_many_streams, // more SSRCs than kSrtpMaxStreams in one direction
  crypto,           // OpenSSL reported an error (not expected)
};

std::string_view to_string(SrtpError error) noexcept;

struct SrtpOutcome {
  SrtpError error = SrtpError::none;
  std::size_t size = 0; // the packet's new length on success

  bool ok() const noexcept { return error == SrtpError::none; }
};

// SSRCs tracked per direction and packet kind; the state table is allocated at creation.
inline constexpr std::size_t kSrtpMaxStreams = 256;

class SrtpContext {
 public:
  static Result<SrtpContext> create(SrtpProfile profile, std::span<const std::uint8_t> master_key,
                                    std::span<const std::uint8_t> master_salt);
  // From already derived session keys (the RFC 7714 §16 test vectors give those).
  static Result<SrtpContext> create_from_session_keys(SrtpProfile profile, const SrtpSessionKeySet& keys);

  SrtpContext(SrtpContext&&) noexcept;
  SrtpContext& operator=(SrtpContext&&) noexcept;
  SrtpContext(const SrtpContext&) = delete;
  SrtpContext& operator=(const SrtpContext&) = delete;
  ~SrtpContext();

  SrtpProfile profile() const noexcept;

  // RTP → SRTP. The packet is buffer[0, length); the tag is appended, so the buffer needs
  // auth_tag_length(profile) bytes of room behind it. The rollover counter follows the sequence
  // numbers (RFC 3711 Appendix A estimate, as on the receiving side).
  SrtpOutcome protect_rtp(std::span<std::uint8_t> buffer, std::size_t length) noexcept;
  // SRTP → RTP in place; on success `size` is the plain packet's length. On failure the
  // payload bytes may have been overwritten (drop the packet).
  SrtpOutcome unprotect_rtp(std::span<std::uint8_t> packet) noexcept;

  // RTCP → SRTCP (always encrypted, E = 1), appends index and tag (kSrtpMaxRtcpOverhead room).
  SrtpOutcome protect_rtcp(std::span<std::uint8_t> buffer, std::size_t length) noexcept;
  SrtpOutcome unprotect_rtcp(std::span<std::uint8_t> packet) noexcept;

  // For tests and the first packet of a stream that joins late (RFC 3711 §3.3.1): the
  // rollover counter protect_rtp uses for `ssrc` until the sequence number wraps.
  SrtpError set_send_roc(std::uint32_t ssrc, std::uint32_t roc) noexcept;

 private:
  struct State;
  explicit SrtpContext(std::unique_ptr<State> state) noexcept;
  std::unique_ptr<State> state_;
};

} // namespace plenum::media::srtp
