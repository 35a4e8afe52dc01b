"""The mock REST API: routing. Handlers live in *_api.py modules; the request and response types in request.py."""
import re

from . import errors
from .access import Access
from .core_abi import Core
from .flags_api import FlagsApi
from .members_api import MembersApi
from .misc_api import MiscApi
from .projects_api import ProjectsApi
from .request import Request, Response
from .roles_api import RolesApi
from .segments_api import SegmentsApi
from .store import Store
from .teams_api import TeamsApi
from .tokens_api import TokensApi


class MockApi:
    def __init__(self, store: Store, core: Core | None = None, demo_enabled: bool = True):
        self.store = store
        self.core = core or Core()
        self.access = Access(store, self.core)
        self.demo_enabled = demo_enabled
        self.projects = ProjectsApi(self)
        self.routes = []
        for handlers in (TokensApi(self), MembersApi(self), RolesApi(self), self.projects, FlagsApi(self),
                         SegmentsApi(self), TeamsApi(self), MiscApi(self)):
            for method, pattern, handler in handlers.routes():
                self.routes.append((method, re.compile(pattern), handler))

    def handle(self, request: Request) -> Response:
        try:
            handler, params = self._route(request)
            return handler(request, **params)
        except errors.ApiError as error:
            return Response(error.status, error.body(), error.headers)

    def route_name(self, request: Request) -> str:
        """The route (URL pattern and verb) a request belongs to, for per-route rate limits."""
        for method, pattern, _handler in self.routes:
            if method == request.method and pattern.fullmatch(request.path):
                return f"{method} {pattern.pattern}"
        return f"{request.method} (unknown)"

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
