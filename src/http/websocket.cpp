#include "http/websocket.hpp"

namespace plenum::http {

std::vector<std::string> offered_subprotocols(const Request& req) {
  std::vector<std::string> out;
  for (const auto& [name, value] : req.headers.all()) {
    if (!iequals(name, "Sec-WebSocket-Protocol")) continue;
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string_view item(value.data() + start, comma - start);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
      if (!item.empty()) out.emplace_back(item);
      start = comma + 1;
    }
  }
  return out;
}

} // namespace plenum::http
