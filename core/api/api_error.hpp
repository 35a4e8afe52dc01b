#pragma once
// A failed API call as a person should read it: the status, the API's code and message.
#include <string>
#include <string_view>

namespace core::api {

// What went wrong, as the console tells it apart: the API refused (its status and code say why), no answer
// came at all, an answer came that the console cannot read, or the request was never sent because what the
// person entered cannot make one.
enum class ErrorKind { Api, Network, InvalidResponse, InvalidInput };

struct ApiError {
  int status = 0;         // HTTP status; 0 when the request never got an answer (or was never sent)
  std::string code;       // the API's code ("forbidden"), or one derived from the status (Api errors only)
  std::string message;    // the API's message, or a plain description
  int retry_after_seconds = 0;  // from a 429's Retry-After header: do not ask again before this
  ErrorKind kind = ErrorKind::Api;

  // "403 forbidden: Forbidden. Access to the requested resource was denied."
  std::string describe() const;
};

// An answer that came but could not be read (its status, and what the parser said).
ApiError invalid_response(int status, std::string_view problem);
// Input of the person's that makes no request (a draft policy that is not JSON, no role chosen...).
ApiError invalid_input(std::string_view problem);

// Reads an error response. Bodies that are empty or not the API's {code, message} shape are tolerated:
// the code and message then come from the status.
ApiError parse_api_error(int status, std::string_view body);

// A Retry-After header's seconds (0 when absent or unreadable). The HTTP-date form is read as 0: the
// console then falls back to a fixed wait of its own.
int parse_retry_after(std::string_view header);

// A request that got no HTTP answer at all (network down, server stopped, CORS refusal).
ApiError network_error(std::string_view detail);

}  // namespace core::api
