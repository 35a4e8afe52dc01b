"""Custom roles: list, create, read (by key or id), update (JSON Patch), delete."""
import re

from . import errors, representations
from .api import Request, Response, json_object_body, json_patch_body, patch_actions, query_int, require_valid_policy
from .core_abi import CoreError
from .secrets_util import new_object_id
from .store import dumps, loads, now_ms

KEY_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,256}")
PATCH_ACTIONS = {"/name": "updateName", "/description": "updateDescription", "/policy": "updatePolicy",
                 "/basePermissions": "updateBasePermissions"}


class RolesApi:
    def __init__(self, api):
        self.api = api
        self.store = api.store
        self.access = api.access

    def routes(self):
        return [("GET", r"/api/v2/roles", self.list),
                ("POST", r"/api/v2/roles", self.create),
                ("GET", r"/api/v2/roles/(?P<role_key>[^/]+)", self.get),
                ("PATCH", r"/api/v2/roles/(?P<role_key>[^/]+)", self.patch),
                ("DELETE", r"/api/v2/roles/(?P<role_key>[^/]+)", self.delete)]

    def _represent(self, db, row) -> dict:
        members = sum(1 for m in db.execute("SELECT custom_roles FROM members").fetchall()
                      if row["id"] in loads(m["custom_roles"], []) or row["key"] in loads(m["custom_roles"], []))
        teams = sum(1 for t in db.execute("SELECT custom_role_keys FROM teams").fetchall()
                    if row["key"] in loads(t["custom_role_keys"], []))
        return representations.role(row, members, teams)

    def _load(self, db, role_key: str):
        row = db.execute("SELECT * FROM roles WHERE key = ? OR id = ?", (role_key, role_key)).fetchone()
        if row is None:
            raise errors.not_found()
        return row

    def _check_fields(self, body: dict) -> None:
        for field in ("name", "description"):
            if field in body and not isinstance(body[field], str):
                raise errors.bad_request(f"{field} must be a string")
        if body.get("basePermissions", "no_access") not in ("reader", "no_access"):
            raise errors.bad_request("basePermissions must be reader or no_access")
        require_valid_policy(self.api.core, body.get("policy"), "policy")

    def list(self, request: Request) -> Response:
        self.access.authenticate(request.headers)
        limit = query_int(request, "limit", 20, 1, 1000)
        offset = query_int(request, "offset", 0)
        with self.store.read() as db:
            total = db.execute("SELECT COUNT(*) FROM roles").fetchone()[0]
            rows = db.execute("SELECT * FROM roles ORDER BY creation_date, key LIMIT ? OFFSET ?", (limit, offset)).fetchall()
            items = [self._represent(db, row) for row in rows]
        return Response(200, representations.collection(items, total, "/api/v2/roles", limit, offset))

    def get(self, request: Request, role_key: str) -> Response:
        self.access.authenticate(request.headers)
        with self.store.read() as db:
            return Response(200, self._represent(db, self._load(db, role_key)))

    def create(self, request: Request) -> Response:
        caller = self.access.authenticate(request.headers)
        body = json_object_body(request)
        for field in ("name", "key"):
            if not isinstance(body.get(field), str) or not body[field]:
                raise errors.bad_request(f"{field} is required and must be a string")
        if not KEY_PATTERN.fullmatch(body["key"]):
            raise errors.bad_request("key may hold only letters, digits, '.', '_' and '-'")
        self._check_fields(body)
        self.access.require(caller, f"role/{body['key']}", "createRole")
        with self.store.write() as db:
            if db.execute("SELECT 1 FROM roles WHERE key = ?", (body["key"],)).fetchone():
                raise errors.conflict(f"A custom role with key {body['key']!r} already exists")
            role_id = new_object_id()
            db.execute("INSERT INTO roles(id, key, name, description, policy, base_permissions, resource_category,"
                       " creation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (role_id, body["key"], body["name"], body.get("description", ""), dumps(body["policy"]),
                        body.get("basePermissions", "no_access"), body.get("resourceCategory", "any"), now_ms()))
            return Response(201, self._represent(db, self._load(db, role_id)))

    def patch(self, request: Request, role_key: str) -> Response:
        caller = self.access.authenticate(request.headers)
        operations = json_patch_body(request)
        with self.store.read() as db:
            row = self._load(db, role_key)
        for action in sorted(patch_actions(operations, PATCH_ACTIONS, "name, description, policy, basePermissions")):
            self.access.require(caller, f"role/{row['key']}", action)
        document = {"name": row["name"], "description": row["description"], "policy": loads(row["policy"], []),
                    "basePermissions": row["base_permissions"]}
        try:
            patched = self.api.core.apply_patch(document, operations)
        except CoreError as error:
            raise errors.patch_failed(f"Unprocessable entity. {error.message}")
        self._check_fields(patched)
        with self.store.write() as db:
            current = db.execute("SELECT version FROM roles WHERE id = ?", (row["id"],)).fetchone()
            if current is None:
                raise errors.not_found()
            if current["version"] != row["version"]:
                raise errors.conflict("Conflict. Optimistic lock error. Try again later.", "optimistic_locking_error")
            db.execute("UPDATE roles SET name = ?, description = ?, policy = ?, base_permissions = ?,"
                       " version = version + 1 WHERE id = ?",
                       (patched["name"], patched["description"], dumps(patched["policy"]),
                        patched["basePermissions"], row["id"]))
            return Response(200, self._represent(db, self._load(db, row["id"])))

    def delete(self, request: Request, role_key: str) -> Response:
        caller = self.access.authenticate(request.headers)
        with self.store.read() as db:
            row = self._load(db, role_key)
        self.access.require(caller, f"role/{row['key']}", "deleteRole")
        with self.store.write() as db:
            db.execute("DELETE FROM roles WHERE id = ?", (row["id"],))
        return Response(204)
