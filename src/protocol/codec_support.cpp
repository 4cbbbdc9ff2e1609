#include "protocol/codec_support.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "base/utf8.hpp"

namespace plenum::proto {

const char* check_text(std::string_view text, size_t min_length, size_t max_length, bool multiline) {
  if (!utf8::valid(text)) return "must be valid UTF-8";
  // Cheap bound first: a string of more bytes than 4 x max_length has too many code points.
  if (text.size() > 4 * max_length) return "is too long";
  const size_t n = utf8::code_points(text);
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

bool is_id(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

bool one_of(std::string_view text, std::initializer_list<std::string_view> values) {
  return std::find(values.begin(), values.end(), text) != values.end();
}

std::optional<int64_t> as_integer(const boost::json::value& value, int64_t min, int64_t max) {
  int64_t n = 0;
  if (value.is_int64()) {
    n = value.get_int64();
  } else if (value.is_uint64()) {
    if (value.get_uint64() > static_cast<uint64_t>(max)) return std::nullopt;
    n = static_cast<int64_t>(value.get_uint64());
  } else {
    return std::nullopt;
  }
  if (n < min || n > max) return std::nullopt;
  return n;
}

std::optional<std::string> first_unknown_field(const boost::json::object& object,
                                               std::initializer_list<std::string_view> known) {
  for (const auto& entry : object) {
    if (!one_of(entry.key(), known)) return std::string(entry.key());
  }
  return std::nullopt;
}

} // namespace plenum::proto
