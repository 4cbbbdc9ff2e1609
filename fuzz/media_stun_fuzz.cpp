// STUN messages arrive from anyone who can reach the SFU's UDP port. Parsing must be total;
// whatever parses must survive the integrity/fingerprint checks, and responses built from it
// must parse again with the same transaction id and mapped address.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/error.hpp"
#include "media/stun.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenum::media;
  static StunIntegrityKey key("VOkJxbRl1RmTxUk/WvJxBt"); // RFC 5769's password: the seeds verify
  const std::span<const uint8_t> input(data, size);
  auto m = StunMessage::parse(input);
  if (!m) return 0;
  PLENUM_ASSERT(m->bytes().size() == size && size >= kStunHeaderSize && size % 4 == 0, "bad message bounds");
  if (auto user = m->username()) {
    PLENUM_ASSERT(user->data() >= data && user->data() + user->size() <= data + size,
                  "username outside input");
  }
  if (auto e = m->error_code()) {
    PLENUM_ASSERT(e->code >= 300 && e->code <= 699, "error code out of range");
    PLENUM_ASSERT(e->reason.data() + e->reason.size() <= data + size, "reason outside input");
  }
  (void)m->check_fingerprint();
  (void)m->check_integrity(key);
  (void)check_ice_request(*m, "evtj", key);

  const SocketAddress mapped = m->xor_mapped_address().value_or(SocketAddress::v4({127, 0, 0, 1}, 9));
  std::array<uint8_t, 256> out{};
  auto n = build_binding_success(out, *m, mapped, key);
  PLENUM_ASSERT(n.has_value(), "success response did not fit");
  auto r = StunMessage::parse(std::span(out).first(*n));
  PLENUM_ASSERT(r.has_value(), "own response does not parse");
  PLENUM_ASSERT(
      std::equal(r->transaction_id().begin(), r->transaction_id().end(), m->transaction_id().begin()),
      "transaction id changed");
  PLENUM_ASSERT(r->xor_mapped_address() == mapped, "mapped address changed");
  PLENUM_ASSERT(r->check_integrity(key) && r->check_fingerprint(), "own response fails its checks");

  n = build_binding_error(out, *m, 420, "Unknown Attribute", &key);
  PLENUM_ASSERT(n.has_value(), "error response did not fit");
  r = StunMessage::parse(std::span(out).first(*n));
  PLENUM_ASSERT(r.has_value() && r->error_code() && r->error_code()->code == 420, "own error does not parse");
  return 0;
}
