// VP9 payload descriptors (RFC 9628) come straight from publishers. Parsing must never read past
// the payload and what it reports must lie within it; the per-leg layer filter must take any
// sequence of descriptors. Input: a sequence of [length byte][flags byte][payload] records; the
// flags byte's low bits set the leg's target layers, bit 7 the publisher's marker bit.
#include <cstddef>
#include <cstdint>
#include <span>

#include "base/error.hpp"
#include "media/router/vp9.hpp"
#include "records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenum::media::router;
  const std::span<const uint8_t> input(data, size);
  Vp9LayerFilter filter;
  plenum::fuzz::for_each_record(input, [&](uint8_t flags, std::span<const uint8_t> payload) {
    const auto d = parse_vp9_descriptor(payload);
    if (!d) return;
    PLENUM_ASSERT(d->size <= payload.size(), "descriptor beyond the payload");
    PLENUM_ASSERT(d->p_diff_count <= kVp9MaxPDiffs, "too many P_DIFFs");
    PLENUM_ASSERT(!d->has_ss || (d->spatial_layers >= 1 && d->spatial_layers <= kVp9MaxSpatialLayers),
                  "spatial layer count");
    filter.set_target(flags & 0x07, (flags >> 3) & 0x07);
    const auto decision = filter.accept(*d, (flags & 0x80) != 0);
    PLENUM_ASSERT(!decision.marker || decision.forward, "marker on a dropped packet");
    PLENUM_ASSERT(!decision.forward || d->sid <= filter.current_spatial(),
                  "forwarded a layer above the leg's");
  });
  return 0;
}
