#pragma once
// What the control plane tells a router about a published or subscribed track, after SDP
// negotiation: typed values only, no SDP text on the media thread.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace plenum::media::router {

enum class MediaKind : uint8_t { audio, video };

struct CodecParameters {
  uint8_t payload_type = 0;
  uint8_t rtx_payload_type = 0; // 0: no RTX
  uint32_t clock_rate = 90'000;
  std::string name; // "opus", "VP8", ...
};

// Header extension ids as negotiated on one leg (0: not negotiated).
struct ExtensionIds {
  uint8_t mid = 0;
  uint8_t rid = 0;
  uint8_t repaired_rid = 0;
  uint8_t abs_send_time = 0;
  uint8_t transport_cc = 0;
  uint8_t audio_level = 0;
  uint8_t dependency_descriptor = 0; // AV1 RTP spec appendix A (dependency_descriptor.hpp)
};

struct ProducerParameters {
  uint32_t id = 0;
  uint32_t transport_id = 0;
  MediaKind kind = MediaKind::audio;
  std::string mid;
  std::vector<CodecParameters> codecs; // the publisher's payload types
  ExtensionIds extensions;
  std::vector<uint32_t> ssrcs;                    // signalled primary SSRCs (may be empty: rid only)
  std::vector<std::pair<uint32_t, uint32_t>> rtx; // primary -> RTX SSRC (FID groups)
  std::vector<std::string> rids;                  // simulcast encodings, lowest first
  uint32_t speaker = 0;                           // who this is for active-speaker detection
  bool paused = false;                            // received but not forwarded (microphone restriction)
};

// How a subscriber shows a video, for its simulcast layer (Router::set_consumer_layout).
struct ConsumerLayout {
  uint32_t width = 0; // rendered size in device pixels; 0: unknown
  uint32_t height = 0;
  bool high_priority = false; // pinned, the large tile, a screen share
};

struct ConsumerParameters {
  uint32_t id = 0;
  uint32_t producer_id = 0;
  uint32_t transport_id = 0;
  std::string mid;
  uint32_t ssrc = 0;
  uint32_t rtx_ssrc = 0; // 0: no RTX on this leg
  // The subscriber leg's payload types, index-aligned with the producer's codecs (a name may be
  // missing when the subscriber did not accept it: payload_type 0).
  std::vector<CodecParameters> codecs;
  ExtensionIds extensions;
  // Starts paused (the subscriber said it does not show this video; see Router::set_consumer_paused).
  bool paused = false;
  ConsumerLayout layout;
};

} // namespace plenum::media::router
