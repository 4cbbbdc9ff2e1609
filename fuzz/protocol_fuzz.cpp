// Signaling frames are untrusted: parse and decode must be total, and whatever decodes must
// re-encode (an error frame for failures) without breaking the invariants of the envelope.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "protocol/frames.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenum::proto;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto parsed = parse_client_frame(input);
  if (auto* failure = std::get_if<FrameError>(&parsed)) {
    auto frame = encode_error(failure->ns, failure->failure.code, failure->failure.text,
                              failure->failure.field, 0, failure->id);
    PLENUM_ASSERT(frame && !frame->empty(), "error frame must encode");
    if (failure->id) PLENUM_ASSERT(failure->id->size() <= kMaxFrameIdLength, "frame id over its limit");
  } else {
    const auto& ok = std::get<ClientFrame>(parsed);
    PLENUM_ASSERT(!action_name(ok.command).empty(), "a decoded command has an action");
  }
  return 0;
}
