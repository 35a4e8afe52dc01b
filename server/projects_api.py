"""Projects and their environments, filtered to what the caller may view (viewProject)."""
from . import errors, representations
from .request import Request, Response, query_int
from .store import loads


class ProjectsApi:
    def __init__(self, api):
        self.api = api
        self.store = api.store
        self.access = api.access

    def routes(self):
        return [("GET", r"/api/v2/projects", self.list),
                ("GET", r"/api/v2/projects/(?P<project_key>[^/]+)", self.get),
                ("GET", r"/api/v2/projects/(?P<project_key>[^/]+)/environments", self.environments)]

    def _viewable(self, caller, rows) -> list:
        checks = [{"resource": f"proj/{row['key']}", "action": "viewProject",
                   "resourceProps": {"proj": {"tags": loads(row["tags"], [])}}} for row in rows]
        allowed = self.access.allowed(caller, checks) if checks else []
        return [row for row, ok in zip(rows, allowed) if ok]

    def _environments(self, db, project_key: str, limit: int | None = None, offset: int = 0) -> dict:
        total = db.execute("SELECT COUNT(*) FROM environments WHERE project_key = ?", (project_key,)).fetchone()[0]
        sql = "SELECT * FROM environments WHERE project_key = ? ORDER BY position"
        params = [project_key]
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        items = [representations.environment(row) for row in db.execute(sql, params).fetchall()]
        return representations.collection(items, total, f"/api/v2/projects/{project_key}/environments", limit, offset)

    def _expand(self, request: Request) -> bool:
        return "environments" in request.query.get("expand", "").split(",")

    def list(self, request: Request) -> Response:
        caller = self.access.authenticate(request.headers)
        limit = query_int(request, "limit", 20, 1, 1000)
        offset = query_int(request, "offset", 0)
        with self.store.read() as db:
            rows = db.execute("SELECT * FROM projects ORDER BY creation_date, key").fetchall()
        visible = self._viewable(caller, rows)
        page = visible[offset:offset + limit]
        with self.store.read() as db:
            items = [representations.project(row, self._environments(db, row["key"]) if self._expand(request) else None)
                     for row in page]
        query = "expand=environments" if self._expand(request) else ""
        return Response(200, representations.collection(items, len(visible), "/api/v2/projects", limit, offset, query))

    def viewable_project(self, caller, project_key: str):
        """The project's row; 404 when there is none, 403 when the caller may not viewProject on it."""
        with self.store.read() as db:
            row = db.execute("SELECT * FROM projects WHERE key = ?", (project_key,)).fetchone()
        if row is None:
            raise errors.not_found()
        if not self._viewable(caller, [row]):
            raise errors.forbidden(f"Forbidden. This token may not viewProject on proj/{project_key}.")
        return row

    def get(self, request: Request, project_key: str) -> Response:
        caller = self.access.authenticate(request.headers)
        row = self.viewable_project(caller, project_key)
        with self.store.read() as db:
            environments = self._environments(db, project_key) if self._expand(request) else None
        return Response(200, representations.project(row, environments))

    def environments(self, request: Request, project_key: str) -> Response:
        caller = self.access.authenticate(request.headers)
        self.viewable_project(caller, project_key)
        limit = query_int(request, "limit", 20, 1, 1000)
        offset = query_int(request, "offset", 0)
        with self.store.read() as db:
            return Response(200, self._environments(db, project_key, limit, offset))
