#include "media/net/tcp_connection.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace plenum::media::net {

TcpConnection::TcpConnection(int fd, SocketAddress peer, int64_t now_ms)
    : fd_(fd), peer_(peer), accepted_ms_(now_ms), in_(2 + kTcpMaxFrame + 4096), out_(kTcpOutboundBytes) {}

TcpConnection::~TcpConnection() { ::close(fd_); }

long TcpConnection::read_some() noexcept {
  if (in_size_ == in_.size()) return -2; // cannot happen: frames are bounded and compacted
  const ssize_t n = ::recv(fd_, in_.data() + in_size_, in_.size() - in_size_, MSG_DONTWAIT);
  if (n > 0) {
    in_size_ += static_cast<size_t>(n);
    return n;
  }
  if (n == 0) return 0;
  return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? -1 : -2;
}

void TcpConnection::compact(size_t consumed) noexcept {
  if (consumed == 0) return;
  std::memmove(in_.data(), in_.data() + consumed, in_size_ - consumed);
  in_size_ -= consumed;
}

bool TcpConnection::send(std::span<const uint8_t> packet) noexcept {
  if (packet.size() > 0xFFFF || out_size_ + 2 + packet.size() > out_.size()) {
    ++dropped_;
    return false;
  }
  out_[out_size_] = static_cast<uint8_t>(packet.size() >> 8);
  out_[out_size_ + 1] = static_cast<uint8_t>(packet.size());
  std::memcpy(out_.data() + out_size_ + 2, packet.data(), packet.size());
  out_size_ += 2 + packet.size();
  return true;
}

bool TcpConnection::flush() noexcept {
  size_t done = 0;
  while (done < out_size_) {
    const ssize_t n = ::send(fd_, out_.data() + done, out_size_ - done, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) break;
    return false;
  }
  std::memmove(out_.data(), out_.data() + done, out_size_ - done);
  out_size_ -= done;
  return true;
}

} // namespace plenum::media::net
