"""Custom roles: list, create, read (by key or id), update (JSON Patch), delete.

A key may not look like an id (24 lowercase hex characters), so a role is always named unambiguously
(role_refs). Members that cannot read the account (no reader base anywhere) see only the roles they hold
and the roles they may act on."""
import re

from . import errors, patching, representations
from .request import Request, Response, json_object_body, json_patch_body, query_int, require_valid_policy
from .role_refs import find_role, looks_like_id
from .secrets_util import new_object_id
from .store import dumps, loads, now_ms

KEY_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,256}")
RESOURCE_CATEGORIES = ("organization", "project", "any")
PATCH_ACTIONS = {"name": "updateName", "description": "updateDescription", "policy": "updatePolicy",
                 "basePermissions": "updateBasePermissions"}
PATCHABLE = "name, description, policy, basePermissions"
ROLE_ACTIONS = ("createRole", "updateName", "updateDescription", "updatePolicy", "updateBasePermissions",
                "deleteRole", "updateMembers")


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
        row = find_role(db, role_key)
        if row is None:
            raise errors.not_found()
        return row

    # --- who sees what

    def _held_roles(self, db, member_id: str) -> set:
        """Ids of the roles a member holds, directly or through a team."""
        member = db.execute("SELECT custom_roles, teams FROM members WHERE id = ?", (member_id,)).fetchone()
        if member is None:
            return set()
        held = set(loads(member["custom_roles"], []))
        for team_key in loads(member["teams"], []):
            team = db.execute("SELECT custom_role_keys FROM teams WHERE key = ?", (team_key,)).fetchone()
            for key in loads(team["custom_role_keys"], []) if team else []:
                row = find_role(db, key)
                if row is not None:
                    held.add(row["id"])
        return held

    def _visible(self, caller, db, rows) -> list:
        if self.access.facts(caller.subject)["readsAccount"]:
            return rows
        held = self._held_roles(db, caller.member_id)
        others = [row for row in rows if row["id"] not in held]
        checks = [{"resource": f"role/{row['key']}", "action": action} for row in others for action in ROLE_ACTIONS]
        answers = self.access.allowed(caller, checks) if checks else []
        acting = {row["id"] for index, row in enumerate(others)
                  if any(answers[index * len(ROLE_ACTIONS):(index + 1) * len(ROLE_ACTIONS)])}
        return [row for row in rows if row["id"] in held or row["id"] in acting]

    def _load_visible(self, caller, role_key: str):
        with self.store.read() as db:
            row = self._load(db, role_key)
            if not self._visible(caller, db, [row]):
                raise errors.forbidden("Forbidden. This token may not see this custom role.")
        return row

    # --- checks

    def _check_fields(self, body: dict) -> None:
        if not isinstance(body.get("name"), str) or not body["name"]:
            raise errors.bad_request("name is required and must be a non-empty string")
        if not isinstance(body.get("description", ""), str):
            raise errors.bad_request("description must be a string")
        for field in ("name", "description"):
            if len(body.get(field, "")) > 4096:
                raise errors.bad_request(f"{field} may hold at most 4096 characters")
        if body.get("basePermissions", "no_access") not in ("reader", "no_access"):
            raise errors.bad_request("basePermissions must be reader or no_access")
        require_valid_policy(self.api.core, body.get("policy"), "policy")

    def _require_bounded(self, db, policy: list) -> None:
        """400 when the policy would expand past the core's limit with the role attributes of any member or
        team (a member's values apply to the role directly and to their tokens that use it)."""
        sets = [{}]  # every specifier counts, placeholders or not
        for row in db.execute("SELECT role_attributes FROM members UNION SELECT role_attributes FROM teams").fetchall():
            values = loads(row["role_attributes"], {})
            if values not in sets:
                sets.append(values)
        result = self.api.core.validate(policy, sets)
        if any(d.get("kind") == "limit" for d in result["diagnostics"]):
            raise errors.bad_request("With the role attributes of a member or team this policy expands to too many "
                                     "resource specifiers (at most 4096)")

    # --- endpoints

    def list(self, request: Request) -> Response:
        caller = self.access.authenticate(request.headers)
        limit = query_int(request, "limit", 20, 1, 1000)
        offset = query_int(request, "offset", 0)
        with self.store.read() as db:
            rows = self._visible(caller, db, db.execute("SELECT * FROM roles ORDER BY creation_date, key").fetchall())
            items = [self._represent(db, row) for row in rows[offset:offset + limit]]
        return Response(200, representations.collection(items, len(rows), "/api/v2/roles", limit, offset))

    def get(self, request: Request, role_key: str) -> Response:
        caller = self.access.authenticate(request.headers)
        row = self._load_visible(caller, role_key)
        with self.store.read() as db:
            return Response(200, self._represent(db, row))

    def create(self, request: Request) -> Response:
        caller = self.access.authenticate(request.headers)
        body = json_object_body(request)
        if not isinstance(body.get("key"), str) or not body["key"]:
            raise errors.bad_request("key is required and must be a string")
        if not KEY_PATTERN.fullmatch(body["key"]):
            raise errors.bad_request("key may hold only letters, digits, '.', '_' and '-' (at most 256)")
        if looks_like_id(body["key"]):
            raise errors.bad_request("key may not be 24 lowercase hexadecimal characters: that is how role ids look, "
                                     "and a role is named by its id or its key")
        category = body.get("resourceCategory", "any")
        if category not in RESOURCE_CATEGORIES:
            raise errors.bad_request(f"resourceCategory must be one of {', '.join(RESOURCE_CATEGORIES)}")
        self._check_fields(body)
        self.access.require(caller, f"role/{body['key']}", "createRole")
        with self.store.write() as db:
            if db.execute("SELECT 1 FROM roles WHERE key = ?", (body["key"],)).fetchone():
                raise errors.conflict(f"A custom role with key {body['key']!r} already exists")
            self._require_bounded(db, body["policy"])
            role_id = new_object_id()
            db.execute("INSERT INTO roles(id, key, name, description, policy, base_permissions, resource_category,"
                       " creation_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       (role_id, body["key"], body["name"], body.get("description", ""), dumps(body["policy"]),
                        body.get("basePermissions", "no_access"), category, now_ms()))
            return Response(201, self._represent(db, self._load(db, role_id)))

    def patch(self, request: Request, role_key: str) -> Response:
        caller = self.access.authenticate(request.headers)
        operations = json_patch_body(request)
        row = self._load_visible(caller, role_key)

        def authorize(actions: set) -> None:
            for action in sorted(actions):
                self.access.require(caller, f"role/{row['key']}", action)

        document = {"name": row["name"], "description": row["description"], "policy": loads(row["policy"], []),
                    "basePermissions": row["base_permissions"]}
        patched = patching.apply(self.api.core, document, operations, PATCH_ACTIONS, PATCHABLE, authorize)
        self._check_fields(patched)
        with self.store.write() as db:
            current = db.execute("SELECT version FROM roles WHERE id = ?", (row["id"],)).fetchone()
            if current is None:
                raise errors.not_found()
            if current["version"] != row["version"]:
                raise errors.conflict("Conflict. Optimistic lock error. Try again later.", "optimistic_locking_error")
            if patched["policy"] != document["policy"]:
                self._require_bounded(db, patched["policy"])
            db.execute("UPDATE roles SET name = ?, description = ?, policy = ?, base_permissions = ?,"
                       " version = version + 1 WHERE id = ?",
                       (patched["name"], patched.get("description", ""), dumps(patched["policy"]),
                        patched.get("basePermissions", "no_access"), row["id"]))
            return Response(200, self._represent(db, self._load(db, row["id"])))

    def delete(self, request: Request, role_key: str) -> Response:
        caller = self.access.authenticate(request.headers)
        row = self._load_visible(caller, role_key)
        self.access.require(caller, f"role/{row['key']}", "deleteRole")
        with self.store.write() as db:
            db.execute("DELETE FROM roles WHERE id = ?", (row["id"],))
        return Response(204)
