#include "media/server/media_server.hpp"

#include "base/random.hpp"

namespace plenum::media::server {

namespace {
// ICE credentials (RFC 8839 section 5.4): ufrag ≥ 4 and pwd ≥ 22 characters of ice-char.
std::string ice_token(size_t bytes) { return random_hex(bytes); }
} // namespace

MediaRoom::MediaRoom(Worker& worker, uint64_t room, std::shared_ptr<const dtls::DtlsCertificate> cert,
                     std::string announced_ip)
    : worker_(worker), room_(room), cert_(std::move(cert)), announced_ip_(std::move(announced_ip)) {}

MediaRoom::~MediaRoom() {
  worker_.release_room();
  Worker* w = &worker_;
  const uint64_t room = room_;
  worker_.loop().post([w, room] { w->close_router(room); });
}

template <class F>
void MediaRoom::on_router(F&& f) {
  Worker* w = &worker_;
  const uint64_t room = room_;
  worker_.loop().post([w, room, f = std::forward<F>(f)]() mutable {
    if (auto* r = w->find_router(room)) f(*r);
  });
}

TransportInfo MediaRoom::info(uint32_t id, std::string ufrag, std::string pwd) const {
  TransportInfo info;
  info.id = id;
  info.ufrag = std::move(ufrag);
  info.pwd = std::move(pwd);
  info.fingerprint = cert_->sdp_fingerprint();
  // One host candidate: the worker's UDP port (RFC 8445 section 5.1.2 priority for host type).
  info.candidates.push_back({"1", (126u << 24) | (65535u << 8) | 255u, "udp", announced_ip_, worker_.port()});
  // ICE-TCP (RFC 6544 section 4.2): passive host candidate, lower priority than UDP.
  if (worker_.tcp_port() != 0)
    info.candidates.push_back(
        {"2", (126u << 24) | (32767u << 8) | 255u, "tcp", announced_ip_, worker_.tcp_port()});
  return info;
}

TransportInfo MediaRoom::create_transport() {
  const uint32_t id = next_id();
  auto result = info(id, ice_token(8), ice_token(16));
  on_router([id, ufrag = result.ufrag, pwd = result.pwd](router::Router& r) mutable {
    r.create_transport(id, ufrag, std::move(pwd));
  });
  return result;
}

void MediaRoom::set_remote_dtls(uint32_t transport, std::string fingerprint, dtls::DtlsRole our_role) {
  on_router(
      [=, fp = std::move(fingerprint)](router::Router& r) { r.set_remote_dtls(transport, fp, our_role); });
}

TransportInfo MediaRoom::restart_ice(uint32_t transport) {
  auto result = info(transport, ice_token(8), ice_token(16));
  on_router([transport, ufrag = result.ufrag, pwd = result.pwd](router::Router& r) mutable {
    r.restart_ice(transport, ufrag, std::move(pwd));
  });
  return result;
}

void MediaRoom::close_transport(uint32_t transport) {
  on_router([transport](router::Router& r) { r.close_transport(transport); });
}

void MediaRoom::add_producer(router::ProducerParameters params) {
  on_router([p = std::move(params)](router::Router& r) mutable { r.add_producer(std::move(p)); });
}

void MediaRoom::remove_producer(uint32_t producer) {
  on_router([producer](router::Router& r) { r.remove_producer(producer); });
}

void MediaRoom::set_producer_paused(uint32_t producer, bool paused) {
  on_router([producer, paused](router::Router& r) { r.set_producer_paused(producer, paused); });
}

void MediaRoom::set_consumer_paused(uint32_t consumer, bool paused) {
  on_router([consumer, paused](router::Router& r) { r.set_consumer_paused(consumer, paused); });
}

void MediaRoom::set_consumer_layout(uint32_t consumer, router::ConsumerLayout layout) {
  on_router([consumer, layout](router::Router& r) { r.set_consumer_layout(consumer, layout); });
}

void MediaRoom::add_consumer(router::ConsumerParameters params) {
  on_router([p = std::move(params)](router::Router& r) mutable { r.add_consumer(std::move(p)); });
}

void MediaRoom::remove_consumer(uint32_t consumer) {
  on_router([consumer](router::Router& r) { r.remove_consumer(consumer); });
}

Result<std::unique_ptr<MediaServer>> MediaServer::start(const MediaOptions& options) {
  auto cert = dtls::DtlsCertificate::generate();
  if (!cert) return cert.error();
  std::unique_ptr<MediaServer> server(new MediaServer());
  server->certificate_ = *cert;
  server->announced_ip_ = options.announced_ip.empty() ? options.listen_ip : options.announced_ip;
  if (server->announced_ip_ == "0.0.0.0" || server->announced_ip_ == "::")
    return make_error(ErrorCode::invalid_argument, "media.listen_ip " + options.listen_ip +
                                                       " listens on every interface: set media.announced_ip "
                                                       "to the address clients reach");
  for (int i = 0; i < std::max(1, options.workers); ++i) {
    const uint16_t port = options.port == 0 ? 0 : static_cast<uint16_t>(options.port + i);
    auto worker = Worker::create(options.listen_ip, port, server->certificate_);
    if (!worker) return worker.error();
    server->workers_.push_back(std::move(*worker));
  }
  return server;
}

MediaServer::~MediaServer() { workers_.clear(); }

std::shared_ptr<MediaRoom> MediaServer::open_room(const std::string& label,
                                                  std::shared_ptr<router::RouterObserver> observer) {
  Worker* best = workers_.front().get();
  for (auto& w : workers_)
    if (w->assigned_rooms() < best->assigned_rooms()) best = w.get();
  best->assign_room();
  const uint64_t room = next_room_.fetch_add(1);
  best->loop().post(
      [best, room, label, observer = std::move(observer)] { best->router(room, label, observer); });
  return std::make_shared<MediaRoom>(*best, room, certificate_, announced_ip_);
}

} // namespace plenum::media::server
