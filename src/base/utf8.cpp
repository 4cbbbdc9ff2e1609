#include "base/utf8.hpp"

namespace plenum::utf8 {

std::optional<size_t> first_invalid(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF; // allowed range of the second byte (RFC 3629, section 4)
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0)
        lo = 0xA0; // no overlong 3-byte forms
      else if (c == 0xED)
        hi = 0x9F; // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0)
        lo = 0x90; // no overlong 4-byte forms
      else if (c == 0xF4)
        hi = 0x8F; // nothing above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n || s[i + 1] < lo || s[i + 1] > hi) return i;
    for (size_t k = 2; k < len; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return i;
    }
    i += len;
  }
  return std::nullopt;
}

size_t code_points(std::string_view text) noexcept {
  size_t n = 0;
  for (char c : text) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

bool has_control_chars(std::string_view text) noexcept {
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

const char* check_text(std::string_view text, size_t min_length, size_t max_length, bool multiline) noexcept {
  if (!valid(text)) return "must be valid UTF-8";
  // Cheap bound first: a string of more bytes than 4 x max_length has too many code points.
  if (text.size() > 4 * max_length) return "is too long";
  const size_t n = code_points(text);
  if (n < min_length) return min_length == 1 ? "must not be empty" : "is too short";
  if (n > max_length) return "is too long";
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      if (multiline && (c == '\n' || c == '\t' || c == '\r')) continue;
      return "must not contain control characters";
    }
  }
  return nullptr;
}

} // namespace plenum::utf8
