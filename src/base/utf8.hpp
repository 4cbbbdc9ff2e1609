#pragma once
// UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.

#include <cstddef>
#include <optional>
#include <string_view>

namespace plenum::utf8 {

// The byte offset of the first invalid sequence, or nullopt when `text` is valid UTF-8.
std::optional<size_t> first_invalid(std::string_view text) noexcept;

inline bool valid(std::string_view text) noexcept { return !first_invalid(text).has_value(); }

// Code points in valid UTF-8 text (what a person counts as characters, near enough).
size_t code_points(std::string_view text) noexcept;

// True when `text` holds a C0 control character or DEL.
bool has_control_chars(std::string_view text) noexcept;

// Why `text` is not acceptable as a one-line (or, with `multiline`, a multi-line) text of
// `min_length` to `max_length` code points, or nullptr. Multi-line text may hold line breaks and
// tabs; other control characters are refused. The signaling decoder and the REST checks of
// meeting templates share it.
const char* check_text(std::string_view text, size_t min_length, size_t max_length, bool multiline) noexcept;

} // namespace plenum::utf8
