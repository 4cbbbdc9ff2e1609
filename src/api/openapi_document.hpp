#pragma once

#include <string_view>

namespace plenum::api {

// src/api/openapi.json, compiled in (generated/api/openapi_document.cpp).
extern const std::string_view kOpenApiDocument;

} // namespace plenum::api
