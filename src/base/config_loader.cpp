#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <toml.hpp>

#include "base/config.hpp"
#include "base/config_schema.hpp"
#include "base/config_values.hpp"
#include "base/utf8.hpp"

extern char** environ; // NOLINT: POSIX

namespace plenum {
namespace {

using config_schema::Field;
using config_schema::RawValue;

constexpr size_t kMaxConfigBytes = size_t{1} << 20;

Error config_error(std::string message) {
  return make_error(ErrorCode::invalid_argument, "config: " + std::move(message));
}

std::string unknown_key_message(const std::string& key) {
  std::string msg = "unknown key \"" + key + "\"";
  auto hint = config_schema::suggest(key);
  if (!hint.empty()) msg += " (did you mean \"" + hint + "\"?)";
  return msg;
}

Result<RawValue> raw_from_toml(const toml::value& v) {
  if (v.is_string()) return RawValue{v.as_string().str, false};
  if (v.is_integer()) return RawValue{static_cast<int64_t>(v.as_integer()), false};
  if (v.is_boolean()) return RawValue{v.as_boolean(), false};
  if (v.is_array()) {
    std::vector<std::string> items;
    for (const auto& item : v.as_array()) {
      if (!item.is_string()) return make_error(ErrorCode::invalid_argument, "list items must be strings");
      items.push_back(item.as_string().str);
    }
    return RawValue{std::move(items), false};
  }
  return make_error(ErrorCode::invalid_argument, "this kind of TOML value is not used by any key");
}

struct Entry {
  std::string key;
  const toml::value* value;
  size_t line;
};

// Flattens [section] key = value into "section.key", in file order.
std::vector<Entry> flatten(const toml::value& root) {
  std::vector<Entry> out;
  for (const auto& [section, body] : root.as_table()) {
    if (!body.is_table()) {
      out.push_back({section, &body, body.location().line()});
      continue;
    }
    for (const auto& [name, value] : body.as_table()) {
      std::string key = section;
      key += '.';
      key += name;
      out.push_back({std::move(key), &value, value.location().line()});
    }
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
    return a.line != b.line ? a.line < b.line : a.key < b.key;
  });
  return out;
}

Result<void> apply_file(const std::filesystem::path& path, const std::optional<std::string>& text,
                        LoadedConfig& loaded) {
  std::string content;
  if (text) {
    content = *text;
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      return config_error("cannot open config file \"" + path.string() + "\": " + std::strerror(errno));
    }
    content.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (content.size() > kMaxConfigBytes) {
    return config_error("config file \"" + path.string() + "\" is larger than 1 MiB");
  }
  // TOML is UTF-8 by definition; checking first also keeps toml11 3.7 away from its
  // invalid-UTF-8 error path, which reads out of bounds (found by fuzz/config_fuzz.cpp).
  if (auto bad = utf8::first_invalid(content)) {
    const auto line =
        1 + std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(*bad), '\n');
    return config_error(path.string() + ":" + std::to_string(line) + ": not valid UTF-8 (byte " +
                        std::to_string(*bad) + ")");
  }
  std::istringstream in(content);
  toml::value root;
  try {
    root = toml::parse(in, path.string());
  } catch (const std::exception& e) {
    return config_error("config file \"" + path.string() + "\" is not valid TOML:\n" + e.what());
  }
  for (const auto& entry : flatten(root)) {
    const std::string where = path.string() + ":" + std::to_string(entry.line);
    const Field* field = config_schema::find_key(entry.key);
    if (!field) {
      const bool nested = entry.value->is_table();
      return config_error(
          where + ": " + (nested ? "unknown section \"" + entry.key + "\"" : unknown_key_message(entry.key)));
    }
    auto raw = raw_from_toml(*entry.value);
    if (!raw) return config_error(where + ": " + entry.key + ": expected " + field->expected);
    if (auto r = field->set(loaded.config, *raw); !r) {
      return config_error(where + ": " + entry.key + ": " + r.error().message);
    }
    loaded.origin[field->key] = "file";
  }
  return {};
}

Result<void> apply_env(const std::vector<std::pair<std::string, std::string>>& env, LoadedConfig& loaded) {
  for (const auto& [name, value] : env) {
    if (!name.starts_with("PLENUM_")) continue;
    const Field* field = config_schema::find_env(name);
    if (!field) {
      return config_error("unknown environment variable " + name +
                          " (every PLENUM_* variable must name a configuration key)");
    }
    if (auto r = field->set(loaded.config, RawValue{value, true}); !r) {
      return config_error(field->key + " (from environment " + name + "): " + r.error().message);
    }
    loaded.origin[field->key] = "env " + name;
  }
  return {};
}

Result<void> apply_flags(const std::vector<ConfigFlag>& flags, LoadedConfig& loaded) {
  for (const auto& flag : flags) {
    const Field* field = config_schema::find_key(flag.key);
    PLENUM_ASSERT(field != nullptr, "a command-line flag maps to an unknown key");
    if (auto r = field->set(loaded.config, RawValue{flag.value, true}); !r) {
      return config_error(field->key + " (from " + flag.flag_name + "): " + r.error().message);
    }
    loaded.origin[field->key] = "flag " + flag.flag_name;
  }
  return {};
}

} // namespace

Result<LoadedConfig> load_config(const ConfigSources& sources) {
  LoadedConfig loaded;
  for (const auto& f : config_schema::fields()) loaded.origin[f.key] = "default";
  if (sources.file) {
    if (auto r = apply_file(*sources.file, sources.file_text, loaded); !r) return r.error();
  }
  if (auto r = apply_env(sources.env, loaded); !r) return r.error();
  if (auto r = apply_flags(sources.flags, loaded); !r) return r.error();
  if (auto r = config_schema::validate(loaded.config); !r) {
    return config_error(r.error().message);
  }
  return loaded;
}

std::string render_config(const LoadedConfig& loaded) {
  std::ostringstream out;
  std::string section;
  for (const auto& f : config_schema::fields()) {
    auto dot = f.key.find('.');
    auto this_section = f.key.substr(0, dot);
    if (this_section != section) {
      out << (section.empty() ? "" : "\n") << "[" << this_section << "]\n";
      section = this_section;
    }
    std::string value = f.show(loaded.config);
    if (f.secret && value != "\"\"") value = "\"********\"";
    auto it = loaded.origin.find(f.key);
    out << f.key.substr(dot + 1) << " = " << value << "  # "
        << (it == loaded.origin.end() ? "default" : it->second) << "\n";
  }
  return out.str();
}

std::string config_reference_markdown() {
  Config defaults;
  std::ostringstream out;
  out << "| Key | Environment | Default | Accepted values | Meaning |\n";
  out << "|---|---|---|---|---|\n";
  for (const auto& f : config_schema::fields()) {
    std::string def = f.show(defaults);
    out << "| `" << f.key << "` | `" << f.env << "` | `" << def << "` | " << f.expected << " | " << f.help
        << (f.secret ? " Secret: masked in `check-config`, never logged." : "") << " |\n";
  }
  return out.str();
}

std::vector<std::pair<std::string, std::string>> process_environment() {
  std::vector<std::pair<std::string, std::string>> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace_back(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return env;
}

} // namespace plenum
