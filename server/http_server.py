"""HTTP front: the console's static files and the API, on Python's standard-library server.
Authorization values and token secrets never reach the log."""
import json
import logging
import mimetypes
import posixpath
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from . import errors
from .api import MockApi, Request, Response
from .proxy import Proxy
from .rate_limit import RateLimiter

MAX_BODY_BYTES = 1024 * 1024
PROXY_PATH = "/proxy"  # /proxy/api/v2/... goes to the instance named by X-TokenScope-Upstream
DRAIN_LIMIT = 16 * 1024 * 1024
LOG = logging.getLogger("tokenscope.server")
STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".wasm": "application/wasm", ".css": "text/css; charset=utf-8", ".png": "image/png",
                ".svg": "image/svg+xml", ".json": "application/json"}


class Handler(BaseHTTPRequestHandler):
    server_version = "TokenScope"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY the body waits for a delayed ACK (~40 ms).
    disable_nagle_algorithm = True

    # Set on the class by make_server().
    api: MockApi = None
    site_dir: Path = None
    limiter: RateLimiter = None
    proxy: Proxy = None

    def version_string(self):
        return self.server_version

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_PATCH(self):
        self._dispatch("PATCH")

    def do_DELETE(self):
        self._dispatch("DELETE")

    def do_PUT(self):
        self._dispatch("PUT")

    def do_HEAD(self):
        self._dispatch("HEAD")

    def do_OPTIONS(self):
        """CORS preflight for the console's methods and headers."""
        self.send_response(204)
        self._cors_headers()
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS")
        self.send_header("Access-Control-Allow-Headers",
                         "Authorization, Content-Type, LD-API-Version, Accept, X-HTTP-Method-Override, "
                         "X-TokenScope-Upstream")
        self.send_header("Access-Control-Max-Age", "300")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _cors_headers(self):
        origin = self.headers.get("Origin")
        self.send_header("Access-Control-Allow-Origin", origin or "*")
        if origin:
            self.send_header("Vary", "Origin")
        self.send_header("Access-Control-Expose-Headers",
                         "X-Ratelimit-Global-Remaining, X-Ratelimit-Route-Remaining, X-Ratelimit-Reset, Retry-After")

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        # The default logs the request line only (never headers); keep it to method, path and status.
        LOG.info("%s %s", self.address_string(), format % args)

    def _dispatch(self, method: str):
        url = urlsplit(self.path)
        path = unquote(url.path)
        try:
            if path == "/console/config":
                self._send_json(Response(200, {"mode": "proxy" if self.proxy.upstream else "mock",
                                               "upstream": self.proxy.upstream, "instances": self.proxy.instances(),
                                               "proxyPath": PROXY_PATH}))
            elif url.path.startswith(PROXY_PATH + "/"):  # not unquoted: what follows the prefix is sent on as is
                self._proxy_route(method, url.path[len(PROXY_PATH):], url.query)
            elif self.proxy.upstream and path.startswith("/api/"):
                self._forward(method, self.path, self._read_body())
            elif path.startswith("/api/") or path.startswith("/console/"):
                self._api(method, path, parse_qs(url.query))
            elif method in ("GET", "HEAD"):
                self._static(path, head=(method == "HEAD"))
            else:
                self._send_json(Response(405, errors.method_not_allowed().body()))
        except errors.ApiError as error:
            self._send_json(Response(error.status, error.body(), error.headers))
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _api(self, method: str, path: str, query: dict):
        headers = {name.lower(): value for name, value in self.headers.items()}
        override = headers.get("x-http-method-override", "").upper()
        if method == "POST" and override in ("PATCH", "PUT", "DELETE"):
            method = override
        request = Request(method, path, {k: v[-1] for k, v in query.items()}, headers)
        limit_headers, retry_after = self.limiter.hit(self.api.route_name(request))
        try:
            request.body = self._read_json_body()
            if retry_after is not None:
                raise errors.rate_limited(retry_after)
            response = self.api.handle(request)
        except errors.ApiError as error:
            response = Response(error.status, error.body(), error.headers)
        response.headers = {**limit_headers, **response.headers}
        self._send_json(response)

    def _proxy_route(self, method: str, target: str, query: str):
        """/proxy/api/v2/...?query to the same path on the upstream that X-TokenScope-Upstream names. The body is
        read first so that a refusal leaves the connection usable. Not rate limited: the upstream limits."""
        body = self._read_body()
        # Only the console served from here may relay through this machine: another site open in the same
        # browser must not use it to reach loopback services or LaunchDarkly with its own requests.
        origin = self.headers.get("Origin")
        if origin is not None and origin != f"http://{self.headers.get('Host', '')}":
            raise errors.forbidden("The proxy only serves the console of its own origin")
        segments = unquote(target).split("/")
        if segments[1:3] != ["api", "v2"] or "." in segments or ".." in segments:
            raise errors.not_found(f"Only {PROXY_PATH}/api/v2/... is forwarded")
        upstream = self.proxy.chosen_upstream(self.headers.get("X-TokenScope-Upstream"))
        self._forward(method, target + (f"?{query}" if query else ""), body, upstream)

    def _forward(self, method: str, path_and_query: str, body: bytes | None, upstream: str | None = None):
        """Sends the request on to upstream (else --upstream) and its answer back."""
        headers = {name.lower(): value for name, value in self.headers.items()}
        status, payload, response_headers = self.proxy.forward(method, path_and_query, headers, body or None, upstream)
        self.send_response(status)
        self._cors_headers()
        for name, value in response_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(payload)

    def _read_body(self) -> bytes | None:
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            return None
        try:
            length = int(length_text)
        except ValueError:
            self.close_connection = True  # where this request ends is unknown
            raise errors.bad_request("Content-Length is not a number")
        if length < 0:
            self.close_connection = True
            raise errors.bad_request("Content-Length is negative")
        if length > MAX_BODY_BYTES:
            self._discard(length)
            raise errors.too_large(MAX_BODY_BYTES)
        return self.rfile.read(length)

    def _read_json_body(self):
        raw = self._read_body()
        if raw is None or not raw.strip():
            return None
        try:
            return json.loads(raw)
        except (ValueError, UnicodeDecodeError) as error:
            raise errors.bad_request(f"Invalid JSON body: {error}")

    def _discard(self, length: int):
        """Reads and drops an oversized body, so the client can read the 413 instead of a broken pipe.
        Past DRAIN_LIMIT the connection is simply closed."""
        self.close_connection = True
        remaining = min(length, DRAIN_LIMIT)
        while remaining > 0:
            chunk = self.rfile.read(min(remaining, 64 * 1024))
            if not chunk:
                break
            remaining -= len(chunk)

    def _send_json(self, response: Response):
        payload = b"" if response.body is None else json.dumps(response.body).encode()
        self.send_response(response.status)
        self._cors_headers()
        if response.body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _static(self, path: str, head: bool):
        relative = posixpath.normpath(path).lstrip("/") or "index.html"
        if path.endswith("/"):
            relative = posixpath.join(relative, "index.html") if relative != "index.html" else relative
        file_path = (self.site_dir / relative).resolve()
        site = self.site_dir.resolve()
        if site not in file_path.parents and file_path != site or not file_path.is_file():
            self._send_json(Response(404, errors.not_found(f"No such file: {path}").body()))
            return
        data = file_path.read_bytes()
        content_type = STATIC_TYPES.get(file_path.suffix) or mimetypes.guess_type(file_path.name)[0] \
            or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        if file_path.suffix == ".html":
            self.send_header("Content-Security-Policy",
                             "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                             "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'")
        self.end_headers()
        if not head:
            self.wfile.write(data)


class _Server(ThreadingHTTPServer):
    # The standard library's backlog of 5 resets connections when a few dozen clients connect at once.
    request_queue_size = 128


def make_server(api: MockApi, site_dir: Path, host: str, port: int, rate_limit: int | None = None,
                proxy: Proxy | None = None) -> ThreadingHTTPServer:
    """proxy: a Proxy with an upstream forwards every /api/ request (proxy mode); /proxy/api/v2 always works."""
    handler = type("TokenScopeHandler", (Handler,), {"api": api, "site_dir": site_dir, "limiter": RateLimiter(rate_limit),
                                                     "proxy": proxy or Proxy()})
    server = _Server((host, port), handler)
    server.daemon_threads = True
    return server


def configure_logging(quiet: bool) -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING if quiet else logging.INFO,
                        format="%(asctime)s %(message)s")


__all__ = ["make_server", "configure_logging", "HTTPStatus"]
