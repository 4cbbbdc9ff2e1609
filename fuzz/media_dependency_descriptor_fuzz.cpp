// Dependency descriptors (AV1 RTP specification, appendix A) come straight from publishers, and
// a packet's meaning depends on the structure an earlier packet carried. Parsing must never read
// past the element, a failed parse must not change the stored structure, and the per-leg filter
// must take any sequence. Input: records of [length byte][flags byte][element data]; the flags
// set the leg's target layers and the publisher's marker bit.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

#include "base/error.hpp"
#include "media/router/dependency_descriptor.hpp"
#include "records.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenum::media::router;
  const std::span<const uint8_t> input(data, size);
  std::optional<DdStructure> structure;
  DdLayerFilter filter;
  plenum::fuzz::for_each_record(input, [&](uint8_t flags, std::span<const uint8_t> element) {
    const std::optional<DdStructure> before = structure;
    const auto d = parse_dependency_descriptor(element, structure);
    if (!d) {
      PLENUM_ASSERT(before.has_value() == structure.has_value() &&
                        (!before || std::memcmp(&*before, &*structure, sizeof(DdStructure)) == 0),
                    "a failed parse changed the structure");
      return;
    }
    PLENUM_ASSERT(structure.has_value(), "resolved without a structure");
    const auto& s = *structure;
    PLENUM_ASSERT(s.templates >= 1 && s.templates <= kDdMaxTemplates, "template count");
    PLENUM_ASSERT(s.decode_targets >= 1 && s.decode_targets <= kDdMaxDecodeTargets, "decode targets");
    PLENUM_ASSERT(s.chains <= s.decode_targets, "chains");
    PLENUM_ASSERT(s.spatial_layers >= 1 && s.spatial_layers <= kDdMaxSpatialLayers, "spatial layers");
    PLENUM_ASSERT(d->spatial_id < s.spatial_layers, "frame spatial id");
    filter.set_target(flags & 0x03, (flags >> 2) & 0x07);
    const auto decision = filter.accept(*d, s, (flags & 0x80) != 0);
    PLENUM_ASSERT(!decision.marker || decision.forward, "marker on a dropped packet");
  });
  return 0;
}
