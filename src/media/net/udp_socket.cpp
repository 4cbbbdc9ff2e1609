#include "media/net/udp_socket.hpp"

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "media/net/socket_address.hpp"

namespace plenum::media::net {

Result<UdpSocket> UdpSocket::bind(std::string_view ip, uint16_t port) {
  auto address = parse_ip(ip, port);
  if (!address) return make_error(ErrorCode::invalid_argument, "not an IP address: " + std::string(ip));
  const int fd =
      ::socket(address->family == 4 ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return make_error(ErrorCode::internal, std::string("socket: ") + std::strerror(errno));
  // Room for bursts: a key frame of a few hundred packets to many subscribers.
  const int buffer = 4 << 20;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
  sockaddr_storage storage{};
  const socklen_t length = to_sockaddr(*address, storage);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&storage), length) != 0) {
    const int e = errno;
    ::close(fd);
    return make_error(ErrorCode::unavailable, "cannot bind UDP " + std::string(ip) + ":" +
                                                  std::to_string(port) + ": " + std::strerror(e));
  }
  socklen_t bound_length = sizeof storage;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &bound_length);
  const auto bound = from_sockaddr(storage);
  return UdpSocket(fd, bound ? bound->port : port);
}

UdpSocket::UdpSocket(int fd, uint16_t port)
    : fd_(fd),
      port_(port),
      in_(kBatchSize),
      out_(kBatchSize),
      lengths_(kBatchSize),
      from_(kBatchSize),
      valid_(kBatchSize),
      in_addresses_(kBatchSize),
      out_addresses_(kBatchSize),
      out_lengths_(kBatchSize) {}

UdpSocket::UdpSocket(UdpSocket&& other) noexcept
    : fd_(other.fd_),
      port_(other.port_),
      stats_(other.stats_),
      in_(std::move(other.in_)),
      out_(std::move(other.out_)),
      lengths_(std::move(other.lengths_)),
      from_(std::move(other.from_)),
      valid_(std::move(other.valid_)),
      in_addresses_(std::move(other.in_addresses_)),
      out_addresses_(std::move(other.out_addresses_)),
      out_lengths_(std::move(other.out_lengths_)),
      queued_(other.queued_) {
  other.fd_ = -1;
}

UdpSocket::~UdpSocket() {
  if (fd_ >= 0) ::close(fd_);
}

size_t UdpSocket::receive_batch() noexcept {
  std::array<mmsghdr, kBatchSize> messages{};
  std::array<iovec, kBatchSize> vectors{};
  for (size_t i = 0; i < kBatchSize; ++i) {
    vectors[i] = {in_[i].data(), kDatagramCapacity};
    messages[i].msg_hdr.msg_iov = &vectors[i];
    messages[i].msg_hdr.msg_iovlen = 1;
    messages[i].msg_hdr.msg_name = &in_addresses_[i];
    messages[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
  }
  const int n = ::recvmmsg(fd_, messages.data(), kBatchSize, MSG_DONTWAIT, nullptr);
  if (n <= 0) return 0;
  for (int i = 0; i < n; ++i) {
    const auto index = static_cast<size_t>(i);
    lengths_[index] = messages[index].msg_len;
    const bool truncated = (messages[index].msg_hdr.msg_flags & MSG_TRUNC) != 0;
    auto from = from_sockaddr(in_addresses_[index]);
    valid_[index] = !truncated && from.has_value();
    if (from) from_[index] = *from;
    stats_.truncated += truncated ? 1 : 0;
    ++stats_.received;
    stats_.received_bytes += lengths_[index];
  }
  return static_cast<size_t>(n);
}

std::span<uint8_t> UdpSocket::acquire() noexcept {
  if (queued_ == kBatchSize) flush();
  return {out_[queued_].data(), kDatagramCapacity};
}

void UdpSocket::commit(size_t length, const SocketAddress& to) noexcept {
  if (length == 0 || length > kDatagramCapacity) return;
  to_sockaddr(to, out_addresses_[queued_]);
  out_lengths_[queued_] = length;
  ++queued_;
  if (queued_ == kBatchSize) flush();
}

void UdpSocket::send(std::span<const uint8_t> bytes, const SocketAddress& to) noexcept {
  if (bytes.size() > kDatagramCapacity) return;
  auto slot = acquire();
  std::memcpy(slot.data(), bytes.data(), bytes.size());
  commit(bytes.size(), to);
}

void UdpSocket::flush() noexcept {
  size_t done = 0;
  while (done < queued_) {
    std::array<mmsghdr, kBatchSize> messages{};
    std::array<iovec, kBatchSize> vectors{};
    const size_t count = queued_ - done;
    for (size_t i = 0; i < count; ++i) {
      const size_t slot = done + i;
      vectors[i] = {out_[slot].data(), out_lengths_[slot]};
      messages[i].msg_hdr.msg_iov = &vectors[i];
      messages[i].msg_hdr.msg_iovlen = 1;
      messages[i].msg_hdr.msg_name = &out_addresses_[slot];
      messages[i].msg_hdr.msg_namelen =
          out_addresses_[slot].ss_family == AF_INET ? sizeof(sockaddr_in) : sizeof(sockaddr_in6);
    }
    const int n = ::sendmmsg(fd_, messages.data(), static_cast<unsigned>(count), MSG_DONTWAIT);
    if (n <= 0) {
      // Full send buffer or an unreachable peer: drop this datagram (UDP semantics) and go on.
      ++stats_.send_errors;
      ++done;
      continue;
    }
    for (int i = 0; i < n; ++i) stats_.sent_bytes += out_lengths_[done + static_cast<size_t>(i)];
    stats_.sent += static_cast<uint64_t>(n);
    done += static_cast<size_t>(n);
  }
  queued_ = 0;
}

} // namespace plenum::media::net
