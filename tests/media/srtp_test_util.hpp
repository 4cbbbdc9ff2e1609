#pragma once
// Hex helpers and packet builders shared by the SRTP and DTLS tests.

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "media/srtp/srtp_profile.hpp"

namespace plenum::media::srtp::testing {

inline std::vector<std::uint8_t> from_hex(std::string_view hex) {
  std::vector<std::uint8_t> out;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  int high = -1;
  for (char c : hex) {
    const int v = nibble(c);
    if (v < 0) continue; // spaces, colons
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(high * 16 + v));
      high = -1;
    }
  }
  return out;
}

inline std::string to_hex(const std::uint8_t* data, std::size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0x0f]);
  }
  return out;
}
inline std::string to_hex(const std::vector<std::uint8_t>& v) { return to_hex(v.data(), v.size()); }

// An RTP packet (RFC 3550 §5.1) with `csrcs` CSRCs, optionally a one-byte-header extension, and
// a random payload.
inline std::vector<std::uint8_t> make_rtp(std::mt19937& rng, std::uint16_t seq, std::uint32_t ssrc,
                                          std::size_t payload, int csrcs = 0, bool extension = false) {
  std::vector<std::uint8_t> p;
  p.push_back(static_cast<std::uint8_t>(0x80 | (extension ? 0x10 : 0) | csrcs));
  p.push_back(96);
  p.push_back(static_cast<std::uint8_t>(seq >> 8));
  p.push_back(static_cast<std::uint8_t>(seq));
  const std::uint32_t ts = static_cast<std::uint32_t>(seq) * 3000U;
  for (int i = 3; i >= 0; --i) p.push_back(static_cast<std::uint8_t>(ts >> (8 * i)));
  for (int i = 3; i >= 0; --i) p.push_back(static_cast<std::uint8_t>(ssrc >> (8 * i)));
  for (int c = 0; c < csrcs; ++c) {
    for (int i = 0; i < 4; ++i) p.push_back(static_cast<std::uint8_t>(rng()));
  }
  if (extension) {
    // RFC 8285 one-byte header, one 4-byte word: id 1 len 2 (3 bytes) + 1 padding byte.
    for (std::uint8_t b : {0xbe, 0xde, 0x00, 0x01, 0x12, 0x01, 0x02, 0x03}) p.push_back(b);
  }
  for (std::size_t i = 0; i < payload; ++i) p.push_back(static_cast<std::uint8_t>(rng()));
  return p;
}

// A compound-looking RTCP packet: a receiver report header (PT 201) with the sender SSRC and
// `words` random 32-bit words behind it.
inline std::vector<std::uint8_t> make_rtcp(std::mt19937& rng, std::uint32_t ssrc, std::size_t words) {
  std::vector<std::uint8_t> p{0x80, 201, static_cast<std::uint8_t>((words + 1) >> 8),
                              static_cast<std::uint8_t>(words + 1)};
  for (int i = 3; i >= 0; --i) p.push_back(static_cast<std::uint8_t>(ssrc >> (8 * i)));
  for (std::size_t i = 0; i < 4 * words; ++i) p.push_back(static_cast<std::uint8_t>(rng()));
  return p;
}

inline std::string profile_name(const ::testing::TestParamInfo<SrtpProfile>& param) {
  return param.param == SrtpProfile::aead_aes_128_gcm ? "Gcm" : "AesCm";
}

} // namespace plenum::media::srtp::testing
