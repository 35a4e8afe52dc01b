"""Access tokens: list, create, read, update (JSON Patch), delete, reset.

The rules beyond single permission checks (README, "Security model"):
- a token never exceeds the token it was issued through: creating a token, changing its scope, or taking
  its new secret at a reset records what the caller could do then, and that caps the token for good;
- a token's secret goes only to its own member (a service token's: its creator), at creation or reset, through
  one of their personal tokens (or the token itself); anyone else's permitted reset rotates the secret without
  revealing it;
- the old secret survives a reset by at most MAX_GRACE_MS."""
import re

from . import errors, patching, representations
from .access import Caller, subject_of, token_scope_of
from .request import Request, Response, json_object_body, json_patch_body, query_bool, query_int, require_valid_policy
from .misc_api import LATEST_VERSION, VALID_VERSIONS
from .role_refs import find_role
from .secrets_util import hash_secret, new_object_id, new_token_secret
from .store import INSERT_TOKEN, dumps, loads, now_ms, token_row

TOKEN_ROLES = ("reader", "writer", "admin")
SERVICE_TOKEN_QUOTA = 200
MAX_GRACE_MS = 30 * 24 * 3600 * 1000  # how long an old secret may keep working after a reset: 30 days
DIGITS = re.compile(r"[0-9]{1,15}")
PATCH_ACTIONS = {"name": "updateAccessTokenName", "description": "updateAccessTokenDescription",
                 "role": "updateAccessTokenPolicy", "customRoleIds": "updateAccessTokenPolicy",
                 "inlineRole": "updateAccessTokenPolicy"}
