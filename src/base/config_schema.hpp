#pragma once
// The table of configuration keys (internal to base/config_*.cpp).

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/config.hpp"

namespace plenum::config_schema {

// A value before it is typed: from TOML it keeps its TOML type; from an environment variable or
// a flag it is text.
struct RawValue {
  std::variant<std::string, int64_t, bool, std::vector<std::string>> value;
  bool is_text = false;
  std::string describe() const; // for "got ..." in error messages
};

struct Field {
  std::string key;      // "http.max_body_bytes"
  std::string env;      // "PLENUM_HTTP_MAX_BODY_BYTES"
  std::string expected; // the accepted form, e.g. "a size between 1KiB and 1GiB"
  std::string help;
  bool secret = false;
  std::function<Result<void>(Config&, const RawValue&)> set; // error message = expected form
  std::function<std::string(const Config&)> show;            // as a TOML value
};

const std::vector<Field>& fields();
const Field* find_key(std::string_view key);
const Field* find_env(std::string_view env);
// The closest known key within a small edit distance, for "did you mean".
std::string suggest(std::string_view unknown_key);
// Checks that hold across keys (e.g. TLS needs both files). Names the keys in the message.
Result<void> validate(const Config& config);

} // namespace plenum::config_schema
