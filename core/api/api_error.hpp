#pragma once
// A failed API call as a person should read it: the status, the API's code and message.
#include <string>
#include <string_view>

namespace core::api {

struct ApiError {
  int status = 0;         // HTTP status; 0 when the request never got an answer
  std::string code;       // the API's code ("forbidden"), or one derived from the status
  std::string message;    // the API's message, or a plain description
  int retry_after_seconds = 0;  // from a 429's Retry-After header: do not ask again before this

  // "403 forbidden: Forbidden. Access to the requested resource was denied."
  std::string describe() const;
};

// Reads an error response. Bodies that are empty or not the API's {code, message} shape are tolerated:
// the code and message then come from the status.
ApiError parse_api_error(int status, std::string_view body);

// A Retry-After header's seconds (0 when absent or unreadable). The HTTP-date form is read as 0: the
// console then falls back to a fixed wait of its own.
int parse_retry_after(std::string_view header);

// A request that got no HTTP answer at all (network down, server stopped, CORS refusal).
ApiError network_error(std::string_view detail);

}  // namespace core::api
