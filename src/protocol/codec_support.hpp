#pragma once
// Checks used by the generated decoder (signaling/protocol.cpp, from protocol.json).

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/fwd.hpp>

namespace plenum::proto {

// Why `text` is not acceptable (length in code points, control characters), or nullptr.
// `multiline` allows line feeds and tabs.
const char* check_text(std::string_view text, size_t min_length, size_t max_length, bool multiline);
// A participant id: a UUID in canonical lower-case form.
bool is_id(std::string_view text);
bool one_of(std::string_view text, std::initializer_list<std::string_view> values);
// An integral JSON number within [min, max] (never a float).
std::optional<int64_t> as_integer(const boost::json::value& value, int64_t min, int64_t max);
// The first key of `object` that is not in `known`.
std::optional<std::string> first_unknown_field(const boost::json::object& object,
                                               std::initializer_list<std::string_view> known);

} // namespace plenum::proto
