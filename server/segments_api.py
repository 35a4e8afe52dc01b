"""Segments of a project's environment, as LaunchDarkly lists them: paged, filtered (server/segment_filter.py)
and sorted in SQL. Reading them needs viewProject on the project, as reading the project does."""
from . import errors, representations
from .request import Request, Response
from .listing_query import kept_query, page_of, sort_of
from .segment_filter import segment_condition

SORTS = ("creationDate", "name", "lastModified")
SORT_COLUMNS = {"creationDate": "creation_date", "name": "name COLLATE NOCASE", "lastModified": "last_modified"}


class SegmentsApi:
    def __init__(self, api):
        self.api = api
        self.store = api.store
        self.projects = api.projects

    def routes(self):
        base = r"/api/v2/segments/(?P<project_key>[^/]+)/(?P<environment_key>[^/]+)"
        return [("GET", base, self.list), ("GET", base + r"/(?P<segment_key>[^/]+)", self.get)]

    def _viewable_environment(self, caller, project_key: str, environment_key: str) -> None:
        self.projects.viewable_project(caller, project_key)
        with self.store.read() as db:
            found = db.execute("SELECT 1 FROM environments WHERE project_key = ? AND key = ?",
                               (project_key, environment_key)).fetchone()
        if found is None:
            raise errors.not_found(f"No environment {environment_key[:100]!r} in project {project_key[:100]!r}")

    def list(self, request: Request, project_key: str, environment_key: str) -> Response:
        caller = self.api.access.authenticate(request.headers)
        page = page_of(request)
        condition, params = segment_condition(request.query.get("filter", ""))
        order = ", ".join(f"{SORT_COLUMNS[field]} {'DESC' if descending else 'ASC'}"
                          for field, descending in sort_of(request, SORTS, "creationDate"))
        self._viewable_environment(caller, project_key, environment_key)
        where = f"project_key = ? AND environment_key = ? AND {condition}"
        scope = [project_key, environment_key, *params]
        with self.store.read() as db:
            total = db.execute(f"SELECT COUNT(*) FROM segments WHERE {where}", scope).fetchone()[0]
            rows = db.execute(f"SELECT * FROM segments WHERE {where} ORDER BY {order}, key LIMIT ? OFFSET ?",
                              [*scope, page.limit, page.offset]).fetchall()
        items = [representations.segment(row, project_key, environment_key) for row in rows]
        return Response(200, representations.collection(
            items, total, f"/api/v2/segments/{project_key}/{environment_key}", page.limit, page.offset,
            kept_query(request, ("filter", "sort"))))

    def get(self, request: Request, project_key: str, environment_key: str, segment_key: str) -> Response:
        self._viewable_environment(self.api.access.authenticate(request.headers), project_key, environment_key)
        with self.store.read() as db:
            row = db.execute("SELECT * FROM segments WHERE project_key = ? AND environment_key = ? AND key = ?",
                             (project_key, environment_key, segment_key)).fetchone()
        if row is None:
            raise errors.not_found(f"No segment {segment_key[:100]!r} in {project_key[:100]!r} / "
                                   f"{environment_key[:100]!r}")
        return Response(200, representations.segment(row, project_key, environment_key))
