#pragma once
// A short list of the passwords that leaked-password corpora show most often. It is not a
// substitute for a breached-password service: it catches the handful of choices that an online
// guessing attack tries first, which the login throttle alone does not make safe.

#include <string_view>

namespace plenum::auth {

// True when `password` equals an entry of the list, comparing ASCII letters case-insensitively.
bool is_common_password(std::string_view password) noexcept;

} // namespace plenum::auth
