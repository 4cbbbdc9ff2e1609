#include "base/config_values.hpp"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <limits>

namespace plenum::config_values {
namespace {

Error invalid(std::string message) { return make_error(ErrorCode::invalid_argument, std::move(message)); }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "123abc" into the leading unsigned number and the rest.
bool split_number(std::string_view text, uint64_t& number, std::string_view& unit) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, number);
  if (ec != std::errc{} || ptr == text.data()) return false;
  unit = trim(std::string_view(ptr, static_cast<size_t>(end - ptr)));
  return true;
}

bool mul_overflows(uint64_t a, uint64_t b) { return b != 0 && a > std::numeric_limits<uint64_t>::max() / b; }

bool valid_ip(const std::string& host) {
  std::array<unsigned char, 16> buf{};
  return inet_pton(AF_INET, host.c_str(), buf.data()) == 1 ||
         inet_pton(AF_INET6, host.c_str(), buf.data()) == 1;
}

bool valid_host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '[' || c == ']' || c == ':';
}

} // namespace

Result<int64_t> parse_int(std::string_view text) {
  text = trim(text);
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) {
    return invalid("not an integer");
  }
  return value;
}

Result<uint64_t> parse_size(std::string_view text) {
  text = trim(text);
  uint64_t number = 0;
  std::string_view unit;
  if (!split_number(text, number, unit)) return invalid("not a size");
  uint64_t factor = 0;
  if (unit.empty() || unit == "B")
    factor = 1;
  else if (unit == "KiB" || unit == "KB" || unit == "k")
    factor = uint64_t{1} << 10;
  else if (unit == "MiB" || unit == "MB" || unit == "M")
    factor = uint64_t{1} << 20;
  else if (unit == "GiB" || unit == "GB" || unit == "G")
    factor = uint64_t{1} << 30;
  else
    return invalid("unknown size unit \"" + std::string(unit) + "\"");
  if (mul_overflows(number, factor)) return invalid("size too large");
  return number * factor;
}

Result<std::chrono::milliseconds> parse_duration(std::string_view text) {
  text = trim(text);
  uint64_t number = 0;
  std::string_view unit;
  if (!split_number(text, number, unit)) return invalid("not a duration");
  uint64_t factor = 0;
  if (unit == "ms")
    factor = 1;
  else if (unit == "s")
    factor = 1000;
  else if (unit == "m" || unit == "min")
    factor = 60'000;
  else if (unit == "h")
    factor = 3'600'000;
  else if (unit.empty())
    return invalid("a duration needs a unit (ms, s, m, h)");
  else
    return invalid("unknown duration unit \"" + std::string(unit) + "\"");
  constexpr uint64_t kMaxMs = uint64_t{1} << 53;
  if (mul_overflows(number, factor) || number * factor > kMaxMs) return invalid("duration too long");
  return std::chrono::milliseconds(static_cast<int64_t>(number * factor));
}

Result<ListenAddress> parse_listen(std::string_view text) {
  text = trim(text);
  std::string host;
  std::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return invalid("not HOST:PORT");
    }
    host = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
    if (host.find(':') == std::string::npos) return invalid("brackets are only for IPv6 addresses");
  } else {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return invalid("not HOST:PORT");
    host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (host.find(':') != std::string::npos) return invalid("write IPv6 addresses as [ADDR]:PORT");
  }
  if (!valid_ip(host)) return invalid("host must be an IP address, not \"" + host + "\"");
  auto port = parse_int(port_text);
  if (!port || *port < 0 || *port > 65535) return invalid("port must be 0-65535");
  return ListenAddress{host, static_cast<uint16_t>(*port)};
}

Result<std::string> parse_origin(std::string_view text) {
  text = trim(text);
  std::string_view rest;
  if (text.starts_with("http://"))
    rest = text.substr(7);
  else if (text.starts_with("https://"))
    rest = text.substr(8);
  else
    return invalid("an origin starts with http:// or https://");
  if (rest.empty()) return invalid("origin has no host");
  for (char c : rest) {
    if (!valid_host_char(c)) return invalid("an origin is scheme://host[:port] with no path");
  }
  return std::string(text);
}

Result<bool> parse_bool(std::string_view text) {
  text = trim(text);
  if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  return invalid("not a boolean");
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto comma = text.find(',');
    auto item = trim(text.substr(0, comma));
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string format_size(uint64_t bytes) {
  if (bytes != 0 && bytes % (uint64_t{1} << 30) == 0) return std::to_string(bytes >> 30) + "GiB";
  if (bytes != 0 && bytes % (uint64_t{1} << 20) == 0) return std::to_string(bytes >> 20) + "MiB";
  if (bytes != 0 && bytes % (uint64_t{1} << 10) == 0) return std::to_string(bytes >> 10) + "KiB";
  return std::to_string(bytes);
}

std::string format_duration(std::chrono::milliseconds d) {
  auto ms = d.count();
  if (ms != 0 && ms % 3'600'000 == 0) return std::to_string(ms / 3'600'000) + "h";
  if (ms != 0 && ms % 60'000 == 0) return std::to_string(ms / 60'000) + "m";
  if (ms != 0 && ms % 1000 == 0) return std::to_string(ms / 1000) + "s";
  return std::to_string(ms) + "ms";
}

std::string format_listen(const ListenAddress& a) {
  bool v6 = a.host.find(':') != std::string::npos;
  return (v6 ? "[" + a.host + "]" : a.host) + ":" + std::to_string(a.port);
}

} // namespace plenum::config_values
