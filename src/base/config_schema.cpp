#include "base/config_schema.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>

#include "base/config_values.hpp"

namespace plenum::config_schema {
namespace cv = config_values;
using std::chrono::milliseconds;

std::string RawValue::describe() const {
  if (const auto* s = std::get_if<std::string>(&value)) {
    std::string shown = s->size() > 60 ? s->substr(0, 60) + "..." : *s;
    return is_text ? "\"" + shown + "\"" : "the string \"" + shown + "\"";
  }
  if (const auto* i = std::get_if<int64_t>(&value)) return "the integer " + std::to_string(*i);
  if (const auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  return "a list";
}

namespace {

Error expected_error(const std::string& expected, const RawValue& raw, std::string_view detail = {}) {
  std::string msg = "expected " + expected + ", got " + raw.describe();
  if (!detail.empty()) msg += " (" + std::string(detail) + ")";
  return make_error(ErrorCode::invalid_argument, std::move(msg));
}

std::string quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string env_name(std::string_view key) {
  std::string env = "PLENUM_";
  for (char c : key) env += c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return env;
}

// Text form of a raw value that must be text-like (string from TOML or any env/flag value).
const std::string* text_of(const RawValue& raw) { return std::get_if<std::string>(&raw.value); }

template <class Get>
Field string_field(const std::string& key, Get get, const std::string& expected, std::string help,
                   bool secret, const std::function<Result<std::string>(std::string_view)>& check) {
  Field f{key, env_name(key), expected, std::move(help), secret, {}, {}};
  f.set = [get, expected, check](Config& c, const RawValue& raw) -> Result<void> {
    const auto* text = text_of(raw);
    if (!text) return expected_error(expected, raw);
    auto checked = check(*text);
    if (!checked) return expected_error(expected, raw, checked.error().message);
    get(c) = *checked;
    return {};
  };
  f.show = [get](const Config& c) { return quote(std::string(get(c))); };
  return f;
}

template <class Get>
Field path_field(const std::string& key, Get get, std::string help) {
  Field f{key, env_name(key), "a file system path", std::move(help), false, {}, {}};
  f.set = [get, expected = f.expected](Config& c, const RawValue& raw) -> Result<void> {
    const auto* text = text_of(raw);
    if (!text || text->find('\0') != std::string::npos) return expected_error(expected, raw);
    get(c) = *text;
    return {};
  };
  f.show = [get](const Config& c) { return quote(get(c).string()); };
  return f;
}

template <class Get>
Field int_field(const std::string& key, Get get, int64_t lo, int64_t hi, std::string help) {
  std::string expected = "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  Field f{key, env_name(key), expected, std::move(help), false, {}, {}};
  f.set = [get, lo, hi, expected](Config& c, const RawValue& raw) -> Result<void> {
    Result<int64_t> v = make_error(ErrorCode::invalid_argument, "");
    if (const auto* i = std::get_if<int64_t>(&raw.value))
      v = *i;
    else if (raw.is_text)
      v = cv::parse_int(*text_of(raw));
    if (!v || *v < lo || *v > hi) return expected_error(expected, raw);
    get(c) = static_cast<std::remove_reference_t<decltype(get(c))>>(*v);
    return {};
  };
  f.show = [get](const Config& c) { return std::to_string(get(c)); };
  return f;
}

template <class Get>
Field bool_field(const std::string& key, Get get, std::string help) {
  Field f{key, env_name(key), "true or false", std::move(help), false, {}, {}};
  f.set = [get, expected = f.expected](Config& c, const RawValue& raw) -> Result<void> {
    Result<bool> v = make_error(ErrorCode::invalid_argument, "");
    if (const auto* b = std::get_if<bool>(&raw.value))
      v = *b;
    else if (raw.is_text)
      v = cv::parse_bool(*text_of(raw));
    if (!v) return expected_error(expected, raw);
    get(c) = *v;
    return {};
  };
  f.show = [get](const Config& c) { return std::string(get(c) ? "true" : "false"); };
  return f;
}

template <class Get>
Field size_field(const std::string& key, Get get, uint64_t lo, uint64_t hi, std::string help) {
  std::string expected = "a size from " + cv::format_size(lo) + " to " + cv::format_size(hi) +
                         " (bytes, or a string such as \"64KiB\" or \"1MiB\")";
  Field f{key, env_name(key), expected, std::move(help), false, {}, {}};
  f.set = [get, lo, hi, expected](Config& c, const RawValue& raw) -> Result<void> {
    Result<uint64_t> v = make_error(ErrorCode::invalid_argument, "");
    if (const auto* i = std::get_if<int64_t>(&raw.value)) {
      if (*i >= 0) v = static_cast<uint64_t>(*i);
    } else if (const auto* s = text_of(raw)) {
      v = cv::parse_size(*s);
    }
    if (!v || *v < lo || *v > hi) return expected_error(expected, raw);
    get(c) = *v;
    return {};
  };
  f.show = [get](const Config& c) {
    auto v = get(c);
    auto text = cv::format_size(v);
    return text == std::to_string(v) ? text : quote(text);
  };
  return f;
}

template <class Get>
Field duration_field(const std::string& key, Get get, milliseconds lo, milliseconds hi, std::string help) {
  std::string expected = "a duration from " + cv::format_duration(lo) + " to " + cv::format_duration(hi) +
                         " (a string such as \"500ms\", \"10s\" or \"2m\")";
  Field f{key, env_name(key), expected, std::move(help), false, {}, {}};
  f.set = [get, lo, hi, expected](Config& c, const RawValue& raw) -> Result<void> {
    const auto* text = text_of(raw);
    if (!text) return expected_error(expected, raw);
    auto v = cv::parse_duration(*text);
    if (!v) return expected_error(expected, raw, v.error().message);
    if (*v < lo || *v > hi) return expected_error(expected, raw);
    get(c) = *v;
    return {};
  };
  f.show = [get](const Config& c) { return quote(cv::format_duration(get(c))); };
  return f;
}

template <class Get>
Field origins_field(const std::string& key, Get get, std::string help) {
  std::string expected =
      "a list of origins such as [\"https://meet.example.org\"] (comma-separated in the "
      "environment)";
  Field f{key, env_name(key), expected, std::move(help), false, {}, {}};
  f.set = [get, expected](Config& c, const RawValue& raw) -> Result<void> {
    std::vector<std::string> items;
    if (const auto* list = std::get_if<std::vector<std::string>>(&raw.value))
      items = *list;
    else if (raw.is_text)
      items = cv::split_list(*text_of(raw));
    else
      return expected_error(expected, raw);
    constexpr size_t kMaxOrigins = 64;
    if (items.size() > kMaxOrigins) return expected_error(expected, raw, "at most 64 origins");
    std::vector<std::string> out;
    for (const auto& item : items) {
      auto origin = cv::parse_origin(item);
      if (!origin) return expected_error(expected, raw, "\"" + item + "\": " + origin.error().message);
      out.push_back(*origin);
    }
    get(c) = std::move(out);
    return {};
  };
  f.show = [get](const Config& c) {
    std::string out = "[";
    for (const auto& o : get(c)) out += (out.size() > 1 ? ", " : "") + quote(o);
    return out + "]";
  };
  return f;
}

std::vector<Field> build_fields() {
  std::vector<Field> f;
  {
    std::string expected = "an address HOST:PORT such as \"127.0.0.1:8080\" or \"[::1]:8080\"";
    Field listen{"server.listen",
                 env_name("server.listen"),
                 expected,
                 "Address and port of the HTTP server (port 0 picks a free one).",
                 false,
                 {},
                 {}};
    listen.set = [expected](Config& c, const RawValue& raw) -> Result<void> {
      const auto* text = text_of(raw);
      if (!text) return expected_error(expected, raw);
      auto v = cv::parse_listen(*text);
      if (!v) return expected_error(expected, raw, v.error().message);
      c.server.listen = *v;
      return {};
    };
    listen.show = [](const Config& c) { return quote(cv::format_listen(c.server.listen)); };
    f.push_back(std::move(listen));
  }
  f.push_back(path_field(
      "server.data_dir", [](auto& c) -> auto& { return c.server.data_dir; },
      "Directory for the database and other persistent data; created if missing."));
  f.push_back(int_field(
      "server.threads", [](auto& c) -> auto& { return c.server.threads; }, 1, 64,
      "Threads of the control plane (HTTP, signaling)."));
  f.push_back(size_field(
      "http.max_body_bytes", [](auto& c) -> auto& { return c.http.max_body_bytes; }, 1024, uint64_t{1} << 30,
      "Largest request body; larger ones get 413."));
  f.push_back(size_field(
      "http.max_header_bytes", [](auto& c) -> auto& { return c.http.max_header_bytes; }, 1024, 1 << 20,
      "Largest request line plus headers; larger ones get 431."));
  f.push_back(duration_field(
      "http.header_timeout", [](auto& c) -> auto& { return c.http.header_timeout; }, milliseconds(100),
      milliseconds(600'000), "Time a client has to send the request headers."));
  f.push_back(duration_field(
      "http.body_timeout", [](auto& c) -> auto& { return c.http.body_timeout; }, milliseconds(100),
      milliseconds(3'600'000), "Time a client has to send the request body."));
  f.push_back(duration_field(
      "http.idle_timeout", [](auto& c) -> auto& { return c.http.idle_timeout; }, milliseconds(100),
      milliseconds(3'600'000), "How long an idle keep-alive connection stays open."));
  f.push_back(duration_field(
      "http.shutdown_timeout", [](auto& c) -> auto& { return c.http.shutdown_timeout; }, milliseconds(0),
      milliseconds(60'000), "On SIGTERM/SIGINT: how long in-flight requests may take to finish."));
  f.push_back(int_field(
      "http.max_connections", [](auto& c) -> auto& { return c.http.max_connections; }, 1, 1'000'000,
      "Open HTTP connections at most; more are answered 503 and closed."));
  f.push_back(origins_field(
      "http.cors_origins", [](auto& c) -> auto& { return c.http.cors_origins; },
      "Other web origins allowed to call the API from a browser (CORS)."));
  f.push_back(path_field(
      "http.web_root", [](auto& c) -> auto& { return c.http.web_root; },
      "Directory of the built web app (index.html and assets/)."));
  f.push_back(path_field(
      "tls.cert_file", [](auto& c) -> auto& { return c.tls.cert_file; },
      "PEM certificate chain; with tls.key_file turns on HTTPS."));
  f.push_back(path_field(
      "tls.key_file", [](auto& c) -> auto& { return c.tls.key_file; }, "PEM private key for tls.cert_file."));
  {
    std::string expected = "one of \"trace\", \"debug\", \"info\", \"warn\", \"error\", \"off\"";
    Field level{"log.level", env_name("log.level"), expected, "Lowest level that is logged.", false, {}, {}};
    level.set = [expected](Config& c, const RawValue& raw) -> Result<void> {
      const auto* text = text_of(raw);
      auto v =
          text ? log::parse_level(*text) : Result<log::Level>(make_error(ErrorCode::invalid_argument, ""));
      if (!v) return expected_error(expected, raw);
      c.log.level = *v;
      return {};
    };
    level.show = [](const Config& c) { return quote(log::to_string(c.log.level)); };
    f.push_back(std::move(level));
  }
  f.push_back(string_field(
      "metrics.bearer_token", [](auto& c) -> auto& { return c.metrics.bearer_token; },
      "empty, or a token of 16 to 256 printable characters",
      "When set, GET /metrics needs 'Authorization: Bearer <token>'.", true,
      [](std::string_view s) -> Result<std::string> {
        if (s.empty()) return std::string();
        if (s.size() < 16 || s.size() > 256) return make_error(ErrorCode::invalid_argument, "length");
        for (char ch : s) {
          if (ch <= ' ' || ch > '~') return make_error(ErrorCode::invalid_argument, "character");
        }
        return std::string(s);
      }));
  f.push_back(duration_field(
      "auth.session_ttl", [](auto& c) -> auto& { return c.auth.session_ttl; }, milliseconds(300'000),
      milliseconds(30LL * 24 * 3'600'000), "How long a sign-in stays valid (built-in accounts)."));
  f.push_back(int_field(
      "auth.password_min_length", [](auto& c) -> auto& { return c.auth.password_min_length; }, 8, 128,
      "Fewest characters a new password may have."));
  f.push_back(string_field(
      "oidc.issuer", [](auto& c) -> auto& { return c.oidc.issuer; },
      "empty, or the provider's issuer URL (https://...; http:// only for local testing)",
      "OpenID Connect provider (e.g. a Keycloak realm URL); empty turns OIDC sign-in off.", false,
      [](std::string_view s) -> Result<std::string> {
        if (s.empty() || s.starts_with("https://") || s.starts_with("http://")) return std::string(s);
        return make_error(ErrorCode::invalid_argument, "not a URL");
      }));
  f.push_back(string_field(
      "oidc.client_id", [](auto& c) -> auto& { return c.oidc.client_id; },
      "the client id registered at the provider",
      "Client id of the web app at the provider; access tokens must carry it as audience.", false,
      [](std::string_view s) -> Result<std::string> {
        if (s.size() > 256) return make_error(ErrorCode::invalid_argument, "too long");
        return std::string(s);
      }));
  f.push_back(string_field(
      "oidc.resource", [](auto& c) -> auto& { return c.oidc.resource; },
      "empty, or an absolute URI naming this API at the provider",
      "Resource indicator (RFC 8707) the web app's sign-in asks access tokens for, for providers "
      "that issue JWT access tokens per resource; empty: none.",
      false,
      [](std::string_view s) -> Result<std::string> {
        if (s.size() > 256) return make_error(ErrorCode::invalid_argument, "too long");
        if (!s.empty() && s.find(':') == std::string_view::npos)
          return make_error(ErrorCode::invalid_argument, "not an absolute URI");
        return std::string(s);
      }));
  f.push_back(path_field(
      "oidc.ca_file", [](auto& c) -> auto& { return c.oidc.ca_file; },
      "Extra CA certificate (PEM) to trust for the provider's HTTPS."));
  f.push_back(size_field(
      "signaling.max_message_bytes", [](auto& c) -> auto& { return c.signaling.max_message_bytes; }, 1024,
      uint64_t{16} << 20,
      "Largest signaling frame a client may send; larger ones close the connection (1009)."));
  f.push_back(size_field(
      "signaling.max_queued_bytes", [](auto& c) -> auto& { return c.signaling.max_queued_bytes; },
      uint64_t{64} << 10, uint64_t{1} << 30,
      "Outbound queue of one connection; a client that falls this far behind is disconnected."));
  f.push_back(int_field(
      "signaling.frames_per_second", [](auto& c) -> auto& { return c.signaling.frames_per_second; }, 1,
      10'000,
      "Frames a connection may send per second on average; more are dropped with a slow_down notice."));
  f.push_back(int_field(
      "signaling.frame_burst", [](auto& c) -> auto& { return c.signaling.frame_burst; }, 1, 100'000,
      "Frames a connection may send at once above the average rate."));
  f.push_back(duration_field(
      "signaling.heartbeat_timeout", [](auto& c) -> auto& { return c.signaling.heartbeat_timeout; },
      milliseconds(1'000), milliseconds(300'000),
      "A connection silent this long (no frame, no pong) is dead; pings go out at half of it."));
  f.push_back(duration_field(
      "rooms.resumption_window", [](auto& c) -> auto& { return c.rooms.resumption_window; }, milliseconds(0),
      milliseconds(3'600'000), "How long a dropped participant may reconnect and keep their place."));
  f.push_back(duration_field(
      "rooms.idle_timeout", [](auto& c) -> auto& { return c.rooms.idle_timeout; }, milliseconds(0),
      milliseconds(86'400'000), "An empty room closes (and its chat and state are deleted) after this."));
  f.push_back(duration_field(
      "rooms.time_limit", [](auto& c) -> auto& { return c.rooms.time_limit; }, milliseconds(0),
      milliseconds(7 * 86'400'000LL), "Longest meeting; 0 means no limit."));
  f.push_back(duration_field(
      "rooms.time_limit_notice", [](auto& c) -> auto& { return c.rooms.time_limit_notice; }, milliseconds(0),
      milliseconds(86'400'000), "How long before the time limit participants are told the room will close."));
  f.push_back(duration_field(
      "rooms.wheel_spin", [](auto& c) -> auto& { return c.rooms.wheel_spin; }, milliseconds(500),
      milliseconds(60'000),
      "How long the wheel of names of a speaker round turns before the winner speaks."));
  f.push_back(int_field(
      "media.workers", [](auto& c) -> auto& { return c.media.workers; }, -1, 64,
      "Media threads of the SFU, each with its own UDP port (media.port + i); -1 is one per CPU core "
      "(at most 64; a large room spreads over them), 0 turns media off."));
  const auto ip_check = [](std::string_view s) -> Result<std::string> {
    if (!s.empty() && s.find_first_not_of("0123456789abcdefABCDEF.:") != std::string_view::npos)
      return make_error(ErrorCode::invalid_argument, "a literal IPv4 or IPv6 address");
    return std::string(s);
  };
  f.push_back(string_field(
      "media.listen_ip", [](auto& c) -> auto& { return c.media.listen_ip; }, "an IP address",
      "Address the SFU's UDP sockets bind to.", false, ip_check));
  f.push_back(string_field(
      "media.announced_ip", [](auto& c) -> auto& { return c.media.announced_ip; }, "an IP address or empty",
      "Address clients send media to (the public one behind NAT); empty means media.listen_ip.", false,
      ip_check));
  f.push_back(int_field(
      "media.port", [](auto& c) -> auto& { return c.media.port; }, 0, 65'535,
      "UDP port of the first media worker; 0 picks a free port (set one for firewalls)."));
  f.push_back(int_field(
      "media.room_transports_per_worker", [](auto& c) -> auto& { return c.media.room_transports_per_worker; },
      1, 100'000,
      "A room's transports (two per device) on one worker before its new subscribers go to another "
      "worker, fed over an in-process relay; 150 is ~75 devices of a large meeting per core."));
  f.push_back(bool_field(
      "media.udp_segmentation", [](auto& c) -> auto& { return c.media.udp_segmentation; },
      "Send a run of equal-size datagrams to one address as one segmented message (UDP GSO, Linux "
      "4.18+; falls back by itself where the kernel refuses). Off only to debug, or when a filter on "
      "this host (nftables on loopback) must see each datagram."));
  f.push_back(string_field(
      "media.turn_urls", [](auto& c) -> auto& { return c.media.turn_urls; }, "comma-separated turn: URLs",
      "TURN servers (coturn) handed to clients, e.g. \"turn:turn.example.org:3478?transport=udp\".", false,
      [](std::string_view s) -> Result<std::string> { return std::string(s); }));
  f.push_back(string_field(
      "media.turn_secret", [](auto& c) -> auto& { return c.media.turn_secret; }, "a string",
      "coturn's static-auth-secret: clients get time-limited TURN credentials derived from it.", true,
      [](std::string_view s) -> Result<std::string> { return std::string(s); }));
  f.push_back(duration_field(
      "media.turn_credential_lifetime", [](auto& c) -> auto& { return c.media.turn_credential_lifetime; },
      milliseconds(60'000), milliseconds(7 * 86'400'000LL),
      "How long TURN credentials handed to a client stay valid."));
  f.push_back(string_field(
      "storage.backend", [](auto& c) -> auto& { return c.storage.backend; }, "\"sqlite\"",
      "Database engine. SQLite in server.data_dir is the embedded default.", false,
      [](std::string_view s) -> Result<std::string> {
        if (s != "sqlite") return make_error(ErrorCode::invalid_argument, "unknown backend");
        return std::string(s);
      }));
  f.push_back(duration_field(
      "storage.busy_timeout", [](auto& c) -> auto& { return c.storage.busy_timeout; }, milliseconds(0),
      milliseconds(60'000), "How long a query waits for a locked database."));
  return f;
}

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

Result<void> check_readable(const std::filesystem::path& p, std::string_view key) {
  std::ifstream in(p);
  if (!in) {
    return make_error(ErrorCode::invalid_argument, std::string(key) + ": cannot read \"" + p.string() + "\"");
  }
  return {};
}

} // namespace

const std::vector<Field>& fields() {
  static const std::vector<Field> table = build_fields();
  return table;
}

const Field* find_key(std::string_view key) {
  for (const auto& f : fields()) {
    if (f.key == key) return &f;
  }
  return nullptr;
}

const Field* find_env(std::string_view env) {
  for (const auto& f : fields()) {
    if (f.env == env) return &f;
  }
  return nullptr;
}

std::string suggest(std::string_view unknown_key) {
  std::string best;
  size_t best_distance = 4; // suggest only close matches
  auto last = [](std::string_view k) { return k.substr(k.rfind('.') + 1); };
  for (const auto& f : fields()) {
    size_t d = edit_distance(unknown_key, f.key);
    if (last(f.key) == unknown_key) d = 0; // a key written outside its section
    if (d < best_distance) {
      best_distance = d;
      best = f.key;
    }
  }
  return best;
}

Result<void> validate(const Config& c) {
  if (c.tls.cert_file.empty() != c.tls.key_file.empty()) {
    return make_error(ErrorCode::invalid_argument,
                      "tls.cert_file and tls.key_file must be set together (both or neither)");
  }
  if (c.tls.enabled()) {
    if (auto r = check_readable(c.tls.cert_file, "tls.cert_file"); !r) return r;
    if (auto r = check_readable(c.tls.key_file, "tls.key_file"); !r) return r;
  }
  if (c.oidc.enabled() && c.oidc.client_id.empty()) {
    return make_error(ErrorCode::invalid_argument, "oidc.client_id must be set when oidc.issuer is");
  }
  if (c.server.data_dir.empty()) {
    return make_error(ErrorCode::invalid_argument, "server.data_dir: must not be empty");
  }
  return {};
}

} // namespace plenum::config_schema
