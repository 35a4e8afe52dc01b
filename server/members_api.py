"""Account members: list, read (me included), update role, custom roles and role attributes, remove."""
from . import errors, representations
from .api import Request, Response, json_patch_body, patch_actions, query_int
from .core_abi import CoreError
from .store import dumps, loads

ASSIGNABLE_ROLES = ("reader", "writer", "admin", "no_access")
PATCH_ACTIONS = {"/role": "updateRole", "/customRoles": "updateCustomRole",
                 "/roleAttributes": "updateMemberRoleAttributes"}


class MembersApi:
    def __init__(self, api):
        self.api = api
        self.store = api.store
        self.access = api.access

    def routes(self):
        return [("GET", r"/api/v2/members", self.list),
                ("GET", r"/api/v2/members/(?P<member_id>[^/]+)", self.get),
                ("PATCH", r"/api/v2/members/(?P<member_id>[^/]+)", self.patch),
                ("DELETE", r"/api/v2/members/(?P<member_id>[^/]+)", self.delete)]

    def _teams(self, db, row) -> list:
        teams = []
        for key in loads(row["teams"], []):
            team = db.execute("SELECT * FROM teams WHERE key = ?", (key,)).fetchone()
            if team is not None:
                teams.append({"key": team["key"], "name": team["name"],
                              "customRoleKeys": loads(team["custom_role_keys"], []),
                              "_links": {"self": representations.link(f"/api/v2/teams/{team['key']}")}})
        return teams

    def _load(self, db, caller, member_id: str):
        if member_id == "me":
            member_id = caller.member_id
        row = db.execute("SELECT * FROM members WHERE id = ?", (member_id,)).fetchone()
        if row is None:
            raise errors.not_found()
        return row

    def list(self, request: Request) -> Response:
        self.access.authenticate(request.headers)  # any member may list all members
        limit = query_int(request, "limit", 20, 1, 1000)
        offset = query_int(request, "offset", 0)
        with self.store.read() as db:
            total = db.execute("SELECT COUNT(*) FROM members").fetchone()[0]
            rows = db.execute("SELECT * FROM members ORDER BY creation_date, id LIMIT ? OFFSET ?", (limit, offset)).fetchall()
            items = [representations.member(row, self._teams(db, row)) for row in rows]
        return Response(200, representations.collection(items, total, "/api/v2/members", limit, offset))

    def get(self, request: Request, member_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        with self.store.read() as db:
            row = self._load(db, caller, member_id)
            return Response(200, representations.member(row, self._teams(db, row)))

    def patch(self, request: Request, member_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        operations = json_patch_body(request)
        with self.store.read() as db:
            row = self._load(db, caller, member_id)
        for action in sorted(patch_actions(operations, PATCH_ACTIONS, "role, customRoles, roleAttributes")):
            self.access.require(caller, f"member/{row['id']}", action)
        document = {"role": row["role"], "customRoles": loads(row["custom_roles"], []),
                    "roleAttributes": loads(row["role_attributes"], {})}
        try:
            patched = self.api.core.apply_patch(document, operations)
        except CoreError as error:
            raise errors.patch_failed(f"Unprocessable entity. {error.message}")
        role = patched.get("role")
        if role != row["role"]:
            if row["role"] == "owner":
                raise errors.bad_request("The account owner's role can only be changed in LaunchDarkly's web app")
            if role not in ASSIGNABLE_ROLES:
                raise errors.bad_request(f"role must be one of {', '.join(ASSIGNABLE_ROLES)}")
        attributes = patched.get("roleAttributes", {})
        if not isinstance(attributes, dict) or not all(
                isinstance(values, list) and all(isinstance(v, str) for v in values) for values in attributes.values()):
            raise errors.bad_request("roleAttributes must map names to arrays of strings")
        with self.store.write() as db:
            custom = patched.get("customRoles", [])
            if not isinstance(custom, list) or not all(isinstance(c, str) for c in custom):
                raise errors.bad_request("customRoles must be an array of role ids or keys")
            role_ids = []
            for role_ref in custom:
                found = db.execute("SELECT id FROM roles WHERE id = ? OR key = ?", (role_ref, role_ref)).fetchone()
                if found is None:
                    raise errors.bad_request(f"No custom role with id or key {role_ref!r}")
                role_ids.append(found["id"])
            current = db.execute("SELECT version FROM members WHERE id = ?", (row["id"],)).fetchone()
            if current is None:
                raise errors.not_found()
            if current["version"] != row["version"]:
                raise errors.conflict("Conflict. Optimistic lock error. Try again later.", "optimistic_locking_error")
            db.execute("UPDATE members SET role = ?, custom_roles = ?, role_attributes = ?, version = version + 1"
                       " WHERE id = ?", (role, dumps(role_ids), dumps(attributes), row["id"]))
            updated = db.execute("SELECT * FROM members WHERE id = ?", (row["id"],)).fetchone()
            return Response(200, representations.member(updated, self._teams(db, updated)))

    def delete(self, request: Request, member_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        with self.store.read() as db:
            row = self._load(db, caller, member_id)
        if row["role"] == "owner":
            raise errors.bad_request("The account owner cannot be removed")
        self.access.require(caller, f"member/{row['id']}", "deleteMember")
        with self.store.write() as db:
            # The member's personal tokens stop working with it; service tokens it created live on.
            db.execute("DELETE FROM members WHERE id = ?", (row["id"],))
        return Response(204)
