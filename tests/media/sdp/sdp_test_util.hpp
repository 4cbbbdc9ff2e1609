#pragma once
// Fixtures for the SDP tests: real offers and answers as the stacks write them, byte for byte
// (CRLF), in tests/media/sdp/fixtures/.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "media/sdp/session_description.hpp"

namespace plenum::media::sdp {

inline std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(PLENUM_SOURCE_DIR) + "/tests/media/sdp/fixtures/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline SessionDescription parse_ok(const std::string& text) {
  auto d = parse(text);
  EXPECT_TRUE(d.ok()) << (d.ok() ? "" : d.error().message);
  return d.ok() ? *d : SessionDescription{};
}

inline std::string parse_error(const std::string& text) {
  auto d = parse(text);
  EXPECT_FALSE(d.ok()) << "parsed:\n" << text;
  return d.ok() ? std::string() : d.error().message;
}

// "v=0\n..." with LF line endings in the source, CRLF on the wire.
inline std::string crlf(std::string_view lf) {
  std::string out;
  for (const char c : lf) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

inline constexpr const char* kMinimalSession = "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n";

} // namespace plenum::media::sdp
