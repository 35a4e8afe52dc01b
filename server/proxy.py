"""Proxy mode: /api/v2/* forwarded to a real LaunchDarkly instance with the caller's Authorization and
LD-API-Version, so the console can use a real account from the browser. Nothing here logs a header."""
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from . import errors

OFFICIAL_INSTANCES = ("https://app.launchdarkly.com", "https://app.eu.launchdarkly.com", "https://app.launchdarkly.us")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
FORWARDED_REQUEST_HEADERS = ("authorization", "ld-api-version", "content-type", "accept")
FORWARDED_RESPONSE_HEADERS = ("content-type", "x-ratelimit-global-remaining", "x-ratelimit-route-remaining",
                              "x-ratelimit-reset", "retry-after")


def check_upstream(url: str) -> str:
    """The upstream without a trailing slash; only LaunchDarkly's instances or a loopback URL."""
    url = url.rstrip("/")
    if url in OFFICIAL_INSTANCES:
        return url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.hostname in LOOPBACK_HOSTS and parts.path in ("", "/"):
        return url
    raise ValueError(f"--upstream must be one of {', '.join(OFFICIAL_INSTANCES)} or a loopback URL, not {url!r}")


class Proxy:
    def __init__(self, upstream: str, timeout_s: float = 20.0):
        self.upstream = check_upstream(upstream)
        self.timeout_s = timeout_s

    def forward(self, method: str, path_and_query: str, headers: dict, body: bytes | None):
        """(status, body bytes, response headers)."""
        forwarded = {name: value for name, value in headers.items() if name in FORWARDED_REQUEST_HEADERS}
        request = urllib.request.Request(self.upstream + path_and_query, data=body, method=method, headers=forwarded)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:
                return response.status, response.read(), self._headers(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), self._headers(error.headers)
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            api_error = errors.ApiError(502, "bad_gateway", f"The upstream API did not answer: {reason}")
            import json
            return 502, json.dumps(api_error.body()).encode(), {"Content-Type": "application/json"}

    @staticmethod
    def _headers(headers) -> dict:
        return {name: headers[name] for name in headers.keys() if name.lower() in FORWARDED_RESPONSE_HEADERS}
