#include "base/random.hpp"

#include <sys/random.h>

#include <cerrno>

#include <vector>

#include "base/error.hpp"

namespace plenum {

std::string random_hex(size_t bytes) {
  std::vector<unsigned char> buf(bytes);
  size_t filled = 0;
  while (filled < bytes) {
    ssize_t n = getrandom(buf.data() + filled, bytes - filled, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fatal("getrandom failed");
    filled += static_cast<size_t>(n);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char b : buf) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string uuid_v4() {
  std::string hex = random_hex(16);
  hex[12] = '4';                                             // version
  hex[16] = "89ab"[static_cast<unsigned char>(hex[16]) % 4]; // variant 10xx
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20);
}

} // namespace plenum
