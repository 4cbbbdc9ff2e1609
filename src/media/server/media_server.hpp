#pragma once
// The SFU as the control plane sees it. MediaServer starts the workers (one thread and one UDP
// port each) and gives every room a home worker; a MediaRoom is the control plane's handle on
// that room's routers: the home's, and those of the workers its subscribers spread to when it
// outgrows one (src/media/server/placement.hpp; their consumers are fed over relay links from
// the home, src/media/relay/). All MediaRoom calls are thread-safe and return at once: they post
// typed commands to the workers; events come back through the RouterObserver (on the worker
// threads).

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "media/dtls/dtls_certificate.hpp"
#include "media/relay/relay_link.hpp"
#include "media/router/router.hpp"
#include "media/server/placement.hpp"
#include "media/server/worker.hpp"

namespace plenum::media::server {

struct MediaOptions {
  std::string listen_ip = "127.0.0.1";
  std::string announced_ip; // the address clients reach (empty: listen_ip)
  uint16_t port = 0;        // the first worker's UDP port (0: any free port); worker i uses port + i
  int workers = 1;
  // A room's transports per worker before its new subscribers go to another worker.
  int room_transports_per_worker = 150;
  bool udp_segmentation = true; // UDP GSO (net::UdpSocket)
};

struct IceCandidate {
  std::string foundation;
  uint32_t priority = 0;
  std::string protocol; // "udp"
  std::string address;
  uint16_t port = 0;
};

struct TransportInfo {
  uint32_t id = 0;
  std::string ufrag;
  std::string pwd;
  std::vector<IceCandidate> candidates;
  std::string fingerprint; // "sha-256 AB:..."
};

class MediaServer;

using Workers = std::vector<std::unique_ptr<Worker>>;

class MediaRoom {
 public:
  MediaRoom(MediaServer& server, size_t home, uint64_t room, std::string label,
            std::shared_ptr<router::RouterObserver> observer);
  ~MediaRoom(); // closes the routers
  MediaRoom(const MediaRoom&) = delete;
  MediaRoom& operator=(const MediaRoom&) = delete;

  uint32_t next_id() { return next_id_.fetch_add(1); }
  // A publish transport goes to the home worker, a subscribe transport where placement says.
  TransportInfo create_transport(TransportRole role = TransportRole::subscribe);
  void set_remote_dtls(uint32_t transport, std::string fingerprint, dtls::DtlsRole our_role);
  // New local ICE credentials for `transport` (the client restarts ICE with them).
  TransportInfo restart_ice(uint32_t transport);
  void close_transport(uint32_t transport);
  void add_producer(router::ProducerParameters params);
  void remove_producer(uint32_t producer);
  // A paused producer's packets are received but not forwarded (nor counted as speech).
  void set_producer_paused(uint32_t producer, bool paused);
  void set_consumer_paused(uint32_t consumer, bool paused);
  void set_consumer_layout(uint32_t consumer, router::ConsumerLayout layout);
  void add_consumer(router::ConsumerParameters params);
  void remove_consumer(uint32_t consumer);

  uint64_t id() const noexcept { return room_; } // the room's routers' key on every worker
  size_t home_worker() const noexcept { return home_; }
  // The worker a transport of this room is on (nullopt: no such open transport).
  std::optional<size_t> worker_of(uint32_t transport) const;

 private:
  struct ProducerEntry {
    router::ProducerParameters params;
    std::set<size_t> relays; // workers with a relay producer of it
  };
  struct ConsumerEntry {
    size_t worker = 0;
    uint32_t producer = 0;
    uint32_t transport = 0;
  };
  // The rest: with mutex_ held (it orders the commands of concurrent callers).
  template <class F>
  void on_router(size_t worker, F&& f);
  Worker& worker(size_t index) const;
  size_t worker_for(uint32_t transport) const; // the home when unknown
  void open_on(size_t worker);
  void drop_consumer(uint32_t consumer);
  void release_relay(uint32_t producer, size_t worker); // a consumer there fewer
  void drop_relays(uint32_t producer);                  // the producer is gone
  TransportInfo info(size_t worker, uint32_t id, std::string ufrag, std::string pwd) const;

  MediaServer& server_;
  // The server's workers, shared: the control plane may drop its last handle on a room after the
  // server is gone (a room torn down late on its executor at shutdown); the destructor then still
  // finds the (stopped) workers.
  const std::shared_ptr<const Workers> workers_;
  const size_t home_;
  const uint64_t room_;
  const std::string label_;
  const std::shared_ptr<router::RouterObserver> observer_;
  std::atomic<uint32_t> next_id_{1};
  mutable std::mutex mutex_;
  std::vector<int64_t> room_transports_; // per worker
  std::vector<bool> opened_;             // per worker: the room's router exists there
  std::map<uint32_t, size_t> transports_;
  std::map<uint32_t, ProducerEntry> producers_;
  std::map<uint32_t, ConsumerEntry> consumers_;
  std::map<std::pair<uint32_t, size_t>, int> relay_users_; // (producer, worker) -> consumers there
};

class MediaServer {
 public:
  static Result<std::unique_ptr<MediaServer>> start(const MediaOptions& options);
  ~MediaServer();
  MediaServer(const MediaServer&) = delete;
  MediaServer& operator=(const MediaServer&) = delete;

  // A room's media, at home on the worker with the fewest rooms.
  // `label` names the room in /metrics.
  std::shared_ptr<MediaRoom> open_room(const std::string& label,
                                       std::shared_ptr<router::RouterObserver> observer);
  const Workers& workers() const noexcept { return *workers_; }
  std::shared_ptr<const Workers> shared_workers() const noexcept { return workers_; }
  const std::shared_ptr<const dtls::DtlsCertificate>& certificate() const noexcept { return certificate_; }
  const std::string& announced_ip() const noexcept { return announced_ip_; }
  int room_transports_per_worker() const noexcept { return room_transports_per_worker_; }
  // Any thread: the relay link from one worker to another, created on first use (and registered
  // with both workers by commands posted now, so before any command that uses it).
  std::shared_ptr<relay::RelayLink> relay_link(size_t from, size_t to);

 private:
  MediaServer() = default;
  std::shared_ptr<Workers> workers_ = std::make_shared<Workers>();
  std::shared_ptr<const dtls::DtlsCertificate> certificate_;
  std::string announced_ip_;
  int room_transports_per_worker_ = 150;
  std::atomic<uint64_t> next_room_{1};
  std::mutex links_mutex_;
  std::map<std::pair<size_t, size_t>, std::shared_ptr<relay::RelayLink>> links_; // guarded
};

} // namespace plenum::media::server
