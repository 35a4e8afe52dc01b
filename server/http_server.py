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

MAX_BODY_BYTES = 1024 * 1024
DRAIN_LIMIT = 16 * 1024 * 1024
LOG = logging.getLogger("tokenscope.server")
STATIC_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                ".wasm": "application/wasm", ".css": "text/css; charset=utf-8", ".png": "image/png",
                ".svg": "image/svg+xml", ".json": "application/json"}


class Handler(BaseHTTPRequestHandler):
    server_version = "TokenScope"
    protocol_version = "HTTP/1.1"

    # Set on the class by make_server().
    api: MockApi = None
    site_dir: Path = None

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

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        # The default logs the request line only (never headers); keep it to method, path and status.
        LOG.info("%s %s", self.address_string(), format % args)

    def _dispatch(self, method: str):
        url = urlsplit(self.path)
        path = unquote(url.path)
        try:
            if path.startswith("/api/") or path.startswith("/console/"):
                self._api(method, path, parse_qs(url.query))
            elif method in ("GET", "HEAD"):
                self._static(path, head=(method == "HEAD"))
            else:
                self._send_json(Response(405, errors.method_not_allowed().body()))
        except (ConnectionError, TimeoutError):
            self.close_connection = True

    def _api(self, method: str, path: str, query: dict):
        try:
            body = self._read_json_body()
        except errors.ApiError as error:
            self._send_json(Response(error.status, error.body(), error.headers))
            return
        headers = {name.lower(): value for name, value in self.headers.items()}
        request = Request(method, path, {k: v[-1] for k, v in query.items()}, headers, body)
        self._send_json(self.api.handle(request))

    def _read_json_body(self):
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            return None
        try:
            length = int(length_text)
        except ValueError:
            raise errors.bad_request("Content-Length is not a number")
        if length < 0:
            raise errors.bad_request("Content-Length is negative")
        if length > MAX_BODY_BYTES:
            self._discard(length)
            raise errors.too_large(MAX_BODY_BYTES)
        raw = self.rfile.read(length)
        if not raw.strip():
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


def make_server(api: MockApi, site_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("TokenScopeHandler", (Handler,), {"api": api, "site_dir": site_dir})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def configure_logging(quiet: bool) -> None:
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING if quiet else logging.INFO,
                        format="%(asctime)s %(message)s")


__all__ = ["make_server", "configure_logging", "HTTPStatus"]
