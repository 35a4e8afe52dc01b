#!/usr/bin/env python3
"""Serves the TokenScope console and a mock of LaunchDarkly's REST API (Python standard library only).

  python3 serve.py [--host 127.0.0.1] [--port 8000] [--db PATH | --db :memory:] [--reset-demo] [--demo-tokens]
                   [--rate-limit N] [--upstream URL] [--allowed-host NAME ...] [--allow-origin ORIGIN ...]
"""
import argparse
import sys
from pathlib import Path

from server.api import MockApi
from server.core_abi import Core
from server.http_server import configure_logging, make_server
from server.proxy import Proxy, check_upstream
from server.seed import print_demo_tokens, seed_demo_account
from server.store import Store

ROOT = Path(__file__).resolve().parent
DEFAULT_DB = ROOT / "data" / "tokenscope.sqlite3"
DEFAULT_SITE = ROOT / "build" / "web" / "site"


def parse_args(argv):
    parser = argparse.ArgumentParser(description="Serve the TokenScope console and the mock REST API.")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    parser.add_argument("--db", default=str(DEFAULT_DB), help="SQLite file, or :memory: (default data/tokenscope.sqlite3)")
    parser.add_argument("--site", default=str(DEFAULT_SITE), help="the built console (default build/web/site)")
    parser.add_argument("--reset-demo", action="store_true", help="wipe the database and seed the demo account again")
    parser.add_argument("--demo-tokens", action="store_true",
                        help="print a JSON object of each demo member's email and a working personal token, then exit")
    parser.add_argument("--rate-limit", type=int, metavar="N",
                        help="answer 429 past N requests per route per 10 seconds (default: no limit)")
    parser.add_argument("--upstream", metavar="URL",
                        help="forward /api/v2 to a real LaunchDarkly instance (https://app.launchdarkly.com, "
                             "https://app.eu.launchdarkly.com, https://app.launchdarkly.us) or a loopback URL "
                             "(/proxy/api/v2 always forwards to the one the X-TokenScope-Upstream header names)")
    parser.add_argument("--allowed-host", action="append", default=[], metavar="NAME",
                        help="another name this server may be reached by (its Host header); by default only the "
                             "address it listens on and, on loopback, 127.0.0.1, localhost and [::1]")
    parser.add_argument("--allow-origin", action="append", default=[], metavar="ORIGIN",
                        help="a web origin (such as http://localhost:3000) whose pages may call /api/v2 across origins "
                             "(CORS); by default none: the console is served from this server's own origin")
    parser.add_argument("--quiet", action="store_true", help="log warnings only")
    args = parser.parse_args(argv)
    if args.upstream:
        try:
            check_upstream(args.upstream)
        except ValueError as error:
            parser.error(str(error))
    if args.rate_limit is not None and args.rate_limit < 1:
        parser.error("--rate-limit must be at least 1")
    return args


def open_store(args) -> Store | None:
    store = Store(args.db)
    if args.reset_demo:
        store.wipe()
    problem = store.schema_problem()
    if problem:
        print(f"serve.py: {args.db}: {problem}", file=sys.stderr)
        store.close()
        return None
    if store.is_empty():
        seed_demo_account(store)
    return store


def build_server(args, store: Store):
    """The server the options ask for, bound and ready to serve, and the line that says where it listens. Raises
    FileNotFoundError or OSError when the core's library is missing or the address cannot be bound."""
    proxy = Proxy(args.upstream)
    api = MockApi(store, Core(), demo_enabled=proxy.upstream is None)
    server = make_server(api, Path(args.site), args.host, args.port, args.rate_limit, proxy, args.allowed_host,
                         args.allow_origin)
    host, port = server.server_address[:2]
    backend = f"proxy to {proxy.upstream}" if proxy.upstream else "mock API at /api/v2"
    return server, f"TokenScope console: http://{host}:{port}/  ({backend}, Ctrl-C stops)"


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    configure_logging(args.quiet)
    store = open_store(args)
    if store is None:
        return 1
    if args.demo_tokens:
        print_demo_tokens(store)
        return 0
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"serve.py: no console in {site} (build it with ./dev build); serving the API only", file=sys.stderr)
    try:
        server, banner = build_server(args, store)
    except (FileNotFoundError, OSError) as error:
        print(f"serve.py: {error}", file=sys.stderr)
        return 1
    if not (args.host.startswith("127.") or args.host in ("localhost", "::1")) and not args.allowed_host:
        print(f"serve.py: listening on {args.host}: requests must name this server in their Host header; pass "
              "--allowed-host NAME for each name clients use to reach it", file=sys.stderr)
    print(banner, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
