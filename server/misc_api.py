"""GET /api/v2/caller-identity, GET /api/v2/versions, and the console's demo-member list."""
from . import errors
from .request import Request, Response
from .seed import demo_members

VALID_VERSIONS = [20160426, 20191212, 20210729, 20220603, 20240415]
LATEST_VERSION = 20240415


class MiscApi:
    def __init__(self, api):
        self.api = api

    def routes(self):
        return [("GET", r"/api/v2/caller-identity", self.caller_identity),
                ("GET", r"/api/v2/versions", self.versions),
                ("GET", r"/console/demo-members", self.demo_members)]

    def caller_identity(self, request: Request) -> Response:
        caller = self.api.access.authenticate(request.headers)
        return Response(200, {"accountId": self.api.store.account_id(), "authKind": "token",
                              "tokenKind": "service" if caller.service_token else "personal",
                              "tokenId": caller.token_id, "tokenName": caller.token_name,
                              "memberId": caller.member_id, "serviceToken": caller.service_token})

    def versions(self, request: Request) -> Response:
        self.api.access.authenticate(request.headers)
        header = request.headers.get("ld-api-version", "")
        beta = header == "beta"
        current = LATEST_VERSION
        if header and not beta:
            try:
                current = int(header)
            except ValueError:
                raise errors.bad_request(f"LD-API-Version must be a yyyymmdd date or beta, not {header!r}")
            if current not in VALID_VERSIONS:
                raise errors.bad_request(f"Unknown API version {current}")
        return Response(200, {"validVersions": VALID_VERSIONS, "latestVersion": LATEST_VERSION,
                              "currentVersion": current, "beta": beta})

    def demo_members(self, request: Request) -> Response:
        if not self.api.demo_enabled:
            raise errors.not_found("Demo members exist only with the mock API")
        return Response(200, {"members": demo_members(self.api.store)})
