"""HTTP front: the console's static files and the API, on Python's standard-library server.
Authorization values and token secrets never reach the log.

Who may talk to it (see README, "Security model"):
- every request must name this server in its Host header (a DNS-rebinding name does not);
- /console/* (the demo members' tokens among them) and /proxy/* answer only the console's own origin;
- /api/* sends CORS headers only to the origins the person allowed with --allow-origin."""
import gzip
import json
import logging
import re
import socket
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from . import errors, json_body
from .api import MockApi
from .request import Request, Response
from .proxy import Proxy
from .rate_limit import RateLimiter
from .static_site import StaticSite, accepted_encodings

MAX_BODY_BYTES = 1024 * 1024
PROXY_PATH = "/proxy"  # /proxy/api/v2/... goes to the instance named by X-TokenScope-Upstream
DRAIN_LIMIT = 16 * 1024 * 1024
IDLE_TIMEOUT_S = 15        # a connection that sends nothing for this long is closed
REQUEST_DEADLINE_S = 10    # waiting for a request, then its headers and body, may take this long in all
MAX_CONNECTIONS = 64       # connections served at once; more get a 503 at once instead of a thread each
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
# An API read's JSON answer this long or longer is gzipped for a client that accepts it. Only /api/ reads: none
# carries a secret (a token's value is only ever in the answer to the POST that made or reset it), so
# compression cannot leak one through its length (BREACH). /console/demo-members, which does, is never gzipped.
COMPRESS_JSON_FROM_BYTES = 1024
CONTENT_LENGTH = re.compile(r"[0-9]{1,12}")
LOG = logging.getLogger("tokenscope.server")
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
                           "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "frame-ancestors 'none'; form-action 'none'")
EXPOSED_HEADERS = "X-Ratelimit-Global-Remaining, X-Ratelimit-Route-Remaining, X-Ratelimit-Reset, Retry-After"


