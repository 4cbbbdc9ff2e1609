#include "http/request.hpp"

#include <algorithm>
#include <cctype>

#include "base/error.hpp"

namespace plenum::http {

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

void Headers::set(std::string_view name, std::string value) {
  std::erase_if(fields_, [&](const auto& f) { return iequals(f.first, name); });
  fields_.emplace_back(std::string(name), std::move(value));
}

std::optional<std::string_view> Headers::get(std::string_view name) const {
  for (const auto& [n, v] : fields_) {
    if (iequals(n, name)) return std::string_view(v);
  }
  return std::nullopt;
}

const PathValue& PathParams::find(std::string_view name) const {
  for (const auto& [n, v] : values_) {
    if (n == name) return v;
  }
  fatal("path parameter not declared by the route");
}

int64_t PathParams::integer(std::string_view name) const {
  const auto* v = std::get_if<int64_t>(&find(name));
  PLENUM_ASSERT(v != nullptr, "path parameter is not an {x:int}");
  return *v;
}

const std::string& PathParams::text(std::string_view name) const {
  const auto* v = std::get_if<std::string>(&find(name));
  PLENUM_ASSERT(v != nullptr, "path parameter is an {x:int}, use integer()");
  return *v;
}

} // namespace plenum::http
