"""/proxy/api/v2/...: forwarded to the instance the X-TokenScope-Upstream header names, here a second mock server
on loopback with its own account."""
import http.client
import json
import socket
import unittest
from unittest import mock

from server.api import MockApi
from server.proxy import OFFICIAL_INSTANCES, Proxy
from server.seed import demo_tokens, seed_demo_account
from server.store import Store
from tests.server.harness import CORE, ServerTestCase, captured_server_log

INSTANCES = [{"name": "Commercial", "url": "https://app.launchdarkly.com"},
             {"name": "EU", "url": "https://app.eu.launchdarkly.com"},
             {"name": "Federal", "url": "https://app.launchdarkly.us"}]


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ProxyRouteTest(ServerTestCase):
    rate_limit = 3  # the mock's own limit: proxied calls do not count against it

    def setUp(self):
        super().setUp()
        self.upstream_store = Store(":memory:")
        self.addCleanup(self.upstream_store.close)
        seed_demo_account(self.upstream_store)
        self.upstream = f"http://127.0.0.1:{self.start_server(MockApi(self.upstream_store, CORE))}"
        self.upstream_tokens = demo_tokens(self.upstream_store)

    def proxied(self, method, path, body=None, email="wendy.writer@example.com", upstream=None, **kwargs):
        headers = {"X-TokenScope-Upstream": upstream or self.upstream, **kwargs.pop("headers", {})}
        return self.request(method, "/proxy" + path, body, token=self.upstream_tokens.get(email, email),
                            headers=headers, **kwargs)

    def test_get_reaches_the_chosen_upstream(self):
        status, body, headers, _ = self.proxied("GET", "/api/v2/members/me")
        self.assertEqual((status, body["email"]), (200, "wendy.writer@example.com"))
        self.assertEqual(headers["cache-control"], "no-store")
        self.assertNotIn("access-control-allow-origin", headers, "the proxy serves its own origin only")
        self.assertIn("x-ratelimit-route-remaining", headers)
        status, _, _, _ = self.request("GET", "/api/v2/members/me", token=self.upstream_tokens["wendy.writer@example.com"])
        self.assertEqual(status, 401, "the upstream's token means nothing to this server's own mock")

    def test_the_query_string_is_forwarded(self):
        status, page, _, _ = self.proxied("GET", "/api/v2/tokens?showAll=true&limit=2", email="olivia.owner@example.com")
        self.assertEqual((status, len(page["items"])), (200, 2))
        with self.upstream_store.read() as db:
            self.assertEqual(page["totalCount"], db.execute("SELECT COUNT(*) FROM tokens").fetchone()[0])

    def test_post_patch_and_delete_pass_bodies(self):
        status, token, _, _ = self.proxied("POST", "/api/v2/tokens", {"name": "via proxy", "role": "reader"})
        self.assertEqual((status, token["name"]), (201, "via proxy"))
        status, token, _, _ = self.proxied("PATCH", f"/api/v2/tokens/{token['_id']}",
                                           [{"op": "replace", "path": "/name", "value": "renamed"}])
        self.assertEqual((status, token["name"]), (200, "renamed"))
        with self.upstream_store.read() as db:
            self.assertEqual(db.execute("SELECT name FROM tokens WHERE id = ?", (token["_id"],)).fetchone()[0], "renamed")
        with self.store.read() as db:
            self.assertIsNone(db.execute("SELECT 1 FROM tokens WHERE id = ?", (token["_id"],)).fetchone())
        self.assertEqual(self.proxied("DELETE", f"/api/v2/tokens/{token['_id']}")[0], 204)

    def test_only_the_console_of_the_same_origin_may_relay(self):
        with mock.patch.object(Proxy, "forward") as forward:
            status, body, _, _ = self.proxied("GET", "/api/v2/members/me", headers={"Origin": "https://evil.example"})
            self.assert_error(status, body, 403, "forbidden")
            forward.assert_not_called()
        same_origin = f"http://127.0.0.1:{self.port}"
        status, body, _, _ = self.proxied("GET", "/api/v2/members/me", headers={"Origin": same_origin})
        self.assertEqual((status, body["email"]), (200, "wendy.writer@example.com"))

    def test_the_upstreams_errors_come_back_as_they_are(self):
        status, body, _, _ = self.proxied("GET", "/api/v2/members/me", email="api-not-a-token")
        self.assert_error(status, body, 401, "unauthorized")

    def test_only_official_instances_loopback_or_the_configured_upstream(self):
        proxy = Proxy()
        for url in OFFICIAL_INSTANCES:
            self.assertEqual(proxy.chosen_upstream(url + "/"), url)
        self.assertEqual(Proxy("http://localhost:1234").chosen_upstream("http://localhost:1234"), "http://localhost:1234")
        with mock.patch.object(Proxy, "forward") as forward:
            for bad in ("https://example.com", "http://10.0.0.5", "https://app.launchdarkly.com.evil.io",
                        f"{self.upstream}/api", f"{self.upstream}?x=1", "http://user@127.0.0.1:1", "ftp://127.0.0.1"):
                status, body, _, _ = self.proxied("GET", "/api/v2/members/me", upstream=bad)
                self.assert_error(status, body, 400, "invalid_request")
                self.assertIn("https://app.launchdarkly.com", body["message"])
                self.assertIn("loopback", body["message"])
            status, body, _, _ = self.request("GET", "/proxy/api/v2/members/me", token=self.token_of("wendy"))
            self.assert_error(status, body, 400, "invalid_request")
            self.assertIn("X-TokenScope-Upstream", body["message"])
            for path in ("/api/v1/members/me", "/other", "/api/v2/../../etc", "/api/v2/%2e%2e/%2e%2e/etc"):
                status, body, _, _ = self.proxied("GET", path)
                self.assert_error(status, body, 404, "not_found")
            status, body, _, _ = self.proxied("POST", "/api/v2/tokens", raw_body=b"x" * (1024 * 1024 + 1))
            self.assert_error(status, body, 413, "request_entity_too_large")
            forward.assert_not_called()

    def test_a_refusal_keeps_the_connection_usable(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.request("POST", "/proxy/api/v2/tokens", body=json.dumps({"role": "reader"}),
                           headers={"X-TokenScope-Upstream": "https://example.com"})
        refused = connection.getresponse()
        refused.read()
        self.assertEqual(refused.status, 400)
        connection.request("GET", "/proxy/api/v2/members/me", headers={
            "X-TokenScope-Upstream": self.upstream, "Authorization": self.upstream_tokens["ravi.reader@example.com"]})
        response = connection.getresponse()
        self.assertEqual((response.status, json.loads(response.read())["email"]), (200, "ravi.reader@example.com"))
        connection.close()

    def test_an_upstream_that_does_not_answer_is_502(self):
        status, body, _, raw = self.proxied("GET", "/api/v2/members/me", upstream=f"http://127.0.0.1:{closed_port()}")
        self.assert_error(status, body, 502, "bad_gateway")
        self.assertNotIn(self.upstream_tokens["wendy.writer@example.com"].encode(), raw)

    def test_proxied_calls_are_not_rate_limited(self):
        for _ in range(2 * self.rate_limit):
            self.assertEqual(self.proxied("GET", "/api/v2/members/me")[0], 200)
        statuses = [self.request("GET", "/api/v2/members/me", token=self.token_of("wendy"))[0]
                    for _ in range(self.rate_limit + 1)]
        self.assertEqual(statuses[-1], 429, "the mock itself is still limited")

    def test_console_config_lists_the_instances(self):
        status, config, _, _ = self.request("GET", "/console/config")
        self.assertEqual(status, 200)
        self.assertEqual(config, {"mode": "mock", "upstream": None, "instances": INSTANCES, "proxyPath": "/proxy"})
        configured = self.start_server(self.api, proxy=Proxy(self.upstream))
        _, config, _, _ = self.request("GET", "/console/config", port=configured)
        self.assertEqual((config["mode"], config["upstream"]), ("proxy", self.upstream))
        self.assertEqual(config["instances"], INSTANCES + [{"name": "Configured", "url": self.upstream}])
        official = self.start_server(self.api, proxy=Proxy("https://app.eu.launchdarkly.com/"))
        self.assertEqual(self.request("GET", "/console/config", port=official)[1]["instances"], INSTANCES)

    def test_the_route_works_in_proxy_mode_too(self):
        elsewhere = self.start_server(self.api, proxy=Proxy(f"http://127.0.0.1:{closed_port()}"))
        status, body, _, _ = self.proxied("GET", "/api/v2/members/me", port=elsewhere)
        self.assertEqual((status, body["email"]), (200, "wendy.writer@example.com"))

    def test_no_preflight_lets_another_origin_use_the_proxy(self):
        # The console calls the proxy from its own origin and needs no preflight; any other origin is refused.
        status, body, headers, _ = self.request("OPTIONS", "/proxy/api/v2/tokens", headers={
            "Origin": "http://localhost:3000", "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "authorization, x-tokenscope-upstream"})
        self.assert_error(status, body, 403, "forbidden")
        self.assertNotIn("access-control-allow-origin", headers)
        status, body, _, _ = self.proxied("GET", "/api/v2/members/me", headers={"Sec-Fetch-Site": "cross-site"})
        self.assert_error(status, body, 403, "forbidden")

    def test_tokens_and_bodies_never_reach_the_log(self):
        with captured_server_log() as stream:
            self.proxied("GET", "/api/v2/members/me")
            self.proxied("POST", "/api/v2/tokens", {"name": "body-marker", "role": "reader"})
            self.proxied("GET", "/api/v2/members/me", upstream="https://example.com")
            self.proxied("GET", "/api/v2/members/me", upstream=f"http://127.0.0.1:{closed_port()}")
        log = stream.getvalue()
        self.assertIn("/proxy/api/v2/members/me", log)
        self.assertNotIn(self.upstream_tokens["wendy.writer@example.com"], log)
        self.assertNotIn("body-marker", log)
        self.assertNotIn("example.com", log)


if __name__ == "__main__":
    unittest.main()
