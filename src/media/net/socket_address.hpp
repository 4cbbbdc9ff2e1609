#pragma once
// Conversions between the STUN-level SocketAddress and the kernel's sockaddr, and a hash so
// transports can be found by their peer's address on the shared UDP port.

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "media/stun.hpp"

namespace plenum::media::net {

// Fills `out` (sockaddr_in or sockaddr_in6); returns its length.
socklen_t to_sockaddr(const SocketAddress& address, sockaddr_storage& out) noexcept;
std::optional<SocketAddress> from_sockaddr(const sockaddr_storage& in) noexcept;
// "127.0.0.1" or "::1" (no port); nullopt when it is not a literal address.
std::optional<SocketAddress> parse_ip(std::string_view text, uint16_t port) noexcept;
std::string ip_string(const SocketAddress& address);

struct SocketAddressHash {
  size_t operator()(const SocketAddress& a) const noexcept;
};

} // namespace plenum::media::net
