#include "media/server/media_server.hpp"

#include "base/random.hpp"
#include "media/server/relay_endpoints.hpp"

namespace plenum::media::server {

namespace {
// ICE credentials (RFC 8839 section 5.4): ufrag ≥ 4 and pwd ≥ 22 characters of ice-char.
std::string ice_token(size_t bytes) { return random_hex(bytes); }
} // namespace

MediaRoom::MediaRoom(MediaServer& server, size_t home, uint64_t room, std::string label,
                     std::shared_ptr<router::RouterObserver> observer)
    : server_(server),
      workers_(server.shared_workers()),
      home_(home),
      room_(room),
      label_(std::move(label)),
      observer_(std::move(observer)),
      room_transports_(server.workers().size(), 0),
      opened_(server.workers().size(), false) {
  std::lock_guard lock(mutex_);
  open_on(home_);
}

MediaRoom::~MediaRoom() {
  std::lock_guard lock(mutex_);
  worker(home_).release_room();
  for (size_t i = 0; i < opened_.size(); ++i) {
    worker(i).assign_transports(-room_transports_[i]);
    if (!opened_[i]) continue;
    Worker* w = &worker(i);
    const uint64_t room = room_;
    w->loop().post([w, room] { w->close_router(room); });
  }
}

Worker& MediaRoom::worker(size_t index) const { return *(*workers_)[index]; }

template <class F>
void MediaRoom::on_router(size_t index, F&& f) {
  Worker* w = &worker(index);
  const uint64_t room = room_;
  w->loop().post([w, room, f = std::forward<F>(f)]() mutable {
    if (auto* r = w->find_router(room)) f(*r);
  });
}

void MediaRoom::open_on(size_t index) {
  if (opened_[index]) return;
  opened_[index] = true;
  Worker* w = &worker(index);
  w->loop().post(
      [w, room = room_, label = label_, observer = observer_] { w->router(room, label, observer); });
}

size_t MediaRoom::worker_for(uint32_t transport) const {
  auto it = transports_.find(transport);
  return it == transports_.end() ? home_ : it->second;
}

std::optional<size_t> MediaRoom::worker_of(uint32_t transport) const {
  std::lock_guard lock(mutex_);
  auto it = transports_.find(transport);
  if (it == transports_.end()) return std::nullopt;
  return it->second;
}

TransportInfo MediaRoom::info(size_t index, uint32_t id, std::string ufrag, std::string pwd) const {
  const Worker& w = worker(index);
  TransportInfo info;
  info.id = id;
  info.ufrag = std::move(ufrag);
  info.pwd = std::move(pwd);
  info.fingerprint = server_.certificate()->sdp_fingerprint();
  const std::string& ip = server_.announced_ip();
  // One host candidate: the worker's UDP port (RFC 8445 section 5.1.2 priority for host type).
  info.candidates.push_back({"1", (126u << 24) | (65535u << 8) | 255u, "udp", ip, w.port()});
  // ICE-TCP (RFC 6544 section 4.2): passive host candidate, lower priority than UDP.
  if (w.tcp_port() != 0)
    info.candidates.push_back({"2", (126u << 24) | (32767u << 8) | 255u, "tcp", ip, w.tcp_port()});
  return info;
}

TransportInfo MediaRoom::create_transport(TransportRole role) {
  std::lock_guard lock(mutex_);
  std::vector<int64_t> loads;
  loads.reserve(server_.workers().size());
  for (const auto& w : server_.workers()) loads.push_back(w->assigned_transports());
  const size_t index =
      place_transport(role, {home_, room_transports_, loads, server_.room_transports_per_worker()});
  open_on(index);
  const uint32_t id = next_id();
  transports_[id] = index;
  ++room_transports_[index];
  worker(index).assign_transports(1);
  auto result = info(index, id, ice_token(8), ice_token(16));
  on_router(index, [id, ufrag = result.ufrag, pwd = result.pwd](router::Router& r) mutable {
    r.create_transport(id, ufrag, std::move(pwd));
  });
  return result;
}

void MediaRoom::set_remote_dtls(uint32_t transport, std::string fingerprint, dtls::DtlsRole our_role) {
  std::lock_guard lock(mutex_);
  on_router(worker_for(transport), [=, fp = std::move(fingerprint)](router::Router& r) {
    r.set_remote_dtls(transport, fp, our_role);
  });
}

TransportInfo MediaRoom::restart_ice(uint32_t transport) {
  std::lock_guard lock(mutex_);
  const size_t index = worker_for(transport);
  auto result = info(index, transport, ice_token(8), ice_token(16));
  on_router(index, [transport, ufrag = result.ufrag, pwd = result.pwd](router::Router& r) mutable {
    r.restart_ice(transport, ufrag, std::move(pwd));
  });
  return result;
}

void MediaRoom::close_transport(uint32_t transport) {
  std::lock_guard lock(mutex_);
  auto it = transports_.find(transport);
  if (it == transports_.end()) return;
  const size_t index = it->second;
  // The router drops the transport's producers and consumers itself; their relays go here.
  std::vector<uint32_t> consumers, producers;
  for (const auto& [id, c] : consumers_)
    if (c.transport == transport) consumers.push_back(id);
  for (const auto& [id, p] : producers_)
    if (p.params.transport_id == transport) producers.push_back(id);
  for (auto id : consumers) drop_consumer(id);
  for (auto id : producers) {
    drop_relays(id);
    producers_.erase(id);
  }
  on_router(index, [transport](router::Router& r) { r.close_transport(transport); });
  --room_transports_[index];
  worker(index).assign_transports(-1);
  transports_.erase(it);
}

void MediaRoom::add_producer(router::ProducerParameters params) {
  std::lock_guard lock(mutex_);
  if (!producers_.contains(params.id)) producers_[params.id].params = params;
  on_router(home_, [p = std::move(params)](router::Router& r) mutable { r.add_producer(std::move(p)); });
}

void MediaRoom::drop_relays(uint32_t producer) {
  auto it = producers_.find(producer);
  if (it == producers_.end()) return;
  for (const size_t index : it->second.relays) {
    on_router(index, [producer](router::Router& r) { r.remove_producer(producer); });
    relay_users_.erase({producer, index});
  }
  it->second.relays.clear();
}

void MediaRoom::remove_producer(uint32_t producer) {
  std::lock_guard lock(mutex_);
  drop_relays(producer);
  producers_.erase(producer);
  on_router(home_, [producer](router::Router& r) { r.remove_producer(producer); });
}

void MediaRoom::set_producer_paused(uint32_t producer, bool paused) {
  std::lock_guard lock(mutex_);
  // Only the home forwards (and relays) a producer's packets: pausing it there stops them all.
  on_router(home_, [producer, paused](router::Router& r) { r.set_producer_paused(producer, paused); });
}

void MediaRoom::set_consumer_paused(uint32_t consumer, bool paused) {
  std::lock_guard lock(mutex_);
  auto it = consumers_.find(consumer);
  on_router(it == consumers_.end() ? home_ : it->second.worker,
            [consumer, paused](router::Router& r) { r.set_consumer_paused(consumer, paused); });
}

void MediaRoom::set_consumer_layout(uint32_t consumer, router::ConsumerLayout layout) {
  std::lock_guard lock(mutex_);
  auto it = consumers_.find(consumer);
  on_router(it == consumers_.end() ? home_ : it->second.worker,
            [consumer, layout](router::Router& r) { r.set_consumer_layout(consumer, layout); });
}

void MediaRoom::add_consumer(router::ConsumerParameters params) {
  std::lock_guard lock(mutex_);
  const size_t index = worker_for(params.transport_id);
  auto producer = producers_.find(params.producer_id);
  if (consumers_.contains(params.id)) return;
  consumers_[params.id] = {index, params.producer_id, params.transport_id};
  if (index != home_ && producer != producers_.end() && relay_users_[{params.producer_id, index}]++ == 0) {
    // The first consumer of this producer on that worker: a relay producer there, fed from the home.
    auto link = server_.relay_link(home_, index);
    auto upstream = std::make_shared<HomeUpstream>(worker(home_), room_, static_cast<uint32_t>(index));
    on_router(index, [p = producer->second.params, upstream](router::Router& r) mutable {
      r.add_relay_producer(std::move(p), std::move(upstream));
    });
    auto sink = std::make_shared<RoomRelaySink>(std::move(link), room_);
    on_router(home_, [id = params.producer_id, index, sink](router::Router& r) mutable {
      r.add_relay(id, static_cast<uint32_t>(index), std::move(sink));
    });
    producer->second.relays.insert(index);
  }
  on_router(index, [p = std::move(params)](router::Router& r) mutable { r.add_consumer(std::move(p)); });
}

void MediaRoom::release_relay(uint32_t producer, size_t index) {
  if (index == home_) return;
  auto it = relay_users_.find({producer, index});
  if (it == relay_users_.end() || --it->second > 0) return;
  relay_users_.erase(it);
  on_router(home_,
            [producer, index](router::Router& r) { r.remove_relay(producer, static_cast<uint32_t>(index)); });
  on_router(index, [producer](router::Router& r) { r.remove_producer(producer); });
  if (auto p = producers_.find(producer); p != producers_.end()) p->second.relays.erase(index);
}

void MediaRoom::drop_consumer(uint32_t consumer) {
  auto it = consumers_.find(consumer);
  if (it == consumers_.end()) return;
  const ConsumerEntry entry = it->second;
  consumers_.erase(it);
  release_relay(entry.producer, entry.worker);
}

void MediaRoom::remove_consumer(uint32_t consumer) {
  std::lock_guard lock(mutex_);
  auto it = consumers_.find(consumer);
  const size_t index = it == consumers_.end() ? home_ : it->second.worker;
  on_router(index, [consumer](router::Router& r) { r.remove_consumer(consumer); });
  drop_consumer(consumer);
}

Result<std::unique_ptr<MediaServer>> MediaServer::start(const MediaOptions& options) {
  auto cert = dtls::DtlsCertificate::generate();
  if (!cert) return cert.error();
  std::unique_ptr<MediaServer> server(new MediaServer());
  server->certificate_ = *cert;
  server->announced_ip_ = options.announced_ip.empty() ? options.listen_ip : options.announced_ip;
  server->room_transports_per_worker_ = std::max(1, options.room_transports_per_worker);
  if (server->announced_ip_ == "0.0.0.0" || server->announced_ip_ == "::")
    return make_error(ErrorCode::invalid_argument, "media.listen_ip " + options.listen_ip +
                                                       " listens on every interface: set media.announced_ip "
                                                       "to the address clients reach");
  for (int i = 0; i < std::max(1, options.workers); ++i) {
    const uint16_t port = options.port == 0 ? 0 : static_cast<uint16_t>(options.port + i);
    auto worker =
        Worker::create(options.listen_ip, port, server->certificate_, true, options.udp_segmentation);
    if (!worker) return worker.error();
    server->workers_->push_back(std::move(*worker));
  }
  return server;
}

MediaServer::~MediaServer() {
  // Every thread stops before any worker goes: a worker may still wake another through a link.
  for (auto& w : *workers_) w->stop();
  workers_.reset(); // the workers go with the last MediaRoom that still holds them
}

std::shared_ptr<relay::RelayLink> MediaServer::relay_link(size_t from, size_t to) {
  std::lock_guard lock(links_mutex_);
  auto& link = links_[{from, to}];
  if (!link) {
    link = std::make_shared<relay::RelayLink>((*workers_)[to]->relay_wake_fd());
    Worker* sender = (*workers_)[from].get();
    Worker* receiver = (*workers_)[to].get();
    receiver->loop().post([receiver, link] { receiver->add_inbound(link); });
    sender->loop().post([sender, link] { sender->add_outbound(link); });
  }
  return link;
}

std::shared_ptr<MediaRoom> MediaServer::open_room(const std::string& label,
                                                  std::shared_ptr<router::RouterObserver> observer) {
  size_t best = 0;
  const Workers& workers = *workers_;
  for (size_t i = 0; i < workers.size(); ++i)
    if (workers[i]->assigned_rooms() < workers[best]->assigned_rooms()) best = i;
  workers[best]->assign_room();
  const uint64_t room = next_room_.fetch_add(1);
  return std::make_shared<MediaRoom>(*this, best, room, label, std::move(observer));
}

} // namespace plenum::media::server
