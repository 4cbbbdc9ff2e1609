#include "base/logging.hpp"

#include <array>
#include <mutex>
#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace plenum::log {
namespace {

constexpr std::array<std::string_view, 6> kNames = {"trace", "debug", "info", "warn", "error", "off"};

spdlog::level::level_enum to_spdlog(Level level) {
  return static_cast<spdlog::level::level_enum>(static_cast<int>(level) + (level == Level::off ? 1 : 0));
}

struct State {
  std::mutex mutex;
  spdlog::sink_ptr sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  Level level = Level::info;
};

State& state() {
  static State s;
  return s;
}

} // namespace

Result<Level> parse_level(std::string_view text) {
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i] == text) return static_cast<Level>(i);
  }
  return make_error(ErrorCode::invalid_argument, "expected one of trace, debug, info, warn, error, off");
}

std::string_view to_string(Level level) noexcept { return kNames[static_cast<size_t>(level)]; }

void init(Level level) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  s.level = level;
  s.sink->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%-5l%$ [%n] %v");
  spdlog::apply_all([&](const std::shared_ptr<spdlog::logger>& l) { l->set_level(to_spdlog(level)); });
}

std::shared_ptr<spdlog::logger> get(std::string_view module) {
  auto& s = state();
  std::lock_guard lock(s.mutex);
  std::string name(module);
  if (auto existing = spdlog::get(name)) return existing;
  auto logger = std::make_shared<spdlog::logger>(name, s.sink);
  logger->set_level(to_spdlog(s.level));
  spdlog::register_logger(logger);
  return logger;
}

} // namespace plenum::log
