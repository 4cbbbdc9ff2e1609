#pragma once
// One peer connection's transport on the SFU: ICE-lite + DTLS 1.2 + SRTP over the worker's
// shared UDP socket. The worker routes datagrams here (STUN by ufrag, the rest by address);
// decrypted RTP and RTCP go to the Listener (the router), and send_rtp/send_rtcp encrypt in
// place in a socket send slot.
//
// Congestion control (issue 7, docs/architecture.md "Bandwidth estimation"): with
// set_send_transport_cc, send_rtp numbers every RTP packet with the transport-wide sequence
// number extension and the transport's bwe::BandwidthEstimator learns from the peer's
// transport-wide feedback (or REMB); with set_receive_transport_cc, the transport records the
// numbers of incoming RTP and sends transport-wide feedback itself from tick().

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "media/bwe/bandwidth_estimator.hpp"
#include "media/bwe/transport_cc_generator.hpp"
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
  uint64_t srtp_failures = 0;        // packets that failed authentication or replay checks
  uint64_t transport_cc_missing = 0; // RTP sent without room for the transport-wide sequence number
  uint64_t transport_cc_feedback_sent = 0;
};

// The sender SSRC of RTCP the SFU originates (the router's too): "PLNM".
inline constexpr uint32_t kRtcpSenderSsrc = 0x504c4e4d;

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
  // With set_send_transport_cc, the RTP must carry that one-byte header extension with a 2-byte
  // value (any content): send_rtp writes the next transport-wide sequence number into it and
  // records the packet in estimator(). `probe_cluster`: the cluster of a probe padding packet
  // (bwe::PaddingDue::cluster).
  bool send_rtp(std::span<uint8_t> slot, size_t length,
                int32_t probe_cluster = bwe::kNoProbeCluster) noexcept;
  bool send_rtcp(std::span<uint8_t> slot, size_t length) noexcept;
  net::UdpSocket& socket() noexcept { return socket_; }
  bool sending() const noexcept { return srtp_.has_value() && ice_.selected().has_value(); }

  // Transport-wide congestion control (draft-holmer-rmcat-transport-wide-cc-extensions-01), the
  // header extension id the SDP negotiated on this transport (0: off). Send side: outgoing RTP
  // is numbered; incoming transport-wide feedback and REMB go to estimator() (the listener still
  // gets every compound). Receive side: incoming RTP's numbers are recorded and feedback goes
  // out every 50 ms from tick(), for the media SSRC of the latest packet.
  void set_send_transport_cc(uint8_t ext_id) noexcept { send_twcc_id_ = ext_id; }
  void set_receive_transport_cc(uint8_t ext_id) noexcept { receive_twcc_id_ = ext_id; }
  bwe::BandwidthEstimator& estimator() noexcept { return estimator_; }
  const bwe::BandwidthEstimator& estimator() const noexcept { return estimator_; }
  // The clock send_rtp stamps packets with (ms, the same as the now_ms of the other calls); the
  // worker's steady clock unless a test sets another.
  using Clock = int64_t (*)() noexcept;
  void set_clock(Clock clock) noexcept { clock_ = clock; }

 private:
  void flush_dtls();
  // Sends `length` bytes already in a UDP send slot to `to`, over ICE-TCP if that is its path.
  void emit(std::span<uint8_t> slot, size_t length, const SocketAddress& to);
  void set_state(TransportState state);
  void on_dtls_connected();
  void number_transport_cc(std::span<uint8_t> rtp) noexcept;
  void on_feedback(std::span<const uint8_t> compound, int64_t now_ms) noexcept;
  void send_transport_feedback(int64_t now_ms) noexcept;

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
  uint8_t send_twcc_id_ = 0;
  uint8_t receive_twcc_id_ = 0;
  uint16_t next_twcc_seq_ = 0;
  bool twcc_numbered_ = false; // the packet in send_rtp got a transport-wide sequence number
  uint32_t last_media_ssrc_ = 0;
  Clock clock_;
  bwe::BandwidthEstimator estimator_;
  bwe::TransportCcGenerator feedback_;
};

} // namespace plenum::media::transport
