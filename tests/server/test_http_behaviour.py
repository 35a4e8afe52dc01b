"""CORS, rate limits, method override, proxy mode, hostile input, concurrency and crash durability."""
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

from server.proxy import Proxy, check_upstream
from tests.server.harness import ROOT, ServerTestCase, serve_in_thread


class CorsAndHeadersTest(ServerTestCase):
    def test_preflight_allows_the_consoles_methods_and_headers_to_an_allowed_origin_only(self):
        port = self.start_server(self.api, cors_origins=["http://localhost:3000"])
        preflight = {"Access-Control-Request-Method": "POST",
                     "Access-Control-Request-Headers": "authorization, ld-api-version, content-type"}
        status, _, headers, _ = self.request("OPTIONS", "/api/v2/tokens", port=port,
                                             headers={"Origin": "http://localhost:3000", **preflight})
        self.assertEqual(status, 204)
        self.assertEqual(headers["access-control-allow-origin"], "http://localhost:3000")
        for method in ("GET", "POST", "PATCH", "DELETE"):
            self.assertIn(method, headers["access-control-allow-methods"])
        for header in ("Authorization", "Content-Type", "LD-API-Version"):
            self.assertIn(header, headers["access-control-allow-headers"])
        status, body, headers, _ = self.request("OPTIONS", "/api/v2/tokens", port=port,
                                                headers={"Origin": "https://evil.example", **preflight})
        self.assert_error(status, body, 403, "forbidden")
        self.assertNotIn("access-control-allow-origin", headers)
        _, _, headers, _ = self.request("GET", "/api/v2/members/me", token=self.token_of("ravi.reader"), port=port,
                                        headers={"Origin": "http://localhost:3000"})
        self.assertEqual(headers["access-control-allow-origin"], "http://localhost:3000")
        self.assertIn("X-Ratelimit-Route-Remaining", headers["access-control-expose-headers"])

    def test_responses_carry_rate_limit_headers_and_no_cors_by_default(self):
        _, _, first, _ = self.request("GET", "/api/v2/members/me", token=self.token_of("ravi.reader"),
                                      headers={"Origin": "https://evil.example"})
        _, _, second, _ = self.request("GET", "/api/v2/members/me", token=self.token_of("ravi.reader"))
        self.assertNotIn("access-control-allow-origin", first)
        self.assertEqual(first["x-content-type-options"], "nosniff")
        self.assertLess(int(second["x-ratelimit-route-remaining"]), int(first["x-ratelimit-route-remaining"]))
        self.assertGreater(int(first["x-ratelimit-reset"]), time.time() * 1000)
        self.assertIn("x-ratelimit-global-remaining", first)

    def test_method_override_tunnels_delete(self):
        _, token, _, _ = self.request("POST", "/api/v2/tokens", {"role": "reader"}, token=self.token_of("wendy.writer"))
        status, _, _, _ = self.request("POST", f"/api/v2/tokens/{token['_id']}", token=self.token_of("wendy.writer"),
                                       headers={"X-HTTP-Method-Override": "DELETE"})
        self.assertEqual(status, 204)


class RateLimitTest(ServerTestCase):
    rate_limit = 5

    def test_past_the_limit_429_with_retry_after(self):
        statuses = [self.request("GET", "/api/v2/members/me", token=self.token_of("ravi.reader")) for _ in range(7)]
        self.assertEqual([s[0] for s in statuses[:5]], [200] * 5)
        status, body, headers, _ = statuses[5]
        self.assert_error(status, body, 429, "rate_limited")
        self.assertGreaterEqual(int(headers["retry-after"]), 1)
        self.assertEqual(self.request("GET", "/api/v2/versions", token=self.token_of("ravi.reader"))[0], 200,
                         "other routes have their own budget")


