#pragma once
// Parsers for the value forms used in the configuration (and anywhere else a human writes a
// size, a duration or an address). Each returns an error that says what form was expected.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/config.hpp"
#include "base/result.hpp"

namespace plenum::config_values {

Result<int64_t> parse_int(std::string_view text);
// "1048576", "64KiB", "1MiB", "2GiB" (binary units; "KB"/"MB" are accepted as the same).
Result<uint64_t> parse_size(std::string_view text);
// "500ms", "10s", "5m", "1h"; a bare number is rejected so units are never guessed.
Result<std::chrono::milliseconds> parse_duration(std::string_view text);
// "127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0".
Result<ListenAddress> parse_listen(std::string_view text);
// "http://host[:port]" or "https://host[:port]", no path; as browsers send in Origin.
Result<std::string> parse_origin(std::string_view text);
Result<bool> parse_bool(std::string_view text);
// "a, b ,c" -> {"a","b","c"}; empty text -> {}.
std::vector<std::string> split_list(std::string_view text);

std::string format_size(uint64_t bytes);
std::string format_duration(std::chrono::milliseconds d);
std::string format_listen(const ListenAddress& a);

} // namespace plenum::config_values
