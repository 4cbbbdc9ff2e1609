// Configuration files are written by people: any byte sequence must give a config or an error
// message, never a crash, a hang or an exception escaping.
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  plenum::ConfigSources sources;
  sources.file = "fuzz.toml";
  sources.file_text = std::string(reinterpret_cast<const char*>(data), size);
  auto loaded = plenum::load_config(sources);
  if (loaded) {
    // Whatever loads must render to TOML that loads again.
    plenum::ConfigSources again;
    again.file = "again.toml";
    again.file_text = plenum::render_config(*loaded);
    (void)plenum::load_config(again);
  }
  return 0;
}
