#include "media/server/worker.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "media/demux.hpp"

namespace plenum::media::server {

namespace {
constexpr std::chrono::milliseconds kTick{20};
constexpr size_t kMaxTcpConnections = 1024;      // per worker
constexpr int64_t kTcpUnboundTimeoutMs = 10'000; // a connection without a valid ICE check by then is closed
constexpr size_t kMaxBatchesPerTurn = 4;         // recvmmsg batches per loop turn (128 datagrams)

std::optional<std::string_view> ufrag_of(const StunMessage& message) {
  auto username = message.username();
  if (!username) return std::nullopt;
  const std::string_view name(reinterpret_cast<const char*>(username->data()), username->size());
  return name.substr(0, name.find(':'));
}
} // namespace

Result<std::unique_ptr<Worker>> Worker::create(const std::string& listen_ip, uint16_t port,
                                               std::shared_ptr<const dtls::DtlsCertificate> certificate,
                                               bool tcp, bool segmentation) {
  auto loop = worker::EventLoop::create(kTick);
  if (!loop) return loop.error();
  auto socket = net::UdpSocket::bind(listen_ip, port);
  if (!socket) return socket.error();
  socket->set_segmentation(segmentation);
  std::unique_ptr<Worker> w(new Worker(std::move(*loop), std::move(*socket), std::move(certificate)));
  Worker* self = w.get();
  w->loop_->watch(w->socket_.fd(), [self] { self->on_readable(); });
  w->relay_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (w->relay_fd_ < 0)
    return make_error(ErrorCode::internal, std::string("eventfd: ") + std::strerror(errno));
  w->loop_->watch(w->relay_fd_, [self] { self->on_relay_wake(); });
  w->loop_->on_tick([self](int64_t now) { self->on_tick(now); });
  if (tcp) {
    // The UDP port's number when it is free, any port otherwise.
    if (auto listening = w->listen_tcp(listen_ip, w->port_); !listening) {
      if (auto any = w->listen_tcp(listen_ip, 0); !any) return any.error();
    }
    w->loop_->watch(w->tcp_fd_, [self] { self->on_accept(); });
  }
  w->loop_->on_turn_end([self] {
    // One wake per burst: the packets of this turn went into the links already.
    for (auto& link : self->outbound_)
      if (link->wake_if_pushed()) ++self->relay_wakes_;
    self->socket_.flush();
    std::vector<net::TcpConnection*> broken;
    for (auto& [c, owned] : self->tcp_)
      if (c->wants_write() && !c->flush()) broken.push_back(c);
    for (auto* c : broken) self->close_tcp(c);
  });
  w->thread_ = std::thread([self] { self->loop_->run(); });
  return w;
}

Worker::Worker(std::unique_ptr<worker::EventLoop> loop, net::UdpSocket socket,
               std::shared_ptr<const dtls::DtlsCertificate> certificate)
    : loop_(std::move(loop)),
      socket_(std::move(socket)),
      port_(socket_.port()),
      certificate_(std::move(certificate)) {}

Worker::~Worker() {
  stop();
  if (tcp_fd_ >= 0) ::close(tcp_fd_);
  if (relay_fd_ >= 0) ::close(relay_fd_);
}

void Worker::stop() {
  if (!thread_.joinable()) return;
  loop_->post([this] {
    routers_.clear();
    tcp_owner_.clear();
    tcp_.clear();
  });
  loop_->stop();
  thread_.join();
}

Result<void> Worker::listen_tcp(const std::string& listen_ip, uint16_t port) {
  auto address = net::parse_ip(listen_ip, port);
  if (!address) return make_error(ErrorCode::invalid_argument, "not an IP address: " + listen_ip);
  const int fd =
      ::socket(address->family == 4 ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return make_error(ErrorCode::internal, std::string("socket: ") + std::strerror(errno));
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_storage storage{};
  const socklen_t length = net::to_sockaddr(*address, storage);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&storage), length) != 0 || ::listen(fd, 128) != 0) {
    const int e = errno;
    ::close(fd);
    return make_error(ErrorCode::unavailable, std::string("ICE-TCP listen: ") + std::strerror(e));
  }
  socklen_t bound_length = sizeof storage;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &bound_length);
  tcp_fd_ = fd;
  tcp_port_ = net::from_sockaddr(storage).value_or(*address).port;
  return {};
}

