"""The mock REST API: routes, authentication and handlers. Returns (status, body, headers)."""
import re
from dataclasses import dataclass, field

from . import errors, representations
from .secrets_util import hash_secret
from .seed import demo_members
from .store import Store, now_ms


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: dict          # names in lower case
    body: object = None    # parsed JSON, or None


@dataclass
class Response:
    status: int
    body: object = None
    headers: dict = field(default_factory=dict)


@dataclass
class Caller:
    token_id: str
    member_id: str
    service_token: bool


class MockApi:
    def __init__(self, store: Store, demo_enabled: bool = True):
        self.store = store
        self.demo_enabled = demo_enabled
        self.routes = [
            ("GET", re.compile(r"/api/v2/members/(?P<member_id>[^/]+)"), self.get_member),
            ("GET", re.compile(r"/console/demo-members"), self.get_demo_members),
        ]

    def handle(self, request: Request) -> Response:
        try:
            handler, params = self._route(request)
            return handler(request, **params)
        except errors.ApiError as error:
            return Response(error.status, error.body(), error.headers)

    def _route(self, request: Request):
        path_matched = False
        for method, pattern, handler in self.routes:
            match = pattern.fullmatch(request.path)
            if match is None:
                continue
            path_matched = True
            if method == request.method:
                return handler, match.groupdict()
        if path_matched:
            raise errors.method_not_allowed()
        raise errors.not_found(f"No route for {request.method} {request.path}")

    def authenticate(self, request: Request) -> Caller:
        secret = request.headers.get("authorization", "").strip()
        if not secret:
            raise errors.unauthorized("Missing access token: send it in the Authorization header")
        digest = hash_secret(secret)
        now = now_ms()
        with self.store.read() as db:
            row = db.execute(
                "SELECT t.id, t.member_id, t.service_token FROM tokens t JOIN members m ON m.id = t.member_id"
                " WHERE t.secret_hash = ? OR (t.previous_secret_hash = ? AND t.previous_secret_expiry > ?)",
                (digest, digest, now)).fetchone()
        if row is None:
            raise errors.unauthorized()
        return Caller(row["id"], row["member_id"], bool(row["service_token"]))

    def get_member(self, request: Request, member_id: str) -> Response:
        caller = self.authenticate(request)
        if member_id == "me":
            member_id = caller.member_id
        with self.store.read() as db:
            row = db.execute("SELECT * FROM members WHERE id = ?", (member_id,)).fetchone()
        if row is None:
            raise errors.not_found()
        return Response(200, representations.member(row))

    def get_demo_members(self, request: Request) -> Response:
        if not self.demo_enabled:
            raise errors.not_found("Demo members exist only with the mock API")
        return Response(200, {"members": demo_members(self.store)})
