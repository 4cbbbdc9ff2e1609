#include "base/utf8.hpp"

#include <gtest/gtest.h>

namespace plenum::utf8 {
namespace {

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(valid(""));
  EXPECT_TRUE(valid("plain ascii"));
  EXPECT_TRUE(
      valid("Gr\xC3\xBC\xC3\x9F"
            "e"));                                 // Grüße
  EXPECT_TRUE(valid("\xE2\x82\xAC"));              // U+20AC
  EXPECT_TRUE(valid("\xF0\x9F\x8E\x89"));          // U+1F389
  EXPECT_TRUE(valid("\xF4\x8F\xBF\xBF"));          // U+10FFFF, the last code point
  EXPECT_TRUE(valid(std::string_view("a\0b", 3))); // NUL is valid UTF-8
}

TEST(Utf8, ReportsTheFirstInvalidByte) {
  EXPECT_EQ(first_invalid("ok\xFFok"), 2u);         // never valid
  EXPECT_EQ(first_invalid("ab\xC3"), 2u);           // truncated
  EXPECT_EQ(first_invalid("\xC0\xAF"), 0u);         // overlong '/'
  EXPECT_EQ(first_invalid("\xE0\x80\xAF"), 0u);     // overlong 3-byte
  EXPECT_EQ(first_invalid("\xF0\x80\x80\xAF"), 0u); // overlong 4-byte
  EXPECT_EQ(first_invalid("x\xED\xA0\x80"), 1u);    // UTF-16 surrogate
  EXPECT_EQ(first_invalid("\xF4\x90\x80\x80"), 0u); // above U+10FFFF
  EXPECT_EQ(first_invalid("\xE2\x82"
                          "A"),
            0u);                        // bad continuation
  EXPECT_EQ(first_invalid("\x80"), 0u); // lone continuation
}

TEST(Utf8, CountsCodePointsAndFindsControlCharacters) {
  EXPECT_EQ(code_points(""), 0u);
  EXPECT_EQ(code_points("abc"), 3u);
  EXPECT_EQ(code_points("\xC3\xA4\xC3\xB6\xC3\xBC"), 3u); // äöü: 6 bytes
  EXPECT_EQ(code_points("\xF0\x9F\x8E\x89!"), 2u);        // emoji + '!'
  EXPECT_FALSE(has_control_chars("Gr\xC3\xBC\xC3\x9F Gott"));
  EXPECT_TRUE(has_control_chars("tab\there"));
  EXPECT_TRUE(has_control_chars("del\x7f"));
  EXPECT_TRUE(has_control_chars(std::string_view("nul\0", 4)));
}

} // namespace
} // namespace plenum::utf8