void Worker::on_accept() {
  const int64_t now = worker::EventLoop::now_ms();
  for (;;) {
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    const int fd =
        ::accept4(tcp_fd_, reinterpret_cast<sockaddr*>(&storage), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) return;
    auto peer = net::from_sockaddr(storage);
    if (!peer || tcp_.size() >= kMaxTcpConnections) {
      ::close(fd);
      continue;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    auto connection = std::make_unique<net::TcpConnection>(fd, *peer, now);
    net::TcpConnection* c = connection.get();
    tcp_.emplace(c, std::move(connection));
    loop_->watch(fd, [this, c] { on_tcp_readable(c); });
  }
}

void Worker::on_tcp_readable(net::TcpConnection* c) {
  const int64_t now = worker::EventLoop::now_ms();
  const bool open = c->read([&](std::span<uint8_t> packet) {
    if (classify_packet(packet) == PacketKind::stun) {
      auto message = StunMessage::parse(packet);
      if (!message || message->method_class() != StunMethodClass::request) return;
      auto ufrag = ufrag_of(*message);
      if (!ufrag) return;
      auto it = by_ufrag_.find(std::string(*ufrag));
      if (it == by_ufrag_.end()) return;
      it->second->on_stun(*message, c->peer(), now, c);
      if (it->second->accepts(c->peer())) tcp_owner_[c] = it->second;
      return;
    }
    auto owner = tcp_owner_.find(c);
    if (owner != tcp_owner_.end()) owner->second->on_datagram(packet, c->peer(), now);
  });
  if (!open) close_tcp(c);
}

void Worker::close_tcp(net::TcpConnection* c) {
  if (auto owner = tcp_owner_.find(c); owner != tcp_owner_.end()) {
    owner->second->remove_tcp_path(c);
    tcp_owner_.erase(owner);
  }
  loop_->unwatch(c->fd());
  tcp_.erase(c);
}

router::Router& Worker::router(uint64_t room, const std::string& label,
                               const std::shared_ptr<router::RouterObserver>& observer) {
  labels_[room] = label;
  auto& r = routers_[room];
  if (!r) r = std::make_unique<router::Router>(*this, observer);
  counters_.rooms = routers_.size();
  return *r;
}

router::Router* Worker::find_router(uint64_t room) {
  auto it = routers_.find(room);
  return it == routers_.end() ? nullptr : it->second.get();
}

void Worker::close_router(uint64_t room) {
  routers_.erase(room);
  labels_.erase(room);
  counters_.rooms = routers_.size();
}

void Worker::add_outbound(std::shared_ptr<relay::RelayLink> link) {
  if (std::find(outbound_.begin(), outbound_.end(), link) == outbound_.end())
    outbound_.push_back(std::move(link));
}

void Worker::add_inbound(std::shared_ptr<relay::RelayLink> link) {
  if (std::find(inbound_.begin(), inbound_.end(), link) == inbound_.end())
    inbound_.push_back(std::move(link));
}

void Worker::on_relay_wake() {
  uint64_t wakes = 0;
  [[maybe_unused]] const auto n = ::read(relay_fd_, &wakes, sizeof wakes);
  const int64_t now = worker::EventLoop::now_ms();
  for (auto& link : inbound_) {
    link->drain([this, now](const relay::RelayHeader& h, std::span<uint8_t> bytes) {
      auto* r = find_router(h.room);
      auto packet = RtpPacket::parse(bytes);
      if (r == nullptr || !packet) {
        ++unroutable_;
        return;
      }
      r->on_relayed_rtp(h.producer, h.stream, *packet, h.keyframe, now);
    });
  }
}

void Worker::register_ufrag(const std::string& ufrag, transport::WebRtcTransport* t) {
  by_ufrag_[ufrag] = t;
  counters_.transports = by_ufrag_.size();
}

void Worker::unregister_ufrag(const std::string& ufrag) {
  by_ufrag_.erase(ufrag);
  counters_.transports = by_ufrag_.size();
}

void Worker::unregister(transport::WebRtcTransport* t) {
  std::erase_if(by_ufrag_, [t](const auto& e) { return e.second == t; });
  std::erase_if(by_address_, [t](const auto& e) { return e.second == t; });
  std::erase_if(tcp_owner_, [t](const auto& e) { return e.second == t; });
  counters_.transports = by_ufrag_.size();
}

void Worker::on_readable() {
  const int64_t now = worker::EventLoop::now_ms();
  // At most kMaxBatchesPerTurn batches, then back to the loop: the socket stays readable (epoll is
  // level-triggered), but posted commands (new transports), the tick (RTCP, NACK retries, DTLS
  // retransmission) and the send flush get their turn. Draining until the socket is empty would
  // starve them for as long as the worker is overloaded: new participants would never connect.
  for (size_t batch = 0; batch < kMaxBatchesPerTurn; ++batch) {
    const size_t n = socket_.receive(
        [this, now](std::span<uint8_t> d, const SocketAddress& from) { on_datagram(d, from, now); });
    if (n < net::kBatchSize) break;
  }
}

void Worker::on_datagram(std::span<uint8_t> datagram, const SocketAddress& from, int64_t now_ms) {
  if (classify_packet(datagram) == PacketKind::stun) {
    auto message = StunMessage::parse(datagram);
    if (!message || message->method_class() != StunMethodClass::request) return;
    auto ufrag = ufrag_of(*message);
    if (!ufrag) return;
    auto it = by_ufrag_.find(std::string(*ufrag));
    if (it == by_ufrag_.end()) {
      ++unroutable_;
      return;
    }
    it->second->on_stun(*message, from, now_ms);
    if (it->second->accepts(from)) by_address_[from] = it->second;
    return;
  }
  auto it = by_address_.find(from);
  if (it == by_address_.end()) {
    ++unroutable_;
    return;
  }
  it->second->on_datagram(datagram, from, now_ms);
}

void Worker::on_tick(int64_t now_ms) {
  for (auto& [id, r] : routers_) r->tick(now_ms);
  std::vector<net::TcpConnection*> idle;
  for (auto& [c, owned] : tcp_)
    if (!tcp_owner_.contains(c) && now_ms - c->accepted_ms() > kTcpUnboundTimeoutMs) idle.push_back(c);
  for (auto* c : idle) close_tcp(c);
  publish_counters();
  if (now_ms - last_snapshot_ms_ >= 1'000) {
    last_snapshot_ms_ = now_ms;
    std::vector<RoomSnapshot> rooms;
    rooms.reserve(routers_.size());
    for (auto& [id, r] : routers_) {
      RoomSnapshot snapshot;
      snapshot.label = labels_[id];
      snapshot.router = r->counters();
      r->for_each_transport([&snapshot](const transport::WebRtcTransport& t) {
        snapshot.transports.emplace_back(t.id(), t.counters());
      });
      rooms.push_back(std::move(snapshot));
    }
    std::lock_guard lock(snapshot_mutex_);
    snapshots_.swap(rooms);
  }
}

std::vector<RoomSnapshot> Worker::room_snapshots() const {
  std::lock_guard lock(snapshot_mutex_);
  return snapshots_;
}

void Worker::publish_counters() {
  const auto& s = socket_.stats();
  counters_.packets_in = s.received;
  counters_.packets_out = s.sent;
  counters_.bytes_in = s.received_bytes;
  counters_.bytes_out = s.sent_bytes;
  counters_.unroutable = unroutable_;
  for (size_t i = 0; i < net::kSendDelayBuckets; ++i) counters_.send_delay[i] = s.send_delay[i];
  counters_.send_delay_sum_us = s.send_delay_sum_us;
  uint64_t sent = 0, dropped = 0, received = 0;
  for (const auto& link : outbound_) {
    sent += link->counters().relayed;
    dropped += link->counters().dropped;
  }
  for (const auto& link : inbound_) received += link->counters().received;
  counters_.relay_sent = sent;
  counters_.relay_dropped = dropped;
  counters_.relay_received = received;
  counters_.relay_wakes = relay_wakes_;
}

} // namespace plenum::media::server