PATCHABLE = "name, description, role, customRoleIds, inlineRole"
SERVICE_TOKEN_ACTIONS = ("createAccessToken", "updateAccessTokenName", "updateAccessTokenDescription",
                         "deleteAccessToken", "resetAccessToken")
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

    # --- who sees what

    def _sees_others(self, caller: Caller) -> bool:
        return self.access.allowed(caller, [{"resource": OTHERS_TOKENS, "action": "deleteAccessToken"}])[0]

    def _visible_service_tokens(self, caller: Caller, rows) -> set:
        """Ids of the service tokens among rows that the caller sees: all of them for a caller that reads the
        account (as LaunchDarkly shows them to every reader), else those it created or may act on."""
        if self.access.facts(caller.subject)["readsAccount"]:
            return {row["id"] for row in rows}
        visible = {row["id"] for row in rows if row["member_id"] == caller.member_id}
        others = [row for row in rows if row["id"] not in visible]
        checks = [{"resource": f"service-token/{row['id']}", "action": action}
                  for row in others for action in SERVICE_TOKEN_ACTIONS]
        answers = self.access.allowed(caller, checks) if checks else []
        for index, row in enumerate(others):
            if any(answers[index * len(SERVICE_TOKEN_ACTIONS):(index + 1) * len(SERVICE_TOKEN_ACTIONS)]):
                visible.add(row["id"])
        return visible

    def _require_visible(self, caller: Caller, row) -> None:
        if row["service_token"]:
            if row["id"] not in self._visible_service_tokens(caller, [row]):
                raise errors.forbidden("Forbidden. This token may not see this service token.")
            return
        if row["member_id"] != caller.member_id and not self._sees_others(caller):
            raise errors.forbidden("Forbidden. Only an admin token can see other members' personal tokens.")

    # --- reading

    def _represent(self, db, row, secret=None, members: dict | None = None) -> dict:
        member_id = row["member_id"]
        if members is not None and member_id in members:
            member = members[member_id]
        else:
            member = db.execute("SELECT * FROM members WHERE id = ?", (member_id,)).fetchone()
            if members is not None:
                members[member_id] = member
        return representations.token(row, self.store.account_id(), member, secret)

    def _load(self, db, token_id: str):
        row = db.execute("SELECT * FROM tokens WHERE id = ?", (token_id,)).fetchone()
        if row is None:
            raise errors.not_found()
        personal_of_removed = not row["service_token"] and db.execute(
            "SELECT 1 FROM members WHERE id = ?", (row["member_id"],)).fetchone() is None
        if personal_of_removed:
            raise errors.not_found()
        return row

    def _load_visible(self, caller: Caller, token_id: str):
        with self.store.read() as db:
            row = self._load(db, token_id)
        self._require_visible(caller, row)
        return row

    def list(self, request: Request) -> Response:
        caller = self.access.authenticate(request.headers)
        limit = query_int(request, "limit", 25, 1, 1000)
        offset = query_int(request, "offset", 0)
        show_all = query_bool(request, "showAll") and self._sees_others(caller)
        personal = "(t.service_token = 0 AND m.id IS NOT NULL AND (t.member_id = ? OR ?))"
        order = " ORDER BY t.creation_date, t.seq, t.id"
        if self.access.facts(caller.subject)["readsAccount"]:
            service, visible_service = "t.service_token = 1", []
        else:
            with self.store.read() as db:
                service_rows = db.execute("SELECT id, member_id FROM tokens WHERE service_token = 1").fetchall()
            visible_service = sorted(self._visible_service_tokens(caller, service_rows))
            service = f"(t.service_token = 1 AND t.id IN ({','.join('?' * len(visible_service))}))" \
                if visible_service else "0"
        where = f"{personal} OR {service}"
        params = (caller.member_id, int(show_all), *visible_service)
        with self.store.read() as db:
            total = db.execute(f"SELECT COUNT(*) FROM tokens t LEFT JOIN members m ON m.id = t.member_id WHERE {where}",
                               params).fetchone()[0]
            rows = db.execute(f"SELECT t.* FROM tokens t LEFT JOIN members m ON m.id = t.member_id WHERE {where}"
                              f"{order} LIMIT ? OFFSET ?", (*params, limit, offset)).fetchall()
            members = {}
            items = [self._represent(db, row, members=members) for row in rows]
        query = "showAll=true" if show_all else ""
        return Response(200, representations.collection(items, total, "/api/v2/tokens", limit, offset, query))

    def get(self, request: Request, token_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        row = self._load_visible(caller, token_id)
        with self.store.read() as db:
            return Response(200, self._represent(db, row))

    # --- writing

    def _resolve_roles(self, db, role_ids, where: str) -> list:
        if not isinstance(role_ids, list) or not all(isinstance(r, str) for r in role_ids):
            raise errors.bad_request(f"{where} must be an array of custom role ids")
        resolved = []
        for role_id in role_ids:
            row = find_role(db, role_id)
            if row is None:
                raise errors.bad_request(f"{where}: no custom role with id or key {role_id[:100]!r}")
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

    def _require_bounded(self, subject: dict) -> None:
        """400 when a role of the token would expand past the core's limit with its member's attributes."""
        over = self.access.facts(subject)["overExpansionLimit"]
        if over:
            raise errors.bad_request(f"Custom role {over[0]['role']!r} expands to too many resource specifiers with "
                                     "this member's role attributes (at most 4096)")

    @staticmethod
    def _check_text_fields(body: dict) -> None:
        for field in ("name", "description"):
            if field in body and not isinstance(body[field], str):
                raise errors.bad_request(f"{field} must be a string")
            if len(body.get(field, "")) > 4096:
                raise errors.bad_request(f"{field} may hold at most 4096 characters")

    def create(self, request: Request) -> Response:
        caller = self.access.authenticate(request.headers)
        body = json_object_body(request)
        self._check_text_fields(body)
        service = body.get("serviceToken", False)
        if not isinstance(service, bool):
            raise errors.bad_request("serviceToken must be a boolean")
        version = body.get("defaultApiVersion", LATEST_VERSION)
        if not isinstance(version, int) or isinstance(version, bool) or version not in VALID_VERSIONS:
            raise errors.bad_request(f"defaultApiVersion must be one of {VALID_VERSIONS}")
        token_id = new_object_id()
        resource = f"service-token/{token_id}" if service else f"member/{caller.member_id}:token/{token_id}"
        self.access.require(caller, resource, "createAccessToken")
        # A service token is capped by its creator's permissions as they are now, kept as a snapshot.
        snapshot = caller.subject["member"] if service else None
        issued_through = self.access.issued_through(caller, [], snapshot)
        secret = new_token_secret()
        created = now_ms()
        with self.store.write() as db:
            role, custom_ids, inline = self._scope_fields(db, body)
            if service and db.execute("SELECT COUNT(*) FROM tokens WHERE service_token = 1").fetchone()[0] \
                    >= SERVICE_TOKEN_QUOTA:
                raise errors.bad_request(f"This account has reached its limit of {SERVICE_TOKEN_QUOTA} service tokens")
            sequence = db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM tokens").fetchone()[0]
            db.execute(INSERT_TOKEN, token_row(token_id, caller.member_id, secret, created, version,
                                               body.get("name", ""), body.get("description", ""), role, custom_ids,
                                               inline, service, snapshot, sequence, issued_through))
            row = db.execute("SELECT * FROM tokens WHERE id = ?", (token_id,)).fetchone()
            self._require_bounded({"member": snapshot or caller.subject["member"],
                                   "token": {**token_scope_of(db, row), "issuedThrough": issued_through}})
            return Response(201, self._represent(db, row, secret))

    def patch(self, request: Request, token_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        operations = json_patch_body(request)
        row = self._load_visible(caller, token_id)
        resource = caller.resource_of_token(row)

        def authorize(actions: set) -> None:
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
        patched = patching.apply(self.api.core, document, operations, PATCH_ACTIONS, PATCHABLE, authorize)
        self._check_text_fields(patched)
        rescoped = any(patched.get(field) != document.get(field) for field in ("role", "customRoleIds", "inlineRole"))
        # A new scope is issued through the caller: the token can never do more than the caller could now.
        issued_through = loads(row["issued_through"], [])
        if rescoped:
            issued_through = self.access.issued_through(caller, issued_through)
        with self.store.write() as db:
            current = db.execute("SELECT last_modified FROM tokens WHERE id = ?", (token_id,)).fetchone()
            if current is None:
                raise errors.not_found()
            if current["last_modified"] != row["last_modified"]:
                raise errors.conflict("Conflict. Optimistic lock error. Try again later.", "optimistic_locking_error")
            role, custom_ids, inline = self._scope_fields(db, patched, "patched ")
            db.execute("UPDATE tokens SET name = ?, description = ?, role = ?, custom_role_ids = ?, inline_role = ?,"
                       " issued_through = ?, last_modified = ? WHERE id = ?",
                       (patched.get("name", ""), patched.get("description", ""), role, dumps(custom_ids),
                        dumps(inline) if inline is not None else None, dumps(issued_through),
                        max(now_ms(), row["last_modified"] + 1), token_id))
            updated = db.execute("SELECT * FROM tokens WHERE id = ?", (token_id,)).fetchone()
            if rescoped:
                self._require_bounded(subject_of(db, updated))
            return Response(200, self._represent(db, updated))

    def delete(self, request: Request, token_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        row = self._load_visible(caller, token_id)
        self.access.require(caller, caller.resource_of_token(row), "deleteAccessToken")
        with self.store.write() as db:
            db.execute("DELETE FROM tokens WHERE id = ?", (token_id,))
        return Response(204)

    @staticmethod
    def _expiry(request: Request, now: int) -> int | None:
        """When the old secret stops working: None for at once, else epoch ms at most MAX_GRACE_MS from now."""
        expiry = request.query.get("expiry")
        if expiry is None and isinstance(request.body, dict):
            expiry = request.body.get("expiry")
        if expiry is None or expiry == "":
            return None
        if isinstance(expiry, bool) or not isinstance(expiry, (int, str)):
            raise errors.bad_request("expiry must be epoch milliseconds")
        text = str(expiry).strip()
        if not DIGITS.fullmatch(text):
            raise errors.bad_request("expiry must be epoch milliseconds (a whole, non-negative number)")
        value = int(text)
        if value > now + MAX_GRACE_MS:
            raise errors.bad_request("expiry may be at most 30 days (2592000000 ms) from now: "
                                     "an old secret cannot be kept working longer")
        return value if value > now else None

    def reset(self, request: Request, token_id: str) -> Response:
        caller = self.access.authenticate(request.headers)
        now = now_ms()
        expiry = self._expiry(request, now)
        row = self._load_visible(caller, token_id)
        self.access.require(caller, caller.resource_of_token(row), "resetAccessToken")
        # The new secret goes to the token's own member only, through one of their personal tokens (or to the
        # token itself); to anyone else the reset is a rotation that cuts the old secret off and reveals nothing.
        reveal = caller.token_id == row["id"] or (not caller.service_token and row["member_id"] == caller.member_id)
        issued_through = loads(row["issued_through"], [])
        if reveal and caller.token_id != row["id"]:
            issued_through = self.access.issued_through(caller, issued_through, loads(row["creator_snapshot"], None))
        secret = new_token_secret()
        with self.store.write() as db:
            # What was read above must still be so: a change of scope meanwhile would otherwise lose its issuer.
            current = db.execute("SELECT last_modified FROM tokens WHERE id = ?", (token_id,)).fetchone()
            if current is None:
                raise errors.not_found()
            if current["last_modified"] != row["last_modified"]:
                raise errors.conflict("Conflict. Optimistic lock error. Try again later.", "optimistic_locking_error")
            db.execute("UPDATE tokens SET secret_hash = ?, ending = ?, previous_secret_hash = ?,"
                       " previous_secret_expiry = ?, issued_through = ?, last_modified = ? WHERE id = ?",
                       (hash_secret(secret), secret[-4:], row["secret_hash"] if expiry else None, expiry,
                        dumps(issued_through), max(now, row["last_modified"] + 1), token_id))
            updated = db.execute("SELECT * FROM tokens WHERE id = ?", (token_id,)).fetchone()
            return Response(200, self._represent(db, updated, secret if reveal else None))
