"""Forwarding /api/v2/* to a LaunchDarkly instance with the caller's Authorization and LD-API-Version, so the
console can use a real account from the browser: every /api/ request with --upstream, or one request at a
time through /proxy/api/v2/* and the X-TokenScope-Upstream header. Nothing here logs a header."""
import http.client
import json
import re
import urllib.error
import urllib.request

from . import errors

INSTANCES = (("Commercial", "https://app.launchdarkly.com"), ("EU", "https://app.eu.launchdarkly.com"),
             ("Federal", "https://app.launchdarkly.us"))
OFFICIAL_INSTANCES = tuple(url for _name, url in INSTANCES)
# scheme://host[:port] with a loopback host and nothing else: no user info, path, query or fragment.
LOOPBACK_URL = re.compile(r"https?://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]{1,5})?", re.IGNORECASE)
FORWARDED_REQUEST_HEADERS = ("authorization", "ld-api-version", "content-type", "accept")
FORWARDED_RESPONSE_HEADERS = ("content-type", "x-ratelimit-global-remaining", "x-ratelimit-route-remaining",
                              "x-ratelimit-reset", "retry-after")


def check_upstream(url: str, what: str = "--upstream") -> str:
    """The upstream without a trailing slash; only LaunchDarkly's instances or a loopback URL (scheme, host and
    port: the API's paths are appended to it)."""
    url = url.rstrip("/")
    if url in OFFICIAL_INSTANCES:
        return url
    match = LOOPBACK_URL.fullmatch(url)
    if match and (match.group(2) is None or 0 < int(match.group(2)[1:]) < 65536):
        return url
    raise ValueError(f"{what} must be one of {', '.join(OFFICIAL_INSTANCES)} or a loopback http(s) URL "
                     f"such as http://127.0.0.1:8000, not {url!r}")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is passed back to the caller, not followed: following it would send the caller's
    Authorization to wherever the Location points."""

    def redirect_request(self, *args, **kwargs):
        return None


class Proxy:
    def __init__(self, upstream: str | None = None, timeout_s: float = 20.0):
        # With an upstream (--upstream) every /api/ request goes there; without, only /proxy requests are forwarded.
        self.upstream = check_upstream(upstream) if upstream else None
        self.timeout_s = timeout_s
        self._opener = urllib.request.build_opener(_NoRedirects)

    def instances(self) -> list[dict]:
        """The instances the console offers: the official ones, and --upstream when it is another."""
        listed = [{"name": name, "url": url} for name, url in INSTANCES]
        if self.upstream and self.upstream not in OFFICIAL_INSTANCES:
            listed.append({"name": "Configured", "url": self.upstream})
        return listed

    def chosen_upstream(self, header: str | None) -> str:
        """The upstream an X-TokenScope-Upstream header names, or 400. --upstream passed check_upstream
        already, so it is always among the allowed ones."""
        if not header:
            raise errors.bad_request("The X-TokenScope-Upstream header is required: one of "
                                     f"{', '.join(OFFICIAL_INSTANCES)} or a loopback http(s) URL")
        try:
            return check_upstream(header.strip(), "X-TokenScope-Upstream")
        except ValueError as error:
            raise errors.bad_request(str(error))

    def forward(self, method: str, path_and_query: str, headers: dict, body: bytes | None,
                upstream: str | None = None):
        """(status, body bytes, response headers), from upstream or else --upstream."""
        forwarded = {name: value for name, value in headers.items() if name in FORWARDED_REQUEST_HEADERS}
        url = (upstream or self.upstream) + path_and_query
        request = urllib.request.Request(url, data=body, method=method, headers=forwarded)
        try:
            with self._opener.open(request, timeout=self.timeout_s) as response:
                return response.status, response.read(), self._headers(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), self._headers(error.headers)
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as error:
            reason = getattr(error, "reason", error)
            return self._error(errors.ApiError(502, "bad_gateway", f"The upstream API did not answer: {reason}"))
        except ValueError:  # http.client refuses a path with characters a URL cannot hold
            return self._error(errors.bad_request("The request path is not a valid URL"))

    @staticmethod
    def _error(error: errors.ApiError):
        return error.status, json.dumps(error.body()).encode(), {"Content-Type": "application/json"}

    @staticmethod
    def _headers(headers) -> dict:
        return {name: headers[name] for name in headers.keys() if name.lower() in FORWARDED_RESPONSE_HEADERS}
