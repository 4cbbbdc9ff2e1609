#include "protocol/codec_support.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "base/utf8.hpp"

namespace plenum::proto {

const char* check_text(std::string_view text, size_t min_length, size_t max_length, bool multiline) {
  return utf8::check_text(text, min_length, max_length, multiline);
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
