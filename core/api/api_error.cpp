#include "core/api/api_error.hpp"

#include <nlohmann/json.hpp>

namespace core::api {
namespace {

struct StatusText {
  int status;
  const char* code;
  const char* message;
};

constexpr StatusText kStatusTexts[] = {
    {400, "invalid_request", "Invalid request"},
    {401, "unauthorized", "Invalid access token"},
    {403, "forbidden", "Forbidden. Access to the requested resource was denied."},
    {404, "not_found", "Invalid resource identifier"},
    {405, "method_not_allowed", "Method not allowed"},
    {409, "optimistic_locking_error", "Conflict. Try again later."},
    {413, "request_entity_too_large", "Request body too large"},
    {422, "patch_failed", "Unprocessable entity. Could not apply patch."},
    {429, "rate_limited", "You've exceeded the API rate limit. Try again later."},
    {500, "internal_server_error", "Internal server error"},
    {502, "bad_gateway", "Bad gateway: the upstream API did not answer"},
    {503, "service_unavailable", "Service unavailable"},
};

StatusText fallback_for(int status) {
  for (const auto& text : kStatusTexts)
    if (text.status == status) return text;
  return {status, status >= 500 ? "server_error" : "http_error", "Unexpected HTTP status"};
}

}  // namespace

std::string ApiError::describe() const {
  switch (kind) {
    case ErrorKind::Network: return "No answer from the API: " + message;
    case ErrorKind::InvalidResponse: return "The API's answer (" + std::to_string(status) + ") could not be read: " + message;
    case ErrorKind::InvalidInput: return message;
    case ErrorKind::Api: break;
  }
  return std::to_string(status) + " " + code + ": " + message;
}

ApiError invalid_response(int status, std::string_view problem) {
  return ApiError{status, "", std::string(problem), 0, ErrorKind::InvalidResponse};
}

ApiError invalid_input(std::string_view problem) { return ApiError{0, "", std::string(problem), 0, ErrorKind::InvalidInput}; }

ApiError parse_api_error(int status, std::string_view body) {
  const StatusText fallback = fallback_for(status);
  ApiError error{status, fallback.code, fallback.message};
  auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_object()) {
    if (auto code = parsed.find("code"); code != parsed.end() && code->is_string() && !code->get_ref<const std::string&>().empty())
      error.code = code->get<std::string>();
    if (auto message = parsed.find("message"); message != parsed.end() && message->is_string() &&
                                               !message->get_ref<const std::string&>().empty())
      error.message = message->get<std::string>();
  }
  return error;
}

int parse_retry_after(std::string_view header) {
  while (!header.empty() && header.front() == ' ') header.remove_prefix(1);
  while (!header.empty() && header.back() == ' ') header.remove_suffix(1);
  if (header.empty() || header.size() > 6) return 0;
  int seconds = 0;
  for (char c : header) {
    if (c < '0' || c > '9') return 0;
    seconds = seconds * 10 + (c - '0');
  }
  return seconds;
}

ApiError network_error(std::string_view detail) {
  return ApiError{0, "", std::string(detail), 0, ErrorKind::Network};
}

}  // namespace core::api