class HostileInputTest(ServerTestCase):
    def test_garbage_never_crashes_the_server(self):
        generator = random.Random(5)
        paths = ["/api/v2/tokens", "/api/v2/roles", "/api/v2/members/me", "/api/v2/tokens/x/reset", "/api/v2/roles/x"]
        for _ in range(150):
            payload = bytes(generator.randrange(256) for _ in range(generator.randrange(200)))
            method = generator.choice(["POST", "PATCH", "GET", "DELETE"])
            status, _, _, _ = self.request(method, generator.choice(paths), raw_body=payload, token=self.token_of("adam.admin"),
                                           headers={"Content-Type": "application/json"})
            self.assertLess(status, 500)
        for body in ([[[[[]]]]], {"role": {"$ne": 1}}, "\u0000", 1e309, None):
            status, _, _, _ = self.request("POST", "/api/v2/tokens", raw_body=json.dumps(body).encode(),
                                           token=self.token_of("adam.admin"), headers={"Content-Type": "application/json"})
            self.assertLess(status, 500)
        self.assertEqual(self.request("GET", "/api/v2/members/me", token=self.token_of("adam.admin"))[0], 200)

    def test_a_bad_content_length_is_400(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        connection.putrequest("POST", "/api/v2/tokens")
        connection.putheader("Content-Length", "lots")
        connection.putheader("Authorization", self.token_of("adam.admin"))
        connection.endheaders()
        response = connection.getresponse()
        self.assertEqual(response.status, 400)
        connection.close()


class ConcurrencyTest(ServerTestCase):
    def test_twenty_threads_creating_fifty_tokens_each(self):
        with self.store.read() as db:
            before = db.execute("SELECT COUNT(*) FROM tokens").fetchone()[0]
        failures = []

        def worker(number: int):
            for i in range(50):
                status, body, _, _ = self.request("POST", "/api/v2/tokens", {"name": f"w{number}-{i}", "role": "reader"},
                                                  token=self.token_of("adam.admin"))
                if status != 201:
                    failures.append((status, body))

        threads = [threading.Thread(target=worker, args=(n,)) for n in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(failures, [])
        with self.store.read() as db:
            self.assertEqual(db.execute("SELECT COUNT(*) FROM tokens").fetchone()[0] - before, 1000)
        names = set()
        link = "/api/v2/tokens?limit=1000"
        while link:
            _, page, _, _ = self.request("GET", link, token=self.token_of("adam.admin"))
            names |= {item["name"] for item in page["items"]}
            link = page["_links"].get("next", {}).get("href")
        self.assertEqual(len({n for n in names if n.startswith("w")}), 1000)


class CrashDurabilityTest(unittest.TestCase):
    def test_every_acknowledged_write_survives_sigkill(self):
        with tempfile.TemporaryDirectory() as folder:
            db = os.path.join(folder, "crash.sqlite3")
            tokens = json.loads(subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                               capture_output=True, text=True, check=True).stdout)
            admin = tokens["adam.admin@example.com"]
            server = subprocess.Popen([sys.executable, "serve.py", "--quiet", "--db", db, "--port", "0"], cwd=ROOT,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            port = int(re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
            acknowledged = []
            stop = threading.Event()

            def writer():
                i = 0
                while not stop.is_set():
                    try:
                        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                        connection.request("POST", "/api/v2/tokens", json.dumps({"name": f"crash-{i}", "role": "reader"}),
                                           {"Authorization": admin, "Content-Type": "application/json"})
                        response = connection.getresponse()
                        body = response.read()
                        if response.status == 201:
                            acknowledged.append(json.loads(body)["_id"])
                    except (OSError, http.client.HTTPException, ValueError):
                        return
                    i += 1

            threads = [threading.Thread(target=writer) for _ in range(4)]
            for thread in threads:
                thread.start()
            time.sleep(0.5)
            server.send_signal(signal.SIGKILL)
            server.wait()
            stop.set()
            for thread in threads:
                thread.join()
            self.assertGreater(len(acknowledged), 10)
            import sqlite3
            connection = sqlite3.connect(db)
            stored = {row[0] for row in connection.execute("SELECT id FROM tokens")}
            self.assertEqual(connection.execute("PRAGMA integrity_check").fetchone()[0], "ok")
            connection.close()
            self.assertEqual(set(acknowledged) - stored, set())
            restarted = subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                       capture_output=True, text=True, check=True)
            self.assertEqual(json.loads(restarted.stdout), tokens, "the restarted server reuses the same demo account")


class ProxyTest(ServerTestCase):
    def test_only_official_instances_or_loopback(self):
        for good in ("https://app.launchdarkly.com", "https://app.eu.launchdarkly.com/", "https://app.launchdarkly.us",
                     "http://127.0.0.1:9000", "http://localhost:8080"):
            check_upstream(good)
        for bad in ("https://evil.example.com", "http://10.0.0.5:80", "https://app.launchdarkly.com.evil.io",
                    "ftp://127.0.0.1", "http://127.0.0.1:9000/api"):
            with self.assertRaises(ValueError):
                check_upstream(bad)
        result = subprocess.run([sys.executable, "serve.py", "--upstream", "https://evil.example.com"], cwd=ROOT,
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--upstream", result.stderr)

    def test_forwards_to_a_loopback_upstream_without_logging_the_token(self):
        from server.http_server import make_server
        proxy_server = make_server(self.api, self.site_dir, "127.0.0.1", 0, None, Proxy(f"http://127.0.0.1:{self.port}"))
        serve_in_thread(proxy_server)
        original_port = self.port
        try:
            self.port = proxy_server.server_address[1]
            status, body, headers, _ = self.request("GET", "/api/v2/members/me", token=self.token_of("wendy.writer"))
            self.assertEqual((status, body["email"]), (200, "wendy.writer@example.com"))
            self.assertIn("x-ratelimit-route-remaining", headers)
            status, body, _, _ = self.request("GET", "/api/v2/members/me", token="api-wrong")
            self.assert_error(status, body, 401, "unauthorized")
            status, body, _, _ = self.request("POST", "/api/v2/tokens", {"role": "reader"}, token=self.token_of("wendy.writer"))
            self.assertEqual(status, 201)
            status, config, _, _ = self.request("GET", "/console/config")
            self.assertEqual(config["mode"], "proxy")
        finally:
            self.port = original_port
            proxy_server.shutdown()
            proxy_server.server_close()

    def test_an_upstream_that_does_not_answer_is_502(self):
        proxy = Proxy("http://127.0.0.1:9")
        status, payload, _ = proxy.forward("GET", "/api/v2/members/me", {"authorization": "api-secret"}, None)
        self.assertEqual(status, 502)
        self.assertEqual(json.loads(payload)["code"], "bad_gateway")
        self.assertNotIn(b"api-secret", payload)


if __name__ == "__main__":
    unittest.main()
