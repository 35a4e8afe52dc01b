"""bench/seed_bench_db.py writes a database serve.py starts on as is, with the extra tokens, projects, flags and
segments."""
import http.client
import json
import re
import subprocess
import sys
import tempfile
import unittest

from server.seed import seed_demo_account
from server.store import Store
from tests.server.harness import ROOT

OWNER = "olivia.owner@example.com"


def demo_counts() -> tuple[int, int]:
    """(tokens, projects) of the plain demo account."""
    store = Store(":memory:")
    seed_demo_account(store)
    with store.read() as db:
        counts = (db.execute("SELECT COUNT(*) FROM tokens").fetchone()[0],
                  db.execute("SELECT COUNT(*) FROM projects").fetchone()[0])
    store.close()
    return counts


class SeedBenchDbTest(unittest.TestCase):
    def get(self, port: int, path: str, token: str):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers={"Authorization": token, "LD-API-Version": "20240415"})
        response = connection.getresponse()
        body = json.loads(response.read())
        connection.close()
        self.assertEqual(response.status, 200, body)
        return body

    def test_serve_py_starts_on_it_with_every_token_and_project(self):
        with tempfile.TemporaryDirectory() as folder:
            db = f"{folder}/bench.sqlite3"
            command = [sys.executable, "bench/seed_bench_db.py", "--out", db, "--tokens", "120", "--projects", "3",
                       "--environments", "4", "--flags", "250", "--segments", "30"]
            created = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            self.assertEqual(created.returncode, 0, created.stderr)
            self.assertIn("120 personal tokens", created.stdout)
            refused = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
            self.assertNotEqual(refused.returncode, 0, "an existing file is kept without --force")
            self.assertIn("--force", refused.stderr)

            tokens = json.loads(subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                               capture_output=True, text=True, check=True).stdout)
            server = subprocess.Popen([sys.executable, "serve.py", "--quiet", "--db", db, "--port", "0"], cwd=ROOT,
                                      stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            try:
                port = int(re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
                demo_tokens, demo_projects = demo_counts()
                every = self.get(port, "/api/v2/tokens?showAll=true", tokens[OWNER])
                self.assertEqual(every["totalCount"], demo_tokens + 120)
                own = self.get(port, "/api/v2/tokens", tokens[OWNER])
                self.assertLess(own["totalCount"], every["totalCount"], "some tokens are other members'")
                self.assertGreater(own["totalCount"], 60)
                projects = self.get(port, "/api/v2/projects?expand=environments&limit=100", tokens[OWNER])
                self.assertEqual(projects["totalCount"], demo_projects + 3)
                bench = [p for p in projects["items"] if p["key"].startswith("bench-p")]
                self.assertEqual([p["key"] for p in bench], ["bench-p0000", "bench-p0001", "bench-p0002"])
                for project in bench:
                    environments = project["environments"]["items"]
                    self.assertEqual([e["key"] for e in environments], ["env-00", "env-01", "env-02", "env-03"])
                    self.assertEqual([e["critical"] for e in environments], [False, False, False, True])
                    flags = self.get(port, f"/api/v2/flags/{project['key']}?limit=100&filter=state:archived,"
                                           f"tags:kill-switch&sort=-key", tokens[OWNER])
                    self.assertGreater(flags["totalCount"], 0)
                    every_flag = self.get(port, f"/api/v2/flags/{project['key']}?limit=1", tokens[OWNER])
                    archived = self.get(port, f"/api/v2/flags/{project['key']}?limit=1&filter=state:archived",
                                        tokens[OWNER])
                    self.assertEqual(every_flag["totalCount"] + archived["totalCount"], 250)
                    for environment in environments:
                        segments = self.get(port, f"/api/v2/segments/{project['key']}/{environment['key']}?limit=1",
                                            tokens[OWNER])
                        self.assertEqual(segments["totalCount"], 30)
            finally:
                server.terminate()
                server.wait()
                server.stdout.close()


if __name__ == "__main__":
    unittest.main()
