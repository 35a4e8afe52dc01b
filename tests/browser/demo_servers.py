"""Servers for the browser tests, each serve.py's own (serve.build_server) over a freshly seeded in-memory demo
account, started on request in this one process: in milliseconds, where a new serve.py process takes half a
second. One command a line on stdin, in JSON:

  {"start": [serve.py options]}   starts one; answers the line serve.py prints ("TokenScope console: http://...")
  {"stop": PORT}                  stops it and lets go of its store; answers "stopped PORT"

A start that fails answers "error: " and why. The process ends when stdin closes (its test file is done)."""
import json
import socket
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import serve  # noqa: E402  (serve.py is found from the repository's root)

SHUTDOWN_POLL_S = 0.01  # serve_forever's poll interval: how long stop waits for the server's loop


def track_connections(server):
    """Tracks the server's open connections, so that stopping it can close them; returns what lists them."""
    connections, lock = set(), threading.Lock()
    process_request, shutdown_request = server.process_request, server.shutdown_request

    def opened(request, client_address):
        with lock:
            connections.add(request)
        process_request(request, client_address)

    def closed(request):
        with lock:
            connections.discard(request)
        shutdown_request(request)

    def open_now() -> list:
        with lock:
            return list(connections)

    server.process_request, server.shutdown_request = opened, closed
    return open_now


def main() -> int:
    running = {}  # port -> (server, store, what lists its open connections)
    for line in sys.stdin:
        command = json.loads(line)
        if "start" in command:
            try:
                args = serve.parse_args(["--quiet", "--db", ":memory:", "--port", "0", *command["start"]])
                store = serve.open_store(args)
                server, banner = serve.build_server(args, store)
            except (SystemExit, Exception) as error:  # parse_args exits on a bad option
                print(f"error: {error!r}", flush=True)
                continue
            open_connections = track_connections(server)
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": SHUTDOWN_POLL_S}, daemon=True).start()
            running[server.server_address[1]] = (server, store, open_connections)
            print(banner, flush=True)
        elif "stop" in command:
            port = int(command["stop"])
            server, _store, open_connections = running.pop(port)
            server.shutdown()
            server.server_close()
            for connection in open_connections():  # as when serve.py's process ends: kept-alive connections too
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            # The store is not closed: a request the browser left running may still read it on its thread (a
            # closed store would answer it with a 500). It closes when the last of them lets go of it.
            print(f"stopped {port}", flush=True)
    return 0


if __name__ == "__main__":
    serve.configure_logging(quiet=True)
    sys.exit(main())
