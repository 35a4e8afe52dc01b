"""Account members: list, read (me included), update role, custom roles and role attributes, remove."""
from . import errors, patching, representations
from .access import principal_of
from .request import Request, Response, json_patch_body, query_int
from .role_refs import find_role
from .store import dumps, loads

ASSIGNABLE_ROLES = ("reader", "writer", "admin", "no_access")
PATCH_ACTIONS = {"role": "updateRole", "customRoles": "updateCustomRole", "roleAttributes": "updateMemberRoleAttributes"}
PATCHABLE = "role, customRoles, roleAttributes"
MAX_ATTRIBUTES = 64          # names of role attributes per member
MAX_ATTRIBUTE_VALUES = 1024  # values per name
MAX_VALUE_LENGTH = 256


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

        def authorize(actions: set) -> None:
            for action in sorted(actions):
                self.access.require(caller, f"member/{row['id']}", action)

        document = {"role": row["role"], "customRoles": loads(row["custom_roles"], []),
                    "roleAttributes": loads(row["role_attributes"], {})}
        patched = patching.apply(self.api.core, document, operations, PATCH_ACTIONS, PATCHABLE, authorize)
        role = patched.get("role")
        if row["role"] == "owner" and (role != row["role"] or patched.get("customRoles") != document["customRoles"]):
            # Custom roles replace the base role: giving the owner one would take the owner's powers away.
            raise errors.bad_request("The account owner's role and custom roles can only be changed in LaunchDarkly's web app")
        if role != row["role"]:
            if role not in ASSIGNABLE_ROLES:
                raise errors.bad_request(f"role must be one of {', '.join(ASSIGNABLE_ROLES)}")
        attributes = self._checked_attributes(patched.get("roleAttributes", {}))
        with self.store.write() as db:
            custom = patched.get("customRoles", [])
            if not isinstance(custom, list) or not all(isinstance(c, str) for c in custom):
                raise errors.bad_request("customRoles must be an array of role ids or keys")
            role_ids = []
            for role_ref in custom:
                found = find_role(db, role_ref)
                if found is None:
                    raise errors.bad_request(f"No custom role with id or key {role_ref[:100]!r}")
                if found["id"] not in role_ids:
                    role_ids.append(found["id"])
            current = db.execute("SELECT version FROM members WHERE id = ?", (row["id"],)).fetchone()
            if current is None:
                raise errors.not_found()
            if current["version"] != row["version"]:
                raise errors.conflict("Conflict. Optimistic lock error. Try again later.", "optimistic_locking_error")
            db.execute("UPDATE members SET role = ?, custom_roles = ?, role_attributes = ?, version = version + 1"
                       " WHERE id = ?", (role, dumps(role_ids), dumps(attributes), row["id"]))
            self._require_bounded(db, row["id"], attributes)
            updated = db.execute("SELECT * FROM members WHERE id = ?", (row["id"],)).fetchone()
            return Response(200, representations.member(updated, self._teams(db, updated)))

    @staticmethod
    def _checked_attributes(attributes) -> dict:
        if not isinstance(attributes, dict) or not all(
                isinstance(values, list) and all(isinstance(v, str) for v in values) for values in attributes.values()):
            raise errors.bad_request("roleAttributes must map names to arrays of strings")
        if len(attributes) > MAX_ATTRIBUTES:
            raise errors.bad_request(f"A member may have at most {MAX_ATTRIBUTES} role attributes")
        for name, values in attributes.items():
            if len(values) > MAX_ATTRIBUTE_VALUES or any(len(v) > MAX_VALUE_LENGTH for v in values) \
                    or len(name) > MAX_VALUE_LENGTH:
                raise errors.bad_request(f"Role attribute {name[:100]!r}: at most {MAX_ATTRIBUTE_VALUES} values of at most "
                                         f"{MAX_VALUE_LENGTH} characters each")
        return attributes

    def _require_bounded(self, db, member_id: str, attributes: dict) -> None:
        """400 when, with the new values, the member's roles, or any custom role their tokens may use, would
        expand past the core's limit (the write is rolled back)."""
        if self.access.facts({"member": principal_of(db, member_id)})["overExpansionLimit"]:
            raise errors.bad_request("With these role attributes a custom role of this member expands to too many "
                                     "resource specifiers (at most 4096)")
        for role in db.execute("SELECT key, policy FROM roles").fetchall():
            result = self.api.core.validate(loads(role["policy"], []), [attributes])
            if any(d.get("kind") == "limit" for d in result["diagnostics"]):
                raise errors.bad_request(f"With these role attributes custom role {role['key']!r} expands to too many "
                                         "resource specifiers (at most 4096)")

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
