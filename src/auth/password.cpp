#include "auth/password.hpp"

#include <sodium.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "auth/common_passwords.hpp"
#include "auth/sodium_init.hpp"
#include "base/utf8.hpp"

namespace plenum::auth {
namespace {

// libsodium would take a null pointer for an empty password; give it a valid one instead.
const char* data_or_empty(std::string_view text) noexcept { return text.empty() ? "" : text.data(); }

char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string to_ascii_lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), ascii_lower);
  return out;
}

// The number of code points in valid UTF-8: every byte that is not a continuation byte.
size_t code_points(std::string_view text) noexcept {
  return static_cast<size_t>(
      std::ranges::count_if(text, [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// Splits valid UTF-8 into its code points, each as its byte sequence.
std::vector<std::string_view> split_code_points(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      out.push_back(text.substr(start, i - start));
      start = i;
    }
  }
  return out;
}

// "aaaaaaaaaa", "ääääääääää": one code point repeated (after lower-casing ASCII).
bool is_one_repeated_character(std::string_view lowered) {
  const auto chars = split_code_points(lowered);
  return !chars.empty() && std::ranges::all_of(chars, [&](std::string_view c) { return c == chars.front(); });
}

bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool is_lower_letter(char c) noexcept { return c >= 'a' && c <= 'z'; }

// A run of ASCII digits or letters that steps by +1 or -1 each time: "1234567890",
// "0987654321", "abcdefghij", "zyxwvutsrq". Digits wrap around (9 -> 0), letters do not.
bool is_simple_run(std::string_view lowered) noexcept {
  if (lowered.size() < 2) return false;
  const bool digits = std::ranges::all_of(lowered, is_digit);
  const bool letters = std::ranges::all_of(lowered, is_lower_letter);
  if (!digits && !letters) return false;
  const int modulus = digits ? 10 : 0;
  auto step_of = [&](char from, char to) {
    int step = to - from;
    if (modulus != 0) step = ((step % modulus) + modulus + 1) % modulus - 1; // 9 -> 0 is +1
    return step;
  };
  const int step = step_of(lowered[0], lowered[1]);
  if (step != 1 && step != -1) return false;
  for (size_t i = 2; i < lowered.size(); ++i) {
    if (step_of(lowered[i - 1], lowered[i]) != step) return false;
  }
  return true;
}

bool is_word_separator(char c) noexcept { return c == ' ' || c == '.' || c == '_' || c == '-' || c == '+'; }

// The whole text (trimmed) and each of its words, lower-cased, without empty ones.
std::vector<std::string> personal_fragments(std::string_view text) {
  std::vector<std::string> out;
  const std::string lowered = to_ascii_lower(text);
  std::string_view whole = lowered;
  while (!whole.empty() && is_word_separator(whole.front())) whole.remove_prefix(1);
  while (!whole.empty() && is_word_separator(whole.back())) whole.remove_suffix(1);
  if (whole.empty()) return out;
  out.emplace_back(whole);
  size_t start = 0;
  for (size_t i = 0; i <= whole.size(); ++i) {
    if (i == whole.size() || is_word_separator(whole[i])) {
      if (i > start && i - start < whole.size()) out.emplace_back(whole.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

bool uses_personal_data(std::string_view lowered_password, std::string_view personal) {
  return std::ranges::any_of(personal_fragments(personal), [&](const std::string& fragment) {
    return lowered_password == fragment || (code_points(fragment) >= kMinPersonalFragment &&
                                            lowered_password.find(fragment) != std::string::npos);
  });
}

std::string_view local_part(std::string_view email) noexcept {
  const size_t at = email.rfind('@');
  return at == std::string_view::npos ? email : email.substr(0, at);
}

Error invalid(std::string message) { return make_error(ErrorCode::invalid_argument, std::move(message)); }

} // namespace

Result<std::string> hash_password(std::string_view password) {
  ensure_sodium();
  std::string out(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str_alg(out.data(), data_or_empty(password), password.size(), kArgon2OpsLimit,
                            kArgon2MemLimitBytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(ErrorCode::internal, "password hashing failed (out of memory)");
  }
  out.resize(out.find('\0'));
  return out;
}

bool verify_password(std::string_view password, const std::string& stored_hash) {
  ensure_sodium();
  // libsodium reads the hash as a C string; an embedded NUL would silently shorten it.
  if (stored_hash.find('\0') != std::string::npos) return false;
  return crypto_pwhash_str_verify(stored_hash.c_str(), data_or_empty(password), password.size()) == 0;
}

bool needs_rehash(const std::string& stored_hash) {
  ensure_sodium();
  if (stored_hash.find('\0') != std::string::npos) return true;
  // 0: current parameters; 1: other parameters; -1: not an Argon2id hash at all.
  return crypto_pwhash_str_needs_rehash(stored_hash.c_str(), kArgon2OpsLimit, kArgon2MemLimitBytes) != 0;
}

Result<void> check_new_password(std::string_view password, std::string_view email,
                                std::string_view display_name, const PasswordPolicy& policy) {
  if (!utf8::valid(password)) return invalid("The password is not valid UTF-8 text.");
  const size_t length = code_points(password);
  if (length < policy.min_length) {
    return invalid("The password must be at least " + std::to_string(policy.min_length) +
                   " characters long.");
  }
  if (length > policy.max_length) {
    return invalid("The password must be at most " + std::to_string(policy.max_length) + " characters long.");
  }
  const std::string lowered = to_ascii_lower(password);
  if (uses_personal_data(lowered, local_part(email))) {
    return invalid("The password must not contain your e-mail address.");
  }
  if (uses_personal_data(lowered, display_name)) return invalid("The password must not contain your name.");
  if (is_common_password(lowered)) {
    return invalid("This password is one of the most commonly used passwords; choose another one.");
  }
  if (is_one_repeated_character(lowered)) return invalid("The password must not be one repeated character.");
  if (is_simple_run(lowered)) {
    return invalid("The password must not be a simple sequence such as \"1234567890\" or \"abcdefghij\".");
  }
  return {};
}

} // namespace plenum::auth
