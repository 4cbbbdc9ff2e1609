#pragma once
// Dependency descriptors (AV1 RTP specification, Appendix A) written bit by bit per the spec's
// syntax (A.8) for tests: an L2T2_KEY structure as libwebrtc describes it.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace plenum::media::router::dd_bytes {

// f(n) and ns(n) in reverse (A.8.1).
class BitWriter {
 public:
  void f(size_t bits, uint32_t value) {
    for (size_t i = bits; i > 0; --i) {
      if (position_ % 8 == 0) bytes_.push_back(0);
      if (((value >> (i - 1)) & 1u) != 0) bytes_.back() |= static_cast<uint8_t>(0x80 >> (position_ % 8));
      ++position_;
    }
  }
  void ns(uint32_t n, uint32_t v) {
    size_t w = 0;
    for (uint32_t x = n; x != 0; x >>= 1) ++w;
    const uint32_t m = (1u << w) - n;
    if (v < m) {
      f(w - 1, v);
    } else {
      f(w - 1, (v + m) >> 1);
      f(1, (v + m) & 1u);
    }
  }
  std::vector<uint8_t> bytes() const { return bytes_; } // zero_padding to the byte

 private:
  std::vector<uint8_t> bytes_;
  size_t position_ = 0;
};

// L2T2_KEY (libwebrtc's ScalabilityStructureL2T2Key): decode targets L0T0, L0T1, L1T0, L1T1;
// the templates in layer order with their DTIs ('-' not present, 'D' discardable, 'S' switch,
// 'R' required), frame diffs and chain diffs (chain 0 protects L0*, chain 1 L1*).
struct Template {
  uint8_t spatial;
  uint8_t temporal;
  std::string dtis;
  std::vector<uint8_t> fdiffs;
  std::array<uint8_t, 2> chain_fdiffs;
};
inline const std::vector<Template> kL2T2Key{
    {0, 0, "SSSS", {}, {0, 0}},  // 0: key picture, spatial layer 0
    {0, 0, "SS--", {4}, {4, 3}}, // 1: S0 T0 delta
    {0, 1, "-D--", {2}, {2, 1}}, // 2: S0 T1
    {1, 0, "--SS", {1}, {1, 1}}, // 3: key picture, spatial layer 1 (inter-layer)
    {1, 0, "--SS", {4}, {1, 4}}, // 4: S1 T0 delta (own layer only: K-SVC)
    {1, 1, "---D", {2}, {3, 2}}, // 5: S1 T1
};
inline constexpr uint8_t kTemplateIdOffset = 10;

inline uint32_t dti_value(char c) { return c == '-' ? 0 : c == 'D' ? 1 : c == 'S' ? 2 : 3; }

inline void write_mandatory(BitWriter& w, bool start, bool end, uint8_t template_index,
                            uint16_t frame_number) {
  w.f(1, start ? 1 : 0);
  w.f(1, end ? 1 : 0);
  w.f(6, (kTemplateIdOffset + template_index) % 64);
  w.f(16, frame_number);
}

// A key frame's first packet: the mandatory fields and the template dependency structure.
inline std::vector<uint8_t> with_structure(uint16_t frame_number, bool resolutions = true) {
  BitWriter w;
  write_mandatory(w, true, true, 0, frame_number);
  w.f(1, 1); // template_dependency_structure_present_flag
  w.f(1, 0); // active_decode_targets_present_flag
  w.f(1, 0); // custom_dtis_flag
  w.f(1, 0); // custom_fdiffs_flag
  w.f(1, 0); // custom_chains_flag
  w.f(6, kTemplateIdOffset);
  w.f(5, 4 - 1);                                 // dt_cnt_minus_one
  for (size_t i = 0; i < kL2T2Key.size(); ++i) { // template_layers(): next_layer_idc
    if (i + 1 == kL2T2Key.size())
      w.f(2, 3);
    else if (kL2T2Key[i + 1].spatial != kL2T2Key[i].spatial)
      w.f(2, 2);
    else if (kL2T2Key[i + 1].temporal != kL2T2Key[i].temporal)
      w.f(2, 1);
    else
      w.f(2, 0);
  }
  for (const auto& t : kL2T2Key)
    for (char c : t.dtis) w.f(2, dti_value(c));
  for (const auto& t : kL2T2Key) { // template_fdiffs()
    for (uint8_t diff : t.fdiffs) {
      w.f(1, 1);
      w.f(4, diff - 1u);
    }
    w.f(1, 0);
  }
  w.ns(4 + 1, 2);                                     // chain_cnt
  for (uint32_t chain : {0, 0, 1, 1}) w.ns(2, chain); // decode_target_protected_by
  for (const auto& t : kL2T2Key)
    for (uint8_t diff : t.chain_fdiffs) w.f(4, diff);
  w.f(1, resolutions ? 1 : 0);
  if (resolutions) {
    for (uint32_t v : {320u, 180u, 640u, 360u}) w.f(16, v - 1);
  }
  return w.bytes();
}

// Any other packet: the three mandatory bytes.
inline std::vector<uint8_t> mandatory(uint8_t template_index, uint16_t frame_number, bool start = true,
                                      bool end = true) {
  BitWriter w;
  write_mandatory(w, start, end, template_index, frame_number);
  return w.bytes();
}

} // namespace plenum::media::router::dd_bytes
