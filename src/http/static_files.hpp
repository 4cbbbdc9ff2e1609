#pragma once
// Serves the built web app: files below the web root, index.html for client-side routes (SPA
// fallback), immutable caching for content-hashed files under /assets/.

#include <filesystem>

#include <boost/asio/awaitable.hpp>

#include "http/request.hpp"
#include "http/response.hpp"

namespace plenum::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // Synchronous core (small files from local disk); tests call it directly.
  Response serve(const Request& req) const;
  boost::asio::awaitable<Response> operator()(Request& req) const { co_return serve(req); }

 private:
  Response file_response(const std::filesystem::path& file, bool immutable) const;
  std::filesystem::path root_;
};

std::string_view content_type_for(const std::filesystem::path& file) noexcept;

} // namespace plenum::http