def printable(text: str) -> str:
    """Text for the log: control characters (a forged line break, an escape sequence) shown as \\xNN."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


class Handler(BaseHTTPRequestHandler):
    server_version = "TokenScope"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without TCP_NODELAY the body waits for a delayed ACK (~40 ms).
    disable_nagle_algorithm = True
    timeout = IDLE_TIMEOUT_S

    # Set on the class by make_server().
    api: MockApi = None
    site: StaticSite = None
    limiter: RateLimiter = None
    proxy: Proxy = None
    allowed_hosts: frozenset = frozenset()
    cors_origins: frozenset = frozenset()

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
        self._dispatch("OPTIONS")

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        # The default logs the request line only (never headers); keep it to method, path and status.
        LOG.info("%s %s", self.address_string(), printable(format % args))

    # --- who is asking

    def _own_origin(self) -> str:
        return f"http://{self.headers.get('Host', '')}"

    def _host_allowed(self) -> bool:
        return self.headers.get("Host", "").lower() in self.allowed_hosts

    def _same_origin(self) -> bool:
        """The request comes from a page this server served (or from no page: curl, the tests)."""
        origin = self.headers.get("Origin")
        if origin is not None and origin != self._own_origin():
            return False
        return self.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")

    def _cors_origin(self) -> str | None:
        """The Origin to allow in CORS headers: only one the person allowed with --allow-origin."""
        origin = self.headers.get("Origin")
        if origin is not None and (origin in self.cors_origins or "*" in self.cors_origins):
            return origin
        return None

    # --- routing

    def handle_one_request(self):
        # The whole request — waiting for it, its headers and its body — must arrive within a deadline: a
        # client trickling a byte at a time would otherwise hold a connection for ever.
        self.server.watch(self.connection)
        try:
            super().handle_one_request()
        finally:
            self.server.unwatch(self.connection)

    def _dispatch(self, method: str):
        try:
            # The body is always read (or the connection closed) before any answer, so that no part of it can
            # be taken for the next request on this connection.
            self.body = None
            self.body = self._read_body()
            self.server.unwatch(self.connection)
            self._route(method)
        except errors.ApiError as error:
            self._send_json(Response(error.status, error.body(), error.headers))
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as error:  # a bug must still answer, never drop the connection
            # The traceback's frames say where; the exception's text may quote the request, so it is left out.
            LOG.error("internal error on %s %s: %s\n%s", method, printable(urlsplit(self.path).path),
                      type(error).__name__, "".join(traceback.format_tb(error.__traceback__)))
            self.close_connection = True
            try:
                self._send_json(Response(500, errors.internal_error().body()))
            except (ConnectionError, TimeoutError):
                pass

    def _route(self, method: str):
        if not self._host_allowed():
            raise errors.misdirected(self.headers.get("Host", ""), sorted(self.allowed_hosts))
        url = urlsplit(self.path)
        path = unquote(url.path)
        if "\x00" in path:
            raise errors.bad_request("The path holds a NUL character")
        if method == "OPTIONS":
            return self._preflight(path)
        if path.startswith("/console/"):
            if not self._same_origin():
                raise errors.forbidden("Only the console served from this address may use /console/")
            if path == "/console/config":
                return self._send_json(Response(200, {"mode": "proxy" if self.proxy.upstream else "mock",
                                                      "upstream": self.proxy.upstream,
                                                      "instances": self.proxy.instances(), "proxyPath": PROXY_PATH}))
            return self._api(method, path, url.query)
        if url.path.startswith(PROXY_PATH + "/"):  # not unquoted: what follows the prefix is sent on as is
            return self._proxy_route(method, url.path[len(PROXY_PATH):], url.query)
        if self.proxy.upstream and path.startswith("/api/"):
            return self._forward(method, self.path, self.body)
        if path.startswith("/api/"):
            return self._api(method, path, url.query)
        if method in ("GET", "HEAD"):
            return self._static(path, head=(method == "HEAD"))
        raise errors.method_not_allowed()

    def _preflight(self, path: str):
        """CORS preflight: only for /api/ and only for an allowed origin."""
        origin = self._cors_origin()
        if not path.startswith("/api/") or origin is None:
            raise errors.forbidden("Cross-origin requests are not allowed from this origin "
                                   "(serve.py --allow-origin ORIGIN allows one)")
        self.send_response(204)
        self._security_headers()
        self._cors_headers(origin)
        self.send_header("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE, OPTIONS")
        self.send_header("Access-Control-Allow-Headers",
                         "Authorization, Content-Type, LD-API-Version, Accept, X-HTTP-Method-Override")
        self.send_header("Access-Control-Max-Age", "300")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _api(self, method: str, path: str, query_text: str):
        headers = {name.lower(): value for name, value in self.headers.items()}
        override = headers.get("x-http-method-override", "").upper()
        if method == "POST" and override in ("PATCH", "PUT", "DELETE"):
            method = override
        query = {k: v[-1] for k, v in parse_qs(query_text).items()}
        request = Request(method, path, query, headers)
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
        """/proxy/api/v2/...?query to the same path on the upstream that X-TokenScope-Upstream names. Not rate
        limited: the upstream limits."""
        body = self.body
        # Only the console served from here may relay through this machine: another site open in the same
        # browser must not use it to reach loopback services or LaunchDarkly with its own requests.
        if not self._same_origin():
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
        self._security_headers()
        self._cors_headers(self._cors_origin())
        for name, value in response_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(payload)

    # --- bodies

    def _read_body(self) -> bytes | None:
        lengths = self.headers.get_all("Content-Length") or []
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True  # chunked bodies are not read: where this request ends is unknown
            raise errors.bad_request("Transfer-Encoding is not supported: send Content-Length")
        if len(lengths) > 1:
            self.close_connection = True
            raise errors.bad_request("More than one Content-Length header")
        if not lengths:
            return None
        length_text = lengths[0]
        if not CONTENT_LENGTH.fullmatch(length_text.strip()):
            self.close_connection = True  # where this request ends is unknown
            raise errors.bad_request("Content-Length must be a number of bytes (digits only)")
        length = int(length_text)
        if length > MAX_BODY_BYTES:
            self._discard(length)
            raise errors.too_large(MAX_BODY_BYTES)
        data = self.rfile.read(length)
        if len(data) < length:
            self.close_connection = True
            raise errors.bad_request("The body ended before Content-Length bytes")
        return data

    def _read_json_body(self):
        raw = self.body
        if raw is None or not raw.strip():
            return None
        return json_body.parse(raw)

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

    # --- responses

    def _security_headers(self):
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")

    def _cors_headers(self, origin: str | None):
        if origin is None:
            return
        self.send_header("Access-Control-Allow-Origin", origin)
        self.send_header("Vary", "Origin")
        self.send_header("Access-Control-Expose-Headers", EXPOSED_HEADERS)

    def _send_json(self, response: Response):
        payload = b"" if response.body is None else json.dumps(response.body).encode()
        compressible = (self.command in ("GET", "HEAD") and self.path.startswith("/api/")
                        and len(payload) >= COMPRESS_JSON_FROM_BYTES)
        gzipped = compressible and "gzip" in accepted_encodings(self.headers.get("Accept-Encoding"))
        if gzipped:
            payload = gzip.compress(payload, 6, mtime=0)
        self.send_response(response.status)
        self._security_headers()
        if self.path.startswith("/api/"):
            self._cors_headers(self._cors_origin())
        if response.body is not None:
            self.send_header("Content-Type", "application/json")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _static(self, path: str, head: bool):
        found = self.site.file(path, self.headers.get("Accept-Encoding"))
        if found is None:
            self._send_json(Response(404, errors.not_found(f"No such file: {printable(path)[:200]}").body()))
            return
        not_modified = found.etag in [tag.strip() for tag in self.headers.get("If-None-Match", "").split(",")]
        self.send_response(304 if not_modified else 200)
        self._security_headers()
        self.send_header("Content-Type", found.content_type)
        if found.encoding:
            self.send_header("Content-Encoding", found.encoding)
        if found.varies:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", found.cache_control)
        self.send_header("ETag", found.etag)
        if found.content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        if not_modified:
            self.end_headers()
            return
        self.send_header("Content-Length", str(len(found.data)))
        self.end_headers()
        if not head:
            self.wfile.write(found.data)


class _Server(ThreadingHTTPServer):
    # The standard library's backlog of 5 resets connections when a few dozen clients connect at once.
    request_queue_size = 128
    daemon_threads = True

    def __init__(self, *args, request_deadline_s: float = REQUEST_DEADLINE_S, **kwargs):
        super().__init__(*args, **kwargs)
        self._active = 0
        self._active_lock = threading.Lock()
        self.request_deadline_s = request_deadline_s
        self._deadlines = {}  # connection -> when it must have sent its request whole
        self._closed = threading.Event()
        self._reaper = threading.Thread(target=self._reap, name="request deadlines", daemon=True)
        self._reaper.start()

    def server_close(self):
        self._closed.set()
        super().server_close()

    def handle_error(self, request, client_address):
        """A connection that broke (a client gone, a deadline's shutdown) is not news; anything else is logged
        by its kind and place only."""
        error = sys.exc_info()[1]
        if isinstance(error, (ConnectionError, TimeoutError)):
            return
        LOG.error("connection from %s failed: %s\n%s", client_address[0], type(error).__name__,
                  "".join(traceback.format_tb(error.__traceback__)))

    def watch(self, connection) -> None:
        with self._active_lock:
            self._deadlines[connection] = time.monotonic() + self.request_deadline_s

    def unwatch(self, connection) -> None:
        with self._active_lock:
            self._deadlines.pop(connection, None)

    def _reap(self) -> None:
        """Shuts connections whose request has not arrived whole in time; their reads then fail and end."""
        while not self._closed.wait(min(1.0, self.request_deadline_s / 4)):
            now = time.monotonic()
            with self._active_lock:
                late = [connection for connection, deadline in self._deadlines.items() if deadline < now]
                for connection in late:
                    del self._deadlines[connection]
            for connection in late:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def process_request(self, request, client_address):
        with self._active_lock:
            busy = self._active >= MAX_CONNECTIONS
            if not busy:
                self._active += 1
        if busy:  # answer at once, without a thread: many idle connections must not exhaust the server
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                                b"Retry-After: 1\r\nConnection: close\r\nContent-Length: 79\r\n\r\n"
                                b'{"code":"service_unavailable","message":"Too many connections; try again soon"}')
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._active_lock:
                self._active -= 1


def host_names(host: str, port: int, extra=()) -> frozenset:
    """The Host header values that name this server: host:port for the bound address and the loopback
    names (when bound to loopback), and each extra name (with and without the port)."""
    names = set()
    bound = f"[{host}]" if ":" in host and not host.startswith("[") else host
    candidates = {bound, *extra}
    if bound in LOOPBACK_NAMES or bound.startswith("127."):
        candidates.update(LOOPBACK_NAMES)
    for name in candidates:
        name = name.lower()
        names.add(f"{name}:{port}")
        if port == 80:
            names.add(name)
    return frozenset(names)


def make_server(api: MockApi, site_dir: Path, host: str, port: int, rate_limit: int | None = None,
                proxy: Proxy | None = None, allowed_hosts=(), cors_origins=(),
                idle_timeout_s: float = IDLE_TIMEOUT_S, request_deadline_s: float = REQUEST_DEADLINE_S) -> ThreadingHTTPServer:
    """proxy: a Proxy with an upstream forwards every /api/ request (proxy mode); /proxy/api/v2 always works.
    allowed_hosts: more names the server may be reached by (--allowed-host); cors_origins: --allow-origin."""
    handler = type("TokenScopeHandler", (Handler,), {"api": api, "site": StaticSite(site_dir),
                                                     "limiter": RateLimiter(rate_limit), "proxy": proxy or Proxy(),
                                                     "cors_origins": frozenset(cors_origins), "timeout": idle_timeout_s})
    server = _Server((host, port), handler, request_deadline_s=request_deadline_s)
    handler.allowed_hosts = host_names(host, server.server_address[1], allowed_hosts)
    return server


def configure_logging(quiet: bool) -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING if quiet else logging.INFO,
                        format="%(asctime)s %(message)s")


__all__ = ["make_server", "configure_logging", "HTTPStatus"]
