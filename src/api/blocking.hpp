#pragma once
// Runs blocking work (database, file system) on the blocking pool and resumes the caller's
// coroutine on its own executor: request threads and strands never wait on disk or locks.

#include <optional>
#include <type_traits>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace plenum::api {

//
// `work` is taken by reference: the caller's temporary lives until its co_await completes.
// g++ 12 mis-destroys temporaries with non-trivial captures inside co_await expressions: pass
// lambdas that capture by reference only (the captured locals live in the coroutine frame).
template <class F>
boost::asio::awaitable<std::invoke_result_t<F&>> run_blocking(boost::asio::thread_pool& pool, F&& work) {
  using R = std::invoke_result_t<F&>;
  // co_spawn needs a default-constructible result; Result<T> is not, so it travels in an optional.
  std::optional<R> result = co_await boost::asio::co_spawn(
      pool, [&work]() -> boost::asio::awaitable<std::optional<R>> { co_return work(); },
      boost::asio::use_awaitable);
  co_return std::move(*result);
}

} // namespace plenum::api
