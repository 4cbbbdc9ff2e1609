// The dependency descriptor RTP header extension (AV1 RTP specification, Appendix A): descriptors
// written bit by bit per the spec's syntax (A.8) for an L2T2_KEY structure as libwebrtc
// describes it, parsed back, and the per-leg decode target filter over a frame sequence.
#include "media/router/dependency_descriptor.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "dependency_descriptor_bytes.hpp"

namespace plenum::media::router {
namespace {

using namespace dd_bytes; // NOLINT(google-build-using-namespace): the test bytes

TEST(MediaDependencyDescriptor, ParsesTheTemplateDependencyStructure) {
  std::optional<DdStructure> structure;
  const auto bytes = with_structure(1000);
  const auto d = parse_dependency_descriptor(bytes, structure);
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->start_of_frame);
  EXPECT_TRUE(d->end_of_frame);
  EXPECT_EQ(d->frame_number, 1000);
  EXPECT_EQ(d->template_id, kTemplateIdOffset);
  EXPECT_TRUE(d->has_structure);
  EXPECT_EQ(d->active_decode_targets, 0x0Fu);
  EXPECT_EQ(d->spatial_id, 0);
  EXPECT_EQ(d->temporal_id, 0);
  EXPECT_EQ(d->dtis[3], Dti::switch_point);
  ASSERT_TRUE(structure.has_value());
  const auto& s = *structure;
  EXPECT_EQ(s.template_id_offset, kTemplateIdOffset);
  EXPECT_EQ(s.decode_targets, 4);
  EXPECT_EQ(s.templates, 6);
  EXPECT_EQ(s.chains, 2);
  EXPECT_EQ(s.spatial_layers, 2);
  for (size_t t = 0; t < kL2T2Key.size(); ++t) {
    EXPECT_EQ(s.template_spatial[t], kL2T2Key[t].spatial) << t;
    EXPECT_EQ(s.template_temporal[t], kL2T2Key[t].temporal) << t;
    for (size_t dt = 0; dt < 4; ++dt)
      EXPECT_EQ(static_cast<uint32_t>(s.template_dtis[t][dt]), dti_value(kL2T2Key[t].dtis[dt])) << t << dt;
  }
  // decode_target_layers(): L0T0, L0T1, L1T0, L1T1.
  EXPECT_EQ(s.target_spatial[0], 0);
  EXPECT_EQ(s.target_temporal[0], 0);
  EXPECT_EQ(s.target_spatial[1], 0);
  EXPECT_EQ(s.target_temporal[1], 1);
  EXPECT_EQ(s.target_spatial[2], 1);
  EXPECT_EQ(s.target_temporal[2], 0);
  EXPECT_EQ(s.target_spatial[3], 1);
  EXPECT_EQ(s.target_temporal[3], 1);
  ASSERT_TRUE(s.has_resolutions);
  EXPECT_EQ(s.widths[0], 320);
  EXPECT_EQ(s.heights[0], 180);
  EXPECT_EQ(s.widths[1], 640);
  EXPECT_EQ(s.heights[1], 360);
}

TEST(MediaDependencyDescriptor, ResolvesLaterPacketsAgainstTheStoredStructure) {
  std::optional<DdStructure> structure;
  // Without a structure nothing can be read.
  EXPECT_FALSE(parse_dependency_descriptor(mandatory(5, 1), structure));
  ASSERT_TRUE(parse_dependency_descriptor(with_structure(1, false), structure));
  EXPECT_FALSE(structure->has_resolutions);
  const auto d = parse_dependency_descriptor(mandatory(5, 7, false, true), structure);
  ASSERT_TRUE(d.has_value());
  EXPECT_FALSE(d->start_of_frame);
  EXPECT_TRUE(d->end_of_frame);
  EXPECT_FALSE(d->has_structure);
  EXPECT_EQ(d->spatial_id, 1);
  EXPECT_EQ(d->temporal_id, 1);
  EXPECT_EQ(d->dtis[0], Dti::not_present);
  EXPECT_EQ(d->dtis[3], Dti::discardable);
  // A template id outside the structure (offset 10, six templates: ids 10..15).
  BitWriter w;
  w.f(1, 1);
  w.f(1, 1);
  w.f(6, 16);
  w.f(16, 8);
  EXPECT_FALSE(parse_dependency_descriptor(w.bytes(), structure));
  EXPECT_FALSE(parse_dependency_descriptor(std::vector<uint8_t>{0x80, 0x00}, structure));
}

TEST(MediaDependencyDescriptor, ReadsCustomDtisAndActiveDecodeTargets) {
  std::optional<DdStructure> structure;
  ASSERT_TRUE(parse_dependency_descriptor(with_structure(1), structure));
  BitWriter w;
  write_mandatory(w, true, false, 4, 2);
  w.f(1, 0);      // no structure
  w.f(1, 1);      // active_decode_targets_present_flag
  w.f(1, 1);      // custom_dtis_flag
  w.f(1, 1);      // custom_fdiffs_flag
  w.f(1, 1);      // custom_chains_flag
  w.f(4, 0b0011); // active_decode_targets_bitmask: L0 only
  for (char c : std::string("--RS")) w.f(2, dti_value(c));
  w.f(2, 2); // next_fdiff_size 2: 8 bits
  w.f(8, 3);
  w.f(2, 0);
  w.f(8, 1); // frame_chain_fdiff per chain
  w.f(8, 4);
  const auto d = parse_dependency_descriptor(w.bytes(), structure);
  ASSERT_TRUE(d.has_value());
  EXPECT_TRUE(d->has_active_decode_targets);
  EXPECT_EQ(d->active_decode_targets, 0b0011u);
  EXPECT_EQ(d->spatial_id, 1);
  EXPECT_EQ(d->dtis[2], Dti::required);
  EXPECT_EQ(d->dtis[3], Dti::switch_point);
}

TEST(MediaDependencyDescriptor, TruncatedDescriptorsAreRejectedAndKeepTheStructure) {
  const auto full = with_structure(3);
  for (size_t n = 0; n < full.size(); ++n) {
    std::optional<DdStructure> none;
    const std::vector<uint8_t> prefix(full.begin(), full.begin() + static_cast<ptrdiff_t>(n));
    EXPECT_FALSE(parse_dependency_descriptor(prefix, none)) << n;
    EXPECT_FALSE(none.has_value());
  }
  // A broken structure does not replace a good one.
  std::optional<DdStructure> structure;
  ASSERT_TRUE(parse_dependency_descriptor(with_structure(4, false), structure));
  const std::vector<uint8_t> cut(full.begin(), full.end() - 1);
  EXPECT_FALSE(parse_dependency_descriptor(cut, structure));
  EXPECT_FALSE(structure->has_resolutions);
}

TEST(MediaDependencyDescriptor, StructuresBeyondTheLimitsAreRejected) {
  // A structure with `spatial` spatial layers of one template each, one decode target.
  auto structure = [](size_t spatial, size_t per_layer) {
    BitWriter w;
    write_mandatory(w, true, true, 0, 1);
    w.f(5, 0b10000); // structure present, no other flags
    w.f(6, kTemplateIdOffset);
    w.f(5, 0); // one decode target
    for (size_t sid = 0; sid < spatial; ++sid)
      for (size_t t = 0; t < per_layer; ++t) w.f(2, t + 1 < per_layer ? 0 : sid + 1 < spatial ? 2 : 3);
    for (size_t t = 0; t < spatial * per_layer; ++t) w.f(2, 3); // DTI required
    for (size_t t = 0; t < spatial * per_layer; ++t) w.f(1, 0); // no fdiffs
    w.ns(2, 0);                                                 // no chains
    w.f(1, 0);                                                  // no resolutions
    return w.bytes();
  };
  std::optional<DdStructure> s;
  ASSERT_TRUE(parse_dependency_descriptor(structure(4, 1), s));
  EXPECT_EQ(s->spatial_layers, kDdMaxSpatialLayers);
  EXPECT_FALSE(parse_dependency_descriptor(structure(5, 1), s)); // AV1 has at most 4 spatial layers
  EXPECT_EQ(s->spatial_layers, kDdMaxSpatialLayers);
  ASSERT_TRUE(parse_dependency_descriptor(structure(1, kDdMaxTemplates), s));
  EXPECT_EQ(s->templates, kDdMaxTemplates);
  EXPECT_FALSE(parse_dependency_descriptor(structure(1, kDdMaxTemplates + 1), s)); // template ids: 6 bits
}

// One L2T2_KEY picture: the S0 frame then the S1 frame, one packet each (the publisher's marker
// on S1). Returns which passed and which forwarded packet carries the marker.
struct Sent {
  bool s0 = false;
  bool s1 = false;
  int marker = -1;
};
Sent picture(DdLayerFilter& f, std::optional<DdStructure>& s, uint16_t frame, bool key, uint8_t temporal) {
  Sent out;
  for (uint8_t sid = 0; sid < 2; ++sid) {
    const uint8_t index = key ? (sid == 0 ? 0 : 3) : static_cast<uint8_t>(sid * 3 + 1 + temporal);
    const auto bytes =
        key && sid == 0 ? with_structure(frame) : mandatory(index, static_cast<uint16_t>(frame + sid));
    const auto d = parse_dependency_descriptor(bytes, s);
    EXPECT_TRUE(d.has_value());
    if (!d) return out;
    const auto decision = f.accept(*d, *s, sid == 1);
    (sid == 0 ? out.s0 : out.s1) = decision.forward;
    if (decision.forward && decision.marker) out.marker = out.marker < 0 ? sid : 2;
  }
  return out;
}

TEST(MediaDependencyDescriptor, FilterFollowsTheDecodeTarget) {
  std::optional<DdStructure> s;
  DdLayerFilter f;
  auto p = picture(f, s, 100, true, 0);
  EXPECT_TRUE(p.s0 && p.s1);
  EXPECT_EQ(p.marker, 1);
  EXPECT_EQ(f.decode_target(), 3);

  // Spatial layer 0 only: L0T1; S1 frames dropped, the marker moves to S0's last packet.
  f.set_target(0, DdLayerFilter::kAllLayers);
  p = picture(f, s, 102, false, 1);
  EXPECT_TRUE(p.s0);
  EXPECT_FALSE(p.s1);
  EXPECT_EQ(p.marker, 0);
  EXPECT_EQ(f.decode_target(), 1);

  // Temporal base only: L0T0 drops the T1 picture entirely.
  f.set_target(0, 0);
  p = picture(f, s, 104, false, 1);
  EXPECT_FALSE(p.s0 || p.s1);
  p = picture(f, s, 106, false, 0);
  EXPECT_TRUE(p.s0);
  EXPECT_FALSE(p.s1);

  // Up to L1T1: the S1 T0 delta frame says "switch" for the L1 targets, but its chain (S1 T0
  // frames) goes back to an S1 frame the leg never got: in K-SVC only the key picture lifts it.
  f.set_target(1, DdLayerFilter::kAllLayers);
  p = picture(f, s, 108, false, 1);
  EXPECT_FALSE(p.s0 || p.s1);
  EXPECT_TRUE(f.needs_keyframe());
  p = picture(f, s, 110, false, 0);
  EXPECT_TRUE(p.s0);
  EXPECT_FALSE(p.s1);
  EXPECT_EQ(p.marker, 0);
  EXPECT_TRUE(f.needs_keyframe());
  p = picture(f, s, 112, true, 0);
  // A late packet of an older frame (S1 T0 of picture 110) passes by the current target and does
  // not make the filter forget the current frame's decision.
  auto late = parse_dependency_descriptor(mandatory(4, 111), s);
  ASSERT_TRUE(late);
  EXPECT_TRUE(f.accept(*late, *s, false).forward);
  auto rest = parse_dependency_descriptor(mandatory(3, 113, false, true), s);
  ASSERT_TRUE(rest);
  EXPECT_TRUE(f.accept(*rest, *s, true).forward);
  EXPECT_EQ(f.decode_target(), 3);
  EXPECT_TRUE(p.s0 && p.s1);
  EXPECT_EQ(p.marker, 1);
  EXPECT_FALSE(f.needs_keyframe());
  EXPECT_EQ(f.decode_target(), 3);
}

} // namespace
} // namespace plenum::media::router
