#pragma once
// The server side of ICE for one transport (RFC 8445 section 2.5, "lite"): it never sends checks,
// it answers the client's Binding requests and follows the client's nomination. The address of
// the latest nominated (USE-CANDIDATE) check is where media goes; a check from a new address
// with USE-CANDIDATE moves the transport there (the client switched networks or candidate pair).
// Consent freshness (RFC 7675): without a valid check for kConsentTimeout the transport is
// failed; the client sends checks every ~5 s while it wants our media.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "media/stun.hpp"

namespace plenum::media::ice {

inline constexpr int64_t kConsentTimeoutMs = 30'000;
inline constexpr int64_t kDisconnectedAfterMs = 10'000; // no check for this long: disconnected
inline constexpr size_t kMaxValidatedAddresses = 8;

enum class IceState : uint8_t { waiting, connected, disconnected, failed };

struct IceReply {
  size_t response_size = 0;      // bytes written to `out` (0: drop silently)
  bool selected_changed = false; // the media address moved
};

class IceLiteAgent {
 public:
  IceLiteAgent(std::string local_ufrag, std::string local_pwd);

  const std::string& local_ufrag() const noexcept { return ufrag_; }
  const std::string& local_pwd() const noexcept { return pwd_; }
  // New local credentials (ICE restart): older checks stop validating; the selected address is
  // kept until the client nominates again.
  void restart(std::string local_ufrag, std::string local_pwd);

  // A Binding request whose USERNAME starts with our ufrag (the caller routed it here).
  IceReply handle(const StunMessage& request, const SocketAddress& from, std::span<uint8_t> out,
                  int64_t now_ms);

  // Whether datagrams (DTLS, SRTP) from `from` belong to this transport.
  bool validated(const SocketAddress& from) const noexcept;
  const std::optional<SocketAddress>& selected() const noexcept { return selected_; }
  IceState state(int64_t now_ms) const noexcept;

 private:
  std::string ufrag_;
  std::string pwd_;
  StunIntegrityKey key_;
  std::vector<SocketAddress> validated_;
  std::optional<SocketAddress> selected_;
  int64_t last_check_ms_ = -1;
};

} // namespace plenum::media::ice
