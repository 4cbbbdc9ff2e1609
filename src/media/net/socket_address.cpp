#include "media/net/socket_address.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace plenum::media::net {

socklen_t to_sockaddr(const SocketAddress& address, sockaddr_storage& out) noexcept {
  std::memset(&out, 0, sizeof out);
  if (address.family == 4) {
    auto* in = reinterpret_cast<sockaddr_in*>(&out);
    in->sin_family = AF_INET;
    in->sin_port = htons(address.port);
    std::memcpy(&in->sin_addr, address.ip.data(), 4);
    return sizeof(sockaddr_in);
  }
  auto* in6 = reinterpret_cast<sockaddr_in6*>(&out);
  in6->sin6_family = AF_INET6;
  in6->sin6_port = htons(address.port);
  std::memcpy(&in6->sin6_addr, address.ip.data(), 16);
  return sizeof(sockaddr_in6);
}

std::optional<SocketAddress> from_sockaddr(const sockaddr_storage& in) noexcept {
  if (in.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&in);
    std::array<uint8_t, 4> ip{};
    std::memcpy(ip.data(), &a->sin_addr, 4);
    return SocketAddress::v4(ip, ntohs(a->sin_port));
  }
  if (in.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&in);
    std::array<uint8_t, 16> ip{};
    std::memcpy(ip.data(), &a->sin6_addr, 16);
    return SocketAddress::v6(ip, ntohs(a->sin6_port));
  }
  return std::nullopt;
}

std::optional<SocketAddress> parse_ip(std::string_view text, uint16_t port) noexcept {
  std::array<char, INET6_ADDRSTRLEN> buffer{};
  if (text.size() >= buffer.size()) return std::nullopt;
  std::memcpy(buffer.data(), text.data(), text.size());
  std::array<uint8_t, 16> ip{};
  if (inet_pton(AF_INET, buffer.data(), ip.data()) == 1)
    return SocketAddress::v4({ip[0], ip[1], ip[2], ip[3]}, port);
  if (inet_pton(AF_INET6, buffer.data(), ip.data()) == 1) return SocketAddress::v6(ip, port);
  return std::nullopt;
}

std::string ip_string(const SocketAddress& address) {
  std::array<char, INET6_ADDRSTRLEN> buffer{};
  inet_ntop(address.family == 4 ? AF_INET : AF_INET6, address.ip.data(), buffer.data(), buffer.size());
  return buffer.data();
}

size_t SocketAddressHash::operator()(const SocketAddress& a) const noexcept {
  // FNV-1a over the bytes that matter.
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&h](uint8_t b) {
    h ^= b;
    h *= 1099511628211ULL;
  };
  const size_t n = a.family == 4 ? 4 : 16;
  for (size_t i = 0; i < n; ++i) mix(a.ip[i]);
  mix(static_cast<uint8_t>(a.port >> 8));
  mix(static_cast<uint8_t>(a.port));
  mix(a.family);
  return static_cast<size_t>(h);
}

} // namespace plenum::media::net
