#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <utility>

#include "http/path.hpp"

namespace plenum::http {
namespace {

constexpr uintmax_t kMaxFileBytes = uintmax_t{64} << 20;

} // namespace

std::string_view content_type_for(const std::filesystem::path& file) noexcept {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".ico", "image/x-icon"},
      {".webp", "image/webp"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".wasm", "application/wasm"},
      {".txt", "text/plain; charset=utf-8"},
  }};
  auto ext = file.extension().string();
  for (const auto& [e, type] : kTypes) {
    if (e == ext) return type;
  }
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}

Response StaticFiles::file_response(const std::filesystem::path& file, bool immutable) const {
  std::ifstream in(file, std::ios::binary);
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (!in || ec || size > kMaxFileBytes) {
    return error_response(ErrorCode::internal, "cannot read " + file.filename().string());
  }
  std::string body(size, '\0');
  in.read(body.data(), static_cast<std::streamsize>(size));
  Response res = text_response(200, content_type_for(file), std::move(body));
  res.headers.set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  return res;
}

Response StaticFiles::serve(const Request& req) const {
  auto segments = split_path(req.path);
  if (!segments) return error_response(segments.error());
  // split_path rejects "." and ".." segments and encoded slashes, so the joined path stays
  // below the root; hidden files (".env", ".git") are never served.
  std::filesystem::path file = root_;
  for (const auto& s : *segments) {
    if (s.front() == '.' || s.find('\\') != std::string::npos) {
      return error_response(ErrorCode::not_found, "no such file");
    }
    file /= s;
  }
  std::error_code ec;
  if (!segments->empty() && std::filesystem::is_regular_file(file, ec)) {
    const bool hashed = segments->size() >= 2 && segments->front() == "assets";
    return file_response(file, hashed);
  }
  // A missing file with an extension is a 404; anything else is a client-side route.
  if (!segments->empty() && segments->back().find('.') != std::string::npos) {
    return error_response(ErrorCode::not_found, "no such file: " + segments->back());
  }
  auto index = root_ / "index.html";
  if (!std::filesystem::is_regular_file(index, ec)) {
    return error_response(ErrorCode::not_found, "the web app is not built: no index.html in " +
                                                    root_.string() +
                                                    " (run `make web` or set http.web_root)");
  }
  return file_response(index, false);
}

} // namespace plenum::http
