"""A real serve.py server on a free loopback port, in this process, with a throwaway database."""
import contextlib
import http.client
import io
import json
import logging
import threading
import unittest
from pathlib import Path

from server.api import MockApi
from server.core_abi import Core
from server.http_server import make_server
from server.seed import demo_tokens, seed_demo_account
from server.store import Store

ROOT = Path(__file__).resolve().parents[2]


CORE = Core()
# How often a test's server looks whether it should stop: shutdown() waits up to this long (the standard
# library's 0.5 s would cost every test half a second).
SHUTDOWN_POLL_S = 0.01


def serve_in_thread(server) -> threading.Thread:
    """Serves on a daemon thread until server.shutdown(), which then returns within SHUTDOWN_POLL_S."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL_S}, daemon=True)
    thread.start()
    return thread


@contextlib.contextmanager
def captured_server_log():
    """What serve.py logs meanwhile (at INFO), as a StringIO to read afterwards."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("tokenscope.server")
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)

class ServerTestCase(unittest.TestCase):
    """Starts a freshly seeded server for each test; self.request() talks real HTTP to it."""

    site_dir = ROOT / "build" / "web" / "site"
    rate_limit = None

    def setUp(self):
        self.store = Store(":memory:")
        seed_demo_account(self.store)
        self.api = MockApi(self.store, CORE)
        self.server = make_server(self.api, self.site_dir, "127.0.0.1", 0, self.rate_limit)
        self.port = self.server.server_address[1]
        self.thread = serve_in_thread(self.server)
        self.tokens = demo_tokens(self.store)

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.store.close()

    def start_server(self, api: MockApi, rate_limit: int | None = None, proxy=None, **options) -> int:
        """Another server on a free loopback port, stopped after the test; returns its port. options: those of
        make_server (allowed_hosts, cors_origins)."""
        server = make_server(api, self.site_dir, "127.0.0.1", 0, rate_limit, proxy, **options)
        serve_in_thread(server)
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return server.server_address[1]

    def token_of(self, email_prefix: str) -> str:
        return next(token for email, token in self.tokens.items() if email.startswith(email_prefix))

    def request(self, method: str, path: str, body=None, token: str | None = None, headers: dict | None = None,
                raw_body: bytes | None = None, port: int | None = None):
        """Returns (status, parsed JSON body or None, headers, raw bytes); to this test's server unless port."""
        connection = http.client.HTTPConnection("127.0.0.1", port or self.port, timeout=10)
        all_headers = {"LD-API-Version": "20240415"}
        if token is not None:
            all_headers["Authorization"] = token
        payload = raw_body
        if body is not None:
            payload = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        connection.request(method, path, body=payload, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        parsed = None
        if data and response.getheader("Content-Type", "").startswith("application/json") \
                and not response.getheader("Content-Encoding"):
            parsed = json.loads(data)
        return response.status, parsed, {k.lower(): v for k, v in response.getheaders()}, data

    def assert_error(self, status, body, expected_status: int, expected_code: str):
        self.assertEqual(status, expected_status, body)
        self.assertEqual(body["code"], expected_code)
        self.assertIsInstance(body["message"], str)
        self.assertTrue(body["message"])
