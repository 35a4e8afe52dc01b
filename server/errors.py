"""The API's error bodies: {"code", "message"} with the status LaunchDarkly uses for each."""


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}

    def body(self) -> dict:
        return {"code": self.code, "message": self.message}


def bad_request(message: str = "Invalid request body") -> ApiError:
    return ApiError(400, "invalid_request", message)


def unauthorized(message: str = "Invalid access token") -> ApiError:
    return ApiError(401, "unauthorized", message)


def forbidden(message: str = "Forbidden. Access to the requested resource was denied.") -> ApiError:
    return ApiError(403, "forbidden", message)


def not_found(message: str = "Invalid resource identifier") -> ApiError:
    return ApiError(404, "not_found", message)


def misdirected(host: str, allowed: list) -> ApiError:
    return ApiError(421, "misdirected_request",
                    f"This server does not answer for Host {host[:100]!r}: it answers for {', '.join(allowed)} "
                    "(serve.py --allowed-host NAME adds a name)")


def method_not_allowed() -> ApiError:
    return ApiError(405, "method_not_allowed", "Method not allowed")


def conflict(message: str, code: str = "conflict") -> ApiError:
    return ApiError(409, code, message)


def too_large(limit: int) -> ApiError:
    return ApiError(413, "request_entity_too_large", f"Request body exceeds {limit} bytes")


def patch_failed(message: str = "Unprocessable entity. Could not apply patch.") -> ApiError:
    return ApiError(422, "patch_failed", message)


def internal_error() -> ApiError:
    return ApiError(500, "internal_error", "The mock API failed on this request; the server log says where")


def rate_limited(retry_after_s: int) -> ApiError:
    return ApiError(429, "rate_limited", "You've exceeded the API rate limit. Try again later.",
                    {"Retry-After": str(retry_after_s)})
