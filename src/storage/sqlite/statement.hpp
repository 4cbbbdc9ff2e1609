#pragma once
// A prepared SQLite statement (RAII). Bind parameters are 1-based, as in SQLite.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace plenum::storage {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, int64_t value);
  Statement& bind_optional(int index, const std::optional<std::string>& text); // NULL when empty
  // Rows changed by the last run() of any statement on this connection.
  int64_t changes() const;
  // Binds `texts` to ?1..?n and then `ints` to the following parameters.
  Statement& bind_all(const std::vector<std::string>& texts, const std::vector<int64_t>& ints);
  // Steps once: true = a row is ready, false = done.
  Result<bool> step();
  // Runs to completion (for statements without result rows).
  Result<void> run();
  // Clears bindings and rewinds so the statement can be reused.
  void reset();

  int64_t column_int(int col) const;
  std::string column_text(int col) const;
  bool column_is_null(int col) const;
  std::optional<std::string> column_optional_text(int col) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  int bind_error_ = 0;
};

// Steps `stmt` to the end, turning each row into a T with `read(stmt)`; resets it on every path.
template <class T, class Read>
Result<std::vector<T>> collect_rows(Statement& stmt, Read read) {
  std::vector<T> out;
  for (;;) {
    auto row = stmt.step();
    if (!row) {
      stmt.reset();
      return row.error();
    }
    if (!*row) break;
    out.push_back(read(stmt));
  }
  stmt.reset();
  return out;
}

} // namespace plenum::storage
