#pragma once
// One peer connection's transport on the SFU: ICE-lite + DTLS 1.2 + SRTP over the worker's
// shared UDP socket. The worker routes datagrams here (STUN by ufrag, the rest by address);
// decrypted RTP and RTCP go to the Listener (the router), and send_rtp/send_rtcp encrypt in
// place in a socket send slot.

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "media/dtls/dtls_transport.hpp"
#include "media/ice/ice_lite_agent.hpp"
#include "media/net/socket_address.hpp"
#include "media/net/tcp_connection.hpp"
#include "media/net/udp_socket.hpp"
#include "media/rtp.hpp"
#include "media/srtp/srtp_context.hpp"

namespace plenum::media::transport {

enum class TransportState : uint8_t { connecting, connected, disconnected, failed, closed };
std::string_view to_string(TransportState state) noexcept;

struct TransportCounters {
  uint64_t rtp_received = 0;
  uint64_t rtp_received_bytes = 0;
  uint64_t rtp_sent = 0;
  uint64_t rtp_sent_bytes = 0;
  uint64_t rtcp_received = 0;
  uint64_t rtcp_sent = 0;
  uint64_t srtp_failures = 0; // packets that failed authentication or replay checks
};

class WebRtcTransport;

class TransportListener {
 public:
  virtual ~TransportListener() = default;
  virtual void on_state(WebRtcTransport& t, TransportState state) = 0;
  virtual void on_rtp(WebRtcTransport& t, RtpPacket& packet, int64_t now_ms) = 0;
  virtual void on_rtcp(WebRtcTransport& t, std::span<const uint8_t> compound, int64_t now_ms) = 0;
};

class WebRtcTransport {
 public:
  WebRtcTransport(uint32_t id, std::string ufrag, std::string pwd,
                  std::shared_ptr<const dtls::DtlsCertificate> cert, net::UdpSocket& socket,
                  TransportListener& listener);
  WebRtcTransport(const WebRtcTransport&) = delete;
  WebRtcTransport& operator=(const WebRtcTransport&) = delete;

  uint32_t id() const noexcept { return id_; }
  const ice::IceLiteAgent& ice() const noexcept { return ice_; }
  TransportState state() const noexcept { return state_; }
  const TransportCounters& counters() const noexcept { return counters_; }

  // The peer's DTLS fingerprint and our role, once its SDP is known. Datagrams that arrive
  // earlier (a fast ClientHello) wait in a small queue.
  Result<void> set_remote_dtls(std::string_view fingerprint, dtls::DtlsRole our_role);
  void restart_ice(std::string ufrag, std::string pwd) { ice_.restart(std::move(ufrag), std::move(pwd)); }

  // From the worker's demultiplexer.
  // `via`: the ICE-TCP connection the check came on (RFC 6544), null for UDP.
  void on_stun(const StunMessage& request, const SocketAddress& from, int64_t now_ms,
               net::TcpConnection* via = nullptr);
  void remove_tcp_path(const net::TcpConnection* connection);
  bool accepts(const SocketAddress& from) const noexcept { return ice_.validated(from); }
  void on_datagram(std::span<uint8_t> datagram, const SocketAddress& from, int64_t now_ms);
  void tick(int64_t now_ms);
  void close();

  // Packet path. `slot` comes from socket().acquire() and holds `length` bytes of plain RTP/RTCP;
  // encrypts in place and queues it for the selected address. False when not connected.
  bool send_rtp(std::span<uint8_t> slot, size_t length) noexcept;
  bool send_rtcp(std::span<uint8_t> slot, size_t length) noexcept;
  net::UdpSocket& socket() noexcept { return socket_; }
  bool sending() const noexcept { return srtp_.has_value() && ice_.selected().has_value(); }

 private:
  void flush_dtls();
  // Sends `length` bytes already in a UDP send slot to `to`, over ICE-TCP if that is its path.
  void emit(std::span<uint8_t> slot, size_t length, const SocketAddress& to);
  void set_state(TransportState state);
  void on_dtls_connected();

  uint32_t id_;
  ice::IceLiteAgent ice_;
  std::shared_ptr<const dtls::DtlsCertificate> cert_;
  net::UdpSocket& socket_;
  TransportListener& listener_;
  std::unique_ptr<dtls::DtlsTransport> dtls_;
  std::optional<dtls::DtlsSrtpContexts> srtp_;
  std::unordered_map<SocketAddress, net::TcpConnection*, net::SocketAddressHash> tcp_paths_;
  std::deque<std::vector<uint8_t>> early_; // DTLS before the remote fingerprint was known
  TransportState state_ = TransportState::connecting;
  TransportCounters counters_;
};

} // namespace plenum::media::transport
