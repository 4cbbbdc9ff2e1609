// Request paths come straight from the network: split/decode them and match them against the
// patterns we route on. Must never crash, and a decoded segment never contains '/' or NUL.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/error.hpp"
#include "http/path.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenum::http;
  static const PathPattern patterns[] = {
      *PathPattern::parse("/api/v1/rooms/{id:uuid}/events/{n:int}"),
      *PathPattern::parse("/api/v1/{name}"),
      *PathPattern::parse("/assets/{file}"),
  };
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto segments = split_path(input);
  if (segments) {
    for (const auto& s : *segments) {
      PLENUM_ASSERT(s.find('/') == std::string::npos && s.find('\0') == std::string::npos,
                    "decoded segment holds '/' or NUL");
      PLENUM_ASSERT(s != ".." && s != ".", "dot segment survived");
    }
    for (const auto& p : patterns) {
      PathParams params;
      (void)p.match(*segments, params);
    }
  }
  (void)PathPattern::parse(input); // route patterns are ours, but parse must be total anyway
  return 0;
}
