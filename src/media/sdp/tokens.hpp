#pragma once
// Small lexical helpers for SDP lines (RFC 8866 section 9 grammar), shared by the parser and
// the negotiation code. All of them are total over arbitrary input.

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace plenum::media::sdp {

// Splits on runs of spaces; no empty pieces (stacks sometimes write two spaces).
std::vector<std::string_view> split_words(std::string_view text);
// Splits on every `separator`; keeps empty pieces ("a;;b" gives three).
std::vector<std::string_view> split_on(std::string_view text, char separator);
// The text before the first `separator` and after it; nullopt as the second if there is none.
std::pair<std::string_view, std::optional<std::string_view>> cut(std::string_view text, char separator);
std::string_view trim_spaces(std::string_view text) noexcept;

// Decimal digits only (no sign, no spaces), value <= max.
std::optional<uint64_t> parse_uint(std::string_view text, uint64_t max) noexcept;

// RFC 8866 token-char: visible ASCII except the separators it excludes.
bool is_token(std::string_view text) noexcept;
// RFC 8851 rid-id: 1*(ALPHA / DIGIT / "-" / "_").
bool is_rid_id(std::string_view text) noexcept;
// Visible ASCII without space (ICE ufrag/pwd, fingerprint values, candidate fields).
bool is_visible_ascii(std::string_view text) noexcept;
bool equals_ignore_case(std::string_view a, std::string_view b) noexcept;

} // namespace plenum::media::sdp
