#include "media/transport/webrtc_transport.hpp"

#include <array>
#include <chrono>

#include "media/bytes.hpp"
#include "media/demux.hpp"
#include "media/rtcp.hpp"

namespace plenum::media::transport {

namespace {
constexpr size_t kMaxEarlyDatagrams = 8;
constexpr size_t kTransportCcValueSize = 2;
// Room left in a send slot for SRTCP's index and authentication tag.
constexpr size_t kSrtcpTrailerRoom = 32;

int64_t steady_now_ms() noexcept {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
} // namespace

std::string_view to_string(TransportState state) noexcept {
  switch (state) {
    case TransportState::connecting: return "connecting";
    case TransportState::connected: return "connected";
    case TransportState::disconnected: return "disconnected";
    case TransportState::failed: return "failed";
    case TransportState::closed: return "closed";
  }
  return "unknown";
}

WebRtcTransport::WebRtcTransport(uint32_t id, std::string ufrag, std::string pwd,
                                 std::shared_ptr<const dtls::DtlsCertificate> cert, net::UdpSocket& socket,
                                 TransportListener& listener)
    : id_(id),
      ice_(std::move(ufrag), std::move(pwd)),
      cert_(std::move(cert)),
      socket_(socket),
      listener_(listener),
      clock_(&steady_now_ms) {}

Result<void> WebRtcTransport::set_remote_dtls(std::string_view fingerprint, dtls::DtlsRole our_role) {
  if (dtls_) return {}; // fixed for the transport's life (an ICE restart keeps DTLS)
  auto created = dtls::DtlsTransport::create(cert_, our_role, fingerprint);
  if (!created) return created.error();
  dtls_ = std::move(*created);
  dtls_->start();
  flush_dtls();
  while (!early_.empty()) {
    dtls_->receive(early_.front());
    early_.pop_front();
  }
  flush_dtls();
  if (dtls_->state() == dtls::DtlsState::connected) on_dtls_connected();
  return {};
}

void WebRtcTransport::on_stun(const StunMessage& request, const SocketAddress& from, int64_t now_ms,
                              net::TcpConnection* via) {
  if (state_ == TransportState::closed) return;
  if (via != nullptr) tcp_paths_[from] = via;
  auto slot = socket_.acquire();
  const auto reply = ice_.handle(request, from, slot, now_ms);
  if (reply.response_size > 0) emit(slot, reply.response_size, from);
  if (reply.selected_changed) flush_dtls(); // anything waiting for an address
  if (ice_.state(now_ms) == ice::IceState::connected && state_ == TransportState::disconnected)
    set_state(TransportState::connected);
}

void WebRtcTransport::on_datagram(std::span<uint8_t> datagram, const SocketAddress& /*from*/,
                                  int64_t now_ms) {
  switch (classify_packet(datagram)) {
    case PacketKind::dtls:
      if (!dtls_) {
        if (early_.size() < kMaxEarlyDatagrams) early_.emplace_back(datagram.begin(), datagram.end());
        return;
      }
      {
        const bool was_connected = dtls_->state() == dtls::DtlsState::connected;
        dtls_->receive(datagram);
        flush_dtls();
        if (!was_connected && dtls_->state() == dtls::DtlsState::connected) on_dtls_connected();
        if (dtls_->state() == dtls::DtlsState::failed) set_state(TransportState::failed);
      }
      return;
    case PacketKind::rtp: {
      if (!srtp_) return;
      const auto outcome = srtp_->receive.unprotect_rtp(datagram);
      if (!outcome.ok()) {
        ++counters_.srtp_failures;
        return;
      }
      auto packet = RtpPacket::parse(datagram.first(outcome.size));
      if (!packet) return;
      ++counters_.rtp_received;
      counters_.rtp_received_bytes += outcome.size;
      if (receive_twcc_id_ != 0) {
        if (auto ext = packet->extension(receive_twcc_id_); ext && ext->size() == kTransportCcValueSize) {
          feedback_.on_packet(load_be16(ext->data()), now_ms * 1000);
          last_media_ssrc_ = packet->ssrc();
        }
      }
      listener_.on_rtp(*this, *packet, now_ms);
      return;
    }
    case PacketKind::rtcp: {
      if (!srtp_) return;
      const auto outcome = srtp_->receive.unprotect_rtcp(datagram);
      if (!outcome.ok()) {
        ++counters_.srtp_failures;
        return;
      }
      ++counters_.rtcp_received;
      on_feedback(datagram.first(outcome.size), now_ms);
      listener_.on_rtcp(*this, datagram.first(outcome.size), now_ms);
      return;
    }
    default: return;
  }
}

void WebRtcTransport::tick(int64_t now_ms) {
  if (state_ == TransportState::closed || state_ == TransportState::failed) return;
  if (dtls_) {
    if (auto left = dtls_->timeout(); left && left->count() <= 0) {
      dtls_->handle_timeout();
      flush_dtls();
      if (dtls_->state() == dtls::DtlsState::failed) set_state(TransportState::failed);
    }
  }
  if (receive_twcc_id_ != 0) send_transport_feedback(now_ms);
  switch (ice_.state(now_ms)) {
    case ice::IceState::failed: set_state(TransportState::failed); break;
    case ice::IceState::disconnected:
      if (state_ == TransportState::connected) set_state(TransportState::disconnected);
      break;
    default: break;
  }
}

void WebRtcTransport::close() {
  if (state_ == TransportState::closed) return;
  set_state(TransportState::closed);
}

bool WebRtcTransport::send_rtp(std::span<uint8_t> slot, size_t length, int32_t probe_cluster) noexcept {
  if (!sending() || state_ == TransportState::closed) return false;
  twcc_numbered_ = false;
  if (send_twcc_id_ != 0) number_transport_cc(slot.first(length));
  const auto outcome = srtp_->send.protect_rtp(slot, length);
  if (!outcome.ok()) return false;
  if (twcc_numbered_) estimator_.on_packet_sent(next_twcc_seq_++, outcome.size, clock_(), probe_cluster);
  emit(slot, outcome.size, *ice_.selected());
  ++counters_.rtp_sent;
  counters_.rtp_sent_bytes += outcome.size;
  return true;
}

void WebRtcTransport::number_transport_cc(std::span<uint8_t> rtp) noexcept {
  auto packet = RtpPacket::parse(rtp);
  std::array<uint8_t, kTransportCcValueSize> value{};
  store_be16(value.data(), next_twcc_seq_);
  if (packet && packet->set_extension(send_twcc_id_, value)) {
    twcc_numbered_ = true;
  } else {
    ++counters_.transport_cc_missing;
  }
}

void WebRtcTransport::on_feedback(std::span<const uint8_t> compound, int64_t now_ms) noexcept {
  RtcpReader reader(compound);
  while (auto packet = reader.next()) {
    auto fb = RtcpFeedback::parse(*packet);
    if (!fb) continue;
    if (fb->type == rtcp_type::kRtpfb && fb->fmt == rtcp_fmt::kTransportCc) {
      if (auto tcc = TransportCc::parse(*fb)) estimator_.on_transport_feedback(*tcc, now_ms);
    } else if (auto remb = Remb::parse(*fb)) {
      estimator_.on_remb(remb->bitrate_bps(), now_ms);
    }
  }
}

void WebRtcTransport::send_transport_feedback(int64_t now_ms) noexcept {
  if (!sending() || !feedback_.due(now_ms)) return;
  auto slot = socket_.acquire();
  if (slot.size() <= kSrtcpTrailerRoom) return;
  const auto size =
      feedback_.build(slot.first(slot.size() - kSrtcpTrailerRoom), kRtcpSenderSsrc, last_media_ssrc_, now_ms);
  if (size && send_rtcp(slot, *size)) ++counters_.transport_cc_feedback_sent;
}

bool WebRtcTransport::send_rtcp(std::span<uint8_t> slot, size_t length) noexcept {
  if (!sending() || state_ == TransportState::closed) return false;
  const auto outcome = srtp_->send.protect_rtcp(slot, length);
  if (!outcome.ok()) return false;
  emit(slot, outcome.size, *ice_.selected());
  ++counters_.rtcp_sent;
  return true;
}

void WebRtcTransport::flush_dtls() {
  if (!dtls_) return;
  const auto& to = ice_.selected();
  auto out = dtls_->take_outgoing();
  if (!to) return; // DTLS retransmits once ICE has an address
  for (const auto& datagram : out) {
    if (auto it = tcp_paths_.find(*to); it != tcp_paths_.end())
      it->second->send(datagram);
    else
      socket_.send(datagram, *to);
  }
}

void WebRtcTransport::emit(std::span<uint8_t> slot, size_t length, const SocketAddress& to) {
  if (auto it = tcp_paths_.find(to); it != tcp_paths_.end()) {
    it->second->send(slot.first(length)); // the UDP slot is reused: it was never committed
    return;
  }
  socket_.commit(length, to);
}

void WebRtcTransport::remove_tcp_path(const net::TcpConnection* connection) {
  std::erase_if(tcp_paths_, [connection](const auto& e) { return e.second == connection; });
}

void WebRtcTransport::on_dtls_connected() {
  auto contexts = dtls_->srtp_contexts();
  if (!contexts) {
    set_state(TransportState::failed);
    return;
  }
  srtp_.emplace(std::move(*contexts));
  set_state(TransportState::connected);
}

void WebRtcTransport::set_state(TransportState state) {
  if (state_ == state || state_ == TransportState::closed) return;
  state_ = state;
  listener_.on_state(*this, state);
}

} // namespace plenum::media::transport
