#!/usr/bin/env python3
"""Load benchmark of the mock API on loopback (a program, not a test): requests per second and p50/p99
latency for GET /api/v2/tokens with 1,000 tokens stored, and for POST /api/v2/tokens.

  python3 bench/api_load.py [--seconds 5] [--clients 8]
"""
import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_server(db: str):
    server = subprocess.Popen([sys.executable, "serve.py", "--quiet", "--db", db, "--port", "0"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    port = int(re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
    return server, port


def run(port: int, token: str, method: str, path: str, body: dict | None, seconds: float, clients: int):
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Authorization": token, "LD-API-Version": "20240415", "Content-Type": "application/json"}
        payload = json.dumps(body) if body is not None else None
        mine = []
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            connection.request(method, path, payload, headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status >= 300:
                with lock:
                    errors[0] += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
    print(f"{method} {path:<24} {len(latencies) / elapsed:8.0f} req/s   p50 {p50:6.1f} ms   p99 {p99:6.1f} ms"
          f"   ({len(latencies)} requests, {clients} clients, {errors[0]} errors)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "load.sqlite3")
        tokens = json.loads(subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                           capture_output=True, text=True, check=True).stdout)
        admin = tokens["adam.admin@example.com"]
        server, port = start_server(db)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            stored = 0
            while stored < 1000:
                connection.request("POST", "/api/v2/tokens", json.dumps({"name": f"seed-{stored}", "role": "reader"}),
                                   {"Authorization": admin, "Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                stored += response.status == 201
            connection.close()
            print(f"mock API on loopback, {stored} tokens stored")
            run(port, admin, "GET", "/api/v2/tokens", None, args.seconds, args.clients)
            run(port, admin, "POST", "/api/v2/tokens", {"name": "load", "role": "reader"}, args.seconds, args.clients)
        finally:
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
