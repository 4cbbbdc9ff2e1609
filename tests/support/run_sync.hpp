#pragma once
// Runs a coroutine to completion on a private io_context (for handler and middleware tests).

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

namespace plenum::test {

template <class T>
T run_sync(boost::asio::awaitable<T> task) {
  boost::asio::io_context io;
  auto future = boost::asio::co_spawn(io, std::move(task), boost::asio::use_future);
  io.run();
  return future.get();
}

} // namespace plenum::test
