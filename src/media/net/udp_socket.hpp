#pragma once
// The SFU's UDP port: non-blocking, batched receive (recvmmsg) and send (sendmmsg). Buffers are
// allocated once; a packet is built directly in a send slot (acquire → write → commit), so the
// packet path neither allocates nor copies between buffers.

#include <sys/socket.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "media/stun.hpp"

struct mmsghdr;

namespace plenum::media::net {

inline constexpr size_t kDatagramCapacity = 2048; // larger datagrams are truncated and dropped
inline constexpr size_t kBatchSize = 32;          // datagrams per recvmmsg/sendmmsg call

struct UdpStats {
  uint64_t received = 0;
  uint64_t sent = 0;
  uint64_t received_bytes = 0;
  uint64_t sent_bytes = 0;
  uint64_t send_errors = 0;
  uint64_t truncated = 0;
};

class UdpSocket {
 public:
  // Binds `ip` (a literal address) and `port` (0: any free port).
  static Result<UdpSocket> bind(std::string_view ip, uint16_t port);

  UdpSocket(UdpSocket&& other) noexcept;
  UdpSocket& operator=(UdpSocket&&) = delete;
  UdpSocket(const UdpSocket&) = delete;
  UdpSocket& operator=(const UdpSocket&) = delete;
  ~UdpSocket();

  int fd() const noexcept { return fd_; }
  uint16_t port() const noexcept { return port_; }
  const UdpStats& stats() const noexcept { return stats_; }

  // Reads one batch; calls on_datagram(std::span<uint8_t> bytes, const SocketAddress& from) for
  // each. Returns how many were read (0: nothing waiting).
  template <class F>
  size_t receive(F&& on_datagram) {
    const size_t n = receive_batch();
    for (size_t i = 0; i < n; ++i)
      if (valid_[i]) on_datagram(std::span<uint8_t>(in_[i].data(), lengths_[i]), from_[i]);
    return n;
  }

  // A buffer for the next outgoing datagram (kDatagramCapacity bytes); commit() queues it.
  std::span<uint8_t> acquire() noexcept;
  void commit(size_t length, const SocketAddress& to) noexcept;
  // Convenience for control traffic (STUN responses, DTLS records): copies into a slot.
  void send(std::span<const uint8_t> bytes, const SocketAddress& to) noexcept;
  // Sends everything queued. Called when a batch is full and at the end of each loop turn.
  void flush() noexcept;

 private:
  struct Buffers;
  UdpSocket(int fd, uint16_t port);
  size_t receive_batch() noexcept;

  int fd_ = -1;
  uint16_t port_ = 0;
  UdpStats stats_;
  std::vector<std::array<uint8_t, kDatagramCapacity>> in_;
  std::vector<std::array<uint8_t, kDatagramCapacity>> out_;
  std::vector<size_t> lengths_;
  std::vector<SocketAddress> from_;
  std::vector<bool> valid_;
  std::vector<sockaddr_storage> in_addresses_;
  std::vector<sockaddr_storage> out_addresses_;
  std::vector<size_t> out_lengths_;
  size_t queued_ = 0;
};

} // namespace plenum::media::net
