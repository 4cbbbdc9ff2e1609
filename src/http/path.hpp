#pragma once
// Request paths and route patterns. Parsing only, no I/O: fuzzed by fuzz/path_fuzz.cpp.
//
// Pattern syntax: "/api/v1/rooms/{id:uuid}/events/{n:int}/{name}"
//   literal segments match exactly; {x} matches any one non-empty segment (text),
//   {x:int} a decimal integer (0..10^18-1), {x:uuid} an RFC 9562 UUID (stored lowercase).

#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "http/request.hpp"

namespace plenum::http {

// Splits a raw (percent-encoded) absolute path into decoded segments. "/" -> {}.
// Errors (bad_request): not starting with '/', bad %-escape, NUL, a decoded '/' inside a
// segment, "." or ".." segments, a segment over 1024 bytes or more than 64 segments.
Result<std::vector<std::string>> split_path(std::string_view raw_path);

Result<std::string> percent_decode(std::string_view text);

class PathPattern {
 public:
  enum class Kind { literal, integer, uuid, text };
  struct Segment {
    Kind kind;
    std::string value; // the literal, or the parameter name
  };

  static Result<PathPattern> parse(std::string_view pattern);

  // True when the segments match; then the typed parameters are appended to `params`.
  bool match(const std::vector<std::string>& segments, PathParams& params) const;
  // Smaller = more specific; literal beats typed beats text, segment by segment.
  bool more_specific_than(const PathPattern& other) const;
  // Two patterns that match exactly the same paths (a routing conflict).
  bool same_shape(const PathPattern& other) const;

  const std::string& text() const { return text_; }
  const std::vector<Segment>& segments() const { return segments_; }

 private:
  std::string text_;
  std::vector<Segment> segments_;
};

} // namespace plenum::http
