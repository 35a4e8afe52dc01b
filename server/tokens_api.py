"""Access tokens: list, create, read, update (JSON Patch), delete, reset."""
from . import errors, representations
from .access import Caller
from .api import (Request, Response, json_object_body, json_patch_body, patch_actions, query_bool, query_int,
                  require_valid_policy)
from .core_abi import CoreError
from .misc_api import LATEST_VERSION, VALID_VERSIONS
from .secrets_util import hash_secret, new_object_id, new_token_secret
from .store import INSERT_TOKEN, dumps, loads, now_ms, token_row

TOKEN_ROLES = ("reader", "writer", "admin")
SERVICE_TOKEN_QUOTA = 200
PATCH_ACTIONS = {"/name": "updateAccessTokenName", "/description": "updateAccessTokenDescription",
                 "/role": "updateAccessTokenPolicy", "/customRoleIds": "updateAccessTokenPolicy",
                 "/inlineRole": "updateAccessTokenPolicy"}
# A concrete stand-in for "another member's personal tokens": may this caller manage those?
OTHERS_TOKENS = "member/another-member:token/any-token"


class TokensApi:
    def __init__(self, api):
        self.api = api
        self.store = api.store
        self.access = api.access

    def routes(self):
        return [("GET", r"/api/v2/tokens", self.list),
                ("POST", r"/api/v2/tokens", self.create),
                ("GET", r"/api/v2/tokens/(?P<token_id>[^/]+)", self.get),
                ("PATCH", r"/api/v2/tokens/(?P<token_id>[^/]+)", self.patch),
                ("DELETE", r"/api/v2/tokens/(?P<token_id>[^/]+)", self.delete),
                ("POST", r"/api/v2/tokens/(?P<token_id>[^/]+)/reset", self.reset)]

    # --- reading

    def _sees_others(self, caller: Caller) -> bool:
        return self.access.allowed(caller, [{"resource": OTHERS_TOKENS, "action": "deleteAccessToken"}])[0]

    def _represent(self, db, row, secret=None, members: dict | None = None) -> dict:
        member_id = row["member_id"]
        if members is not None and member_id in members:
            member = members[member_id]
        else:
            member = db.execute("SELECT * FROM members WHERE id = ?", (member_id,)).fetchone()
            if members is not None:
                members[member_id] = member
        return representations.token(row, self.store.account_id(), member, secret)

    def _load(self, db, caller: Caller, token_id: str):
        row = db.execute("SELECT * FROM tokens WHERE id = ?", (token_id,)).fetchone()
        if row is None:
            raise errors.not_found()
        personal_of_removed = not row["service_token"] and db.execute(
            "SELECT 1 FROM members WHERE id = ?", (row["member_id"],)).fetchone() is None
        if personal_of_removed:
            raise errors.not_found()
        return row

    def _require_visible(self, caller: Caller, row) -> None:
        if row["service_token"] or row["member_id"] == caller.member_id:
            return
        if not self._sees_others(caller):
            raise errors.forbidden("Forbidden. Only an admin token can see other members' personal tokens.")

    def list(self, request: Request) -> Response:
        caller = self.access.authenticate(request.headers)
        limit = query_int(request, "limit", 25, 1, 1000)
        offset = query_int(request, "offset", 0)
        show_all = query_bool(request, "showAll") and self._sees_others(caller)
        where = "(t.service_token = 1 OR t.member_id = ? OR ?) AND (t.service_token = 1 OR m.id IS NOT NULL)"
        params = (caller.member_id, int(show_all))
        with self.store.read() as db:
            total = db.execute(f"SELECT COUNT(*) FROM tokens t LEFT JOIN members m ON m.id = t.member_id WHERE {where}",
                               params).fetchone()[0]
            rows = db.execute(f"SELECT t.* FROM tokens t LEFT JOIN members m ON m.id = t.member_id WHERE {where}"
                              " ORDER BY t.creation_date, t.seq, t.id LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
            members = {}
            items = [self._represent(db, row, members=members) for row in rows]
        query = "showAll=true" if show_all else ""
        return Response(200, representations.collection(items, total, "/api/v2/tokens", limit, offset, query))

    def get(self, request: Request, token_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        with self.store.read() as db:
            row = self._load(db, caller, token_id)
            self._require_visible(caller, row)
            return Response(200, self._represent(db, row))

    # --- writing


    def _resolve_roles(self, db, role_ids, where: str) -> list:
        if not isinstance(role_ids, list) or not all(isinstance(r, str) for r in role_ids):
            raise errors.bad_request(f"{where} must be an array of custom role ids")
        resolved = []
        for role_id in role_ids:
            row = db.execute("SELECT id FROM roles WHERE id = ? OR key = ?", (role_id, role_id)).fetchone()
            if row is None:
                raise errors.bad_request(f"{where}: no custom role with id or key {role_id!r}")
            resolved.append(row["id"])
        return resolved

    def _scope_fields(self, db, body: dict, where: str = "") -> tuple:
        """(role, custom_role_ids, inline_role) from a body, with exactly one of them given."""
        role = body.get("role")
        custom = body.get("customRoleIds") or None
        inline = body.get("inlineRole") or None
        given = [name for name, value in (("role", role), ("customRoleIds", custom), ("inlineRole", inline))
                 if value is not None]
        if len(given) != 1:
            raise errors.bad_request("Provide exactly one of role, customRoleIds or inlineRole"
                                     + (f" (got {', '.join(given)})" if given else ""))
        if role is not None and role not in TOKEN_ROLES:
            raise errors.bad_request(f"{where}role must be one of reader, writer, admin")
        custom_ids = self._resolve_roles(db, custom, f"{where}customRoleIds") if custom is not None else []
        if inline is not None:
            require_valid_policy(self.api.core, inline, f"{where}inlineRole")
        return role, custom_ids, inline

    def create(self, request: Request) -> Response:
        caller = self.access.authenticate(request.headers)
        body = json_object_body(request)
        for field in ("name", "description"):
            if field in body and not isinstance(body[field], str):
                raise errors.bad_request(f"{field} must be a string")
        service = body.get("serviceToken", False)
        if not isinstance(service, bool):
            raise errors.bad_request("serviceToken must be a boolean")
        version = body.get("defaultApiVersion", LATEST_VERSION)
        if not isinstance(version, int) or isinstance(version, bool) or version not in VALID_VERSIONS:
            raise errors.bad_request(f"defaultApiVersion must be one of {VALID_VERSIONS}")
        token_id = new_object_id()
        resource = f"service-token/{token_id}" if service else f"member/{caller.member_id}:token/{token_id}"
        self.access.require(caller, resource, "createAccessToken")
        secret = new_token_secret()
        created = now_ms()
        with self.store.write() as db:
            role, custom_ids, inline = self._scope_fields(db, body)
            if service and db.execute("SELECT COUNT(*) FROM tokens WHERE service_token = 1").fetchone()[0] \
                    >= SERVICE_TOKEN_QUOTA:
                raise errors.bad_request(f"This account has reached its limit of {SERVICE_TOKEN_QUOTA} service tokens")
            sequence = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM tokens").fetchone()[0]
            # A service token is capped by its creator's permissions as they are now, kept as a snapshot.
            snapshot = caller.subject["member"] if service else None
            db.execute(INSERT_TOKEN, token_row(token_id, caller.member_id, secret, created, version,
                                               body.get("name", ""), body.get("description", ""), role, custom_ids,
                                               inline, service, snapshot, sequence))
            row = db.execute("SELECT * FROM tokens WHERE id = ?", (token_id,)).fetchone()
            return Response(201, self._represent(db, row, secret))

    def patch(self, request: Request, token_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        operations = json_patch_body(request)
        with self.store.read() as db:
            row = self._load(db, caller, token_id)
            self._require_visible(caller, row)
        resource = caller.resource_of_token(row)
        actions = patch_actions(operations, PATCH_ACTIONS, "name, description, role, customRoleIds, inlineRole")
        if "updateAccessTokenPolicy" in actions and row["service_token"]:
            raise errors.bad_request("A service token's permissions are fixed when it is created")
        for action in sorted(actions):
            self.access.require(caller, resource, action)
        document = {"name": row["name"], "description": row["description"],
                    "customRoleIds": loads(row["custom_role_ids"], [])}
        if row["role"]:
            document["role"] = row["role"]
        if row["inline_role"] is not None:
            document["inlineRole"] = loads(row["inline_role"], [])
        try:
            patched = self.api.core.apply_patch(document, operations)
        except CoreError as error:
            raise errors.patch_failed(f"Unprocessable entity. {error.message}")
        for field in ("name", "description"):
            if not isinstance(patched.get(field, ""), str):
                raise errors.bad_request(f"{field} must be a string")
        with self.store.write() as db:
            current = db.execute("SELECT last_modified FROM tokens WHERE id = ?", (token_id,)).fetchone()
            if current is None:
                raise errors.not_found()
            if current["last_modified"] != row["last_modified"]:
                raise errors.conflict("Conflict. Optimistic lock error. Try again later.", "optimistic_locking_error")
            role, custom_ids, inline = self._scope_fields(db, patched, "patched ")
            db.execute("UPDATE tokens SET name = ?, description = ?, role = ?, custom_role_ids = ?, inline_role = ?,"
                       " last_modified = ? WHERE id = ?",
                       (patched.get("name", ""), patched.get("description", ""), role, dumps(custom_ids),
                        dumps(inline) if inline is not None else None, max(now_ms(), row["last_modified"] + 1), token_id))
            return Response(200, self._represent(db, db.execute("SELECT * FROM tokens WHERE id = ?", (token_id,)).fetchone()))

    def delete(self, request: Request, token_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        with self.store.read() as db:
            row = self._load(db, caller, token_id)
            self._require_visible(caller, row)
        self.access.require(caller, caller.resource_of_token(row), "deleteAccessToken")
        with self.store.write() as db:
            db.execute("DELETE FROM tokens WHERE id = ?", (token_id,))
        return Response(204)

    def reset(self, request: Request, token_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        expiry = request.query.get("expiry")
        if expiry is None and isinstance(request.body, dict):
            expiry = request.body.get("expiry")
        if expiry is not None and expiry != "":
            try:
                expiry = int(expiry)
            except (TypeError, ValueError):
                raise errors.bad_request("expiry must be epoch milliseconds")
        else:
            expiry = None
        with self.store.read() as db:
            row = self._load(db, caller, token_id)
            self._require_visible(caller, row)
        self.access.require(caller, caller.resource_of_token(row), "resetAccessToken")
        secret = new_token_secret()
        now = now_ms()
        with self.store.write() as db:
            keep_old = expiry is not None and expiry > now
            db.execute("UPDATE tokens SET secret_hash = ?, ending = ?, previous_secret_hash = ?,"
                       " previous_secret_expiry = ?, last_modified = ? WHERE id = ?",
                       (hash_secret(secret), secret[-4:], row["secret_hash"] if keep_old else None,
                        expiry if keep_old else None, max(now, row["last_modified"] + 1), token_id))
            return Response(200, self._represent(db, db.execute("SELECT * FROM tokens WHERE id = ?", (token_id,)).fetchone(),
                                                 secret))
