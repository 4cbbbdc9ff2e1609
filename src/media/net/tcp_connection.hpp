#pragma once
// ICE-TCP (RFC 6544), passive side: one accepted TCP connection carrying RFC 4571 framing (a
// 16-bit length before every STUN/DTLS/SRTP packet). Reads are reassembled into whole packets;
// writes go to a fixed outbound buffer and are dropped like UDP when it is full, so a slow TCP
// peer never holds up the worker.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "media/net/udp_socket.hpp"
#include "media/stun.hpp"

namespace plenum::media::net {

inline constexpr size_t kTcpOutboundBytes = size_t{256} << 10; // queued for one connection
inline constexpr size_t kTcpMaxFrame = kDatagramCapacity;      // longer frames close the connection

class TcpConnection {
 public:
  TcpConnection(int fd, SocketAddress peer, int64_t now_ms);
  ~TcpConnection();
  TcpConnection(const TcpConnection&) = delete;
  TcpConnection& operator=(const TcpConnection&) = delete;

  int fd() const noexcept { return fd_; }
  const SocketAddress& peer() const noexcept { return peer_; }
  int64_t accepted_ms() const noexcept { return accepted_ms_; }
  uint64_t dropped() const noexcept { return dropped_; }

  // Reads what is there; calls on_packet(std::span<uint8_t>) per complete frame. False when the
  // connection is finished (closed by the peer, an error, or a frame over the limit).
  template <class F>
  bool read(F&& on_packet) {
    for (;;) {
      const long n = read_some();
      if (n == 0) return false;
      if (n < 0) return n == -1; // -1: would block, -2: error
      size_t pos = 0;
      while (in_size_ - pos >= 2) {
        const size_t length = (static_cast<size_t>(in_[pos]) << 8) | in_[pos + 1];
        if (length > kTcpMaxFrame) return false;
        if (in_size_ - pos - 2 < length) break;
        on_packet(std::span<uint8_t>(in_.data() + pos + 2, length));
        pos += 2 + length;
      }
      compact(pos);
    }
  }

  // Queues one framed packet; false (and counted) when the outbound buffer is full.
  bool send(std::span<const uint8_t> packet) noexcept;
  // Writes what the socket takes now; false on a fatal error.
  bool flush() noexcept;
  bool wants_write() const noexcept { return out_size_ > 0; }

 private:
  long read_some() noexcept;
  void compact(size_t consumed) noexcept;

  int fd_;
  SocketAddress peer_;
  int64_t accepted_ms_;
  std::vector<uint8_t> in_;
  size_t in_size_ = 0;
  std::vector<uint8_t> out_;
  size_t out_size_ = 0;
  uint64_t dropped_ = 0;
};

} // namespace plenum::media::net
