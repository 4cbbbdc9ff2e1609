#pragma once
// Result<T>: a value or an Error. A small stand-in for C++23 std::expected (we build as C++20).

#include <optional>
#include <utility>
#include <variant>

#include "base/error.hpp"

namespace plenum {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}     // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {} // NOLINT: implicit by design

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return checked_value(); }
  const T& value() const& { return const_cast<Result*>(this)->checked_value(); }
  T&& value() && { return std::move(checked_value()); }
  T* operator->() { return &checked_value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return checked_value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    PLENUM_ASSERT(!ok(), "Result::error() on a value");
    return std::get<1>(v_);
  }

 private:
  T& checked_value() {
    PLENUM_ASSERT(ok(), "Result::value() on an error");
    return std::get<0>(v_);
  }
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {} // NOLINT: implicit by design

  bool ok() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const Error& error() const {
    PLENUM_ASSERT(!ok(), "Result::error() on success");
    return *error_;
  }

 private:
  std::optional<Error> error_;
};

} // namespace plenum
