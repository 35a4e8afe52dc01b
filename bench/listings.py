#!/usr/bin/env python3
"""Load benchmark of the flag and segment listings on a large account (a program, not a test): p50/p99 latency
and requests per second of 100-item pages of GET /api/v2/flags/{projectKey} and
/api/v2/segments/{projectKey}/{environmentKey}, on loopback, from an account of 20 projects × 5 environments ×
5,000 flags and 100 segments per environment written by bench/seed_bench_db.py.

  python3 bench/listings.py [--seconds 5] [--clients 4] [--flags 5000] [--segments 100]
"""
import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from api_load import ROOT, run, start_server

FLAG_PAGES = ["limit=100", "limit=100&offset=2500", "limit=100&offset=4900&sort=-name",
         f"limit=100&filter={quote('query:kill')}", f"limit=100&filter={quote('tags:ops+team-payments,state:live')}",
         f"limit=100&filter={quote('state:archived')}&sort=key"]
SEGMENT_PAGES = ["limit=100", "limit=50&offset=50&sort=-name",
                 "limit=100&filter=" + quote('tags anyOf ["beta", "vip"] | query equals "region"')]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--flags", type=int, default=5000)
    parser.add_argument("--segments", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "flags.sqlite3")
        began = time.perf_counter()
        subprocess.run([sys.executable, "bench/seed_bench_db.py", "--out", db, "--tokens", "0", "--projects", "20",
                        "--environments", "5", "--flags", str(args.flags),
                        "--segments", str(args.segments)], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        tokens = json.loads(subprocess.run([sys.executable, "serve.py", "--db", db, "--demo-tokens"], cwd=ROOT,
                                           capture_output=True, text=True, check=True).stdout)
        print(f"20 projects x 5 environments x {args.flags} flags and {args.segments} segments per environment"
              f" seeded in {time.perf_counter() - began:.1f} s")
        server, port = start_server(db)
        try:
            reader = tokens["ravi.reader@example.com"]
            for query in FLAG_PAGES:
                run(port, reader, "GET", f"/api/v2/flags/bench-p0007?{query}", None, args.seconds, args.clients)
            for query in SEGMENT_PAGES:
                run(port, reader, "GET", f"/api/v2/segments/bench-p0007/env-02?{query}", None, args.seconds,
                    args.clients)
        finally:
            server.terminate()
            server.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
