#include "http/path.hpp"

#include <algorithm>

namespace plenum::http {
namespace {

constexpr size_t kMaxSegments = 64;
constexpr size_t kMaxSegmentBytes = 1024;

Error bad(std::string message) { return make_error(ErrorCode::bad_request, std::move(message)); }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool is_integer(const std::string& s) {
  return !s.empty() && s.size() <= 18 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_uuid(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : hex_value(s[i]) < 0) return false;
  }
  return true;
}

bool valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

} // namespace

Result<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return bad("truncated %-escape in path");
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return bad("invalid %-escape in path");
      c = static_cast<char>(hi * 16 + lo);
      i += 2;
    }
    if (c == '\0') return bad("NUL in path");
    out += c;
  }
  return out;
}

Result<std::vector<std::string>> split_path(std::string_view raw_path) {
  if (raw_path.empty() || raw_path.front() != '/') return bad("path must start with '/'");
  std::vector<std::string> segments;
  if (raw_path == "/") return segments;
  raw_path.remove_prefix(1);
  for (;;) {
    auto slash = raw_path.find('/');
    auto raw = raw_path.substr(0, slash);
    if (raw.size() > kMaxSegmentBytes * 3) return bad("path segment too long");
    auto decoded = percent_decode(raw);
    if (!decoded) return decoded.error();
    if (decoded->size() > kMaxSegmentBytes) return bad("path segment too long");
    if (decoded->find('/') != std::string::npos) return bad("encoded '/' in path segment");
    if (*decoded == "." || *decoded == "..") return bad("'.' and '..' are not allowed in paths");
    segments.push_back(std::move(*decoded));
    if (segments.size() > kMaxSegments) return bad("too many path segments");
    if (slash == std::string_view::npos) break;
    raw_path.remove_prefix(slash + 1);
  }
  return segments;
}

Result<PathPattern> PathPattern::parse(std::string_view pattern) {
  auto fail = [&](std::string why) {
    return make_error(ErrorCode::invalid_argument,
                      "route pattern \"" + std::string(pattern) + "\": " + std::move(why));
  };
  if (pattern.empty() || pattern.front() != '/') return fail("must start with '/'");
  PathPattern p;
  p.text_ = std::string(pattern);
  if (pattern == "/") return p;
  std::string_view rest = pattern.substr(1);
  for (;;) {
    auto slash = rest.find('/');
    auto seg = rest.substr(0, slash);
    if (seg.empty()) return fail("empty segment");
    if (seg.front() == '{') {
      if (seg.back() != '}') return fail("unclosed '{'");
      auto inner = seg.substr(1, seg.size() - 2);
      auto colon = inner.find(':');
      auto name = inner.substr(0, colon);
      auto type = colon == std::string_view::npos ? std::string_view("text") : inner.substr(colon + 1);
      if (!valid_name(name)) return fail("parameter names are [a-z0-9_]+");
      for (const auto& existing : p.segments_) {
        if (existing.kind != Kind::literal && existing.value == name) return fail("duplicate parameter");
      }
      Kind kind;
      if (type == "text")
        kind = Kind::text;
      else if (type == "int")
        kind = Kind::integer;
      else if (type == "uuid")
        kind = Kind::uuid;
      else
        return fail("unknown parameter type (text, int, uuid)");
      p.segments_.push_back({kind, std::string(name)});
    } else {
      if (seg.find_first_of("{}%") != std::string_view::npos) return fail("'{', '}' or '%' in a literal");
      p.segments_.push_back({Kind::literal, std::string(seg)});
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return p;
}

bool PathPattern::match(const std::vector<std::string>& segments, PathParams& params) const {
  if (segments.size() != segments_.size()) return false;
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto& want = segments_[i];
    const auto& got = segments[i];
    switch (want.kind) {
      case Kind::literal:
        if (got != want.value) return false;
        break;
      case Kind::integer:
        if (!is_integer(got)) return false;
        break;
      case Kind::uuid:
        if (!is_uuid(got)) return false;
        break;
      case Kind::text:
        if (got.empty()) return false;
        break;
    }
  }
  for (size_t i = 0; i < segments.size(); ++i) {
    const auto& want = segments_[i];
    if (want.kind == Kind::integer) {
      params.add(want.value, static_cast<int64_t>(std::stoll(segments[i])));
    } else if (want.kind == Kind::uuid) {
      std::string lower = segments[i];
      std::transform(lower.begin(), lower.end(), lower.begin(),
                     [](char c) { return (c >= 'A' && c <= 'F') ? static_cast<char>(c + 32) : c; });
      params.add(want.value, std::move(lower));
    } else if (want.kind == Kind::text) {
      params.add(want.value, segments[i]);
    }
  }
  return true;
}

bool PathPattern::more_specific_than(const PathPattern& other) const {
  auto rank = [](Kind k) { return k == Kind::literal ? 0 : (k == Kind::text ? 2 : 1); };
  size_t n = std::min(segments_.size(), other.segments_.size());
  for (size_t i = 0; i < n; ++i) {
    int a = rank(segments_[i].kind);
    int b = rank(other.segments_[i].kind);
    if (a != b) return a < b;
  }
  return false;
}

bool PathPattern::same_shape(const PathPattern& other) const {
  if (segments_.size() != other.segments_.size()) return false;
  for (size_t i = 0; i < segments_.size(); ++i) {
    const auto& a = segments_[i];
    const auto& b = other.segments_[i];
    if (a.kind != b.kind) return false;
    if (a.kind == Kind::literal && a.value != b.value) return false;
  }
  return true;
}

} // namespace plenum::http
