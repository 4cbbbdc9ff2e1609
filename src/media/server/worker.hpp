#pragma once
// A media worker: one thread with its own event loop and UDP socket, the routers of the rooms
// pinned to it, and the demultiplexer that hands each datagram to its transport (STUN by the
// ufrag in USERNAME, everything else by the sender's address once ICE validated it).

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "media/net/socket_address.hpp"
#include "media/net/tcp_connection.hpp"
#include "media/net/udp_socket.hpp"
#include "media/relay/relay_link.hpp"
#include "media/router/router.hpp"
#include "media/worker/event_loop.hpp"

namespace plenum::media::server {

struct WorkerCounters {
  std::atomic<uint64_t> packets_in{0};
  std::atomic<uint64_t> packets_out{0};
  std::atomic<uint64_t> bytes_in{0};
  std::atomic<uint64_t> bytes_out{0};
  std::atomic<uint64_t> unroutable{0}; // datagrams from unknown addresses or for unknown ufrags
  std::atomic<uint64_t> transports{0};
  std::atomic<uint64_t> rooms{0};
  std::atomic<uint64_t> relay_sent{0};     // packets copied to other workers' relay links
  std::atomic<uint64_t> relay_dropped{0};  // of those, dropped (a link was full)
  std::atomic<uint64_t> relay_received{0}; // packets taken from other workers' relay links
  std::atomic<uint64_t> relay_wakes{0};    // wake-ups sent to other workers (one per burst)
  // Send delay per bucket of net::kSendDelayBoundsUs (not cumulative), and its sum in µs.
  std::array<std::atomic<uint64_t>, net::kSendDelayBuckets> send_delay{};
  std::atomic<uint64_t> send_delay_sum_us{0};
};

// A copy of one room's counters, taken on the worker thread once a second for /metrics.
struct RoomSnapshot {
  std::string label; // the room's id as the control plane named it
  router::RouterCounters router;
  std::vector<std::pair<uint32_t, transport::TransportCounters>> transports;
};

class Worker final : public router::TransportHost {
 public:
  // `tcp`: also listen for ICE-TCP (RFC 6544 passive) on a TCP port (the UDP port's number if free).
  // `segmentation`: UDP GSO on the worker's socket (net::UdpSocket).
  static Result<std::unique_ptr<Worker>> create(const std::string& listen_ip, uint16_t port,
                                                std::shared_ptr<const dtls::DtlsCertificate> certificate,
                                                bool tcp = true, bool segmentation = true);
  ~Worker() override;
  // Closes the routers and ends the thread (idempotent; the destructor calls it).
  void stop();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  uint16_t port() const noexcept { return port_; }
  uint16_t tcp_port() const noexcept { return tcp_port_; } // 0: no ICE-TCP
  worker::EventLoop& loop() noexcept { return *loop_; }
  const WorkerCounters& counters() const noexcept { return counters_; }
  // Any thread: rooms the control plane pinned here (counted when a room is opened, so rooms
  // opened at once spread over the workers).
  int64_t assigned_rooms() const noexcept { return assigned_rooms_.load(); }
  void assign_room() noexcept { assigned_rooms_.fetch_add(1); }
  void release_room() noexcept { assigned_rooms_.fetch_sub(1); }
  // Any thread: transports the control plane placed here (for placing new ones).
  int64_t assigned_transports() const noexcept { return assigned_transports_.load(); }
  void assign_transports(int64_t n) noexcept { assigned_transports_.fetch_add(n); }
  // Any thread: the eventfd other workers' relay links wake this one with.
  int relay_wake_fd() const noexcept { return relay_fd_; }
  // Any thread: the rooms' counters as of the last snapshot (at most a second old).
  std::vector<RoomSnapshot> room_snapshots() const;

  // Worker thread only.
  router::Router& router(uint64_t room, const std::string& label,
                         const std::shared_ptr<router::RouterObserver>& observer);
  router::Router* find_router(uint64_t room);
  void close_router(uint64_t room);
  // Relay links from this worker (woken at the end of each loop turn) and to it (drained when
  // woken); each added once.
  void add_outbound(std::shared_ptr<relay::RelayLink> link);
  void add_inbound(std::shared_ptr<relay::RelayLink> link);

  // TransportHost
  net::UdpSocket& socket() override { return socket_; }
  std::shared_ptr<const dtls::DtlsCertificate> certificate() override { return certificate_; }
  void register_ufrag(const std::string& ufrag, transport::WebRtcTransport* t) override;
  void unregister(transport::WebRtcTransport* t) override;
  void unregister_ufrag(const std::string& ufrag) override;

 private:
  Worker(std::unique_ptr<worker::EventLoop> loop, net::UdpSocket socket,
         std::shared_ptr<const dtls::DtlsCertificate> certificate);
  void on_readable();
  void on_datagram(std::span<uint8_t> datagram, const SocketAddress& from, int64_t now_ms);
  void on_tick(int64_t now_ms);
  void on_relay_wake();
  void publish_counters();
  Result<void> listen_tcp(const std::string& listen_ip, uint16_t port);
  void on_accept();
  void on_tcp_readable(net::TcpConnection* connection);
  void close_tcp(net::TcpConnection* connection);

  std::unique_ptr<worker::EventLoop> loop_;
  net::UdpSocket socket_;
  uint16_t port_;
  std::shared_ptr<const dtls::DtlsCertificate> certificate_;
  std::unordered_map<uint64_t, std::unique_ptr<router::Router>> routers_;
  std::unordered_map<std::string, transport::WebRtcTransport*> by_ufrag_;
  int tcp_fd_ = -1;
  uint16_t tcp_port_ = 0;
  std::unordered_map<net::TcpConnection*, std::unique_ptr<net::TcpConnection>> tcp_;
  std::unordered_map<net::TcpConnection*, transport::WebRtcTransport*> tcp_owner_;
  std::unordered_map<SocketAddress, transport::WebRtcTransport*, net::SocketAddressHash> by_address_;
  WorkerCounters counters_;
  std::atomic<int64_t> assigned_rooms_{0};
  std::atomic<int64_t> assigned_transports_{0};
  int relay_fd_ = -1;
  std::vector<std::shared_ptr<relay::RelayLink>> outbound_;
  std::vector<std::shared_ptr<relay::RelayLink>> inbound_;
  uint64_t relay_wakes_ = 0;
  std::unordered_map<uint64_t, std::string> labels_;
  int64_t last_snapshot_ms_ = 0;
  mutable std::mutex snapshot_mutex_;
  std::vector<RoomSnapshot> snapshots_; // guarded by snapshot_mutex_
  uint64_t unroutable_ = 0;
  std::thread thread_;
};

} // namespace plenum::media::server
