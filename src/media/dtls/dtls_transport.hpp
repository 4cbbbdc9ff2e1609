#pragma once
// DTLS 1.2 for DTLS-SRTP (RFC 5763, RFC 5764) on OpenSSL without sockets: the SFU owns the UDP
// socket, feeds received DTLS datagrams in (receive) and sends what take_outgoing() returns.
// The caller also drives retransmission: when timeout() has elapsed it calls handle_timeout().
//
// The peer certificate is accepted when self-signed (as every WebRTC certificate is) and its
// SHA-256 digest equals the fingerprint from the peer's SDP (RFC 5763 §5); otherwise the
// handshake fails. Afterwards srtp_contexts() gives the SRTP contexts for sending and
// receiving, keyed from the exported keying material (RFC 5764 §4.2).
//
// Handshake only: allocation here is fine, it is not the packet path.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/srtp/srtp_context.hpp"

using SSL = struct ssl_st;
using SSL_CTX = struct ssl_ctx_st;
using BIO = struct bio_st;
using X509_STORE_CTX = struct x509_store_ctx_st;

namespace plenum::media::dtls {

// Offered in this order (RFC 7714 §14.2 GCM first, RFC 5764 §4.1.2 AES-CM as fallback).
inline constexpr const char* kDtlsSrtpProfiles = "SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80";
// Largest datagram we send (handshake flights are fragmented to fit): leaves room for
// IPv6 + UDP + TURN framing within a 1,280-byte path MTU.
inline constexpr long kDtlsMtu = 1200;
// First retransmission after this long, doubling up to kDtlsMaxRetransmitTimeout
// (RFC 6347 §4.2.4.1 suggests 1 s; WebRTC stacks start lower to connect faster).
inline constexpr std::chrono::milliseconds kDtlsInitialRetransmitTimeout{100};
inline constexpr std::chrono::milliseconds kDtlsMaxRetransmitTimeout{3000};

enum class DtlsRole : std::uint8_t { client, server };
enum class DtlsState : std::uint8_t { handshaking, connected, failed, closed };

// Master keys and salts after the handshake, from our side's point of view.
struct DtlsSrtpKeys {
  srtp::SrtpProfile profile = srtp::SrtpProfile::aead_aes_128_gcm;
  std::vector<std::uint8_t> local_key;
  std::vector<std::uint8_t> local_salt;
  std::vector<std::uint8_t> remote_key;
  std::vector<std::uint8_t> remote_salt;
};

struct DtlsSrtpContexts {
  srtp::SrtpContext send;    // protects what we send (our master key)
  srtp::SrtpContext receive; // unprotects what the peer sends
};

class DtlsTransport {
 public:
  static Result<std::unique_ptr<DtlsTransport>> create(std::shared_ptr<const DtlsCertificate> certificate,
                                                       DtlsRole role, std::string_view remote_fingerprint);

  DtlsTransport(const DtlsTransport&) = delete;
  DtlsTransport& operator=(const DtlsTransport&) = delete;
  ~DtlsTransport();

  // Client: sends the ClientHello. Server: waits for one.
  void start();
  // One received DTLS datagram (RFC 7983 demultiplexing: first byte 20..63).
  void receive(std::span<const std::uint8_t> datagram);
  // Datagrams to send to the peer, in order; the queue is emptied.
  std::vector<std::vector<std::uint8_t>> take_outgoing();
  // Time until handle_timeout() is due, while a flight awaits an answer.
  std::optional<std::chrono::microseconds> timeout() const;
  // Retransmits the last flight if its timer expired (DTLSv1_handle_timeout).
  void handle_timeout();

  DtlsState state() const noexcept { return state_; }
  DtlsRole role() const noexcept { return role_; }
  // Why the handshake failed (for logs; no secrets).
  const std::string& failure() const noexcept { return failure_; }

  // After the handshake: the raw "EXTRACTOR-dtls_srtp" material (RFC 5764 §4.2), the split keys
  // and the SRTP contexts.
  Result<std::vector<std::uint8_t>> keying_material() const;
  Result<DtlsSrtpKeys> srtp_keys() const;
  Result<DtlsSrtpContexts> srtp_contexts() const;

 private:
  DtlsTransport(std::shared_ptr<const DtlsCertificate> certificate, DtlsRole role,
                Sha256Digest remote_fingerprint);
  void drive();
  void fail(std::string why);
  static int verify_callback(int preverify_ok, X509_STORE_CTX* store) noexcept;
  static int write_datagram(BIO* bio, const char* data, int length) noexcept;
  static long bio_ctrl(BIO* bio, int cmd, long num, void* ptr) noexcept;

  std::shared_ptr<const DtlsCertificate> certificate_;
  DtlsRole role_;
  Sha256Digest remote_fingerprint_;
  DtlsState state_ = DtlsState::handshaking;
  std::string failure_;
  bool fingerprint_mismatch_ = false;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  BIO* in_ = nullptr; // memory BIO: one datagram at a time
  std::vector<std::vector<std::uint8_t>> outgoing_;
};

} // namespace plenum::media::dtls
