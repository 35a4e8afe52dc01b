"""Rate-limit bookkeeping in LaunchDarkly's headers: per-account and per-route counts over 10-second
windows. Off by default (the headers still count down); with a limit, excess requests get 429."""
import math
import threading
import time

WINDOW_MS = 10_000
NOMINAL_ROUTE_LIMIT = 1000  # what the headers count down from when no limit is enforced


class RateLimiter:
    def __init__(self, route_limit: int | None = None):
        self.enforced = route_limit is not None
        self.route_limit = route_limit if route_limit is not None else NOMINAL_ROUTE_LIMIT
        self.global_limit = self.route_limit * 10
        self._lock = threading.Lock()
        self._window_start = 0
        self._global = 0
        self._routes: dict[str, int] = {}

    def hit(self, route: str) -> tuple[dict, int | None]:
        """Counts a request: (headers, retry-after seconds when it must be refused)."""
        now = int(time.time() * 1000)
        with self._lock:
            if now - self._window_start >= WINDOW_MS:
                self._window_start = now - now % WINDOW_MS
                self._global = 0
                self._routes = {}
            self._global += 1
            self._routes[route] = self._routes.get(route, 0) + 1
            reset = self._window_start + WINDOW_MS
            headers = {"X-Ratelimit-Global-Remaining": str(max(0, self.global_limit - self._global)),
                       "X-Ratelimit-Route-Remaining": str(max(0, self.route_limit - self._routes[route])),
                       "X-Ratelimit-Reset": str(reset)}
            over = self._global > self.global_limit or self._routes[route] > self.route_limit
        if self.enforced and over:
            return headers, max(1, math.ceil((reset - now) / 1000))
        return headers, None
