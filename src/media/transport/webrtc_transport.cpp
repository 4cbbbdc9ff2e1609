#include "media/transport/webrtc_transport.hpp"

#include <array>

#include "media/demux.hpp"

namespace plenum::media::transport {

namespace {
constexpr size_t kMaxEarlyDatagrams = 8;
}

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
      listener_(listener) {}

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

bool WebRtcTransport::send_rtp(std::span<uint8_t> slot, size_t length) noexcept {
  if (!sending() || state_ == TransportState::closed) return false;
  const auto outcome = srtp_->send.protect_rtp(slot, length);
  if (!outcome.ok()) return false;
  emit(slot, outcome.size, *ice_.selected());
  ++counters_.rtp_sent;
  counters_.rtp_sent_bytes += outcome.size;
  return true;
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
