#pragma once
// One client peer connection of the SFU load generator: its own UDP socket, ICE as the
// controlling agent (Binding requests with USE-CANDIDATE to the server's candidate, answers to
// the server's own checks: Janus runs full ICE through libnice, Plenum is ICE-lite), a DTLS 1.2
// client (media/dtls) and SRTP (media/srtp). Publishers send pre-packetized media (senders),
// subscribers count what arrives (ReceiveStats). Everything runs on the generator's one thread.
//
// Forwarding latency: every payload ends with kTailSize bytes, the send time (CLOCK_REALTIME,
// ns, big endian) and a magic, written just before SRTP protect; a subscriber compares it with
// the kernel's receive time of the datagram (SO_TIMESTAMPNS, same clock, same machine).

#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/dtls/dtls_transport.hpp"
#include "media/stun.hpp"
#include "media_source.hpp"

namespace plenum::bench::sfu {

// Latency histogram in microseconds (1 µs bins up to 100 ms, then one overflow bin).
struct LatencyHistogram {
  std::vector<uint64_t> bins = std::vector<uint64_t>(100'001, 0);
  uint64_t count = 0;
  void add(int64_t us);
  double percentile(double pct) const; // µs
  void clear();
};

struct ReceiveTotals {
  uint64_t packets = 0;
  uint64_t expected = 0; // from sequence numbers: highest - first + 1 per stream
  uint64_t bytes = 0;
  uint64_t unprotect_failures = 0;
  uint64_t untagged = 0; // payload without our send-time tail
  LatencyHistogram latency;
};

// One outgoing RTP stream (a track or one simulcast encoding).
struct Sender {
  const MediaTrack* track = nullptr;
  uint32_t ssrc = 0;
  uint8_t payload_type = 0;
  std::string mid;
  std::string rid; // empty: no simulcast
  uint16_t seq = 0;
  uint32_t timestamp = 0;
  size_t frame = 0;
  double next_send = 0; // seconds on the monotonic clock
  uint64_t sent = 0;
};

class Peer {
 public:
  Peer(uint32_t id, const std::string& bind_ip,
       std::shared_ptr<const media::dtls::DtlsCertificate> certificate);
  Peer(const Peer&) = delete;
  Peer& operator=(const Peer&) = delete;
  ~Peer();

  uint32_t id() const { return id_; }
  int fd() const { return fd_; }
  uint16_t port() const { return port_; }
  const std::string& ip() const { return ip_; }
  const std::string& ufrag() const { return ufrag_; }
  const std::string& pwd() const { return pwd_; }
  const std::string& fingerprint() const;

  // From the server's SDP: starts ICE (and DTLS once a check succeeded).
  void set_remote(const std::string& ufrag, const std::string& pwd, const std::string& fingerprint,
                  const std::string& ip, uint16_t port);
  bool has_remote() const { return remote_set_; }
  void set_extension_ids(uint8_t mid, uint8_t rid) {
    mid_ext_ = mid;
    rid_ext_ = rid;
  }

  std::vector<Sender>& senders() { return senders_; }
  // Sends the next frame of `sender` (queued; flush() sends).
  void send_frame(Sender& sender);

  void on_readable(ReceiveTotals& totals);
  void tick(double now); // ICE checks, consent, DTLS retransmission
  void flush();

  bool connected() const { return srtp_.has_value(); }
  bool failed() const;
  std::string state() const;
  uint64_t received_packets() const { return received_; }
  // Per-stream sequence bookkeeping for loss: expected so far (sum over streams).
  uint64_t expected_packets() const;

 private:
  struct Stream {
    uint32_t ssrc = 0;
    int64_t first = -1;
    int64_t highest = -1;
  };
  void send_stun_check();
  void on_stun(std::span<uint8_t> data, const sockaddr_in& from);
  void on_rtp(std::span<uint8_t> data, int64_t rx_ns, ReceiveTotals& totals);
  void queue(std::span<const uint8_t> bytes);
  std::span<uint8_t> slot();
  void commit(size_t length);

  uint32_t id_;
  int fd_ = -1;
  std::string ip_;
  uint16_t port_ = 0;
  std::string ufrag_;
  std::string pwd_;
  std::shared_ptr<const media::dtls::DtlsCertificate> certificate_;
  media::StunIntegrityKey local_key_;
  std::optional<media::StunIntegrityKey> remote_key_;
  std::string remote_ufrag_;
  std::string remote_fingerprint_;
  sockaddr_in remote_{};
  bool remote_set_ = false;
  bool ice_ok_ = false;
  double next_check_ = 0;
  int checks_sent_ = 0;
  std::unique_ptr<media::dtls::DtlsTransport> dtls_;
  std::optional<media::dtls::DtlsSrtpContexts> srtp_;
  uint8_t mid_ext_ = 4;
  uint8_t rid_ext_ = 10;
  std::vector<Sender> senders_;
  std::vector<Stream> streams_;
  uint64_t received_ = 0;
  // Outgoing datagrams of this loop turn (sendmmsg).
  std::vector<std::array<uint8_t, 1500>> out_;
  std::vector<size_t> out_len_;
  size_t queued_ = 0;
};

double monotonic_seconds();

} // namespace plenum::bench::sfu
