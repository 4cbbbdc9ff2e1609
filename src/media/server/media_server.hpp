#pragma once
// The SFU as the control plane sees it. MediaServer starts the workers (one thread and one UDP
// port each) and pins every room to one of them; a MediaRoom is the control plane's handle on
// that room's router. All MediaRoom calls are thread-safe and return at once: they post typed
// commands to the worker; events come back through the RouterObserver (on the worker thread).

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "media/dtls/dtls_certificate.hpp"
#include "media/router/router.hpp"
#include "media/server/worker.hpp"

namespace plenum::media::server {

struct MediaOptions {
  std::string listen_ip = "127.0.0.1";
  std::string announced_ip; // the address clients reach (empty: listen_ip)
  uint16_t port = 0;        // the first worker's UDP port (0: any free port); worker i uses port + i
  int workers = 1;
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

class MediaRoom {
 public:
  MediaRoom(Worker& worker, uint64_t room, std::shared_ptr<const dtls::DtlsCertificate> cert,
            std::string announced_ip);
  ~MediaRoom(); // closes the router
  MediaRoom(const MediaRoom&) = delete;
  MediaRoom& operator=(const MediaRoom&) = delete;

  uint32_t next_id() { return next_id_.fetch_add(1); }
  TransportInfo create_transport();
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

 private:
  template <class F>
  void on_router(F&& f);
  TransportInfo info(uint32_t id, std::string ufrag, std::string pwd) const;

  Worker& worker_;
  uint64_t room_;
  std::shared_ptr<const dtls::DtlsCertificate> cert_;
  std::string announced_ip_;
  std::atomic<uint32_t> next_id_{1};
};

class MediaServer {
 public:
  static Result<std::unique_ptr<MediaServer>> start(const MediaOptions& options);
  ~MediaServer();
  MediaServer(const MediaServer&) = delete;
  MediaServer& operator=(const MediaServer&) = delete;

  // A room's media, pinned to the worker with the fewest rooms.
  // `label` names the room in /metrics.
  std::shared_ptr<MediaRoom> open_room(const std::string& label,
                                       std::shared_ptr<router::RouterObserver> observer);
  const std::vector<std::unique_ptr<Worker>>& workers() const noexcept { return workers_; }

 private:
  MediaServer() = default;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::shared_ptr<const dtls::DtlsCertificate> certificate_;
  std::string announced_ip_;
  std::atomic<uint64_t> next_room_{1};
};

} // namespace plenum::media::server
