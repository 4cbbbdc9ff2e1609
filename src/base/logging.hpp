#pragma once
// Logging: spdlog, one named logger per module, all writing to stderr through one sink.
// Never log secrets, tokens, query strings or message contents (docs/style.md).

#include <memory>
#include <string_view>

#include <spdlog/logger.h>

#include "base/result.hpp"

namespace plenum::log {

enum class Level { trace, debug, info, warn, error, off };

Result<Level> parse_level(std::string_view text);
std::string_view to_string(Level level) noexcept;

// Sets the level of every existing and future module logger. Safe to call more than once.
void init(Level level);

// The logger of one module ("http", "storage", ...). Created on first use.
std::shared_ptr<spdlog::logger> get(std::string_view module);

} // namespace plenum::log
