#pragma once
// Runs blocking work (database, file system) on the blocking pool and resumes the caller's
// coroutine on its own executor: request threads and strands never wait on disk or locks.

#include <type_traits>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace plenum::api {

template <class F>
boost::asio::awaitable<std::invoke_result_t<F>> run_blocking(boost::asio::thread_pool& pool, F work) {
  using R = std::invoke_result_t<F>;
  co_return co_await boost::asio::co_spawn(
      pool, [work = std::move(work)]() mutable -> boost::asio::awaitable<R> { co_return work(); },
      boost::asio::use_awaitable);
}

} // namespace plenum::api
